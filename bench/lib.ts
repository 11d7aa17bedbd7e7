/**
 * Shared pieces of the benchmarks: throwaway databases, the benchmark workspace, timing and formatting.
 * Nothing here is imported by the application; bench/ only reads packages/*.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '@kith/server/config.ts';
import { createCore, type Core } from '@kith/server/core.ts';
import { MODULES } from '@kith/server/modules.ts';
import { createLogger } from '@kith/server/logger.ts';
import { cliActor, type Actor } from '@kith/server/platform/auth/actor.ts';
import type { DialectName } from '@kith/server/platform/db/create-db.ts';
import { makeWorkspace } from '@kith/server/test/factories.ts';

export type Dialect = DialectName;

export const env = {
  contacts: Number(process.env.KITH_BENCH_CONTACTS ?? 1_000_000),
  seed: Number(process.env.KITH_BENCH_SEED ?? 1),
  pgUrl: process.env.KITH_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  httpSeconds: Number(process.env.KITH_BENCH_HTTP_SECONDS ?? 10),
  httpConnections: Number(process.env.KITH_BENCH_HTTP_CONNECTIONS ?? 32),
  /** Keep the databases after the run (and reuse a kept one for `search`/`http`): for investigating, not for figures. */
  keep: process.env.KITH_BENCH_KEEP === '1',
  tmp: process.env.KITH_BENCH_TMP ?? '/tmp/kith-bench',
};

/** One file descriptor on /dev/null: the app logs at its production level (info) without flooding the terminal. */
let devNull: number | undefined;
export const devNullFd = (): number => (devNull ??= openSync('/dev/null', 'w'));

export type BenchDb = { core: Core; dialect: Dialect; name: string; location: string; drop(): Promise<void> };

/**
 * A throwaway, migrated database: a SQLite file under /tmp, or a PostgreSQL database created here and
 * dropped by drop(). With KITH_BENCH_KEEP=1 the name is stable and drop() leaves it in place.
 */
export async function openBenchDb(dialect: Dialect, name: string, opts: { throwaway?: boolean; now?: () => Date } = {}): Promise<BenchDb> {
  const keep = env.keep && !opts.throwaway;
  const suffix = keep ? '' : `_${process.pid}`;
  const dataDir = join(env.tmp, `${dialect}-${name}${suffix}`);
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  let databaseUrl: string | undefined;
  let dbName: string | null = null;
  if (dialect === 'postgres') {
    dbName = `kith_bench_${name}${suffix}`;
    const admin = new pg.Client({ connectionString: env.pgUrl });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount;
    if (exists && !keep) await admin.query(`drop database "${dbName}" with (force)`);
    if (!exists || !keep) await admin.query(`create database "${dbName}"`);
    await admin.end();
    const u = new URL(env.pgUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const config = loadConfig({}, { dataDir, databaseUrl, logLevel: 'info', secret: 'bench-secret-bench-secret-bench-secret-0' });
  const core = await createCore(config, { modules: MODULES, log: createLogger('info', devNullFd()), migrate: true, ...(opts.now ? { now: opts.now } : {}) });
  const location = dialect === 'sqlite' ? join(dataDir, 'kith.db') : `postgres database ${dbName}`;
  return {
    core,
    dialect,
    name,
    location,
    async drop() {
      await core.close();
      if (keep) return;
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) {
        const admin = new pg.Client({ connectionString: env.pgUrl });
        await admin.connect();
        await admin.query(`drop database if exists "${dbName}" with (force)`);
        await admin.end();
      }
    },
  };
}

export type BenchWorkspace = { workspaceId: string; userId: string; actor: Actor };

/** The benchmark's workspace and its owner (made with the test factories; reused when a kept database has one). */
export async function benchWorkspace(core: Core): Promise<BenchWorkspace> {
  const found = await core.db
    .selectFrom('memberships')
    .select(['workspace_id', 'user_id'])
    .where('role', '=', 'owner')
    .orderBy('created_at')
    .executeTakeFirst();
  if (found)
    return {
      workspaceId: found.workspace_id,
      userId: found.user_id,
      actor: cliActor({ userId: found.user_id, workspaceId: found.workspace_id, role: 'owner', teamIds: [] }),
    };
  const { workspaceId, owner } = await makeWorkspace(core, { name: 'Kith benchmark', phoneRegion: 'VN' });
  return { workspaceId, userId: owner.userId, actor: owner.actor };
}

export async function countContacts(core: Core): Promise<number> {
  const r = await core.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: env.pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

// ---------------------------------------------------------------- numbers

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export type Dist = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function dist(samples: readonly number[]): Dist {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    p99: percentile(s, 0.99),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms';
export const int = (x: number): string => Math.round(x).toLocaleString('en-US');
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

// ---------------------------------------------------------------- the machine

export async function machine(withPg: boolean): Promise<Record<string, string>> {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
  const sqliteVersion = await (async () => {
    const { default: Sqlite } = await import('better-sqlite3');
    const d = new Sqlite(':memory:');
    const v = (d.prepare('select sqlite_version() as v').get() as { v: string }).v;
    d.close();
    return v;
  })();
  let pgVersion = 'not run';
  if (withPg) {
    const c = new pg.Client({ connectionString: env.pgUrl });
    await c.connect();
    pgVersion = String((await c.query('show server_version')).rows[0].server_version);
    const s = await c.query("select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'synchronous_commit')");
    pgVersion += ` (${s.rows.map((r: { name: string; setting: string; unit: string | null }) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ')})`;
    await c.end();
  }
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc').toString().trim();
  } catch {}
  return {
    date: new Date().toISOString(),
    nproc,
    ram: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpu: cpuModel,
    node: process.version,
    sqlite: sqliteVersion,
    postgres: pgVersion,
  };
}

/** mulberry32: a small seeded generator, enough for synthetic data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
