import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError, notFound } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findRole } from '../../platform/auth/user.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import type { Team } from '@kith/domain/teams/team.api.ts';

async function listTeamsIn(db: Db, workspaceId: string): Promise<Team[]> {
  const [teams, members] = await Promise.all([
    db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute(),
    db.selectFrom('team_members').select(['team_id', 'user_id']).where('workspace_id', '=', workspaceId).execute(),
  ]);
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  }));
}

async function teamIn(db: Db, workspaceId: string, id: string): Promise<Team> {
  const t = (await listTeamsIn(db, workspaceId)).find((x) => x.id === id);
  if (!t) throw notFound('Team');
  return t;
}

export async function listTeams(core: Core, actor: Actor): Promise<Team[]> {
  authorize(actor, 'teams.read');
  return listTeamsIn(core.db, actor.workspaceId);
}

async function nameTaken(db: Db, workspaceId: string, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createTeam(core: Core, actor: Actor, name: string): Promise<Team> {
  authorize(actor, 'teams.manage');
  const now = core.now();
  return core.db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, actor.workspaceId, name))
      throw new AppError('conflict', `A team called "${name}" already exists`, { reason: 'team_name_taken', params: { name } });
    const id = uuidv7();
    await trx.insertInto('teams').values({ id, workspace_id: actor.workspaceId, name, created_at: now.toISOString(), updated_at: now.toISOString() }).execute();
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'team', entityId: id, after: { name } }, now);
    return teamIn(trx, actor.workspaceId, id);
  });
}

export async function renameTeam(core: Core, actor: Actor, id: string, name: string): Promise<Team> {
  authorize(actor, 'teams.manage');
  const now = core.now();
  return core.db.transaction().execute(async (trx) => {
    const t = await teamIn(trx, actor.workspaceId, id);
    if (await nameTaken(trx, actor.workspaceId, name, id))
      throw new AppError('conflict', `A team called "${name}" already exists`, { reason: 'team_name_taken', params: { name } });
    await trx.updateTable('teams').set({ name, updated_at: now.toISOString() }).where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
    await recordAudit(trx, { ...by(actor), action: 'update', entityType: 'team', entityId: id, before: { name: t.name }, after: { name } }, now);
    return teamIn(trx, actor.workspaceId, id);
  });
}

export async function deleteTeam(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'teams.manage');
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    const t = await teamIn(trx, actor.workspaceId, id);
    await trx.deleteFrom('teams').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'team', entityId: id, before: { name: t.name, memberIds: t.memberIds } }, now);
  });
}

/** Team membership decides record scope for managers and agents, so it is a permission change and audited as one. */
export async function addTeamMember(core: Core, actor: Actor, teamId: string, userId: string): Promise<Team> {
  authorize(actor, 'teams.manage');
  const now = core.now();
  return core.db.transaction().execute(async (trx) => {
    const t = await teamIn(trx, actor.workspaceId, teamId);
    if (!(await findRole(trx, actor.workspaceId, userId))) throw notFound('Member');
    if (!t.memberIds.includes(userId)) {
      await trx
        .insertInto('team_members')
        .values({ team_id: teamId, user_id: userId, workspace_id: actor.workspaceId, created_at: now.toISOString() })
        .execute();
      await recordAudit(trx, { ...by(actor), action: 'team.member.add', entityType: 'team', entityId: teamId, after: { userId } }, now);
    }
    return teamIn(trx, actor.workspaceId, teamId);
  });
}

export async function removeTeamMember(core: Core, actor: Actor, teamId: string, userId: string): Promise<Team> {
  authorize(actor, 'teams.manage');
  const now = core.now();
  return core.db.transaction().execute(async (trx) => {
    const t = await teamIn(trx, actor.workspaceId, teamId);
    if (!t.memberIds.includes(userId)) throw notFound('Team member');
    await trx.deleteFrom('team_members').where('workspace_id', '=', actor.workspaceId).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    await recordAudit(trx, { ...by(actor), action: 'team.member.remove', entityType: 'team', entityId: teamId, before: { userId } }, now);
    return teamIn(trx, actor.workspaceId, teamId);
  });
}
