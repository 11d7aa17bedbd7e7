import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vietnamPublicHolidays } from './holidays.ts';
import type { LunarCalendar } from './lunar.ts';

test('2025: the Labour Code days, Tết from 29 tháng Chạp (the 12th month had no 30th) to mùng 4', () => {
  const h = vietnamPublicHolidays(2025);
  assert.deepEqual(
    h.map((x) => x.date),
    ['2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02'],
  );
  const byDate = new Map(h.map((x) => [x.date, x]));
  assert.equal(byDate.get('2025-01-28')!.name.vi, 'Tết Nguyên Đán (29 tháng Chạp)');
  assert.equal(byDate.get('2025-01-28')!.name.en, "Lunar New Year's Eve (Tết)");
  assert.equal(byDate.get('2025-01-29')!.name.vi, 'Tết Nguyên Đán (mùng 1)');
  assert.equal(byDate.get('2025-02-01')!.name.vi, 'Tết Nguyên Đán (mùng 4)');
  assert.equal(byDate.get('2025-04-07')!.name.vi, 'Giỗ Tổ Hùng Vương');
  assert.equal(byDate.get('2025-09-02')!.name.vi, 'Quốc khánh');
  assert.equal(byDate.get('2025-01-01')!.name.en, "New Year's Day");
  assert.deepEqual(
    h.filter((x) => x.kind === 'lunar').map((x) => x.date),
    ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-04-07'],
  );
});

test('2024 had a 30 Tết; 2026 again ends its lunar year on the 29th', () => {
  const h24 = vietnamPublicHolidays(2024);
  const tet24 = h24.filter((x) => x.name.vi.startsWith('Tết Nguyên Đán'));
  assert.deepEqual(
    tet24.map((x) => x.date),
    ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13'],
  );
  assert.equal(tet24[0]!.name.vi, 'Tết Nguyên Đán (30 tháng Chạp)');
  assert.ok(h24.some((x) => x.date === '2024-04-18' && x.name.en === "Hùng Kings' Commemoration Day"));

  const h26 = vietnamPublicHolidays(2026);
  const tet26 = h26.filter((x) => x.name.vi.startsWith('Tết Nguyên Đán'));
  assert.deepEqual(
    tet26.map((x) => x.date),
    ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
  );
  assert.equal(tet26[0]!.name.vi, 'Tết Nguyên Đán (29 tháng Chạp)');
  assert.ok(h26.some((x) => x.date === '2026-04-26' && x.kind === 'lunar'));
});

test('the Tết span and the second day of National Day are the workspace’s to choose', () => {
  const h = vietnamPublicHolidays(2025, { tet: { before: 2, after: 4 }, nationalDaySecond: 'after' });
  const tet = h.filter((x) => x.name.vi.startsWith('Tết Nguyên Đán'));
  assert.deepEqual(
    tet.map((x) => x.date),
    ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02'],
  );
  assert.equal(tet[0]!.name.vi, 'Tết Nguyên Đán (28 tháng Chạp)');
  assert.equal(tet[0]!.name.en, 'Lunar New Year (Tết), 2 days before');
  assert.ok(h.some((x) => x.date === '2025-09-03'));
  assert.ok(!h.some((x) => x.date === '2025-09-01'));

  const none = vietnamPublicHolidays(2025, { tet: { before: 0, after: 0 } });
  assert.deepEqual(
    none.filter((x) => x.name.vi.startsWith('Tết Nguyên Đán')).map((x) => x.date),
    ['2025-01-29'],
  );
  assert.throws(() => vietnamPublicHolidays(2025, { tet: { before: -1, after: 3 } }), RangeError);
  assert.throws(() => vietnamPublicHolidays(2025, { tet: { before: 1, after: 16 } }), RangeError);
  assert.throws(() => vietnamPublicHolidays(2025.5), RangeError);
});

test('the lunar days come from the lunar calendar given, so another one can stand in', () => {
  const asked: string[] = [];
  const fake: LunarCalendar = {
    lunarToSolar(year, month, day) {
      asked.push(`${year}/${month}/${day}`);
      return month === 1 ? `${year}-02-05` : `${year}-04-10`;
    },
    solarToLunar(date) {
      const d = Number(date.slice(8, 10));
      return d >= 5 ? { year: 2030, month: 1, day: d - 4, leap: false } : { year: 2029, month: 12, day: 30 - 4 + d, leap: false };
    },
  };
  const h = vietnamPublicHolidays(2030, { lunar: fake });
  assert.deepEqual(asked.sort(), ['2030/1/1', '2030/3/10']);
  assert.deepEqual(
    h.filter((x) => x.kind === 'lunar').map((x) => x.date),
    ['2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07', '2030-02-08', '2030-04-10'],
  );
});
