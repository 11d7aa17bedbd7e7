import { z } from 'zod';
import { IdParams } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { OrderOut } from '../orders/order.api.ts';
import { isSkip } from '../schema/field-table.ts';
import { DEAL_FIELD_LIST, dealOutputShape } from './deal.fields.ts';
import { DealCreateSchema, DealUpdateSchema, PipelineInputSchema, STAGE_KINDS, type StageKind } from './deal.schema.ts';

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
    // Each field as the field table says it is returned (deal.fields.ts).
    ...dealOutputShape,
    contactName: z.string().nullable(),
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

/** The list's named parameters: the fields the table lets it filter by (each `?name=value`), in table order. */
const listParams = Object.fromEntries(
  DEAL_FIELD_LIST.flatMap((f): [string, z.ZodType][] => {
    if (isSkip(f.filter) || f.filter.sortOnly) return [];
    if (f.filter.type === 'uuid') return [[f.name, z.uuid().optional()]];
    if (f.filter.type === 'enum' && f.enum) return [[f.name, z.enum(f.enum.values as [string, ...string[]]).optional()]];
    throw new Error(`the deals list has no parameter of type ${f.filter.type} (${f.name})`);
  }),
) as {
  pipelineId: z.ZodOptional<z.ZodUUID>;
  stageId: z.ZodOptional<z.ZodUUID>;
  status: z.ZodOptional<z.ZodEnum<{ [K in StageKind]: K }>>;
  contactId: z.ZodOptional<z.ZodUUID>;
};

/** What the list sorts by: when a deal was made, and the fields the table says it sorts by; `-` for descending. */
export const DEAL_SORTS: readonly string[] = ['createdAt', ...DEAL_FIELD_LIST.filter((f) => !isSkip(f.filter) && f.filter.sortable).map((f) => f.name)];
const sortValues = DEAL_SORTS.flatMap((n) => [n, `-${n}`]) as [DealSort, ...DealSort[]];
type DealSortName = 'createdAt' | 'amount' | 'expectedClose';
export type DealSort = DealSortName | `-${DealSortName}`;

export const DealListQuery = z.strictObject({
  ...listParams,
  q: z.string().max(200).optional(),
  sort: z.enum(sortValues).default('-createdAt'),
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
