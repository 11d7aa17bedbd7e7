import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addBusinessMinutes } from '@kith/domain/time/business-hours.ts';
import { vietnamPublicHolidays } from '@kith/domain/time/holidays.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { recurringOf } from '../../kith-module.ts';
import { MODULES } from '../../modules.ts';
import { listAudit } from '../../platform/audit/audit.repository.ts';
import { runDueJobs, scheduleRecurring } from '../../platform/jobs/runner.ts';
import { extendHolidayCalendars, HOLIDAYS_JOB, HOLIDAYS_SCHEDULE } from './care-holidays.ts';
import { workingCalendar } from './care-settings.service.ts';

/**
 * The working calendar's public holidays across the years (issue 18): seeded by the law of each year with the
 * days in lieu of the workspace's week, extended each new year by the recurring job with the workspace's own
 * edits kept, and counted by the SLA of a ticket opened in late December.
 */

let t: TestApp;
let clock = new Date('2026-06-10T03:00:00Z');
before(async () => {
  t = await createTestApp({ now: () => clock });
});
after(() => t.close());

type Day = { date: string; name: string };
const api = (u: TestUser) => client(t.app, u.token);
const settings = async (u: TestUser) => {
  const r = await api(u).get('/api/v1/care/settings');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { calendar: { week: unknown[]; holidays: Day[]; timeZone: string; extraWorkingDays: string[] } };
};
const ofYear = (days: Day[], year: number) => days.filter((d) => d.date.startsWith(`${year}-`));
const law = (year: number, weeklyRest: number[]) => vietnamPublicHolidays(year, { weeklyRest }).map((h) => ({ date: h.date, name: h.name.vi }));

describe('the public holidays of the working calendar, year after year', () => {
  test('a workspace seeded in 2026, the clock moved to 2028: the job adds 2028 and 2029 by the law and keeps every edit', async () => {
    clock = new Date('2026-06-10T03:00:00Z');
    const { owner, workspaceId } = await makeWorkspace(t.core);
    const seeded = await settings(owner);
    // Seeded with 2026 and 2027 (a Monday-to-Friday week: Saturday and Sunday are the weekly rest).
    assert.deepEqual(ofYear(seeded.calendar.holidays, 2026), law(2026, [0, 6]));
    assert.deepEqual(ofYear(seeded.calendar.holidays, 2027), law(2027, [0, 6]));
    assert.ok(seeded.calendar.holidays.some((d) => d.date === '2026-04-27' && d.name === 'Nghỉ bù Giỗ Tổ Hùng Vương'));
    assert.deepEqual(ofYear(seeded.calendar.holidays, 2028), []);

    // The workspace's own edits: a day removed, one renamed, one added, a decreed make-up Saturday.
    const edited = [
      ...seeded.calendar.holidays
        .filter((d) => d.date !== '2027-09-03')
        .map((d) => (d.date === '2027-01-01' ? { ...d, name: 'Tết Dương lịch (cả công ty)' } : d)),
      { date: '2027-06-01', name: 'Ngày hội công ty' },
    ].sort((a, b) => a.date.localeCompare(b.date));
    const p = await api(owner).patch('/api/v1/care/settings', {
      calendar: { ...seeded.calendar, holidays: edited, extraWorkingDays: ['2027-01-09'] },
    });
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.deepEqual((await extendHolidayCalendars(t.core)).extended, [], 'in 2026 nothing is missing');

    // 2 January 2028, 08:00 in Vietnam: the recurring job runs (through the runner) a few minutes after a start.
    clock = new Date('2028-01-02T01:00:00Z');
    await scheduleRecurring(t.core);
    clock = new Date(clock.getTime() + HOLIDAYS_SCHEDULE.firstAfterMs);
    await runDueJobs(t.core, 'process-a');
    const after = await settings(owner);
    assert.deepEqual(ofYear(after.calendar.holidays, 2028), law(2028, [0, 6]));
    assert.deepEqual(ofYear(after.calendar.holidays, 2029), law(2029, [0, 6]));
    assert.ok(
      after.calendar.holidays.some((d) => d.date === '2028-01-03' && d.name === 'Nghỉ bù Tết Dương lịch'),
      '1 January 2028 is a Saturday',
    );
    assert.ok(
      after.calendar.holidays.some((d) => d.date === '2029-09-04' && d.name === 'Nghỉ bù Quốc khánh'),
      '2 September 2029 is a Sunday',
    );
    // The edits, and the years before, as the workspace left them.
    assert.deepEqual(
      after.calendar.holidays.filter((d) => d.date < '2028-01-01'),
      edited,
    );
    assert.deepEqual(after.calendar.extraWorkingDays, ['2027-01-09']);

    // Once a year is in, the job leaves it: a second pass adds nothing; the change was audited as the job's.
    assert.ok(!(await extendHolidayCalendars(t.core)).extended.some((e) => e.workspaceId === workspaceId));
    const audit = await listAudit(t.core.db, workspaceId, { entityType: 'care_settings', limit: 10 });
    const byJob = audit.filter((a) => a.actorUserId === null);
    assert.equal(byJob.length, 1, JSON.stringify(audit));
    assert.deepEqual((byJob[0]!.after as { holidayYears: number[] }).holidayYears, [2026, 2027, 2028, 2029]);
    assert.equal((byJob[0]!.after as { holidaysAdded: Day[] }).holidaysAdded.length, law(2028, [0, 6]).length + law(2029, [0, 6]).length);
    assert.deepEqual(recurringOf(MODULES).get(HOLIDAYS_JOB), HOLIDAYS_SCHEDULE, 'a recurring kind of the tickets module');
  });

  test('the days in lieu follow the workspace’s week, and a year whose days were all removed stays empty', async () => {
    clock = new Date('2026-06-10T03:00:00Z');
    const { owner } = await makeWorkspace(t.core);
    const s = await settings(owner);
    // Works Saturday mornings (Sunday alone is the weekly rest) and has removed every day of 2027.
    const week = [...s.calendar.week];
    week[6] = [{ from: '08:00', to: '12:00' }];
    const kept = s.calendar.holidays.filter((d) => !d.date.startsWith('2027-'));
    assert.equal((await api(owner).patch('/api/v1/care/settings', { calendar: { ...s.calendar, week, holidays: kept } })).status, 200);

    clock = new Date('2027-01-05T03:00:00Z');
    await extendHolidayCalendars(t.core);
    let now = await settings(owner);
    assert.deepEqual(ofYear(now.calendar.holidays, 2027), [], '2027 was the workspace’s, and it removed it');
    // 2028 by the law with Sunday alone as the rest day: Saturday 1 January, Saturday 29 January (mùng 4) and
    // Saturday 2 September give no day in lieu; Sunday 30 April does (Monday is Labour Day: Tuesday 2 May).
    assert.deepEqual(ofYear(now.calendar.holidays, 2028), law(2028, [0]));
    const lieu = ofYear(now.calendar.holidays, 2028).filter((d) => d.name.startsWith('Nghỉ bù'));
    assert.deepEqual(lieu, [{ date: '2028-05-02', name: 'Nghỉ bù Ngày Chiến thắng' }]);

    clock = new Date('2028-01-05T03:00:00Z');
    await extendHolidayCalendars(t.core);
    now = await settings(owner);
    assert.deepEqual(ofYear(now.calendar.holidays, 2029), law(2029, [0]));
    assert.deepEqual(ofYear(now.calendar.holidays, 2027), []);
  });

  test('a ticket opened on 30 December counts the next year’s holidays the job added: New Year’s day in lieu', async () => {
    clock = new Date('2026-06-10T03:00:00Z');
    const { owner } = await makeWorkspace(t.core);
    await settings(owner); // seeded with 2026 and 2027
    clock = new Date('2027-01-02T03:00:00Z');
    await extendHolidayCalendars(t.core); // 2028 added
    const cal = (await settings(owner)).calendar;
    assert.ok(
      cal.holidays.some((d) => d.date === '2028-01-03'),
      'Monday 3 January 2028, in lieu of Saturday 1 January',
    );

    // Thursday 30 December 2027, 09:00 in Vietnam: a low-priority ticket (8 working hours to answer, 40 to resolve).
    clock = new Date('2027-12-30T02:00:00Z');
    const c = await api(owner).post('/api/v1/contacts', { name: 'Chị Hoa' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const r = await api(owner).post('/api/v1/tickets', { contactId: c.body.id, subject: 'Đổi hàng cuối năm', priority: 'low' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    // 7 hours on Thursday, 1 on Friday 31 December.
    assert.equal(r.body.sla.firstResponseDueAt, '2027-12-31T02:00:00.000Z');
    // 7 + 8 in 2027; then Saturday, Sunday and Monday 3 January (in lieu) off; 8 + 8 + 8 on 4–6 January, 1 on the 7th.
    assert.equal(r.body.sla.resolutionDueAt, '2028-01-07T02:00:00.000Z');
    // Without the year the job added, the due time would be a day earlier.
    const without = workingCalendar({ ...cal, holidays: cal.holidays.filter((d) => !d.date.startsWith('2028-')) } as never);
    assert.equal(addBusinessMinutes(without, '2027-12-30T02:00:00Z', 2_400), '2028-01-06T02:00:00.000Z');
  });
});
