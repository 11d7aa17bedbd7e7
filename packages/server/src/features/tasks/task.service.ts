import { uuidv7 } from '../../platform/db/ids.ts';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import { dueBucket, type TaskCreateInput, type TaskUpdateInput } from '@kith/domain/tasks/task.schema.ts';
import type { Task } from '@kith/domain/tasks/task.api.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { checkVersion, softDelete, updateVersioned } from '../../platform/records/lifecycle.ts';
import { authorize, readableContacts } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { findTask, inTeams, insertTaskRow, isMember, listTaskRows, openTaskDueTimes, readTask } from './task.repository.ts';

/**
 * Tasks (docs/permissions.md): everyone sees the tasks assigned to them or made by them; a manager also those
 * of their teams' members and the unassigned ones; owners, admins and viewers all. Assigning to someone
 * else is `tasks.assign` (a manager: within their teams). A task about a customer needs one the caller may see.
 */

const AUDITED = ['title', 'notes', 'dueAt', 'assigneeId', 'contactId', 'priority', 'doneAt'] as const;

/** May the actor give a task to this member? Themselves always; others with tasks.assign (a manager: their teams). */
async function checkAssignee(db: Db, actor: Actor, assigneeId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!assigneeId || assigneeId === actor.userId) return;
  if (!(await isMember(db, actor.workspaceId, assigneeId)))
    return void issues.push({ path: ['assigneeId'], message: 'Not a member of this workspace', code: 'not_found' });
  const grant = grantOf(actor.role, 'tasks.assign');
  if (grant === true) return;
  if (grant === 'scoped' && (await inTeams(db, actor.workspaceId, actor.teamIds, assigneeId))) return;
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
    await insertTaskRow(trx, {
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
    });
    const t = await readTask(trx, id);
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
    checkVersion(before, ifVersion);
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
    const version = await updateVersioned(trx, 'tasks', actor.workspaceId, before, {
      title: next.title,
      notes: next.notes,
      due_at: next.dueAt,
      assignee_id: next.assigneeId,
      contact_id: next.contactId,
      priority: next.priority,
      done_at: next.doneAt,
      done_by: next.doneBy,
      updated_at: now,
    });
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
    return { ...next, updatedAt: now, version };
  });
}

export async function deleteTask(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tasks.write');
  await core.db.transaction().execute(async (trx) => {
    const t = await findTask(trx, actor, 'tasks.write', id);
    if (!t) throw notFound('Task');
    await softDelete(trx, 'tasks', actor.workspaceId, t, { at: core.now().toISOString() });
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
  const data = await listTaskRows(core.db, actor, {
    assigneeId: q.assignee === 'me' ? actor.userId : null,
    ...(q.contactId ? { contactId: q.contactId } : {}),
    done: q.done,
    limit: q.limit,
  });
  return { data };
}

/** The caller's open tasks by where they stand today (the reminder badge): overdue, today, upcoming, someday. */
export async function taskSummary(core: Core, actor: Actor): Promise<Record<'overdue' | 'today' | 'upcoming' | 'someday', number>> {
  authorize(actor, 'tasks.read');
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const dues = await openTaskDueTimes(core.db, actor.workspaceId, actor.userId);
  const out = { overdue: 0, today: 0, upcoming: 0, someday: 0 };
  const now = core.now();
  for (const due of dues) out[dueBucket(due, now, ws?.timezone ?? 'Asia/Ho_Chi_Minh')]++;
  return out;
}
