import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { INDICATOR_KEYS, type EvidenceValue, type IndicatorKey } from '@kith/domain/assessment/indicators.ts';
import { suggestedReality } from '@kith/domain/assessment/indicator-catalogue.ts';
import { cesSummary, csatSummary, npsSummary } from '@kith/domain/surveys/survey-stats.ts';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import { timeZoneOf } from '@kith/domain/time/zone.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { deliverEvents, makeMember, makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { refreshScores } from '../analytics/score.service.ts';
import { seedDemo } from '../demo/demo.service.ts';
import { computeEvidence, evenness, LAPSE_DAYS } from './evidence.service.ts';

/**
 * The live evidence against figures computed here, independently, from the raw rows (orders, not the per-customer
 * aggregates; answers, not the dashboard's daily counts), on demo data of a fixed seed with surveys, tickets,
 * imports, duplicates and playbook enrolments added; each indicator's "cannot compute" path; the team and the
 * workspace scopes.
 */

const DAY = 86_400_000;
let t: TestApp;
let clock = new Date('2026-11-30T03:00:00Z');
const at = (iso: string) => (clock = new Date(iso));

before(async () => {
  t = await createTestApp({ now: () => clock });
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
const byKey = (xs: EvidenceValue[]) => Object.fromEntries(xs.map((x) => [x.key, x])) as Record<IndicatorKey, EvidenceValue>;
const close = (a: number | null, b: number, what: string) => {
  assert.notEqual(a, null, `${what}: no value`);
  assert.ok(Math.abs(a! - b) < 1e-9, `${what}: ${a} ≠ ${b}`);
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
};

describe('assessment evidence', () => {
  test('on demo data (seed 5), every indicator equals the figure computed from the raw rows', async () => {
    at('2026-11-30T03:00:00Z');
    const { workspaceId, owner } = await makeWorkspace(t.core);
    await seedDemo(t.core, { customers: 60, seed: 5, workspaceId });
    const db = t.core.db;
    const ws = await db.selectFrom('workspaces').select('timezone').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    const zone = timeZoneOf(ws.timezone);
    const contactIds = (
      await db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).orderBy('id').execute()
    ).map((r) => r.id);
    assert.ok(contactIds.length >= 60);

    // Surveys: NPS, CSAT and CES answered by twelve customers; detractors get follow-up tickets.
    const s = (
      await api(owner).post('/api/v1/surveys', {
        name: 'Sau mua hàng',
        questions: [
          { type: 'nps', text: 'Giới thiệu?' },
          { type: 'csat', text: 'Hài lòng?' },
          { type: 'ces', text: 'Dễ dàng?' },
        ],
      })
    ).body;
    const nps = [10, 9, 9, 8, 7, 6, 3, 10, 9, 0, 10, 8];
    const tokens: string[] = [];
    for (let i = 0; i < 15; i++) {
      at(`2026-${i < 8 ? '10' : '11'}-${String(3 + i).padStart(2, '0')}T03:00:00Z`);
      const inv = await api(owner).post(`/api/v1/surveys/${s.id}/invitations`, { contactId: contactIds[i] });
      assert.equal(inv.status, 201, JSON.stringify(inv.body));
      tokens.push(inv.body.token);
    }
    for (const [i, v] of nps.entries()) {
      at(`2026-${i < 8 ? '10' : '11'}-${String(4 + i).padStart(2, '0')}T03:00:00Z`);
      const r = await client(t.app).post(`/api/v1/public/surveys/${tokens[i]}/responses`, {
        answers: [
          { questionId: s.questions[0].id, value: v },
          { questionId: s.questions[1].id, value: 1 + (i % 5) },
          { questionId: s.questions[2].id, value: 1 + (i % 7) },
        ],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    // One detractor's follow-up ticket answered in two days, another's after ten.
    // (A low CSAT opens one too: the detractors' are those of NPS answers of 0–6.)
    const followUps = await db
      .selectFrom('survey_responses as r')
      .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
      .select(['r.follow_up_ticket_id', 'r.submitted_at'])
      .where('r.workspace_id', '=', workspaceId)
      .where('a.type', '=', 'nps')
      .where('a.value_num', '<=', 6)
      .where('r.follow_up_ticket_id', 'is not', null)
      .orderBy('r.submitted_at')
      .execute();
    assert.equal(followUps.length, 3, 'the detractors opened follow-up tickets');
    for (const [k, days] of [
      [0, 2],
      [1, 10],
    ] as const) {
      at(new Date(Date.parse(followUps[k]!.submitted_at) + days * DAY).toISOString());
      const r = await api(owner).post(`/api/v1/tickets/${followUps[k]!.follow_up_ticket_id}/messages`, {
        kind: 'reply',
        body: 'Xin lỗi anh/chị, chúng tôi xử lý ngay.',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    // Complaints: three, two resolved (after 5 and 30 hours).
    const agent = await makeMember(t.core, workspaceId, 'admin');
    for (const [i, hours] of [
      [20, 5],
      [21, 30],
      [22, null],
    ] as const) {
      at(`2026-11-0${i - 19}T01:00:00Z`);
      const tk = await api(agent).post('/api/v1/tickets', {
        contactId: contactIds[i],
        subject: 'Giao hàng trễ',
        priority: 'normal',
        category: 'complaint',
        assigneeId: agent.userId,
      });
      assert.equal(tk.status, 201, JSON.stringify(tk.body));
      if (hours === null) continue;
      at(new Date(Date.parse(clock.toISOString()) + hours * 3_600_000).toISOString());
      const done = await api(agent).patch(
        `/api/v1/tickets/${tk.body.id}`,
        { status: 'resolved', resolution: 'Giao lại', rootCause: 'Kho' },
        { 'if-match': '"1"' },
      );
      assert.equal(done.status, 200, JSON.stringify(done.body));
    }
    at('2026-11-30T03:00:00Z');
    // A segment a playbook targets, and a few new customers enrolled in it.
    const seg = await api(owner).post('/api/v1/segments', {
      name: 'Khách mới',
      shared: true,
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'mới' }] }] },
    });
    assert.equal(seg.status, 201, JSON.stringify(seg.body));
    await api(owner).post('/api/v1/segments', {
      name: 'Không dùng',
      shared: true,
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'x' }] }] },
    });
    const pb = await api(owner).post('/api/v1/playbooks', {
      name: 'Chào khách mới',
      audience: { kind: 'segment', segmentId: seg.body.id },
      steps: [{ delayDays: 0, action: 'task', title: 'Gọi' }],
    });
    assert.equal(pb.status, 201, JSON.stringify(pb.body));
    const now = clock.toISOString();
    for (const c of contactIds.slice(0, 40).filter((_, i) => i % 3 === 0))
      await db
        .insertInto('playbook_runs')
        .values({
          id: uuidv7(),
          workspace_id: workspaceId,
          playbook_id: pb.body.id,
          contact_id: c,
          status: 'running',
          started_at: now,
          finished_at: null,
          stopped_by: null,
          enrolled_by: owner.userId,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    // Duplicates waiting, one reviewed; imports with refused rows; consents on a few records.
    for (const [a, b, status] of [
      [0, 1, 'open'],
      [2, 3, 'open'],
      [4, 5, 'dismissed'],
    ] as const)
      await db
        .insertInto('duplicate_candidates')
        .values({
          id: uuidv7(),
          workspace_id: workspaceId,
          a_id: contactIds[a]!,
          b_id: contactIds[b]!,
          score: 0.9,
          reasons: '[]',
          status,
          detected_at: now,
          resolved_at: null,
          resolved_by: null,
        })
        .execute();
    for (const [rows, failed, created, status] of [
      [100, 7, '2026-06-01T00:00:00.000Z', 'done'],
      [40, 1, '2026-09-01T00:00:00.000Z', 'done'],
      [999, 999, '2024-01-01T00:00:00.000Z', 'done'],
    ] as const)
      await db
        .insertInto('imports')
        .values({
          id: uuidv7(),
          workspace_id: workspaceId,
          kind: 'contacts',
          status,
          file_name: 'a.csv',
          file_sha256: 'x',
          file_size: 1,
          format: 'csv',
          encoding: null,
          delimiter: null,
          headers: '[]',
          mapping: null,
          options: null,
          row_count: rows,
          rows_done: rows,
          created: rows - failed,
          updated: 0,
          skipped: 0,
          failed,
          message: null,
          created_by: owner.userId,
          created_at: created,
          heartbeat_at: created,
          runner: null,
          started_at: created,
          finished_at: created,
          undone_at: null,
          undone_by: null,
        })
        .execute();
    await db
      .updateTable('contacts')
      .set({ consents: JSON.stringify({ email: { status: 'granted', source: 'form', at: now } }) })
      .where('id', 'in', contactIds.slice(0, 7))
      .execute();
    // One open deal moved to another stage (its audit entry says so).
    const open = await db
      .selectFrom('deals')
      .select(['id', 'stage_id', 'pipeline_id', 'version'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const other = await db
      .selectFrom('pipeline_stages')
      .select('id')
      .where('pipeline_id', '=', open.pipeline_id)
      .where('kind', '=', 'open')
      .where('id', '<>', open.stage_id)
      .executeTakeFirstOrThrow();
    at('2026-11-30T10:00:00Z');
    const moved = await api(owner).patch(`/api/v1/deals/${open.id}`, { stageId: other.id }, { 'if-match': `"${open.version}"` });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    // Five records untouched since mid-2025.
    await db.updateTable('contacts').set({ updated_at: '2025-06-01T00:00:00.000Z' }).where('id', 'in', contactIds.slice(50, 55)).execute();
    at('2026-11-30T03:00:00Z');
    await deliverEvents(t.core);
    // People and measurement: targets for two members (one monthly, one for a quarter) on two KPIs, one before the
    // period (does not count), and a plan for one of the two saved segments.
    const people = (await db.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).execute()).map((m) => m.user_id);
    for (const [userId, kpi, period] of [
      [people[0]!, 'revenue', '2026-10'],
      [people[1]!, 'tickets_resolved', '2026-Q3'],
      [people[2]!, 'csat', '2025-11'],
    ] as const)
      assert.equal((await api(owner).put('/api/v1/kpi-targets', { kpi, period, userId, target: kpi === 'csat' ? 4.5 : 10 })).status, 200);
    assert.equal(
      (await api(owner).put('/api/v1/segment-plans', { segmentId: seg.body.id, period: '2026-11', measure: 'acquisition', target: 20 })).status,
      200,
    );
    const kpiCount = (await api(owner).get('/api/v1/kpis')).body.length;

    const from = '2025-12-01';
    const to = '2026-11-30';
    const fromDay = Date.parse(`${from}T00:00:00Z`) / DAY;
    const toDay = Date.parse(`${to}T00:00:00Z`) / DAY;
    const start = new Date(zone.wallToUtc(fromDay * DAY)).toISOString();
    const end = new Date(zone.wallToUtc((toDay + 1) * DAY)).toISOString();
    const inPeriod = (iso: string | null) => iso !== null && Date.parse(iso) >= Date.parse(start) && Date.parse(iso) < Date.parse(end);
    const got = byKey(await computeEvidence(t.core, workspaceId, { from, to }));
    assert.deepEqual(
      (await computeEvidence(t.core, workspaceId, { from, to })).map((e) => e.key),
      [...INDICATOR_KEYS],
      'one value per key, in order',
    );
    for (const e of Object.values(got)) {
      assert.equal(e.from, from);
      assert.equal(e.to, to);
      assert.ok(e.link.startsWith('/'), e.key);
      if (e.value === null) assert.ok(e.reason, `${e.key}: no value and no reason`);
      else {
        assert.equal(e.reason, null, e.key);
        assert.equal(e.suggestedReality, suggestedReality(e.key, e.value), e.key);
      }
    }

    // Purchases, from the orders: each customer's local purchase days.
    const orders = await db
      .selectFrom('orders')
      .select(['id', 'contact_id', 'ordered_at'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .where('status', 'in', PURCHASE_STATUSES)
      .execute();
    const days = new Map<string, Set<number>>();
    for (const o of orders) {
      let d = days.get(o.contact_id);
      if (!d) days.set(o.contact_id, (d = new Set()));
      d.add(zone.localDay(Date.parse(o.ordered_at)));
    }
    const buyers = days.size;
    assert.ok(buyers > 10, 'the demo has buyers');
    close(got.repeat_purchase_rate.value, [...days.values()].filter((d) => d.size >= 2).length / buyers, 'repeat_purchase_rate');
    assert.equal(got.repeat_purchase_rate.n, buyers);
    const firsts = new Map([...days].map(([c, d]) => [c, Math.min(...d)]));
    const newOnes = [...firsts].filter(([, f]) => f >= fromDay && f <= toDay).map(([c]) => c);
    close(got.new_customers_per_month.value, newOnes.length / ((toDay - fromDay + 1) / (365.25 / 12)), 'new_customers_per_month');
    const trend = got.new_customers_per_month.trend!;
    assert.equal(trend.length, 12);
    assert.equal(trend[0]!.month, '2025-12');
    assert.equal(trend[11]!.month, '2026-11');
    for (const m of trend)
      assert.equal(m.value, newOnes.filter((c) => new Date(firsts.get(c)! * DAY).toISOString().startsWith(m.month)).length, `new customers in ${m.month}`);
    const lapseDay = fromDay - LAPSE_DAYS;
    const lapsed = [...days].filter(([, d]) => Math.min(...d) < lapseDay && ![...d].some((x) => x >= lapseDay && x < fromDay));
    const back = lapsed.filter(([, d]) => [...d].some((x) => x >= fromDay && x <= toDay));
    assert.ok(lapsed.length > 0 && back.length > 0, 'the demo has lapsed customers, some back');
    close(got.win_back_rate.value, back.length / lapsed.length, 'win_back_rate');
    assert.equal(got.win_back_rate.n, lapsed.length);
    // Enrolled new customers.
    const runs = new Set(
      (await db.selectFrom('playbook_runs').select('contact_id').where('workspace_id', '=', workspaceId).execute()).map((r) => r.contact_id),
    );
    assert.ok(newOnes.length > 0);
    close(got.playbook_coverage_new.value, newOnes.filter((c) => runs.has(c)).length / newOnes.length, 'playbook_coverage_new');

    // Categories of the period's order lines.
    const lines = await db
      .selectFrom('order_lines as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .leftJoin('products as p', 'p.id', 'l.product_id')
      .select(['o.contact_id', 'o.ordered_at', 'p.category_id'])
      .where('o.workspace_id', '=', workspaceId)
      .where('o.deleted_at', 'is', null)
      .where('o.status', 'in', PURCHASE_STATUSES)
      .execute();
    const cats = new Map<string, Set<string>>();
    for (const l of lines) {
      if (!inPeriod(l.ordered_at)) continue;
      let c = cats.get(l.contact_id);
      if (!c) cats.set(l.contact_id, (c = new Set()));
      if (l.category_id) c.add(l.category_id);
    }
    assert.ok(cats.size > 0, 'the demo has order lines in the period');
    close(got.categories_per_customer.value, [...cats.values()].reduce((a, c) => a + c.size, 0) / cats.size, 'categories_per_customer');
    close(got.cross_sell_rate.value, [...cats.values()].filter((c) => c.size >= 2).length / cats.size, 'cross_sell_rate');

    // Scores: the current generation.
    const run = await db.selectFrom('score_runs').select(['generation', 'finished_at']).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
    const scores = await db
      .selectFrom('customer_scores')
      .select(['p_alive'])
      .where('workspace_id', '=', workspaceId)
      .where('generation', '=', run.generation)
      .execute();
    close(got.scored_share_30d.value, Math.min(1, scores.length / buyers), 'scored_share_30d');
    const alive = scores.filter((x) => x.p_alive !== null);
    assert.ok(alive.length > 0, 'the demo has P(alive)');
    close(got.churn_share.value, alive.filter((x) => Number(x.p_alive) < 0.5).length / alive.length, 'churn_share');

    // Contacts.
    const contacts = await db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).execute();
    const filled = (c: (typeof contacts)[number]) =>
      (readJson<unknown[]>(c.phones, []).length + readJson<unknown[]>(c.emails, []).length > 0 ? 1 : 0) +
      (c.province ? 1 : 0) +
      (c.gender ? 1 : 0) +
      (c.birthday ? 1 : 0) +
      (c.source ? 1 : 0);
    close(got.owner_coverage.value, contacts.filter((c) => c.owner_id).length / contacts.length, 'owner_coverage');
    close(got.field_completeness.value, contacts.reduce((a, c) => a + filled(c), 0) / (5 * contacts.length), 'field_completeness');
    close(
      got.consent_coverage.value,
      contacts.filter((c) => Object.keys(readJson<object>(c.consents, {})).length > 0).length / contacts.length,
      'consent_coverage',
    );
    close(got.stale_records.value, contacts.filter((c) => Date.parse(c.updated_at) < Date.parse(end) - 365 * DAY).length / contacts.length, 'stale_records');
    close(got.duplicates_waiting.value, (1000 * 2) / contacts.length, 'duplicates_waiting');
    close(got.import_error_rate.value, 8 / 140, 'import_error_rate');

    // Tickets.
    const tickets = await db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).execute();
    const complaints = tickets.filter((x) => x.category === 'complaint' && inPeriod(x.resolved_at));
    assert.equal(complaints.length, 2);
    close(got.complaint_resolution_time.value, median([5, 30]), 'complaint_resolution_time');
    let met = 0;
    let decided = 0;
    const nowIso = clock.toISOString();
    for (const x of tickets.filter((x) => inPeriod(x.created_at))) {
      for (const [due, done] of [
        [x.first_response_due_at, x.first_responded_at],
        [x.effective_resolution_due_at ?? x.resolution_due_at, x.resolved_at],
      ] as const) {
        if (!due) continue;
        if (done && Date.parse(done) <= Date.parse(due)) met++, decided++;
        else if (done || Date.parse(due) < Date.parse(nowIso)) decided++;
      }
    }
    assert.ok(decided > 0);
    close(got.sla_attainment.value, met / decided, 'sla_attainment');
    assert.equal(got.sla_attainment.n, decided);
    const members = await db.selectFrom('memberships').select(['user_id', 'role']).where('workspace_id', '=', workspaceId).execute();
    const agents = members.filter((m) => m.role !== 'viewer').map((m) => m.user_id);
    const openTickets = tickets.filter(
      (x) => ['new', 'open', 'waiting_on_customer', 'reopened'].includes(x.status) && x.assignee_id && agents.includes(x.assignee_id),
    );
    const perAgent = agents.map((a) => openTickets.filter((x) => x.assignee_id === a).length);
    close(got.workload_balance.value, evenness(perAgent)!, 'workload_balance');
    // Gini by its definition: Σ|xi − xj| / (2 n² mean).
    const mean = perAgent.reduce((a, b) => a + b, 0) / perAgent.length;
    let diffs = 0;
    for (const a of perAgent) for (const b of perAgent) diffs += Math.abs(a - b);
    close(got.workload_balance.value, 1 - diffs / (2 * perAgent.length ** 2 * mean), 'workload_balance (Gini)');

    // Deals.
    const deals = await db.selectFrom('deals').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).execute();
    const closed = deals.filter((d) => ['won', 'lost'].includes(d.status) && inPeriod(d.closed_at));
    assert.ok(closed.length > 0, 'the demo has closed deals');
    close(got.stage_conversion.value, closed.filter((d) => d.status === 'won').length / closed.length, 'stage_conversion');
    const openDeals = deals.filter((d) => d.status === 'open');
    const audits = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'created_at', 'meta'])
      .where('workspace_id', '=', workspaceId)
      .where('entity_type', '=', 'deal')
      .where('action', '=', 'update')
      .execute();
    const since = openDeals.map((d) => {
      const moves = audits
        .filter((a) => a.entity_id === d.id && readJson<{ toStage?: string }>(a.meta, {}).toStage !== undefined)
        .map((a) => Date.parse(a.created_at));
      return (Date.parse(end) - Math.max(Date.parse(d.created_at), ...moves)) / DAY;
    });
    assert.ok(since.length > 0, 'the demo has open deals');
    close(got.time_in_stage.value, median(since), 'time_in_stage');
    assert.ok(open);
    assert.ok(
      since.some((d) => Math.abs(d - (Date.parse(end) - Date.parse('2026-11-30T10:00:00Z')) / DAY) < 1e-9),
      'the moved deal counts from its move',
    );

    // Segments and surveys.
    assert.equal(got.segments_in_use.value, 1);
    assert.equal(got.segments_in_use.n, 2);
    const invites = await db.selectFrom('survey_invitations').select(['created_at', 'responded_at']).where('workspace_id', '=', workspaceId).execute();
    const sent = invites.filter((i) => inPeriod(i.created_at));
    close(got.survey_response_rate.value, sent.filter((i) => i.responded_at).length / sent.length, 'survey_response_rate');
    const answers = await db
      .selectFrom('survey_answers')
      .select(['type', 'value_num', 'answered_at', 'response_id'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const valuesOf = (type: string, month?: string) =>
      answers
        .filter(
          (a) =>
            a.type === type && inPeriod(a.answered_at) && (!month || new Date(zone.localDay(Date.parse(a.answered_at)) * DAY).toISOString().startsWith(month)),
        )
        .map((a) => Number(a.value_num));
    assert.deepEqual(valuesOf('nps').sort(), [...nps].sort());
    const n = npsSummary(valuesOf('nps'));
    close(got.nps.value, n.nps!, 'nps');
    assert.deepEqual(got.nps.interval, n.interval);
    assert.equal(got.nps.n, 12);
    assert.deepEqual(
      got.nps.trend!.map((m) => [m.month, m.value]),
      trend.map((m) => [m.month, npsSummary(valuesOf('nps', m.month)).nps]),
    );
    close(got.csat.value, csatSummary(valuesOf('csat')).mean!, 'csat');
    assert.deepEqual(got.csat.interval, csatSummary(valuesOf('csat')).meanInterval);
    close(got.ces.value, cesSummary(valuesOf('ces')).mean!, 'ces');
    assert.deepEqual(got.ces.interval, cesSummary(valuesOf('ces')).meanInterval);
    const responses = await db.selectFrom('survey_responses').select(['id', 'follow_up_ticket_id']).where('workspace_id', '=', workspaceId).execute();
    const detractors = answers.filter((a) => a.type === 'nps' && Number(a.value_num) <= 6 && inPeriod(a.answered_at));
    const followed = detractors.filter((a) => {
      const tk = tickets.find((x) => x.id === responses.find((r) => r.id === a.response_id)?.follow_up_ticket_id);
      const by = Date.parse(a.answered_at) + 7 * DAY;
      return tk && [tk.first_responded_at, tk.resolved_at].some((x) => x && Date.parse(x) <= by);
    });
    assert.equal(detractors.length, 3);
    assert.equal(followed.length, 1, 'one answered in two days; one after ten; one not');
    close(got.detractor_follow_up.value, 1 / 3, 'detractor_follow_up');

    // Above the sample size, win-back and categories come from a random sample of the customers (the endings of
    // their ids), with an interval.
    const small = byKey(await computeEvidence(t.core, workspaceId, { from, to, sample: 12 }));
    const buckets = Math.ceil((4096 * 12) / buyers);
    const inSample = (id: string) => id.slice(33, 36) < buckets.toString(16).padStart(3, '0');
    const lapsedS = lapsed.filter(([c]) => inSample(c));
    const backS = back.filter(([c]) => inSample(c));
    assert.ok(lapsedS.length > 0 && lapsedS.length < lapsed.length, `a sample: ${lapsedS.length} of ${lapsed.length}`);
    close(small.win_back_rate.value, backS.length / lapsedS.length, 'sampled win_back_rate');
    assert.equal(small.win_back_rate.n, lapsedS.length);
    assert.ok(small.win_back_rate.interval!.low <= small.win_back_rate.value! && small.win_back_rate.value! <= small.win_back_rate.interval!.high);
    const catsS = [...cats].filter(([c]) => inSample(c)).map(([, x]) => x.size);
    assert.ok(catsS.length > 0 && catsS.length < cats.size);
    close(small.categories_per_customer.value, catsS.reduce((a, b) => a + b, 0) / catsS.length, 'sampled categories_per_customer');
    close(small.cross_sell_rate.value, catsS.filter((x) => x >= 2).length / catsS.length, 'sampled cross_sell_rate');
    // A sampled share always has its interval; a sampled mean has one from two buyers up (the ids are random, so the
    // sample of twelve may hold a single buyer of the period's lines).
    assert.ok(small.cross_sell_rate.interval);
    assert.equal(small.categories_per_customer.interval === null, catsS.length < 2, `interval with ${catsS.length} sampled buyers`);
    assert.equal(got.win_back_rate.interval, null, 'exact below the sample size: no interval');
    // Everything else is the same.
    for (const k of INDICATOR_KEYS) if (!['win_back_rate', 'categories_per_customer', 'cross_sell_rate'].includes(k)) assert.deepEqual(small[k], got[k], k);

    // People and measurement (issue 20).
    close(got.kpi_coverage.value, 2 / people.length, 'kpi_coverage: two members with a target in the period');
    assert.equal(got.kpi_coverage.n, people.length);
    close(got.kpi_targets.value, 2 / kpiCount, 'kpi_targets: two KPIs with a target in the period');
    close(got.segment_targets.value, 1 / 2, 'segment_targets: one of the two saved segments has a plan');
    assert.equal(got.training_coverage.value, 0, 'nobody has a training record');
    assert.equal(got.training_coverage.n, people.length);
    // The capabilities of later issues.
    for (const k of ['automations_active'] as const) {
      assert.equal(got[k].value, null, k);
      assert.equal(got[k].reason, 'not_built', k);
    }
    // Every other indicator has a value on this data.
    for (const k of INDICATOR_KEYS) if (!['training_coverage', 'automations_active'].includes(k)) assert.notEqual(got[k].value, null, `${k}: ${got[k].reason}`);
    close(got.stale_records.value, 5 / contacts.length, 'five stale records');
  });

  test('an empty workspace: every indicator says why it has no value, none is 0 but the targets nobody set', async () => {
    at('2026-11-30T03:00:00Z');
    const { workspaceId } = await makeWorkspace(t.core);
    const got = byKey(await computeEvidence(t.core, workspaceId, { from: '2026-01-01', to: '2026-11-30' }));
    const want: Record<IndicatorKey, string> = {
      scored_share_30d: 'no_orders',
      segments_in_use: 'no_segments',
      segment_targets: 'no_segments',
      new_customers_per_month: 'no_orders',
      repeat_purchase_rate: 'no_orders',
      categories_per_customer: 'no_orders',
      cross_sell_rate: 'no_orders',
      churn_share: 'no_scores',
      win_back_rate: 'no_orders',
      owner_coverage: 'no_customers',
      workload_balance: 'no_agents',
      kpi_coverage: 'measured',
      training_coverage: 'measured',
      field_completeness: 'no_customers',
      duplicates_waiting: 'no_customers',
      stale_records: 'no_customers',
      import_error_rate: 'no_imports',
      consent_coverage: 'no_customers',
      sla_attainment: 'no_tickets',
      stage_conversion: 'no_deals',
      time_in_stage: 'no_deals',
      playbook_coverage_new: 'no_orders',
      automations_active: 'not_built',
      kpi_targets: 'measured',
      survey_response_rate: 'no_surveys',
      nps: 'no_surveys',
      csat: 'no_surveys',
      ces: 'no_surveys',
      complaint_resolution_time: 'no_tickets',
      detractor_follow_up: 'no_surveys',
    };
    for (const k of INDICATOR_KEYS) {
      // Targets are a plain fact even of an empty workspace: its one member and its KPIs have none (0, not "unknown").
      if (want[k] === 'measured') {
        assert.equal(got[k].value, 0, k);
        continue;
      }
      assert.equal(got[k].value, null, k);
      assert.equal(got[k].reason, want[k], k);
      assert.equal(got[k].suggestedReality, null, k);
    }
    // Two members who can take tickets, none open: no tickets (not "perfectly balanced").
    await makeMember(t.core, workspaceId, 'agent');
    const again = byKey(await computeEvidence(t.core, workspaceId, { from: '2026-01-01', to: '2026-11-30' }));
    assert.equal(again.workload_balance.reason, 'no_tickets');
  });

  test('a team: only its customers, tickets and people count; another workspace never counts', async () => {
    at('2026-06-01T03:00:00Z');
    const { workspaceId, owner } = await makeWorkspace(t.core);
    const a = await makeTeam(t.core, workspaceId, 'Miền Bắc');
    const b = await makeTeam(t.core, workspaceId, 'Miền Nam');
    const agentA = await makeMember(t.core, workspaceId, 'agent', { teamIds: [a] });
    const agentA2 = await makeMember(t.core, workspaceId, 'agent', { teamIds: [a] });
    const agentB = await makeMember(t.core, workspaceId, 'agent', { teamIds: [b] });
    const person = async (name: string, team: string, ownerId: string | null, buys: string[]) => {
      const c = await api(owner).post('/api/v1/contacts', { name, teamId: team, ownerId });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      for (const d of buys) {
        const o = await api(owner).post('/api/v1/orders', {
          contactId: c.body.id,
          orderedAt: `${d}T03:00:00.000Z`,
          lines: [{ name: 'Trà', quantity: 1, unitPrice: 100_000 }],
        });
        assert.equal(o.status, 201, JSON.stringify(o.body));
      }
      return c.body.id as string;
    };
    const a1 = await person('Anh Một', a, agentA.userId, ['2026-02-01']);
    await person('Anh Hai', a, null, ['2026-03-01']);
    const b1 = await person('Chị Ba', b, null, ['2026-02-01', '2026-04-01', '2026-05-01']);
    // A complaint in team B resolved in an hour; one in team A in ten.
    for (const [c, team, agent, hours] of [
      [a1, a, agentA, 10],
      [b1, b, agentB, 1],
    ] as const) {
      at('2026-05-10T01:00:00Z');
      const tk = await api(agent).post('/api/v1/tickets', {
        contactId: c,
        subject: 'Hỏng',
        priority: 'normal',
        category: 'complaint',
        teamId: team,
        assigneeId: agent.userId,
      });
      assert.equal(tk.status, 201, JSON.stringify(tk.body));
      at(new Date(Date.parse('2026-05-10T01:00:00Z') + hours * 3_600_000).toISOString());
      const done = await api(agent).patch(`/api/v1/tickets/${tk.body.id}`, { status: 'resolved', resolution: 'Đổi', rootCause: 'Lỗi' }, { 'if-match': '"1"' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
    }
    // An open ticket for team B's agent only.
    await api(agentB).post('/api/v1/tickets', { contactId: b1, subject: 'Hỏi', priority: 'normal', teamId: b, assigneeId: agentB.userId });
    await api(agentA).post('/api/v1/tickets', { contactId: a1, subject: 'Hỏi', priority: 'normal', teamId: a, assigneeId: agentA.userId });
    at('2026-06-01T03:00:00Z');
    await deliverEvents(t.core);
    await refreshScores(t.core, owner.actor);
    const period = { from: '2026-01-01', to: '2026-05-31' };
    const whole = byKey(await computeEvidence(t.core, workspaceId, period));
    const teamA = byKey(await computeEvidence(t.core, workspaceId, { ...period, teamId: a }));
    assert.equal(whole.owner_coverage.n, 3);
    close(whole.owner_coverage.value, 1 / 3, 'whole owner_coverage');
    assert.equal(teamA.owner_coverage.n, 2);
    close(teamA.owner_coverage.value, 1 / 2, 'team owner_coverage');
    close(whole.repeat_purchase_rate.value, 1 / 3, 'whole repeat rate');
    close(teamA.repeat_purchase_rate.value, 0, 'team A: the repeat buyer is team B’s');
    assert.equal(whole.new_customers_per_month.n, 3);
    assert.equal(teamA.new_customers_per_month.n, 2);
    close(whole.complaint_resolution_time.value, 5.5, 'whole: the median of 1 and 10 hours');
    close(teamA.complaint_resolution_time.value, 10, 'team A: its own complaint only');
    // Team A's two agents: one open ticket between them (Gini ½); the whole business adds team B's agent and the owner.
    close(teamA.workload_balance.value, 0.5, 'team A workload');
    assert.equal(teamA.workload_balance.n, 1);
    assert.equal(whole.workload_balance.n, 2);
    void agentA2;

    // Another workspace with more customers, tickets and answers: this one's figures do not move.
    const other = await makeWorkspace(t.core);
    for (let i = 0; i < 4; i++) {
      const c = await api(other.owner).post('/api/v1/contacts', { name: `Khác ${i}`, ownerId: other.owner.userId });
      await api(other.owner).post('/api/v1/orders', {
        contactId: c.body.id,
        orderedAt: '2026-03-03T03:00:00.000Z',
        lines: [{ name: 'Cà phê', quantity: 1, unitPrice: 50_000 }],
      });
      await api(other.owner).post('/api/v1/tickets', { contactId: c.body.id, subject: 'Khiếu nại', priority: 'normal', category: 'complaint' });
    }
    await deliverEvents(t.core);
    await refreshScores(t.core, other.owner.actor);
    assert.deepEqual(await computeEvidence(t.core, workspaceId, period), Object.values(whole));
    const theirs = byKey(await computeEvidence(t.core, other.workspaceId, period));
    assert.equal(theirs.owner_coverage.n, 4);
    close(theirs.owner_coverage.value, 1, 'the other workspace');
    assert.equal(theirs.new_customers_per_month.n, 4);
    // A team id of another workspace matches nothing here.
    const foreign = byKey(await computeEvidence(t.core, other.workspaceId, { ...period, teamId: a }));
    assert.equal(foreign.owner_coverage.reason, 'no_customers');
  });
});
