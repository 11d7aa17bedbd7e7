import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { extensionText, joinPhone, splitPhone } from './phone-value.ts';

/**
 * `e164` is the number alone (the lookup key), `ext` its extension, `value` what a contact stores
 * (phone-value.ts: `+14155552671;ext=123`, or the E.164 number when there is no extension); `renumbered` says an
 * 11-digit Vietnamese mobile number was rewritten with its 2018 prefix. `code` is a field-issue code
 * (schema/issues.ts): why the number was refused, for any language.
 */
export type PhoneResult =
  | { ok: true; e164: string; ext: string | null; value: string; renumbered: boolean }
  | { ok: false; reason: string; code: 'required' | 'too_long' | 'invalid_characters' | 'invalid_phone' };

/**
 * Vietnam's 11-digit mobile prefixes and the 10-digit ones that replaced them (Ministry of Information and
 * Communications, from 15 September 2018, both dialled until 14 November 2018): the last seven digits stay.
 * Old address books and shop spreadsheets still hold the old numbers.
 */
export const VN_PREFIXES_2018: Readonly<Record<string, string>> = {
  // MobiFone
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  // VinaPhone
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  // Viettel
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  // Vietnamobile, Gmobile
  '0186': '056',
  '0188': '058',
  '0199': '059',
};

/** An 11-digit Vietnamese mobile number in any of its written forms, as today's +84 number; null otherwise. */
function renumberVietnamese(number: string, region: CountryCode | undefined): string | null {
  const digits = number.replace(/\D/g, '');
  let national: string | null = null;
  if (number.startsWith('+')) {
    if (/^841\d{9}$/.test(digits)) national = `0${digits.slice(2)}`;
  } else if (/^00841\d{9}$/.test(digits)) national = `0${digits.slice(4)}`;
  else if (region === 'VN' && /^841\d{9}$/.test(digits)) national = `0${digits.slice(2)}`;
  else if (region === 'VN' && /^01\d{9}$/.test(digits)) national = digits;
  if (!national) return null;
  const prefix = VN_PREFIXES_2018[national.slice(0, 4)];
  return prefix ? `+84${prefix.slice(1)}${national.slice(4)}` : null;
}

/**
 * An extension written after the number: "ext. 123", "ext: 123", "extension 123", "x123", "#123", "máy lẻ 123",
 * "nhánh 123", in parentheses or not, or RFC 3966's ";ext=123" (so a stored value reads back as itself).
 */
const EXTENSION = /^(.*?\d[\d\s().\-/]*?)[\s,;]*\(?\s*(?:;?ext=|ext(?:ension)?\.?|x|#|m[áa]y\s+l[ẻe]|s[ốo]\s+l[ẻe]|nh[áa]nh)\s*[:.]?\s*(\d{1,10})\s*\)?$/iu;

/**
 * Parse a phone number as a person would type it ("0912 345 678", "+84 912-345-678", "84912345678", the old
 * "01689 123 456", "+1 415-555-2671 ext. 123") into E.164 and its extension, using the workspace's default region
 * for national numbers.
 */
export function normalizePhone(input: string, defaultRegion: string): PhoneResult {
  const raw = input.normalize('NFC').trim();
  if (raw.length === 0) return { ok: false, reason: 'Phone number is empty', code: 'required' };
  if (raw.length > 40) return { ok: false, reason: 'Phone number is too long', code: 'too_long' };
  const withExt = EXTENSION.exec(raw);
  const number = withExt ? withExt[1]!.trim() : raw;
  const ext = withExt ? withExt[2]! : null;
  if (!/^[+\d\s().\-/]+$/u.test(number)) {
    return { ok: false, reason: 'Phone number may contain only digits, spaces, +, -, ., / and parentheses, and an extension', code: 'invalid_characters' };
  }
  const region = isSupportedCountry(defaultRegion) ? (defaultRegion as CountryCode) : undefined;
  const renumbered = renumberVietnamese(number, region);
  const parsed = parsePhoneNumberFromString(renumbered ?? number, region ? { defaultCountry: region } : undefined);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'Not a valid phone number', code: 'invalid_phone' };
  return { ok: true, e164: parsed.number, ext, value: joinPhone(parsed.number, ext), renumbered: renumbered !== null };
}

/** A piece of a list cell that is only an extension ("ext=12", " ext. 12", "máy lẻ 12"), to rejoin its number. */
const EXTENSION_ONLY = /^\s*\(?\s*(?:ext=|ext(?:ension)?\.?|x|#|m[áa]y\s+l[ẻe]|s[ốo]\s+l[ẻe]|nh[áa]nh)\s*[:.]?\s*\d{1,10}\s*\)?\s*$/iu;

/**
 * The numbers of a cell that holds several ("0912 345 678; 0987 654 321", "0912345678 / 0987654321", one per
 * line), each with its extension: a stored "+14155552671;ext=123" or "+1 415-555-2671, ext. 123" stays one number.
 */
export function splitPhoneList(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.normalize('NFC').split(/[;,/\n]+/)) {
    if (!piece.trim()) continue;
    if (out.length > 0 && EXTENSION_ONLY.test(piece)) out[out.length - 1] = `${out[out.length - 1]} ${piece.trim().replace(/^ext=/i, 'ext ')}`;
    else out.push(piece.trim());
  }
  return out;
}

export function isRegion(code: string): boolean {
  return isSupportedCountry(code);
}

/**
 * The ways a person might type this number, as digit strings for the search index:
 * "84912345678" (E.164 without +), "0912345678" (national with trunk prefix), "912345678" (national significant number).
 */
export function phoneSearchTokens(stored: string): string[] {
  const { e164 } = splitPhone(stored);
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

/**
 * Display format for a stored number, national when it is in the workspace's region, its extension after it
 * in the reader's language ("0283 822 1234 máy lẻ 12", "+1 415 555 2671 ext. 123").
 */
export function formatPhone(stored: string, region: string, locale = 'en'): string {
  const { e164, ext } = splitPhone(stored);
  const parsed = parsePhoneNumberFromString(e164);
  const number = !parsed ? e164 : parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
  return ext ? `${number} ${extensionText(ext, locale)}` : number;
}
