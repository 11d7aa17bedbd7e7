import type { FieldIssue } from '@kith/domain/errors.ts';
import { grantOf, type Action } from '@kith/domain/permissions/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/create-db.ts';

type Item = { ownerId: string | null; teamId: string | null; before: { ownerId: string | null; teamId: string | null } | null; path: (string | number)[] };

/**
 * Whom a record may be assigned to (docs/permissions.md, "Assignment"): the owner must be a member and
 * the team a team of this workspace; owners and admins assign to anyone; managers to themselves, their
 * teams and their teams' members; agents only to themselves (or to nobody) and to their own teams.
 * Only changes are checked, so an agent can still edit a record a manager gave them.
 */
export async function checkAssignments(db: Db, actor: Actor, action: Action, items: Item[], issues: FieldIssue[]): Promise<void> {
  const ownerIds = [...new Set(items.map((x) => x.ownerId).filter((x): x is string => x !== null))];
  const teamIds = [...new Set(items.map((x) => x.teamId).filter((x): x is string => x !== null))];
  const ws = actor.workspaceId;
  const [members, teams, mates] = await Promise.all([
    ownerIds.length ? db.selectFrom('memberships').select('user_id').where('workspace_id', '=', ws).where('user_id', 'in', ownerIds).execute() : [],
    teamIds.length ? db.selectFrom('teams').select('id').where('workspace_id', '=', ws).where('id', 'in', teamIds).execute() : [],
    actor.role === 'manager' && actor.teamIds.length
      ? db.selectFrom('team_members').select('user_id').where('workspace_id', '=', ws).where('team_id', 'in', actor.teamIds).execute()
      : [],
  ]);
  const memberSet = new Set(members.map((m) => m.user_id));
  const teamSet = new Set(teams.map((t) => t.id));
  const mateSet = new Set(mates.map((m) => m.user_id));
  const assignAll = grantOf(actor.role, action) === true;
  for (const x of items) {
    const ownerChanged = x.before === null ? x.ownerId !== actor.userId : x.ownerId !== x.before.ownerId;
    const teamChanged = x.before === null ? x.teamId !== null : x.teamId !== x.before.teamId;
    if (x.ownerId && !memberSet.has(x.ownerId)) issues.push({ path: [...x.path, 'ownerId'], message: 'Not a member of this workspace' });
    else if (ownerChanged && !assignAll && x.ownerId !== null && x.ownerId !== actor.userId && !(actor.role === 'manager' && mateSet.has(x.ownerId))) {
      issues.push({ path: [...x.path, 'ownerId'], message: 'Your role cannot assign records to this person' });
    }
    if (x.teamId && !teamSet.has(x.teamId)) issues.push({ path: [...x.path, 'teamId'], message: 'No such team in this workspace' });
    else if (teamChanged && !assignAll && x.teamId !== null && !actor.teamIds.includes(x.teamId)) {
      issues.push({ path: [...x.path, 'teamId'], message: 'You can only assign records to your own teams' });
    }
  }
}
