/**
 * (a) Creating contacts through the service layer vs a raw batched insert of the same rows.
 *
 * Service: createContacts(core, owner, 1,000 demo inputs, { bulk: true }) — per batch one transaction with
 * validation, phone normalisation to E.164, the search line (and so the FTS5 row / tsvector), lookup
 * keys and one audit row per contact. The inputs are generated before the clock starts.
 *
 * Raw: the very rows the service just wrote (read back from its database, outside the clock) inserted
 * with Kysely into `contacts` of a second, identical database: same batch size, one transaction per
 * batch, 400 rows per INSERT statement like the repository (SQLite's bound-parameter limit). The
 * table's own work (indexes, the FTS5 trigger on SQLite, the generated tsvector and GIN index on
 * PostgreSQL) is part of the raw figure: it is what any insert into `contacts` costs.
 *
 * The two runs alternate batch by batch, so both see the same machine state and the same table sizes.
 */
import type { Insertable } from 'kysely';
import { demoCompanyCount, demoContact } from '@kith/domain/demo/demo-data.ts';
import type { ContactCreateInput } from '@kith/domain/contacts/contact.schema.ts';
import { createContacts } from '@kith/server/features/contacts/contact.service.ts';
import type { ContactTable } from '@kith/server/features/contacts/contact.table.ts';
import type { Core } from '@kith/server/core.ts';
import { benchWorkspace, env, int, log, openBenchDb, type BenchDb, type BenchWorkspace, type Dialect } from './lib.ts';

export const BATCH = 1000;
const ROWS_PER_INSERT = 400;
const JSON_COLUMNS = ['emails', 'phones', 'interests', 'tags', 'consents', 'custom'] as const;

/** Inputs i..i+n of the deterministic demo data set (no companies: companyId null, owner = the actor). */
export function demoInputs(from: number, to: number): ContactCreateInput[] {
  const companies = demoCompanyCount(env.contacts);
  const out: ContactCreateInput[] = [];
  for (let i = from; i < to; i++) {
    const { companyIndex: _c, ownerSlot: _o, ...c } = demoContact(env.seed, i, companies);
    out.push({ ...c, companyId: null });
  }
  return out;
}

export type InsertResult = {
  rows: number;
  serviceSeconds: number;
  rawSeconds: number;
  serviceRate: number;
  rawRate: number;
  ratio: number;
  serviceBatchMs: { p50: number; max: number };
  rawBatchMs: { p50: number; max: number };
  auditRows: number;
  keyRows: number;
};

/** Fill a database with N contacts through the service (used when `search`/`http` run without `insert`). */
export async function populate(core: Core, ws: BenchWorkspace, total: number, from = 0): Promise<void> {
  const t0 = performance.now();
  for (let i = from; i < total; i += BATCH) {
    await createContacts(core, ws.actor, demoInputs(i, Math.min(total, i + BATCH)), { bulk: true });
    if ((i + BATCH) % 100_000 === 0) log(`    populated ${int(i + BATCH)} (${int((i + BATCH - from) / ((performance.now() - t0) / 1000))} rows/s)`);
  }
}

type RawRow = Omit<Insertable<ContactTable>, 'seq'>;

/** The rows the service wrote after `afterSeq`, as a plain insert into another database would send them. */
async function readBack(core: Core, afterSeq: number, n: number, target: BenchWorkspace): Promise<{ rows: RawRow[]; lastSeq: number }> {
  const found = (await core.db.selectFrom('contacts').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(n).execute()) as Record<string, unknown>[];
  let lastSeq = afterSeq;
  const rows = found.map((r) => {
    lastSeq = Number(r.seq);
    const { seq: _s, search_tsv: _t, ...row } = r;
    for (const k of JSON_COLUMNS) if (typeof row[k] !== 'string') row[k] = JSON.stringify(row[k]);
    return { ...row, workspace_id: target.workspaceId, owner_id: target.userId, created_by: target.userId, updated_by: target.userId } as RawRow;
  });
  return { rows, lastSeq };
}

async function rawInsert(core: Core, rows: RawRow[]): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await trx
        .insertInto('contacts')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Runs (a) and returns the service database, filled with N contacts, for the search and HTTP benchmarks.
 */
export async function benchInsert(dialect: Dialect): Promise<{ result: InsertResult; db: BenchDb; ws: BenchWorkspace }> {
  const total = env.contacts;
  const svc = await openBenchDb(dialect, 'main');
  const raw = await openBenchDb(dialect, 'raw', { throwaway: true });
  try {
    if (env.keep && (await svc.core.db.selectFrom('contacts').select('id').limit(1).execute()).length > 0) {
      throw new Error(`${svc.location} already holds contacts; remove it (or unset KITH_BENCH_KEEP) to run the insert benchmark`);
    }
    const svcWs = await benchWorkspace(svc.core);
    const rawWs = await benchWorkspace(raw.core);
    // No separate warm-up: the first batches (JIT, empty caches) count, which at 1,000 batches is noise.
    let serviceMs = 0;
    let rawMs = 0;
    const svcBatches: number[] = [];
    const rawBatches: number[] = [];
    let lastSeq = 0;
    const t0 = performance.now();
    for (let i = 0; i < total; i += BATCH) {
      const inputs = demoInputs(i, Math.min(total, i + BATCH));
      let t = performance.now();
      await createContacts(svc.core, svcWs.actor, inputs, { bulk: true });
      const s = performance.now() - t;
      serviceMs += s;
      svcBatches.push(s);

      const back = await readBack(svc.core, lastSeq, inputs.length, rawWs);
      lastSeq = back.lastSeq;
      if (back.rows.length !== inputs.length) throw new Error(`read back ${back.rows.length} rows, expected ${inputs.length}`);
      t = performance.now();
      await rawInsert(raw.core, back.rows);
      const r = performance.now() - t;
      rawMs += r;
      rawBatches.push(r);

      const done = i + inputs.length;
      if (done % 100_000 === 0 || done === total) {
        log(
          `    ${int(done).padStart(9)} rows  service ${int(done / (serviceMs / 1000)).padStart(7)} rows/s   raw ${int(done / (rawMs / 1000)).padStart(7)} rows/s   (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
    }
    const count = async (core: Core, t: 'audit_log' | 'contact_keys') =>
      Number(
        (
          await core.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const serviceRate = total / (serviceMs / 1000);
    const rawRate = total / (rawMs / 1000);
    const result: InsertResult = {
      rows: total,
      serviceSeconds: serviceMs / 1000,
      rawSeconds: rawMs / 1000,
      serviceRate,
      rawRate,
      ratio: serviceRate / rawRate,
      serviceBatchMs: { p50: median(svcBatches), max: Math.max(...svcBatches) },
      rawBatchMs: { p50: median(rawBatches), max: Math.max(...rawBatches) },
      auditRows: await count(svc.core, 'audit_log'),
      keyRows: await count(svc.core, 'contact_keys'),
    };
    return { result, db: svc, ws: svcWs };
  } catch (e) {
    await svc.drop();
    throw e;
  } finally {
    await raw.drop();
  }
}
