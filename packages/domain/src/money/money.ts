/**
 * Money is stored as an integer count of the currency's minor unit (đồng for VND, cents for USD) beside
 * its ISO 4217 code; never a float. The number of minor digits comes from the ICU data Node and the
 * browsers ship (VND 0, USD 2, KWD 3), so no table of currencies is kept here.
 */

let known: Set<string> | undefined;
const digitsCache = new Map<string, number | null>();

/** The currency's minor digits, or null when the code is not a currency ICU knows (the list the web app formats with). */
export function minorDigits(code: string): number | null {
  let d = digitsCache.get(code);
  if (d === undefined) {
    known ??= new Set(Intl.supportedValuesOf('currency'));
    d = known.has(code) ? (new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2) : null;
    digitsCache.set(code, d);
  }
  return d;
}

export function isCurrency(code: string): boolean {
  return minorDigits(code) !== null;
}

/** The largest amount Kith accepts in minor units: beyond it integer arithmetic in JavaScript is not exact. */
export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

/**
 * A decimal amount as typed in a file or a form ("1.250.000", "1,250,000.50", "12.5") into minor units of
 * `currency`. `decimal` says which mark separates the fraction ('.' or ','); the other is taken as a
 * thousands separator. Returns null when the text is not an amount or has more decimals than the currency.
 */
export function parseAmount(text: string, currency: string, decimal: '.' | ',' = '.'): number | null {
  const digits = minorDigits(currency);
  if (digits === null) return null;
  const thousands = decimal === '.' ? ',' : '.';
  let s = text.trim().replace(/[\s\u00a0₫đ]|VND|USD/gi, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s)) return null;
  // "1.250.000" with '.' as the decimal mark is still clearly thousands (more than one mark, groups of 3).
  const marks = s.split(decimal).length - 1;
  if (marks > 1 && new RegExp(`^\\d{1,3}(\\${decimal}\\d{3})+$`).test(s)) s = s.split(decimal).join('');
  const parts = s.split(decimal);
  if (parts.length > 2) return null;
  const [intPart, frac = ''] = parts as [string, string?];
  if (intPart.includes(thousands) && !new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})+$`).test(intPart)) return null;
  const whole = intPart.split(thousands).join('');
  if (whole === '' || !/^\d+$/.test(whole) || !/^\d*$/.test(frac)) return null;
  if (frac.replace(/0+$/, '').length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return negative ? -minor : minor;
}

/** Minor units as a plain decimal string in the currency's digits ("1250000", "12.50"), for exports. */
export function formatMinorPlain(minor: number, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}
