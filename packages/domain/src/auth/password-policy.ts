import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/**
 * Passwords seen most often in breaches (zxcvbn-ts's ranked list of 49k), plus a few that Vietnamese
 * users pick and English lists miss. Only entries of the minimum length or longer can matter.
 */
const VIETNAMESE_COMMON = [
  'matkhau', 'matkhau123', 'matkhau1', 'anhyeuem', 'anhyeuem123', 'emyeuanh', 'emyeuanh123', 'yeuem123', 'iloveyou', 'vietnam',
  'vietnam123', 'vietnam1', 'saigon123', 'hanoi123', 'nguyen123', 'conmeo123', 'khongbiet', 'hoilamgi', '123456789a', 'a123456789',
  'abc123456', 'qwerty123', '11223344', '12345678a', 'zxcvbnm123',
];

const COMMON = new Set<string>([
  ...(dictionary['passwords-common'] as string[]).filter((p) => p.length >= PASSWORD_MIN),
  ...VIETNAMESE_COMMON,
]);

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN) return `Must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Must be at most ${PASSWORD_MAX} characters`;
  if (!password.isWellFormed() || password.includes('\u0000')) return 'Must not contain NUL characters or unpaired surrogates';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'This password is among the most common ones; choose another';
  if (/^(.)\1+$/.test(password)) return 'Must not be one repeated character';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Must not contain your email address';
  return null;
}
