import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/**
 * Passwords seen most often in breaches (zxcvbn-ts's ranked list of 49k), plus a few that Vietnamese
 * users pick and English lists miss. Only entries of the minimum length or longer can matter.
 */
const VIETNAMESE_COMMON = [
  'matkhau',
  'matkhau123',
  'matkhau1',
  'anhyeuem',
  'anhyeuem123',
  'emyeuanh',
  'emyeuanh123',
  'yeuem123',
  'iloveyou',
  'vietnam',
  'vietnam123',
  'vietnam1',
  'saigon123',
  'hanoi123',
  'nguyen123',
  'conmeo123',
  'khongbiet',
  'hoilamgi',
  '123456789a',
  'a123456789',
  'abc123456',
  'qwerty123',
  '11223344',
  '12345678a',
  'zxcvbnm123',
];

const COMMON = new Set<string>([...(dictionary['passwords-common'] as string[]).filter((p) => p.length >= PASSWORD_MIN), ...VIETNAMESE_COMMON]);

export type PasswordProblem = {
  message: string;
  code: 'too_short' | 'too_long' | 'invalid_characters' | 'password_common' | 'password_repeated' | 'password_contains_email';
  params?: Record<string, number>;
};

/** Returns why a password is refused (in English, and as a field-issue code), or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return { message: `Must be at least ${PASSWORD_MIN} characters`, code: 'too_short', params: { minimum: PASSWORD_MIN } };
  if (password.length > PASSWORD_MAX) return { message: `Must be at most ${PASSWORD_MAX} characters`, code: 'too_long', params: { maximum: PASSWORD_MAX } };
  if (!password.isWellFormed() || password.includes('\u0000'))
    return { message: 'Must not contain NUL characters or unpaired surrogates', code: 'invalid_characters' };
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return { message: 'This password is among the most common ones; choose another', code: 'password_common' };
  if (/^(.)\1+$/.test(password)) return { message: 'Must not be one repeated character', code: 'password_repeated' };
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return { message: 'Must not contain your email address', code: 'password_contains_email' };
  return null;
}
