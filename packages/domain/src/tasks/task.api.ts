import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { uuid } from '../schema/fields.ts';
import { TASK_PRIORITIES, TaskCreateSchema, TaskUpdateSchema } from './task.schema.ts';

/** The tasks API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const TaskOut = z
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

/** A task as the API returns it. */
export type Task = z.output<typeof TaskOut>;

export const TaskSummaryOut = z.object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int(), someday: z.number().int() });
export type TaskSummary = z.output<typeof TaskSummaryOut>;

export const taskApi = {
  list: contract({
    method: 'GET',
    path: '/tasks',
    tags: ['tasks'],
    summary: 'Tasks in your scope: open ones by due time (none last), or done ones newest first',
    query: z.strictObject({
      assignee: z.enum(['me', 'any']).default('me'),
      done: z.enum(['true', 'false']).default('false'),
      contactId: uuid().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    status: 200,
    response: z.object({ data: z.array(TaskOut) }),
  }),
  summary: contract({
    method: 'GET',
    path: '/tasks/summary',
    tags: ['tasks'],
    summary: 'Your open tasks counted by where they stand in the workspace’s today: overdue, today, upcoming, someday',
    status: 200,
    response: TaskSummaryOut,
  }),
  create: contract({
    method: 'POST',
    path: '/tasks',
    tags: ['tasks'],
    summary: 'Create a task (yours unless assigneeId says otherwise)',
    body: TaskCreateSchema,
    status: 201,
    response: TaskOut,
  }),
  get: contract({ method: 'GET', path: '/tasks/:id', tags: ['tasks'], summary: 'One task', params: IdParams, status: 200, response: TaskOut }),
  update: contract({
    method: 'PATCH',
    path: '/tasks/:id',
    tags: ['tasks'],
    summary: 'Change a task; done: true completes it, done: false reopens it (If-Match honoured)',
    params: IdParams,
    body: TaskUpdateSchema,
    status: 200,
    response: TaskOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/tasks/:id',
    tags: ['tasks'],
    summary: 'Delete a task (audited)',
    params: IdParams,
    status: 204,
    response: null,
  }),
};
