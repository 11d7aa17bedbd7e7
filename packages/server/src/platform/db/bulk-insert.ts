import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Database } from './database.ts';
import type { Db } from './create-db.ts';

/**
 * Many rows into one table, in as few statements as the database allows.
 *
 * SQLite: multi-row `insert … values`, chunked under its bound-parameter limit (32,766). The statement's
 * text is written here and run as a compiled query: Kysely's parsing and compiling of a 400-row values
 * list (an object node per value) cost about 5% of a contacts import, for a text that only depends on
 * the table, the columns and the row count.
 *
 * PostgreSQL: one `insert … select * from unnest($1::type[], $2::type[], …)` per chunk — a parameter per
 * column instead of one per value. A 400-row `values` insert of contacts binds ~14,000 parameters, and
 * PostgreSQL parses, plans and type-checks each of them; with unnest the statement is the same short text
 * whatever the chunk, and the column arrays are parsed by the array input functions. Measured on the
 * contacts import (docs/BENCHMARKS.md).
 *
 * Rows are written in runs of the same columns, so a column a row leaves out takes its default.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Record<string, unknown>[],
  opts: { sqliteChunk?: number } = {},
): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // Runs of rows with the same columns: a statement names its columns once, and a column a row leaves
  // out must take its default, not NULL.
  for (let start = 0; start < rows.length; ) {
    const columns = columnsOf(rows[start]!);
    let end = start + 1;
    while (end < rows.length && sameColumns(rows[end]!, columns)) end++;
    const run = rows.slice(start, end);
    start = end;
    if (pg) {
      const types = await columnTypes(db, table);
      if (columns.every((c) => types.has(c))) {
        for (let i = 0; i < run.length; i += PG_CHUNK) await pgUnnestInsert(db, table, columns, types, run.slice(i, i + PG_CHUNK));
        continue;
      }
    }
    const chunk = opts.sqliteChunk ?? Math.max(1, Math.floor(30_000 / Math.max(1, columns.length)));
    for (let i = 0; i < run.length; i += chunk) await sqliteValuesInsert(db, table, columns, run.slice(i, i + chunk));
  }
}

async function sqliteValuesInsert(db: Db, table: string, columns: string[], rows: readonly Record<string, unknown>[]): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const text = `insert into ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) values ${Array.from({ length: rows.length }, () => tuple).join(', ')}`;
  const params: unknown[] = new Array(rows.length * columns.length);
  let k = 0;
  for (const r of rows) for (const c of columns) params[k++] = sqliteValue(r[c]);
  await db.executeQuery(CompiledQuery.raw(text, params));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What better-sqlite3 binds: numbers, strings, bigints, buffers and null (a boolean as 0/1, as Kith stores it). */
function sqliteValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function columnsOf(row: Record<string, unknown>): string[] {
  return Object.keys(row).filter((c) => row[c] !== undefined);
}

/** Rows per unnest statement: the arrays are one parameter each, so this bounds memory, not parameters. */
const PG_CHUNK = 5_000;

function sameColumns(row: Record<string, unknown>, columns: string[]): boolean {
  let n = 0;
  for (const k in row) if (row[k] !== undefined) n++;
  return n === columns.length && columns.every((c) => row[c] !== undefined);
}

async function pgUnnestInsert(db: Db, table: string, columns: string[], types: Map<string, string>, rows: readonly Record<string, unknown>[]): Promise<void> {
  const arrays = columns.map((c) => {
    const t = types.get(c)!;
    const json = t === 'jsonb' || t === 'json';
    return sql`${rows.map((r) => toArrayElement(r[c], json))}::${sql.raw(`${t}[]`)}`;
  });
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(db);
}

/** A value as an element of a PostgreSQL array parameter: JSON columns take their text. */
function toArrayElement(v: unknown, json: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (json && typeof v !== 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return v;
}

/** Column → its PostgreSQL type (as format_type writes it), per table; the schema is fixed for a process's life. */
const typeCache = new Map<string, Promise<Map<string, string>>>();

function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  let p = typeCache.get(table);
  if (!p) {
    p = sql<{ name: string; type: string }>`
      select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where c.relname = ${table} and n.nspname = current_schema() and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''`
      .execute(db)
      .then((r) => {
        // A table not there yet (before its migration) is asked again next time.
        if (r.rows.length === 0) typeCache.delete(table);
        return new Map(r.rows.map((x) => [x.name, x.type]));
      });
    p.catch(() => typeCache.delete(table));
    typeCache.set(table, p);
  }
  return p;
}
