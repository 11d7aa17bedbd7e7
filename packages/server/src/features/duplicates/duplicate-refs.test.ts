import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestCore, type TestCore } from '../../../test/test-db.ts';
import { checkRefs, refName } from '../../platform/records/contact-refs.ts';
import { MODULES } from '../../modules.ts';
import { contactRefsOf } from '../../kith-module.ts';

/** The contact refs every process merges with: the composition root's modules'. */
const ALL_CONTACT_REFS = contactRefsOf({ modules: MODULES });

/**
 * The foreign-key coverage test: every column of the migrated schema that points at a contact — a declared
 * foreign key to `contacts`, or a column named `contact_id` / `…_contact_id` without one — is covered by a
 * feature's ContactRef, so a new table that references a customer cannot be forgotten by a merge. A ContactRef
 * says what a merge does with it, `keep` included (with its reason): there is no other exclusion list.
 */

let core: TestCore;
before(async () => {
  core = await createTestCore();
});
after(() => core.cleanup());

type Col = { table: string; column: string; fk: boolean };

/** The schema's columns that point at a contact, read from the database itself. */
async function contactColumns(): Promise<Col[]> {
  const out = new Map<string, Col>();
  const add = (table: string, column: string, fk: boolean) => {
    const k = `${table}.${column}`;
    out.set(k, { table, column, fk: fk || (out.get(k)?.fk ?? false) });
  };
  const named = (c: string) => c === 'contact_id' || c.endsWith('_contact_id');
  if (core.dialect === 'postgres') {
    const fks = await sql<{ table: string; column: string }>`
      select cl.relname as "table", a.attname as "column"
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'contacts'::regclass and n.nspname = current_schema()`.execute(core.db);
    for (const r of fks.rows) add(r.table, r.column, true);
    const cols = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = current_schema() and (column_name = 'contact_id' or column_name like '%\\_contact\\_id')`.execute(core.db);
    for (const r of cols.rows) add(r.table, r.column, false);
  } else {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(core.db);
    for (const t of tables.rows) {
      for (const f of (await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${t.name})`.execute(core.db)).rows)
        if (f.table === 'contacts') add(t.name, f.from, true);
      for (const c of (await sql<{ name: string }>`select name from pragma_table_info(${t.name})`.execute(core.db)).rows)
        if (named(c.name)) add(t.name, c.name, false);
    }
  }
  return [...out.values()].sort((a, b) => refName(a).localeCompare(refName(b)));
}

async function columnsOf(table: string): Promise<Set<string>> {
  if (core.dialect === 'postgres') {
    const r = await sql<{
      column: string;
    }>`select column_name as "column" from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(core.db);
    return new Set(r.rows.map((x) => x.column));
  }
  return new Set((await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(core.db)).rows.map((x) => x.name));
}

describe('contact references', () => {
  test('every column that points at a contact is declared by its feature with what a merge does to it', async () => {
    const cols = await contactColumns();
    // The reading itself is checked: the schema has foreign keys to contacts and undeclared contact columns.
    assert.ok(cols.filter((c) => c.fk).length >= 15, `foreign keys found: ${cols.filter((c) => c.fk).length}`);
    assert.ok(
      cols.some((c) => !c.fk && c.table === 'survey_answers'),
      'a contact_id without a foreign key is found too',
    );
    const declared = new Set(ALL_CONTACT_REFS.map(refName));
    const missing = cols.filter((c) => !declared.has(`${c.table}.${c.column}`)).map((c) => `${c.table}.${c.column}${c.fk ? ' (foreign key)' : ''}`);
    assert.deepEqual(
      missing,
      [],
      'declare these in the feature that owns the table (a ContactRef in <feature>.refs.ts), `keep` with a reason if a merge must leave them',
    );
  });

  test('every declaration names a real column, once, and the columns its kind needs exist', async () => {
    checkRefs(ALL_CONTACT_REFS);
    const found = new Set((await contactColumns()).map((c) => `${c.table}.${c.column}`));
    for (const r of ALL_CONTACT_REFS) {
      const cols = await columnsOf(r.table);
      assert.ok(cols.has(r.column), `${refName(r)}: no such column`);
      assert.ok(
        found.has(refName(r)),
        `${refName(r)} neither is a foreign key to contacts nor is named like one: a merge would move something that is not a contact`,
      );
      const needs = [
        r.kind === 'keep' ? [] : ['workspace_id'],
        r.kind === 'repoint' || r.kind === 'dedupe' ? [r.id ?? 'id'] : [],
        r.kind === 'repoint' && r.unlessSelf ? [r.unlessSelf] : [],
        r.kind === 'combine' ? r.add : [],
        r.kind === 'dedupe' ? r.key : [],
      ].flat();
      for (const c of needs) assert.ok(cols.has(c), `${refName(r)}: ${r.kind} needs ${r.table}.${c}`);
    }
    assert.throws(() => checkRefs([...ALL_CONTACT_REFS, ALL_CONTACT_REFS[0]!]), /declared twice/);
  });
});
