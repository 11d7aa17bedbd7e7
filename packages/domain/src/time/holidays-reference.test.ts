import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { holidayLawOf, vietnamPublicHolidays } from './holidays.ts';

/**
 * The computed calendar against the reference table of 2020–2035 (holidays.reference.json): every day, its
 * date and both names, for a workspace that rests on Saturday and Sunday.
 */
const reference = JSON.parse(readFileSync(new URL('./holidays.reference.json', import.meta.url), 'utf8')) as {
  weeklyRest: number[];
  years: Record<string, string[]>;
};

test('2020–2035: the computed holidays are the reference table, day for day', () => {
  const years = Object.keys(reference.years).map(Number);
  assert.deepEqual(
    years,
    Array.from({ length: 16 }, (_, i) => 2020 + i),
    'the table covers 2020 to 2035',
  );
  const counts: Record<number, number> = {};
  for (const year of years) {
    const computed = vietnamPublicHolidays(year, { weeklyRest: reference.weeklyRest }).map((h) => `${h.date} ${h.name.vi} | ${h.name.en}`);
    assert.deepEqual(computed, reference.years[year], `the holidays of ${year}`);
    counts[year] = computed.length;
  }
  // 11 days a year by the 2019 code (10 in 2020), plus the days in lieu of those on a weekend.
  assert.equal(counts[2020], 12);
  assert.equal(counts[2023], 17);
  assert.equal(
    Object.values(counts).reduce((a, b) => a + b, 0),
    221,
  );
});

test('National Day 2021–2025: the second day the Government chose, and 4 September 2023 in lieu of a Saturday', () => {
  const national = (year: number) =>
    vietnamPublicHolidays(year, { weeklyRest: [0, 6] })
      .filter((h) => h.date >= `${year}-08-31` && h.date <= `${year}-09-05`)
      .map((h) => `${h.date.slice(5)} ${h.name.vi}`);
  assert.deepEqual(national(2021), ['09-02 Quốc khánh', '09-03 Quốc khánh (ngày nghỉ thứ hai)']);
  assert.deepEqual(national(2022), ['09-01 Quốc khánh (ngày nghỉ thứ hai)', '09-02 Quốc khánh']);
  assert.deepEqual(national(2023), ['09-01 Quốc khánh (ngày nghỉ thứ hai)', '09-02 Quốc khánh', '09-04 Nghỉ bù Quốc khánh']);
  assert.deepEqual(national(2024), ['09-02 Quốc khánh', '09-03 Quốc khánh (ngày nghỉ thứ hai)']);
  assert.deepEqual(national(2025), ['09-01 Quốc khánh (ngày nghỉ thứ hai)', '09-02 Quốc khánh']);
  // Before the 2019 code, 2 September alone; a Sunday (2018) gives Monday 3 September.
  assert.deepEqual(national(2020), ['09-02 Quốc khánh']);
  assert.deepEqual(national(2018), ['09-02 Quốc khánh', '09-03 Nghỉ bù Quốc khánh']);
});

test('each year takes the law in force: four days of Tết to 2013, Hùng Kings from 2007, nothing before the 1994 code', () => {
  const tetDays = (year: number) => vietnamPublicHolidays(year, { weeklyRest: [] }).filter((h) => h.name.vi.startsWith('Tết Nguyên Đán')).length;
  assert.equal(tetDays(2013), 4, 'Tết 2013 (10 February) was before the 2012 code took effect (1 May 2013)');
  assert.equal(tetDays(2014), 5);
  assert.equal(tetDays(2021), 5);
  const hung = (year: number) => vietnamPublicHolidays(year, { weeklyRest: [] }).some((h) => h.name.vi === 'Giỗ Tổ Hùng Vương');
  assert.equal(hung(2006), false);
  assert.equal(hung(2007), true);
  assert.equal(vietnamPublicHolidays(2019, { weeklyRest: [] }).length, 10);
  assert.equal(vietnamPublicHolidays(2006, { weeklyRest: [] }).length, 8);
  assert.equal(vietnamPublicHolidays(2021, { weeklyRest: [] }).length, 11);
  assert.match(holidayLawOf(2020).source, /2012/);
  assert.match(holidayLawOf(2035).source, /2019/);
  assert.throws(() => vietnamPublicHolidays(1994), RangeError);
});

test('the days in lieu follow the weekly rest: Sunday alone, Saturday and Sunday, none', () => {
  const lieu = (year: number, weeklyRest: number[]) =>
    vietnamPublicHolidays(year, { weeklyRest })
      .filter((h) => h.kind === 'substitute')
      .map((h) => `${h.date} ${h.replaces}`);
  // 2023 with Sunday rest: 1 January and mùng 1 Tết (22 January) were Sundays, Saturday 2 September is worked.
  assert.deepEqual(lieu(2023, [0]), ['2023-01-02 2023-01-01', '2023-01-26 2023-01-22', '2023-05-02 2023-04-30']);
  // With Saturday too: 29 tháng Chạp and Hùng Kings' day (29 April) were Saturdays, and 2 September.
  assert.deepEqual(lieu(2023, [0, 6]), [
    '2023-01-02 2023-01-01',
    '2023-01-26 2023-01-21',
    '2023-01-27 2023-01-22',
    '2023-05-02 2023-04-29',
    '2023-05-03 2023-04-30',
    '2023-09-04 2023-09-02',
  ]);
  // A week that rests on Friday: Friday 1 September 2023 gives the next working day that is not a holiday, Sunday 3rd.
  assert.deepEqual(
    lieu(2023, [5]).filter((d) => d.startsWith('2023-09')),
    ['2023-09-03 2023-09-01'],
  );
  assert.deepEqual(lieu(2023, []), []);
  assert.deepEqual(lieu(2023, [0, 1, 2, 3, 4, 5, 6]), [], 'no working day to give');
  const names = vietnamPublicHolidays(2022, { weeklyRest: [0, 6] }).filter((h) => h.kind === 'substitute');
  assert.deepEqual(
    names.map((h) => h.name.vi),
    ['Nghỉ bù Tết Dương lịch', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Nghỉ bù Ngày Chiến thắng', 'Nghỉ bù Ngày Quốc tế Lao động'],
  );
  assert.equal(names[0]!.name.en, "Day off in lieu of New Year's Day");
  assert.throws(() => vietnamPublicHolidays(2023, { weeklyRest: [7] }), RangeError);
});
