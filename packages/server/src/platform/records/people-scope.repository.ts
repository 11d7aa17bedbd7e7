import { grantOf, type Action } from '@kith/domain/permissions/permissions.ts';
import { roleCannot } from '@kith/domain/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/create-db.ts';

/**
 * Whose figures an actor may see or act on, for the actions about people rather than customers (KPIs, targets,
 * workload, training, the reward and penalty record — docs/permissions.md, "People scope"):
 * - a grant of `true` (owners, admins): everyone in the workspace, every team;
 * - `'scoped'` for a manager: themselves, every member of their teams, and those teams;
 * - `'scoped'` for anyone else: themselves only (no team).
 * Members and teams are always of the actor's workspace.
 */
export type PeopleScope = {
  workspaceId: string;
  /** Everyone in the workspace. */
  all: boolean;
  /** When not `all`: the members in scope (the actor included). */
  userIds: ReadonlySet<string>;
  /** When not `all`: the teams in scope (a manager's own teams). */
  teamIds: ReadonlySet<string>;
};

export async function peopleScope(db: Db, actor: Actor, action: Action): Promise<PeopleScope> {
  const grant = grantOf(actor.role, action);
  if (grant === false) throw roleCannot(actor.role, action);
  if (grant === true) return { workspaceId: actor.workspaceId, all: true, userIds: new Set(), teamIds: new Set() };
  const userIds = new Set<string>([actor.userId]);
  const teamIds = new Set<string>();
  if (actor.role === 'manager' && actor.teamIds.length > 0) {
    for (const t of actor.teamIds) teamIds.add(t);
    const rows = await db
      .selectFrom('team_members')
      .select('user_id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('team_id', 'in', [...actor.teamIds])
      .execute();
    for (const r of rows) userIds.add(r.user_id);
  }
  return { workspaceId: actor.workspaceId, all: false, userIds, teamIds };
}

/** May this scope see this member's figures? (Whether the id is a member at all is the caller's check.) */
export const seesPerson = (s: PeopleScope, userId: string): boolean => s.all || s.userIds.has(userId);
/** May this scope see this team's figures? */
export const seesTeam = (s: PeopleScope, teamId: string): boolean => s.all || s.teamIds.has(teamId);
