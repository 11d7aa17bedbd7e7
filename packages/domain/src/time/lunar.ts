/**
 * The Vietnamese lunar calendar (âm lịch), to and from the Gregorian one.
 *
 * This follows the rules Hồ Ngọc Đức published with his program "Âm lịch Việt Nam" ("Computing the
 * Vietnamese lunar calendar", calrules, informatik.uni-leipzig.de/~duc/amlich), written anew here from those
 * rules (his own code is licensed for non-commercial use only):
 * - a day runs from midnight to midnight in the calendar's time zone: UTC+7 for Vietnam since 1968, UTC+8
 *   for the Chinese calendar;
 * - a month starts on the day of the astronomical new moon;
 * - the month holding the winter solstice is the 11th;
 * - when 13 months start between two 11th months, the first of them after the 11th that holds no major
 *   solar term (the sun's longitude crossing a multiple of 30°) is a leap month, named after the one before.
 * The new moons and the sun's longitude are his formulas too, from Jean Meeus ("Astronomical Formulae for
 * Calculators", 1979; "Astronomical Algorithms", 1998): the same formulas give the same days as the
 * calendars printed from them, including the days that fall close to midnight.
 *
 * The time zone is why Vietnam's calendar differs from China's in some years: where a new moon or a solar
 * term falls within the hour before midnight in Beijing, a month starts a day apart, or another month is
 * the 11th or the leap one. China's 1984 had a leap 10th month and Vietnam's did not, so Tết 1985 was 21
 * January in Vietnam and Chinese New Year a month later, 20 February.
 *
 * Days are counted as Julian day numbers (the day whose noon UT is that Julian date); Gregorian dates are
 * proleptic ISO `YYYY-MM-DD`.
 */

/** A lunar date: `leap` marks the days of a leap month (tháng nhuận), which repeats the number of the one before. */
export type LunarDate = { year: number; month: number; day: number; leap: boolean };

/**
 * What the rest of Kith needs of a lunar calendar, so a table, a library or another algorithm can stand in
 * for this one (holidays.ts takes one).
 */
export type LunarCalendar = {
  lunarToSolar(year: number, month: number, day: number, leap?: boolean, timeZone?: number): string;
  solarToLunar(isoDate: string, timeZone?: number): LunarDate;
};

/** Vietnam's lunar calendar is reckoned in UTC+7. */
export const VIETNAM_TIME_ZONE = 7;

/**
 * The Gregorian years converted. The formulas are truncated series with a fitted ΔT: good for centuries
 * around ours, not for the distant past or future, where a refusal is more honest than a wrong day.
 */
export const FIRST_YEAR = 1800;
export const LAST_YEAR = 2199;

const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon numbered 0 in `newMoon` (1900-01-01 13:51 UT). */
const NEW_MOON_0 = 2415021.076998695;
const RAD = Math.PI / 180;
/** Julian day number of 1970-01-01. */
const UNIX_EPOCH_JDN = 2440588;
const DAY_MS = 86_400_000;

/** Julian day number of an ISO date, or a RangeError. */
function julianDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return t / DAY_MS + UNIX_EPOCH_JDN;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${iso}`);
}

function isoDate(jdn: number): string {
  return new Date((jdn - UNIX_EPOCH_JDN) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Julian date (UT) of the k-th new moon after the one of 1900-01-01: the mean lunation corrected by the
 * main periodic terms of the sun's and moon's anomalies and the moon's argument of latitude, less ΔT.
 */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  const mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * RAD; // sun's mean anomaly
  const Mp = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * RAD; // moon's mean anomaly
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * RAD; // moon's argument of latitude
  const correction =
    (0.1734 - 0.000393 * T) * Math.sin(M) +
    0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mp) +
    0.0161 * Math.sin(2 * Mp) -
    0.0004 * Math.sin(3 * Mp) +
    0.0104 * Math.sin(2 * F) -
    0.0051 * Math.sin(M + Mp) -
    0.0074 * Math.sin(M - Mp) +
    0.0004 * Math.sin(2 * F + M) -
    0.0004 * Math.sin(2 * F - M) -
    0.0006 * Math.sin(2 * F + Mp) +
    0.001 * Math.sin(2 * F - Mp) +
    0.0005 * Math.sin(2 * Mp + M);
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return mean + correction - deltaT;
}

/** The sun's apparent longitude in degrees, [0, 360), at Julian date `jd` (UT): mean longitude plus the equation of centre. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * RAD;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  const C = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) + (0.019993 - 0.000101 * T) * Math.sin(2 * M) + 0.00029 * Math.sin(3 * M);
  const L = (L0 + C) % 360;
  return L < 0 ? L + 360 : L;
}

/** The local day (Julian day number) on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** Which 30° sector the sun is in at the local midnight that starts day `jdn`: 0 from the March equinox, 9 from the winter solstice. */
function sunSector(jdn: number, timeZone: number): number {
  return Math.floor(sunLongitude(jdn - 0.5 - timeZone / 24) / 30);
}

/** The new moon numbered `k` nearest a day. */
function lunationOf(jdn: number): number {
  return Math.round((jdn - NEW_MOON_0) / SYNODIC_MONTH);
}

/**
 * The first day of the 11th lunar month that starts in Gregorian year `year` (the one holding its winter
 * solstice). The last new moon on or before 31 December is taken, unless the sun had already passed 270°
 * when it began: then the solstice fell in the month before.
 */
function month11(year: number, timeZone: number): number {
  const k = Math.floor((julianDay(`${String(year).padStart(4, '0')}-12-31`) - NEW_MOON_0) / SYNODIC_MONTH);
  const start = newMoonDay(k, timeZone);
  return sunSector(start, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : start;
}

/** One lunar month: its first day, its number, whether it is a leap month, and how many days it has. */
type LunarMonth = { start: number; month: number; leap: boolean; length: number };

/**
 * The months from the 11th month that starts in Gregorian year `year` up to (not including) the next
 * 11th month: 12 of them, or 13 with a leap month. Months 11 and 12 belong to lunar year `year`, months 1
 * to 10 to lunar year `year + 1`.
 */
function monthsFrom11(year: number, timeZone: number): LunarMonth[] {
  const a11 = month11(year, timeZone);
  const b11 = month11(year + 1, timeZone);
  const k = lunationOf(a11);
  const count = Math.round((b11 - a11) / SYNODIC_MONTH);
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(i === 0 ? a11 : i === count ? b11 : newMoonDay(k + i, timeZone));
  // In a 13-month span, the first month after the 11th in which the sun enters no new sector is the leap one.
  let leapAt = -1;
  if (count === 13) {
    let sector = sunSector(starts[1]!, timeZone);
    for (let i = 1; i < 13; i++) {
      const next = sunSector(starts[i + 1]!, timeZone);
      if (next === sector) {
        leapAt = i;
        break;
      }
      sector = next;
    }
  }
  const months: LunarMonth[] = [];
  for (let i = 0; i < count; i++) {
    const ordinal = leapAt >= 0 && i >= leapAt ? i - 1 : i; // months after the 11th, leap months not counted
    months.push({ start: starts[i]!, month: ((10 + ordinal) % 12) + 1, leap: i === leapAt, length: starts[i + 1]! - starts[i]! });
  }
  return months;
}

function checkTimeZone(timeZone: number): void {
  if (!Number.isFinite(timeZone) || timeZone < -12 || timeZone > 14) throw new RangeError(`a time zone is hours from UTC, -12 to 14: ${timeZone}`);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw new RangeError(`years ${FIRST_YEAR} to ${LAST_YEAR} only: ${year}`);
}

/** The Gregorian date (`YYYY-MM-DD`) of a lunar date; a RangeError for a date that does not exist (a 30th in a 29-day month, a leap month the year lacks). */
export function lunarToSolar(year: number, month: number, day: number, leap = false, timeZone = VIETNAM_TIME_ZONE): string {
  checkYear(year);
  checkTimeZone(timeZone);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`a lunar month is 1 to 12: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`a lunar day is 1 to 30: ${day}`);
  const found = monthsFrom11(month >= 11 ? year : year - 1, timeZone).find((m) => m.month === month && m.leap === leap);
  if (!found) throw new RangeError(`lunar year ${year} has no leap month ${month}`);
  if (day > found.length) throw new RangeError(`lunar ${leap ? 'leap ' : ''}month ${month} of ${year} has ${found.length} days`);
  return isoDate(found.start + day - 1);
}

/** The lunar date of a Gregorian date (`YYYY-MM-DD`). */
export function solarToLunar(isoDateText: string, timeZone = VIETNAM_TIME_ZONE): LunarDate {
  const jdn = julianDay(isoDateText);
  const year = Number(isoDateText.slice(0, 4));
  checkYear(year);
  checkTimeZone(timeZone);
  // The span of months from an 11th month holding this day starts in this Gregorian year or the one before.
  let from = year;
  let months = monthsFrom11(from, timeZone);
  if (months[0]!.start > jdn) months = monthsFrom11(--from, timeZone);
  let i = months.length - 1;
  while (months[i]!.start > jdn) i--;
  const m = months[i]!;
  return { year: m.month >= 11 ? from : from + 1, month: m.month, day: jdn - m.start + 1, leap: m.leap };
}

/** The leap month of a lunar year (its number: the leap month follows the ordinary one), or null in a 12-month year. */
export function leapMonth(year: number, timeZone = VIETNAM_TIME_ZONE): number | null {
  checkYear(year);
  checkTimeZone(timeZone);
  const early = monthsFrom11(year - 1, timeZone).find((m) => m.leap && m.month <= 10);
  if (early) return early.month;
  const late = monthsFrom11(year, timeZone).find((m) => m.leap && m.month >= 11);
  return late ? late.month : null;
}

/** This module as a `LunarCalendar`. */
export const astronomicalLunarCalendar: LunarCalendar = { lunarToSolar, solarToLunar };
