import { z } from 'zod';
import { VIEW_ENTITIES, ViewCreateSchema, ViewUpdateSchema } from '@kith/domain/views/saved-view.schema.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, IdParams, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { createView, deleteView, listViews, updateView } from './view.service.ts';

const ViewOut = z
  .object({
    id: z.string(),
    entity: z.enum(VIEW_ENTITIES),
    name: z.string(),
    shared: z.boolean(),
    config: z.object({ q: z.string().optional(), filters: z.array(z.object({ field: z.string(), op: z.string(), value: z.string() })), sort: z.string().optional(), columns: z.array(z.string()) }),
    userId: z.string(),
    mine: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'SavedView' });

export function viewRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/views',
      { schema: { tags: ['views'], summary: 'Saved list views: mine and those shared with the workspace', querystring: z.strictObject({ entity: z.enum(VIEW_ENTITIES) }), response: { 200: z.object({ data: z.array(ViewOut) }), ...errors(403) } } },
      async (req) => ({ data: await listViews(core, actorOf(req), req.query.entity) }),
    );
    app.post(
      '/views',
      { schema: { tags: ['views'], summary: 'Save a list view (search, filters, sort, columns); "shared" needs views.share', body: ViewCreateSchema, response: { 201: ViewOut, ...errors(403, 422) } } },
      async (req, reply) => reply.code(201).send(await createView(core, actorOf(req), req.body)),
    );
    app.patch(
      '/views/:id',
      { schema: { tags: ['views'], summary: 'Rename, share or change a saved view (its author, or views.manage for shared ones)', params: IdParams, body: ViewUpdateSchema, response: { 200: ViewOut, ...errors(403, 404, 422) } } },
      async (req) => updateView(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      '/views/:id',
      { schema: { tags: ['views'], summary: 'Delete a saved view', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } } },
      async (req, reply) => {
        await deleteView(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
