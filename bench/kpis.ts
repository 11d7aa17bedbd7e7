/**
 * (p) KPI scorecards at scale (issue 20): `kpiReport` for the current month — every built-in KPI for every one of
 * KITH_BENCH_STAFF (200) members, for one person, and by team — over KITH_BENCH_KPI_ORDERS (10,000,000) orders of
 * KITH_BENCH_KPI_CUSTOMERS (1,000,000) customers, KITH_BENCH_KPI_INTERACTIONS (1,000,000) interactions and
 * KITH_BENCH_KPI_TICKETS (500,000) tickets. Target: a scorecard in under 1 s. Today an open period's figures are
 * computed live from the records (kpi.service.ts observe → kpi-compute.repository.ts); this measures that now and
 * the aggregates that are to replace it later.
 *
 * Data, loaded raw with batched inserts (not timed), deterministic from KITH_BENCH_SEED, on a fixed clock
 * (2026-11-20 10:00 in Hanoi): the members (the owner and 199 agents) in ten teams; the customers, 95% owned by a
 * member (their team with them); the orders over the three years up to the clock, customers skewed (a few buy
 * often), mostly paid or delivered, some placed or cancelled, entered by the customer's owner four times in five;
 * the interactions and tickets over the same three years (tickets answered and resolved some hours after, with
 * their due times); a few hundred deals and a few thousand tasks. No order lines, surveys or segments (their KPIs
 * read empty tables).
 *
 * Measured (a warm-up, then KITH_BENCH_KPI_RUNS (5) runs, p50 and max): the scorecard of all members, of one
 * person, by team; each query the scorecard makes, alone; and the baseline in the same run — the plain SQL of the
 * three largest KPIs (revenue of owned customers, interactions per author, tickets resolved per assignee) and the
 * floor, a count of the month's orders on the `(workspace_id, ordered_at)` index.
 */
import { type Dist, dist, int, log, ms, openBenchDb, rng, type Dialect, env, benchWorkspace } from './lib.ts';
import { sql } from 'kysely';
import { parsePeriod, periodOf, periodRange } from '@kith/domain/kpis/kpis.ts';
import { ORDER_CHANNELS } from '@kith/domain/orders/order.schema.ts';
import { kpiReport, ticketFigures } from '@kith/server/features/kpis/kpi.service.ts';
import {
  buyersOfPeriod,
  churn,
  dealsClosed,
  interactionsLogged,
  orderRevenue,
  tasksDone,
  ticketsOfPeriod,
  type Range,
} from '@kith/server/features/kpis/kpi-compute.repository.ts';
import { loadCare } from '@kith/server/features/tickets/care-settings.service.ts';
import { bulkInsert } from '@kith/server/platform/db/bulk-insert.ts';
import { uuidv7 } from '@kith/server/platform/db/ids.ts';
import { refreshPlannerStats } from '@kith/server/platform/db/planner-stats.ts';
import type { Core } from '@kith/server/core.ts';

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const KPI_SIZES = {
  staff: size('KITH_BENCH_STAFF', 200),
  customers: size('KITH_BENCH_KPI_CUSTOMERS', 1_000_000),
  orders: size('KITH_BENCH_KPI_ORDERS', 10_000_000),
  interactions: size('KITH_BENCH_KPI_INTERACTIONS', 1_000_000),
  tickets: size('KITH_BENCH_KPI_TICKETS', 500_000),
};
const RUNS = size('KITH_BENCH_KPI_RUNS', 5);
/** The bench's clock: 2026-11-20 10:00 in Hanoi; the report's period is its month. */
const NOW = new Date('2026-11-20T03:00:00.000Z');
const SPAN_DAYS = 3 * 365;
const TEAMS = 10;
const TARGET_MS = 1000;

export type KpisBenchResult = {
  sizes: typeof KPI_SIZES;
  period: string;
  loadSeconds: number;
  monthOrders: number;
  scorecard: Dist;
  person: Dist;
  team: Dist;
  reads: { name: string; rows: number; ms: Dist }[];
  naive: { name: string; ms: Dist }[];
  floor: Dist;
  met: boolean;
};

async function timed(runs: number, f: () => Promise<unknown>): Promise<Dist> {
  await f(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    samples.push(performance.now() - t0);
  }
  return dist(samples);
}

const iso = (t: number) => new Date(t).toISOString();

export async function benchKpis(dialect: Dialect): Promise<KpisBenchResult> {
  const db = await openBenchDb(dialect, 'kpis', { throwaway: true, now: () => NOW });
  try {
    const { core } = db;
    const ws = await benchWorkspace(core);
    const w = ws.workspaceId;
    const t0 = performance.now();
    const staff = await loadStaff(core, w, ws.userId);
    const data = await loadRecords(core, w, staff);
    const loadSeconds = (performance.now() - t0) / 1000;
    log(`   loaded in ${loadSeconds.toFixed(0)} s (not timed)`);
    const a0 = performance.now();
    await refreshPlannerStats(core.dbHandle);
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(core.db); // what autovacuum would have done: visibility map and statistics
    log(`   planner statistics ${((performance.now() - a0) / 1000).toFixed(1)} s (not timed)`);
    return await measure(core, w, ws.actor, staff, data.monthOrders, loadSeconds);
  } finally {
    await db.drop();
  }
}

type Staff = { ids: string[]; teamOf: number[]; teamIds: string[] };

/** The owner and KITH_BENCH_STAFF − 1 agents, round-robin in ten teams (the owner in the first). */
async function loadStaff(core: Core, w: string, ownerId: string): Promise<Staff> {
  const at = NOW.toISOString();
  const teamIds = Array.from({ length: TEAMS }, () => uuidv7());
  await bulkInsert(
    core.db,
    'teams',
    teamIds.map((id, i) => ({ id, workspace_id: w, name: `Nhóm ${i + 1}`, created_at: at, updated_at: at })),
  );
  const ids = [ownerId, ...Array.from({ length: KPI_SIZES.staff - 1 }, () => uuidv7())];
  const agents = ids.slice(1);
  await bulkInsert(
    core.db,
    'users',
    agents.map((id, i) => ({ id, email: `nv${i + 1}@kith.test`, name: `Nhân viên ${i + 1}`, password_hash: null, created_at: at, updated_at: at })),
  );
  await bulkInsert(
    core.db,
    'memberships',
    agents.map((id) => ({ workspace_id: w, user_id: id, role: 'agent', created_at: at, updated_at: at })),
  );
  const teamOf = ids.map((_, i) => i % TEAMS);
  await bulkInsert(
    core.db,
    'team_members',
    ids.map((id, i) => ({ team_id: teamIds[teamOf[i]!]!, user_id: id, workspace_id: w, created_at: at })),
  );
  return { ids, teamOf, teamIds };
}

async function loadRecords(core: Core, w: string, staff: Staff): Promise<{ monthOrders: number }> {
  const g = rng(env.seed);
  const S = staff.ids.length;
  const end = NOW.getTime();
  const start = end - SPAN_DAYS * 86_400_000;
  const when = () => start + Math.floor(g() * (end - start));
  const BATCH = 20_000;
  const insertAll = async (table: 'contacts' | 'orders' | 'interactions' | 'tickets', n: number, row: (i: number) => Record<string, unknown>) => {
    const t = performance.now();
    // The table's secondary indexes are dropped for the load and made again after from their own definitions (a
    // sort each instead of millions of random inserts into them); the contacts keep theirs (and their search triggers).
    const indexes = table === 'contacts' ? [] : await secondaryIndexes(core, table);
    for (const x of indexes) await sql`drop index ${sql.ref(x.name)}`.execute(core.db);
    for (let i = 0; i < n; i += BATCH) {
      const rows: Record<string, unknown>[] = [];
      for (let k = i; k < Math.min(n, i + BATCH); k++) rows.push(row(k));
      await core.db.transaction().execute((trx) => bulkInsert(trx, table, rows));
      if ((i / BATCH) % 50 === 49) log(`   ${table}: ${int(i + BATCH)} (${int((i + BATCH) / ((performance.now() - t) / 1000))} rows/s)`);
    }
    const ti = performance.now();
    for (const x of indexes) await sql.raw(x.definition).execute(core.db);
    if (indexes.length) log(`   ${table}: ${indexes.length} indexes made again in ${((performance.now() - ti) / 1000).toFixed(0)} s`);
    log(`   ${int(n)} ${table} in ${((performance.now() - t) / 1000).toFixed(0)} s (${int(n / ((performance.now() - t) / 1000))} rows/s)`);
  };

  // Customers: 95% owned, their team the owner's.
  const C = KPI_SIZES.customers;
  const ids: string[] = new Array(C);
  const owner = new Int16Array(C);
  await insertAll('contacts', C, (i) => {
    const id = uuidv7();
    ids[i] = id;
    const o = g() < 0.95 ? Math.floor(g() * S) : -1;
    owner[i] = o;
    const at = iso(when());
    return {
      id,
      workspace_id: w,
      name: `Khách ${i}`,
      name_key: `khach ${i}`,
      search_text: `khach ${i}`,
      emails: '[]',
      phones: '[]',
      interests: '[]',
      tags: '[]',
      consents: '{}',
      custom: '{}',
      lifecycle_stage: 'repeat',
      owner_id: o >= 0 ? staff.ids[o]! : null,
      team_id: o >= 0 ? staff.teamIds[staff.teamOf[o]!]! : null,
      created_at: at,
      updated_at: at,
      created_by: staff.ids[0]!,
      updated_by: staff.ids[0]!,
      version: 1,
    };
  });

  // Orders: customers skewed, three years up to the clock; 70% delivered, 18% paid, 7% placed, 5% cancelled.
  const monthFrom = Date.parse(periodRange(periodOf('month', NOW, 'Asia/Ho_Chi_Minh'), 'Asia/Ho_Chi_Minh').from);
  let monthOrders = 0;
  await insertAll('orders', KPI_SIZES.orders, (k) => {
    const c = Math.floor(g() ** 1.6 * C);
    const o = owner[c]!;
    const taker = o >= 0 && g() < 0.8 ? o : Math.floor(g() * S);
    const s = g();
    const status = s < 0.7 ? 'delivered' : s < 0.88 ? 'paid' : s < 0.95 ? 'placed' : 'cancelled';
    const total = 10_000 * (5 + Math.floor(g() * 500));
    const t = when();
    if (t >= monthFrom) monthOrders++;
    const at = iso(t);
    return {
      id: uuidv7(),
      workspace_id: w,
      number: `DH${k + 1}`,
      number_key: `dh${k + 1}`,
      contact_id: ids[c]!,
      ordered_at: at,
      channel: ORDER_CHANNELS[Math.floor(g() * ORDER_CHANNELS.length)]!,
      status,
      currency: 'VND',
      subtotal: total,
      discount: 0,
      shipping: 0,
      total,
      tags: '[]',
      created_at: at,
      updated_at: at,
      created_by: staff.ids[taker]!,
      updated_by: staff.ids[taker]!,
      version: 1,
    };
  });

  const KINDS = ['call', 'message', 'meeting', 'note'] as const;
  const CHANNELS = ['phone', 'zalo', 'facebook', 'in_person'] as const;
  await insertAll('interactions', KPI_SIZES.interactions, () => {
    const c = Math.floor(g() ** 1.6 * C);
    const o = owner[c]!;
    const kind = KINDS[Math.floor(g() * KINDS.length)]!;
    const at = iso(when());
    return {
      id: uuidv7(),
      workspace_id: w,
      contact_id: ids[c]!,
      kind,
      channel: kind === 'note' ? null : CHANNELS[Math.floor(g() * CHANNELS.length)]!,
      occurred_at: at,
      subject: 'Trao đổi',
      author_id: staff.ids[o >= 0 && g() < 0.7 ? o : Math.floor(g() * S)]!,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  });

  // Tickets: 90% answered (5 min – 8 h after), 85% resolved (1 h – 4 days after) unless newer than that; due 4 h and 48 h.
  const CATS = ['complaint', 'question', 'request', 'incident'] as const;
  await insertAll('tickets', KPI_SIZES.tickets, (k) => {
    const c = Math.floor(g() * C);
    const a = g() < 0.95 ? Math.floor(g() * S) : -1;
    const created = when();
    const responded = g() < 0.9 ? created + 300_000 + Math.floor(g() * 8 * 3_600_000) : null;
    const resolvedAt = responded !== null && g() < 0.85 ? responded + 3_600_000 + Math.floor(g() * 96 * 3_600_000) : null;
    const resolved = resolvedAt !== null && resolvedAt < end ? resolvedAt : null;
    const firstResponded = responded !== null && responded < end ? responded : null;
    const at = iso(created);
    return {
      id: uuidv7(),
      workspace_id: w,
      number: k + 1,
      contact_id: ids[c]!,
      category: CATS[Math.floor(g() * CATS.length)]!,
      priority: 'normal',
      channel: 'phone',
      subject: `Yêu cầu ${k + 1}`,
      status: resolved !== null ? 'resolved' : firstResponded !== null ? 'open' : 'new',
      assignee_id: a >= 0 ? staff.ids[a]! : null,
      team_id: a >= 0 ? staff.teamIds[staff.teamOf[a]!]! : null,
      tags: '[]',
      first_response_due_at: iso(created + 4 * 3_600_000),
      resolution_due_at: iso(created + 48 * 3_600_000),
      effective_resolution_due_at: iso(created + 48 * 3_600_000),
      first_responded_at: firstResponded === null ? null : iso(firstResponded),
      resolved_at: resolved === null ? null : iso(resolved),
      sla_pauses: '[]',
      last_message_at: iso(resolved ?? firstResponded ?? created),
      created_by: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  });

  // A pipeline, 600 deals (a third closed this month) and 5,000 tasks (half done, a tenth of those this month).
  const at = NOW.toISOString();
  const pipelineId = uuidv7();
  await bulkInsert(core.db, 'pipelines', [{ id: pipelineId, workspace_id: w, name: 'Bán hàng', position: 0, created_at: at, updated_at: at }]);
  const stages = (['open', 'won', 'lost'] as const).map((kind, i) => ({
    id: uuidv7(),
    workspace_id: w,
    pipeline_id: pipelineId,
    name: kind,
    position: i,
    probability: kind === 'won' ? 100 : kind === 'lost' ? 0 : 40,
    kind,
  }));
  await bulkInsert(core.db, 'pipeline_stages', stages);
  const deals = Array.from({ length: 600 }, (_, i) => {
    const o = Math.floor(g() * S);
    const kind = i % 3 === 0 ? 'open' : g() < 0.6 ? 'won' : 'lost';
    const closed = kind === 'open' ? null : iso(i % 3 === 1 ? monthFrom + Math.floor(g() * (end - monthFrom)) : when());
    return {
      id: uuidv7(),
      workspace_id: w,
      pipeline_id: pipelineId,
      stage_id: stages.find((s) => s.kind === kind)!.id,
      title: `Cơ hội ${i + 1}`,
      contact_id: ids[Math.floor(g() * C)]!,
      amount: 1_000_000 * (1 + Math.floor(g() * 100)),
      currency: 'VND',
      owner_id: staff.ids[o]!,
      team_id: staff.teamIds[staff.teamOf[o]!]!,
      status: kind,
      position: i,
      closed_at: closed,
      created_by: staff.ids[o]!,
      updated_by: staff.ids[o]!,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  });
  await bulkInsert(core.db, 'deals', deals);
  const tasks = Array.from({ length: 5_000 }, (_, i) => {
    const a = Math.floor(g() * S);
    const due = when();
    const done = i % 2 === 0 ? (i % 20 === 0 ? monthFrom + Math.floor(g() * (end - monthFrom)) : due - 86_400_000 + Math.floor(g() * 2 * 86_400_000)) : null;
    return {
      id: uuidv7(),
      workspace_id: w,
      title: `Việc ${i + 1}`,
      due_at: iso(due),
      assignee_id: staff.ids[a]!,
      priority: 'normal',
      done_at: done === null ? null : iso(Math.min(done, end)),
      done_by: done === null ? null : staff.ids[a]!,
      created_by: staff.ids[a]!,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  });
  await bulkInsert(core.db, 'tasks', tasks);
  return { monthOrders };
}

/** A table's indexes other than its primary key and constraints, with the statement that makes each. */
async function secondaryIndexes(core: Core, table: string): Promise<{ name: string; definition: string }[]> {
  if (core.dbHandle.sqlite) {
    return core.dbHandle.sqlite
      .prepare(`select name, sql as definition from sqlite_master where type = 'index' and tbl_name = ? and sql is not null`)
      .all(table) as { name: string; definition: string }[];
  }
  const r = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where t.relname = ${table} and n.nspname = current_schema() and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`.execute(core.db);
  return r.rows;
}

async function measure(
  core: Core,
  w: string,
  actor: Parameters<typeof kpiReport>[1],
  staff: Staff,
  monthOrders: number,
  loadSeconds: number,
): Promise<KpisBenchResult> {
  const tz = 'Asia/Ho_Chi_Minh';
  const p = periodOf('month', NOW, tz);
  const r: Range = periodRange(parsePeriod(p.key)!, tz);
  log(`   period ${p.key} [${r.from}, ${r.to}): ${int(monthOrders)} orders in it; ${RUNS} runs after a warm-up each`);

  let subjects = 0;
  const scorecard = await timed(RUNS, async () => {
    const rep = await kpiReport(core, actor, { period: p.key, by: 'user' });
    subjects = rep.subjects.length;
  });
  log(`   scorecard, all ${subjects} members: p50 ${ms(scorecard.p50)}, max ${ms(scorecard.max)}`);
  const person = await timed(RUNS, () => kpiReport(core, actor, { period: p.key, by: 'user', userId: staff.ids[7]! }));
  log(`   scorecard, one person: p50 ${ms(person.p50)}, max ${ms(person.max)}`);
  const team = await timed(RUNS, () => kpiReport(core, actor, { period: p.key, by: 'team' }));
  log(`   scorecard, by team (${TEAMS} teams): p50 ${ms(team.p50)}, max ${ms(team.max)}`);

  // Each query of observe() alone (the service runs them one after another).
  const f = {};
  const care = await loadCare(core.db, w, NOW);
  let ticketRows: Awaited<ReturnType<typeof ticketsOfPeriod>> = [];
  const reads: { name: string; rows: number; ms: Dist }[] = [];
  const each: [string, () => Promise<number>][] = [
    ['revenue (orders ⋈ contacts by owner)', async () => (await orderRevenue(core.db, w, r, 'VND', 'owner', f)).size],
    ['revenue_taken (orders by who entered them)', async () => (await orderRevenue(core.db, w, r, 'VND', 'taker', f)).size],
    ['new_customers (orders of the month, no order before)', async () => (await buyersOfPeriod(core.db, w, r, 'new', f)).size],
    ['repeat_customers (orders of the month, one before)', async () => (await buyersOfPeriod(core.db, w, r, 'repeat', f)).size],
    ['churn_rate (last order per customer, 180 days + month)', async () => (await churn(core.db, w, r, f)).size],
    ['interactions_logged', async () => (await interactionsLogged(core.db, w, r, f)).size],
    [
      'tickets group: the query',
      async () => {
        ticketRows = await ticketsOfPeriod(core.db, w, r, f);
        return ticketRows.length;
      },
    ],
    ['tickets group: working minutes and SLA in JS', async () => ticketFigures(care.calendar, ticketRows, r, NOW).resolved.size],
    ['deals group', async () => (await dealsClosed(core.db, w, r, 'VND', f)).won.size],
    ['tasks_on_time', async () => (await tasksDone(core.db, w, r)).size],
  ];
  for (const [name, fn] of each) {
    let rows = 0;
    const d = await timed(RUNS, async () => {
      rows = await fn();
    });
    reads.push({ name, rows, ms: d });
    log(`   ${name}: p50 ${ms(d.p50)}, max ${ms(d.max)} (${int(rows)} ${name.startsWith('tickets group: the') ? 'tickets' : 'people'})`);
  }

  // Baseline: the plain SQL of the three largest KPIs, and the floor.
  const naive: { name: string; ms: Dist }[] = [];
  const plain: [string, () => Promise<unknown>][] = [
    [
      'revenue: orders ⋈ contacts, sum by owner',
      () =>
        sql`select c.owner_id, sum(o.total) as s, count(*) as n from orders o join contacts c on c.id = o.contact_id
            where o.workspace_id = ${w} and o.ordered_at >= ${r.from} and o.ordered_at < ${r.to}
              and o.status in ('paid', 'delivered') and o.deleted_at is null and c.deleted_at is null
            group by c.owner_id`.execute(core.db),
    ],
    [
      'interactions per author',
      () =>
        sql`select author_id, count(*) as n from interactions
            where workspace_id = ${w} and occurred_at >= ${r.from} and occurred_at < ${r.to} and deleted_at is null
            group by author_id`.execute(core.db),
    ],
    [
      'tickets resolved per assignee',
      () =>
        sql`select assignee_id, count(*) as n from tickets
            where workspace_id = ${w} and resolved_at >= ${r.from} and resolved_at < ${r.to} and deleted_at is null
            group by assignee_id`.execute(core.db),
    ],
  ];
  for (const [name, fn] of plain) {
    const d = await timed(RUNS, fn);
    naive.push({ name, ms: d });
    log(`   baseline, ${name}: p50 ${ms(d.p50)}, max ${ms(d.max)}`);
  }
  const floor = await timed(RUNS, () =>
    sql`select count(*) as n from orders where workspace_id = ${w} and ordered_at >= ${r.from} and ordered_at < ${r.to}`.execute(core.db),
  );
  log(`   floor, count of the month's orders on the ordered_at index: p50 ${ms(floor.p50)}`);
  const met = scorecard.max < TARGET_MS;
  const naiveSum = naive.reduce((a, x) => a + x.ms.p50, 0);
  log(
    `   scorecard p50 ${ms(scorecard.p50)} (max ${ms(scorecard.max)}) vs the three plain queries ${ms(naiveSum)}: ${(scorecard.p50 / naiveSum).toFixed(1)}×; target < ${TARGET_MS} ms: ${met ? 'met' : 'MISSED'}`,
  );
  return { sizes: KPI_SIZES, period: p.key, loadSeconds, monthOrders, scorecard, person, team, reads, naive, floor, met };
}
