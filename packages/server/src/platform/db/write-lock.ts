import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';

/**
 * SQLite has one writer at a time per database file, and the CLI shares the file with a running server (issue 18).
 *
 * - **Write transactions begin IMMEDIATE.** Kysely's SQLite driver began every transaction with a plain (deferred)
 *   `begin`: the transaction reads first, and its first write must turn the read into a write. When another
 *   process committed in between, or holds the lock then, SQLite refuses the turn at once with SQLITE_BUSY — the
 *   busy timeout is not consulted for it, since waiting could deadlock two such transactions (and a snapshot older
 *   than the last commit cannot be written from anyway). `begin immediate` takes the write lock first, where
 *   waiting is safe, so a write transaction waits its turn and then never meets BUSY. `db.transaction()
 *   .setAccessMode('read only')` still begins deferred, for a long read that must not hold the lock.
 * - **The wait is this driver's, not SQLite's.** better-sqlite3 is synchronous, and SQLite's busy handler sleeps on
 *   this thread: a 10 s busy timeout froze the server's event loop (requests, timers, lease heartbeats) while the
 *   CLI wrote. The connection's busy timeout is SYNC_BUSY_MS; past it, the BEGIN — or a statement outside a
 *   transaction, which changed nothing when it failed — is tried again after an asynchronous pause, up to
 *   WRITE_LOCK_WAIT_MS in all, and only then fails (with SQLite's own SQLITE_BUSY).
 * - **It is measured.** `stats` counts write transactions, the longest a transaction of this process held the lock,
 *   and the most CPU time one took (on a busy machine the
 *   hold is stretched by scheduling; the CPU time is the work), how often the lock was found taken and the longest wait; a transaction that held it past SLOW_WRITE_MS is
 *   reported with its stack (core.ts logs it), which is how the long ones are found.
 *
 * SQLITE_LOCKED is not waited for: it is a conflict inside this connection (a table dropped under a running
 * statement), which no other process ends.
 */

export const SYNC_BUSY_MS = 250;
export const WRITE_LOCK_WAIT_MS = 30_000;
export const SLOW_WRITE_MS = 500;

export type WriteLockStats = {
  /** Write transactions ended (committed or rolled back). */
  transactions: number;
  /** The longest one of them held the write lock, in ms. */
  longestMs: number;
  /** The most CPU time (this process's) one of them took, in ms: the hold a busy machine's scheduling did not stretch. */
  longestCpuMs: number;
  /** Times a BEGIN or a statement outside a transaction found the database locked by another connection. */
  busy: number;
  /** The longest wait for the lock, in ms (0 when it was never taken). */
  longestWaitMs: number;
};

export type SlowWriteListener = (e: { ms: number; cpuMs: number; stack: string }) => void;

const isBusy = (e: unknown) => typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_BUSY');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A statement that only reads: its run holds no write lock. */
const READ = /^\s*(select|pragma|explain|with\s[^;]*\)\s*select)\b/i;

/**
 * A write on the raw SQLite handle (ANALYZE, outside Kysely): tried again after an asynchronous pause while another
 * connection holds the lock, up to WRITE_LOCK_WAIT_MS. For a statement that changes nothing when it fails.
 */
export async function whenUnlocked<T>(write: () => T, waitMs = WRITE_LOCK_WAIT_MS): Promise<T> {
  const t0 = performance.now();
  let pause = 5;
  for (;;) {
    try {
      return write();
    } catch (e) {
      if (!isBusy(e) || performance.now() - t0 >= waitMs) throw e;
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }
}

export class WriteLock {
  readonly stats: WriteLockStats = { transactions: 0, longestMs: 0, longestCpuMs: 0, busy: 0, longestWaitMs: 0 };
  #began: number | null = null;
  #cpu: NodeJS.CpuUsage | null = null;
  readonly #sqlite: BetterSqlite3.Database;
  readonly #waitMs: number;
  readonly #onSlowWrite: SlowWriteListener | undefined;

  constructor(sqlite: BetterSqlite3.Database, o: { waitMs: number; onSlowWrite?: SlowWriteListener }) {
    this.#sqlite = sqlite;
    this.#waitMs = o.waitMs;
    this.#onSlowWrite = o.onSlowWrite;
  }

  /** Kysely's SQLite driver, with write transactions begun IMMEDIATE, the lock waited for and the hold measured. */
  driver(inner: Driver): Driver {
    let wrapped: DatabaseConnection | undefined;
    const ended = () => this.#ended();
    return {
      init: () => inner.init(),
      acquireConnection: async () => {
        const c = await inner.acquireConnection();
        wrapped ??= this.#connection(c);
        return wrapped;
      },
      beginTransaction: async (c: DatabaseConnection, settings: TransactionSettings) => {
        const write = settings.accessMode !== 'read only';
        await c.executeQuery(CompiledQuery.raw(write ? 'begin immediate' : 'begin'));
        if (write) {
          this.#began = performance.now();
          this.#cpu = process.cpuUsage();
        }
      },
      commitTransaction: async (c) => {
        try {
          await inner.commitTransaction(c);
        } finally {
          if (!this.#sqlite.inTransaction) ended();
        }
      },
      rollbackTransaction: async (c) => {
        try {
          await inner.rollbackTransaction(c);
        } finally {
          ended();
        }
      },
      savepoint: (c, name, compile) => inner.savepoint!(c, name, compile),
      rollbackToSavepoint: (c, name, compile) => inner.rollbackToSavepoint!(c, name, compile),
      releaseSavepoint: (c, name, compile) => inner.releaseSavepoint!(c, name, compile),
      releaseConnection: (c) => inner.releaseConnection(c),
      destroy: () => inner.destroy(),
    };
  }

  #ended(): void {
    if (this.#began === null) return;
    const ms = performance.now() - this.#began;
    const cpu = process.cpuUsage(this.#cpu ?? undefined);
    this.#began = null;
    this.#held(ms, (cpu.user + cpu.system) / 1000);
  }

  #held(ms: number, cpuMs: number): void {
    this.stats.transactions++;
    if (ms > this.stats.longestMs) this.stats.longestMs = ms;
    if (cpuMs > this.stats.longestCpuMs) this.stats.longestCpuMs = cpuMs;
    if (ms >= SLOW_WRITE_MS && this.#onSlowWrite) this.#onSlowWrite({ ms, cpuMs, stack: new Error('slow write').stack ?? '' });
  }

  /** The connection, with a statement outside a transaction (a BEGIN among them) tried again while the lock is taken. */
  #connection(inner: DatabaseConnection): DatabaseConnection {
    const sqlite = this.#sqlite;
    return {
      executeQuery: async <R>(q: CompiledQuery): Promise<QueryResult<R>> => {
        if (sqlite.inTransaction) return inner.executeQuery<R>(q);
        const t0 = performance.now();
        let pause = 5;
        let waited = false;
        for (;;) {
          const t = performance.now();
          const cpu = process.cpuUsage();
          try {
            const r = await inner.executeQuery<R>(q);
            if (waited) this.stats.longestWaitMs = Math.max(this.stats.longestWaitMs, performance.now() - t0);
            // A write outside a transaction holds the lock for its own run.
            if (!sqlite.inTransaction && !READ.test(q.sql)) {
              const used = process.cpuUsage(cpu);
              this.#held(performance.now() - t, (used.user + used.system) / 1000);
            }
            return r;
          } catch (e) {
            if (!isBusy(e)) throw e;
            // A BEGIN IMMEDIATE that met BUSY began nothing; make sure of it before trying again.
            if (sqlite.inTransaction) sqlite.exec('rollback');
            this.stats.busy++;
            waited = true;
            if (performance.now() - t0 >= this.#waitMs) throw e;
            await sleep(pause);
            pause = Math.min(pause * 2, 100);
          }
        }
      },
      streamQuery: (q, chunk) => inner.streamQuery(q, chunk),
    };
  }
}
