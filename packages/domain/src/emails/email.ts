/** Emails are stored trimmed and lower-cased; the check is deliberately practical, not RFC 5322. */
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/u;

/**
 * Characters nobody can see or that reorder what is seen: controls, format characters (zero-width space
 * and joiners, the BOM, soft hyphen), bidi overrides and isolates, variation selectors, tag characters,
 * line and paragraph separators. In an address they only serve to make two addresses look alike
 * (`an\u200b@example.com`) or to show one as another (`\u202e`).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/u;

export function normalizeEmail(input: string): string {
  return input.normalize('NFC').trim().toLowerCase();
}

export type EmailProblem = { code: 'invisible_characters' | 'invalid_email'; message: string };

/** Why a normalised address is refused, or null when it is fine. */
export function emailProblem(normalized: string): EmailProblem | null {
  const hidden = INVISIBLE.exec(normalized);
  if (hidden) {
    const cp = hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return { code: 'invisible_characters', message: `Contains an invisible or text-direction character (U+${cp}); type the address again` };
  }
  if (normalized.length > 254 || !EMAIL.test(normalized) || normalized.includes('..')) return { code: 'invalid_email', message: 'Not a valid email address' };
  return null;
}

export function isValidEmail(normalized: string): boolean {
  return emailProblem(normalized) === null;
}

/** The scripts a lookalike is usually made of; a letter of any other script counts as its own. */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Thai',
  'Lao',
  'Khmer',
  'Devanagari',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Cherokee',
  'Ethiopic',
] as const;
const SCRIPT_RE = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const);
/** Unicode's "highly restrictive" mixes (UTS #39): Latin with the scripts written beside it in East Asia. */
const ALLOWED_MIXES = [new Set(['Latin', 'Han', 'Hiragana', 'Katakana']), new Set(['Latin', 'Han', 'Bopomofo']), new Set(['Latin', 'Han', 'Hangul'])];

function scriptOf(ch: string): string | null {
  if (!/\p{L}/u.test(ch)) return null; // digits, dots, hyphens, combining marks (Vietnamese tones): any script
  for (const [name, re] of SCRIPT_RE) if (re.test(ch)) return name;
  return 'Other';
}

/**
 * The scripts mixed within one part of an address (the local part, or one label of the domain) when the
 * mix is one that makes lookalikes — `раураl.com` in Cyrillic letters beside Latin ones — else null.
 * Vietnamese (Latin with tone marks) and East Asian mixes that Unicode deems safe are not flagged.
 */
export function mixedScripts(email: string): string[] | null {
  const at = email.lastIndexOf('@');
  const parts = at < 0 ? [email] : [email.slice(0, at), ...email.slice(at + 1).split('.')];
  for (const part of parts) {
    const found = new Set<string>();
    for (const ch of part) {
      const s = scriptOf(ch);
      if (s) found.add(s);
    }
    if (found.size > 1 && !ALLOWED_MIXES.some((ok) => [...found].every((s) => ok.has(s)))) return [...found];
  }
  return null;
}

/**
 * Why an address cannot be someone's sign-in (an invitation, the first owner, `kith user create`): any
 * reason an email is refused, and also letters of several alphabets in one part — an invitation to a
 * lookalike of a colleague's address is how an account ends up with the wrong person. Customers' emails
 * are only flagged for that (the web app marks them), never refused: the business did not choose them.
 */
export function accountEmailProblem(normalized: string): (EmailProblem | { code: 'mixed_scripts'; message: string; params: { scripts: string } }) | null {
  const p = emailProblem(normalized);
  if (p) return p;
  const mixed = mixedScripts(normalized);
  if (mixed)
    return {
      code: 'mixed_scripts',
      message: `Mixes letters of different alphabets (${mixed.join(', ')}) in one part; it may imitate another address`,
      params: { scripts: mixed.join(', ') },
    };
  return null;
}
