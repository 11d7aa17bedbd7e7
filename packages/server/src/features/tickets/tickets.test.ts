import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let mate: TestUser;
let outsider: TestUser;
let team: string;
// Friday 27 November 2026, 16:00 in Hồ Chí Minh City (UTC+7).
let clock = new Date('2026-11-27T09:00:00Z');
const at = (iso: string) => (clock = new Date(iso));

before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core));
  team = await makeTeam(t.core, owner.workspaceId, 'CSKH');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [team] });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  mate = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  outsider = await makeMember(t.core, owner.workspaceId, 'agent');
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
async function contact(name = 'Chị Lan', extra: Record<string, unknown> = {}): Promise<string> {
  const r = await api(owner).post('/api/v1/contacts', { name, ownerId: null, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

describe('tickets and SLA clocks in business hours', () => {
  test('the public contract: 201 with the id and the SLA due times, counted across the night and the weekend', async () => {
    at('2026-11-27T09:00:00Z'); // Fri 16:00 local
    const c = await contact();
    const r = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Giao hàng trễ', priority: 'normal', category: 'complaint' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.id, /^[0-9a-f-]{36}$/);
    // Normal: first response in 240 business minutes — Fri 16:00–17:30 (90), Mon 08:00–10:30 (150).
    assert.equal(r.body.sla.firstResponseDueAt, '2026-11-30T03:30:00.000Z');
    // Resolution in 1,440 (three 8-hour days): Fri 90, Mon 480, Tue 480, Wed 08:00–12:00 (240) and 13:30–16:00 (150).
    assert.equal(r.body.sla.resolutionDueAt, '2026-12-02T09:00:00.000Z');
    assert.equal(r.body.status, 'new');
    assert.equal(r.body.number, 1);
    assert.equal(r.body.sla.firstResponse.remainingMinutes, 240);
    const got = await api(agent).get(`/api/v1/tickets/${r.body.id}`);
    assert.deepEqual(got.body.sla.firstResponseDueAt, r.body.sla.firstResponseDueAt);
  });

  test('Tết and the weekend around it are not working time; editing the calendar moves new tickets only', async () => {
    at('2027-02-04T09:00:00Z'); // Thu 4 Feb 2027, 16:00: Tết's eve is Fri 5 Feb, mùng 1–4 are 6–9 Feb
    const c = await contact('Anh Minh');
    const r = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Đổi hàng trước Tết', priority: 'normal' });
    assert.equal(r.status, 201);
    // 90 minutes on Thursday, then nothing until Friday 12 Feb 08:00 (mùng 2 and 3 fell on the weekend: Wednesday
    // 10 and Thursday 11 are the days in lieu); 150 more → 10:30.
    assert.equal(r.body.sla.firstResponseDueAt, '2027-02-12T03:30:00.000Z');
    // Hùng Kings' day (10th of the 3rd lunar month) is 16 April 2027, a Friday.
    at('2027-04-15T09:00:00Z');
    const h = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Trước Giỗ Tổ', priority: 'normal' });
    assert.equal(h.body.sla.firstResponseDueAt, '2027-04-19T03:30:00.000Z', 'Friday 16 April is skipped like the weekend');

    // A workspace that works Saturday mornings and has a company holiday on Monday 30 November.
    at('2026-11-27T09:00:00Z');
    const s = await api(owner).get('/api/v1/care/settings');
    const week = s.body.calendar.week;
    week[6] = [{ from: '08:00', to: '12:00' }];
    const holidays = [...s.body.calendar.holidays, { date: '2026-11-30', name: 'Nghỉ công ty' }];
    const p = await api(owner).patch('/api/v1/care/settings', { calendar: { ...s.body.calendar, week, holidays } });
    assert.equal(p.status, 200, JSON.stringify(p.body));
    const sat = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Làm thứ Bảy', priority: 'normal' });
    // Fri 90 + Sat 08:00–10:30 (150).
    assert.equal(sat.body.sla.firstResponseDueAt, '2026-11-28T03:30:00.000Z');
    const old = await api(agent).get(`/api/v1/tickets/${r.body.id}`);
    assert.equal(old.body.sla.firstResponseDueAt, '2027-02-12T03:30:00.000Z', 'a promise made stays made');
    const bad = await api(owner).patch('/api/v1/care/settings', {
      calendar: { ...s.body.calendar, week: [[{ from: '13:00', to: '09:00' }]], timeZone: 'Mars/Olympus' },
    });
    assert.equal(bad.status, 422);
    assert.ok(
      bad.body.errors.some((e: { pointer: string }) => e.pointer === '/calendar/timeZone'),
      JSON.stringify(bad.body.errors),
    );
    assert.equal((await api(agent).patch('/api/v1/care/settings', { warnFraction: 0.5 })).status, 403);
    // Back to the default week for the tests after.
    week[6] = [];
    await api(owner).patch('/api/v1/care/settings', { calendar: { ...s.body.calendar, week, holidays: s.body.calendar.holidays } });
  });

  test('waiting on the customer stops the resolution clock; a reply stops the first-response clock', async () => {
    at('2026-12-01T02:00:00Z'); // Tue 09:00
    const c = await contact('Cô Hoa');
    const r = await api(agent).post('/api/v1/tickets', {
      contactId: c,
      subject: 'Hỏi bảo hành',
      priority: 'high',
      category: 'question',
      assigneeId: agent.userId,
    });
    assert.equal(r.body.status, 'open', 'assigned tickets are open');
    // High: 60 and 480 business minutes → first response Tue 10:00, resolution Wed 09:00.
    assert.equal(r.body.sla.firstResponseDueAt, '2026-12-01T03:00:00.000Z');
    assert.equal(r.body.sla.resolutionDueAt, '2026-12-02T02:00:00.000Z');
    at('2026-12-01T02:30:00Z'); // 09:30: reply, and wait for the customer
    const w = await api(agent).post(`/api/v1/tickets/${r.body.id}/messages`, {
      kind: 'reply',
      body: 'Chị gửi giúp em ảnh hoá đơn nhé.',
      status: 'waiting_on_customer',
    });
    assert.equal(w.status, 201, JSON.stringify(w.body));
    assert.equal(w.body.status, 'waiting_on_customer');
    assert.equal(w.body.firstRespondedAt, '2026-12-01T02:30:00.000Z');
    assert.equal(w.body.sla.firstResponse.met, true);
    at('2026-12-01T09:00:00Z'); // 16:00: the customer writes back after 6 working hours (minus lunch: 5 h)
    const back = await api(agent).post(`/api/v1/tickets/${r.body.id}/messages`, { kind: 'customer', body: 'Ảnh đây ạ' });
    assert.equal(back.body.status, 'open', 'a customer writing back resumes the ticket');
    // Waited 09:30–12:00 and 13:30–16:00: 300 business minutes, so the resolution moves from Wed 09:00 by 300 → Wed 15:30.
    assert.equal(back.body.sla.resolution.dueAt, '2026-12-02T08:30:00.000Z');
    assert.equal(back.body.sla.resolutionDueAt, '2026-12-02T02:00:00.000Z', 'the target set at creation is kept');
    const msgs = await api(agent).get(`/api/v1/tickets/${r.body.id}/messages`);
    assert.deepEqual(
      msgs.body.data.map((m: { kind: string }) => m.kind),
      ['event', 'reply', 'event', 'customer', 'event'],
    );
  });

  test('status moves are checked, resolving needs a resolution, and reopening restarts the clock', async () => {
    at('2026-12-01T03:00:00Z');
    const c = await contact('Bác Tư');
    const r = await api(agent).post('/api/v1/tickets', {
      contactId: c,
      subject: 'Máy không lên nguồn',
      priority: 'urgent',
      category: 'incident',
      assigneeId: agent.userId,
    });
    const before = await snapshotCounts(t.core);
    const noWhy = await api(agent).patch(`/api/v1/tickets/${r.body.id}`, { status: 'resolved' });
    assert.equal(noWhy.status, 422);
    assert.equal(noWhy.body.errors[0].pointer, '/resolution');
    const back = await api(agent).patch(`/api/v1/tickets/${r.body.id}`, { status: 'new' });
    assert.equal(back.status, 422);
    assert.equal(back.body.errors[0].pointer, '/status');
    assert.equal(back.body.errors[0].code, 'invalid_transition');
    assert.deepEqual(await snapshotCounts(t.core), before, 'nothing written by refused changes');
    at('2026-12-01T03:20:00Z');
    const done = await api(agent).patch(
      `/api/v1/tickets/${r.body.id}`,
      { status: 'resolved', resolution: 'Thay dây nguồn', rootCause: 'Dây nguồn lỗi' },
      { 'if-match': '"1"' },
    );
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.resolvedAt, '2026-12-01T03:20:00.000Z');
    assert.equal(done.body.sla.resolution.met, true);
    const again = await api(agent).post(`/api/v1/tickets/${r.body.id}/messages`, { kind: 'customer', body: 'Lại hỏng rồi' });
    assert.equal(again.body.status, 'reopened');
    assert.equal(again.body.resolvedAt, null);
    const audit = await api(owner).get(`/api/v1/audit?entityType=ticket&entityId=${r.body.id}`);
    assert.deepEqual(
      audit.body.data.map((a: { action: string }) => a.action),
      ['reopen', 'complete', 'create'],
    );
  });

  test('no policy: the due times are null', async () => {
    const saved = (await api(owner).get('/api/v1/care/sla-policies')).body.data;
    assert.equal(saved.length, 4, 'a workspace starts with a policy per priority');
    assert.equal(
      (
        await api(owner).put('/api/v1/care/sla-policies', {
          policies: [{ name: 'Khiếu nại gấp', priority: 'urgent', category: 'complaint', firstResponseMinutes: 15, resolutionMinutes: 120 }],
        })
      ).status,
      200,
    );
    const c = await contact('Ông Ba');
    const none = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Câu hỏi', priority: 'low', category: 'question' });
    assert.deepEqual({ f: none.body.sla.firstResponseDueAt, r: none.body.sla.resolutionDueAt }, { f: null, r: null });
    const hit = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Khiếu nại', priority: 'urgent', category: 'complaint' });
    assert.notEqual(hit.body.sla.firstResponseDueAt, null);
    const badCat = await api(owner).put('/api/v1/care/sla-policies', {
      policies: [{ name: 'X', priority: null, category: 'billing', firstResponseMinutes: 10, resolutionMinutes: null }],
    });
    assert.equal(badCat.status, 422);
    assert.equal(badCat.body.errors[0].pointer, '/policies/0/category');
    await api(owner).put('/api/v1/care/sla-policies', { policies: saved.map(({ id: _, position: __, ...p }: Record<string, unknown>) => p) });
  });

  test('assignment rules: round-robin takes turns, least-open evens the load', async () => {
    const c = await contact('Khách chia việc');
    assert.equal((await api(manager).put(`/api/v1/teams/${team}/assignment`, { mode: 'round_robin' })).status, 403);
    assert.equal((await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'round_robin' })).status, 200);
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) picks.push((await api(owner).post('/api/v1/tickets', { contactId: c, subject: `Vòng ${i}`, teamId: team })).body.assigneeId);
    const members = [manager.userId, agent.userId, mate.userId];
    assert.deepEqual(picks, [...members, ...members], 'each member of the team in turn');

    await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'least_open' });
    const open = async (u: string) =>
      (
        await t.core.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('assignee_id', '=', u)
          .where('status', 'in', ['new', 'open', 'waiting_on_customer', 'reopened'])
          .executeTakeFirstOrThrow()
      ).n;
    const counts0 = await Promise.all(members.map(open));
    const next = (await api(owner).post('/api/v1/tickets', { contactId: c, subject: 'Ít việc nhất', teamId: team })).body.assigneeId;
    const least = Math.min(...counts0.map(Number));
    assert.equal(Number(counts0[members.indexOf(next)]), least, `went to someone with the fewest open tickets (${counts0.join(', ')})`);
    assert.equal((await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'random' })).status, 422);
  });

  test('scope: an agent sees their own, their team’s and unassigned tickets; nothing else exists for them', async () => {
    const c = await contact('Khách riêng', { ownerId: outsider.userId });
    const theirs = await api(owner).post('/api/v1/tickets', { contactId: c, subject: 'Của người khác', assigneeId: outsider.userId });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    assert.equal((await api(agent).get(`/api/v1/tickets/${theirs.body.id}`)).status, 404);
    assert.equal((await api(agent).patch(`/api/v1/tickets/${theirs.body.id}`, { priority: 'low' })).status, 404);
    assert.equal((await api(manager).get(`/api/v1/tickets/${theirs.body.id}`)).status, 404);
    assert.equal((await api(outsider).get(`/api/v1/tickets/${theirs.body.id}`)).status, 200);
    const list = await api(agent).get('/api/v1/tickets?status=any&limit=200');
    assert.ok(!list.body.data.some((x: { id: string }) => x.id === theirs.body.id));
    // An agent may take a ticket, not give it to someone else.
    const pool = await api(owner).post('/api/v1/tickets', { contactId: await contact('Khách chung'), subject: 'Chưa ai nhận' });
    assert.equal((await api(agent).patch(`/api/v1/tickets/${pool.body.id}`, { assigneeId: mate.userId })).status, 422);
    const take = await api(agent).patch(`/api/v1/tickets/${pool.body.id}`, { assigneeId: agent.userId });
    assert.equal(take.status, 200);
    assert.equal(take.body.status, 'open');
    assert.equal(
      (await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Khách không thấy được' })).status,
      422,
      'a customer the agent may not see',
    );
  });

  test('script in a ticket is stored and returned as the text it is', async () => {
    const c = await contact('<img src=x onerror=alert(1)>');
    const subject = '<script>alert("xss")</script> đơn #12';
    const r = await api(agent).post('/api/v1/tickets', { contactId: c, subject, message: '<b>in đậm</b>' });
    assert.equal(r.body.subject, subject);
    const msgs = await api(agent).get(`/api/v1/tickets/${r.body.id}/messages`);
    assert.equal(msgs.body.data[0].body, '<b>in đậm</b>');
    const bad = await api(agent).post('/api/v1/tickets', { contactId: 'nope', subject: '', priority: 'asap' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/contactId', '/priority', '/subject']);
  });

  test('the SLA jobs: a warning to the assignee before the breach, then escalation to a manager, once each', async () => {
    at('2026-12-01T02:00:00Z'); // Tue 09:00
    assert.equal((await api(owner).patch('/api/v1/care/settings', { escalation: { reassignToManager: true, notifyManagers: true } })).status, 200);
    await api(owner).put(`/api/v1/teams/${team}/assignment`, { mode: 'manual' });
    const c = await contact('Khách gấp');
    const r = await api(agent).post('/api/v1/tickets', {
      contactId: c,
      subject: 'Mất điện cả xưởng',
      priority: 'urgent',
      teamId: team,
      assigneeId: agent.userId,
    });
    assert.equal(r.body.sla.firstResponseDueAt, '2026-12-01T02:30:00.000Z', 'urgent: 30 business minutes');
    const events = async () =>
      (await api(owner).get(`/api/v1/tickets/${r.body.id}/messages`)).body.data
        .filter((m: { kind: string; meta: { event: string } }) => m.kind === 'event')
        .map((m: { meta: { event: string; target?: string } }) => `${m.meta.event}${m.meta.target ? `:${m.meta.target}` : ''}`);
    await runDueJobs(t.core, 'test');
    assert.deepEqual(await events(), ['created'], 'nothing is due yet');
    at('2026-12-01T02:25:00Z'); // 5 minutes left of 30: the last fifth
    await runDueJobs(t.core, 'test');
    assert.deepEqual(await events(), ['created', 'sla_warning:first_response']);
    const warned = await t.core.db.selectFrom('mail_outbox').select(['to_address', 'subject']).where('related_id', '=', r.body.id).execute();
    assert.deepEqual(
      warned.map((m) => m.to_address),
      [agent.email],
      'the assignee is warned',
    );
    at('2026-12-01T02:31:00Z');
    await runDueJobs(t.core, 'test');
    await runDueJobs(t.core, 'test');
    assert.deepEqual(await events(), ['created', 'sla_warning:first_response', 'sla_breach:first_response']);
    const after = await api(owner).get(`/api/v1/tickets/${r.body.id}`);
    assert.equal(after.body.assigneeId, manager.userId, 'escalated to the team’s manager');
    assert.equal(after.body.sla.firstResponse.breached, true);
    const told = (
      await t.core.db.selectFrom('mail_outbox').select('to_address').where('related_id', '=', r.body.id).where('related_type', '=', 'ticket_sla').execute()
    )
      .map((m) => m.to_address)
      .sort();
    assert.deepEqual(told, [agent.email, agent.email, manager.email].sort());
    const audit = await api(owner).get(`/api/v1/audit?entityType=ticket&entityId=${r.body.id}`);
    assert.equal(audit.body.data[0].meta.reason, 'sla_breach');

    // A ticket answered in time: its jobs find nothing to do.
    at('2026-12-01T03:00:00Z');
    const ok = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Trả lời kịp', priority: 'urgent', teamId: team, assigneeId: agent.userId });
    at('2026-12-01T03:10:00Z');
    await api(agent).post(`/api/v1/tickets/${ok.body.id}/messages`, { kind: 'reply', body: 'Em đang xử lý ạ.' });
    at('2026-12-01T04:00:00Z');
    await runDueJobs(t.core, 'test');
    const okEvents = (await api(owner).get(`/api/v1/tickets/${ok.body.id}/messages`)).body.data
      .filter((m: { kind: string }) => m.kind === 'event')
      .map((m: { meta: { event: string } }) => m.meta.event);
    assert.ok(!okEvents.includes('sla_breach:first_response') && !okEvents.some((e: string) => e.startsWith('sla_')), okEvents.join(','));
    await api(owner).patch('/api/v1/care/settings', { escalation: { reassignToManager: false, notifyManagers: true } });
  });
});
