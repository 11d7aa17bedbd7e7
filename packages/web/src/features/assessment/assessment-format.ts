import type { TFunction } from 'i18next';
import type { Formatters } from '../../lib/formatters.ts';
import type { Evidence } from './assessment-data.ts';

/** The assessment screens' numbers in the user's language: pure, so the unit tests can check them in vi and en. */

/** A percentage 0–100 as the user reads it: "35%", "67,5%". */
export function pct(fmt: Formatters, n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${fmt.number(Math.round(n * 10) / 10)}%`;
}

/** A level or a mean of levels (0–4), one decimal at most. */
export function level(fmt: Formatters, n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : fmt.number(Math.round(n * 10) / 10);
}

/** A change in points, signed: "+4,5", "−3". */
export function delta(fmt: Formatters, n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const r = Math.round(n * 10) / 10;
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${fmt.number(Math.abs(r))}`;
}

/**
 * An indicator's value formatted by its unit (indicator-catalogue.ts): a share (0–1) as a percentage, counts as
 * numbers, a rate per month or per 1,000 customers, durations in hours or days, a mean answer with one decimal, the
 * NPS signed (−100…100) and any other score (a 0–1 index) with two decimals.
 */
export function evidenceValue(fmt: Formatters, e: Pick<Evidence, 'key' | 'unit' | 'value'>, t: TFunction): string {
  const v = e.value;
  if (v === null) return '—';
  const one = (x: number) => fmt.number(Math.round(x * 10) / 10);
  switch (e.unit) {
    case 'share':
      return `${one(v * 100)}%`;
    case 'hours':
      return t('assessment.units.hours', { count: Math.round(v * 10) / 10, formatted: one(v) });
    case 'days':
      return t('assessment.units.days', { count: Math.round(v * 10) / 10, formatted: one(v) });
    case 'per_month':
      return t('assessment.units.perMonth', { formatted: one(v) });
    case 'per_thousand':
      return t('assessment.units.per1000', { formatted: one(v) });
    case 'score':
      return e.key === 'nps' ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmt.number(Math.abs(Math.round(v)))}` : fmt.number(Math.round(v * 100) / 100);
    case 'count':
      return fmt.number(Math.round(v));
    default:
      return one(v);
  }
}

/** A label broken into lines of about `width` characters, at spaces (the radar's area names). */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}
