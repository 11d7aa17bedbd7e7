import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkingCalendar } from '../time/business-hours.ts';
import {
  type SlaPolicy,
  type SlaTicket,
  type TicketStatus,
  TICKET_STATUSES,
  canMove,
  checkMove,
  leastOpen,
  pickPolicy,
  roundRobin,
  slaDue,
  slaState,
} from './tickets.ts';

/** An instant written in Vietnam's wall-clock time (UTC+7, no summer time), as ISO UTC. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();

const weekday = [
  { from: '08:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
];
/** Monday to Friday, 08:00–12:00 and 13:30–17:30: 8 hours (480 minutes) a day. */
const office: WorkingCalendar = { timeZone: 'Asia/Ho_Chi_Minh', week: [[], weekday, weekday, weekday, weekday, weekday, []], holidays: [] };

// 2025-01-06 is a Monday; 2025-01-10 a Friday, 2025-01-13 the Monday after.

// ---------------------------------------------------------------------------------------------------
// Statuses

test('every move between statuses is allowed or refused as the table says', () => {
  // Written out afresh, not read from the module, so a wrong row there fails here.
  const allowed = new Set([
    'new>open',
    'new>waiting_on_customer',
    'new>resolved',
    'new>closed',
    'open>waiting_on_customer',
    'open>resolved',
    'open>closed',
    'waiting_on_customer>open',
    'waiting_on_customer>resolved',
    'waiting_on_customer>closed',
    'resolved>closed',
    'resolved>reopened',
    'closed>reopened',
    'reopened>open',
    'reopened>waiting_on_customer',
    'reopened>resolved',
    'reopened>closed',
  ]);
  assert.equal(TICKET_STATUSES.length, 6);
  let seen = 0;
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      const expected = allowed.has(`${from}>${to}`);
      seen += expected ? 1 : 0;
      assert.equal(canMove(from, to), expected, `${from} → ${to}`);
      const reason = checkMove(from, to);
      if (expected) assert.equal(reason, null, `${from} → ${to}`);
      else assert.equal(typeof reason, 'string', `${from} → ${to} is refused with a reason`);
    }
  }
  assert.equal(seen, allowed.size, 'every allowed move is between real statuses');
});

test('a refused move says why', () => {
  assert.equal(checkMove('open', 'open'), 'the ticket is already open');
  assert.equal(checkMove('closed', 'open'), 'from closed a ticket can move to reopened, not to open');
  assert.equal(checkMove('resolved', 'waiting_on_customer'), 'from resolved a ticket can move to closed, reopened, not to waiting_on_customer');
  assert.equal(checkMove('open', 'new'), 'from open a ticket can move to waiting_on_customer, resolved, closed, not to new');
  assert.equal(checkMove('pending' as TicketStatus, 'open'), 'not a ticket status: "pending"');
  assert.equal(checkMove('open', 'done' as TicketStatus), 'not a ticket status: "done"');
  assert.equal(canMove('pending' as TicketStatus, 'open'), false);
});

// ---------------------------------------------------------------------------------------------------
// Policies

const policy = (priority: SlaPolicy['priority'], category: string | null, name: string) => ({
  priority,
  category,
  firstResponseMinutes: 60,
  resolutionMinutes: 480,
  name,
});

test('the most specific policy wins, whatever the order', () => {
  // The most specific rows last, so that list order alone would pick wrongly.
  const any = policy(null, null, 'any');
  const billing = policy(null, 'billing', 'billing');
  const urgent = policy('urgent', null, 'urgent');
  const urgentBilling = policy('urgent', 'billing', 'urgent billing');
  const rows = [any, billing, urgent, urgentBilling];
  assert.equal(pickPolicy(rows, 'urgent', 'billing')?.name, 'urgent billing');
  assert.equal(pickPolicy(rows, 'urgent', 'shipping')?.name, 'urgent', 'priority only');
  assert.equal(pickPolicy(rows, 'urgent', null)?.name, 'urgent', 'a ticket without a category matches no category row');
  assert.equal(pickPolicy(rows, 'low', 'billing')?.name, 'billing', 'category only');
  assert.equal(pickPolicy(rows, 'low', 'shipping')?.name, 'any');
  assert.equal(pickPolicy([billing, urgent], 'urgent', 'billing')?.name, 'urgent', 'priority only beats category only');
  assert.equal(pickPolicy([urgent, billing], 'urgent', 'billing')?.name, 'urgent');
  assert.equal(pickPolicy([billing, urgent, urgentBilling], 'low', 'shipping'), null, 'nothing matches');
  assert.equal(pickPolicy([], 'low', null), null);
});

test('equally specific policies: the first listed wins', () => {
  const a = policy('high', null, 'a');
  const b = policy('high', null, 'b');
  assert.equal(pickPolicy([a, b], 'high', 'billing')?.name, 'a');
  assert.equal(pickPolicy([b, a], 'high', 'billing')?.name, 'b');
  const c = policy(null, null, 'c');
  const d = policy(null, null, 'd');
  assert.equal(pickPolicy([c, d], 'low', null)?.name, 'c');
  assert.equal(pickPolicy([d, c], 'low', null)?.name, 'd');
});

// ---------------------------------------------------------------------------------------------------
// Due times

const plan = (firstResponseMinutes: number | null, resolutionMinutes: number | null): SlaPolicy => ({
  priority: null,
  category: null,
  firstResponseMinutes,
  resolutionMinutes,
});

test('due times across a night', () => {
  // Created Monday 16:00. First response 120: 90 to Monday's 17:30, 30 more from Tuesday 08:00 → 08:30.
  // Resolution 960: Monday 90, Tuesday 480 (570), then Wednesday 240 to 12:00 (810) and 150 from 13:30 → 16:00.
  assert.deepEqual(slaDue(office, plan(120, 960), vn('2025-01-06 16:00')), {
    firstResponseDueAt: vn('2025-01-07 08:30'),
    resolutionDueAt: vn('2025-01-08 16:00'),
  });
});

test('due times across a weekend', () => {
  // Created Friday 15:00. First response 240: 150 to Friday's 17:30, 90 from Monday 08:00 → 09:30.
  // Resolution 480: Friday 150, Monday 240 to 12:00 (390), 90 from 13:30 → 15:00.
  assert.deepEqual(slaDue(office, plan(240, 480), vn('2025-01-10 15:00')), {
    firstResponseDueAt: vn('2025-01-13 09:30'),
    resolutionDueAt: vn('2025-01-13 15:00'),
  });
});

test('no policy, or a policy without a target, gives null due times; a bad target is refused', () => {
  assert.deepEqual(slaDue(office, null, vn('2025-01-06 09:00')), { firstResponseDueAt: null, resolutionDueAt: null });
  // Created Monday 09:00, 60 minutes → 10:00.
  assert.deepEqual(slaDue(office, plan(60, null), vn('2025-01-06 09:00')), { firstResponseDueAt: vn('2025-01-06 10:00'), resolutionDueAt: null });
  assert.throws(
    () => slaDue(office, plan(0, 60), vn('2025-01-06 09:00')),
    /^RangeError: first response: a target is a positive number of minutes or null, not 0$/,
  );
  assert.throws(
    () => slaDue(office, plan(60, -5), vn('2025-01-06 09:00')),
    /^RangeError: resolution: a target is a positive number of minutes or null, not -5$/,
  );
});

// ---------------------------------------------------------------------------------------------------
// Clocks

/**
 * Created Monday 09:00 under 60 / 480 minutes: first response due 10:00; resolution due Tuesday 09:00
 * (Monday 180 to 12:00 and 240 from 13:30 to 17:30 is 420, then 60 on Tuesday).
 */
const ticket = (over: Partial<SlaTicket> = {}): SlaTicket => ({
  createdAt: vn('2025-01-06 09:00'),
  ...slaDue(office, plan(60, 480), vn('2025-01-06 09:00')),
  firstRespondedAt: null,
  resolvedAt: null,
  pauses: [],
  ...over,
});

test('the ticket the clock tests use is due when the comment says', () => {
  assert.equal(ticket().firstResponseDueAt, vn('2025-01-06 10:00'));
  assert.equal(ticket().resolutionDueAt, vn('2025-01-07 09:00'));
});

test('a pause pushes the resolution due time back by exactly the working minutes paused', () => {
  // Paused Monday 11:00–14:30: 60 before lunch and 60 after (3½ hours by the clock, 120 minutes worked).
  // Resolution due Tuesday 09:00 + 120 → 11:00. The first response is not paused: still 10:00.
  const t = ticket({ pauses: [{ from: vn('2025-01-06 11:00'), to: vn('2025-01-06 14:30') }] });
  const later = slaState(office, t, vn('2025-01-06 15:00'));
  assert.equal(later.resolution?.dueAt, vn('2025-01-07 11:00'));
  assert.equal(later.firstResponse?.dueAt, vn('2025-01-06 10:00'));
  // Monday 15:00 to 17:30 is 150, Tuesday 08:00–11:00 180: 330 left, above 20% of 480 (96).
  assert.deepEqual(later.resolution, { dueAt: vn('2025-01-07 11:00'), remainingMinutes: 330, breached: false, met: null, warn: false });
  // Tuesday 10:00: 60 left, at most 96, so a warning.
  assert.deepEqual(slaState(office, t, vn('2025-01-07 10:00')).resolution, {
    dueAt: vn('2025-01-07 11:00'),
    remainingMinutes: 60,
    breached: false,
    met: null,
    warn: true,
  });
  // Two overlapping pauses count the overlap once: 11:00–12:00 and 11:30–14:30 are the same 120 minutes.
  const overlapping = ticket({
    pauses: [
      { from: vn('2025-01-06 11:30'), to: vn('2025-01-06 14:30') },
      { from: vn('2025-01-06 11:00'), to: vn('2025-01-06 12:00') },
    ],
  });
  assert.equal(slaState(office, overlapping, vn('2025-01-06 15:00')).resolution?.dueAt, vn('2025-01-07 11:00'));
});

test('an open pause counts up to now, so the remaining time stands still while waiting', () => {
  // Before the pause, Monday 16:00: Monday 90 to 17:30 and 60 on Tuesday → 150 left.
  assert.equal(slaState(office, ticket(), vn('2025-01-06 16:00')).resolution?.remainingMinutes, 150);
  // Waiting since Monday 16:00, now Tuesday 08:45: paused 90 on Monday and 45 on Tuesday = 135, across the
  // night. Due Tuesday 09:00 + 135 → 11:15; from 08:45 that is still 150.
  const t = ticket({ pauses: [{ from: vn('2025-01-06 16:00'), to: null }] });
  assert.deepEqual(slaState(office, t, vn('2025-01-07 08:45')).resolution, {
    dueAt: vn('2025-01-07 11:15'),
    remainingMinutes: 150,
    breached: false,
    met: null,
    warn: false,
  });
});

test('breach and warning at their edges', () => {
  // First response due Monday 10:00, a 60-minute target: the warning starts at 12 minutes left (20%).
  const at = (local: string, warnFraction?: number) => slaState(office, ticket(), vn(local), warnFraction === undefined ? {} : { warnFraction }).firstResponse;
  assert.deepEqual(at('2025-01-06 09:47'), { dueAt: vn('2025-01-06 10:00'), remainingMinutes: 13, breached: false, met: null, warn: false });
  assert.deepEqual(at('2025-01-06 09:48'), { dueAt: vn('2025-01-06 10:00'), remainingMinutes: 12, breached: false, met: null, warn: true });
  assert.deepEqual(
    at('2025-01-06 10:00'),
    { dueAt: vn('2025-01-06 10:00'), remainingMinutes: 0, breached: false, met: null, warn: true },
    'due now is not yet breached',
  );
  assert.deepEqual(
    at('2025-01-06 10:01'),
    { dueAt: vn('2025-01-06 10:00'), remainingMinutes: -1, breached: true, met: null, warn: false },
    'a breach escalates instead of warning',
  );
  // Half the target: 30 left at 09:30 warns, 31 at 09:29 does not.
  assert.equal(at('2025-01-06 09:30', 0.5)?.warn, true);
  assert.equal(at('2025-01-06 09:29', 0.5)?.warn, false);
  assert.throws(() => at('2025-01-06 09:30', 1.5), /^RangeError: warnFraction: a fraction of the target, 0 to 1, not 1.5$/);
});

test('a target due at closing is breached after it though no working time has passed', () => {
  // Created Monday 16:30 with 60 minutes: due at 17:30, closing.
  const t: SlaTicket = { ...ticket(), createdAt: vn('2025-01-06 16:30'), ...slaDue(office, plan(60, null), vn('2025-01-06 16:30')) };
  assert.equal(t.firstResponseDueAt, vn('2025-01-06 17:30'));
  assert.deepEqual(slaState(office, t, vn('2025-01-06 18:00')).firstResponse, {
    dueAt: vn('2025-01-06 17:30'),
    remainingMinutes: 0,
    breached: true,
    met: null,
    warn: false,
  });
  // Tuesday 08:10: ten working minutes late.
  assert.equal(slaState(office, t, vn('2025-01-07 08:10')).firstResponse?.remainingMinutes, -10);
  assert.equal(slaState(office, t, vn('2025-01-07 08:10')).resolution, null, 'no resolution target');
});

test('met or breached once answered and resolved, whatever the time now', () => {
  // Answered at 10:00 sharp: met, with 0 left; at 10:05: breached by 5.
  const onTime = slaState(office, ticket({ firstRespondedAt: vn('2025-01-06 10:00') }), vn('2025-01-08 09:00'));
  assert.deepEqual(onTime.firstResponse, { dueAt: vn('2025-01-06 10:00'), remainingMinutes: 0, breached: false, met: true, warn: false });
  const late = slaState(office, ticket({ firstRespondedAt: vn('2025-01-06 10:05') }), vn('2025-01-08 09:00'));
  assert.deepEqual(late.firstResponse, { dueAt: vn('2025-01-06 10:00'), remainingMinutes: -5, breached: true, met: false, warn: false });
  // Resolved Tuesday 08:30, due 09:00: met with 30 left, though now (Wednesday) is long past the due time.
  const resolved = slaState(office, ticket({ resolvedAt: vn('2025-01-07 08:30') }), vn('2025-01-08 09:00'));
  assert.deepEqual(resolved.resolution, { dueAt: vn('2025-01-07 09:00'), remainingMinutes: 30, breached: false, met: true, warn: false });
  // Resolved Tuesday 10:30: 90 late without a pause; with the 120-minute pause (due 11:00), met with 30 left.
  const noPause = slaState(office, ticket({ resolvedAt: vn('2025-01-07 10:30') }), vn('2025-01-08 09:00'));
  assert.deepEqual(noPause.resolution, { dueAt: vn('2025-01-07 09:00'), remainingMinutes: -90, breached: true, met: false, warn: false });
  const paused = ticket({ resolvedAt: vn('2025-01-07 10:30'), pauses: [{ from: vn('2025-01-06 11:00'), to: vn('2025-01-06 14:30') }] });
  assert.deepEqual(slaState(office, paused, vn('2025-01-08 09:00')).resolution, {
    dueAt: vn('2025-01-07 11:00'),
    remainingMinutes: 30,
    breached: false,
    met: true,
    warn: false,
  });
  // A pause left open past the resolution counts only up to it: Monday 17:00–17:30 is 30 and Tuesday
  // 08:00–08:30 another 30, so due 09:00 + 60 → 10:00, not pushed on to Wednesday's now.
  const openPause = ticket({ resolvedAt: vn('2025-01-07 08:30'), pauses: [{ from: vn('2025-01-06 17:00'), to: null }] });
  assert.equal(slaState(office, openPause, vn('2025-01-08 09:00')).resolution?.dueAt, vn('2025-01-07 10:00'));
  // Likewise one recorded as ending after it (Tuesday 10:00, which unclamped would be 30 + 120 → 11:30).
  const longPause = ticket({ resolvedAt: vn('2025-01-07 08:30'), pauses: [{ from: vn('2025-01-06 17:00'), to: vn('2025-01-07 10:00') }] });
  assert.equal(slaState(office, longPause, vn('2025-01-08 09:00')).resolution?.dueAt, vn('2025-01-07 10:00'));
});

test('a pause that ends before it starts, or a time without an offset, is refused by name', () => {
  const backwards = ticket({ pauses: [{ from: vn('2025-01-06 12:00'), to: vn('2025-01-06 11:00') }] });
  assert.throws(
    () => slaState(office, backwards, vn('2025-01-06 15:00')),
    /^RangeError: pause 0: ends \(2025-01-06T04:00:00.000Z\) before it starts \(2025-01-06T05:00:00.000Z\)$/,
  );
  assert.throws(() => slaState(office, ticket({ resolvedAt: '2025-01-07 08:30' }), vn('2025-01-08 09:00')), /^RangeError: resolvedAt: not an instant/);
});

// ---------------------------------------------------------------------------------------------------
// Assignment

test('round robin: the next after the last, wrapping; the first when the last is gone or unknown', () => {
  const agents = ['an', 'binh', 'chi'];
  assert.equal(roundRobin(agents, null), 'an');
  assert.equal(roundRobin(agents, 'an'), 'binh');
  assert.equal(roundRobin(agents, 'binh'), 'chi');
  assert.equal(roundRobin(agents, 'chi'), 'an', 'wraps round');
  assert.equal(roundRobin(agents, 'dung'), 'an', 'the last agent was removed');
  assert.equal(roundRobin(['an'], 'an'), 'an');
  assert.equal(roundRobin([], 'an'), null);
  assert.throws(() => roundRobin(['an', 'binh', 'an'], null), /^RangeError: agent "an" is listed twice/);
});

test('least open: the fewest open tickets, ties in round-robin order after the last', () => {
  const agents = ['an', 'binh', 'chi'];
  const counts = new Map([
    ['an', 2],
    ['binh', 1],
    ['chi', 1],
  ]);
  assert.equal(leastOpen(agents, counts, null), 'binh', 'binh and chi tie; binh comes first');
  assert.equal(leastOpen(agents, counts, 'binh'), 'chi', 'after binh, chi comes first');
  assert.equal(leastOpen(agents, counts, 'chi'), 'binh', 'after chi: an (2), binh, chi');
  assert.equal(leastOpen(agents, counts, 'dung'), 'binh', 'a removed last agent: from the start');
  assert.equal(
    leastOpen(
      agents,
      new Map([
        ['an', 0],
        ['binh', 1],
        ['chi', 1],
      ]),
      'an',
    ),
    'an',
    'the fewest wins even when it was the last',
  );
  assert.equal(leastOpen([...agents, 'dung'], counts, null), 'dung', 'missing from the counts: none open');
  assert.equal(leastOpen(agents, new Map(), 'an'), 'binh', 'all equal: plain round robin');
  assert.equal(leastOpen([], counts, null), null);
  assert.throws(() => leastOpen(agents, new Map([['an', -1]]), null), /^RangeError: open tickets of "an": a whole number, 0 or more, not -1$/);
});
