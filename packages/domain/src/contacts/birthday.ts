/**
 * A birthday as Kith stores it: a full date `YYYY-MM-DD`, or a day of the year whose year nobody knows,
 * `--MM-DD` — ISO 8601:2000's reduced form, as vCard 4 writes BDAY and Google Contacts exports it. Both are text
 * in the one `birthday` column; a year-less value sorts before every full date and is in no date range.
 */

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEARLESS = /^--(\d{2})-(\d{2})$/;

export type BirthdayParts = { year: number | null; month: number; day: number };

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether month and day name a day of some year (29 February included: it is someone's birthday). */
function isDayOfYear(month: number, day: number): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2000, month, 0)).getUTCDate();
}

/** The stored year-less form of a month and day (`--12-03`), or null when they are no day of the year. */
export function yearlessBirthday(month: number, day: number): string | null {
  return isDayOfYear(month, day) ? `--${pad(month)}-${pad(day)}` : null;
}

export function isYearlessBirthday(stored: string): boolean {
  const m = YEARLESS.exec(stored);
  return m !== null && isDayOfYear(Number(m[1]), Number(m[2]));
}

/** The year (null when not known), month and day of a stored birthday, or null when it is neither form. */
export function birthdayParts(stored: string): BirthdayParts | null {
  const y = YEARLESS.exec(stored);
  if (y) {
    const [month, day] = [Number(y[1]), Number(y[2])];
    return isDayOfYear(month, day) ? { year: null, month, day } : null;
  }
  const f = FULL.exec(stored);
  if (!f) return null;
  const [year, month, day] = [Number(f[1]), Number(f[2]), Number(f[3])];
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day ? { year, month, day } : null;
}

/** The age in whole years on `today` (YYYY-MM-DD), or null when the year is not known. */
export function ageOn(stored: string, today: string): number | null {
  const b = birthdayParts(stored);
  const t = birthdayParts(today);
  if (!b || !t || b.year === null || t.year === null) return null;
  const before = t.month < b.month || (t.month === b.month && t.day < b.day);
  return t.year - b.year - (before ? 1 : 0);
}
