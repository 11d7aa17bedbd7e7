import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fillCanned,
  hoursAndMinutes,
  insertAt,
  mergeHolidays,
  nextTarget,
  slaTone,
  splitDuration,
  toMinutes,
  workdayMinutes,
  type SlaTargetView,
} from './ticket-model.ts';

const running = (over: Partial<SlaTargetView> = {}): SlaTargetView => ({
  dueAt: '2026-12-01T03:00:00.000Z',
  remainingMinutes: 135,
  breached: false,
  met: null,
  warn: false,
  ...over,
});
const sla = (firstResponse: SlaTargetView | null, resolution: SlaTargetView | null) => ({
  policyId: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
  firstResponse,
  resolution,
});

test('a list shows the first-response clock until it is answered, then the resolution clock', () => {
  const first = running({ remainingMinutes: 30 });
  const resolution = running({ remainingMinutes: 400 });
  assert.deepEqual(nextTarget(sla(first, resolution)), { which: 'firstResponse', state: first });
  const answered = running({ met: true });
  assert.deepEqual(nextTarget(sla(answered, resolution)), { which: 'resolution', state: resolution });
  assert.deepEqual(nextTarget(sla(answered, null)), { which: 'firstResponse', state: answered }, 'only a first-response target: its outcome');
  assert.equal(nextTarget(sla(null, null)), null, 'no policy, no clock');
});

test('a clock’s tone: met, missed, breached, paused while waiting on the customer, warn, running', () => {
  assert.equal(slaTone(running({ met: true }), 'firstResponse', 'open'), 'met');
  assert.equal(slaTone(running({ met: false, breached: true }), 'resolution', 'resolved'), 'missed');
  assert.equal(
    slaTone(running({ breached: true, remainingMinutes: -20 }), 'resolution', 'waiting_on_customer'),
    'breached',
    'a breach shows even while paused',
  );
  assert.equal(slaTone(running(), 'resolution', 'waiting_on_customer'), 'paused');
  assert.equal(slaTone(running(), 'firstResponse', 'waiting_on_customer'), 'running', 'waiting pauses the resolution clock only');
  assert.equal(slaTone(running({ warn: true }), 'firstResponse', 'new'), 'warn');
  assert.equal(slaTone(running(), 'firstResponse', 'new'), 'running');
});

test('business minutes as hours and minutes, sign dropped', () => {
  assert.deepEqual(hoursAndMinutes(135), { h: 2, m: 15 });
  assert.deepEqual(hoursAndMinutes(-65), { h: 1, m: 5 });
  assert.deepEqual(hoursAndMinutes(0), { h: 0, m: 0 });
});

test('SLA targets in the largest whole unit, with the working day taken from the calendar', () => {
  const day = [
    { from: '08:00', to: '12:00' },
    { from: '13:30', to: '17:30' },
  ];
  const week = [[], day, day, day, day, day, [{ from: '08:00', to: '12:00' }]];
  assert.equal(workdayMinutes(week), 480);
  assert.equal(workdayMinutes([[], [], [], [], [], [], []]), 480, 'a week with no working time still has a unit');
  assert.deepEqual(splitDuration(1_440, 480), { value: 3, unit: 'days' });
  assert.deepEqual(splitDuration(240, 480), { value: 4, unit: 'hours' });
  assert.deepEqual(splitDuration(90, 480), { value: 90, unit: 'minutes' });
  assert.equal(toMinutes('1,5', 'hours', 480), 90, 'a decimal comma, as typed in Vietnamese');
  assert.equal(toMinutes('2', 'days', 450), 900);
  assert.equal(toMinutes(' ', 'hours', 480), null);
  assert.equal(toMinutes('abc', 'hours', 480), null);
});

test('Vietnam’s holidays merged into the list: by date, the workspace’s own names kept, in date order', () => {
  const mine = [
    { date: '2027-04-30', name: 'Nghỉ 30/4 (công ty)' },
    { date: '2027-12-24', name: 'Tiệc cuối năm' },
  ];
  const vn = [
    { date: '2027-01-01', name: 'Tết Dương lịch' },
    { date: '2027-04-30', name: 'Ngày Chiến thắng' },
    { date: '2027-05-01', name: 'Quốc tế Lao động' },
  ];
  const r = mergeHolidays(mine, vn);
  assert.equal(r.added, 2);
  assert.deepEqual(
    r.holidays.map((h) => h.date),
    ['2027-01-01', '2027-04-30', '2027-05-01', '2027-12-24'],
  );
  assert.equal(r.holidays[1]!.name, 'Nghỉ 30/4 (công ty)');
  assert.equal(mergeHolidays(r.holidays, vn).added, 0, 'adding again adds nothing');
});

test('a canned reply filled in as plain text; unknown variables left for the agent to see', () => {
  const body = 'Chào {{contact.name}}, về yêu cầu #{{ticket.number}}: {{ order.number }}. — {{agent.name}}';
  assert.equal(
    fillCanned(body, { contactName: 'Chị <b>Lan</b>', agentName: 'Minh', ticketNumber: 12 }),
    'Chào Chị <b>Lan</b>, về yêu cầu #12: {{ order.number }}. — Minh',
  );
  assert.equal(fillCanned('{{contact.name}}', { contactName: null, agentName: 'Minh', ticketNumber: 1 }), '');
});

test('inserted at the caret, with a space before it when needed', () => {
  assert.deepEqual(insertAt('Dạ,', 'em kiểm tra ngay.', 3), { text: 'Dạ, em kiểm tra ngay.', caret: 21 });
  assert.deepEqual(insertAt('', 'Xin chào', 0), { text: 'Xin chào', caret: 8 });
  assert.deepEqual(insertAt('a XX b', 'Y', 2, 4), { text: 'a Y b', caret: 3 });
});
