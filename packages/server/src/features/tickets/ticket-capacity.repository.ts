import type { Shift } from '@kith/domain/workload/workload.ts';
import type { DialectName } from '../../platform/db/create-db.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { OPEN_STATUSES } from './ticket.repository.ts';

/**
 * What automatic assignment must respect (the workload feature sets it: features/workload): each member's
 * capacity of open tickets and their shifts, the workspace's default capacity, and whether members off duty are
 * passed over. Read under a lock of the workspace's workload row on PostgreSQL, so that assignments made at the
 * same moment count each other's tickets (SQLite runs one transaction at a time); null when the workspace has
 * set nothing (no row): assignment works as it always has.
 */
export type AssignmentLimits = {
  defaultMaxTickets: number | null;
  assignOnDutyOnly: boolean;
  /** By member: their own capacity (null: the default) and shifts (null: the care hours). */
  own: Map<string, { maxTickets: number | null; shifts: Shift[] | null }>;
};

export async function lockAssignmentLimits(db: Db, dialect: DialectName, workspaceId: string, userIds: readonly string[]): Promise<AssignmentLimits | null> {
  let q = db.selectFrom('workload_settings').select(['max_tickets', 'assign_on_duty_only']).where('workspace_id', '=', workspaceId);
  if (dialect === 'postgres') q = q.forUpdate();
  const settings = await q.executeTakeFirst();
  if (!settings) return null;
  const rows =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('member_capacity')
          .select(['user_id', 'max_tickets', 'shifts'])
          .where('workspace_id', '=', workspaceId)
          .where('user_id', 'in', [...userIds])
          .execute();
  return {
    defaultMaxTickets: settings.max_tickets,
    assignOnDutyOnly: Boolean(settings.assign_on_duty_only),
    own: new Map(rows.map((r) => [r.user_id, { maxTickets: r.max_tickets, shifts: readJson<Shift[] | null>(r.shifts, null) }])),
  };
}

/** Open tickets per member (one with none is missing). */
export async function openTicketCounts(db: Db, workspaceId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const counts = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', 'in', [...userIds])
    .where('status', 'in', OPEN_STATUSES)
    .where('deleted_at', 'is', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(counts.map((c) => [c.assignee_id!, Number(c.n)]));
}
