import { viewApi } from '@kith/domain/views/saved-view.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { createView, deleteView, listViews, updateView } from './view.service.ts';

// The saved views API's shapes live once in @kith/domain views/saved-view.api.ts; the web calls the same contracts.

export function viewRoutes(core: Core) {
  return async function (app: App) {
    app.get(viewApi.list.path, { schema: routeSchema(viewApi.list, [403]) }, async (req) => ({ data: await listViews(core, actorOf(req), req.query.entity) }));
    app.post(viewApi.create.path, { schema: routeSchema(viewApi.create, [403, 422]) }, async (req, reply) =>
      reply.code(201).send(await createView(core, actorOf(req), req.body)),
    );
    app.patch(viewApi.update.path, { schema: routeSchema(viewApi.update, [403, 404, 422]) }, async (req) =>
      updateView(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(viewApi.remove.path, { schema: routeSchema(viewApi.remove, [403, 404]) }, async (req, reply) => {
      await deleteView(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
  };
}
