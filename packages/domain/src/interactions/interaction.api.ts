import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { DIRECTIONS, INTERACTION_CHANNELS, INTERACTION_KINDS, InteractionCreateSchema, InteractionUpdateSchema } from './interaction.schema.ts';

/** The interactions API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const InteractionOut = z
  .object({
    id: z.string(),
    contactId: z.string(),
    companyId: z.string().nullable(),
    kind: z.enum(INTERACTION_KINDS),
    channel: z.enum(INTERACTION_CHANNELS).nullable(),
    direction: z.enum(DIRECTIONS).nullable(),
    occurredAt: Timestamp,
    durationSeconds: z.number().int().nullable(),
    outcome: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    authorId: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Interaction' });

/** An interaction as the API returns it. */
export type Interaction = z.output<typeof InteractionOut>;

export const interactionApi = {
  create: contract({
    method: 'POST',
    path: '/interactions',
    tags: ['interactions'],
    summary: 'Log a call, meeting, email, chat, message, visit or note with a customer (it joins their timeline)',
    body: InteractionCreateSchema,
    status: 201,
    response: InteractionOut,
  }),
  get: contract({
    method: 'GET',
    path: '/interactions/:id',
    tags: ['interactions'],
    summary: 'One interaction',
    params: IdParams,
    status: 200,
    response: InteractionOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/interactions/:id',
    tags: ['interactions'],
    summary: 'Correct an interaction (If-Match honoured)',
    params: IdParams,
    body: InteractionUpdateSchema,
    status: 200,
    response: InteractionOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/interactions/:id',
    tags: ['interactions'],
    summary: 'Delete an interaction (audited)',
    params: IdParams,
    status: 204,
    response: null,
  }),
};
