/**
 * Vietnam's public holidays (ngày nghỉ lễ, tết) in a Gregorian year, as the Labour Code 2019 (Bộ luật Lao
 * động, 45/2019/QH14, article 112) gives them:
 * - New Year's Day, 1 January;
 * - Tết Nguyên Đán, five days around the lunar new year;
 * - Hùng Kings' Commemoration, the 10th of the 3rd lunar month;
 * - Victory Day (Reunification), 30 April, and International Labour Day, 1 May;
 * - National Day, 2 September and the day before or after it.
 *
 * This is a default for a workspace to start from, not the final word: the government announces each year
 * which days Tết actually takes (the five days are often placed to join a weekend, with a Saturday worked
 * in exchange) and any day off in lieu of a holiday that falls on a weekly rest day, so the SLA calendar
 * keeps its own editable list of dates (business-hours.ts), seeded from this one.
 */
import { type LunarCalendar, astronomicalLunarCalendar } from './lunar.ts';

export type Holiday = { date: string; name: { vi: string; en: string }; kind: 'solar' | 'lunar' };

export type HolidayOptions = {
  /**
   * The days off around the lunar new year (mùng 1 Tết), counted in days before and after it. The default,
   * 1 and 3, is the last day of the lunar year (the 30th of the 12th month, the 29th when that month is
   * short) through the 4th of the 1st month: the Labour Code's five days. Each is 0 to 15.
   */
  tet?: { before: number; after: number };
  /** The second day of National Day: 1 September (the default) or 3 September. */
  nationalDaySecond?: 'before' | 'after';
  /** The lunar calendar the lunar holidays are found with (Vietnam's, UTC+7, unless another is given). */
  lunar?: LunarCalendar;
};

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function tetName(lunar: { month: number; day: number }, offset: number): Holiday['name'] {
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

/** Vietnam's public holidays in Gregorian year `year`, sorted by date. */
export function vietnamPublicHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
  const { before, after } = options.tet ?? { before: 1, after: 3 };
  checkSpan(before, 'before');
  checkSpan(after, 'after');
  const lunar = options.lunar ?? astronomicalLunarCalendar;
  const y = String(year).padStart(4, '0');
  const holidays: Holiday[] = [
    { date: `${y}-01-01`, name: { vi: 'Tết Dương lịch', en: "New Year's Day" }, kind: 'solar' },
    { date: `${y}-04-30`, name: { vi: 'Ngày Chiến thắng (Giải phóng miền Nam, thống nhất đất nước)', en: 'Reunification Day' }, kind: 'solar' },
    { date: `${y}-05-01`, name: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' }, kind: 'solar' },
    { date: `${y}-09-02`, name: { vi: 'Quốc khánh', en: 'National Day' }, kind: 'solar' },
    {
      date: options.nationalDaySecond === 'after' ? `${y}-09-03` : `${y}-09-01`,
      name: { vi: 'Quốc khánh (ngày nghỉ thứ hai)', en: 'National Day (second day)' },
      kind: 'solar',
    },
    { date: lunar.lunarToSolar(year, 3, 10), name: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" }, kind: 'lunar' },
  ];
  // Tết falls between 21 January and 20 February, so a span of up to 15 days either side stays in this year.
  const newYear = lunar.lunarToSolar(year, 1, 1);
  for (let offset = -before; offset <= after; offset++) {
    const date = addDays(newYear, offset);
    holidays.push({ date, name: tetName(lunar.solarToLunar(date), offset), kind: 'lunar' });
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
