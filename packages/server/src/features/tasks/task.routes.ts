import { taskApi } from '@kith/domain/tasks/task.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { etag, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { createTask, deleteTask, getTask, listTasks, taskSummary, updateTask } from './task.service.ts';

// The tasks API's shapes live once in @kith/domain tasks/task.api.ts; the web calls the same contracts.

export function taskRoutes(core: Core) {
  return async function (app: App) {
    app.get(taskApi.list.path, { schema: routeSchema(taskApi.list, [403, 422]), config: { action: 'tasks.read' } }, async (req) =>
      listTasks(core, actorOf(req), {
        assignee: req.query.assignee,
        done: req.query.done === 'true',
        limit: req.query.limit,
        ...(req.query.contactId ? { contactId: req.query.contactId } : {}),
      }),
    );
    app.get(taskApi.summary.path, { schema: routeSchema(taskApi.summary, []), config: { action: 'tasks.read' } }, async (req) =>
      taskSummary(core, actorOf(req)),
    );
    app.post(taskApi.create.path, { schema: routeSchema(taskApi.create, [403, 422]), config: { action: 'tasks.write' } }, async (req, reply) => {
      const t = await createTask(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(t.version)).header('location', `/api/v1/tasks/${t.id}`).send(t);
    });
    app.get(taskApi.get.path, { schema: routeSchema(taskApi.get, [404]), config: { action: 'tasks.read' } }, async (req, reply) => {
      const t = await getTask(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(t.version)).send(t);
    });
    app.patch(taskApi.update.path, { schema: routeSchema(taskApi.update, [403, 404, 412, 422]), config: { action: 'tasks.write' } }, async (req, reply) => {
      const t = await updateTask(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
      return reply.header('etag', etag(t.version)).send(t);
    });
    app.delete(taskApi.remove.path, { schema: routeSchema(taskApi.remove, [403, 404]), config: { action: 'tasks.write' } }, async (req, reply) => {
      await deleteTask(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
  };
}
