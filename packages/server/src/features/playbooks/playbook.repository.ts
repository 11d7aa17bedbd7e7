import type { Db } from '../../platform/db/create-db.ts';

/** Does the workspace have an active playbook that enrols its audience by itself? */
export async function hasAutoEnrollPlaybook(db: Db, workspaceId: string): Promise<boolean> {
  const r = await db
    .selectFrom('playbooks')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'active')
    .where('auto_enroll', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
