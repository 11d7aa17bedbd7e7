/**
 * (o) The assessment's live evidence (issue 19) at KITH_BENCH_CONTACTS (1,000,000) customers and
 * KITH_BENCH_TRANSACTIONS (10,000,000) orders on SQLite, beside the score refresh it builds on. Target: every
 * indicator within 5 s.
 *
 * Data, loaded raw (not timed): the customers in four teams, four in five with one of twenty owners, some with a
 * province, a phone and a consent; the orders of the RFM benchmark (customers skewed, three years up to
 * 2026-10-31), each with one or two order lines of forty products in eight categories. Then, timed as the
 * baseline: the per-customer aggregates built from one scan of the orders (`freshStats`, once after a bulk load)
 * and the score refresh (`refreshScores`: RFM, lifetime value, tiers, affinities) — what keeps the aggregates and
 * the current score generation the evidence reads. The figure: `computeEvidence` for the last twelve months, for the
 * whole business (twice) and for one team, with the time of each repository read alone, for the record.
 */
import { freshStats } from '@kith/server/features/analytics/customer-stats.ts';
import { refreshScores } from '@kith/server/features/analytics/score.service.ts';
import * as repo from '@kith/server/features/assessment/evidence.repository.ts';
import { computeEvidence, EVIDENCE_SAMPLE } from '@kith/server/features/assessment/evidence.service.ts';
import { uuidv7 } from '@kith/server/platform/db/ids.ts';
import { refreshPlannerStats } from '@kith/server/platform/db/planner-stats.ts';
import { makeMember, makeTeam } from '@kith/server/test/factories.ts';
import type { EvidenceValue } from '@kith/domain/assessment/indicators.ts';
import { dayNumber } from '@kith/domain/analytics/transactions.ts';
import type BetterSqlite3 from 'better-sqlite3';
import type { Core } from '@kith/server/core.ts';
import { benchWorkspace, countContacts, env, int, log, openBenchDb, rng } from './lib.ts';

export const EVIDENCE_ORDERS = Number(process.env.KITH_BENCH_TRANSACTIONS ?? 10_000_000);
const FIRST_DAY = dayNumber('2023-11-01');
const DAYS = 1096;
const PERIOD = { from: '2025-11-01', to: '2026-10-31' };

export type EvidenceBenchResult = {
  customers: number;
  orders: number;
  lines: number;
  /** Null on a kept database (KITH_BENCH_KEEP=1), measured again without loading. */
  loadSeconds: number | null;
  statsSeconds: number | null;
  /** Null when the refresh was not run (KITH_BENCH_EVIDENCE_REFRESH=0). */
  refreshSeconds: number | null;
  seconds: number[];
  teamSeconds: number;
  reads: { name: string; seconds: number }[];
  values: EvidenceValue[];
  plans: { name: string; plan: string[] }[];
};

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

const time = async <T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t) / 1000 };
};

export async function benchEvidence(): Promise<EvidenceBenchResult> {
  const db = await openBenchDb('sqlite', 'evidence');
  try {
    const core = db.core;
    const sqlite = core.dbHandle.sqlite!;
    const kept = (await countContacts(core)) > 0;
    const ws = await benchWorkspace(core);
    const w = ws.workspaceId;
    const now = new Date().toISOString();
    if (kept) {
      // A database kept by KITH_BENCH_KEEP=1: measured again as it is, nothing loaded or refreshed (no baseline).
      log('   the kept database, as loaded before: no load, no baseline');
      const teams = (await core.db.selectFrom('teams').select('id').where('workspace_id', '=', w).orderBy('name').execute()).map((t) => t.id);
      return await measure(core, sqlite, w, now, teams, { lines: 0, loadSeconds: null, statsSeconds: null, refreshSeconds: null });
    }
    const teams = [await makeTeam(core, w, 'Bắc'), await makeTeam(core, w, 'Trung'), await makeTeam(core, w, 'Nam'), await makeTeam(core, w, 'Online')];
    const agents: string[] = [];
    for (let i = 0; i < 20; i++) agents.push((await makeMember(core, w, 'agent', { teamIds: [teams[i % 4]!] })).userId);
    const u = rng(env.seed);

    const insert = (table: string, row: Record<string, unknown>) =>
      sqlite.prepare(
        `insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row)
          .map(() => '?')
          .join(', ')})`,
      );
    const categories = Array.from({ length: 8 }, (_, i) => ({
      id: uuidv7(),
      workspace_id: w,
      name: `Nhóm ${i}`,
      name_key: `nhom ${i}`,
      created_at: now,
      updated_at: now,
    }));
    const products = Array.from({ length: 40 }, (_, i) => ({
      id: uuidv7(),
      workspace_id: w,
      sku: `SP${i}`,
      sku_key: `sp${i}`,
      name: `Sản phẩm ${i}`,
      name_key: `san pham ${i}`,
      category_id: i % 10 === 9 ? null : categories[i % 8]!.id,
      price: 100_000,
      currency: 'VND',
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    }));
    sqlite.transaction(() => {
      const c = insert('product_categories', categories[0]!);
      for (const r of categories) c.run(Object.values(r));
      const p = insert('products', products[0]!);
      for (const r of products) p.run(Object.values(r));
    })();

    const ids = Array.from({ length: env.contacts }, () => uuidv7());
    let lines = 0;
    const load = await time(async () => {
      const contact = (i: number) => ({
        id: ids[i]!,
        workspace_id: w,
        name: `Khách ${i}`,
        name_key: `khach ${i}`,
        search_text: `khach ${i}`,
        emails: '[]',
        phones: u() < 0.7 ? `["+849${String(10_000_000 + i).slice(-8)}"]` : '[]',
        interests: '[]',
        tags: '[]',
        consents: u() < 0.3 ? `{"email":{"status":"granted","source":"form","at":"${now}"}}` : '{}',
        custom: '{}',
        province: u() < 0.6 ? 'Hà Nội' : null,
        lifecycle_stage: 'repeat',
        owner_id: u() < 0.8 ? agents[i % 20]! : null,
        team_id: teams[i % 4]!,
        created_at: now,
        updated_at: u() < 0.2 ? '2024-06-01T00:00:00.000Z' : now,
        created_by: ws.userId,
        updated_by: ws.userId,
        version: 1,
      });
      const cs = insert('contacts', contact(0));
      for (let i = 0; i < ids.length; i += 50_000)
        sqlite.transaction(() => {
          for (let k = i; k < Math.min(ids.length, i + 50_000); k++) cs.run(Object.values(contact(k)));
        })();
      log(`   ${int(ids.length)} contacts loaded`);
      const order = (n: number, c: number, day: number, amount: number) => ({
        id: uuidv7(),
        workspace_id: w,
        number: `B${n}`,
        number_key: `b${n}`,
        contact_id: ids[c]!,
        ordered_at: `${isoDay(day)}T03:00:00.000Z`,
        status: 'paid',
        currency: 'VND',
        subtotal: amount,
        discount: 0,
        shipping: 0,
        total: amount,
        tags: '[]',
        created_at: now,
        updated_at: now,
        created_by: ws.userId,
        updated_by: ws.userId,
        version: 1,
      });
      const line = (orderId: string, no: number, p: (typeof products)[number], amount: number) => ({
        order_id: orderId,
        line_no: no,
        workspace_id: w,
        product_id: p.id,
        sku: p.sku,
        name: p.name,
        quantity: 1,
        unit_price: amount,
        discount: 0,
        line_total: amount,
      });
      const os = insert('orders', order(0, 0, FIRST_DAY, 1));
      const ls = insert('order_lines', line('x', 1, products[0]!, 1));
      const g = rng(env.seed + 1);
      const BATCH = 50_000;
      for (let n = 0; n < EVIDENCE_ORDERS; n += BATCH) {
        sqlite.transaction(() => {
          for (let k = n; k < Math.min(EVIDENCE_ORDERS, n + BATCH); k++) {
            const c = Math.floor(g() ** 1.6 * ids.length);
            const amount = 10_000 + 1000 * Math.floor(g() * 2000);
            const o = order(k + 1, c, FIRST_DAY + Math.floor(g() * DAYS), amount);
            os.run(Object.values(o));
            // The customer's favourite product most of the time, another one now and then.
            const fav = products[(c * 7) % products.length]!;
            ls.run(Object.values(line(o.id, 1, g() < 0.7 ? fav : products[Math.floor(g() * products.length)]!, amount)));
            lines++;
            if (g() < 0.2) {
              ls.run(Object.values(line(o.id, 2, products[Math.floor(g() * products.length)]!, 10_000)));
              lines++;
            }
          }
        })();
        if ((n + BATCH) % 2_000_000 === 0) log(`   loaded ${int(n + BATCH)} orders`);
        await new Promise((ok) => setImmediate(ok));
      }
    });
    log(
      `   ${int(env.contacts)} contacts, ${int(EVIDENCE_ORDERS)} orders and ${int(lines)} order lines loaded raw in ${load.seconds.toFixed(0)} s (not timed)`,
    );
    await refreshPlannerStats(core.dbHandle);

    const stats = await time(() => freshStats(core, w));
    log(`   baseline: the per-customer aggregates built from one scan of the orders ${stats.seconds.toFixed(1)} s`);
    let refreshSeconds: number | null = null;
    if (process.env.KITH_BENCH_EVIDENCE_REFRESH !== '0') {
      const phases = new Map<string, number>();
      const t0 = performance.now();
      const refresh = await time(() =>
        refreshScores(core, ws.actor, {
          onProgress: (p) => {
            if (!phases.has(p.phase)) phases.set(p.phase, (performance.now() - t0) / 1000);
          },
        }),
      );
      refreshSeconds = refresh.seconds;
      log(`   baseline: the score refresh (RFM, lifetime value, tiers, affinities) ${refresh.seconds.toFixed(1)} s`);
      log(`   (refresh phases began at: ${[...phases].map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')})`);
    } else {
      // KITH_BENCH_EVIDENCE_REFRESH=0: the scores loaded raw instead (a row per buyer, as a refresh writes them), for
      // a machine where the refresh itself would take too long; its time is then not in this run.
      const g = rng(env.seed + 2);
      const buyers = sqlite.prepare('select contact_id from customer_stats where workspace_id = ? and purchase_days > 0').pluck().all(w) as string[];
      const generation = Number(sqlite.prepare('select coalesce(max(generation), 0) as g from score_runs where workspace_id = ?').pluck().get(w) ?? 0);
      const score = (id: string) => ({
        contact_id: id,
        workspace_id: w,
        generation,
        recency: 10,
        frequency: 2,
        monetary: 100_000,
        r: 3,
        f: 3,
        m: 3,
        segment: 'loyal',
        p_alive: g(),
        expected_purchases: 1,
        expected_spend: 100_000,
        clv: 100_000,
        tier: 'maintain',
        net_value: 1,
        growth: 1,
      });
      const st = insert('customer_scores', score(buyers[0] ?? ''));
      for (let i = 0; i < buyers.length; i += 50_000)
        sqlite.transaction(() => {
          for (const id of buyers.slice(i, i + 50_000)) st.run(Object.values(score(id)));
        })();
      sqlite
        .prepare(
          'insert into score_runs (workspace_id, as_of, customers, models, note, started_at, finished_at, run_by, generation) values (?, ?, ?, null, null, ?, ?, null, ?)',
        )
        .run(w, now.slice(0, 10), buyers.length, now, now, generation);
      log(`   the score refresh not run (KITH_BENCH_EVIDENCE_REFRESH=0): ${int(buyers.length)} scores loaded raw`);
    }
    await refreshPlannerStats(core.dbHandle);
    return await measure(core, sqlite, w, now, teams, { lines, loadSeconds: load.seconds, statsSeconds: stats.seconds, refreshSeconds });
  } finally {
    await db.drop();
  }
}

/** The figure on a loaded database: the evidence twice and for one team, each read alone, the plans. */
async function measure(
  core: Core,
  sqlite: BetterSqlite3.Database,
  w: string,
  now: string,
  teams: string[],
  base: { lines: number; loadSeconds: number | null; statsSeconds: number | null; refreshSeconds: number | null },
): Promise<EvidenceBenchResult> {
  // The statements the evidence prepares (the first run prepares them; the statement cache keeps them), for their plans below.
  const seen = new Set<string>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    if (/customer_stats|customer_scores|from "contacts"|order_lines/.test(text)) seen.add(text);
    return prepare(text);
  }) as typeof sqlite.prepare;
  const seconds: number[] = [];
  let values: EvidenceValue[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await time(() => computeEvidence(core, w, PERIOD));
    seconds.push(r.seconds);
    values = r.value;
  }
  const team = await time(() => computeEvidence(core, w, { ...PERIOD, teamId: teams[0]! }));
  sqlite.prepare = prepare as typeof sqlite.prepare;
  log(`   computeEvidence ${seconds.map((s) => `${s.toFixed(2)} s`).join(', ')}; one team ${team.seconds.toFixed(2)} s`);

  // Each repository read alone (the service runs them one after another on one connection, so they add up).
  const fromDay = dayNumber(PERIOD.from);
  const toDay = dayNumber(PERIOD.to);
  const start = `${PERIOD.from}T00:00:00.000Z`;
  const end = new Date((toDay + 1) * 86_400_000).toISOString();
  const lapseStart = `${isoDay(fromDay - 180)}T00:00:00.000Z`;
  const { buyers } = await repo.purchaseFigures(core.db, w, null);
  const buckets = buyers <= EVIDENCE_SAMPLE ? repo.SAMPLE_BUCKETS : Math.ceil((repo.SAMPLE_BUCKETS * EVIDENCE_SAMPLE) / buyers);
  const reads: { name: string; seconds: number }[] = [];
  const each: [string, () => Promise<unknown>][] = [
    ['contactFigures', () => repo.contactFigures(core.db, w, null, '2025-10-31T00:00:00.000Z')],
    ['purchaseFigures', () => repo.purchaseFigures(core.db, w, null)],
    ['newCustomersByDay', () => repo.newCustomersByDay(core.db, w, null, fromDay, toDay)],
    [
      'lapsedReturning',
      () => repo.lapsedReturning(core.db, w, null, { lapseDay: fromDay - 180, fromDay, toDay, lapseStart, periodStart: start, periodEnd: end, buckets }),
    ],
    ['categoriesPerBuyer', () => repo.categoriesPerBuyer(core.db, w, null, { fromDay, toDay, periodStart: start, periodEnd: end, buckets })],
    ['scoreFigures', () => repo.scoreFigures(core.db, w, null)],
    ['openTicketsPerAgent', () => repo.openTicketsPerAgent(core.db, w, null)],
    ['openDuplicates', () => repo.openDuplicates(core.db, w, null)],
    ['segmentUse', () => repo.segmentUse(core.db, w)],
    ['importFigures', () => repo.importFigures(core.db, w, start, end)],
    ['slaFigures', () => repo.slaFigures(core.db, w, null, start, end, now)],
    ['resolvedComplaints', () => repo.resolvedComplaints(core.db, w, null, start, end)],
    ['closedDeals', () => repo.closedDeals(core.db, w, null, start, end)],
    ['openDealStages', () => repo.openDealStages(core.db, w, null)],
    ['invitationFigures', () => repo.invitationFigures(core.db, w, null, start, end)],
    ['scaleAnswerCounts', () => repo.scaleAnswerCounts(core.db, w, { fromDate: PERIOD.from, toDate: PERIOD.to })],
    ['detractorFollowUps', () => repo.detractorFollowUps(core.db, w, null, start, end)],
    ['team: purchaseFigures', () => repo.purchaseFigures(core.db, w, teams[0]!)],
    ['team: contactFigures', () => repo.contactFigures(core.db, w, teams[0]!, '2025-10-31T00:00:00.000Z')],
    ['team: newCustomersByDay', () => repo.newCustomersByDay(core.db, w, teams[0]!, fromDay, toDay)],
    [
      'team: lapsedReturning',
      () => repo.lapsedReturning(core.db, w, teams[0]!, { lapseDay: fromDay - 180, fromDay, toDay, lapseStart, periodStart: start, periodEnd: end, buckets }),
    ],
    ['team: categoriesPerBuyer', () => repo.categoriesPerBuyer(core.db, w, teams[0]!, { fromDay, toDay, periodStart: start, periodEnd: end, buckets })],
    ['team: scoreFigures', () => repo.scoreFigures(core.db, w, teams[0]!)],
    ['computeEvidence again', () => computeEvidence(core, w, PERIOD)],
  ];
  for (const [name, fn] of each) reads.push({ name, seconds: (await time(fn)).seconds });
  log(`   reads alone: ${reads.map((r) => `${r.name} ${r.seconds.toFixed(2)} s`).join(', ')}`);

  const plans = [...seen].map((text) => ({
    name: text.slice(0, 60),
    plan: (sqlite.prepare(`explain query plan ${text}`).all(...(text.match(/\?/g) ?? []).map(() => null)) as { detail: string }[]).map((r) => r.detail),
  }));
  for (const p of plans) log(`   plan of ${p.name}…: ${p.plan.join(' | ')}`);

  return {
    customers: env.contacts,
    orders: EVIDENCE_ORDERS,
    lines: base.lines,
    loadSeconds: base.loadSeconds,
    statsSeconds: base.statsSeconds,
    refreshSeconds: base.refreshSeconds,
    seconds,
    teamSeconds: team.seconds,
    reads,
    values,
    plans,
  };
}
