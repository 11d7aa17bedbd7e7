import { notFound } from '@kith/domain/errors.ts';
import { leastOpen, roundRobin } from '@kith/domain/tickets/tickets.ts';
import type { AssignmentMode } from '@kith/domain/tickets/care-settings.ts';
import type { Core } from '../../core.ts';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { hasRoomForTicket, onDutyAtInstant, type Shift } from '@kith/domain/workload/workload.ts';
import { lockAssignmentLimits, openTicketCounts } from './ticket-capacity.repository.ts';

/** How a team's new tickets are assigned: by hand, round robin, or to whoever has the fewest open tickets. */

/** Why a team's rule left a new ticket in the team's queue: everyone at capacity, or (when that counts) off duty. */
export type HeldReason = 'capacity' | 'off_duty';

/** What automatic assignment needs besides the team: the database's dialect (locking) and the care hours. */
export type AssignContext = { dialect: DialectName; timeZone: string; careShifts: readonly Shift[] };

/**
 * Who a team's rule gives a new ticket to (and remembers it), or null for a manual team or an empty one. Members
 * at or over their capacity of open tickets are passed over, and members off duty when the workspace says so
 * (features/workload sets both); when that leaves nobody, the ticket stays in the team's queue and `held` says why.
 */
export async function autoAssignTicket(
  db: Db,
  ctx: AssignContext,
  workspaceId: string,
  teamId: string,
  now: Date,
): Promise<{ assigneeId: string | null; held: HeldReason | null }> {
  const rule = await db.selectFrom('team_assignment').selectAll().where('team_id', '=', teamId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!rule || rule.mode === 'manual') return { assigneeId: null, held: null };
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
  if (agents.length === 0) return { assigneeId: null, held: null };
  const limits = await lockAssignmentLimits(db, ctx.dialect, workspaceId, agents);
  const capOf = (a: string) => limits?.own.get(a)?.maxTickets ?? limits?.defaultMaxTickets ?? null;
  const capped = limits !== null && agents.some((a) => capOf(a) !== null);
  const onDutyOnly = limits?.assignOnDutyOnly === true;
  const open = rule.mode === 'least_open' || capped ? await openTicketCounts(db, workspaceId, agents) : new Map<string, number>();
  const onDuty = (a: string) => onDutyAtInstant(limits?.own.get(a)?.shifts ?? ctx.careShifts, now, ctx.timeZone);
  const hasRoom = (a: string) => hasRoomForTicket(open.get(a) ?? 0, capOf(a));
  const eligible = capped || onDutyOnly ? (a: string) => (!onDutyOnly || onDuty(a)) && (!capped || hasRoom(a)) : undefined;
  const pick = rule.mode === 'least_open' ? leastOpen(agents, open, rule.last_assigned_id, eligible) : roundRobin(agents, rule.last_assigned_id, eligible);
  if (pick) {
    await db.updateTable('team_assignment').set({ last_assigned_id: pick, updated_at: now.toISOString() }).where('team_id', '=', teamId).execute();
    return { assigneeId: pick, held: null };
  }
  // Nobody could take it: say whether room or presence was missing (capacity when some on duty were all full).
  const present = onDutyOnly ? agents.filter(onDuty) : agents;
  return { assigneeId: null, held: present.length === 0 ? 'off_duty' : 'capacity' };
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
