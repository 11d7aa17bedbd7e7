/**
 * (k) RFM over 10,000,000 transactions of 1,000,000 customers (issue 5), beside DuckDB computing the same in
 * the same run (a benchmark-only dev dependency). Target: within 2× of DuckDB.
 *
 * From a file: `kith analytics rfm --transactions FILE` — the CSV read, purchase days grouped per customer,
 * the three quintile rankings — vs DuckDB's `read_csv` and the same query (grouped per day, NTILE(5) with ties
 * by customer id, the segment grid). The two must agree on every customer's scores.
 *
 * From the database: the same transactions as orders of a million contacts, loaded raw (not timed); then
 * `workspaceRfm` as of today — the first time, the per-customer aggregates are built from one scan of the
 * orders (reported); after a day's 1,000 new orders (their customers recomputed), the ranking of the
 * aggregates (the figure) — vs DuckDB running the query over the transactions held in a DuckDB table.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RFM_GRID, rfmFromBuilder, type RfmRow } from '@kith/domain/analytics/rfm.ts';
import { dayNumber } from '@kith/domain/analytics/transactions.ts';
import { readTransactionsFile } from '@kith/server/features/analytics/transactions-file.ts';
import { workspaceRfm } from '@kith/server/features/analytics/rfm.service.ts';
import { freshStats } from '@kith/server/features/analytics/customer-stats.ts';
import { createOrders } from '@kith/server/features/commerce/order-write.service.ts';
import { bulkInsert } from '@kith/server/platform/db/bulk-insert.ts';
import { uuidv7 } from '@kith/server/platform/db/ids.ts';
import { refreshPlannerStats } from '@kith/server/platform/db/planner-stats.ts';
import { benchWorkspace, env, int, log, openBenchDb, rng, type Dialect } from './lib.ts';

export const RFM_TRANSACTIONS = Number(process.env.KITH_BENCH_TRANSACTIONS ?? 10_000_000);
const AS_OF = '2026-11-01';
const FIRST_DAY = dayNumber('2023-11-01');
const DAYS = 1096;

/** Transactions: customers skewed (a few buy often), days over three years, amounts in whole đồng. */
function* transactions(n: number, customers: number, seed: number): Generator<{ c: number; day: number; amount: number }> {
  const u = rng(seed);
  for (let i = 0; i < n; i++)
    yield { c: Math.floor(u() ** 1.6 * customers), day: FIRST_DAY + Math.floor(u() * DAYS), amount: 10_000 + 1000 * Math.floor(u() * 2000) };
}

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

async function transactionsFile(): Promise<string> {
  mkdirSync(env.tmp, { recursive: true });
  const file = join(env.tmp, `rfm-${RFM_TRANSACTIONS}-${env.contacts}-${env.seed}.csv`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const out = createWriteStream(`${file}.part`);
  out.write('customer_id,date,amount\n');
  let buf: string[] = [];
  for (const t of transactions(RFM_TRANSACTIONS, env.contacts, env.seed)) {
    buf.push(`C${t.c},${isoDay(t.day)},${t.amount}`);
    if (buf.length === 20_000) {
      if (!out.write(`${buf.join('\n')}\n`)) await new Promise<void>((ok) => out.once('drain', () => ok()));
      buf = [];
    }
  }
  await new Promise<void>((ok) => out.end(buf.length ? `${buf.join('\n')}\n` : '', () => ok()));
  renameSync(`${file}.part`, file);
  return file;
}

/** The RFM query in DuckDB: purchase days per customer, NTILE(5) with ties by id, the segment of the R×F grid. */
function duckRfmSql(source: string): string {
  const grid = DEFAULT_RFM_GRID.flatMap((row, r) => row.map((seg, f) => `when r = ${r + 1} and f = ${f + 1} then '${seg}'`)).join(' ');
  return `
    with d as (select customer_id, date, sum(amount) as amount from ${source} group by customer_id, date),
    c as (select customer_id, date '${AS_OF}' - max(date) as recency, count(*) as frequency, sum(amount) as monetary from d group by customer_id),
    s as (select customer_id, recency, frequency, monetary,
            ntile(5) over (order by recency desc, customer_id) as r,
            ntile(5) over (order by frequency, customer_id) as f,
            ntile(5) over (order by monetary, customer_id) as m from c)
    select customer_id, r, f, m, case ${grid} end as segment, recency, frequency, monetary from s`;
}

type Duck = { run(sql: string): Promise<unknown>; runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>; closeSync?(): void };

async function duck(): Promise<Duck> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  return (await db.connect()) as unknown as Duck;
}

const time = async <T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t) / 1000 };
};

export type RfmFileResult = {
  transactions: number;
  customers: number;
  fileMiB: number;
  seconds: number[];
  duckSeconds: number[];
  ratio: number;
  agree: boolean;
  rssPeakMiB: number;
};

export async function benchRfmFile(): Promise<RfmFileResult> {
  const tg = performance.now();
  const file = await transactionsFile();
  log(
    `   ${file}: ${int(RFM_TRANSACTIONS)} transactions, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB (written in ${((performance.now() - tg) / 1000).toFixed(0)} s, not timed)`,
  );
  const asOf = dayNumber(AS_OF);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20)), 100);
  const ours: number[] = [];
  let rows: RfmRow[] = [];
  for (let i = 0; i < 2; i++) {
    globalThis.gc?.();
    const r = await time(async () => {
      const { builder } = await readTransactionsFile(file);
      return rfmFromBuilder(builder, asOf);
    });
    ours.push(r.seconds);
    rows = r.value;
  }
  clearInterval(sampler);
  const c = await duck();
  const theirs: number[] = [];
  let duckRows: unknown[][] = [];
  for (let i = 0; i < 2; i++) {
    const r = await time(() =>
      c.runAndReadAll(duckRfmSql(`read_csv('${file}', header = true, columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'})`)),
    );
    theirs.push(r.seconds);
    duckRows = r.value.getRows();
  }
  c.closeSync?.();
  // Every customer's scores and segment, the same.
  const mine = new Map(rows.map((x) => [x.customerId, `${x.r}${x.f}${x.m}${x.segment}`]));
  const agree = duckRows.length === rows.length && duckRows.every((d) => mine.get(String(d[0])) === `${d[1]}${d[2]}${d[3]}${d[4]}`);
  const best = (xs: number[]) => Math.min(...xs);
  return {
    transactions: RFM_TRANSACTIONS,
    customers: rows.length,
    fileMiB: statSync(file).size / 2 ** 20,
    seconds: ours,
    duckSeconds: theirs,
    ratio: best(ours) / best(theirs),
    agree,
    rssPeakMiB: peak,
  };
}

export type RfmDbResult = {
  customers: number;
  orders: number;
  loadSeconds: number;
  buildSeconds: number;
  dirty: number;
  seconds: number[];
  duckSeconds: number[];
  ratio: number;
  agree: boolean;
};

export async function benchRfmDb(dialect: Dialect): Promise<RfmDbResult> {
  const db = await openBenchDb(dialect, 'rfm', { throwaway: true });
  try {
    const ws = await benchWorkspace(db.core);
    const now = new Date().toISOString();
    const ids = Array.from({ length: env.contacts }, () => uuidv7());
    const load = await time(async () => {
      for (let i = 0; i < ids.length; i += 20_000) {
        const rows = ids.slice(i, i + 20_000).map((id, k) => ({
          id,
          workspace_id: ws.workspaceId,
          name: `Khách ${i + k}`,
          name_key: `khach ${i + k}`,
          search_text: `khach ${i + k}`,
          emails: '[]',
          phones: '[]',
          interests: '[]',
          tags: '[]',
          consents: '{}',
          custom: '{}',
          lifecycle_stage: 'repeat',
          owner_id: ws.userId,
          created_at: now,
          updated_at: now,
          created_by: ws.userId,
          updated_by: ws.userId,
          version: 1,
        }));
        await db.core.db.transaction().execute((trx) => bulkInsert(trx, 'contacts', rows));
      }
      let batch: Record<string, unknown>[] = [];
      let n = 0;
      const flush = async () => {
        const rows = batch;
        batch = [];
        await db.core.db.transaction().execute((trx) => bulkInsert(trx, 'orders', rows));
      };
      for (const t of transactions(RFM_TRANSACTIONS, env.contacts, env.seed)) {
        n++;
        batch.push({
          id: uuidv7(),
          workspace_id: ws.workspaceId,
          number: `B${n}`,
          number_key: `b${n}`,
          contact_id: ids[t.c],
          ordered_at: `${isoDay(t.day)}T03:00:00.000Z`,
          status: 'paid',
          currency: 'VND',
          subtotal: t.amount,
          discount: 0,
          shipping: 0,
          total: t.amount,
          tags: '[]',
          created_at: now,
          updated_at: now,
          created_by: ws.userId,
          updated_by: ws.userId,
          version: 1,
        });
        if (batch.length === 20_000) await flush();
        if (n % 2_000_000 === 0) log(`   loaded ${int(n)} orders`);
      }
      if (batch.length) await flush();
    });
    log(`   ${int(env.contacts)} contacts and ${int(RFM_TRANSACTIONS)} orders loaded raw in ${load.seconds.toFixed(0)} s (not timed)`);
    // What the app does as an import grows the tables: fresh planner statistics.
    await refreshPlannerStats(db.core.dbHandle);
    const build = await time(() => freshStats(db.core, ws.workspaceId));
    log(`   the per-customer aggregates built from one scan of the orders: ${build.seconds.toFixed(1)} s (once, after a bulk load)`);
    // A day of trade: 1,000 new orders through the service, their customers marked for recomputing.
    const day = await createOrders(
      db.core,
      ws.actor,
      Array.from({ length: 1000 }, (_, i) => ({
        contactId: ids[(i * 997) % ids.length]!,
        orderedAt: `2026-10-31T0${i % 9}:00:00.000Z`,
        lines: [{ name: 'Trà', quantity: 1, unitPrice: 50_000 }],
      })) as never,
      { bulk: true },
    );
    const seconds: number[] = [];
    let rows: RfmRow[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await time(() => workspaceRfm(db.core, ws.actor, AS_OF));
      seconds.push(r.seconds);
      rows = r.value.rows;
    }
    // DuckDB over the same purchases, held in a table (the 1,000 new orders included).
    const c = await duck();
    await c.run(`create table tx (customer_id varchar, date date, amount double)`);
    const file = await transactionsFile();
    await c.run(
      `insert into tx select 'C' || substr(customer_id, 2), date, amount from read_csv('${file}', header = true, columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'})`,
    );
    const idOf = new Map(ids.map((id, i) => [id, i]));
    const extra = day.map((o) => `('C${idOf.get(o.contactId)}', date '2026-10-31', 50000)`);
    for (let i = 0; i < extra.length; i += 500) await c.run(`insert into tx values ${extra.slice(i, i + 500).join(',')}`);
    const duckSeconds: number[] = [];
    let duckRows: unknown[][] = [];
    for (let i = 0; i < 2; i++) {
      const r = await time(() => c.runAndReadAll(duckRfmSql('tx')));
      duckSeconds.push(r.seconds);
      duckRows = r.value.getRows();
    }
    c.closeSync?.();
    // The same customers with the same recency, frequency and spend (their ids differ, so ties may rank apart).
    const tally = (keys: string[]) => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const mine = tally(rows.map((x) => `${x.recency}|${x.frequency}|${x.monetary}`));
    const theirs = tally(duckRows.map((d) => `${Number(d[5])}|${Number(d[6])}|${Number(d[7])}`));
    const agree = mine.size === theirs.size && [...mine].every(([k, v]) => theirs.get(k) === v);
    const best = (xs: number[]) => Math.min(...xs);
    // The figure is the first run, the one that recomputes the day's customers first.
    return {
      customers: rows.length,
      orders: RFM_TRANSACTIONS + day.length,
      loadSeconds: load.seconds,
      buildSeconds: build.seconds,
      dirty: new Set(day.map((o) => o.contactId)).size,
      seconds,
      duckSeconds,
      ratio: seconds[0]! / best(duckSeconds),
      agree,
    };
  } finally {
    await db.drop();
  }
}
