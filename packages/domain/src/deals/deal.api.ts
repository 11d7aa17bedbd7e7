import { z } from 'zod';
import { IdParams } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { OrderOut } from '../orders/order.api.ts';
import { DealCreateSchema, DealUpdateSchema, PipelineInputSchema, STAGE_KINDS } from './deal.schema.ts';

/** The deals API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const StageOut = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    probability: z.number().int().describe('0–100: chance of winning a deal in this stage'),
    kind: z.enum(STAGE_KINDS),
  })
  .meta({ id: 'Stage' });
export const PipelineOut = z.object({ id: z.string(), name: z.string(), position: z.number().int(), stages: z.array(StageOut) }).meta({ id: 'Pipeline' });
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

export type Stage = z.output<typeof StageOut>;
export type Pipeline = z.output<typeof PipelineOut>;
/** A deal as the API returns it. */
export type Deal = z.output<typeof DealOut>;

export const BoardColumnOut = StageOut.extend({ count: z.number().int(), amount: z.number(), weighted: z.number(), deals: z.array(DealOut) });
export const DealBoardOut = z.object({ pipeline: PipelineOut, currency: z.string(), columns: z.array(BoardColumnOut) });
export type DealBoard = z.output<typeof DealBoardOut>;

export const DealListQuery = z.strictObject({
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  status: z.enum(STAGE_KINDS).optional(),
  contactId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['createdAt', '-createdAt', 'amount', '-amount', 'expectedClose', '-expectedClose']).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

export const dealApi = {
  pipelines: contract({
    method: 'GET',
    path: '/pipelines',
    tags: ['deals'],
    summary: 'The workspace’s pipelines and their stages (a workspace starts with one)',
    status: 200,
    response: z.object({ data: z.array(PipelineOut) }),
  }),
  createPipeline: contract({
    method: 'POST',
    path: '/pipelines',
    tags: ['deals'],
    summary: 'Create a pipeline with its stages (at least a won and a lost one)',
    body: PipelineInputSchema,
    status: 201,
    response: PipelineOut,
  }),
  savePipeline: contract({
    method: 'PUT',
    path: '/pipelines/:id',
    tags: ['deals'],
    summary: 'Rename a pipeline and set its stages (give a stage’s id to keep it; a stage holding deals cannot be removed)',
    params: IdParams,
    body: PipelineInputSchema,
    status: 200,
    response: PipelineOut,
  }),
  board: contract({
    method: 'GET',
    path: '/deals/board',
    tags: ['deals'],
    summary: 'A pipeline as a board: each stage with its deals in order (first 200), count, value and weighted value',
    query: z.strictObject({ pipelineId: z.uuid().optional() }),
    status: 200,
    response: DealBoardOut,
  }),
  list: contract({
    method: 'GET',
    path: '/deals',
    tags: ['deals'],
    summary: 'Deals as a list: filter by pipeline, stage, status, customer or words of the title; sort by creation, amount or expected close',
    query: DealListQuery,
    status: 200,
    response: z.object({ data: z.array(DealOut), nextCursor: z.string().nullable() }),
  }),
  create: contract({
    method: 'POST',
    path: '/deals',
    tags: ['deals'],
    summary: 'Create a deal (in the first pipeline’s first open stage unless given)',
    body: DealCreateSchema,
    status: 201,
    response: DealOut,
  }),
  get: contract({ method: 'GET', path: '/deals/:id', tags: ['deals'], summary: 'One deal', params: IdParams, status: 200, response: DealOut }),
  update: contract({
    method: 'PATCH',
    path: '/deals/:id',
    tags: ['deals'],
    summary: 'Change a deal or move it (stageId, position); a won or lost stage closes it (If-Match honoured)',
    params: IdParams,
    body: DealUpdateSchema,
    status: 200,
    response: DealOut,
  }),
  remove: contract({ method: 'DELETE', path: '/deals/:id', tags: ['deals'], summary: 'Delete a deal', params: IdParams, status: 204, response: null }),
  order: contract({
    method: 'POST',
    path: '/deals/:id/order',
    tags: ['deals'],
    summary: 'Make the order of a won deal: one line with its title and amount, for its customer',
    params: IdParams,
    status: 201,
    response: z.object({ deal: DealOut, order: OrderOut }),
  }),
};
