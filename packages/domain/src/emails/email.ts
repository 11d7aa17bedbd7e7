/** Emails are stored trimmed and lower-cased; the check is deliberately practical, not RFC 5322. */
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/u;

export function normalizeEmail(input: string): string {
  return input.normalize('NFC').trim().toLowerCase();
}

export function isValidEmail(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL.test(normalized) && !normalized.includes('..');
}
