import type { Db } from '../../platform/db/create-db.ts';

/** The workspace's teams by id and name (a team's name is unique in its workspace): what files name a team by. */
export async function teamNames(db: Db, workspaceId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('teams').select(['id', 'name']).where('workspace_id', '=', workspaceId).orderBy('name').execute();
}
