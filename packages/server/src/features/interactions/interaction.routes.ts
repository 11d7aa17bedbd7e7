import { interactionApi } from '@kith/domain/interactions/interaction.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { etag, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { createInteraction, deleteInteraction, getInteraction, updateInteraction } from './interaction.service.ts';

// The interactions API's shapes live once in @kith/domain interactions/interaction.api.ts; the web calls the same contracts.

export function interactionRoutes(core: Core) {
  return async function (app: App) {
    app.post(
      interactionApi.create.path,
      { schema: routeSchema(interactionApi.create, [403, 422]), config: { action: 'interactions.create' } },
      async (req, reply) => {
        const i = await createInteraction(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(i.version)).header('location', `/api/v1/interactions/${i.id}`).send(i);
      },
    );
    app.get(interactionApi.get.path, { schema: routeSchema(interactionApi.get, [404]), config: { action: 'contacts.read' } }, async (req, reply) => {
      const i = await getInteraction(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(i.version)).send(i);
    });
    app.patch(
      interactionApi.update.path,
      { schema: routeSchema(interactionApi.update, [403, 404, 412, 422]), config: { action: 'interactions.update' } },
      async (req, reply) => {
        const i = await updateInteraction(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(i.version)).send(i);
      },
    );
    app.delete(
      interactionApi.remove.path,
      { schema: routeSchema(interactionApi.remove, [403, 404]), config: { action: 'interactions.update' } },
      async (req, reply) => {
        await deleteInteraction(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
