/**
 * Values as real files hold them: dates written day first (25/01/2026, 25-01-2026, 25.01.2026), ISO dates,
 * Excel's serial day numbers; a time after the date; whole numbers with "." or "," between thousands.
 * Each parser returns null when the text is not one, so the import can name the row and the column.
 */

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
