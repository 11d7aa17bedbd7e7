import { notFound } from '@kith/domain/errors.ts';
import { leastOpen, roundRobin } from '@kith/domain/tickets/tickets.ts';
import type { AssignmentMode } from '@kith/domain/tickets/care-settings.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { OPEN_STATUSES } from './ticket.repository.ts';

/** How a team's new tickets are assigned: by hand, round robin, or to whoever has the fewest open tickets. */

/** Who a team's rule gives a new ticket to (and remembers it), or null for a manual team or an empty one. */
export async function autoAssign(db: Db, workspaceId: string, teamId: string, now: string): Promise<string | null> {
  const rule = await db.selectFrom('team_assignment').selectAll().where('team_id', '=', teamId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!rule || rule.mode === 'manual') return null;
  // Members who work tickets, in a stable order (when they joined the team, then id).
  const members = await db
    .selectFrom('team_members')
    .innerJoin('memberships', (j) =>
      j.onRef('memberships.user_id', '=', 'team_members.user_id').onRef('memberships.workspace_id', '=', 'team_members.workspace_id'),
    )
    .select('team_members.user_id')
    .where('team_members.team_id', '=', teamId)
    .where('memberships.role', 'in', ['agent', 'manager', 'admin', 'owner'])
    .orderBy('team_members.created_at')
    .orderBy('team_members.user_id')
    .execute();
  const agents = members.map((m) => m.user_id);
  if (agents.length === 0) return null;
  let pick: string | null;
  if (rule.mode === 'least_open') {
    const counts = await db
      .selectFrom('tickets')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('assignee_id', 'in', agents)
      .where('status', 'in', OPEN_STATUSES)
      .where('deleted_at', 'is', null)
      .groupBy('assignee_id')
      .execute();
    pick = leastOpen(agents, new Map(counts.map((c) => [c.assignee_id!, Number(c.n)])), rule.last_assigned_id);
  } else {
    pick = roundRobin(agents, rule.last_assigned_id);
  }
  if (pick) await db.updateTable('team_assignment').set({ last_assigned_id: pick, updated_at: now }).where('team_id', '=', teamId).execute();
  return pick;
}

export async function getTeamAssignment(core: Core, actor: Actor, teamId: string): Promise<{ teamId: string; mode: AssignmentMode }> {
  authorize(actor, 'tickets.read');
  const team = await core.db.selectFrom('teams').select('id').where('workspace_id', '=', actor.workspaceId).where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound('Team');
  const r = await core.db.selectFrom('team_assignment').select('mode').where('team_id', '=', teamId).executeTakeFirst();
  return { teamId, mode: (r?.mode ?? 'manual') as AssignmentMode };
}

export async function setTeamAssignment(core: Core, actor: Actor, teamId: string, mode: AssignmentMode): Promise<{ teamId: string; mode: AssignmentMode }> {
  authorize(actor, 'care.configure');
  return core.db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom('teams').select('id').where('workspace_id', '=', actor.workspaceId).where('id', '=', teamId).executeTakeFirst();
    if (!team) throw notFound('Team');
    const before = { mode: (await trx.selectFrom('team_assignment').select('mode').where('team_id', '=', teamId).executeTakeFirst())?.mode ?? 'manual' };
    const now = core.now().toISOString();
    await trx
      .insertInto('team_assignment')
      .values({ team_id: teamId, workspace_id: actor.workspaceId, mode, last_assigned_id: null, updated_at: now })
      .onConflict((oc) => oc.column('team_id').doUpdateSet({ mode, updated_at: now }))
      .execute();
    if (before.mode !== mode)
      await recordAudit(
        trx,
        { ...by(actor), action: 'update', entityType: 'team_assignment', entityId: teamId, before: { mode: before.mode }, after: { mode } },
        core.now(),
      );
    return { teamId, mode };
  });
}
