import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { refreshPlannerStats, refreshSqliteStats } from './planner-stats.ts';
import { createTestCore } from '../../../test/test-db.ts';

/** A table shaped like Kith's: scoped by workspace, a unique id, a (workspace_id, updated_at, id) index. */
function db(rows: number): BetterSqlite3.Database {
  const s = new BetterSqlite3(':memory:');
  s.exec(`create table things (seq integer primary key, id text not null unique, workspace_id text not null, updated_at text not null);
          create index things_ws_updated_idx on things (workspace_id, updated_at, id);
          create table small (id text primary key, workspace_id text not null); create index small_ws on small (workspace_id);`);
  add(s, 0, rows);
  return s;
}
function add(s: BetterSqlite3.Database, from: number, n: number) {
  const ins = s.prepare('insert into things (id, workspace_id, updated_at) values (?, ?, ?)');
  s.transaction(() => {
    for (let i = from; i < from + n; i++) ins.run(`id-${String(i).padStart(8, '0')}`, 'ws-1', new Date(1_700_000_000_000 + i * 1000).toISOString());
  })();
}
const planOf = (s: BetterSqlite3.Database, ids: number) => {
  const list = Array.from({ length: ids }, (_, i) => `'id-${String(i * 7).padStart(8, '0')}'`).join(',');
  return (s.prepare(`explain query plan select id from things where workspace_id = 'ws-1' and id in (${list})`).all() as { detail: string }[])
    .map((r) => r.detail)
    .join('; ');
};

test('without statistics a lookup of 500 ids walks the workspace index; once analysed it probes the ids', () => {
  const s = db(20_000);
  assert.match(planOf(s, 500), /things_ws_updated_idx/, 'the planner guesses ten rows per workspace');
  const analysed = refreshSqliteStats(s);
  assert.deepEqual(analysed, [{ table: 'things', rows: 20_000 }], 'the small table is left alone');
  assert.match(planOf(s, 500), /sqlite_autoindex_things_1 \(id=\?\)/);
  s.close();
});

test('a table is analysed again only when its size has doubled or halved', () => {
  const s = db(6_000);
  assert.equal(refreshSqliteStats(s).length, 1);
  assert.deepEqual(refreshSqliteStats(s), [], 'fresh: nothing to do');
  add(s, 6_000, 5_000);
  assert.deepEqual(refreshSqliteStats(s), [], '11,000 rows: under twice 6,000');
  add(s, 11_000, 2_000);
  assert.deepEqual(refreshSqliteStats(s), [{ table: 'things', rows: 13_000 }]);
  s.exec(`delete from things where seq > 6000`);
  assert.deepEqual(refreshSqliteStats(s), [{ table: 'things', rows: 6_000 }], 'halved');
  s.close();
});

test('through the application’s database (SQLite, or PostgreSQL when configured): a table grown by thousands of rows is analysed, then left alone', async () => {
  const core = await createTestCore();
  try {
    await sql`create table planner_probe (id integer primary key, ws text not null)`.execute(core.db);
    await sql`create index planner_probe_ws on planner_probe (ws)`.execute(core.db);
    await sql`insert into planner_probe (id, ws) with recursive n(x) as (select 1 union all select x + 1 from n where x < 6000) select x, 'w' from n`.execute(
      core.db,
    );
    // PostgreSQL counts changed rows in the background: wait until it has.
    let analysed: { table: string; rows: number }[] = [];
    for (let i = 0; i < 50 && !analysed.some((a) => a.table === 'planner_probe'); i++) {
      analysed = await refreshPlannerStats(core.dbHandle);
      if (!analysed.some((a) => a.table === 'planner_probe')) await new Promise((ok) => setTimeout(ok, 200));
    }
    assert.ok(
      analysed.some((a) => a.table === 'planner_probe'),
      JSON.stringify(analysed),
    );
    assert.ok(!(await refreshPlannerStats(core.dbHandle)).some((a) => a.table === 'planner_probe'), 'fresh: left alone');
  } finally {
    await core.cleanup();
  }
});
