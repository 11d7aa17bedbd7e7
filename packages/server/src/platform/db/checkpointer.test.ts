import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from './create-db.ts';
import { holdBackgroundCheckpoints } from './checkpointer.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-ckpt-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A WAL database as Kith opens it, with a table of a few pages. */
function database(name: string): BetterSqlite3.Database {
  const s = openSqlite(join(dir, name));
  s.exec('create table things (id integer primary key, body text not null)');
  return s;
}
const write = (s: BetterSqlite3.Database, n: number) => {
  const ins = s.prepare('insert into things (body) values (?)');
  s.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(`thing ${i} `.repeat(100));
  })();
};
const autocheckpoint = (s: BetterSqlite3.Database) => s.pragma('wal_autocheckpoint', { simple: true });

test('held: commits no longer checkpoint on this connection, the worker copies the log when nudged, and a release gives SQLite its checkpoints back', async () => {
  const s = database('one.db');
  assert.equal(autocheckpoint(s), 1000);
  const held = holdBackgroundCheckpoints({ sqlite: s });
  assert.equal(autocheckpoint(s), 0, 'the connection leaves its checkpoints to the worker');
  write(s, 5_000);
  const r = await held.nudge();
  assert.ok(r, 'a worker answered');
  assert.ok(r.log > 1000, `the log grew past the automatic checkpoint's size (${r.log} pages) without one on this thread`);
  assert.equal(r.checkpointed, r.log, 'the worker copied every committed page into the database file');
  await held.release();
  assert.equal(autocheckpoint(s), 1000, 'given back');
  assert.equal(await held.nudge(), null, 'released: no worker any more');
  assert.equal((s.prepare('select count(*) as n from things').get() as { n: number }).n, 5_000);
  assert.equal(s.pragma('integrity_check', { simple: true }), 'ok');
  // The data is in the database file itself: a new connection reads it with the log gone.
  s.close();
  const again = new BetterSqlite3(join(dir, 'one.db'), { readonly: true });
  assert.equal((again.prepare('select count(*) as n from things').get() as { n: number }).n, 5_000);
  again.close();
});

test('two holders share one worker; the last release gives the checkpoints back', async () => {
  const s = database('two.db');
  const a = holdBackgroundCheckpoints({ sqlite: s });
  const b = holdBackgroundCheckpoints({ sqlite: s });
  write(s, 2_000);
  await a.release();
  assert.equal(autocheckpoint(s), 0, 'the other holder still writes');
  const r = await b.nudge();
  assert.ok(r && r.checkpointed === r.log && r.log > 0);
  await b.release();
  assert.equal(autocheckpoint(s), 1000);
  s.close();
});

test('nothing to do for an in-memory database', async () => {
  const s = new BetterSqlite3(':memory:');
  const held = holdBackgroundCheckpoints({ sqlite: s });
  assert.equal(await held.nudge(), null);
  await held.release();
  s.close();
  assert.equal(await holdBackgroundCheckpoints({}).nudge(), null, 'nor on PostgreSQL');
});
