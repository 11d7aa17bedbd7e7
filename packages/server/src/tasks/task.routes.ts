import { z } from 'zod';
import { TASK_PRIORITIES, TaskCreateSchema, TaskUpdateSchema } from '@kith/domain/tasks/task.schema.ts';
import { uuid } from '@kith/domain/schema/fields.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, etag, IdParams, parseIfMatch, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { createTask, deleteTask, getTask, listTasks, taskSummary, updateTask } from './task.service.ts';

const TaskOut = z
  .object({
    id: z.string(),
    title: z.string(),
    notes: z.string().nullable(),
    dueAt: Timestamp.nullable(),
    assigneeId: z.string().nullable(),
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    priority: z.enum(TASK_PRIORITIES),
    doneAt: Timestamp.nullable(),
    doneBy: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Task' });

export function taskRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Tasks in your scope: open ones by due time (none last), or done ones newest first',
          querystring: z.strictObject({
            assignee: z.enum(['me', 'any']).default('me'),
            done: z.enum(['true', 'false']).default('false'),
            contactId: uuid().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ data: z.array(TaskOut) }), ...errors(403, 422) },
        },
        config: { action: 'tasks.read' },
      },
      async (req) => listTasks(core, actorOf(req), { assignee: req.query.assignee, done: req.query.done === 'true', limit: req.query.limit, ...(req.query.contactId ? { contactId: req.query.contactId } : {}) }),
    );
    app.get(
      '/tasks/summary',
      {
        schema: { tags: ['tasks'], summary: 'Your open tasks counted by where they stand in the workspace’s today: overdue, today, upcoming, someday', response: { 200: z.object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int(), someday: z.number().int() }) } },
        config: { action: 'tasks.read' },
      },
      async (req) => taskSummary(core, actorOf(req)),
    );
    app.post(
      '/tasks',
      { schema: { tags: ['tasks'], summary: 'Create a task (yours unless assigneeId says otherwise)', body: TaskCreateSchema, response: { 201: TaskOut, ...errors(403, 422) } }, config: { action: 'tasks.write' } },
      async (req, reply) => {
        const t = await createTask(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(t.version)).header('location', `/api/v1/tasks/${t.id}`).send(t);
      },
    );
    app.get('/tasks/:id', { schema: { tags: ['tasks'], summary: 'One task', params: IdParams, response: { 200: TaskOut, ...errors(404) } }, config: { action: 'tasks.read' } }, async (req, reply) => {
      const t = await getTask(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(t.version)).send(t);
    });
    app.patch(
      '/tasks/:id',
      { schema: { tags: ['tasks'], summary: 'Change a task; done: true completes it, done: false reopens it (If-Match honoured)', params: IdParams, body: TaskUpdateSchema, response: { 200: TaskOut, ...errors(403, 404, 412, 422) } }, config: { action: 'tasks.write' } },
      async (req, reply) => {
        const t = await updateTask(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(t.version)).send(t);
      },
    );
    app.delete('/tasks/:id', { schema: { tags: ['tasks'], summary: 'Delete a task (audited)', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } }, config: { action: 'tasks.write' } }, async (req, reply) => {
      await deleteTask(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
  };
}
