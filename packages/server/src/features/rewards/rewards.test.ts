import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type Res, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { proposeFromRules, type KpiResult } from './reward-rules.service.ts';

/**
 * The reward and penalty record end to end over the API (and `proposeFromRules` called as the period close will):
 * proposals, four-eyes decisions, the race of fifty approvals, who sees what, justifications checked against the
 * proposer's sight, rules at a close, the audit log and the CSV file.
 */

let t: TestApp;
let owner: TestUser;
let admin: TestUser;
let managerA: TestUser; // leads team A
let managerB: TestUser; // leads team B
let agent: TestUser; // team A
let mate: TestUser; // team A
let agentB: TestUser; // team B
let viewer: TestUser;
let other: TestUser; // the owner of another workspace
let teamA: string;
let teamB: string;
// 10:00 in Hồ Chí Minh City on 7 December 2026.
const clock = new Date('2026-12-07T03:00:00Z');

before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core));
  teamA = await makeTeam(t.core, owner.workspaceId, 'Chăm sóc A');
  teamB = await makeTeam(t.core, owner.workspaceId, 'Chăm sóc B');
  admin = await makeMember(t.core, owner.workspaceId, 'admin', { name: 'Phạm Quản Trị' });
  managerA = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [teamA], name: 'Trần Quản Lý' });
  managerB = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [teamB], name: 'Võ Quản Lý' });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamA], name: 'Lê Nhân Viên' });
  mate = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamA], name: 'Đỗ Đồng Đội' });
  agentB = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamB], name: 'Ngô Đội Bê' });
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer', { name: 'Hồ Quan Sát' });
  ({ owner: other } = await makeWorkspace(t.core));
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
const ok = (r: Res, status = 200) => assert.equal(r.status, status, JSON.stringify(r.body));
const pointers = (r: Res) => (r.body.errors ?? []).map((e: { pointer: string }) => e.pointer);

async function propose(u: TestUser, body: Record<string, unknown>): Promise<any> {
  const r = await api(u).post('/api/v1/rewards', { kind: 'recognition', reason: 'Khách khen tận tình', ...body });
  ok(r, 201);
  return r.body;
}
const approve = (u: TestUser, id: string, note?: string) => api(u).post(`/api/v1/rewards/${id}/approve`, note ? { note } : {});
const auditOf = async (id: string) =>
  (await api(owner).get(`/api/v1/audit?entityType=reward&entityId=${id}`)).body.data.map((a: { action: string; actorUserId: string }) => a);

describe('rewards: proposing', () => {
  test('a manager proposes for a member of their team: 201 with ETag and Location, this month by default, audited', async () => {
    const r = await api(managerA).post('/api/v1/rewards', { personId: agent.userId, kind: 'bonus', reason: 'Giữ chân khách VIP', amount: 500_000, points: 10 });
    ok(r, 201);
    assert.equal(r.headers.etag, '"1"');
    assert.equal(r.headers.location, `/api/v1/rewards/${r.body.id}`);
    assert.equal(r.body.status, 'proposed');
    assert.equal(r.body.period, '2026-12');
    assert.equal(r.body.currency, 'VND');
    assert.equal(r.body.personName, 'Lê Nhân Viên');
    assert.equal(r.body.proposedBy, managerA.userId);
    assert.equal(r.body.proposedByName, 'Trần Quản Lý');
    assert.equal(r.body.justification, null);
    const audit = await auditOf(r.body.id);
    assert.deepEqual(
      audit.map((a: { action: string }) => a.action),
      ['create'],
    );
    assert.equal(audit[0].actorUserId, managerA.userId);
    assert.equal(audit[0].after.amount, 500_000);
  });

  test('for someone outside the people scope, or no member at all: 422 naming personId, nothing written', async () => {
    for (const [who, personId] of [
      [managerA, agentB.userId],
      [managerA, other.userId],
      [owner, other.userId],
      [managerA, '01a22b30-0000-7000-8000-000000000009'],
    ] as const) {
      const before = await snapshotCounts(t.core);
      const r = await api(who).post('/api/v1/rewards', { personId, kind: 'warning', reason: 'Trễ hẹn' });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.deepEqual(pointers(r), ['/personId']);
      assert.deepEqual(await snapshotCounts(t.core), before);
    }
    // Owners and admins propose for anyone of theirs; a manager also for themselves.
    await propose(admin, { personId: agentB.userId });
    await propose(managerA, { personId: managerA.userId });
  });

  test('agents and viewers propose nothing (403)', async () => {
    for (const u of [agent, viewer]) {
      const r = await api(u).post('/api/v1/rewards', { personId: u.userId, kind: 'recognition', reason: 'Tự khen' });
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.reason, 'role_cannot');
    }
  });

  test('money only on a bonus or a penalty, and one of them carries money or points; a reason is required', async () => {
    for (const [body, pointer] of [
      [{ kind: 'recognition', amount: 100_000 }, '/amount'],
      [{ kind: 'warning', amount: 100_000 }, '/amount'],
      [{ kind: 'bonus' }, '/amount'],
      [{ kind: 'penalty', amount: null, points: null }, '/amount'],
      [{ kind: 'bonus', amount: -5 }, '/amount'],
      [{ kind: 'bonus', amount: 1.5 }, '/amount'],
      [{ kind: 'bonus', points: 0 }, '/points'],
      [{ kind: 'recognition', reason: '   ' }, '/reason'],
      [{ kind: 'praise' }, '/kind'],
      [{ kind: 'recognition', period: '2026-13' }, '/period'],
      [{ kind: 'recognition', period: '2026-Q1' }, '/period'],
      [{ kind: 'recognition', status: 'approved' }, ''],
    ] as const) {
      const r = await api(managerA).post('/api/v1/rewards', { personId: agent.userId, reason: 'Lý do', ...body });
      assert.equal(r.status, 422, JSON.stringify(body));
      if (pointer) assert.ok(pointers(r).includes(pointer), `${JSON.stringify(body)}: ${JSON.stringify(r.body.errors)}`);
    }
    const p = await propose(managerA, { personId: agent.userId, kind: 'penalty', points: 5 });
    assert.equal(p.amount, null);
    assert.equal(p.currency, null);
  });
});

describe('rewards: justifications', () => {
  let contactA: string;
  let ticketA: string;
  before(async () => {
    contactA = (await api(owner).post('/api/v1/contacts', { name: 'Chị Khách A', ownerId: agent.userId, teamId: teamA })).body.id;
    const tk = await api(owner).post('/api/v1/tickets', { contactId: contactA, subject: 'Giao hàng chậm', assigneeId: agent.userId, teamId: teamA });
    ok(tk, 201);
    ticketA = tk.body.id;
  });

  test('a KPI: its key, period and value are kept, and the entry counts toward the period’s last month', async () => {
    const p = await propose(managerA, {
      personId: agent.userId,
      kind: 'warning',
      reason: 'SLA quý IV dưới 80%',
      justification: { type: 'kpi', kpi: 'sla_attainment', period: '2026-Q3', value: 0.72, n: 40 },
    });
    assert.deepEqual(p.justification, { type: 'kpi', kpi: 'sla_attainment', period: '2026-Q3', value: 0.72, n: 40, recordId: null, label: null });
    assert.equal(p.period, '2026-09');
    for (const [j, pointer] of [
      [{ type: 'kpi', kpi: 'happiness', period: '2026-11', value: 1 }, '/justification/kpi'],
      [{ type: 'kpi', kpi: 'csat', period: '2026-11-01', value: 1 }, '/justification/period'],
      [{ type: 'kpi', kpi: 'csat', period: '2026-11' }, '/justification/value'],
      [{ type: 'ticket' }, '/justification/id'],
      [{ type: 'contract', id: ticketA }, '/justification/type'],
    ] as const) {
      const r = await api(managerA).post('/api/v1/rewards', { personId: agent.userId, kind: 'warning', reason: 'x', justification: j });
      assert.equal(r.status, 422, JSON.stringify(j));
      assert.ok(
        pointers(r).some((x: string) => x.startsWith(pointer)),
        `${JSON.stringify(j)}: ${JSON.stringify(r.body.errors)}`,
      );
    }
  });

  test('a record the proposer may read: ticket, deal, order, interaction — named as it was', async () => {
    const deal = (await api(owner).post('/api/v1/deals', { title: 'Hợp đồng bảo trì', amount: 9_000_000, ownerId: agent.userId, teamId: teamA })).body.id;
    const order = (await api(owner).post('/api/v1/orders', { contactId: contactA, lines: [{ name: 'Ấm chén', quantity: 1, unitPrice: 350_000 }] })).body;
    const call = (await api(agent).post('/api/v1/interactions', { contactId: contactA, kind: 'call', subject: 'Gọi xin lỗi khách' })).body.id;
    const cases = [
      ['ticket', ticketA, /^#\d+ Giao hàng chậm$/],
      ['deal', deal, /^Hợp đồng bảo trì$/],
      ['order', order.id, new RegExp(`^${order.number}$`)],
      ['interaction', call, /^Gọi xin lỗi khách \(2026-12-07\)$/],
    ] as const;
    for (const [type, id, label] of cases) {
      const p = await propose(managerA, { personId: agent.userId, justification: { type, id } });
      assert.equal(p.justification.type, type);
      assert.equal(p.justification.recordId, id);
      assert.match(p.justification.label, label);
    }
  });

  test('a record of another workspace, one out of the proposer’s sight, or none: 422 naming /justification/id, nothing written', async () => {
    const theirs = (await api(other).post('/api/v1/contacts', { name: 'Khách của nơi khác' })).body.id;
    const theirTicket = (await api(other).post('/api/v1/tickets', { contactId: theirs, subject: 'Bí mật nơi khác' })).body.id;
    const theirOrder = (await api(other).post('/api/v1/orders', { contactId: theirs, lines: [{ name: 'X', quantity: 1, unitPrice: 1 }] })).body.id;
    const contactB = (await api(owner).post('/api/v1/contacts', { name: 'Anh Khách B', ownerId: agentB.userId, teamId: teamB })).body.id;
    const ticketB = (await api(owner).post('/api/v1/tickets', { contactId: contactB, subject: 'Của đội B', assigneeId: agentB.userId, teamId: teamB })).body.id;
    for (const [who, j] of [
      [owner, { type: 'ticket', id: theirTicket }],
      [owner, { type: 'order', id: theirOrder }],
      [owner, { type: 'ticket', id: ticketA.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }],
      [owner, { type: 'survey_response', id: theirTicket }],
      [owner, { type: 'deal', id: ticketA }],
      [managerA, { type: 'ticket', id: ticketB }],
    ] as const) {
      const before = await snapshotCounts(t.core);
      const r = await api(who).post('/api/v1/rewards', { personId: agent.userId, kind: 'warning', reason: 'Căn cứ sai', justification: j });
      assert.equal(r.status, 422, JSON.stringify(j));
      assert.deepEqual(pointers(r), ['/justification/id'], JSON.stringify(j));
      assert.deepEqual(await snapshotCounts(t.core), before);
    }
    // The owner sees team B's ticket: the same record is a fine justification for them.
    const p = await propose(owner, { personId: agentB.userId, kind: 'warning', reason: 'Trễ hạn', justification: { type: 'ticket', id: ticketB } });
    assert.match(p.justification.label, /Của đội B/);
  });
});

describe('rewards: deciding', () => {
  test('four eyes: nobody decides their own proposal nor an entry about themselves; another owner or admin does, once', async () => {
    const byAdmin = await propose(admin, { personId: agent.userId, kind: 'bonus', amount: 200_000, reason: 'Doanh số tháng' });
    let r = await approve(admin, byAdmin.id);
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.equal(r.body.reason, 'four_eyes');
    const aboutAdmin = await propose(owner, { personId: admin.userId, kind: 'recognition', reason: 'Hỗ trợ cả đội' });
    r = await approve(admin, aboutAdmin.id);
    assert.equal(r.status, 403);
    assert.equal(r.body.reason, 'four_eyes');
    r = await approve(owner, aboutAdmin.id);
    assert.equal(r.status, 403, 'the owner proposed it');
    r = await approve(owner, byAdmin.id, 'Đúng quy chế');
    ok(r);
    assert.equal(r.body.status, 'approved');
    assert.equal(r.body.decidedBy, owner.userId);
    assert.equal(r.body.decisionNote, 'Đúng quy chế');
    assert.equal(r.body.version, 2);
    assert.equal(r.headers.etag, '"2"');
    for (const again of [approve(owner, byAdmin.id), api(owner).post(`/api/v1/rewards/${byAdmin.id}/reject`, { note: 'Đổi ý' })]) {
      const a = await again;
      assert.equal(a.status, 409, JSON.stringify(a.body));
      assert.equal(a.body.reason, 'already_decided');
      assert.equal(a.body.params.status, 'approved');
    }
    // Managers, agents and viewers decide nothing.
    const p = await propose(managerA, { personId: agent.userId });
    for (const u of [managerA, managerB, agent, viewer]) assert.equal((await approve(u, p.id)).status, 403, u.role);
    const audit = await auditOf(byAdmin.id);
    assert.deepEqual(
      audit.map((a: { action: string }) => a.action),
      ['approve', 'create'],
    );
    assert.equal(audit[0].actorUserId, owner.userId);
    assert.deepEqual(audit[0].after, { status: 'approved', decisionNote: 'Đúng quy chế' });
  });

  test('the only owner or admin of a workspace decides their own proposals (nobody else could)', async () => {
    const solo = await makeWorkspace(t.core);
    const lead = await makeMember(t.core, solo.workspaceId, 'manager');
    const p = (await client(t.app, solo.owner.token).post('/api/v1/rewards', { personId: lead.userId, kind: 'recognition', reason: 'Tự tay duyệt' })).body;
    assert.ok(p.id);
    const r = await client(t.app, solo.owner.token).post(`/api/v1/rewards/${p.id}/approve`, {});
    ok(r);
    assert.equal(r.body.status, 'approved');
    // A second admin joins: from now on four eyes apply.
    await makeMember(t.core, solo.workspaceId, 'admin');
    const q = (await client(t.app, solo.owner.token).post('/api/v1/rewards', { personId: lead.userId, kind: 'recognition', reason: 'Lần hai' })).body;
    assert.equal((await client(t.app, solo.owner.token).post(`/api/v1/rewards/${q.id}/approve`, {})).status, 403);
  });

  test('rejecting says why; the person never sees it', async () => {
    const p = await propose(managerA, { personId: agent.userId, kind: 'warning', reason: 'Nghi ngờ thái độ' });
    let r = await api(owner).post(`/api/v1/rewards/${p.id}/reject`, {});
    assert.equal(r.status, 422);
    assert.deepEqual(pointers(r), ['/note']);
    r = await api(owner).post(`/api/v1/rewards/${p.id}/reject`, { note: 'Không có bằng chứng' });
    ok(r);
    assert.equal(r.body.status, 'rejected');
    assert.equal((await api(agent).get(`/api/v1/rewards/${p.id}`)).status, 404);
    assert.equal((await api(managerA).get(`/api/v1/rewards/${p.id}`)).body.status, 'rejected', 'the proposer sees it');
    assert.deepEqual(
      (await auditOf(p.id)).map((a: { action: string }) => a.action),
      ['reject', 'create'],
    );
  });

  test('the proposer changes (If-Match) or withdraws a proposal while it waits; nobody else does', async () => {
    const p = await propose(managerA, { personId: mate.userId, kind: 'bonus', amount: 100_000, reason: 'Làm thêm giờ' });
    let r = await api(managerA).patch(`/api/v1/rewards/${p.id}`, { amount: 150_000 }, { 'if-match': '"1"' });
    ok(r);
    assert.equal(r.body.amount, 150_000);
    assert.equal(r.headers.etag, '"2"');
    r = await api(managerA).patch(`/api/v1/rewards/${p.id}`, { reason: 'Cũ' }, { 'if-match': '"1"' });
    assert.equal(r.status, 412);
    assert.equal(r.body.currentVersion, 2);
    r = await api(managerA).patch(`/api/v1/rewards/${p.id}`, { kind: 'recognition' });
    assert.equal(r.status, 422, 'a recognition carries no money');
    assert.deepEqual(pointers(r), ['/amount']);
    // An approver who read version 1 is told it changed.
    r = await api(owner).post(`/api/v1/rewards/${p.id}/approve`, {}, { 'if-match': '"1"' });
    assert.equal(r.status, 412);
    // Only the proposer changes or withdraws it; a manager who does not see it gets 404.
    r = await api(admin).post(`/api/v1/rewards/${p.id}/withdraw`);
    assert.equal(r.status, 403);
    assert.equal(r.body.reason, 'proposer_only');
    assert.equal((await api(managerB).post(`/api/v1/rewards/${p.id}/withdraw`)).status, 404);
    assert.equal((await api(managerB).patch(`/api/v1/rewards/${p.id}`, { reason: 'Chiếm' })).status, 404);
    r = await api(managerA).post(`/api/v1/rewards/${p.id}/withdraw`, undefined, { 'if-match': '"2"' });
    ok(r);
    assert.equal(r.body.status, 'withdrawn');
    assert.equal((await approve(owner, p.id)).status, 409);
    assert.equal((await api(managerA).patch(`/api/v1/rewards/${p.id}`, { reason: 'Muộn' })).status, 409);
    assert.deepEqual(
      (await auditOf(p.id)).map((a: { action: string }) => a.action),
      ['withdraw', 'update', 'create'],
    );
  });

  test('fifty approvals of one proposal sent at once: exactly one lands (200), the other 49 are 409; one audit row', async () => {
    const p = await propose(managerA, { personId: agent.userId, kind: 'bonus', amount: 1_000_000, reason: 'Khách hàng của năm' });
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => approve(i % 2 ? owner : admin, p.id, `Lần ${i}`)));
    const counts = new Map<number, number>();
    for (const r of rs) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    assert.deepEqual(
      Object.fromEntries(counts),
      { 200: 1, 409: 49 },
      JSON.stringify(rs.filter((r) => r.status !== 200 && r.status !== 409).map((r) => r.body)),
    );
    const winner = rs.find((r) => r.status === 200)!;
    const now = (await api(owner).get(`/api/v1/rewards/${p.id}`)).body;
    assert.equal(now.version, 2);
    assert.equal(now.decisionNote, winner.body.decisionNote);
    assert.deepEqual(
      (await auditOf(p.id)).map((a: { action: string }) => a.action),
      ['approve', 'create'],
    );
  });
});

describe('rewards: who sees what, and the record', () => {
  let entries: Record<string, any>;
  before(async () => {
    entries = {};
    const mk = async (name: string, person: TestUser, body: Record<string, unknown>, decide: 'approve' | 'reject' | null) => {
      // Team A's manager proposes for team A; the admin for the others.
      const p = await propose(person === mate ? managerA : admin, { personId: person.userId, ...body });
      if (decide === 'approve') ok(await approve(owner, p.id));
      if (decide === 'reject') ok(await api(owner).post(`/api/v1/rewards/${p.id}/reject`, { note: 'Không' }));
      entries[name] = p;
    };
    await mk('mateBonus', mate, { kind: 'bonus', amount: 300_000, points: 8, period: '2026-11', reason: 'Tháng 11 xuất sắc' }, 'approve');
    await mk('matePenalty', mate, { kind: 'penalty', amount: 100_000, points: 2, period: '2026-11', reason: 'Quên gọi lại khách' }, 'approve');
    await mk('mateWarning', mate, { kind: 'warning', points: 1, period: '2026-10', reason: 'Trễ họp' }, 'approve');
    await mk('mateRecognition', mate, { kind: 'recognition', points: 5, period: '2026-12', reason: 'Khách khen' }, 'approve');
    await mk('mateOld', mate, { kind: 'recognition', points: 50, period: '2025-11', reason: 'Năm ngoái' }, 'approve');
    await mk('matePending', mate, { kind: 'penalty', points: 9, period: '2026-12', reason: 'Đang xem xét' }, null);
    await mk('mateRejected', mate, { kind: 'penalty', points: 7, period: '2026-12', reason: 'Bị bác' }, 'reject');
    await mk('bApproved', agentB, { kind: 'recognition', points: 3, reason: 'Đội B giỏi' }, 'approve');
    await mk('viewerApproved', viewer, { kind: 'recognition', points: 1, reason: 'Báo cáo kịp' }, 'approve');
  });

  const ids = async (u: TestUser, q = '') => new Set(((await api(u).get(`/api/v1/rewards?limit=500${q}`)).body.data as { id: string }[]).map((x) => x.id));

  test('an agent sees their own approved entries only; a manager their teams’ in every state; owners and admins all', async () => {
    const mine = await ids(mate);
    for (const k of ['mateBonus', 'matePenalty', 'mateWarning', 'mateRecognition', 'mateOld']) assert.ok(mine.has(entries[k].id), k);
    for (const k of ['matePending', 'mateRejected', 'bApproved', 'viewerApproved']) assert.ok(!mine.has(entries[k].id), k);
    for (const [id, u] of [
      [entries.matePending.id, mate],
      [entries.bApproved.id, mate],
      [entries.mateBonus.id, agent],
      [entries.mateBonus.id, managerB],
      [entries.mateBonus.id, viewer],
      [entries.mateBonus.id, other],
    ] as const)
      assert.equal((await api(u).get(`/api/v1/rewards/${id}`)).status, 404, `${u.role} ${id}`);
    assert.equal((await api(mate).get(`/api/v1/rewards/${entries.mateBonus.id}`)).status, 200);
    const lead = await ids(managerA);
    for (const k of ['mateBonus', 'matePending', 'mateRejected']) assert.ok(lead.has(entries[k].id), k);
    assert.ok(!lead.has(entries.bApproved.id));
    const v = await ids(viewer);
    assert.deepEqual([...v], [entries.viewerApproved.id]);
    for (const u of [owner, admin]) {
      const all = await ids(u);
      for (const k of Object.keys(entries)) assert.ok(all.has(entries[k].id), `${u.role} ${k}`);
    }
    assert.equal((await ids(other)).size, 0, 'nothing crosses workspaces');
  });

  test('filters: person, kind, status, a quarter or a year, mine; pages by cursor', async () => {
    const f = async (q: string) =>
      (await api(owner).get(`/api/v1/rewards?personId=${mate.userId}${q}`)).body.data.map((x: { reason: string }) => x.reason).sort();
    assert.deepEqual(await f('&kind=penalty'), ['Bị bác', 'Quên gọi lại khách', 'Đang xem xét'].sort());
    assert.deepEqual(await f('&status=proposed'), ['Đang xem xét']);
    assert.deepEqual(await f('&period=2026-11'), ['Quên gọi lại khách', 'Tháng 11 xuất sắc'].sort());
    assert.deepEqual(await f('&period=2026-Q4&status=approved'), ['Khách khen', 'Quên gọi lại khách', 'Trễ họp', 'Tháng 11 xuất sắc'].sort());
    assert.deepEqual(await f('&period=2025'), ['Năm ngoái']);
    assert.equal((await api(owner).get('/api/v1/rewards?period=2026-13')).status, 422);
    const mine = (await api(admin).get('/api/v1/rewards?mine=true&limit=500')).body.data;
    assert.ok(mine.length > 0 && mine.every((x: { proposedBy: string }) => x.proposedBy === admin.userId));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: Res = await api(owner).get(`/api/v1/rewards?personId=${mate.userId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.data.map((x: { id: string }) => x.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.equal(seen.length, new Set(seen).size);
    assert.equal(seen.length, (await api(owner).get(`/api/v1/rewards?personId=${mate.userId}&limit=500`)).body.data.length);
  });

  test('the record: approved entries of the last 12 months with points and money per month, for the person themselves', async () => {
    const r = await api(mate).get(`/api/v1/rewards/people/${mate.userId}/record`);
    ok(r);
    assert.equal(r.body.from, '2026-01');
    assert.equal(r.body.to, '2026-12');
    assert.equal(r.body.months.length, 12);
    assert.equal(r.body.currency, 'VND');
    assert.equal(r.body.person.name, 'Đỗ Đồng Đội');
    const nov = r.body.months.find((m: { month: string }) => m.month === '2026-11');
    assert.deepEqual(nov, { month: '2026-11', points: 6, bonus: 300_000, penalty: 100_000, counts: { recognition: 0, bonus: 1, warning: 0, penalty: 1 } });
    assert.equal(r.body.months.find((m: { month: string }) => m.month === '2026-10').points, -1);
    // 8 − 2 − 1 + 5; last year's 50 points are outside the range; pending and rejected ones never count.
    assert.deepEqual(r.body.totals, { points: 10, bonus: 300_000, penalty: 100_000, counts: { recognition: 1, bonus: 1, warning: 1, penalty: 1 } });
    assert.deepEqual(
      r.body.entries.map((e: { reason: string }) => e.reason).sort(),
      ['Khách khen', 'Quên gọi lại khách', 'Trễ họp', 'Tháng 11 xuất sắc'].sort(),
    );
    const wide = await api(owner).get(`/api/v1/rewards/people/${mate.userId}/record?from=2025-11&to=2025-11`);
    assert.equal(wide.body.totals.points, 50);
    assert.equal((await api(owner).get(`/api/v1/rewards/people/${mate.userId}/record?from=2026-05&to=2026-01`)).status, 422);
    assert.equal((await api(owner).get(`/api/v1/rewards/people/${mate.userId}/record?from=2020-01&to=2026-01`)).status, 422);
    // A viewer's and an agent's own record; a colleague's, another team's or another workspace's member reads as missing.
    ok(await api(viewer).get(`/api/v1/rewards/people/${viewer.userId}/record`));
    ok(await api(managerA).get(`/api/v1/rewards/people/${mate.userId}/record`));
    for (const [u, person] of [
      [agent, mate],
      [viewer, mate],
      [managerB, mate],
      [managerA, agentB],
      [owner, other],
      [other, mate],
    ] as const)
      assert.equal((await api(u).get(`/api/v1/rewards/people/${person.userId}/record`)).status, 404, `${u.role} → ${person.role}`);
  });

  test('the CSV file holds what the member may see, cells safe against formulas', async () => {
    const evil = await propose(managerA, { personId: agent.userId, kind: 'recognition', reason: '=HYPERLINK("http://x.example","bấm")' });
    ok(await approve(owner, evil.id));
    const r = await api(owner).get('/api/v1/rewards/export?lang=vi');
    ok(r);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    const text = r.raw.body;
    assert.ok(text.startsWith('\ufeff'), 'a BOM for Excel');
    assert.match(text, /Người được ghi nhận/);
    assert.ok(text.includes(`"'=HYPERLINK(""http://x.example"",""bấm"")"`), 'the formula is neutralised');
    assert.ok(!/(^|,)=HYPERLINK/m.test(text));
    assert.match(text, /Ghi nhận/, 'kinds by name');
    assert.ok(text.includes(entries.bApproved.id));
    const theirs = (await api(mate).get('/api/v1/rewards/export')).raw.body;
    assert.ok(theirs.includes(entries.mateBonus.id));
    for (const k of ['matePending', 'mateRejected', 'bApproved']) assert.ok(!theirs.includes(entries[k].id), k);
    assert.ok(!(await api(other).get('/api/v1/rewards/export')).raw.body.includes(entries.mateBonus.id));
  });
});

describe('rewards: rules and the period close', () => {
  const rules: Record<string, string> = {};
  test('owners and admins write the rules; everyone who reads the record reads them', async () => {
    const body = {
      name: 'SLA dưới 80%',
      kpi: 'sla_attainment',
      comparator: 'lt',
      threshold: 0.8,
      kind: 'warning',
      points: 2,
      reasonTemplate: 'Đạt SLA {{value}} kỳ {{period}} (dưới {{threshold}}, {{n}} yêu cầu)',
    };
    for (const u of [managerA, agent, viewer]) assert.equal((await api(u).post('/api/v1/reward-rules', body)).status, 403, u.role);
    let r = await api(admin).post('/api/v1/reward-rules', { ...body, kind: 'recognition', amount: 10_000 });
    assert.equal(r.status, 422);
    assert.deepEqual(pointers(r), ['/amount']);
    r = await api(admin).post('/api/v1/reward-rules', { ...body, kpi: 'happiness' });
    assert.equal(r.status, 422);
    r = await api(admin).post('/api/v1/reward-rules', body);
    ok(r, 201);
    assert.equal(r.body.minN, 5, 'five observations at least by default');
    assert.equal(r.body.periodKind, 'month');
    assert.equal(r.body.active, true);
    assert.equal(r.headers.location, `/api/v1/reward-rules/${r.body.id}`);
    rules.sla = r.body.id;
    r = await api(admin).post('/api/v1/reward-rules', {
      name: 'CSAT từ 4,5',
      kpi: 'csat',
      comparator: 'gte',
      threshold: 4.5,
      minN: 5,
      kind: 'bonus',
      amount: 200_000,
      points: 10,
      reasonTemplate: '{{person}}: CSAT {{value}} {{comparator}} {{threshold}} ({{kpi}}, {{period}})',
    });
    ok(r, 201);
    rules.csat = r.body.id;
    r = await api(owner).post('/api/v1/reward-rules', {
      name: 'Quý: doanh thu',
      kpi: 'revenue',
      periodKind: 'quarter',
      comparator: 'gt',
      threshold: 100_000_000,
      minN: 1,
      kind: 'recognition',
      points: 20,
      reasonTemplate: 'Doanh thu {{value}} quý {{period}}',
    });
    ok(r, 201);
    rules.quarter = r.body.id;
    r = await api(owner).post('/api/v1/reward-rules', {
      name: 'Tắt',
      kpi: 'sla_attainment',
      comparator: 'lt',
      threshold: 0.99,
      minN: 0,
      kind: 'warning',
      active: false,
      reasonTemplate: 'Không bao giờ',
    });
    ok(r, 201);
    rules.off = r.body.id;
    for (const u of [agent, viewer, managerA]) assert.equal((await api(u).get('/api/v1/reward-rules')).body.data.length, 4, u.role);
    assert.equal((await api(other).get('/api/v1/reward-rules')).body.data.length, 0);
    r = await api(admin).patch(`/api/v1/reward-rules/${rules.off}`, { name: 'Vẫn tắt' }, { 'if-match': '"7"' });
    assert.equal(r.status, 412);
    r = await api(admin).patch(`/api/v1/reward-rules/${rules.off}`, { name: 'Vẫn tắt' }, { 'if-match': '"1"' });
    ok(r);
    assert.equal(r.body.version, 2);
    assert.equal((await api(managerA).patch(`/api/v1/reward-rules/${rules.off}`, { name: 'x' })).status, 403);
    const audit = (await api(owner).get(`/api/v1/audit?entityType=reward_rule&entityId=${rules.off}`)).body.data.map((a: { action: string }) => a.action);
    assert.deepEqual(audit, ['update', 'create']);
    const csv = await api(agent).get('/api/v1/reward-rules/export?lang=en');
    ok(csv);
    assert.match(csv.raw.body, /SLA attainment/);
    assert.match(csv.raw.body, /Quarterly/);
  });

  test('proposeFromRules: thresholds, minimum observations, the period’s kind; one per rule, person and period however often it runs', async () => {
    const results: KpiResult[] = [
      { userId: agent.userId, kpi: 'sla_attainment', value: 0.7, n: 10 }, // fires: a warning
      { userId: mate.userId, kpi: 'sla_attainment', value: 0.85, n: 30 }, // above the threshold
      { userId: agentB.userId, kpi: 'sla_attainment', value: 0.5, n: 3 }, // too few tickets
      { userId: viewer.userId, kpi: 'sla_attainment', value: 0.8, n: 20 }, // 80% is not under 80%
      { userId: agent.userId, kpi: 'csat', value: 5, n: 1 }, // one answer is no figure
      { userId: mate.userId, kpi: 'csat', value: 4.6, n: 12 }, // fires: a bonus
      { userId: agentB.userId, kpi: 'csat', value: null, n: 0 }, // nothing measured
      { userId: other.userId, kpi: 'csat', value: 4.9, n: 50 }, // not a member here
      { userId: agent.userId, kpi: 'revenue', value: 500_000_000, n: 9 }, // a quarter's rule: not at a month's close
    ];
    const close = (period: string, rs = results) =>
      t.core.db
        .transaction()
        .execute((trx) => proposeFromRules(trx, t.core, { workspaceId: owner.workspaceId, period, closedBy: managerA.userId, results: rs }));
    assert.equal(await close('2026-11'), 2);
    const made = (await api(owner).get('/api/v1/rewards?status=proposed&period=2026-11&limit=500')).body.data.filter(
      (x: { ruleId: string | null }) => x.ruleId,
    );
    assert.equal(made.length, 2);
    const warning = made.find((x: { kind: string }) => x.kind === 'warning');
    assert.equal(warning.personId, agent.userId);
    assert.equal(warning.ruleId, rules.sla);
    assert.equal(warning.proposedBy, managerA.userId);
    assert.equal(warning.points, 2);
    assert.equal(warning.period, '2026-11');
    assert.deepEqual(warning.justification, { type: 'kpi', kpi: 'sla_attainment', period: '2026-11', value: 0.7, n: 10, recordId: null, label: null });
    assert.equal(warning.reason, 'Đạt SLA 70% kỳ 2026-11 (dưới 80%, 10 yêu cầu)');
    const bonus = made.find((x: { kind: string }) => x.kind === 'bonus');
    assert.equal(bonus.personId, mate.userId);
    assert.equal(bonus.amount, 200_000);
    assert.equal(bonus.currency, 'VND');
    assert.equal(bonus.reason, 'Đỗ Đồng Đội: CSAT 4,6 ≥ 4,5 (CSAT khách được phục vụ, 2026-11)');
    // A recount of the same period proposes nothing again — even after a proposal was decided.
    ok(await api(owner).post(`/api/v1/rewards/${warning.id}/reject`, { note: 'Tháng nhiều việc đột xuất' }));
    assert.equal(await close('2026-11'), 0);
    assert.equal(
      await close('2026-11', [{ userId: agent.userId, kpi: 'sla_attainment', value: 0.1, n: 30 }]),
      0,
      'a recount with another figure: still one per rule, person and period',
    );
    // Another month, and a quarter (its rule only; entries count toward its last month).
    assert.equal(await close('2026-12', results.slice(0, 1)), 1);
    assert.equal(await close('2026-Q4'), 1);
    const q = (await api(owner).get(`/api/v1/rewards?personId=${agent.userId}&kind=recognition&status=proposed&limit=500`)).body.data.find(
      (x: { ruleId: string }) => x.ruleId === rules.quarter,
    );
    assert.equal(q.period, '2026-12');
    assert.equal(q.justification.period, '2026-Q4');
    assert.equal(q.reason, `Doanh thu ${new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(500_000_000)} quý 2026-Q4`);
    // Made by whoever closed the period, in the close's transaction, audited.
    const audit = (await api(owner).get(`/api/v1/audit?entityType=reward&entityId=${bonus.id}`)).body.data;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actorUserId, managerA.userId);
    assert.equal(audit[0].meta.via, 'period_close');
    assert.equal(audit[0].meta.ruleId, rules.csat);
    // The close's transaction rolls back: so do the proposals.
    const before = await snapshotCounts(t.core);
    const entriesBefore = (await api(owner).get('/api/v1/rewards?limit=500')).body.data.length;
    await assert.rejects(
      t.core.db.transaction().execute(async (trx) => {
        assert.equal(await proposeFromRules(trx, t.core, { workspaceId: owner.workspaceId, period: '2027-01', closedBy: owner.userId, results }), 2);
        throw new Error('the close failed');
      }),
      /the close failed/,
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
    assert.equal((await api(owner).get('/api/v1/rewards?limit=500')).body.data.length, entriesBefore);
    // Another workspace's rules never fire on these figures.
    assert.equal(await proposeFromRules(t.core.db, t.core, { workspaceId: other.workspaceId, period: '2026-11', closedBy: other.userId, results }), 0);
    await assert.rejects(proposeFromRules(t.core.db, t.core, { workspaceId: owner.workspaceId, period: 'tháng 11', closedBy: owner.userId, results }));
  });

  test('closing a KPI period through the API runs the rules in the close; a recount proposes nothing twice', async () => {
    ok(
      await api(owner).post('/api/v1/reward-rules', {
        name: 'Chăm khách đều tay',
        kpi: 'interactions_logged',
        comparator: 'gte',
        threshold: 2,
        minN: 1,
        kind: 'recognition',
        points: 3,
        reasonTemplate: '{{person}} ghi {{value}} tương tác trong {{period}}',
      }),
      201,
    );
    const customer = (await api(owner).post('/api/v1/contacts', { name: 'Bà Khách Tháng Mười', ownerId: agent.userId, teamId: teamA })).body.id;
    for (const [u, at] of [
      [agent, '2026-10-03T03:00:00Z'],
      [agent, '2026-10-20T03:00:00Z'],
      [mate, '2026-10-21T03:00:00Z'],
    ] as const)
      ok(await api(u).post('/api/v1/interactions', { contactId: customer, kind: 'call', occurredAt: at }), 201);
    ok(await api(owner).post('/api/v1/kpi-periods/2026-10/close'));
    const made = async () =>
      (await api(owner).get('/api/v1/rewards?period=2026-10&kind=recognition&limit=500')).body.data.filter((x: { reason: string }) =>
        /tương tác/.test(x.reason),
      );
    const first = await made();
    assert.deepEqual(
      first.map((x: { personId: string; proposedBy: string; reason: string }) => [x.personId, x.proposedBy, x.reason]),
      [[agent.userId, owner.userId, 'Lê Nhân Viên ghi 2 tương tác trong 2026-10']],
    );
    ok(await api(owner).post('/api/v1/kpi-periods/2026-10/recount'));
    assert.equal((await made()).length, 1);
  });

  test('a deleted rule is gone; the entries it proposed stay', async () => {
    assert.equal((await api(managerA).delete(`/api/v1/reward-rules/${rules.csat}`)).status, 403);
    assert.equal((await api(other).delete(`/api/v1/reward-rules/${rules.csat}`)).status, 404);
    assert.equal((await api(admin).delete(`/api/v1/reward-rules/${rules.csat}`)).status, 204);
    assert.equal((await api(admin).get(`/api/v1/reward-rules/${rules.csat}`)).status, 404);
    const kept = (await api(owner).get(`/api/v1/rewards?personId=${mate.userId}&kind=bonus&limit=500`)).body.data.filter(
      (x: { ruleId: string }) => x.ruleId === rules.csat,
    );
    assert.equal(kept.length, 1);
  });
});
