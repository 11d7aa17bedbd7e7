import type { Expression, ExpressionBuilder, SqlBool, Updateable } from 'kysely';
import type { Timestamp } from '../db/column-types.ts';
import type { Db } from '../db/create-db.ts';
import type { Database } from '../db/database.ts';

/**
 * The SQL of a record's life (records/lifecycle.ts): a versioned write, a soft delete and a restore (both
 * versioned writes of deleted_at), a purge. Generic over the tables whose rows are versioned, soft-deletable
 * records of a workspace — the columns every such table has (migrations: contacts, companies, products,
 * interactions, tasks, deals, orders, tickets, playbooks…); `updated_by` only where the table has it.
 */
export type RecordColumns = { id: string; workspace_id: string; version: number; deleted_at: Timestamp | null; updated_at: Timestamp };

/** The tables whose rows are such records (derived from the schema: a table without these columns is refused). */
export type RecordTable = { [K in keyof Database]: Database[K] extends RecordColumns ? K : never }[keyof Database];

/** An extra condition on the row written (the caller's scope: `(eb) => visibleTo(eb, scope, 'contacts')`). */
export type RowGuard<T extends RecordTable> = (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;

/** The row a write is about, in its workspace. */
export type RecordKey = { workspaceId: string; id: string };

/** Whether the row must be live or in the trash for the write to apply. */
export type RowState = 'live' | 'deleted';

/*
 * Every table of RecordTable has the columns this file names, with the same types, so its statements are
 * typed against one of them (`contacts`) and run against `table`: the SQL is the same text with another name.
 * What the caller gives (`set`, `guard`) is typed against its own table.
 */
type Any = 'contacts';
const as = <T extends RecordTable>(table: T) => table as unknown as Any;

/**
 * UPDATE table SET …set, version = version + 1 WHERE workspace_id, id, version = the one read (and the row's
 * state, and the guard). True when the row was written; false when another writer got in between (or the row
 * is gone, out of scope, or not in the state asked for).
 */
export async function updateRecordRow<T extends RecordTable>(
  db: Db,
  table: T,
  key: RecordKey & { version: number },
  set: Updateable<Database[T]>,
  o: { state?: RowState; guard?: RowGuard<T> } = {},
): Promise<boolean> {
  let q = db
    .updateTable(as(table))
    .set({ ...(set as Updateable<Database[Any]>), version: key.version + 1 })
    .where('workspace_id', '=', key.workspaceId)
    .where('id', '=', key.id)
    .where('version', '=', key.version);
  if (o.state === 'live') q = q.where('deleted_at', 'is', null);
  if (o.state === 'deleted') q = q.where('deleted_at', 'is not', null);
  if (o.guard) q = q.where(o.guard as unknown as RowGuard<Any>);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** DELETE FROM table WHERE workspace_id, id (and the guard). True when a row went. */
export async function deleteRecordRow<T extends RecordTable>(db: Db, table: T, key: RecordKey, o: { guard?: RowGuard<T> } = {}): Promise<boolean> {
  let q = db.deleteFrom(as(table)).where('workspace_id', '=', key.workspaceId).where('id', '=', key.id);
  if (o.guard) q = q.where(o.guard as unknown as RowGuard<Any>);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
