import type { ColumnType } from 'kysely';

/** ISO 8601 text on SQLite; timestamptz on PostgreSQL, parsed back to ISO text (create-db.ts). */
export type Timestamp = string;
/** JSON is text on SQLite and jsonb (parsed) on PostgreSQL; always written as JSON text. */
export type Json = ColumnType<unknown, string, string>;
/** SQLite has no boolean: 0/1. PostgreSQL accepts '0'/'1' for boolean. Always write 0 or 1. */
export type Bool = ColumnType<number | boolean, 0 | 1, 0 | 1>;

/** A JSON column as read: text on SQLite, already parsed on PostgreSQL; `fallback` for NULL. */
export function readJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v as T;
  // Most list and set columns are empty: a fresh value without the parser (a third of a contact list's reading).
  if (v === '[]') return [] as T;
  if (v === '{}') return {} as T;
  return JSON.parse(v) as T;
}
