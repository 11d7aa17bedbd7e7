import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leastOpen, roundRobin } from '../tickets/tickets.ts';
import {
  dutyShare,
  effectiveCapacities,
  hasRoomForTicket,
  judgeLoad,
  judgeMember,
  localSlot,
  onDutyAt,
  onDutyAtInstant,
  peakGrid,
  peakWindow,
  shiftsFromWeek,
} from './workload.ts';

test('a load above 90% of its capacity is a warning, above it an overload; no capacity is never judged', () => {
  assert.deepEqual(judgeLoad(9, 10), { ratio: 0.9, level: 'ok' });
  assert.deepEqual(judgeLoad(10, 10), { ratio: 1, level: 'warning' });
  assert.deepEqual(judgeLoad(11, 10), { ratio: 1.1, level: 'over' });
  assert.deepEqual(judgeLoad(500, null), { ratio: null, level: 'ok' });
  assert.throws(() => judgeLoad(1, 0), /capacity/);
  assert.throws(() => judgeLoad(-1, 3), /open/);
});

test('a member is judged by their worst load, with each reason, worst first', () => {
  const j = judgeMember({ tickets: 12, deals: 19, tasks: 3 }, { tickets: 10, deals: 20, tasks: null });
  assert.equal(j.level, 'over');
  assert.equal(j.utilisation, 1.2);
  assert.deepEqual(j.reasons, [
    { kind: 'tickets', open: 12, capacity: 10, level: 'over' },
    { kind: 'deals', open: 19, capacity: 20, level: 'warning' },
  ]);
  assert.deepEqual(judgeMember({ tickets: 3, deals: 0, tasks: 0 }, { tickets: null, deals: null, tasks: null }), {
    utilisation: null,
    level: 'ok',
    reasons: [],
  });
  assert.deepEqual(effectiveCapacities({ tickets: 5, deals: null }, { tickets: 8, deals: 12, tasks: 30 }), { tickets: 5, deals: 12, tasks: 30 });
  assert.equal(hasRoomForTicket(4, 5), true);
  assert.equal(hasRoomForTicket(5, 5), false);
  assert.equal(hasRoomForTicket(99, null), true);
});

test('shifts: the care week as shifts, on duty by minute, the share of an hour (a lunch break halves one)', () => {
  const week = [
    [],
    [
      { from: '08:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
    [],
    [],
    [],
    [],
    [],
  ];
  const shifts = shiftsFromWeek(week);
  assert.deepEqual(shifts, [
    { weekday: 1, from: '08:00', to: '12:00' },
    { weekday: 1, from: '13:30', to: '17:30' },
  ]);
  assert.equal(onDutyAt(shifts, 1, 8 * 60), true);
  assert.equal(onDutyAt(shifts, 1, 12 * 60), false, 'the end is not in the shift');
  assert.equal(onDutyAt(shifts, 2, 9 * 60), false);
  assert.equal(dutyShare(shifts, 1, 13), 0.5);
  assert.equal(dutyShare(shifts, 1, 9), 1);
  assert.equal(dutyShare(shifts, 1, 12), 0);
  // Overlapping shifts count once; a shift to 24:00 covers the last hour.
  assert.equal(
    dutyShare(
      [
        { weekday: 0, from: '22:00', to: '24:00' },
        { weekday: 0, from: '23:00', to: '23:30' },
      ],
      0,
      23,
    ),
    1,
  );
});

test('round robin and least open pass over the agents the rule does not accept, keeping the turn', () => {
  const agents = ['a', 'b', 'c'];
  const full = new Set(['b']);
  assert.equal(roundRobin(agents, 'a'), 'b');
  assert.equal(
    roundRobin(agents, 'a', (x) => !full.has(x)),
    'c',
  );
  assert.equal(
    roundRobin(agents, 'a', () => false),
    null,
  );
  const open = new Map([
    ['a', 3],
    ['b', 0],
    ['c', 2],
  ]);
  assert.equal(leastOpen(agents, open, null), 'b');
  assert.equal(
    leastOpen(agents, open, null, (x) => !full.has(x)),
    'c',
  );
  assert.equal(
    leastOpen(agents, open, null, () => false),
    null,
  );
});

test('local slots in Hồ Chí Minh City: local midnight starts the next weekday', () => {
  // Monday 30 November 2026, 23:59 local is 16:59Z; Tuesday 00:00 local is 17:00Z.
  assert.deepEqual(localSlot('2026-11-30T16:59:00Z', 'Asia/Ho_Chi_Minh'), { weekday: 1, hour: 23, minute: 59 });
  assert.deepEqual(localSlot('2026-11-30T17:00:00Z', 'Asia/Ho_Chi_Minh'), { weekday: 2, hour: 0, minute: 0 });
  const monday = [{ weekday: 1, from: '08:00', to: '17:30' }];
  assert.equal(onDutyAtInstant(monday, '2026-11-30T01:00:00Z', 'Asia/Ho_Chi_Minh'), true);
  assert.equal(onDutyAtInstant(monday, '2026-11-30T00:59:00Z', 'Asia/Ho_Chi_Minh'), false);
});

test('local slots with summer time: the same UTC instant falls an hour later in July than in January', () => {
  // Berlin: UTC+2 in July, UTC+1 in January. 22:00Z on Monday 6 July 2026 is Tuesday 00:00 local.
  assert.deepEqual(localSlot('2026-07-06T22:00:00Z', 'Europe/Berlin'), { weekday: 2, hour: 0, minute: 0 });
  assert.deepEqual(localSlot('2026-01-05T22:00:00Z', 'Europe/Berlin'), { weekday: 1, hour: 23, minute: 0 });
  // The window of 8 weeks across the clock change of 25 October keeps the local wall time.
  const w = peakWindow(new Date('2026-11-02T09:00:00Z'), 'Europe/Berlin', 8);
  assert.equal(w.from, '2026-09-07T08:00:00.000Z', '10:00 local both ends: UTC+2 then, UTC+1 now');
  assert.equal(w.to, '2026-11-02T09:00:00.000Z');
});

test('the peak grid: tickets per week and per on-duty agent-hour, high and uncovered slots flagged', () => {
  const tz = 'Asia/Ho_Chi_Minh';
  // Two weeks; Monday 09:00 local (02:00Z): 12 tickets in all → 6 a week; 2 agents on duty → 3 per agent: high at 3.
  // Sunday 20:00 local: 2 tickets, nobody on duty → uncovered. Monday 13:00: 1 ticket, 1 agent for half the hour → 1 per agent-hour.
  const created = [
    { at: '2026-11-23T02:00:00.000Z', n: 5 },
    { at: '2026-11-30T02:45:00.000Z', n: 7 },
    { at: '2026-11-29T13:15:00.000Z', n: 2 },
    { at: '2026-11-30T06:30:00.000Z', n: 1 },
  ];
  const staff = [
    [{ weekday: 1, from: '08:00', to: '17:30' }],
    [
      { weekday: 1, from: '08:00', to: '12:00' },
      { weekday: 1, from: '13:30', to: '17:30' },
    ],
  ];
  const grid = peakGrid(created, staff, { timeZone: tz, weeks: 2, threshold: 3 });
  assert.equal(grid.length, 168);
  const slot = (weekday: number, hour: number) => grid[weekday * 24 + hour]!;
  assert.deepEqual(slot(1, 9), { weekday: 1, hour: 9, tickets: 6, onDuty: 2, ratio: 3, flag: 'high' });
  assert.deepEqual(slot(0, 20), { weekday: 0, hour: 20, tickets: 1, onDuty: 0, ratio: null, flag: 'uncovered' });
  assert.deepEqual(slot(1, 13), { weekday: 1, hour: 13, tickets: 0.5, onDuty: 1.5, ratio: 0.33, flag: null });
  assert.deepEqual(slot(3, 3), { weekday: 3, hour: 3, tickets: 0, onDuty: 0, ratio: null, flag: null });
  assert.equal(
    grid.reduce((s, x) => s + x.tickets, 0),
    7.5,
  );
});
