import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { SYNC_BUSY_MS, WRITE_LOCK_WAIT_MS, WriteLock, type SlowWriteListener, type WriteLockStats } from './write-lock.ts';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  dialect: DialectName;
  /** The raw SQLite handle (backups, pragmas); undefined on PostgreSQL. */
  sqlite?: BetterSqlite3.Database;
  /** SQLite: how the write lock was held and waited for (db/write-lock.ts); undefined on PostgreSQL. */
  writeLock?: WriteLockStats;
  /** Does the database answer? For /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

export type DbOptions =
  | { kind: 'sqlite'; file: string; onSlowWrite?: SlowWriteListener; waitMs?: number }
  | { kind: 'postgres'; url: string; poolSize?: number };

/**
 * SQLite runs in WAL mode with synchronous=FULL (docs/reliability.md: NORMAL can lose the last commits on
 * power loss), foreign keys on, and a busy timeout so the CLI and the server can share the file.
 */
export function openSqlite(file: string): BetterSqlite3.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const s = new BetterSqlite3(file);
  s.pragma('journal_mode = WAL');
  s.pragma('synchronous = FULL');
  s.pragma('foreign_keys = ON');
  s.pragma('busy_timeout = 10000');
  s.pragma('cache_size = -65536');
  s.pragma('temp_store = MEMORY');
  s.pragma('mmap_size = 268435456');
  return s;
}

/**
 * Kysely's SQLite driver prepares every statement on every execution, and preparing costs about as much as
 * running a simple query. Kith issues a small, fixed set of statements, so keep the prepared ones (bounded,
 * least recently used first out). Measured: GET /contacts?limit=50 +40% requests/s (docs/BENCHMARKS.md).
 * Reusing a statement is safe here: Kysely runs one query at a time on its single SQLite connection.
 *
 * Bounded by their text too: a multi-row insert of a few hundred rows is a prepared program of about 1.3 MB
 * (45 bytes per character of its SQL), and batches of varying sizes (an import's, sized by time) made a
 * thousand distinct ones — 1.3 GB resident. Past STATEMENT_CACHE_CHARS the least recently used go.
 */
const STATEMENT_CACHE_SIZE = 1000;
const STATEMENT_CACHE_CHARS = 1_000_000;
function withStatementCache(sqlite: BetterSqlite3.Database): { prepare(sql: string): BetterSqlite3.Statement; close(): void } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  let chars = 0;
  return {
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        chars += text.length;
        while (cache.size > 0 && (cache.size >= STATEMENT_CACHE_SIZE || chars > STATEMENT_CACHE_CHARS)) {
          const oldest = cache.keys().next().value!;
          cache.delete(oldest);
          chars -= oldest.length;
        }
      }
      cache.set(text, stmt);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

/**
 * pg returns timestamptz as Date, date as a local-midnight Date and int8 as a string. Kith's row types
 * expect ISO strings for both kinds of time (as SQLite stores them) and numbers for counts.
 */
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const DATE = 1082;
const INT8 = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ || oid === TIMESTAMP) {
      const base = pg.types.getTypeParser(oid, 'text') as (v: string) => Date;
      return (v: string) => base(v).toISOString();
    }
    if (oid === DATE) return (v: string) => v;
    if (oid === INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export function createDb(options: DbOptions): DbHandle {
  if (options.kind === 'sqlite') {
    const sqlite = openSqlite(options.file);
    // The driver waits for another process's write lock itself, giving the event loop turns (write-lock.ts):
    // SQLite's own busy wait blocks this thread, so it is kept short on the connection the application uses.
    sqlite.pragma(`busy_timeout = ${SYNC_BUSY_MS}`);
    const writeLock = new WriteLock(sqlite, {
      waitMs: options.waitMs ?? WRITE_LOCK_WAIT_MS,
      ...(options.onSlowWrite ? { onSlowWrite: options.onSlowWrite } : {}),
    });
    const dialect = new SqliteDialect({ database: withStatementCache(sqlite) });
    const db = new Kysely<Database>({
      dialect: {
        createAdapter: () => dialect.createAdapter(),
        createIntrospector: (k) => dialect.createIntrospector(k),
        createQueryCompiler: () => dialect.createQueryCompiler(),
        createDriver: () => writeLock.driver(dialect.createDriver()),
      },
    });
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      writeLock: writeLock.stats,
      async ping() {
        try {
          sqlite.prepare('select 1').get();
          return true;
        } catch {
          return false;
        }
      },
      async close() {
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: pgTypes as pg.CustomTypesConfig,
    options: '-c TimeZone=UTC',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
