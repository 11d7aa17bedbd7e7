import { z } from 'zod';
import { DealCreateSchema, DealUpdateSchema, PipelineInputSchema, STAGE_KINDS } from '@kith/domain/deals/deal.schema.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, etag, IdParams, parseIfMatch } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { OrderOut } from '../commerce/commerce.routes.ts';
import { createDeal, dealBoard, deleteDeal, getDeal, listDeals, listPipelines, orderFromDeal, savePipeline, updateDeal } from './deal.service.ts';

const StageOut = z.object({ id: z.string(), name: z.string(), position: z.number().int(), probability: z.number().int().describe('0–100: chance of winning a deal in this stage'), kind: z.enum(STAGE_KINDS) }).meta({ id: 'Stage' });
const PipelineOut = z.object({ id: z.string(), name: z.string(), position: z.number().int(), stages: z.array(StageOut) }).meta({ id: 'Pipeline' });
export const DealOut = z
  .object({
    id: z.string(),
    title: z.string(),
    pipelineId: z.string(),
    stageId: z.string(),
    status: z.enum(STAGE_KINDS),
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    companyId: z.string().nullable(),
    amount: z.number().int().describe('minor units of currency'),
    currency: z.string(),
    expectedClose: z.string().nullable(),
    ownerId: z.string().nullable(),
    teamId: z.string().nullable(),
    source: z.string().nullable(),
    lostReason: z.string().nullable(),
    notes: z.string().nullable(),
    position: z.number(),
    orderId: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Deal' });

export function dealRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/pipelines',
      { schema: { tags: ['deals'], summary: 'The workspace’s pipelines and their stages (a workspace starts with one)', response: { 200: z.object({ data: z.array(PipelineOut) }), ...errors(403) } }, config: { action: 'deals.read' } },
      async (req) => ({ data: await listPipelines(core, actorOf(req)) }),
    );
    app.post(
      '/pipelines',
      { schema: { tags: ['deals'], summary: 'Create a pipeline with its stages (at least a won and a lost one)', body: PipelineInputSchema, response: { 201: PipelineOut, ...errors(403, 422) } }, config: { action: 'pipelines.manage' } },
      async (req, reply) => reply.code(201).send(await savePipeline(core, actorOf(req), null, req.body)),
    );
    app.put(
      '/pipelines/:id',
      { schema: { tags: ['deals'], summary: 'Rename a pipeline and set its stages (give a stage’s id to keep it; a stage holding deals cannot be removed)', params: IdParams, body: PipelineInputSchema, response: { 200: PipelineOut, ...errors(403, 404, 409, 422) } }, config: { action: 'pipelines.manage' } },
      async (req) => savePipeline(core, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/deals/board',
      {
        schema: {
          tags: ['deals'],
          summary: 'A pipeline as a board: each stage with its deals in order (first 200), count, value and weighted value',
          querystring: z.strictObject({ pipelineId: z.uuid().optional() }),
          response: { 200: z.object({ pipeline: PipelineOut, currency: z.string(), columns: z.array(StageOut.extend({ count: z.number().int(), amount: z.number(), weighted: z.number(), deals: z.array(DealOut) })) }), ...errors(403, 404) },
        },
        config: { action: 'deals.read' },
      },
      async (req) => dealBoard(core, actorOf(req), req.query.pipelineId ?? null),
    );
    app.get(
      '/deals',
      {
        schema: {
          tags: ['deals'],
          summary: 'Deals as a list: filter by pipeline, stage, status, customer or words of the title; sort by creation, amount or expected close',
          querystring: z.strictObject({
            pipelineId: z.uuid().optional(),
            stageId: z.uuid().optional(),
            status: z.enum(STAGE_KINDS).optional(),
            contactId: z.uuid().optional(),
            q: z.string().max(200).optional(),
            sort: z.enum(['createdAt', '-createdAt', 'amount', '-amount', 'expectedClose', '-expectedClose']).default('-createdAt'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(100).optional(),
          }),
          response: { 200: z.object({ data: z.array(DealOut), nextCursor: z.string().nullable() }), ...errors(403, 422) },
        },
        config: { action: 'deals.read' },
      },
      async (req) => listDeals(core, actorOf(req), req.query),
    );
    app.post(
      '/deals',
      { schema: { tags: ['deals'], summary: 'Create a deal (in the first pipeline’s first open stage unless given)', body: DealCreateSchema, response: { 201: DealOut, ...errors(403, 422) } }, config: { action: 'deals.write' } },
      async (req, reply) => {
        const d = await createDeal(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(d.version)).header('location', `/api/v1/deals/${d.id}`).send(d);
      },
    );
    app.get(
      '/deals/:id',
      { schema: { tags: ['deals'], summary: 'One deal', params: IdParams, response: { 200: DealOut, ...errors(403, 404) } }, config: { action: 'deals.read' } },
      async (req, reply) => {
        const d = await getDeal(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(d.version)).send(d);
      },
    );
    app.patch(
      '/deals/:id',
      { schema: { tags: ['deals'], summary: 'Change a deal or move it (stageId, position); a won or lost stage closes it (If-Match honoured)', params: IdParams, body: DealUpdateSchema, response: { 200: DealOut, ...errors(403, 404, 412, 422) } }, config: { action: 'deals.write' } },
      async (req, reply) => {
        const d = await updateDeal(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(d.version)).send(d);
      },
    );
    app.delete(
      '/deals/:id',
      { schema: { tags: ['deals'], summary: 'Delete a deal', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } }, config: { action: 'deals.delete' } },
      async (req, reply) => {
        await deleteDeal(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/deals/:id/order',
      { schema: { tags: ['deals'], summary: 'Make the order of a won deal: one line with its title and amount, for its customer', params: IdParams, response: { 201: z.object({ deal: DealOut, order: OrderOut }), ...errors(403, 404, 409, 422) } }, config: { action: 'deals.write' } },
      async (req, reply) => reply.code(201).send(await orderFromDeal(core, actorOf(req), req.params.id)),
    );
  };
}
