import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { DbHandle } from './create-db.ts';

/**
 * Checkpoints of a SQLite database in a thread of their own, while a bulk write (an import) runs.
 *
 * In WAL mode a commit appends the pages it changed to the log, and the commit that finds the log past
 * `wal_autocheckpoint` pages (1,000) then copies them all into the database file and syncs it — on the
 * committing thread, which for better-sqlite3 is the event loop. At a million contacts an import batch dirties
 * about six pages a row at random places of the lookup-key and name indexes, so every batch's commit also ran
 * a checkpoint of thousands of random writes: two thirds of the commit's time, a third of the import's
 * (docs/BENCHMARKS.md (g)). Held, the process's connection stops checkpointing (`wal_autocheckpoint = 0`) and a
 * worker thread with its own connection runs a PASSIVE checkpoint when nudged (after each batch): it copies
 * only committed pages, never waits for the process's connection nor makes it wait, and writes nothing of the
 * application's; the log restarts from its beginning at the first commit after a complete checkpoint. The
 * event loop gets the checkpoint's time back, so a batch of the same duration holds more rows.
 *
 * Shared by the holders of one database (two imports at once); the last release stops the worker after a last
 * checkpoint and gives SQLite its own checkpoints back. If the worker fails, they are given back at once.
 * Nothing on PostgreSQL or an in-memory database.
 */
export type BackgroundCheckpoints = {
  /** Checkpoint what is committed by now, in the worker; resolves with the log's size and the pages copied (null without a worker). */
  nudge(): Promise<{ log: number; checkpointed: number } | null>;
  /** Done: the last holder stops the worker. */
  release(): Promise<void>;
};

type Shared = {
  worker: Worker;
  holders: number;
  autocheckpoint: number;
  waiting: ((r: { log: number; checkpointed: number } | null) => void)[];
  alive: boolean;
};
const shared = new WeakMap<BetterSqlite3.Database, Shared>();
const NONE: BackgroundCheckpoints = { nudge: async () => null, release: async () => {} };
/** How long a release waits for the worker's last checkpoint before it stops it anyway. */
const STOP_WAIT_MS = 10_000;

export function holdBackgroundCheckpoints(h: Pick<DbHandle, 'sqlite'>): BackgroundCheckpoints {
  const sqlite = h.sqlite;
  if (!sqlite || sqlite.memory || !sqlite.open) return NONE;
  let s = shared.get(sqlite);
  if (!s || !s.alive) s = start(sqlite);
  s.holders++;
  const mine = s;
  let released = false;
  return {
    nudge() {
      if (released || !mine.alive) return Promise.resolve(null);
      return new Promise((resolve) => {
        mine.waiting.push(resolve);
        mine.worker.postMessage('checkpoint');
      });
    },
    async release() {
      if (released) return;
      released = true;
      if (--mine.holders > 0 || !mine.alive) return;
      await stop(sqlite, mine);
    },
  };
}

function start(sqlite: BetterSqlite3.Database): Shared {
  const autocheckpoint = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  const worker = new Worker(new URL('./checkpoint.worker.ts', import.meta.url), { workerData: { file: sqlite.name } });
  // Not what keeps the process alive: a release waits for it with a timer of its own.
  worker.unref();
  const s: Shared = { worker, holders: 0, autocheckpoint, waiting: [], alive: true };
  shared.set(sqlite, s);
  sqlite.pragma('wal_autocheckpoint = 0');
  worker.on('message', (m: { log: number; checkpointed: number }) => s.waiting.shift()?.(m));
  const gone = () => {
    if (!s.alive) return;
    // The worker failed (or was stopped): SQLite checkpoints on its own again, whoever still holds it.
    giveBack(sqlite, s);
  };
  worker.once('error', gone);
  worker.once('exit', gone);
  return s;
}

function giveBack(sqlite: BetterSqlite3.Database, s: Shared): void {
  s.alive = false;
  if (shared.get(sqlite) === s) {
    shared.delete(sqlite);
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${s.autocheckpoint}`);
  }
  for (const w of s.waiting.splice(0)) w(null);
}

async function stop(sqlite: BetterSqlite3.Database, s: Shared): Promise<void> {
  giveBack(sqlite, s);
  const exited = new Promise<void>((resolve) => s.worker.once('exit', () => resolve()));
  s.worker.postMessage('stop');
  const timer = setTimeout(() => void s.worker.terminate(), STOP_WAIT_MS);
  await exited;
  clearTimeout(timer);
}
