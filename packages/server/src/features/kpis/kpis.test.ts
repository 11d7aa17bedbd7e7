import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { csatSummary, npsSummary } from '@kith/domain/surveys/survey-stats.ts';
import { businessMinutesBetween } from '@kith/domain/time/business-hours.ts';
import { slaState } from '@kith/domain/tickets/tickets.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { loadCare } from '../tickets/care-settings.service.ts';
import { pausesOf } from '../tickets/ticket.service.ts';
import { seedDemo } from '../demo/demo.service.ts';

/**
 * KPIs against figures computed here, independently, with plain SQL over the raw rows (and the domain's working-time
 * arithmetic for the ticket times), on demo data of a fixed seed with tickets and survey answers added; period
 * boundaries at local midnight; targets, splits, pace; a closed period frozen until an explicit recount; scope.
 */

let t: TestApp;
let clock = new Date('2026-11-20T03:00:00Z');
const at = (iso: string) => (clock = new Date(iso));
before(async () => {
  t = await createTestApp({ now: () => clock });
});
after(() => t.close());
const api = (u: TestUser) => client(t.app, u.token);
const q = async <R>(s: ReturnType<typeof sql<R>>): Promise<R[]> => (await s.execute(t.core.db)).rows;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
};

// November 2026 in Asia/Ho_Chi_Minh (UTC+7, no summer time): local midnights, written independently of periodRange.
const NOV = { from: new Date('2026-11-01T00:00:00+07:00').toISOString(), to: new Date('2026-12-01T00:00:00+07:00').toISOString() };

describe('KPIs', () => {
  let ws: string;
  let owner: TestUser;
  let manager: TestUser;
  let agent: TestUser;
  let agent2: TestUser;
  let team: string;
  let contacts: string[];

  before(async () => {
    at('2026-11-20T03:00:00Z');
    ({ workspaceId: ws, owner } = await makeWorkspace(t.core));
    await seedDemo(t.core, { customers: 80, seed: 5, workspaceId: ws });
    team = await makeTeam(t.core, ws, 'Chăm sóc');
    manager = await makeMember(t.core, ws, 'manager', { teamIds: [team] });
    agent = await makeMember(t.core, ws, 'agent', { teamIds: [team] });
    agent2 = await makeMember(t.core, ws, 'agent', { teamIds: [team] });
    contacts = (await q<{ id: string }>(sql`select id from contacts where workspace_id = ${ws} and deleted_at is null order by id`)).map((r) => r.id);
    // Our agents own a few customers each, so their figures are not empty.
    for (const [i, c] of contacts.slice(0, 12).entries())
      await sql`update contacts set owner_id = ${i % 2 ? agent.userId : agent2.userId} where id = ${c}`.execute(t.core.db);

    // Tickets handled by the agents: opened, answered and resolved at known times in November (and one in October).
    const times: [string, string, string, TestUser][] = [
      ['2026-11-02T01:30:00Z', '2026-11-02T02:10:00Z', '2026-11-02T08:00:00Z', agent],
      ['2026-11-03T09:00:00Z', '2026-11-04T01:20:00Z', '2026-11-05T03:00:00Z', agent],
      ['2026-11-09T02:00:00Z', '2026-11-09T02:05:00Z', '2026-11-12T04:00:00Z', agent2],
      ['2026-11-10T03:00:00Z', '2026-11-11T07:00:00Z', '2026-11-18T02:00:00Z', agent2],
      ['2026-10-28T02:00:00Z', '2026-10-28T03:00:00Z', '2026-10-31T16:59:59Z', agent],
      ['2026-11-16T02:00:00Z', '2026-11-16T02:30:00Z', '2026-11-19T03:00:00Z', agent],
    ];
    for (const [i, [open, reply, done, who]] of times.entries()) {
      at(open);
      const tk = await api(owner).post('/api/v1/tickets', {
        contactId: contacts[i]!,
        subject: `Hỏi ${i}`,
        priority: i % 2 ? 'high' : 'normal',
        assigneeId: who.userId,
      });
      assert.equal(tk.status, 201, JSON.stringify(tk.body));
      at(reply);
      assert.equal((await api(who).post(`/api/v1/tickets/${tk.body.id}/messages`, { kind: 'reply', body: 'Dạ em kiểm tra ạ' })).status, 201);
      at(done);
      const r = await api(who).patch(`/api/v1/tickets/${tk.body.id}`, { status: 'resolved', resolution: 'Đã xử lý' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }

    // Surveys: CSAT and NPS answered in November about the customers our agents own.
    at('2026-11-05T03:00:00Z');
    const s = (
      await api(owner).post('/api/v1/surveys', {
        name: 'Sau hỗ trợ',
        questions: [
          { type: 'nps', text: 'Giới thiệu?' },
          { type: 'csat', text: 'Hài lòng?' },
        ],
      })
    ).body;
    const answers = [
      [10, 5],
      [9, 4],
      [3, 2],
      [8, 5],
      [10, 4],
      [6, 3],
    ];
    for (const [i, [nps, csat]] of answers.entries()) {
      at(`2026-11-${String(6 + i).padStart(2, '0')}T03:00:00Z`);
      const inv = await api(owner).post(`/api/v1/surveys/${s.id}/invitations`, { contactId: contacts[i]! });
      assert.equal(inv.status, 201, JSON.stringify(inv.body));
      const r = await client(t.app).post(`/api/v1/public/surveys/${inv.body.token}/responses`, {
        answers: [
          { questionId: s.questions[0].id, value: nps },
          { questionId: s.questions[1].id, value: csat },
        ],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    // One more invitation, not answered (the response rate).
    assert.equal((await api(owner).post(`/api/v1/surveys/${s.id}/invitations`, { contactId: contacts[7]! })).status, 201);

    // Tasks done in November, on time and late; calls logged.
    for (const [i, [due, done]] of [
      ['2026-11-10T10:00:00Z', '2026-11-09T03:00:00Z'],
      ['2026-11-10T10:00:00Z', '2026-11-12T03:00:00Z'],
      ['2026-11-20T10:00:00Z', '2026-11-20T09:59:00Z'],
    ].entries()) {
      const who = i === 2 ? agent2 : agent;
      at('2026-11-02T03:00:00Z');
      const task = await api(who).post('/api/v1/tasks', { title: `Gọi lại ${i}`, dueAt: due, contactId: contacts[i === 2 ? 0 : 2 * i + 1]! });
      assert.equal(task.status, 201, JSON.stringify(task.body));
      at(done!);
      assert.equal((await api(who).patch(`/api/v1/tasks/${task.body.id}`, { done: true })).status, 200);
    }
    for (const [i, when] of ['2026-11-03T09:00:00+07:00', '2026-11-30T23:59:00+07:00', '2026-12-01T00:00:00+07:00'].entries()) {
      at('2026-12-02T03:00:00Z');
      const call = await api(agent).post('/api/v1/interactions', {
        contactId: contacts[2 * i + 1]!,
        kind: 'call',
        direction: 'outbound',
        occurredAt: when,
        body: 'Gọi hỏi thăm',
      });
      assert.equal(call.status, 201, JSON.stringify(call.body));
    }
    at('2026-12-03T03:00:00Z');
  });

  test('GET /kpis lists the built-in definitions of the public contract', async () => {
    const r = await api(agent).get('/api/v1/kpis');
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.body));
    for (const k of ['revenue', 'new_customers', 'deals_won', 'interactions_logged', 'tickets_resolved', 'first_response_minutes', 'sla_attainment', 'csat'])
      assert.ok(
        r.body.some((d: { key: string }) => d.key === k),
        k,
      );
  });

  test('on demo data (seed 5), every KPI for November equals the plain-SQL figure, per member', async () => {
    const r = await api(owner).get('/api/v1/kpis/report?period=2026-11&by=user');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.period.from, NOV.from);
    assert.equal(r.body.period.to, NOV.to);
    const got = new Map<string, number | null>(
      r.body.rows.map((x: { userId: string; kpi: string; value: number | null }) => [`${x.kpi}/${x.userId}`, x.value]),
    );
    const members = (await q<{ user_id: string }>(sql`select user_id from memberships where workspace_id = ${ws}`)).map((m) => m.user_id);
    assert.equal(r.body.subjects.length, members.length, 'the owner sees everyone');
    const cur = (await q<{ currency: string }>(sql`select currency from workspaces where id = ${ws}`))[0]!.currency;
    const { from, to } = NOV;
    const perUser = async (rows: { u: string | null; v: unknown }[]) => new Map(rows.filter((x) => x.u).map((x) => [x.u!, num(x.v)]));
    const expect: Record<string, Map<string, number | null>> = {
      revenue: await perUser(
        await q(sql`select c.owner_id as u, sum(o.total) as v from orders o join contacts c on c.id = o.contact_id
          where o.workspace_id = ${ws} and o.deleted_at is null and c.deleted_at is null and o.status in ('paid','delivered') and o.currency = ${cur}
          and o.ordered_at >= ${from} and o.ordered_at < ${to} group by c.owner_id`),
      ),
      revenue_taken: await perUser(
        await q(sql`select o.created_by as u, sum(o.total) as v from orders o join contacts c on c.id = o.contact_id
          where o.workspace_id = ${ws} and o.deleted_at is null and c.deleted_at is null and o.status in ('paid','delivered') and o.currency = ${cur}
          and o.ordered_at >= ${from} and o.ordered_at < ${to} group by o.created_by`),
      ),
      new_customers: await perUser(
        await q(sql`select c.owner_id as u, count(*) as v from contacts c where c.workspace_id = ${ws} and c.deleted_at is null and
          (select min(o.ordered_at) from orders o where o.contact_id = c.id and o.deleted_at is null and o.status in ('placed','paid','delivered')) >= ${from} and
          (select min(o.ordered_at) from orders o where o.contact_id = c.id and o.deleted_at is null and o.status in ('placed','paid','delivered')) < ${to}
          group by c.owner_id`),
      ),
      repeat_customers: await perUser(
        await q(sql`select c.owner_id as u, count(*) as v from contacts c where c.workspace_id = ${ws} and c.deleted_at is null and
          exists (select 1 from orders o where o.contact_id = c.id and o.deleted_at is null and o.status in ('placed','paid','delivered') and o.ordered_at >= ${from} and o.ordered_at < ${to}) and
          exists (select 1 from orders o where o.contact_id = c.id and o.deleted_at is null and o.status in ('placed','paid','delivered') and o.ordered_at < ${from})
          group by c.owner_id`),
      ),
      deals_won: await perUser(
        await q(
          sql`select owner_id as u, count(*) as v from deals where workspace_id = ${ws} and deleted_at is null and status = 'won' and closed_at >= ${from} and closed_at < ${to} group by owner_id`,
        ),
      ),
      deals_won_value: await perUser(
        await q(
          sql`select owner_id as u, sum(amount) as v from deals where workspace_id = ${ws} and deleted_at is null and status = 'won' and currency = ${cur} and closed_at >= ${from} and closed_at < ${to} group by owner_id`,
        ),
      ),
      interactions_logged: await perUser(
        await q(
          sql`select author_id as u, count(*) as v from interactions where workspace_id = ${ws} and deleted_at is null and occurred_at >= ${from} and occurred_at < ${to} group by author_id`,
        ),
      ),
      tickets_resolved: await perUser(
        await q(
          sql`select assignee_id as u, count(*) as v from tickets where workspace_id = ${ws} and deleted_at is null and resolved_at >= ${from} and resolved_at < ${to} group by assignee_id`,
        ),
      ),
    };
    const rate = async (rows: { u: string | null; k: unknown; n: unknown }[]) =>
      new Map(rows.filter((x) => x.u).map((x) => [x.u!, num(x.n) > 0 ? num(x.k) / num(x.n) : null]));
    expect.win_rate = await rate(
      await q(
        sql`select owner_id as u, sum(case when status = 'won' then 1 else 0 end) as k, count(*) as n from deals where workspace_id = ${ws} and deleted_at is null and status in ('won','lost') and closed_at >= ${from} and closed_at < ${to} group by owner_id`,
      ),
    );
    expect.tasks_on_time = await rate(
      await q(
        sql`select assignee_id as u, sum(case when due_at is null or done_at <= due_at then 1 else 0 end) as k, count(*) as n from tasks where workspace_id = ${ws} and deleted_at is null and done_at >= ${from} and done_at < ${to} group by assignee_id`,
      ),
    );
    expect.survey_response_rate = await rate(
      await q(sql`select coalesce(t.assignee_id, c.owner_id) as u, count(i.responded_at) as k, count(*) as n from survey_invitations i join contacts c on c.id = i.contact_id left join tickets t on t.id = i.ticket_id
        where i.workspace_id = ${ws} and c.deleted_at is null and i.created_at >= ${from} and i.created_at < ${to} group by coalesce(t.assignee_id, c.owner_id)`),
    );
    const churnStart = new Date(Date.parse(from) - 180 * 86_400_000).toISOString();
    const churnLine = new Date(Date.parse(to) - 180 * 86_400_000).toISOString();
    expect.churn_rate = await rate(
      await q(sql`select c.owner_id as u,
          sum(case when (select max(o.ordered_at) from orders o where o.contact_id = c.id and o.deleted_at is null and o.status in ('placed','paid','delivered') and o.ordered_at < ${to}) < ${churnLine} then 1 else 0 end) as k,
          count(*) as n
        from contacts c where c.workspace_id = ${ws} and c.deleted_at is null and exists (select 1 from orders o where o.contact_id = c.id and o.deleted_at is null
          and o.status in ('placed','paid','delivered') and o.ordered_at >= ${churnStart} and o.ordered_at < ${from}) group by c.owner_id`),
    );
    // Survey answers: per person, the values (agent of the ticket, else the customer's owner).
    for (const type of ['csat', 'nps'] as const) {
      const rows = await q<{ u: string | null; v: unknown }>(
        sql`select coalesce(a.agent_id, c.owner_id) as u, a.value_num as v from survey_answers a join contacts c on c.id = a.contact_id
          where a.workspace_id = ${ws} and c.deleted_at is null and a.type = ${type} and a.value_num is not null and a.answered_at >= ${from} and a.answered_at < ${to}`,
      );
      const by = new Map<string, number[]>();
      for (const x of rows) if (x.u) by.set(x.u, [...(by.get(x.u) ?? []), num(x.v)]);
      expect[type] = new Map([...by].map(([u, v]) => [u, type === 'csat' ? csatSummary(v).mean : npsSummary(v).nps]));
    }
    // Ticket times in working minutes of the care calendar, and SLA targets met.
    const care = await loadCare(t.core.db, ws, clock);
    const tickets = await q<Record<string, any>>(sql`select * from tickets where workspace_id = ${ws} and deleted_at is null`);
    const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
    const inNov = (v: unknown) => v !== null && iso(v)! >= from && iso(v)! < to;
    const fr = new Map<string, number[]>();
    const rs = new Map<string, number[]>();
    const sla = new Map<string, [number, number]>();
    for (const x of tickets) {
      if (!x.assignee_id) continue;
      if (inNov(x.first_responded_at))
        fr.set(x.assignee_id, [...(fr.get(x.assignee_id) ?? []), businessMinutesBetween(care.calendar, iso(x.created_at)!, iso(x.first_responded_at)!)]);
      if (!inNov(x.resolved_at)) continue;
      rs.set(x.assignee_id, [...(rs.get(x.assignee_id) ?? []), businessMinutesBetween(care.calendar, iso(x.created_at)!, iso(x.resolved_at)!)]);
      const st = slaState(
        care.calendar,
        {
          createdAt: iso(x.created_at)!,
          firstResponseDueAt: iso(x.first_response_due_at),
          resolutionDueAt: iso(x.resolution_due_at),
          firstRespondedAt: iso(x.first_responded_at),
          resolvedAt: iso(x.resolved_at),
          pauses: pausesOf(x as { sla_pauses: unknown }),
        },
        clock,
      );
      const [k, n] = sla.get(x.assignee_id) ?? [0, 0];
      const met = [st.firstResponse, st.resolution].filter((s) => s && s.met !== null);
      sla.set(x.assignee_id, [k + met.filter((s) => s!.met).length, n + met.length]);
    }
    expect.first_response_minutes = new Map([...fr].map(([u, v]) => [u, median(v)]));
    expect.resolution_minutes = new Map([...rs].map(([u, v]) => [u, median(v)]));
    expect.sla_attainment = new Map([...sla].map(([u, [k, n]]) => [u, n ? k / n : null]));

    const defs = (await api(owner).get('/api/v1/kpis')).body.filter((d: { builtin: boolean }) => d.builtin);
    assert.deepEqual(defs.map((d: { key: string }) => d.key).sort(), Object.keys(expect).sort(), 'every built-in KPI is checked');
    let nonEmpty = 0;
    for (const d of defs) {
      for (const u of members) {
        const want = expect[d.key]!.get(u) ?? (d.aggregate === 'sum' ? 0 : null);
        const have = got.get(`${d.key}/${u}`);
        if (want === null) assert.equal(have, null, `${d.key} of ${u}`);
        else {
          assert.ok(have !== null && have !== undefined && Math.abs(have - want) < 1e-9, `${d.key} of ${u}: ${have} ≠ ${want}`);
          if (want !== 0) nonEmpty++;
        }
      }
      assert.ok(
        [...expect[d.key]!.values()].some((v) => v !== null && v !== 0),
        `${d.key}: the demo data gives it something to count`,
      );
    }
    assert.ok(nonEmpty >= 25, `figures that are not zero: ${nonEmpty}`);
    // The team's figure is its members' together.
    const teams = await api(owner).get(`/api/v1/kpis/report?period=2026-11&by=team&teamId=${team}&kpi=tickets_resolved,first_response_minutes`);
    assert.equal(teams.status, 200);
    const teamResolved = teams.body.rows.find((x: { kpi: string }) => x.kpi === 'tickets_resolved').value;
    assert.equal(teamResolved, num(expect.tickets_resolved!.get(agent.userId)) + num(expect.tickets_resolved!.get(agent2.userId)));
    assert.equal(
      teams.body.rows.find((x: { kpi: string }) => x.kpi === 'first_response_minutes').value,
      median([...(fr.get(agent.userId) ?? []), ...(fr.get(agent2.userId) ?? [])]),
    );
  });

  test('a scorecard of one person or one team, worked out for them alone, equals their row of everyone’s', async () => {
    const all = (await api(owner).get('/api/v1/kpis/report?period=2026-11&by=user')).body;
    const value = (rows: { userId?: string; kpi: string; value: number | null }[], u: string, k: string) =>
      rows.find((r) => r.userId === u && r.kpi === k)?.value;
    for (const u of [agent, agent2, manager]) {
      const one = (await api(owner).get(`/api/v1/kpis/report?period=2026-11&by=user&userId=${u.userId}`)).body;
      const own = (await api(u).get('/api/v1/kpis/report?period=2026-11&by=user')).body;
      assert.deepEqual(
        one.subjects.map((x: { id: string }) => x.id),
        [u.userId],
      );
      for (const r of all.rows.filter((x: { userId: string }) => x.userId === u.userId)) {
        assert.deepEqual(value(one.rows, u.userId, r.kpi), r.value, `${r.kpi} of ${u.role}`);
        if (u.role === 'agent') assert.deepEqual(value(own.rows, u.userId, r.kpi), r.value, `${r.kpi}, as the agent sees it`);
      }
    }
    const teamAll = (await api(owner).get('/api/v1/kpis/report?period=2026-11&by=team')).body;
    const teamOne = (await api(manager).get(`/api/v1/kpis/report?period=2026-11&by=team&teamId=${team}`)).body;
    for (const r of teamAll.rows.filter((x: { teamId: string }) => x.teamId === team))
      assert.deepEqual(teamOne.rows.find((x: { kpi: string }) => x.kpi === r.kpi)?.value, r.value, `the team's ${r.kpi}`);
  });

  test('period boundaries are the local midnights of the workspace’s zone', async () => {
    const c = contacts[20]!;
    await sql`update contacts set owner_id = ${agent2.userId} where id = ${c}`.execute(t.core.db);
    const base = async (p: string) =>
      (await api(owner).get(`/api/v1/kpis/report?period=${p}&by=user&userId=${agent2.userId}&kpi=revenue`)).body.rows[0].value as number;
    const [oct0, nov0, dec0] = [await base('2026-10'), await base('2026-11'), await base('2026-12')];
    const order = async (orderedAt: string, total: number) => {
      const p = await api(owner).post('/api/v1/products', { sku: `KPI-${total}`, name: `Mốc ${total}`, price: total, currency: 'VND' });
      assert.equal(p.status, 201, JSON.stringify(p.body));
      const o = await api(owner).post('/api/v1/orders', { contactId: c, orderedAt, status: 'paid', lines: [{ productId: p.body.id, quantity: 1 }] });
      assert.equal(o.status, 201, JSON.stringify(o.body));
    };
    await order('2026-10-31T16:59:59.999Z', 1_000); // 23:59:59.999 on 31 October in Hồ Chí Minh City
    await order('2026-10-31T17:00:00.000Z', 20_000); // 00:00 on 1 November
    await order('2026-11-30T17:00:00.000Z', 300_000); // 00:00 on 1 December
    assert.equal(await base('2026-10'), oct0 + 1_000);
    assert.equal(await base('2026-11'), nov0 + 20_000);
    assert.equal(await base('2026-12'), dec0 + 300_000);
    assert.equal(await base('2026-Q4'), oct0 + nov0 + dec0 + 321_000, 'the quarter is its months');
  });

  test('targets: set, pace and forecast, a team target split among members; refused values name the field', async () => {
    at('2026-12-16T05:00:00Z'); // 16 December, 12:00 local: halfway through December (15.5 of 31 days)
    const put = await api(manager).put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2026-12', userId: agent2.userId, target: 1_000_000 });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.target, 1_000_000);
    const again = await api(manager).put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2026-12', userId: agent2.userId, target: 600_000 });
    assert.equal(again.body.id, put.body.id, 'one target per KPI, person and period');
    assert.equal(again.body.version, 2);
    const rep = await api(agent2).get('/api/v1/kpis/report?period=2026-12&by=user&kpi=revenue');
    assert.equal(rep.status, 200);
    assert.deepEqual(
      rep.body.rows.map((x: { userId: string }) => x.userId),
      [agent2.userId],
      'an agent sees their own figures only',
    );
    const row = rep.body.rows[0];
    assert.equal(row.target, 600_000);
    assert.ok(Math.abs(rep.body.period.elapsed - 15.5 / 31) < 1e-9);
    assert.ok(Math.abs(row.pace - 600_000 * (15.5 / 31)) < 1e-6);
    assert.ok(Math.abs(row.forecast - row.value / (15.5 / 31)) < 1e-6);
    assert.equal(row.onPace, row.value >= row.pace);

    for (const [body, pointer] of [
      [{ kpi: 'revenue', period: '2026-13', userId: agent.userId, target: 1 }, '/period'],
      [{ kpi: 'no_such', period: '2026-12', userId: agent.userId, target: 1 }, '/kpi'],
      [{ kpi: 'sla_attainment', period: '2026-12', userId: agent.userId, target: 80 }, '/target'],
      [{ kpi: 'revenue', period: '2026-12', userId: agent.userId, target: 10.5 }, '/target'],
      [{ kpi: 'revenue', period: '2026-12', userId: owner.userId, target: 1 }, '/userId'],
      [{ kpi: 'revenue', period: '2026-12', target: 1 }, '/userId'],
    ] as const) {
      const r = await api(manager).put('/api/v1/kpi-targets', body);
      assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.status}`);
      assert.equal(r.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(r.body.errors[0].pointer, pointer, JSON.stringify(r.body));
    }
    assert.equal((await api(agent).put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2026-12', userId: agent.userId, target: 1 })).status, 403);

    // A team target of 1,000,001 split equally among the team's three members: whole đồng, adding up.
    assert.equal((await api(manager).put('/api/v1/kpi-targets', { kpi: 'tickets_resolved', period: '2026-12', teamId: team, target: 1_000_001 })).status, 200);
    const split = await api(manager).post('/api/v1/kpi-targets/split', { kpi: 'tickets_resolved', period: '2026-12', teamId: team });
    assert.equal(split.status, 200, JSON.stringify(split.body));
    const parts = split.body.data.map((x: { target: number }) => x.target);
    assert.equal(parts.length, 3);
    assert.equal(
      parts.reduce((a: number, b: number) => a + b, 0),
      1_000_001,
    );
    assert.ok(parts.every((p: number) => Number.isInteger(p) && (p === 333_333 || p === 333_334)));
    // By last period's figures: November's tickets resolved (agent 3, agent2 2, manager 0 → shares 3:2:0).
    const byLast = await api(manager).post('/api/v1/kpi-targets/split', { kpi: 'tickets_resolved', period: '2026-12', teamId: team, method: 'last_period' });
    const share = new Map(byLast.body.data.map((x: { userId: string; target: number }) => [x.userId, x.target]));
    assert.equal(share.get(agent.userId), 600_001);
    assert.equal(share.get(agent2.userId), 400_000);
    assert.equal(share.get(manager.userId), 0);
    const rates = await api(manager).post('/api/v1/kpi-targets/split', { kpi: 'sla_attainment', period: '2026-12', teamId: team });
    assert.equal(rates.status, 422, 'a rate does not split');
  });

  test('closing a period freezes its figures: later edits change nothing until an explicit recount, which is audited', async () => {
    at('2026-12-05T03:00:00Z');
    assert.equal((await api(manager).post('/api/v1/kpi-periods/2026-10/close')).status, 403);
    assert.equal((await api(owner).post('/api/v1/kpi-periods/2026-12/close')).body.errors[0].pointer, '/period', 'an open month does not close');
    // Fifty closes at once: one wins.
    const all = await Promise.all(Array.from({ length: 50 }, () => api(owner).post('/api/v1/kpi-periods/2026-10/close')));
    assert.deepEqual(all.map((r) => r.status).sort(), [200, ...Array(49).fill(409)]);
    // The losers are refused before computing anything while the winner works (record_busy), or by its claim (period_closed).
    for (const r of all.filter((x) => x.status === 409)) assert.ok(['record_busy', 'period_closed'].includes(r.body.reason), r.body.reason);
    assert.equal((await api(owner).post('/api/v1/kpi-periods/2026-10/close')).body.reason, 'period_closed');
    const before = (await api(owner).get(`/api/v1/kpis/report?period=2026-10&by=user&userId=${agent2.userId}&kpi=revenue`)).body;
    assert.equal(before.period.closed, true);
    // A late order in October for agent2's customer.
    const p = await api(owner).post('/api/v1/products', { sku: 'KPI-LATE', name: 'Đơn muộn', price: 77_000, currency: 'VND' });
    assert.equal(
      (
        await api(owner).post('/api/v1/orders', {
          contactId: contacts[20]!,
          orderedAt: '2026-10-15T03:00:00Z',
          status: 'paid',
          lines: [{ productId: p.body.id, quantity: 1 }],
        })
      ).status,
      201,
    );
    const frozen = (await api(owner).get(`/api/v1/kpis/report?period=2026-10&by=user&userId=${agent2.userId}&kpi=revenue`)).body;
    assert.equal(frozen.rows[0].value, before.rows[0].value, 'a closed period does not move');
    assert.equal((await api(manager).put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2026-10', userId: agent.userId, target: 5 })).status, 409);
    const rc = await api(owner).post('/api/v1/kpi-periods/2026-10/recount');
    assert.equal(rc.status, 200, JSON.stringify(rc.body));
    assert.equal(rc.body.period.recounts, 1);
    assert.ok(rc.body.changed >= 2, 'agent2, and the team and the revenue of orders taken, changed');
    const after = (await api(owner).get(`/api/v1/kpis/report?period=2026-10&by=user&userId=${agent2.userId}&kpi=revenue`)).body;
    assert.equal(after.rows[0].value, before.rows[0].value + 77_000);
    const audit = (await api(owner).get('/api/v1/audit?entityType=kpi_period')).body.data;
    assert.deepEqual(
      audit.map((a: { action: string }) => a.action),
      ['period.recount', 'period.close'],
    );
    assert.ok(audit[0].after.changes.some((c: { kpi: string; id: string; after: number }) => c.kpi === 'revenue' && c.id === agent2.userId));
    assert.equal((await api(owner).post('/api/v1/kpi-periods/2026-09/recount')).status, 409, 'an open period is not recounted');
  });

  test('scope: a manager sees their team, an agent themselves; a member outside is a 404; another workspace is invisible', async () => {
    const m = await api(manager).get('/api/v1/kpis/report?period=2026-11&by=user&kpi=tickets_resolved');
    assert.deepEqual(new Set(m.body.subjects.map((s: { id: string }) => s.id)), new Set([manager.userId, agent.userId, agent2.userId]));
    assert.equal((await api(agent).get(`/api/v1/kpis/report?period=2026-11&by=user&userId=${agent2.userId}`)).status, 404);
    assert.equal((await api(agent).get(`/api/v1/kpis/report?period=2026-11&by=team&teamId=${team}`)).status, 404);
    assert.equal((await api(manager).get(`/api/v1/kpis/report?period=2026-11&by=user&userId=${owner.userId}`)).status, 404);
    const other = await makeWorkspace(t.core);
    assert.equal((await api(other.owner).get(`/api/v1/kpis/report?period=2026-11&by=user&userId=${agent.userId}`)).status, 404);
    assert.equal((await api(other.owner).get(`/api/v1/kpis/history?period=2026-11&teamId=${team}`)).status, 404);
    const put = await api(other.owner).put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2026-12', userId: agent.userId, target: 1 });
    assert.equal(put.status, 422);
    assert.equal(put.body.errors[0].pointer, '/userId');
    const targets = await api(other.owner).get('/api/v1/kpi-targets?period=2026-12');
    assert.deepEqual(targets.body.data, []);
    const h = await api(agent).get(`/api/v1/kpis/history?period=2026-11&userId=${agent.userId}&count=3&kpi=tickets_resolved`);
    assert.equal(h.status, 200);
    assert.deepEqual(
      h.body.periods.map((p: { period: string }) => p.period),
      ['2026-09', '2026-10', '2026-11'],
    );
    assert.equal(h.body.periods[2].rows[0].value, 3);
  });

  test('a workspace KPI narrows a built-in or counts a saved segment; the weights make the score', async () => {
    const bad = await api(owner).post('/api/v1/kpis', {
      key: 'zalo_calls',
      name: 'Gọi Zalo',
      base: 'narrowed',
      of: 'tickets_resolved',
      filter: { interactionKind: 'call' },
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].pointer, '/filter/interactionKind');
    const calls = await api(owner).post('/api/v1/kpis', {
      key: 'calls',
      name: 'Cuộc gọi',
      base: 'narrowed',
      of: 'interactions_logged',
      filter: { interactionKind: 'call' },
      weight: 2,
    });
    assert.equal(calls.status, 201, JSON.stringify(calls.body));
    assert.equal((await api(manager).post('/api/v1/kpis', { key: 'x1', name: 'X', base: 'narrowed', of: 'revenue', filter: { channel: 'zalo' } })).status, 403);
    const rep = await api(owner).get('/api/v1/kpis/report?period=2026-11&by=user&kpi=calls');
    const want = await q<{ u: string; n: unknown }>(
      sql`select author_id as u, count(*) as n from interactions where workspace_id = ${ws} and deleted_at is null and kind = 'call' and occurred_at >= ${NOV.from} and occurred_at < ${NOV.to} group by author_id`,
    );
    assert.ok(want.length > 0);
    for (const w of want) assert.equal(rep.body.rows.find((x: { userId: string }) => x.userId === w.u)?.value, num(w.n));
    // Weights: a person at 100% of one target and 50% of another, weighted 3:1 → 87.5.
    at('2026-12-05T03:00:00Z');
    await api(owner).patch('/api/v1/kpis/tickets_resolved', { weight: 3 });
    await api(owner).patch('/api/v1/kpis/calls', { weight: 1 });
    const calls11 = rep.body.rows.find((x: { userId: string }) => x.userId === agent.userId)?.value ?? 0;
    await api(owner).put('/api/v1/kpi-targets', { kpi: 'tickets_resolved', period: '2026-11', userId: agent.userId, target: 3 });
    await api(owner).put('/api/v1/kpi-targets', { kpi: 'calls', period: '2026-11', userId: agent.userId, target: Math.max(1, calls11 * 2) });
    const sc = await api(owner).get(`/api/v1/kpis/report?period=2026-11&by=user&userId=${agent.userId}&kpi=tickets_resolved,calls`);
    const expected = calls11 === 0 ? 75 : 87.5;
    assert.ok(Math.abs(sc.body.scores[0].score - expected) < 1e-9, `score ${sc.body.scores[0].score}`);
  });

  test('the report as CSV: the caller’s scope only, and a hostile KPI name cannot run in a spreadsheet', async () => {
    const made = await api(owner).post('/api/v1/kpis', {
      key: 'hostile',
      name: '=HYPERLINK("http://x.example","bấm")',
      base: 'narrowed',
      of: 'revenue',
      filter: { channel: 'zalo' },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const mine = await api(agent).get('/api/v1/kpis/report.csv?period=2026-11&kpi=hostile,tickets_resolved&lang=en');
    assert.equal(mine.status, 200);
    assert.match(String(mine.headers['content-type']), /^text\/csv/);
    const lines = String(mine.raw.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.equal(lines[0], 'period,member,id,kpi,kpi name,value,n,target,attainment,pace,forecast,on pace,score');
    assert.equal(lines.length, 3, 'an agent’s file holds their own two rows');
    assert.ok(lines.slice(1).every((l) => l.includes(agent.userId)));
    const hostile = lines.find((l) => l.includes(',hostile,'))!;
    assert.ok(hostile.includes(`"'=HYPERLINK(""http://x.example"",""bấm"")"`), hostile);
    assert.equal((await api(agent).get('/api/v1/kpis/report.csv?period=2026-13')).status, 422);
  });

  test('the home page: an agent’s queue and tasks, a manager’s team, an owner’s business', async () => {
    at('2026-11-20T03:00:00Z');
    // An open ticket for the agent, and an overdue task.
    const open = await api(owner).post('/api/v1/tickets', { contactId: contacts[1]!, subject: 'Chưa xong', priority: 'urgent', assigneeId: agent.userId });
    assert.equal(open.status, 201);
    assert.equal((await api(agent).post('/api/v1/tasks', { title: 'Quá hạn', dueAt: '2026-11-19T03:00:00Z', contactId: contacts[1]! })).status, 201);
    const a = await api(agent).get('/api/v1/home');
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body.view, 'agent');
    assert.equal(a.body.period, '2026-11');
    assert.ok(a.body.queue.tickets.some((x: { id: string }) => x.id === open.body.id));
    assert.ok(
      a.body.queue.tickets.every((x: { assigneeId: string }) => x.assigneeId === agent.userId),
      'my queue is mine',
    );
    assert.ok(a.body.tasks.overdue >= 1);
    assert.equal(a.body.team, null);
    assert.equal(a.body.business, null, 'an agent does not see the business figures');

    const m = await api(manager).get('/api/v1/home');
    assert.equal(m.body.view, 'manager');
    assert.deepEqual(new Set(m.body.team.tasks.map((x: { userId: string }) => x.userId)), new Set([manager.userId, agent.userId, agent2.userId]));
    assert.ok(m.body.team.needsHelp.some((x: { userId: string; reasons: string[] }) => x.userId === agent.userId && x.reasons.includes('tasks_overdue')));
    assert.equal(m.body.team.npsTrend.length, 6);
    assert.equal(m.body.team.npsTrend.at(-1).month, '2026-11');
    assert.equal(m.body.business, null);

    const o = await api(owner).get('/api/v1/home');
    assert.equal(o.body.view, 'owner');
    const cur = (await q<{ currency: string }>(sql`select currency from workspaces where id = ${ws}`))[0]!.currency;
    const revenue = await q<{ v: unknown }>(
      sql`select sum(o.total) as v from orders o join contacts c on c.id = o.contact_id where o.workspace_id = ${ws} and o.deleted_at is null and c.deleted_at is null
        and o.status in ('paid','delivered') and o.currency = ${cur} and o.ordered_at >= ${NOV.from} and o.ordered_at < ${clock.toISOString()}`,
    );
    assert.equal(o.body.business.revenue, num(revenue[0]!.v));
    assert.ok(o.body.business.revenue > 0);
    const nps = await q<{ v: unknown }>(
      sql`select value_num as v from survey_answers where workspace_id = ${ws} and type = 'nps' and answered_at >= ${NOV.from} and answered_at < ${NOV.to}`,
    );
    assert.equal(o.body.business.nps.n, nps.length);
    assert.equal(o.body.business.nps.value, npsSummary(nps.map((x) => num(x.v))).nps);
  });
});
