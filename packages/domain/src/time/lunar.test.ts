import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leapMonth, lunarToSolar, solarToLunar } from './lunar.ts';

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

test('Tết (lunar 1/1) falls on the days Vietnam celebrated it', () => {
  const tet: Record<number, string> = {
    2020: '2020-01-25',
    2021: '2021-02-12',
    2022: '2022-02-01',
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
  };
  for (const [year, date] of Object.entries(tet)) {
    assert.equal(lunarToSolar(Number(year), 1, 1), date, `Tết ${year}`);
    assert.deepEqual(solarToLunar(date), { year: Number(year), month: 1, day: 1, leap: false });
  }
});

test('the calendar is reckoned in UTC+7: Tết differs from Chinese New Year (UTC+8) where a new moon is near midnight', () => {
  assert.equal(lunarToSolar(1985, 1, 1), '1985-01-21');
  assert.equal(lunarToSolar(1985, 1, 1, false, 8), '1985-02-20', 'Chinese New Year 1985');
  assert.equal(leapMonth(1984, 8), 10, "China's 1984 had a leap 10th month…");
  assert.equal(leapMonth(1984), null, "…Vietnam's did not");
  assert.equal(lunarToSolar(2007, 1, 1), '2007-02-17');
  assert.equal(lunarToSolar(2007, 1, 1, false, 8), '2007-02-18', 'Chinese New Year 2007');
  // Tết Mậu Thân: the North (on the UTC+7 calendar since 1968) a day before the South.
  assert.equal(lunarToSolar(1968, 1, 1), '1968-01-29');
  assert.equal(lunarToSolar(1968, 1, 1, false, 8), '1968-01-30');
});

test("Hùng Kings' Commemoration (lunar 3/10) and Mid-Autumn (8/15)", () => {
  assert.equal(lunarToSolar(2024, 3, 10), '2024-04-18');
  assert.equal(lunarToSolar(2025, 3, 10), '2025-04-07');
  assert.equal(lunarToSolar(2026, 3, 10), '2026-04-26');
  assert.equal(lunarToSolar(2023, 8, 15), '2023-09-29');
  assert.equal(lunarToSolar(2024, 8, 15), '2024-09-17');
  assert.equal(lunarToSolar(2025, 8, 15), '2025-10-06');
});

test('leap months: 2023 repeats its 2nd month, 2025 its 6th, 2024 has none', () => {
  assert.equal(leapMonth(2023), 2);
  assert.equal(lunarToSolar(2023, 2, 1), '2023-02-20');
  assert.equal(lunarToSolar(2023, 2, 1, true), '2023-03-22');
  assert.equal(lunarToSolar(2023, 3, 1), '2023-04-20');
  assert.deepEqual(solarToLunar('2023-03-23'), { year: 2023, month: 2, day: 2, leap: true });
  assert.deepEqual(solarToLunar('2023-03-21'), { year: 2023, month: 2, day: 30, leap: false });

  assert.equal(leapMonth(2025), 6);
  assert.equal(lunarToSolar(2025, 6, 1), '2025-06-25');
  assert.equal(lunarToSolar(2025, 6, 1, true), '2025-07-25');
  assert.deepEqual(solarToLunar('2025-07-25'), { year: 2025, month: 6, day: 1, leap: true });
  assert.deepEqual(solarToLunar('2025-07-24'), { year: 2025, month: 6, day: 30, leap: false });

  assert.equal(leapMonth(2024), null);
  assert.throws(() => lunarToSolar(2024, 2, 1, true), /no leap month 2/);
});

test('months are 29 or 30 days: the 12th month of Giáp Thìn has no 30th, so Tết 2025 followed the 29th', () => {
  assert.equal(lunarToSolar(2024, 12, 1), '2024-12-31');
  assert.equal(lunarToSolar(2024, 12, 29), '2025-01-28');
  assert.throws(() => lunarToSolar(2024, 12, 30), /has 29 days/);
  assert.equal(lunarToSolar(2023, 12, 30), '2024-02-09', 'Quý Mão did have a 30 Tết');
  assert.deepEqual(solarToLunar('2024-12-31'), { year: 2024, month: 12, day: 1, leap: false }, 'a lunar year runs past 31 December');
});

test('every day of 1990–2050 goes to a lunar date and back, and the lunar days run on without gaps', () => {
  let prev: ReturnType<typeof solarToLunar> | null = null;
  let leaps = 0;
  for (const date of days('1990-01-01', '2050-12-31')) {
    const l = solarToLunar(date);
    assert.equal(lunarToSolar(l.year, l.month, l.day, l.leap), date, `${date} → ${JSON.stringify(l)}`);
    if (prev) {
      if (l.day === 1) {
        assert.ok(prev.day === 29 || prev.day === 30, `month before ${date} had ${prev.day} days`);
        if (l.leap) {
          assert.equal(l.month, prev.month, `the leap month at ${date} repeats the one before`);
          leaps++;
        } else {
          assert.equal(l.month, (prev.month % 12) + 1, `month after ${JSON.stringify(prev)}`);
          assert.equal(l.year, l.month === 1 ? prev.year + 1 : prev.year);
        }
      } else {
        assert.deepEqual({ ...l, day: l.day - 1 }, prev, `${date} follows the day before`);
      }
    }
    prev = l;
  }
  // 7 leap months in 19 years (the Metonic cycle): 61 years hold 22 or 23.
  assert.ok(leaps === 22 || leaps === 23, `${leaps} leap months`);
});

test("with UTC+8 it agrees with ICU's Chinese calendar but for month starts a day apart", () => {
  // ICU's astronomy is coarser near midnight (it starts the Chinese year 2030 on 2 February, before the new
  // moon in Beijing), so a month may start a day earlier or later there; nothing else may differ.
  const icu = new Intl.DateTimeFormat('en-US', { calendar: 'chinese', timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
  const key = (l: { year: number; month: number; day: number; leap: boolean }) => `${l.year}/${l.month}${l.leap ? 'bis' : ''}/${l.day}`;
  const theirs = (date: string) => {
    const p = icu.formatToParts(new Date(`${date}T00:00:00Z`));
    const get = (type: string) => p.find((x) => x.type === type)!.value;
    return `${get('relatedYear')}/${get('month')}/${get('day')}`;
  };
  const all = days('1990-01-01', '2050-12-31');
  const ours = all.map((d) => key(solarToLunar(d, 8)));
  const boundary = /\/(1|29|30)$/; // the first or last day of a month
  let same = 0;
  for (let i = 1; i < all.length - 1; i++) {
    const t = theirs(all[i]!);
    if (t === ours[i]) same++;
    else assert.ok(t === ours[i - 1] || t === ours[i + 1] || (boundary.test(t) && boundary.test(ours[i]!)), `${all[i]}: ours ${ours[i]}, ICU ${t}`);
  }
  assert.ok(same / all.length > 0.98, `${same} of ${all.length} days agree`);
});

test('impossible dates and years out of range are refused', () => {
  assert.throws(() => lunarToSolar(2024, 13, 1), RangeError);
  assert.throws(() => lunarToSolar(2024, 1, 31), RangeError);
  assert.throws(() => lunarToSolar(1700, 1, 1), RangeError);
  assert.throws(() => solarToLunar('2024-02-30'), RangeError);
  assert.throws(() => solarToLunar('24-02-10'), RangeError);
  assert.throws(() => solarToLunar('2024-02-10', 20), RangeError);
});
