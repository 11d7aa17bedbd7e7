import { sql } from 'kysely';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The tasks on a customer's timeline. */
export const taskTimeline: TimelineSource = {
  kind: 'task',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    // A task is on the timeline when it was done, or (still open) when it was set.
    const at = sql<string>`coalesce(tasks.done_at, tasks.created_at)`;
    let q = db
      .selectFrom('tasks')
      .select(['id', 'title', 'due_at', 'done_at', 'done_by', 'created_by', 'assignee_id', 'priority', at.as('at')])
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .where('deleted_at', 'is', null);
    if (after) q = q.where((eb) => olderThan(eb, at, 'id', after));
    const rows = await q.orderBy(at, 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      kind: 'task' as const,
      id: r.id,
      at: typeof r.at === 'string' ? r.at : new Date(r.at as unknown as Date).toISOString(),
      actorUserId: r.done_by ?? r.created_by,
      task: { title: r.title, dueAt: r.due_at, doneAt: r.done_at, assigneeId: r.assignee_id, priority: r.priority },
    }));
  },
};
