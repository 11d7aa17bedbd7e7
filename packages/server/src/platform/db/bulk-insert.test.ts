import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { bulkInsert } from './bulk-insert.ts';
import { createTestCore, onPostgres } from '../../../test/test-db.ts';

const AWKWARD = ['plain', 'a,b', '{braces}', 'quote " inside', "apostrophe ' too", 'back\\slash', 'NULL', '', 'Nguyễn Thị Ánh — 😀', 'line\nbreak'];

test('bulk insert writes every row and every awkward value as given, across chunks, with JSON and NULLs (SQLite, or PostgreSQL when configured)', async () => {
  const core = await createTestCore();
  try {
    const pg = onPostgres();
    await sql
      .raw(
        `create table bulk_probe (id integer primary key, name text, doc ${pg ? 'jsonb' : 'text'}, flag ${pg ? 'boolean' : 'integer'}, at ${pg ? 'timestamptz' : 'text'}, n integer not null default 7)`,
      )
      .execute(core.db);
    const rows = Array.from({ length: 12_345 }, (_, i) => ({
      id: i + 1,
      name: i % 11 === 10 ? null : AWKWARD[i % 10]!,
      doc: i % 3 === 0 ? null : JSON.stringify({ i, s: AWKWARD[i % 10], list: [1, 'x'] }),
      flag: pg ? i % 2 === 0 : i % 2,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      n: i,
    }));
    await bulkInsert(core.db, 'bulk_probe' as never, rows);
    const back = (
      await sql<{ id: number; name: string | null; doc: unknown; flag: unknown; at: unknown; n: number }>`select * from bulk_probe order by id`.execute(core.db)
    ).rows;
    assert.equal(back.length, rows.length);
    for (const [i, r] of back.entries()) {
      const want = rows[i]!;
      assert.equal(Number(r.id), want.id);
      assert.equal(r.name, want.name, `row ${i} name`);
      const doc = typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc;
      assert.deepEqual(doc, want.doc === null ? null : JSON.parse(want.doc), `row ${i} doc`);
      assert.equal(Boolean(r.flag), Boolean(want.flag), `row ${i} flag`);
      assert.equal(new Date(r.at as string).toISOString(), want.at, `row ${i} at`);
      assert.equal(Number(r.n), i);
    }

    // Rows without the same columns: the missing column takes its default, not NULL.
    await bulkInsert(core.db, 'bulk_probe' as never, [
      { id: 100_001, name: 'with n', n: 1 },
      { id: 100_002, name: 'without n' },
    ]);
    const mixed = (await sql<{ id: number; n: number }>`select id, n from bulk_probe where id > 100000 order by id`.execute(core.db)).rows;
    assert.deepEqual(
      mixed.map((r) => [Number(r.id), Number(r.n)]),
      [
        [100_001, 1],
        [100_002, 7],
      ],
    );

    // A failing row fails the statement: a duplicate id leaves none of its chunk's rows.
    await assert.rejects(
      bulkInsert(core.db, 'bulk_probe' as never, [
        { id: 200_001, name: 'new', n: 0 },
        { id: 1, name: 'duplicate', n: 0 },
      ]),
    );
    const after = (await sql<{ c: number }>`select count(*) as c from bulk_probe where id = 200001`.execute(core.db)).rows[0]!;
    assert.equal(Number(after.c), 0);
  } finally {
    await core.cleanup();
  }
});
