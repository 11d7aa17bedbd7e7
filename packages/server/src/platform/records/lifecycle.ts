import type { Updateable } from 'kysely';
import { notFound } from '@kith/domain/errors.ts';
import type { Db } from '../db/create-db.ts';
import type { Database } from '../db/database.ts';
import { deleteRecordRow, updateRecordRow, type RecordTable, type RowGuard } from './lifecycle.repository.ts';
import { preconditionFailed } from './visibility.ts';

/**
 * The steps of a record's life that every feature takes the same way, inside the caller's transaction:
 * the If-Match check, a versioned write, a soft delete, a restore, a purge. Each throws the errors the API
 * promises (412 with the current version, 404) and returns what the caller needs next (the new version);
 * none writes anything of a feature's own — its audit entry, events, search keys stay with the caller,
 * in the same transaction.
 *
 * Versions: every write bumps the version by one, and only over the version read (`WHERE version = ?`), so a
 * writer who got in between makes the write a 412 naming the version the record has now at least (read + 1).
 */

/** The record as read: its id and version (and, to restore it, whether it is in the trash). */
export type Versioned = { id: string; version: number };

/** When and by whom: `by` is stored in updated_by, given exactly when the table has that column. */
export type Stamp<T extends RecordTable> = 'updated_by' extends keyof Database[T] ? { at: string; by: string } : { at: string; by?: never };

/** The caller's scope as a condition on the row written (e.g. `(eb) => visibleTo(eb, scope, 'contacts')`). */
export type WriteOptions<T extends RecordTable> = { guard?: RowGuard<T> };

/** If-Match: a caller who read another version than the current one gets a 412 naming the current one. */
export function checkVersion(current: { version: number }, ifVersion: number | null | undefined): void {
  if (ifVersion !== null && ifVersion !== undefined && ifVersion !== current.version) throw preconditionFailed(current.version);
}

/**
 * Write `set` over the version read and bump it; returns the new version. A writer who got in between
 * makes it a 412 naming read + 1, or what `lost` makes (contacts retry the transaction instead).
 */
export async function updateVersioned<T extends RecordTable>(
  db: Db,
  table: T,
  workspaceId: string,
  before: Versioned,
  set: Updateable<Database[T]>,
  o: WriteOptions<T> & { lost?: () => Error } = {},
): Promise<number> {
  const ok = await updateRecordRow(db, table, { workspaceId, id: before.id, version: before.version }, set, { state: 'live', guard: o.guard });
  if (!ok) throw o.lost ? o.lost() : preconditionFailed(before.version + 1);
  return before.version + 1;
}

function stamped<T extends RecordTable>(deletedAt: string | null, stamp: Stamp<T>): Updateable<Database[T]> {
  const by = (stamp as { by?: string }).by;
  return { deleted_at: deletedAt, updated_at: stamp.at, ...(by === undefined ? {} : { updated_by: by }) } as Updateable<Database[T]>;
}

/**
 * Move a live record (as read, in scope) to the trash: If-Match first (`ifVersion`), then deleted_at and
 * updated_at (and updated_by) set to the stamp, the version bumped. Returns the new version.
 */
export async function softDelete<T extends RecordTable>(
  db: Db,
  table: T,
  workspaceId: string,
  record: Versioned,
  stamp: Stamp<T>,
  o: WriteOptions<T> & { ifVersion?: number | null } = {},
): Promise<number> {
  checkVersion(record, o.ifVersion);
  const ok = await updateRecordRow(db, table, { workspaceId, id: record.id, version: record.version }, stamped<T>(stamp.at, stamp), {
    state: 'live',
    guard: o.guard,
  });
  if (!ok) throw preconditionFailed(record.version + 1);
  return record.version + 1;
}

/**
 * Bring a record back from the trash. Only a deleted one: a missing or live record is `Deleted <what> not
 * found` (404), as the trash is where it is looked up. Clears deleted_at, stamps, bumps the version; returns it.
 */
export async function restore<T extends RecordTable>(
  db: Db,
  table: T,
  workspaceId: string,
  record: (Versioned & { deletedAt: string | null }) | undefined,
  stamp: Stamp<T>,
  o: WriteOptions<T> & { what: string },
): Promise<number> {
  if (!record || record.deletedAt === null) throw notFound(`Deleted ${o.what.toLowerCase()}`);
  const ok = await updateRecordRow(db, table, { workspaceId, id: record.id, version: record.version }, stamped<T>(null, stamp), {
    state: 'deleted',
    guard: o.guard,
  });
  if (!ok) throw preconditionFailed(record.version + 1);
  return record.version + 1;
}

/**
 * Delete a record for good, live or in the trash (as contacts and companies do today: purge is its own
 * permission, not a second step after the trash). A missing or out-of-scope one is `<what> not found` (404).
 */
export async function purge<T extends RecordTable>(db: Db, table: T, workspaceId: string, id: string, o: WriteOptions<T> & { what: string }): Promise<void> {
  if (!(await deleteRecordRow(db, table, { workspaceId, id }, { guard: o.guard }))) throw notFound(o.what);
}
