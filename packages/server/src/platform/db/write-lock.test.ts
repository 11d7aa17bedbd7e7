/**
 * Two connections to one SQLite file, as the CLI and a running server are (issue 18): a write transaction that
 * reads first waits for the other's write lock instead of failing with SQLITE_BUSY.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDb, type DbHandle } from './create-db.ts';
import { onPostgres } from '../../../test/test-db.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function pair(o: { waitMs?: number } = {}): { holder: DbHandle; other: DbHandle; close(): Promise<void> } {
  const d = mkdtempSync(join(tmpdir(), 'kith-lock-'));
  dirs.push(d);
  const file = join(d, 'kith.db');
  const holder = createDb({ kind: 'sqlite', file });
  holder.sqlite!.exec('create table things (id integer primary key, n integer not null)');
  holder.sqlite!.exec('insert into things (n) values (1)');
  const other = createDb({ kind: 'sqlite', file, ...(o.waitMs !== undefined ? { waitMs: o.waitMs } : {}) });
  return {
    holder,
    other,
    async close() {
      await holder.close();
      await other.close();
    },
  };
}

/** The count of rows, through Kysely's untyped raw SQL (the table is this test's own). */
const rows = async (h: DbHandle) => (await sql<{ n: number }>`select count(*) as n from things`.execute(h.db)).rows[0]!.n;

describe('the SQLite write lock', { skip: onPostgres() ? 'SQLite only' : false }, () => {
  test('a transaction that reads and then writes waits for another connection’s write, then commits', async () => {
    const { holder, other, close } = pair();
    try {
      holder.sqlite!.exec('begin immediate');
      holder.sqlite!.exec('insert into things (n) values (2)');
      let released = false;
      const release = setTimeout(() => {
        released = true;
        holder.sqlite!.exec('commit');
      }, 300);
      // Deferred, this read would have begun a snapshot; the insert would then have failed at once with SQLITE_BUSY.
      const seen = await other.db.transaction().execute(async (trx) => {
        const before = (await sql<{ n: number }>`select count(*) as n from things`.execute(trx)).rows[0]!.n;
        await sql`insert into things (n) values (3)`.execute(trx);
        return before;
      });
      clearTimeout(release);
      assert.ok(released, 'it waited for the other write to end');
      assert.equal(seen, 2, 'and read after it: the other connection’s row is there');
      assert.equal(await rows(other), 3);
      assert.ok(other.writeLock!.busy > 0, 'the wait is counted');
      assert.equal(other.writeLock!.transactions, 1);
      assert.ok(other.writeLock!.longestWaitMs > 0);
    } finally {
      await close();
    }
  });

  test('a write outside a transaction waits too; a read-only transaction does not take the lock', async () => {
    const { holder, other, close } = pair();
    try {
      holder.sqlite!.exec('begin immediate');
      let released = false;
      let readDone = false;
      const release = () => {
        if (released) return;
        released = true;
        holder.sqlite!.exec('commit');
      };
      const safety = setTimeout(release, 5_000);
      const n = await other.db
        .transaction()
        .setAccessMode('read only')
        .execute(async (trx) => (await sql<{ n: number }>`select count(*) as n from things`.execute(trx)).rows[0]!.n);
      readDone = true;
      assert.equal(n, 1);
      assert.equal(released, false, 'the read did not wait for the writer');
      setTimeout(release, 200);
      await sql`insert into things (n) values (4)`.execute(other.db);
      clearTimeout(safety);
      assert.ok(readDone && released);
      assert.equal(await rows(other), 2);
    } finally {
      await close();
    }
  });

  test('past its wait, a write fails with SQLite’s own SQLITE_BUSY and leaves no transaction open', async () => {
    const { holder, other, close } = pair({ waitMs: 300 });
    try {
      holder.sqlite!.exec('begin immediate');
      await assert.rejects(
        other.db.transaction().execute((trx) => sql`insert into things (n) values (5)`.execute(trx)),
        (e: { code?: string }) => e.code === 'SQLITE_BUSY',
      );
      assert.equal(other.sqlite!.inTransaction, false);
      holder.sqlite!.exec('commit');
      await other.db.transaction().execute((trx) => sql`insert into things (n) values (6)`.execute(trx));
      assert.equal(await rows(other), 2);
    } finally {
      await close();
    }
  });
});
