import { sql, type ExpressionBuilder, type Insertable, type Selectable } from 'kysely';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import type { Task } from '@kith/domain/tasks/task.api.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { TaskTable } from './task.table.ts';

type Row = Selectable<TaskTable> & { contact_name: string | null };
function rowTo(r: Row): Task {
  return {
    id: r.id,
    title: r.title,
    notes: r.notes,
    dueAt: r.due_at,
    assigneeId: r.assignee_id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    priority: r.priority as Task['priority'],
    doneAt: r.done_at,
    doneBy: r.done_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** The tasks an actor may touch for an action, as a condition (task.service.ts says who sees what). */
export function taskScope(actor: Actor, action: 'tasks.read' | 'tasks.write') {
  const grant = grantOf(actor.role, action);
  return (eb: ExpressionBuilder<Database, 'tasks'>) => {
    const ws = eb('tasks.workspace_id', '=', actor.workspaceId);
    if (grant === true) return ws;
    const mine = [eb('tasks.assignee_id', '=', actor.userId), eb('tasks.created_by', '=', actor.userId)];
    if (actor.role === 'manager') {
      mine.push(eb('tasks.assignee_id', 'is', null));
      if (actor.teamIds.length)
        mine.push(
          sql<boolean>`tasks.assignee_id in (select tm.user_id from team_members tm where tm.workspace_id = ${actor.workspaceId} and tm.team_id in (${sql.join(actor.teamIds)}))` as never,
        );
    }
    return eb.and([ws, eb.or(mine)]);
  };
}

function selectTasks(db: Db) {
  return db
    .selectFrom('tasks')
    .leftJoin('contacts', 'contacts.id', 'tasks.contact_id')
    .selectAll('tasks')
    .select('contacts.name as contact_name')
    .where('tasks.deleted_at', 'is', null);
}

/** A live task the actor may touch for the action. */
export async function findTask(db: Db, actor: Actor, action: 'tasks.read' | 'tasks.write', id: string): Promise<Task | undefined> {
  const r = await selectTasks(db).where(taskScope(actor, action)).where('tasks.id', '=', id).executeTakeFirst();
  return r && rowTo(r as Row);
}

/** A task just written, as read back (with its customer's name). */
export async function readTask(db: Db, id: string): Promise<Task> {
  return rowTo((await selectTasks(db).where('tasks.id', '=', id).executeTakeFirstOrThrow()) as Row);
}

export async function insertTaskRow(db: Db, row: Insertable<TaskTable>): Promise<void> {
  await db.insertInto('tasks').values(row).execute();
}

/** Tasks in the actor's read scope: open ones by due time (none last), or done ones newest first. */
export async function listTaskRows(db: Db, actor: Actor, q: { assigneeId: string | null; contactId?: string; done: boolean; limit: number }): Promise<Task[]> {
  let query = selectTasks(db).where(taskScope(actor, 'tasks.read'));
  if (q.assigneeId) query = query.where('tasks.assignee_id', '=', q.assigneeId);
  if (q.contactId) query = query.where('tasks.contact_id', '=', q.contactId);
  query = q.done
    ? query.where('tasks.done_at', 'is not', null).orderBy('tasks.done_at', 'desc')
    : query.where('tasks.done_at', 'is', null).orderBy(sql`case when tasks.due_at is null then 1 else 0 end`).orderBy('tasks.due_at').orderBy('tasks.id');
  const rows = await query.limit(q.limit).execute();
  return rows.map((r) => rowTo(r as Row));
}

/** When the member's open tasks are due (the reminder badge). */
export async function openTaskDueTimes(db: Db, workspaceId: string, userId: string): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom('tasks')
    .select('due_at')
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', '=', userId)
    .where('done_at', 'is', null)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.due_at);
}

/** Is this user a member of the workspace? */
export async function isMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const r = await db.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return r !== undefined;
}

/** Is this user in one of these teams of the workspace? */
export async function inTeams(db: Db, workspaceId: string, teamIds: readonly string[], userId: string): Promise<boolean> {
  if (teamIds.length === 0) return false;
  const r = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', [...teamIds])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r !== undefined;
}
