/**
 * Working calendars, and SLA clocks that count only working time.
 *
 * A calendar is a wall-clock week in an IANA time zone (per weekday, the intervals worked: a lunch break is
 * the gap between two, a Saturday morning is common in Vietnam), less the holidays, plus the make-up days
 * the government announces (a Saturday worked so that Tết or a long weekend can join up). A first-response
 * target of "4 business hours" is then a due time found by walking forward through those intervals, and the
 * time a ticket has waited is the working time between two instants.
 *
 * Days are walked whole: a day's working minutes are subtracted at once, and a week with no holiday, make-up
 * day or clock change in it at once, so a target of years costs a few thousand steps, not one per minute.
 * Local times become instants through Intl's time-zone data, so clock changes are right in any zone: a
 * working day that loses an hour to summer time counts an hour less.
 */
import { timeZoneOf, type Zone } from './zone.ts';

/** A span of wall-clock time worked, `HH:MM` to `HH:MM` (`24:00` for midnight at its end). */
export type WorkingInterval = { from: string; to: string };

export type WorkingCalendar = {
  /** IANA time zone, e.g. `Asia/Ho_Chi_Minh`. */
  timeZone: string;
  /** Per weekday, 0 Sunday to 6 Saturday, the intervals worked; a missing or empty day is not worked. */
  week: readonly (readonly WorkingInterval[] | undefined)[];
  /** Days off (`YYYY-MM-DD`), whatever the weekday; they win over `extraWorkingDays`. */
  holidays: readonly string[];
  /** Days worked though their weekday is not (`YYYY-MM-DD`): the make-up Saturdays the government announces. */
  extraWorkingDays?: readonly string[];
  /** The hours of an extra working day; Monday's unless given. */
  extraWorkingHours?: readonly WorkingInterval[];
};

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How far ahead a due time may lie: 400 years, far past any target, near enough to answer fast. */
const HORIZON_DAYS = 146_097;

// ---------------------------------------------------------------------------------------------------
// Calendars

/** A day's intervals as minutes since midnight, flat: from, to, from, to… in order. */
type Schedule = readonly number[];

type Compiled = {
  zone: Zone;
  week: Schedule[];
  /** Milliseconds worked in a week with no day off or extra day. */
  weekMs: number;
  extraHours: Schedule;
  off: Set<number>;
  extra: Set<number>;
  /** Days off and extra days, sorted: the days a week may not be skipped over. */
  special: number[];
  /** The last day worked when no weekday is: past it there is no working time. */
  lastExtraDay: number;
};

const EMPTY: Schedule = [];

function minutesOf(time: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || !(minutes <= 1440)) throw new RangeError(`${what}: a time is HH:MM, 00:00 to 24:00, not ${JSON.stringify(time)}`);
  return minutes;
}

function scheduleOf(intervals: readonly WorkingInterval[] | undefined, what: string): Schedule {
  const spans = (intervals ?? []).map((iv, i) => {
    const from = minutesOf(iv.from, `${what}, interval ${i}`);
    const to = minutesOf(iv.to, `${what}, interval ${i}`);
    if (from >= to) throw new RangeError(`${what}, interval ${i}: ${iv.from}–${iv.to} ends before it starts`);
    return [from, to] as const;
  });
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i]![0] < spans[i - 1]![1]) throw new RangeError(`${what}: working intervals overlap`);
  return spans.flat();
}

function totalMinutes(s: Schedule): number {
  let total = 0;
  for (let i = 0; i < s.length; i += 2) total += s[i + 1]! - s[i]!;
  return total;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
function dayOf(iso: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(t).toISOString().slice(0, 10) === iso) return t / DAY_MS;
  }
  throw new RangeError(`${what}: not a date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
}

/**
 * A calendar compiled once per calendar object: a report that counts the working time of thousands of tickets with
 * one calendar compiles it (and learns its zone's offsets) once, not once a ticket (BENCHMARKS (p)). Calendars are
 * values — built, then only read — so the object is the key; a WeakMap lets each go with its object.
 */
const COMPILED = new WeakMap<WorkingCalendar, Compiled>();
function compiled(calendar: WorkingCalendar): Compiled {
  let c = COMPILED.get(calendar);
  if (!c) COMPILED.set(calendar, (c = compile(calendar)));
  return c;
}

function compile(calendar: WorkingCalendar): Compiled {
  if (calendar.week.length > 7) throw new RangeError('a week has 7 days, 0 (Sunday) to 6 (Saturday)');
  const week = Array.from({ length: 7 }, (_, day) => scheduleOf(calendar.week[day], `weekday ${day}`));
  const extraHours = calendar.extraWorkingHours ? scheduleOf(calendar.extraWorkingHours, 'extra working hours') : week[1]!;
  const off = new Set(calendar.holidays.map((d) => dayOf(d, 'holiday')));
  const extra = new Set((calendar.extraWorkingDays ?? []).map((d) => dayOf(d, 'extra working day')).filter((d) => !off.has(d)));
  const weekTotal = week.reduce((sum, s) => sum + totalMinutes(s), 0);
  let lastExtraDay = Number.NEGATIVE_INFINITY;
  if (extraHours.length > 0) for (const d of extra) lastExtraDay = Math.max(lastExtraDay, d);
  if (weekTotal === 0 && lastExtraDay === Number.NEGATIVE_INFINITY) {
    throw new RangeError('the calendar has no working time: no weekday has working intervals, and no extra working day is worked');
  }
  return {
    zone: timeZoneOf(calendar.timeZone),
    week,
    weekMs: weekTotal * MINUTE_MS,
    extraHours,
    off,
    extra,
    special: [...new Set([...off, ...extra])].sort((a, b) => a - b),
    lastExtraDay,
  };
}

/** 0 Sunday to 6 Saturday; 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function scheduleFor(c: Compiled, day: number): Schedule {
  if (c.off.has(day)) return EMPTY;
  if (c.extra.has(day)) return c.extraHours;
  return c.week[weekday(day)]!;
}

/**
 * The zone's offset throughout local days `from` to `to` (exclusive), or null if the clocks change in
 * between. Those days lie within 14 hours before the first midnight UTC and 12 after the last (the widest
 * offsets there are), so the offsets at both ends decide it, unless a change is undone within the span:
 * no zone does that within a week.
 */
function steadyOffset(c: Compiled, from: number, to: number): number | null {
  const offset = c.zone.offsetAt(from * DAY_MS - 14 * HOUR_MS);
  return c.zone.offsetAt(to * DAY_MS + 12 * HOUR_MS) === offset ? offset : null;
}

/** The instants a local day is worked, flat: start, end, start, end… */
function windows(c: Compiled, day: number): number[] {
  const s = scheduleFor(c, day);
  if (s.length === 0) return [];
  const offset = steadyOffset(c, day, day + 1);
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 2) {
    const from = day * DAY_MS + s[i]! * MINUTE_MS;
    const to = day * DAY_MS + s[i + 1]! * MINUTE_MS;
    const a = offset === null ? c.zone.wallToUtc(from) : from - offset;
    const b = offset === null ? c.zone.wallToUtc(to) : to - offset;
    if (b > a) out.push(a, b);
  }
  return out;
}

/** Milliseconds worked on a local day. */
function dayMs(c: Compiled, day: number): number {
  const s = scheduleFor(c, day);
  if (s.length === 0) return 0;
  if (steadyOffset(c, day, day + 1) !== null) return totalMinutes(s) * MINUTE_MS;
  const w = windows(c, day);
  let total = 0;
  for (let i = 0; i < w.length; i += 2) total += w[i + 1]! - w[i]!;
  return total;
}

/** Whether the seven local days from `day` are an ordinary week: no day off or extra day, no clock change. */
function ordinaryWeek(c: Compiled, day: number): boolean {
  let lo = 0;
  let hi = c.special.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.special[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  if (lo < c.special.length && c.special[lo]! < day + 7) return false;
  return steadyOffset(c, day, day + 7) !== null;
}

function instant(at: Date | string, what: string): number {
  let t = Number.NaN;
  if (at instanceof Date) t = at.getTime();
  // A time without its offset would be read in the server's own zone: refuse it rather than guess.
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(at)) t = Date.parse(at);
  if (!Number.isFinite(t)) throw new RangeError(`${what}: not an instant (an ISO date-time with Z or an offset): ${String(at)}`);
  return t;
}

// ---------------------------------------------------------------------------------------------------
// SLA clocks

/**
 * When `minutes` of working time after `start` are up, as an ISO instant in UTC. Time outside the working
 * intervals does not count, so a start outside them counts from the next opening; a target that runs out
 * exactly at a closing time is due at that closing time, not at the next opening.
 */
export function addBusinessMinutes(calendar: WorkingCalendar, start: Date | string, minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes of working time are zero or more: ${minutes}`);
  const c = compiled(calendar);
  const t0 = instant(start, 'start');
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining > (HORIZON_DAYS + 1) * DAY_MS)
    throw new RangeError(`${minutes} minutes of working time end more than 400 years after ${new Date(t0).toISOString()}`);
  const first = c.zone.localDay(t0);
  for (let day = first; ; ) {
    if (day - first > HORIZON_DAYS) throw new RangeError(`${minutes} minutes of working time end more than 400 years after ${new Date(t0).toISOString()}`);
    if (day > c.lastExtraDay && c.weekMs === 0)
      throw new RangeError(`the calendar has no working time after ${new Date(c.lastExtraDay * DAY_MS).toISOString().slice(0, 10)}`);
    if (day > first) {
      if (remaining > c.weekMs && ordinaryWeek(c, day)) {
        remaining -= c.weekMs;
        day += 7;
        continue;
      }
      const ms = dayMs(c, day);
      if (ms === 0 || ms < remaining) {
        remaining -= ms;
        day++;
        continue;
      }
    }
    const w = windows(c, day);
    for (let i = 0; i < w.length; i += 2) {
      const from = Math.max(w[i]!, t0);
      const available = w[i + 1]! - from;
      if (available <= 0) continue;
      if (remaining <= available) return new Date(from + remaining).toISOString();
      remaining -= available;
    }
    day++;
  }
}

/**
 * Minutes of working time between two instants, for the clocks a ticket shows and whether its target was
 * met; negative when `to` is before `from`. `addBusinessMinutes(c, from, businessMinutesBetween(c, from, to))`
 * gives back `to` when the time just before `to` was worked, else the last closing before it (or, with no
 * working time between them, the next opening).
 */
export function businessMinutesBetween(calendar: WorkingCalendar, from: Date | string, to: Date | string): number {
  const c = compiled(calendar);
  const a = instant(from, 'from');
  const b = instant(to, 'to');
  if (b < a) return -workedBetween(c, b, a) / MINUTE_MS;
  return workedBetween(c, a, b) / MINUTE_MS;
}

function workedBetween(c: Compiled, a: number, b: number): number {
  const first = c.zone.localDay(a);
  const last = c.zone.localDay(b);
  let total = 0;
  for (let day = first; day <= last; ) {
    if (day > first && day + 7 <= last && ordinaryWeek(c, day)) {
      total += c.weekMs;
      day += 7;
    } else if (day > first && day < last) {
      total += dayMs(c, day);
      day++;
    } else {
      const w = windows(c, day);
      for (let i = 0; i < w.length; i += 2) total += Math.max(0, Math.min(w[i + 1]!, b) - Math.max(w[i]!, a));
      day++;
    }
  }
  return total;
}

/** Whether an instant is working time: within an interval, its opening included and its closing not. */
export function isWorkingTime(calendar: WorkingCalendar, at: Date | string): boolean {
  const c = compiled(calendar);
  const t = instant(at, 'at');
  const w = windows(c, c.zone.localDay(t));
  for (let i = 0; i < w.length; i += 2) if (w[i]! <= t && t < w[i + 1]!) return true;
  return false;
}
