import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/**
 * SQLite checkpoints in their own thread (db/checkpointer.ts): a connection of its own to the same file that
 * only ever copies committed pages from the write-ahead log into the database (PASSIVE: it never waits for,
 * nor blocks, the process's connection). It writes nothing of the application's.
 */
const { file } = workerData as { file: string };
const db = new BetterSqlite3(file, { fileMustExist: true });
const port = parentPort!;

type Result = { busy: number; log: number; checkpointed: number };
port.on('message', (m: 'checkpoint' | 'stop') => {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Result[];
  if (m === 'stop') {
    db.close();
    port.close();
    return;
  }
  port.postMessage({ log: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 });
});
