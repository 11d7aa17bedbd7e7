import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { VIEW_ENTITIES, ViewCreateSchema, ViewUpdateSchema } from './saved-view.schema.ts';

/** The saved views API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const ViewOut = z
  .object({
    id: z.string(),
    entity: z.enum(VIEW_ENTITIES),
    name: z.string(),
    shared: z.boolean(),
    config: z.object({
      q: z.string().optional(),
      filters: z.array(z.object({ field: z.string(), op: z.string(), value: z.string() })),
      sort: z.string().optional(),
      columns: z.array(z.string()),
    }),
    userId: z.string(),
    mine: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'SavedView' });

/** A saved list view as the API returns it. */
export type SavedView = z.output<typeof ViewOut>;

export const viewApi = {
  list: contract({
    method: 'GET',
    path: '/views',
    tags: ['views'],
    summary: 'Saved list views: mine and those shared with the workspace',
    query: z.strictObject({ entity: z.enum(VIEW_ENTITIES) }),
    status: 200,
    response: z.object({ data: z.array(ViewOut) }),
  }),
  create: contract({
    method: 'POST',
    path: '/views',
    tags: ['views'],
    summary: 'Save a list view (search, filters, sort, columns); "shared" needs views.share',
    body: ViewCreateSchema,
    status: 201,
    response: ViewOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/views/:id',
    tags: ['views'],
    summary: 'Rename, share or change a saved view (its author, or views.manage for shared ones)',
    params: IdParams,
    body: ViewUpdateSchema,
    status: 200,
    response: ViewOut,
  }),
  remove: contract({ method: 'DELETE', path: '/views/:id', tags: ['views'], summary: 'Delete a saved view', params: IdParams, status: 204, response: null }),
};
