/**
 * Workload through the API, on SQLite and PostgreSQL: open work counted against capacities and judged, the team
 * totals and the file; whose figures each role sees; the peak-time grid at local midnight and hour boundaries in
 * Hồ Chí Minh City and in a zone with summer time; and automatic ticket assignment that respects capacities and
 * shifts — including 50 tickets opened at once for a team whose capacities hold 40.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let lan: TestUser; // agent of the care team
let minh: TestUser; // agent of the care team
let trickster: TestUser; // agent of the care team whose name is a formula
let sales: TestUser; // agent of the sales team: outside the manager's teams
let viewer: TestUser;
let care: string;
let salesTeam: string;
// Monday 30 November 2026, 10:00 in Hồ Chí Minh City (UTC+7).
let clock = new Date('2026-11-30T03:00:00Z');
const at = (iso: string) => (clock = new Date(iso));

before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core, { name: 'Mỹ phẩm Sen Việt' }));
  care = await makeTeam(t.core, owner.workspaceId, 'Chăm sóc khách hàng');
  salesTeam = await makeTeam(t.core, owner.workspaceId, 'Kinh doanh');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { name: 'Trưởng nhóm Hạnh', teamIds: [care] });
  lan = await makeMember(t.core, owner.workspaceId, 'agent', { name: 'Nguyễn Thị Lan', teamIds: [care] });
  minh = await makeMember(t.core, owner.workspaceId, 'agent', { name: 'Trần Văn Minh', teamIds: [care] });
  trickster = await makeMember(t.core, owner.workspaceId, 'agent', { name: '=HYPERLINK("http://x.example","Tèo")', teamIds: [care] });
  sales = await makeMember(t.core, owner.workspaceId, 'agent', { name: 'Phạm Bán Hàng', teamIds: [salesTeam] });
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer', { name: 'Kế toán Xem' });
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
let n = 0;
async function contact(): Promise<string> {
  const r = await api(owner).post('/api/v1/contacts', { name: `Khách ${++n}`, ownerId: null });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}
async function ticket(o: { assigneeId?: string; teamId?: string } = {}): Promise<{ id: string; assigneeId: string | null; status: string }> {
  const r = await api(owner).post('/api/v1/tickets', { contactId: await contact(), subject: `Yêu cầu ${++n}`, ...o });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const person = (w: { people: { userId: string }[] }, u: TestUser) => w.people.find((p) => p.userId === u.userId) as any;

describe('loads against capacities', () => {
  test('open tickets, deals and tasks are counted against each capacity; over 90% warns, over capacity overloads, with the reason', async () => {
    assert.equal(
      (await api(owner).put('/api/v1/workload/settings', { maxTickets: 10, maxDeals: null, maxTasks: null, assignOnDutyOnly: false, peakThreshold: 3 })).status,
      200,
    );
    const setLan = await api(owner).put(`/api/v1/workload/people/${lan.userId}`, { maxTickets: 3 });
    assert.equal(setLan.status, 200, JSON.stringify(setLan.body));
    assert.equal((await api(owner).put(`/api/v1/workload/people/${minh.userId}`, { maxDeals: 2, maxTasks: 4 })).status, 200);
    // Lan: four open tickets and one resolved (not counted).
    for (let i = 0; i < 4; i++) await ticket({ assigneeId: lan.userId });
    const done = await ticket({ assigneeId: lan.userId });
    assert.equal(
      (await api(owner).patch(`/api/v1/tickets/${done.id}`, { status: 'resolved', resolution: 'Đã gửi hàng thay thế', rootCause: 'Lỗi đóng gói' })).status,
      200,
    );
    // Minh: two open deals (at capacity: a warning) and three open tasks, one of them overdue, and one done.
    for (let i = 0; i < 2; i++)
      assert.equal((await api(owner).post('/api/v1/deals', { title: `Cơ hội ${i}`, amount: 1_000, ownerId: minh.userId })).status, 201);
    for (const dueAt of ['2026-11-29T03:00:00Z', '2026-12-05T03:00:00Z', null])
      assert.equal((await api(owner).post('/api/v1/tasks', { title: 'Gọi lại', assigneeId: minh.userId, dueAt })).status, 201);
    const finished = await api(owner).post('/api/v1/tasks', { title: 'Xong rồi', assigneeId: minh.userId });
    assert.equal((await api(owner).patch(`/api/v1/tasks/${finished.body.id}`, { done: true })).status, 200);

    const w = await api(owner).get('/api/v1/workload');
    assert.equal(w.status, 200, JSON.stringify(w.body));
    assert.equal(w.body.timeZone, 'Asia/Ho_Chi_Minh');
    const l = person(w.body, lan);
    assert.deepEqual(l.tickets, { open: 4, capacity: 3, ratio: 4 / 3, level: 'over' });
    assert.equal(l.level, 'over');
    assert.deepEqual(l.reasons, [{ kind: 'tickets', open: 4, capacity: 3, level: 'over' }]);
    assert.deepEqual(l.own, { maxTickets: 3, maxDeals: null, maxTasks: null });
    const m = person(w.body, minh);
    assert.deepEqual(m.tickets, { open: 0, capacity: 10, ratio: 0, level: 'ok' }, 'the workspace default applies');
    assert.deepEqual(m.deals, { open: 2, capacity: 2, ratio: 1, level: 'warning' });
    assert.deepEqual(m.tasks, { open: 3, capacity: 4, ratio: 0.75, level: 'ok', overdue: 1 });
    assert.equal(m.level, 'warning');
    assert.equal(m.utilisation, 1);
    assert.deepEqual(m.reasons, [{ kind: 'deals', open: 2, capacity: 2, level: 'warning' }]);
    assert.ok(!w.body.people.some((p: { userId: string }) => p.userId === viewer.userId), 'viewers carry no work and are not listed');
    // The care team's totals: Lan's and Minh's work; capacities summed (3 + 10 + 10 + 10).
    const team = w.body.teams.find((x: { teamId: string }) => x.teamId === care);
    assert.deepEqual(
      { members: team.members, tickets: team.tickets, deals: team.deals, tasks: team.tasks, overloaded: team.overloaded, warnings: team.warnings },
      {
        members: 4,
        tickets: { open: 4, capacity: 33 },
        deals: { open: 2, capacity: 2 },
        tasks: { open: 3, overdue: 1, capacity: 4 },
        overloaded: 1,
        warnings: 1,
      },
    );
    assert.equal(w.body.totals.overloaded, 1);
    // Filtered to the sales team: its one member.
    const s = await api(owner).get(`/api/v1/workload?teamId=${salesTeam}`);
    assert.deepEqual(
      s.body.people.map((p: { userId: string }) => p.userId),
      [sales.userId],
    );
  });

  test('the file: one row per person, in the member’s language, every cell safe to open in a spreadsheet', async () => {
    const r = await api(owner).get('/api/v1/workload/export');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    const text = String(r.raw.body);
    assert.ok(text.startsWith('\uFEFFNhân viên,Vai trò,Nhóm,Yêu cầu đang mở'), text.slice(0, 80));
    const line = text.split('\n').find((x) => x.startsWith('Nguyễn Thị Lan'))!;
    assert.match(line, /^Nguyễn Thị Lan,Nhân viên,Chăm sóc khách hàng,4,3,0,,0,0,,133\.3,Quá tải,yêu cầu 4\/3 \(Quá tải\),có$/);
    assert.ok(text.includes(`"'=HYPERLINK(`), 'the formula is neutralised');
    assert.ok(!/^=HYPERLINK/m.test(text));
    const teams = await api(owner).get('/api/v1/workload/export?table=teams&format=xlsx');
    assert.equal(teams.status, 200);
    assert.match(String(teams.headers['content-type']), /spreadsheetml/);
    const peak = await api(owner).get('/api/v1/workload/export?table=peak');
    assert.equal(String(peak.raw.body).trim().split('\n').length, 169, 'a header and the 168 hours of the week');
  });

  test('capacities and shifts are checked by name, and each change is in the audit log', async () => {
    const bad = await api(owner).put(`/api/v1/workload/people/${minh.userId}`, { maxTickets: 0 });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].pointer, '/maxTickets');
    const overlap = await api(owner).put(`/api/v1/workload/people/${minh.userId}`, {
      shifts: [
        { weekday: 1, from: '08:00', to: '12:00' },
        { weekday: 1, from: '11:00', to: '14:00' },
      ],
    });
    assert.equal(overlap.status, 422);
    assert.equal(overlap.body.errors[0].pointer, '/shifts/1/from');
    const backwards = await api(owner).put(`/api/v1/workload/people/${minh.userId}`, { shifts: [{ weekday: 1, from: '22:00', to: '06:00' }] });
    assert.equal(backwards.status, 422);
    assert.equal(backwards.body.errors[0].pointer, '/shifts/0/to');
    const sneaky = await api(owner).put(`/api/v1/workload/people/${minh.userId}`, { maxDeals: 2, maxTasks: 4, workspaceId: 'x' });
    assert.equal(sneaky.status, 422);
    // A night shift is two: one each side of midnight.
    const night = [
      { weekday: 5, from: '22:00', to: '24:00' },
      { weekday: 6, from: '00:00', to: '06:00' },
    ];
    const ok = await api(manager).put(`/api/v1/workload/people/${minh.userId}`, { maxDeals: 2, maxTasks: 4, shifts: night });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.shifts, night);
    assert.equal(ok.body.ownShifts, true);
    assert.equal(ok.body.onDutyNow, false, 'Monday 10:00 is not in his shifts');
    const log = await api(owner).get('/api/v1/audit?limit=50');
    const entry = log.body.data.find((e: { entityType: string; entityId: string }) => e.entityType === 'member_capacity' && e.entityId === minh.userId);
    assert.ok(entry, 'audited');
    assert.deepEqual(entry.before, { shifts: null });
    assert.deepEqual(entry.after, { shifts: night });
    assert.equal(entry.actorUserId, manager.userId);
    // Back to the care hours.
    const reset = await api(owner).put(`/api/v1/workload/people/${minh.userId}`, { maxDeals: 2, maxTasks: 4, shifts: null });
    assert.equal(reset.body.ownShifts, false);
    assert.equal(reset.body.onDutyNow, true, 'Monday 10:00 is in the care hours');
  });
});

describe('whose figures', () => {
  test('an agent sees their own figures only; anyone else is not there', async () => {
    const w = await api(lan).get('/api/v1/workload');
    assert.equal(w.status, 200);
    assert.deepEqual(
      w.body.people.map((p: { userId: string }) => p.userId),
      [lan.userId],
    );
    assert.deepEqual(w.body.teams, []);
    assert.equal((await api(lan).get(`/api/v1/workload/people/${lan.userId}`)).status, 200);
    assert.equal((await api(lan).get(`/api/v1/workload/people/${minh.userId}`)).status, 404);
    assert.equal((await api(lan).get(`/api/v1/workload?teamId=${care}`)).status, 404);
    const own = await api(lan).put(`/api/v1/workload/people/${lan.userId}`, { maxTickets: 99 });
    assert.equal(own.status, 403, 'an agent sets no capacity, not even their own');
    const file = String((await api(lan).get('/api/v1/workload/export')).raw.body);
    assert.ok(file.includes('Nguyễn Thị Lan') && !file.includes('Trần Văn Minh'));
  });

  test('a manager sees and sets their teams’ people; another team’s is not there; the workspace settings are not theirs', async () => {
    const w = await api(manager).get('/api/v1/workload');
    assert.deepEqual(w.body.people.map((p: { userId: string }) => p.userId).sort(), [manager.userId, lan.userId, minh.userId, trickster.userId].sort());
    assert.deepEqual(
      w.body.teams.map((x: { teamId: string }) => x.teamId),
      [care],
    );
    assert.equal((await api(manager).get(`/api/v1/workload/people/${sales.userId}`)).status, 404);
    assert.equal((await api(manager).get(`/api/v1/workload?teamId=${salesTeam}`)).status, 404);
    assert.equal((await api(manager).get(`/api/v1/workload/peak?teamId=${salesTeam}`)).status, 404);
    const before = await snapshotCounts(t.core);
    assert.equal((await api(manager).put(`/api/v1/workload/people/${sales.userId}`, { maxTickets: 1 })).status, 404);
    const settings = await api(manager).put('/api/v1/workload/settings', {
      maxTickets: 1,
      maxDeals: null,
      maxTasks: null,
      assignOnDutyOnly: false,
      peakThreshold: 3,
    });
    assert.equal(settings.status, 403);
    assert.deepEqual(await snapshotCounts(t.core), before);
    assert.equal((await api(manager).put(`/api/v1/workload/people/${lan.userId}`, { maxTickets: 3 })).status, 200);
    assert.equal((await api(viewer).get('/api/v1/workload')).status, 403);
    assert.equal((await api(viewer).get(`/api/v1/workload/people/${viewer.userId}`)).status, 403);
  });

  test('ids of another workspace are not there', async () => {
    const other = await makeWorkspace(t.core, { name: 'Nơi khác' });
    const theirTeam = await makeTeam(t.core, other.workspaceId, 'Đội khác');
    const theirs = await makeMember(t.core, other.workspaceId, 'agent', { teamIds: [theirTeam] });
    assert.equal((await api(owner).get(`/api/v1/workload/people/${theirs.userId}`)).status, 404);
    assert.equal((await api(owner).put(`/api/v1/workload/people/${theirs.userId}`, { maxTickets: 1 })).status, 404);
    assert.equal((await api(owner).get(`/api/v1/workload?teamId=${theirTeam}`)).status, 404);
    assert.equal((await api(owner).get(`/api/v1/workload/peak?teamId=${theirTeam}`)).status, 404);
    assert.equal((await api(owner).get(`/api/v1/workload/export?teamId=${theirTeam}`)).status, 404);
    const mine = await api(other.owner).get('/api/v1/workload');
    assert.deepEqual(mine.body.people.map((p: { userId: string }) => p.userId).sort(), [other.owner.userId, theirs.userId].sort());
    assert.equal(mine.body.settings.maxTickets, null, 'settings are the workspace’s own');
  });
});

describe('peak times', () => {
  test('Hồ Chí Minh City: tickets fall in local hours across midnight and the hour, per week, against the agents on duty', async () => {
    const team = await makeTeam(t.core, owner.workspaceId, 'Trực tổng đài');
    const a = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    // Monday 23 November 23:59:59 local, then Tuesday 00:00:00; Tuesday 08:59:59 and 09:00:00.
    for (const iso of [
      '2026-11-23T16:59:59.999Z',
      '2026-11-23T17:00:00.000Z',
      '2026-11-24T01:59:59.000Z',
      '2026-11-24T02:00:00.000Z',
      '2026-11-24T02:14:00.000Z',
    ]) {
      at(iso);
      await ticket({ teamId: team });
    }
    // One of another team, and one too old for the window.
    at('2026-11-24T02:30:00.000Z');
    await ticket({ teamId: care });
    at('2026-10-01T02:30:00.000Z');
    await ticket({ teamId: team });
    at('2026-12-01T03:00:00Z'); // Tuesday 1 December, 10:00
    const r = await api(owner).get(`/api/v1/workload/peak?weeks=2&teamId=${team}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.from, '2026-11-17T03:00:00.000Z');
    assert.equal(r.body.tickets, 5);
    assert.equal(r.body.staff, 2);
    const slot = (weekday: number, hour: number) => r.body.slots[weekday * 24 + hour];
    assert.equal(slot(1, 23).tickets, 0.5, 'Monday 23:59:59');
    assert.equal(slot(2, 0).tickets, 0.5, 'Tuesday 00:00 is Tuesday');
    assert.equal(slot(2, 8).tickets, 0.5);
    assert.deepEqual(slot(2, 9), { weekday: 2, hour: 9, tickets: 1, onDuty: 2, ratio: 0.5, flag: null });
    assert.deepEqual(slot(2, 0), { weekday: 2, hour: 0, tickets: 0.5, onDuty: 0, ratio: null, flag: 'uncovered' });
    assert.equal(slot(2, 13).onDuty, 1, 'the lunch break ends at 13:30: two agents for half the hour');
    // A lower threshold marks Tuesday 09:00 high; the agent's own view is their own tickets and shifts.
    await api(owner).put('/api/v1/workload/settings', { maxTickets: 10, maxDeals: null, maxTasks: null, assignOnDutyOnly: false, peakThreshold: 0.5 });
    assert.equal((await api(owner).get(`/api/v1/workload/peak?weeks=2&teamId=${team}`)).body.slots[2 * 24 + 9].flag, 'high');
    await api(owner).put('/api/v1/workload/settings', { maxTickets: 10, maxDeals: null, maxTasks: null, assignOnDutyOnly: false, peakThreshold: 3 });
    const own = await api(a).get('/api/v1/workload/peak?weeks=2');
    assert.equal(own.body.staff, 1);
    assert.equal(own.body.tickets, 0, 'none of them was assigned to the agent');
    // The workspace's view counts every team's.
    assert.equal((await api(owner).get('/api/v1/workload/peak?weeks=2')).body.tickets >= 6, true);
    assert.equal((await api(owner).get('/api/v1/workload/peak?weeks=0')).status, 422);
  });

  test('a zone with summer time: the same UTC hour is a different local hour (and weekday) in July and January', async () => {
    const ws = await makeWorkspace(t.core, { name: 'Berlin Filiale' });
    const boss = ws.owner;
    const settings = await client(t.app, boss.token).get('/api/v1/care/settings');
    const patched = await client(t.app, boss.token).patch('/api/v1/care/settings', { calendar: { ...settings.body.calendar, timeZone: 'Europe/Berlin' } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const c = (await client(t.app, boss.token).post('/api/v1/contacts', { name: 'Kunde' })).body.id;
    // Monday 5 January 2026 22:00Z is 23:00 CET; Monday 6 July 21:59:59Z is 23:59:59 CEST, 22:00Z is Tuesday 00:00.
    for (const iso of ['2026-01-05T22:00:00.000Z', '2026-07-06T21:59:59.000Z', '2026-07-06T22:00:00.000Z']) {
      at(iso);
      assert.equal((await client(t.app, boss.token).post('/api/v1/tickets', { contactId: c, subject: 'Frage' })).status, 201);
    }
    at('2026-07-08T10:00:00Z');
    const r = await client(t.app, boss.token).get('/api/v1/workload/peak?weeks=52');
    assert.equal(r.body.timeZone, 'Europe/Berlin');
    assert.equal(r.body.tickets, 3);
    const slot = (weekday: number, hour: number) => r.body.slots[weekday * 24 + hour];
    assert.equal(slot(1, 23).tickets, Math.round((2 / 52) * 100) / 100, 'January 22:00Z and July 21:59:59Z are both Monday 23:00–24:00 local');
    assert.equal(slot(2, 0).tickets, Math.round((1 / 52) * 100) / 100, 'July 22:00Z is Tuesday');
    assert.equal(slot(1, 22).tickets, 0);
    // The owner is on duty in the default care hours: Monday 09:00 local is one agent-hour.
    assert.equal(slot(1, 9).onDuty, 1);
  });
});

describe('capacity-aware assignment', () => {
  test('round robin passes over members at capacity; with everyone full the ticket waits in the queue, and the log says why', async () => {
    at('2026-11-30T03:00:00Z');
    const team = await makeTeam(t.core, owner.workspaceId, 'Đội giới hạn');
    const q1 = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    const q2 = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    const q3 = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    assert.equal((await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'round_robin' })).status, 200);
    for (const [u, cap] of [
      [q1, 1],
      [q2, 2],
      [q3, 1],
    ] as const)
      assert.equal((await api(owner).put(`/api/v1/workload/people/${u.userId}`, { maxTickets: cap })).status, 200);
    const picks: (string | null)[] = [];
    const made: { id: string; assigneeId: string | null; status: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const tk = await ticket({ teamId: team });
      made.push(tk);
      picks.push(tk.assigneeId);
    }
    assert.deepEqual(picks, [q1.userId, q2.userId, q3.userId, q2.userId, null, null]);
    assert.equal(made[4]!.status, 'new', 'it waits in the team’s queue');
    const log = await api(owner).get('/api/v1/audit?limit=100');
    const held = log.body.data.filter(
      (e: { action: string; entityId: string }) => e.action === 'assignment.held' && (e.entityId === made[4]!.id || e.entityId === made[5]!.id),
    );
    assert.equal(held.length, 2);
    assert.deepEqual(held[0].meta.reason, 'capacity');
    assert.equal(held[0].meta.teamId, team);
    const w = await api(owner).get(`/api/v1/workload?teamId=${team}`);
    assert.equal(w.body.teams[0].queue, 2);
    assert.ok(
      w.body.people.every((p: { level: string }) => p.level === 'warning'),
      'everyone is at capacity, nobody over it',
    );
    // A resolved ticket makes room: the next one goes to Q1 again.
    assert.equal(
      (await api(owner).patch(`/api/v1/tickets/${made[0]!.id}`, { status: 'resolved', resolution: 'Đã gửi hàng thay thế', rootCause: 'Lỗi đóng gói' })).status,
      200,
    );
    assert.equal((await ticket({ teamId: team })).assigneeId, q1.userId);
    // Least open respects capacities too.
    await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'least_open' });
    assert.equal((await ticket({ teamId: team })).assigneeId, null);
    await api(owner).put(`/api/v1/workload/people/${q3.userId}`, { maxTickets: 5 });
    assert.equal((await ticket({ teamId: team })).assigneeId, q3.userId);
    // Given by hand, a ticket still goes where it is told: capacity guides the rule, not the people.
    assert.equal((await ticket({ teamId: team, assigneeId: q1.userId })).assigneeId, q1.userId);
  });

  test('50 tickets opened at once for a team whose capacities hold 40: nobody is pushed over, ten wait in the queue', async () => {
    at('2026-11-30T03:00:00Z');
    const team = await makeTeam(t.core, owner.workspaceId, 'Đội cao điểm');
    const agents: TestUser[] = [];
    for (let i = 0; i < 5; i++) agents.push(await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] }));
    await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'least_open' });
    for (const a of agents) assert.equal((await api(owner).put(`/api/v1/workload/people/${a.userId}`, { maxTickets: 8 })).status, 200);
    const contacts = await Promise.all(Array.from({ length: 50 }, () => contact()));
    const results = await Promise.all(
      contacts.map((c, i) => api(owner).post('/api/v1/tickets', { contactId: c, subject: `Cao điểm ${i}`, teamId: team, message: 'Giúp tôi với' })),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      Array(50).fill(201),
      JSON.stringify(results.find((r) => r.status !== 201)?.body),
    );
    const perAgent = new Map<string | null, number>();
    for (const r of results) perAgent.set(r.body.assigneeId, (perAgent.get(r.body.assigneeId) ?? 0) + 1);
    for (const a of agents) assert.equal(perAgent.get(a.userId), 8, 'each agent filled exactly to capacity');
    assert.equal(perAgent.get(null), 10);
    const w = await api(owner).get(`/api/v1/workload?teamId=${team}`);
    assert.ok(
      w.body.people.every((p: { tickets: { open: number; capacity: number } }) => p.tickets.open === 8),
      JSON.stringify(w.body.people.map((p: { tickets: unknown }) => p.tickets)),
    );
    assert.equal(w.body.teams[0].queue, 10);
  });

  test('with the option on, members off duty are passed over; with nobody on duty the ticket waits', async () => {
    const team = await makeTeam(t.core, owner.workspaceId, 'Đội theo ca');
    const r1 = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    const r2 = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    const r3 = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
    await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'round_robin' });
    // R1 works Monday 06:00–14:00; R2 the care hours; R3 has no shift at all.
    await api(owner).put(`/api/v1/workload/people/${r1.userId}`, { shifts: [{ weekday: 1, from: '06:00', to: '14:00' }] });
    await api(owner).put(`/api/v1/workload/people/${r3.userId}`, { shifts: [] });
    at('2026-11-30T00:30:00Z'); // Monday 07:30: only R1 (the care hours begin at 08:00)
    // Without the option, shifts do not matter to assignment.
    assert.equal((await ticket({ teamId: team })).assigneeId, r1.userId);
    assert.equal((await ticket({ teamId: team })).assigneeId, r2.userId);
    const on = await api(owner).put('/api/v1/workload/settings', { maxTickets: 10, maxDeals: null, maxTasks: null, assignOnDutyOnly: true, peakThreshold: 3 });
    assert.equal(on.status, 200);
    assert.equal(on.body.assignOnDutyOnly, true);
    const early = [await ticket({ teamId: team }), await ticket({ teamId: team })].map((x) => x.assigneeId);
    assert.deepEqual(early, [r1.userId, r1.userId], 'R2 and R3 are not on duty at 07:30');
    at('2026-11-30T03:00:00Z'); // Monday 10:00: R1 and R2
    const mid = [await ticket({ teamId: team }), await ticket({ teamId: team }), await ticket({ teamId: team })].map((x) => x.assigneeId);
    assert.deepEqual(mid, [r2.userId, r1.userId, r2.userId]);
    at('2026-12-05T03:00:00Z'); // Saturday 10:00: nobody
    const none = await ticket({ teamId: team });
    assert.equal(none.assigneeId, null);
    const log = await api(owner).get('/api/v1/audit?limit=20');
    const held = log.body.data.find((e: { action: string; entityId: string }) => e.action === 'assignment.held' && e.entityId === none.id);
    assert.equal(held.meta.reason, 'off_duty');
    await api(owner).put('/api/v1/workload/settings', { maxTickets: 10, maxDeals: null, maxTasks: null, assignOnDutyOnly: false, peakThreshold: 3 });
  });
});
