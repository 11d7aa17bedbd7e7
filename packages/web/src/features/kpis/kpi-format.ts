import { minorDigits } from '@kith/domain/money/money.ts';
import { CSV_QUOTE_MATCH, neutralizeCell } from '@kith/domain/export/cells.ts';
import type { KpiUnit } from '@kith/domain/kpis/kpis.ts';
import type { Formatters } from '../../lib/formatters.ts';

/**
 * The KPI screens' numbers in the user's language and the workspace's currency: pure, so the unit tests check them
 * in vi and en. A figure is shown in its KPI's unit — money in the currency (minor units, VND without decimals),
 * a share as a percentage, minutes as hours and minutes, CSAT with two decimals, NPS signed.
 */

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, o: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}${JSON.stringify(o)}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, o)));
  return f;
}

/** Minutes as "2 giờ 15 phút" / "2h 15m"; under an hour as minutes alone. */
export function formatMinutes(fmt: Formatters, minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.floor(Math.abs(m) / 60);
  const rest = Math.abs(m) % 60;
  const sign = m < 0 ? '−' : '';
  const min = nf(fmt.locale, { style: 'unit', unit: 'minute', unitDisplay: 'narrow' });
  if (h === 0) return `${sign}${min.format(rest)}`;
  const hr = nf(fmt.locale, { style: 'unit', unit: 'hour', unitDisplay: 'narrow' }).format(h);
  return rest === 0 ? `${sign}${hr}` : `${sign}${hr} ${min.format(rest)}`;
}

/** A share 0–1 as a percentage with one decimal at most: "45,5%". */
export function formatShare(fmt: Formatters, share: number): string {
  return nf(fmt.locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A figure in its unit; null (nothing to measure) as a dash. */
export function formatValue(fmt: Formatters, unit: KpiUnit, value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'money':
      return fmt.money(Math.round(value), currency);
    case 'count':
      return nf(fmt.locale, { maximumFractionDigits: 1 }).format(value);
    case 'share':
      return formatShare(fmt, value);
    case 'minutes':
      return formatMinutes(fmt, value);
    case 'score':
      return nf(fmt.locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
    case 'nps':
      return nf(fmt.locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(value);
  }
}

/** A figure for a chart's axis: money and counts compact ("1,2 Tr"), the rest as formatValue. */
export function formatAxis(fmt: Formatters, unit: KpiUnit, value: number, currency: string): string {
  if (unit === 'money') return fmt.compact(value / 10 ** (minorDigits(currency) ?? 0));
  if (unit === 'count') return fmt.compact(value);
  if (unit === 'minutes') return formatMinutes(fmt, value);
  return formatValue(fmt, unit, value, currency);
}

/** The 95% interval of a rate, CSAT or NPS: "3,8–4,9". */
export function formatInterval(fmt: Formatters, unit: KpiUnit, interval: { low: number; high: number } | null, currency: string): string | null {
  if (!interval) return null;
  return `${formatValue(fmt, unit, interval.low, currency)}–${formatValue(fmt, unit, interval.high, currency)}`;
}

/** Attainment (1 = on target) as a percentage with no decimals: "87%". */
export function formatAttainment(fmt: Formatters, a: number | null | undefined): string {
  return a === null || a === undefined ? '—' : nf(fmt.locale, { style: 'percent', maximumFractionDigits: 0 }).format(a);
}

/** The decimal mark of a language: "," in Vietnamese, "." in English. */
export const decimalMark = (lang: string): ',' | '.' => (lang.startsWith('vi') ? ',' : '.');

/**
 * A number as typed in the user's language: "1.250.000" or "4,5" in Vietnamese, "1,250,000" or "4.5" in English;
 * spaces, a % sign and a leading sign allowed. A single other mark not followed by three digits ("4.5" typed in
 * Vietnamese) is read as the decimal mark. Null when the text is not a number.
 */
export function parseLocaleNumber(text: string, decimal: ',' | '.'): number | null {
  let s = text.trim().replace(/[\s\u00a0\u202f%₫]/g, '');
  if (s === '') return null;
  let negative = false;
  if (/^[-−–]/.test(s)) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s)) return null;
  const thousands = decimal === ',' ? '.' : ',';
  let dec: string = decimal;
  if (!s.includes(decimal) && s.split(thousands).length === 2 && !new RegExp(`\\${thousands}\\d{3}$`).test(s)) dec = thousands;
  const parts = s.split(dec);
  if (parts.length > 2) return null;
  const [intPart, frac] = parts as [string, string?];
  const other = dec === ',' ? '.' : ',';
  if (intPart.includes(other) && !new RegExp(`^\\d{1,3}(\\${other}\\d{3})+$`).test(intPart)) return null;
  const whole = intPart.split(other).join('');
  if (!/^\d+$/.test(whole) || (frac !== undefined && !/^\d+$/.test(frac))) return null;
  const n = Number(`${whole}.${frac ?? '0'}`);
  return negative ? -n : n;
}

/**
 * How a target is typed for a unit, and back: money in the currency's major units ("50.000.000" for VND), a share
 * as a percentage (0–100), minutes, counts, CSAT and NPS as they are. `toInput` gives the text an input starts with.
 */
export function targetToInput(fmt: Formatters, unit: KpiUnit, target: number | null | undefined, currency: string): string {
  if (target === null || target === undefined) return '';
  if (unit === 'money') {
    const d = minorDigits(currency) ?? 0;
    return nf(fmt.locale, { minimumFractionDigits: 0, maximumFractionDigits: d }).format(target / 10 ** d);
  }
  if (unit === 'share') return nf(fmt.locale, { maximumFractionDigits: 2 }).format(target * 100);
  return nf(fmt.locale, { maximumFractionDigits: 2 }).format(target);
}

export type ParsedTarget = { ok: true; value: number } | { ok: false; error: 'number' | 'decimals' };

export function parseTarget(text: string, unit: KpiUnit, currency: string, decimal: ',' | '.'): ParsedTarget {
  const n = parseLocaleNumber(text, decimal);
  if (n === null) return { ok: false, error: 'number' };
  if (unit === 'money') {
    const d = minorDigits(currency) ?? 0;
    const minor = n * 10 ** d;
    const rounded = Math.round(minor);
    if (Math.abs(minor - rounded) > 1e-6) return { ok: false, error: 'decimals' };
    return { ok: true, value: rounded };
  }
  if (unit === 'share') return { ok: true, value: Math.round(n * 100) / 10_000 };
  return { ok: true, value: n };
}

/** A KPI's unit for a column header: "₫", "%", "phút"… (money's symbol from the currency). */
export function unitSymbol(fmt: Formatters, unit: KpiUnit, currency: string): string {
  switch (unit) {
    case 'money':
      return (
        nf(fmt.locale, { style: 'currency', currency, currencyDisplay: currency === 'VND' ? 'symbol' : 'narrowSymbol' })
          .formatToParts(0)
          .find((p) => p.type === 'currency')?.value ?? currency
      );
    case 'share':
      return '%';
    case 'minutes':
      return nf(fmt.locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' })
        .formatToParts(2)
        .filter((p) => p.type === 'unit')
        .map((p) => p.value)
        .join('');
    default:
      return '';
  }
}

/** A figure for a CSV file: money in the currency's major units as a plain decimal, a share as a percentage, the rest as they are. */
export function csvValue(unit: KpiUnit, value: number | null | undefined, currency: string): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (unit === 'money') {
    const d = minorDigits(currency) ?? 0;
    return Math.round(value) / 10 ** d;
  }
  if (unit === 'share') return Math.round(value * 10_000) / 100;
  return Math.round(value * 100) / 100;
}

/**
 * A CSV file's text for spreadsheets: UTF-8 with a BOM (Excel reads Vietnamese), every text cell made safe
 * (`neutralizeCell`: a name starting with = + - @ does not run as a formula) and quoted when it holds a separator,
 * a quote or the added apostrophe.
 */
export function csvText(rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (c: string | number | null) => {
    if (c === null) return '';
    if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
    const s = neutralizeCell(c);
    return CSV_QUOTE_MATCH.test(s) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function downloadCsv(name: string, rows: readonly (readonly (string | number | null)[])[]): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([csvText(rows)], { type: 'text/csv;charset=utf-8' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Ranks with ties (1, 2, 2, 4): `values` already sorted best first; equal neighbours share a rank. */
export function ranks(values: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = [];
  values.forEach((v, i) => {
    if (v === null) out.push(null);
    else if (i > 0 && values[i - 1] === v) out.push(out[i - 1]!);
    else out.push(i + 1);
  });
  return out;
}

/** Sort best first by a KPI's direction (or a score, higher is better); nothing to measure goes last. */
export function compareBy(direction: 'higher' | 'lower') {
  return (a: number | null, b: number | null): number => {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return direction === 'higher' ? b - a : a - b;
  };
}
