import { dealApi } from '@kith/domain/deals/deal.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { etag, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { dealBoard, listDeals } from './deal-list.service.ts';
import { createDeal, deleteDeal, getDeal, orderFromDeal, updateDeal } from './deal.service.ts';
import { listPipelines, savePipeline } from './pipeline.service.ts';

// The deals API's shapes live once in @kith/domain deals/deal.api.ts; the web calls the same contracts.

export function dealRoutes(core: Core) {
  return async function (app: App) {
    app.get(dealApi.pipelines.path, { schema: routeSchema(dealApi.pipelines, [403]), config: { action: 'deals.read' } }, async (req) => ({
      data: await listPipelines(core, actorOf(req)),
    }));
    app.post(
      dealApi.createPipeline.path,
      { schema: routeSchema(dealApi.createPipeline, [403, 422]), config: { action: 'pipelines.manage' } },
      async (req, reply) => reply.code(201).send(await savePipeline(core, actorOf(req), null, req.body)),
    );
    app.put(
      dealApi.savePipeline.path,
      { schema: routeSchema(dealApi.savePipeline, [403, 404, 409, 422]), config: { action: 'pipelines.manage' } },
      async (req) => savePipeline(core, actorOf(req), req.params.id, req.body),
    );
    app.get(dealApi.board.path, { schema: routeSchema(dealApi.board, [403, 404]), config: { action: 'deals.read' } }, async (req) =>
      dealBoard(core, actorOf(req), req.query.pipelineId ?? null),
    );
    app.get(dealApi.list.path, { schema: routeSchema(dealApi.list, [403, 422]), config: { action: 'deals.read' } }, async (req) =>
      listDeals(core, actorOf(req), req.query),
    );
    app.post(dealApi.create.path, { schema: routeSchema(dealApi.create, [403, 422]), config: { action: 'deals.write' } }, async (req, reply) => {
      const d = await createDeal(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(d.version)).header('location', `/api/v1/deals/${d.id}`).send(d);
    });
    app.get(dealApi.get.path, { schema: routeSchema(dealApi.get, [403, 404]), config: { action: 'deals.read' } }, async (req, reply) => {
      const d = await getDeal(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(d.version)).send(d);
    });
    app.patch(dealApi.update.path, { schema: routeSchema(dealApi.update, [403, 404, 412, 422]), config: { action: 'deals.write' } }, async (req, reply) => {
      const d = await updateDeal(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
      return reply.header('etag', etag(d.version)).send(d);
    });
    app.delete(dealApi.remove.path, { schema: routeSchema(dealApi.remove, [403, 404]), config: { action: 'deals.delete' } }, async (req, reply) => {
      await deleteDeal(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.post(dealApi.order.path, { schema: routeSchema(dealApi.order, [403, 404, 409, 422]), config: { action: 'deals.write' } }, async (req, reply) =>
      reply.code(201).send(await orderFromDeal(core, actorOf(req), req.params.id)),
    );
  };
}
