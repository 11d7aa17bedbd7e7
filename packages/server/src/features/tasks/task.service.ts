import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { uuidv7 } from '../../platform/db/ids.ts';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import { dueBucket, type TaskCreateInput, type TaskUpdateInput } from '@kith/domain/tasks/task.schema.ts';
import type { Task } from '@kith/domain/tasks/task.api.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, preconditionFailed, readableContacts } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { TaskTable } from './task.table.ts';

/**
 * Tasks (docs/permissions.md): everyone sees the tasks assigned to them or made by them; a manager also those
 * of their teams' members and the unassigned ones; owners, admins and viewers all. Assigning to someone
 * else is `tasks.assign` (a manager: within their teams). A task about a customer needs one the caller may see.
 */

const AUDITED = ['title', 'notes', 'dueAt', 'assigneeId', 'contactId', 'priority', 'doneAt'] as const;

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

/** The tasks an actor may touch for an action, as a condition. */
function taskScope(actor: Actor, action: 'tasks.read' | 'tasks.write') {
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

async function findTask(db: Db, actor: Actor, action: 'tasks.read' | 'tasks.write', id: string): Promise<Task | undefined> {
  const r = await selectTasks(db).where(taskScope(actor, action)).where('tasks.id', '=', id).executeTakeFirst();
  return r && rowTo(r as Row);
}

/** May the actor give a task to this member? Themselves always; others with tasks.assign (a manager: their teams). */
async function checkAssignee(db: Db, actor: Actor, assigneeId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!assigneeId || assigneeId === actor.userId) return;
  const member = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', assigneeId)
    .executeTakeFirst();
  if (!member) return void issues.push({ path: ['assigneeId'], message: 'Not a member of this workspace', code: 'not_found' });
  const grant = grantOf(actor.role, 'tasks.assign');
  if (grant === true) return;
  if (grant === 'scoped' && actor.teamIds.length) {
    const mate = await db
      .selectFrom('team_members')
      .select('user_id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('team_id', 'in', actor.teamIds)
      .where('user_id', '=', assigneeId)
      .executeTakeFirst();
    if (mate) return;
  }
  issues.push({ path: ['assigneeId'], message: 'You may give tasks to yourself only (or, as a manager, to members of your teams)', code: 'invalid' });
}

async function checkContact(db: Db, actor: Actor, contactId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!contactId) return;
  if (!(await readableContacts(db, actor, [contactId])).has(contactId))
    issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
}

const audited = (t: Task) => Object.fromEntries(AUDITED.map((k) => [k, t[k]]));

export async function createTask(core: Core, actor: Actor, input: TaskCreateInput): Promise<Task> {
  authorize(actor, 'tasks.write');
  return core.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const assigneeId = input.assigneeId === undefined ? actor.userId : input.assigneeId;
    await checkAssignee(trx, actor, assigneeId, issues);
    await checkContact(trx, actor, input.contactId, issues);
    if (issues.length) throw invalid(issues, 'The task has invalid fields');
    const now = core.now().toISOString();
    const id = uuidv7();
    await trx
      .insertInto('tasks')
      .values({
        id,
        workspace_id: actor.workspaceId,
        title: input.title,
        notes: input.notes ?? null,
        due_at: input.dueAt ?? null,
        assignee_id: assigneeId,
        contact_id: input.contactId ?? null,
        priority: input.priority ?? 'normal',
        done_at: null,
        done_by: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        version: 1,
      })
      .execute();
    const t = rowTo((await selectTasks(trx).where('tasks.id', '=', id).executeTakeFirstOrThrow()) as Row);
    await recordAudit(
      trx,
      { ...by(actor), action: 'create', entityType: 'task', entityId: id, after: audited(t), meta: { contactId: t.contactId } },
      core.now(),
    );
    return t;
  });
}

export async function getTask(core: Core, actor: Actor, id: string): Promise<Task> {
  authorize(actor, 'tasks.read');
  const t = await findTask(core.db, actor, 'tasks.read', id);
  if (!t) throw notFound('Task');
  return t;
}

/** Change a task; `done: true` completes it (who and when recorded), `done: false` reopens it. */
export async function updateTask(core: Core, actor: Actor, id: string, patch: TaskUpdateInput, ifVersion: number | null): Promise<Task> {
  authorize(actor, 'tasks.write');
  return core.db.transaction().execute(async (trx) => {
    const before = await findTask(trx, actor, 'tasks.write', id);
    if (!before) throw notFound('Task');
    if (ifVersion !== null && ifVersion !== before.version) throw preconditionFailed(before.version);
    const issues: FieldIssue[] = [];
    if (patch.assigneeId !== undefined && patch.assigneeId !== before.assigneeId) await checkAssignee(trx, actor, patch.assigneeId, issues);
    if (patch.contactId !== undefined && patch.contactId !== before.contactId) await checkContact(trx, actor, patch.contactId, issues);
    if (issues.length) throw invalid(issues, 'The task has invalid fields');
    const now = core.now().toISOString();
    const next: Task = { ...before };
    for (const k of ['title', 'notes', 'dueAt', 'assigneeId', 'contactId', 'priority'] as const)
      if (patch[k] !== undefined) (next as Record<string, unknown>)[k] = patch[k];
    if (patch.done === true && !before.doneAt) Object.assign(next, { doneAt: now, doneBy: actor.userId });
    if (patch.done === false) Object.assign(next, { doneAt: null, doneBy: null });
    const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    if (changed.length === 0) return before;
    const r = await trx
      .updateTable('tasks')
      .set({
        title: next.title,
        notes: next.notes,
        due_at: next.dueAt,
        assignee_id: next.assigneeId,
        contact_id: next.contactId,
        priority: next.priority,
        done_at: next.doneAt,
        done_by: next.doneBy,
        updated_at: now,
        version: before.version + 1,
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw preconditionFailed(before.version + 1);
    const action = patch.done === true && !before.doneAt ? 'complete' : patch.done === false && before.doneAt ? 'reopen' : 'update';
    await recordAudit(
      trx,
      {
        ...by(actor),
        action,
        entityType: 'task',
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        meta: { contactId: next.contactId },
      },
      core.now(),
    );
    return { ...next, updatedAt: now, version: before.version + 1 };
  });
}

export async function deleteTask(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tasks.write');
  await core.db.transaction().execute(async (trx) => {
    const t = await findTask(trx, actor, 'tasks.write', id);
    if (!t) throw notFound('Task');
    const now = core.now().toISOString();
    await trx
      .updateTable('tasks')
      .set({ deleted_at: now, updated_at: now, version: t.version + 1 })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      { ...by(actor), action: 'delete', entityType: 'task', entityId: id, before: audited(t), meta: { contactId: t.contactId } },
      core.now(),
    );
  });
}

export type TaskListQuery = { assignee: 'me' | 'any'; done: boolean; contactId?: string; limit: number };

/** Tasks in scope: open ones by due time (none last), or done ones newest first. */
export async function listTasks(core: Core, actor: Actor, q: TaskListQuery): Promise<{ data: Task[] }> {
  authorize(actor, 'tasks.read');
  let query = selectTasks(core.db).where(taskScope(actor, 'tasks.read'));
  if (q.assignee === 'me') query = query.where('tasks.assignee_id', '=', actor.userId);
  if (q.contactId) query = query.where('tasks.contact_id', '=', q.contactId);
  query = q.done
    ? query.where('tasks.done_at', 'is not', null).orderBy('tasks.done_at', 'desc')
    : query.where('tasks.done_at', 'is', null).orderBy(sql`case when tasks.due_at is null then 1 else 0 end`).orderBy('tasks.due_at').orderBy('tasks.id');
  const rows = await query.limit(q.limit).execute();
  return { data: rows.map((r) => rowTo(r as Row)) };
}

/** The caller's open tasks by where they stand today (the reminder badge): overdue, today, upcoming, someday. */
export async function taskSummary(core: Core, actor: Actor): Promise<Record<'overdue' | 'today' | 'upcoming' | 'someday', number>> {
  authorize(actor, 'tasks.read');
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const rows = await core.db
    .selectFrom('tasks')
    .select('due_at')
    .where('workspace_id', '=', actor.workspaceId)
    .where('assignee_id', '=', actor.userId)
    .where('done_at', 'is', null)
    .where('deleted_at', 'is', null)
    .execute();
  const out = { overdue: 0, today: 0, upcoming: 0, someday: 0 };
  const now = core.now();
  for (const r of rows) out[dueBucket(r.due_at, now, ws?.timezone ?? 'Asia/Ho_Chi_Minh')]++;
  return out;
}
