import { AppError, invalid, notFound } from '@kith/domain/errors.ts';
import { canManageRole, type Role } from '@kith/domain/permissions/permissions.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { revokeSessionsOfUser } from '../../platform/auth/session.repository.ts';
import { revokeTokensOfUser } from '../../platform/auth/token.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { countOwners, findRole, listMembers, type Member } from '../../platform/auth/user.repository.ts';

export async function membersOf(core: Core, actor: Actor): Promise<Member[]> {
  authorize(actor, 'members.read');
  return listMembers(core.db, actor.workspaceId);
}

/** Owners manage everyone; admins everyone but owners, and cannot make owners. A workspace always keeps one owner. */
export async function changeRole(core: Core, actor: Actor, userId: string, role: Role): Promise<Member> {
  authorize(actor, 'members.update');
  return core.db.transaction().execute(async (trx) => {
    const current = await findRole(trx, actor.workspaceId, userId);
    if (!current) throw notFound('Member');
    if (!canManageRole(actor.role, current) || !canManageRole(actor.role, role)) {
      const target = canManageRole(actor.role, current) ? role : current;
      throw new AppError('forbidden', `Your role (${actor.role}) cannot change a ${current} into a ${role}`, {
        reason: 'role_cannot_manage',
        params: { role: actor.role, target },
      });
    }
    if (current === 'owner' && role !== 'owner' && (await countOwners(trx, actor.workspaceId)) <= 1) {
      throw invalid([{ path: ['role'], message: 'A workspace needs at least one owner; make someone else owner first' }]);
    }
    const now = core.now();
    await trx
      .updateTable('memberships')
      .set({ role, updated_at: now.toISOString() })
      .where('workspace_id', '=', actor.workspaceId)
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(trx, { ...by(actor), action: 'member.role', entityType: 'user', entityId: userId, before: { role: current }, after: { role } }, now);
    return (await listMembers(trx, actor.workspaceId)).find((m) => m.userId === userId)!;
  });
}

/** Remove someone from the workspace: their sessions and tokens here end; records they owned go to the unassigned pool. */
export async function removeMember(core: Core, actor: Actor, userId: string): Promise<void> {
  authorize(actor, 'members.remove');
  await core.db.transaction().execute(async (trx) => {
    const current = await findRole(trx, actor.workspaceId, userId);
    if (!current) throw notFound('Member');
    if (!canManageRole(actor.role, current))
      throw new AppError('forbidden', `Your role (${actor.role}) cannot remove a ${current}`, {
        reason: 'role_cannot_manage',
        params: { role: actor.role, target: current },
      });
    if (current === 'owner' && (await countOwners(trx, actor.workspaceId)) <= 1)
      throw new AppError('conflict', 'The last owner cannot be removed', { reason: 'last_owner' });
    const now = core.now();
    const ws = actor.workspaceId;
    await trx.deleteFrom('team_members').where('workspace_id', '=', ws).where('user_id', '=', userId).execute();
    await trx.deleteFrom('memberships').where('workspace_id', '=', ws).where('user_id', '=', userId).execute();
    await trx.updateTable('contacts').set({ owner_id: null }).where('workspace_id', '=', ws).where('owner_id', '=', userId).execute();
    await trx.updateTable('companies').set({ owner_id: null }).where('workspace_id', '=', ws).where('owner_id', '=', userId).execute();
    await revokeSessionsOfUser(trx, userId, now.toISOString(), { workspaceId: ws });
    await revokeTokensOfUser(trx, userId, now.toISOString(), ws);
    await recordAudit(trx, { ...by(actor), action: 'member.remove', entityType: 'user', entityId: userId, before: { role: current } }, now);
  });
}
