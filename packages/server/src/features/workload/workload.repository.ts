import { sql } from 'kysely';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import type { PeopleScope } from '../../platform/records/people-scope.repository.ts';
import { OPEN_STATUSES } from '../tickets/ticket.repository.ts';
import type { MemberCapacityTable, WorkloadSettingsTable } from './workload.table.ts';
import type { Selectable } from 'kysely';

/** The SQL of the workload feature: its two tables, and the open work of the members it counts. */

export type SettingsRow = Selectable<WorkloadSettingsTable>;
export type CapacityRow = Selectable<MemberCapacityTable>;

export async function findSettings(db: Db, workspaceId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('workload_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The workspace's row with these values, made if missing (a capacity makes it too: assignment locks it). */
export async function writeSettings(
  db: Db,
  workspaceId: string,
  v: Pick<SettingsRow, 'max_tickets' | 'max_deals' | 'max_tasks' | 'peak_threshold'> & { assign_on_duty_only: 0 | 1 },
  now: string,
): Promise<void> {
  await db
    .insertInto('workload_settings')
    .values({ workspace_id: workspaceId, ...v, updated_at: now, version: 1 })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet((eb) => ({ ...v, updated_at: now, version: eb('workload_settings.version', '+', 1) })))
    .execute();
}

export async function ensureSettings(db: Db, workspaceId: string, defaults: { peak_threshold: number }, now: string): Promise<void> {
  await db
    .insertInto('workload_settings')
    .values({
      workspace_id: workspaceId,
      max_tickets: null,
      max_deals: null,
      max_tasks: null,
      assign_on_duty_only: 0,
      peak_threshold: defaults.peak_threshold,
      updated_at: now,
      version: 1,
    })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
}

export async function findCapacities(db: Db, workspaceId: string, userIds?: readonly string[]): Promise<CapacityRow[]> {
  if (userIds && userIds.length === 0) return [];
  let q = db.selectFrom('member_capacity').selectAll().where('workspace_id', '=', workspaceId);
  if (userIds) q = q.where('user_id', 'in', [...userIds]);
  return q.execute();
}

export async function writeCapacity(
  db: Db,
  row: Pick<CapacityRow, 'workspace_id' | 'user_id' | 'max_tickets' | 'max_deals' | 'max_tasks' | 'updated_by' | 'updated_at'> & { shifts: string | null },
): Promise<void> {
  const { workspace_id: _w, user_id: _u, ...set } = row;
  await db
    .insertInto('member_capacity')
    .values({ ...row, version: 1 })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet((eb) => ({ ...set, version: eb('member_capacity.version', '+', 1) })))
    .execute();
}

export type MemberRow = { userId: string; name: string; role: string };

/** Members of the workspace in the scope (all but viewers unless `withViewers`), by name. */
export async function membersInScope(db: Db, scope: PeopleScope, o: { withViewers?: boolean; userIds?: readonly string[] } = {}): Promise<MemberRow[]> {
  let q = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id as userId', 'users.name as name', 'memberships.role as role'])
    .where('memberships.workspace_id', '=', scope.workspaceId);
  if (!o.withViewers) q = q.where('memberships.role', '!=', 'viewer');
  if (!scope.all) q = q.where('memberships.user_id', 'in', [...scope.userIds]);
  if (o.userIds) {
    if (o.userIds.length === 0) return [];
    q = q.where('memberships.user_id', 'in', [...o.userIds]);
  }
  return q.orderBy('users.name').orderBy('memberships.user_id').execute();
}

/** Is this a member of the workspace? */
export async function isMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst());
}

/** The teams in the scope (every team of the workspace, or the manager's), by name. */
export async function teamsInScope(db: Db, scope: PeopleScope): Promise<{ id: string; name: string }[]> {
  if (!scope.all && scope.teamIds.size === 0) return [];
  let q = db.selectFrom('teams').select(['id', 'name']).where('workspace_id', '=', scope.workspaceId);
  if (!scope.all) q = q.where('id', 'in', [...scope.teamIds]);
  return q.orderBy('name').orderBy('id').execute();
}

export async function teamExists(db: Db, workspaceId: string, teamId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst());
}

/** Who is on which team, in the workspace. */
export async function teamMemberships(db: Db, workspaceId: string): Promise<{ teamId: string; userId: string }[]> {
  return db.selectFrom('team_members').select(['team_id as teamId', 'user_id as userId']).where('workspace_id', '=', workspaceId).execute();
}

/** Open deals per owner. */
export async function openDealsBy(db: Db, workspaceId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('deals')
    .select(['owner_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', 'in', [...userIds])
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_id!, Number(r.n)]));
}

/** Open tasks (not done) per assignee, and how many of them are past due at `now`. */
export async function openTasksBy(
  db: Db,
  workspaceId: string,
  userIds: readonly string[],
  now: string,
): Promise<Map<string, { open: number; overdue: number }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tasks')
    .select((eb) => [
      'assignee_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', 'in', [...userIds])
    .where('done_at', 'is', null)
    .where('deleted_at', 'is', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, { open: Number(r.n), overdue: Number(r.overdue ?? 0) }]));
}

/** Open tickets of each team that nobody has (its queue). */
export async function teamQueues(db: Db, workspaceId: string, teamIds: readonly string[]): Promise<Map<string, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['team_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', [...teamIds])
    .where('assignee_id', 'is', null)
    .where('status', 'in', OPEN_STATUSES)
    .where('deleted_at', 'is', null)
    .groupBy('team_id')
    .execute();
  return new Map(rows.map((r) => [r.team_id!, Number(r.n)]));
}

/**
 * Tickets created in [from, to), counted per UTC quarter hour (its start, ISO): every time zone's offset is a
 * whole number of quarter hours, so each quarter lies in one local hour whatever the zone. Of some teams, or
 * assigned to some members, or (neither) the whole workspace's.
 */
export async function ticketsByQuarter(
  db: Db,
  dialect: DialectName,
  workspaceId: string,
  from: string,
  to: string,
  only: { teamIds?: readonly string[]; assigneeIds?: readonly string[] },
): Promise<{ at: string; n: number }[]> {
  const quarter =
    dialect === 'postgres'
      ? sql<string>`(date_trunc('hour', created_at) + floor(extract(minute from created_at) / 15) * interval '15 minutes')`
      : sql<string>`(substr(created_at, 1, 14) || printf('%02d', (cast(substr(created_at, 15, 2) as integer) / 15) * 15) || ':00.000Z')`;
  let q = db
    .selectFrom('tickets')
    .select([quarter.as('at'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('deleted_at', 'is', null);
  if (only.teamIds) {
    if (only.teamIds.length === 0) return [];
    q = q.where('team_id', 'in', [...only.teamIds]);
  }
  if (only.assigneeIds) {
    if (only.assigneeIds.length === 0) return [];
    q = q.where('assignee_id', 'in', [...only.assigneeIds]);
  }
  const rows = await q.groupBy(quarter).execute();
  return rows.map((r) => ({ at: String(r.at), n: Number(r.n) }));
}
