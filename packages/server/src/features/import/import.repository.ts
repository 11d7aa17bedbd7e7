import type { Db } from '../../platform/db/create-db.ts';

/** The import records' queries that the service and its job share. */

export async function findImportRecord(db: Db, workspaceId: string, id: string) {
  return db.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * Mark an import `running` for `runner` (a queued job's marker), compare and set on what was read: false when
 * someone changed the record since (another run started).
 */
export async function markImportQueued(
  db: Db,
  rec: { id: string; status: string; heartbeat_at: string; runner: string | null },
  runner: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('imports')
    .set({ status: 'running', heartbeat_at: now, message: null, runner })
    .where('id', '=', rec.id)
    .where('status', '=', rec.status)
    .where('heartbeat_at', '=', rec.heartbeat_at)
    .where((eb) => (rec.runner === null ? eb('runner', 'is', null) : eb('runner', '=', rec.runner)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A run stopped by a shutdown (no runner now) whose job was given back to the queue: the job is its runner again. */
export async function markImportRequeued(db: Db, id: string, runner: string, now: string): Promise<void> {
  await db
    .updateTable('imports')
    .set({ runner, message: null, heartbeat_at: now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('runner', 'is', null)
    .execute();
}
