/**
 * Values as real files hold them: dates written day first (25/01/2026, 25-01-2026, 25.01.2026), ISO dates,
 * Excel's serial day numbers; a time after the date; whole numbers with "." or "," between thousands.
 * Each parser returns null when the text is not one, so the import can name the row and the column.
 */

import { yearlessBirthday } from '../contacts/birthday.ts';

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return t.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A calendar date as YYYY-MM-DD, read day-first by default (Vietnam), or null. */
export function parseDate(text: string, order: DateOrder = 'dmy'): string | null {
  const s = text.trim();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:\s.*)?$/.exec(s);
  if (m) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const year = (y: number, digits: number) => (digits <= 2 ? (y < 70 ? 2000 + y : 1900 + y) : y);
    if (m[1]!.length === 4) return valid(a, b, c);
    if (order === 'mdy') return valid(year(c, m[3]!.length), a, b);
    return valid(year(c, m[3]!.length), b, a);
  }
  // Excel stores dates as days since 1899-12-30.
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000);
    return valid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

/**
 * What "nothing" looks like in the date columns of the files people import: Outlook's CSV writes `0/0/00` for an
 * empty Birthday or Anniversary and keeps `1/1/4501` as its "None" date; MySQL dumps `0000-00-00`; Windows tools
 * write the FILETIME epoch `1/1/1601` (in any order); a formatted empty Excel cell is the serial `0`.
 */
export function isEmptyDate(text: string): boolean {
  const s = text.trim();
  if (s === '') return true;
  if (/^0+(\.0+)?$/.test(s)) return true;
  const m = /^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[T\s].*)?$/.exec(s);
  if (!m) return false;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (parts.every((n) => n === 0)) return true;
  const year = parts.find((n) => n >= 1000);
  const rest = parts.filter((n) => n < 1000);
  return (year === 1601 || year === 4501) && rest.length === 2 && rest.every((n) => n === 1);
}

/** Which reading of day and month one cell supports: `same` when both read alike, `either` when both are dates. */
export type DateOrderEvidence = 'dmy' | 'mdy' | 'either' | 'same';

/** How many cells of a column gave each kind of evidence (as counted by `countDateOrderEvidence`). */
export type DateOrderCounts = Partial<Record<DateOrderEvidence, number>>;

const dayMonth = (day: number, month: number) => yearlessBirthday(month, day) !== null;

/**
 * What one cell says about the column's order of day and month: "25/01/2026" is day first, "01/25/2026" month
 * first (a part above 12 decides), "03/04/2026" could be either, "03/03/2026" reads the same both ways. A cell
 * with its 4-digit year first (2026-01-25, 2026/01/25) is year-month-day whatever the column's order and says
 * nothing, nor do an Excel serial, an empty date or text that is no date: null. A year-less "03/12" counts too.
 */
export function dateOrderEvidence(text: string): DateOrderEvidence | null {
  const s = text.trim();
  if (isEmptyDate(s)) return null;
  const m = /^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?(?:[T\s].*)?$/.exec(s);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (m[3] !== undefined) {
    const y = m[3].length === 2 ? 2000 : Number(m[3]);
    const asDmy = valid(Math.max(1900, y), b, a) !== null;
    const asMdy = valid(Math.max(1900, y), a, b) !== null;
    if (asDmy && asMdy) return a === b ? 'same' : 'either';
    return asDmy ? 'dmy' : asMdy ? 'mdy' : null;
  }
  const asDmy = dayMonth(a, b);
  const asMdy = dayMonth(b, a);
  if (asDmy && asMdy) return a === b ? 'same' : 'either';
  return asDmy ? 'dmy' : asMdy ? 'mdy' : null;
}

/** The evidence of every cell of a column, counted. */
export function countDateOrderEvidence(cells: Iterable<string>): DateOrderCounts {
  const counts: DateOrderCounts = {};
  for (const c of cells) {
    const e = dateOrderEvidence(c);
    if (e) counts[e] = (counts[e] ?? 0) + 1;
  }
  return counts;
}

/**
 * A column's order of day and month from its cells' evidence. Cells that only one order reads decide it; when
 * none does, the column reads alike either way or is read in `fallback` (the workspace's habit, day first in
 * Vietnam) and `ambiguous` says that was a guess (some cell could have been read the other way). Cells that
 * contradict each other (some day first, some month first) give `{ order: null, ambiguous: true }`: the file mixes
 * two orders and the caller should refuse the column by name rather than read half of it wrongly.
 */
export function detectDateOrder(counts: DateOrderCounts, fallback: DateOrder = 'dmy'): { order: DateOrder | null; ambiguous: boolean } {
  const dmy = counts.dmy ?? 0;
  const mdy = counts.mdy ?? 0;
  if (dmy > 0 && mdy > 0) return { order: null, ambiguous: true };
  if (dmy > 0) return { order: 'dmy', ambiguous: false };
  if (mdy > 0) return { order: 'mdy', ambiguous: false };
  return { order: fallback, ambiguous: (counts.either ?? 0) > 0 };
}

/**
 * A birthday cell as the systems people import from write it: a full date (as parseDate reads it, in `order`);
 * a day of the year without its year — Google Contacts' and vCard's `--12-03` and `--1203`, Apple's vCard year
 * 1604 (X-APPLE-OMIT-YEAR), "03/12" or "3.12" in `order` — stored as `--MM-DD` (contacts/birthday.ts); or one of
 * the empty dates (isEmptyDate). Null when the text is none of these, so the import can name the cell.
 */
export function parseBirthday(text: string, order: DateOrder = 'dmy'): { value: string } | { empty: true } | null {
  const s = text.trim();
  if (isEmptyDate(s)) return { empty: true };
  let m = /^--(\d{2})-?(\d{2})$/.exec(s);
  if (m) {
    const v = yearlessBirthday(Number(m[1]), Number(m[2]));
    return v ? { value: v } : null;
  }
  m = /^1604-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(s);
  if (m) {
    const v = yearlessBirthday(Number(m[1]), Number(m[2]));
    return v ? { value: v } : null;
  }
  m = /^(\d{1,2})[/.\-](\d{1,2})$/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const v = order === 'dmy' ? yearlessBirthday(b, a) : yearlessBirthday(a, b);
    return v ? { value: v } : null;
  }
  const full = parseDate(s, order);
  return full ? { value: full } : null;
}

/**
 * A date with an optional time ("25/01/2026 14:30", "2026-01-25T14:30:00+07:00") as an ISO instant; a
 * time without a zone is read in `timeZoneOffsetMinutes` (Vietnam: +420), a date alone at midnight there.
 */
export function parseDateTime(text: string, order: DateOrder = 'dmy', timeZoneOffsetMinutes = 420): string | null {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  const day = parseDate(s, order);
  if (!day) return null;
  const time = /[T\s](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|SA|CH)?$/i.exec(s);
  let h = 0;
  let min = 0;
  let sec = 0;
  if (time) {
    h = Number(time[1]);
    min = Number(time[2]);
    sec = Number(time[3] ?? 0);
    const half = time[4]?.toUpperCase();
    if (half === 'PM' || half === 'CH') h = h === 12 ? 12 : h + 12;
    if ((half === 'AM' || half === 'SA') && h === 12) h = 0;
    if (h > 23 || min > 59 || sec > 59) return null;
  }
  const utc = Date.parse(`${day}T${pad(h)}:${pad(min)}:${pad(sec)}Z`) - timeZoneOffsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

/** A whole number such as 3, "1.200" or "1,200" (thousands separators), or null. */
export function parseWholeNumber(text: string): number | null {
  const s = text.trim().replace(/\s/g, '');
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^-?\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  return null;
}
