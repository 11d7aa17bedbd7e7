/**
 * Vietnam's public holidays (ngày nghỉ lễ, tết) in a Gregorian year, by the law in force that year, with the
 * days off in lieu (nghỉ bù) of those that fall on the weekly rest day.
 *
 * The laws, one row each in `HOLIDAY_LAWS` below (the one place these rules live):
 * - Labour Code 1994 (Bộ luật Lao động 1994, article 73), in force from 1 January 1995: New Year's Day, four days
 *   of Tết, 30 April, 1 May, 2 September.
 * - Its amendment of 2007 (Law 84/2007/QH11) added the Hùng Kings' Commemoration, 10th of the 3rd lunar month,
 *   from 2007.
 * - Labour Code 2012 (10/2012/QH13, article 115), in force from 1 May 2013: Tết five days. Tết 2013 (February)
 *   was still under the 1994 code, so five days count from 2014.
 * - Labour Code 2019 (45/2019/QH14, article 112), in force from 1 January 2021: National Day two days, 2 September
 *   and "01 ngày liền kề trước hoặc sau" (the day immediately before or after it), 11 days a year in all.
 *
 * Days in lieu. Each code gives a day off in lieu when a holiday coincides with the weekly rest day: the 1994
 * code "nghỉ bù vào ngày tiếp theo", the 2012 code (art. 115(3)) "nghỉ bù vào ngày kế tiếp", the 2019 code
 * (art. 111(3), the weekly rest article: "nếu ngày nghỉ hằng tuần trùng với ngày nghỉ lễ, tết … thì người lao
 * động được nghỉ hằng tuần bù vào ngày làm việc kế tiếp") the next working day. All are computed here as the
 * 2019 wording says, the next day that is neither a weekly rest day nor already a day off (a holiday or another
 * day in lieu), which is how the Government has applied the earlier wording too (2 September 2018, a Sunday:
 * Monday 3 September off). The weekly rest day is the employer's to fix (2019 code art. 111(2): Sunday or
 * another day), so it is an input: a workspace's days without working hours (Saturday and Sunday for a
 * Monday-to-Friday week, Sunday alone for one that works Saturdays).
 *
 * What the law leaves to the Government each year (2019 code art. 112(3): the Prime Minister fixes the days of
 * Tết and the second day of National Day) is filled in by a rule here:
 * - Tết: the last day of the lunar year (30 tháng Chạp, or the 29th when the 12th month is short) to mùng 3
 *   (four days) or mùng 4 (five days). The Government often places the five days elsewhere (two before, or
 *   so that the weekends join up) and swaps a working Saturday (làm bù, đổi ngày): those decreed swaps are not
 *   the law's and are the workspace's own edits to its calendar (the extra working days of business-hours.ts).
 * - The second day of National Day: by the weekday of 2 September, as the Government chose it in 2021–2025
 *   (2021 Thursday → 3 Sep, 2022 Friday → 1 Sep, 2023 Saturday → 1 Sep with Monday 4 Sep in lieu, 2024 Monday
 *   → 3 Sep, 2025 Tuesday → 1 Sep): the adjacent day that is a Monday-to-Friday working day joining the
 *   weekend, else the day before. 2 September on a Wednesday (2026, 2032) or a Sunday (2029, 2035) has no
 *   precedent in those years: Wednesday takes 1 September (neither side joins a weekend; the day before is
 *   the law's first wording), Sunday takes Monday 3 September (1 September is a Saturday, a weekly rest day).
 *
 * Not encoded: 24 November, "Ngày Văn hóa Việt Nam". The Politburo chose it in January 2026 (Resolution
 * 80-NQ/TW) as a paid day off, and the Government's Resolution 30/NQ-CP (February 2026) tasks an amendment of
 * article 112(1) of the Labour Code to make it one; no enacted amendment, nor the year it takes effect, was
 * found. When it is enacted it is one row of `HOLIDAY_LAWS` (a `cultureDay` from that year), not a change here;
 * until then a workspace adds the day by hand.
 */
import { type LunarCalendar, astronomicalLunarCalendar } from './lunar.ts';

export type HolidayName = { vi: string; en: string };

export type Holiday = {
  date: string;
  name: HolidayName;
  /** A fixed Gregorian day, a lunar one, or a day off in lieu of a holiday on the weekly rest day. */
  kind: 'solar' | 'lunar' | 'substitute';
  /** For a day in lieu: the date of the holiday it makes up for. */
  replaces?: string;
};

/** The holidays one law gives, for the years it governs. */
export type HolidayLaw = {
  /** The first Gregorian year whose holidays this law gives (every one of them; see 2013 above). */
  fromYear: number;
  /** The law, for people: which code and article. */
  source: string;
  /** The days of Tết (Tết Nguyên Đán). */
  tetDays: number;
  /** Hùng Kings' Commemoration (10th of the 3rd lunar month) is a holiday. */
  hungKings: boolean;
  /** The days of National Day: 2 September alone, or with the day before or after it. */
  nationalDays: 1 | 2;
};

/**
 * The laws in force, oldest first; a law governs from its `fromYear` until the next one's. Years before the
 * first are refused: the holidays before the 1994 code are not encoded.
 */
export const HOLIDAY_LAWS: readonly HolidayLaw[] = [
  { fromYear: 1995, source: 'Bộ luật Lao động 1994, điều 73', tetDays: 4, hungKings: false, nationalDays: 1 },
  { fromYear: 2007, source: 'Bộ luật Lao động 1994 (sửa đổi 2007, Luật 84/2007/QH11), điều 73', tetDays: 4, hungKings: true, nationalDays: 1 },
  { fromYear: 2014, source: 'Bộ luật Lao động 2012 (10/2012/QH13), điều 115', tetDays: 5, hungKings: true, nationalDays: 1 },
  { fromYear: 2021, source: 'Bộ luật Lao động 2019 (45/2019/QH14), điều 111–112', tetDays: 5, hungKings: true, nationalDays: 2 },
];

/** The law that gives year `year`'s holidays. */
export function holidayLawOf(year: number): HolidayLaw {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
  let law: HolidayLaw | undefined;
  for (const l of HOLIDAY_LAWS) if (l.fromYear <= year) law = l;
  if (!law) throw new RangeError(`Vietnam's public holidays are known from ${HOLIDAY_LAWS[0]!.fromYear} (the Labour Code 1994), not ${year}`);
  return law;
}

export type HolidayOptions = {
  /**
   * The days off around the lunar new year (mùng 1 Tết), counted in days before and after it. The default is
   * the law's count from the last day of the lunar year: 1 and 3 (five days) from 2014, 1 and 2 (four) before.
   * Each is 0 to 15.
   */
  tet?: { before: number; after: number };
  /** The second day of National Day (from 2021): the rule above unless given. */
  nationalDaySecond?: 'before' | 'after';
  /**
   * The weekly rest days, 0 Sunday to 6 Saturday: a holiday on one of them gives a day off in lieu on the next
   * working day. Sunday alone unless given (the Labour Code's default); `[]` gives no days in lieu.
   */
  weeklyRest?: readonly number[];
  /** The lunar calendar the lunar holidays are found with (Vietnam's, UTC+7, unless another is given). */
  lunar?: LunarCalendar;
};

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday to 6 Saturday. */
function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** Each holiday's short name, the one its days in lieu are named after. */
const NAMES = {
  newYear: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên Đán', en: 'Lunar New Year (Tết)' },
  hungKings: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
  victory: { vi: 'Ngày Chiến thắng', en: 'Reunification Day' },
  labour: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
  national: { vi: 'Quốc khánh', en: 'National Day' },
} satisfies Record<string, HolidayName>;

type Source = keyof typeof NAMES;

function substituteName(of: Source): HolidayName {
  return { vi: `Nghỉ bù ${NAMES[of].vi}`, en: `Day off in lieu of ${NAMES[of].en}` };
}

function tetName(lunar: { month: number; day: number }, offset: number): HolidayName {
  if (offset < 0) {
    // Days before mùng 1 fall in the 12th month (tháng Chạp); its last day is the new year's eve.
    const eve = offset === -1;
    return {
      vi: `Tết Nguyên Đán (${lunar.day} tháng Chạp)`,
      en: eve ? "Lunar New Year's Eve (Tết)" : `Lunar New Year (Tết), ${-offset} days before`,
    };
  }
  return {
    vi: lunar.day <= 10 ? `Tết Nguyên Đán (mùng ${lunar.day})` : `Tết Nguyên Đán (ngày ${lunar.day} tháng Giêng)`,
    en: `Lunar New Year (Tết), day ${offset + 1}`,
  };
}

function checkSpan(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 15) throw new RangeError(`Tết days ${what} the new year: 0 to 15, not ${value}`);
}

/**
 * The second day of National Day by the weekday of 2 September (see the rule above): 3 September when
 * 1 September is a Saturday or Sunday or 3 September a Friday, else 1 September.
 */
export function nationalDaySecond(year: number): 'before' | 'after' {
  const y = String(year).padStart(4, '0');
  const first = weekdayOf(`${y}-09-01`);
  return first === 0 || first === 6 || weekdayOf(`${y}-09-03`) === 5 ? 'after' : 'before';
}

/** Vietnam's public holidays in Gregorian year `year` by the law of that year, with days in lieu, sorted by date. */
export function vietnamPublicHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  const law = holidayLawOf(year);
  const { before, after } = options.tet ?? { before: 1, after: law.tetDays - 2 };
  checkSpan(before, 'before');
  checkSpan(after, 'after');
  const rest = new Set(options.weeklyRest ?? [0]);
  for (const d of rest) if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`a weekly rest day is 0 (Sunday) to 6 (Saturday), not ${d}`);
  const lunar = options.lunar ?? astronomicalLunarCalendar;
  const y = String(year).padStart(4, '0');
  const days: (Holiday & { of: Source })[] = [
    { date: `${y}-01-01`, name: NAMES.newYear, kind: 'solar', of: 'newYear' },
    {
      date: `${y}-04-30`,
      name: { vi: 'Ngày Chiến thắng (Giải phóng miền Nam, thống nhất đất nước)', en: NAMES.victory.en },
      kind: 'solar',
      of: 'victory',
    },
    { date: `${y}-05-01`, name: NAMES.labour, kind: 'solar', of: 'labour' },
    { date: `${y}-09-02`, name: NAMES.national, kind: 'solar', of: 'national' },
  ];
  if (law.nationalDays === 2) {
    const second = options.nationalDaySecond ?? nationalDaySecond(year);
    days.push({
      date: second === 'after' ? `${y}-09-03` : `${y}-09-01`,
      name: { vi: 'Quốc khánh (ngày nghỉ thứ hai)', en: 'National Day (second day)' },
      kind: 'solar',
      of: 'national',
    });
  }
  if (law.hungKings) days.push({ date: lunar.lunarToSolar(year, 3, 10), name: NAMES.hungKings, kind: 'lunar', of: 'hungKings' });
  // Tết falls between 21 January and 20 February, so a span of up to 15 days either side stays in this year.
  const newYear = lunar.lunarToSolar(year, 1, 1);
  for (let offset = -before; offset <= after; offset++) {
    const date = addDays(newYear, offset);
    days.push({ date, name: tetName(lunar.solarToLunar(date), offset), kind: 'lunar', of: 'tet' });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // Days in lieu, in date order, so an earlier holiday's takes the earlier free day. A week of rest days only
  // has no working day to give.
  const off = new Set(days.map((d) => d.date));
  const out: Holiday[] = days.map(({ of: _, ...h }) => h);
  if (rest.size < 7) {
    for (const h of days) {
      if (!rest.has(weekdayOf(h.date))) continue;
      let d = addDays(h.date, 1);
      while (rest.has(weekdayOf(d)) || off.has(d)) d = addDays(d, 1);
      off.add(d);
      out.push({ date: d, name: substituteName(h.of), kind: 'substitute', replaces: h.date });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
