import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

/** `code` is a field-issue code (schema/issues.ts): why the number was refused, for any language. */
export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string; code: 'required' | 'too_long' | 'invalid_characters' | 'invalid_phone' };

/**
 * Parse a phone number as a person would type it ("0912 345 678", "+84 912-345-678", "84912345678")
 * into E.164, using the workspace's default region for national numbers.
 */
export function normalizePhone(input: string, defaultRegion: string): PhoneResult {
  const raw = input.trim();
  if (raw.length === 0) return { ok: false, reason: 'Phone number is empty', code: 'required' };
  if (raw.length > 40) return { ok: false, reason: 'Phone number is too long', code: 'too_long' };
  if (!/^[+\d\s().\-/]+$/u.test(raw)) {
    return { ok: false, reason: 'Phone number may contain only digits, spaces, +, -, ., / and parentheses', code: 'invalid_characters' };
  }
  const region = isSupportedCountry(defaultRegion) ? (defaultRegion as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw, region ? { defaultCountry: region } : undefined);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'Not a valid phone number', code: 'invalid_phone' };
  return { ok: true, e164: parsed.number };
}

export function isRegion(code: string): boolean {
  return isSupportedCountry(code);
}

/**
 * The ways a person might type this number, as digit strings for the search index:
 * "84912345678" (E.164 without +), "0912345678" (national with trunk prefix), "912345678" (national significant number).
 */
export function phoneSearchTokens(e164: string): string[] {
  const tokens = new Set<string>([e164.replace(/\D/g, '')]);
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed) {
    const nsn = String(parsed.nationalNumber);
    tokens.add(nsn);
    const national = parsed.formatNational().replace(/\D/g, '');
    tokens.add(national);
  }
  return [...tokens];
}

/** Display format for a stored E.164 number, national when it is in the workspace's region. */
export function formatPhone(e164: string, region: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}
