import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type WorkingCalendar, addBusinessMinutes, businessMinutesBetween, isWorkingTime } from './business-hours.ts';
import { vietnamPublicHolidays } from './holidays.ts';

/** An instant written in Vietnam's wall-clock time (UTC+7, no summer time), as ISO UTC. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();

const weekday = [
  { from: '08:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
];
/** Monday to Friday, 08:00–12:00 and 13:30–17:30: 8 hours a day, 40 a week. */
const office: WorkingCalendar = { timeZone: 'Asia/Ho_Chi_Minh', week: [[], weekday, weekday, weekday, weekday, weekday, []], holidays: [] };
/** The same with Saturday mornings. */
const withSaturday: WorkingCalendar = { ...office, week: [...office.week.slice(0, 6), [{ from: '08:00', to: '12:00' }]] };

// 2025-01-03 is a Friday, 2025-01-06 a Monday.

test('a target within a day, across the lunch break and across the night', () => {
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 09:00'), 60), vn('2025-01-06 10:00'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 11:30'), 60), vn('2025-01-06 14:00'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 17:00'), 60), vn('2025-01-07 08:30'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 08:00'), 480), vn('2025-01-06 17:30'), 'a full day ends at closing');
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 08:00'), 481), vn('2025-01-07 08:01'));
  assert.equal(addBusinessMinutes(office, new Date(vn('2025-01-06 09:15')), 30.5), '2025-01-06T02:45:30.000Z', 'a Date and fractional minutes');
});

test('a start outside hours counts from the next opening: lunch, night, Friday evening, weekend', () => {
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 12:10'), 15), vn('2025-01-06 13:45'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 06:00'), 15), vn('2025-01-06 08:15'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-03 18:00'), 60), vn('2025-01-06 09:00'), 'Friday after hours → Monday');
  assert.equal(addBusinessMinutes(office, vn('2025-01-03 17:00'), 60), vn('2025-01-06 08:30'), 'half an hour on Friday, half on Monday');
  assert.equal(addBusinessMinutes(office, vn('2025-01-04 10:00'), 60), vn('2025-01-06 09:00'), 'Saturday → Monday');
});

test('exactly at opening and closing', () => {
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 08:00'), 0), vn('2025-01-06 08:00'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 12:00'), 0), vn('2025-01-06 13:30'), 'closing is not working time');
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 17:30'), 0), vn('2025-01-07 08:00'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 17:00'), 30), vn('2025-01-06 17:30'), 'due at closing, not at the next opening');
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 11:00'), 60), vn('2025-01-06 12:00'));
  assert.equal(isWorkingTime(office, vn('2025-01-06 08:00')), true);
  assert.equal(isWorkingTime(office, vn('2025-01-06 07:59')), false);
  assert.equal(isWorkingTime(office, vn('2025-01-06 11:59')), true);
  assert.equal(isWorkingTime(office, vn('2025-01-06 12:00')), false);
  assert.equal(isWorkingTime(office, vn('2025-01-06 13:30')), true);
  assert.equal(isWorkingTime(office, vn('2025-01-06 17:30')), false);
  assert.equal(isWorkingTime(office, vn('2025-01-04 09:00')), false, 'Saturday');
  assert.equal(isWorkingTime(withSaturday, vn('2025-01-04 09:00')), true);
  assert.equal(isWorkingTime(withSaturday, vn('2025-01-04 13:30')), false, 'Saturday afternoon');
});

test('a Saturday-morning calendar works Saturday 08:00–12:00', () => {
  assert.equal(addBusinessMinutes(withSaturday, vn('2025-01-03 17:00'), 60), vn('2025-01-04 08:30'));
  assert.equal(addBusinessMinutes(withSaturday, vn('2025-01-04 11:30'), 60), vn('2025-01-06 08:30'));
  assert.equal(businessMinutesBetween(withSaturday, vn('2025-01-06 08:00'), vn('2025-01-13 08:00')), 44 * 60);
});

test('holidays: a start on one, and Tết', () => {
  const cal: WorkingCalendar = { ...office, holidays: ['2025-01-01'] }; // a Wednesday
  assert.equal(addBusinessMinutes(cal, vn('2025-01-01 10:00'), 60), vn('2025-01-02 09:00'));
  assert.equal(addBusinessMinutes(cal, vn('2024-12-31 17:00'), 60), vn('2025-01-02 08:30'));
  assert.equal(isWorkingTime(cal, vn('2025-01-01 10:00')), false);

  // Tết 2025, Tuesday 28 January (29 tháng Chạp) to Saturday 1 February.
  const tet: WorkingCalendar = { ...withSaturday, holidays: vietnamPublicHolidays(2025).map((h) => h.date) };
  assert.equal(addBusinessMinutes(tet, vn('2025-01-27 17:00'), 120), vn('2025-02-03 09:30'));
  assert.equal(businessMinutesBetween(tet, vn('2025-01-27 08:00'), vn('2025-02-04 08:00')), 2 * 480);
  assert.equal(businessMinutesBetween(withSaturday, vn('2025-01-27 08:00'), vn('2025-02-04 08:00')), 6 * 480 + 240, 'the same days without Tết');
});

test('a make-up working Saturday counts, at Monday’s hours unless told; a holiday wins over it', () => {
  const makeUp: WorkingCalendar = { ...office, extraWorkingDays: ['2025-01-04'] };
  assert.equal(addBusinessMinutes(makeUp, vn('2025-01-03 17:00'), 60), vn('2025-01-04 08:30'));
  assert.equal(addBusinessMinutes(makeUp, vn('2025-01-04 17:00'), 60), vn('2025-01-06 08:30'), 'its afternoon too');
  assert.equal(businessMinutesBetween(makeUp, vn('2025-01-03 08:00'), vn('2025-01-06 08:00')), 960);
  const morning: WorkingCalendar = { ...makeUp, extraWorkingHours: [{ from: '08:00', to: '12:00' }] };
  assert.equal(businessMinutesBetween(morning, vn('2025-01-03 08:00'), vn('2025-01-06 08:00')), 720);
  const clash: WorkingCalendar = { ...makeUp, holidays: ['2025-01-04'] };
  assert.equal(addBusinessMinutes(clash, vn('2025-01-03 17:00'), 60), vn('2025-01-06 08:30'));
});

test('minutes between two instants, signed', () => {
  assert.equal(businessMinutesBetween(office, vn('2025-01-03 17:00'), vn('2025-01-06 09:00')), 90);
  assert.equal(businessMinutesBetween(office, vn('2025-01-06 09:00'), vn('2025-01-03 17:00')), -90);
  assert.equal(businessMinutesBetween(office, vn('2025-01-06 12:00'), vn('2025-01-06 13:30')), 0);
  assert.equal(businessMinutesBetween(office, vn('2025-01-06 10:00'), vn('2025-01-06 10:00')), 0);
  assert.equal(businessMinutesBetween(office, vn('2025-01-06 00:00'), vn('2026-01-05 00:00')), 52 * 40 * 60, 'a year of whole weeks');
});

test('a long target skips whole weeks and still lands on the minute', () => {
  // 52 weeks of 40 hours from Monday 6 January 2025 08:00 end at closing on Friday 2 January 2026.
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 08:00'), 52 * 2400), vn('2026-01-02 17:30'));
  assert.equal(addBusinessMinutes(office, vn('2025-01-06 08:00'), 52 * 2400 + 1), vn('2026-01-05 08:01'));
  const start = vn('2025-01-06 08:00');
  const due = addBusinessMinutes(office, start, 3_000_000); // 25 years of working time
  assert.equal(businessMinutesBetween(office, start, due), 3_000_000);
});

test('businessMinutesBetween inverts addBusinessMinutes', () => {
  const holidays = [...vietnamPublicHolidays(2024), ...vietnamPublicHolidays(2025)].map((h) => h.date);
  const calendars: WorkingCalendar[] = [
    { ...withSaturday, holidays, extraWorkingDays: ['2024-04-27', '2025-04-26'] },
    {
      timeZone: 'Europe/Berlin',
      week: [
        [],
        ...Array.from({ length: 5 }, () => [
          { from: '08:00', to: '12:00' },
          { from: '12:30', to: '16:30' },
        ]),
        [],
      ],
      holidays: ['2024-12-25'],
    },
    { timeZone: 'America/New_York', week: [[{ from: '00:00', to: '24:00' }], [{ from: '01:00', to: '03:30' }], [], [], [], [], []], holidays: [] },
  ];
  const from = Date.parse('2024-01-01T00:00:00Z');
  const to = Date.parse('2025-12-31T00:00:00Z');
  fc.assert(
    fc.property(
      fc.constantFrom(...calendars),
      fc.integer({ min: from, max: to }),
      fc.integer({ min: 0, max: 30_000 }),
      fc.integer({ min: 0, max: 60 * 86_400_000 }),
      (cal, s, minutes, gap) => {
        const start = new Date(s);
        const due = addBusinessMinutes(cal, start, minutes);
        assert.equal(businessMinutesBetween(cal, start, due), minutes);
        if (minutes > 0) assert.ok(isWorkingTime(cal, new Date(Date.parse(due) - 1)), 'the last millisecond counted is working time');
        // The other way: the working time up to any instant leads back to it when it was being worked, else to
        // the last closing before it; and when there was none, to the next opening, no earlier than the instant.
        const end = s + gap;
        const worked = businessMinutesBetween(cal, start, new Date(end));
        const back = Date.parse(addBusinessMinutes(cal, start, worked));
        if (worked === 0) assert.ok(back >= end);
        else if (isWorkingTime(cal, new Date(end - 1))) assert.equal(back, end);
        else assert.ok(back < end && businessMinutesBetween(cal, new Date(back), new Date(end)) === 0);
      },
    ),
    { numRuns: 300, seed: 20_250_129 },
  );
});

test('a zone with summer time: working hours follow the wall clock across the change', () => {
  const days = [{ from: '08:00', to: '17:00' }];
  const berlin: WorkingCalendar = { timeZone: 'Europe/Berlin', week: [[], days, days, days, days, days, []], holidays: [] };
  // Friday 29 March 2024, 16:00 CET (UTC+1); clocks go forward on Sunday 31 March; Monday opens 08:00 CEST (UTC+2).
  assert.equal(addBusinessMinutes(berlin, '2024-03-29T15:00:00Z', 120), '2024-04-01T07:00:00.000Z');
  // And back on Sunday 27 October 2024: Monday opens 08:00 CET again.
  assert.equal(addBusinessMinutes(berlin, '2024-10-25T14:00:00Z', 120), '2024-10-28T08:00:00.000Z');
  assert.equal(isWorkingTime(berlin, '2024-04-01T06:00:00Z'), true);
  assert.equal(isWorkingTime(berlin, '2024-04-01T05:59:00Z'), false);

  // A Sunday worked round the clock lasts 23 hours in March, 25 in October, 24 otherwise.
  const sundays: WorkingCalendar = { timeZone: 'Europe/Berlin', week: [[{ from: '00:00', to: '24:00' }]], holidays: [] };
  assert.equal(businessMinutesBetween(sundays, '2024-03-29T12:00:00Z', '2024-04-02T12:00:00Z'), 23 * 60);
  assert.equal(businessMinutesBetween(sundays, '2024-10-25T12:00:00Z', '2024-10-29T12:00:00Z'), 25 * 60);
  assert.equal(businessMinutesBetween(sundays, '2024-04-05T12:00:00Z', '2024-04-09T12:00:00Z'), 24 * 60);
  assert.equal(addBusinessMinutes(sundays, '2024-03-29T12:00:00Z', 23 * 60), '2024-03-31T22:00:00.000Z', 'Sunday midnight to midnight');

  // 01:00–04:00 on a Sunday is two hours when the clocks skip 02:00–03:00, four when they repeat it.
  const night: WorkingCalendar = { timeZone: 'Europe/Berlin', week: [[{ from: '01:00', to: '04:00' }]], holidays: [] };
  assert.equal(businessMinutesBetween(night, '2024-03-30T00:00:00Z', '2024-04-01T00:00:00Z'), 120);
  assert.equal(businessMinutesBetween(night, '2024-10-26T00:00:00Z', '2024-10-28T00:00:00Z'), 240);
  assert.equal(addBusinessMinutes(night, '2024-03-31T00:00:00Z', 90), '2024-03-31T01:30:00.000Z', '01:00 CET + 90 minutes is 03:30 CEST');

  // West of Greenwich: New York goes forward on Sunday 10 March 2024.
  const nyDays = [{ from: '09:00', to: '17:00' }];
  const ny: WorkingCalendar = { timeZone: 'America/New_York', week: [[], nyDays, nyDays, nyDays, nyDays, nyDays, []], holidays: [] };
  assert.equal(addBusinessMinutes(ny, '2024-03-08T21:00:00Z', 120), '2024-03-11T14:00:00.000Z');
});

test('calendars with no working time, absurd targets and malformed input are refused, not looped on', () => {
  const idle: WorkingCalendar = { timeZone: 'Asia/Ho_Chi_Minh', week: [[], [], [], [], [], [], []], holidays: [] };
  assert.throws(() => addBusinessMinutes(idle, vn('2025-01-06 09:00'), 60), /no working time/);
  assert.throws(() => addBusinessMinutes({ ...idle, week: [] }, vn('2025-01-06 09:00'), 60), /no working time/);
  const oneDay: WorkingCalendar = { ...idle, extraWorkingDays: ['2025-01-11'], extraWorkingHours: [{ from: '08:00', to: '12:00' }] };
  assert.equal(addBusinessMinutes(oneDay, vn('2025-01-06 09:00'), 240), vn('2025-01-11 12:00'));
  assert.throws(() => addBusinessMinutes(oneDay, vn('2025-01-06 09:00'), 241), /no working time after 2025-01-11/);
  assert.throws(() => addBusinessMinutes(office, vn('2025-01-06 09:00'), 1e12), /more than 400 years/);
  assert.throws(() => addBusinessMinutes(office, vn('2025-01-06 09:00'), 420 * 52 * 2400), /more than 400 years/);
  assert.throws(() => addBusinessMinutes(office, vn('2025-01-06 09:00'), -1), RangeError);
  assert.throws(() => addBusinessMinutes(office, vn('2025-01-06 09:00'), Number.NaN), RangeError);
  assert.throws(() => addBusinessMinutes(office, '2025-01-06T09:00:00', 1), /offset/, 'a local time without its zone');
  assert.throws(() => addBusinessMinutes(office, new Date(Number.NaN), 1), RangeError);
  assert.throws(() => addBusinessMinutes({ ...office, timeZone: 'Asia/Saigon City' }, vn('2025-01-06 09:00'), 1), /time zone/);
  assert.throws(
    () =>
      isWorkingTime(
        {
          ...office,
          week: [
            [],
            [
              { from: '08:00', to: '12:00' },
              { from: '11:00', to: '13:00' },
            ],
          ],
        },
        vn('2025-01-06 09:00'),
      ),
    /overlap/,
  );
  assert.throws(() => isWorkingTime({ ...office, week: [[], [{ from: '12:00', to: '08:00' }]] }, vn('2025-01-06 09:00')), /ends before/);
  assert.throws(() => isWorkingTime({ ...office, week: [[], [{ from: '8:00', to: '12:00' }]] }, vn('2025-01-06 09:00')), /HH:MM/);
  assert.throws(() => isWorkingTime({ ...office, holidays: ['2025-02-30'] }, vn('2025-01-06 09:00')), /holiday/);
});
