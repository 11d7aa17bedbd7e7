import type { Db } from '../../platform/db/create-db.ts';

/** The care settings row of a workspace: its settings JSON as stored, and its version. */
export type CareSettingsRow = { settings: unknown; version: number };

export async function findCareSettingsRow(db: Db, workspaceId: string): Promise<CareSettingsRow | undefined> {
  const r = await db.selectFrom('care_settings').select(['settings', 'version']).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return r ? { settings: r.settings, version: Number(r.version) } : undefined;
}

/** The settings row for a new workspace, unless another request made it first: whether this one did. */
export async function insertCareSettingsRow(db: Db, workspaceId: string, settings: unknown, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('care_settings')
    .values({ workspace_id: workspaceId, settings: JSON.stringify(settings), ticket_seq: 0, updated_at: now.toISOString(), version: 1 })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Replace the settings JSON. With `ifVersion`, only when the row is still at that version (a job that read it
 * outside the transaction loses to a person's edit in between): whether it was written.
 */
export async function writeCareSettings(db: Db, workspaceId: string, settings: unknown, now: Date, ifVersion?: number): Promise<boolean> {
  let q = db
    .updateTable('care_settings')
    .set((eb) => ({ settings: JSON.stringify(settings), updated_at: now.toISOString(), version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId);
  if (ifVersion !== undefined) q = q.where('version', '=', ifVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The workspaces that have care settings (those whose calendar a yearly job keeps current). */
export async function careSettingsWorkspaces(db: Db): Promise<string[]> {
  return (await db.selectFrom('care_settings').select('workspace_id').orderBy('workspace_id').execute()).map((r) => r.workspace_id);
}
