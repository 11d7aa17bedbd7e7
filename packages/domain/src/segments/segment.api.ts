import { z } from 'zod';
import { IdParams, LIST_FIELD_TYPES, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { SegmentCreateSchema, SegmentDefinitionSchema, SegmentUpdateSchema } from './segment.schema.ts';

/** The segments API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const SegmentOut = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    shared: z.boolean(),
    definition: SegmentDefinitionSchema,
    userId: z.string(),
    mine: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Segment' });

/** A saved segment as the API returns it. */
export type Segment = z.output<typeof SegmentOut>;

export const FieldInfoOut = z
  .object({
    name: z.string(),
    type: z.enum(LIST_FIELD_TYPES),
    ops: z.array(z.string()),
    values: z.array(z.string()).optional(),
    custom: z.object({ label: z.string(), options: z.array(z.object({ value: z.string(), label: z.string() })).optional() }).optional(),
  })
  .meta({ id: 'SegmentField' });

/** A field a segment (or a contact list filter) can use, as GET /segments/fields describes it. */
export type FieldInfo = z.output<typeof FieldInfoOut>;

export const SegmentPreviewOut = z.object({ count: z.number().int(), sample: z.array(z.object({ id: z.string(), name: z.string() })) });

export const segmentApi = {
  list: contract({
    method: 'GET',
    path: '/segments',
    tags: ['segments'],
    summary: 'Saved segments: mine and those shared with the workspace',
    status: 200,
    response: z.object({ data: z.array(SegmentOut) }),
  }),
  fields: contract({
    method: 'GET',
    path: '/segments/fields',
    tags: ['segments'],
    summary:
      'The fields a segment (or a contact list filter) can use: profile and custom fields, RFM segment and scores, lifetime value, P(alive), value tier, last interaction, purchased category, lifecycle stage — each with its operators and values',
    status: 200,
    response: z.object({ data: z.array(FieldInfoOut) }),
  }),
  preview: contract({
    method: 'POST',
    path: '/segments/preview',
    tags: ['segments'],
    summary: 'How many of the contacts the caller may see match a definition now, and the first few (the builder’s live count); nothing is saved',
    body: z.strictObject({ definition: SegmentDefinitionSchema }),
    status: 200,
    response: SegmentPreviewOut,
  }),
  get: contract({ method: 'GET', path: '/segments/:id', tags: ['segments'], summary: 'One segment', params: IdParams, status: 200, response: SegmentOut }),
  create: contract({
    method: 'POST',
    path: '/segments',
    tags: ['segments'],
    summary: 'Save a segment; its conditions are checked as a list would check them (422 naming each bad one); "shared" needs views.share',
    body: SegmentCreateSchema,
    status: 201,
    response: SegmentOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/segments/:id',
    tags: ['segments'],
    summary: 'Rename, describe, share or redefine a segment (its author, or views.manage for shared ones)',
    params: IdParams,
    body: SegmentUpdateSchema,
    status: 200,
    response: SegmentOut,
  }),
  remove: contract({ method: 'DELETE', path: '/segments/:id', tags: ['segments'], summary: 'Delete a segment', params: IdParams, status: 204, response: null }),
};
