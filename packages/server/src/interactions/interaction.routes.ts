import { z } from 'zod';
import { DIRECTIONS, INTERACTION_CHANNELS, INTERACTION_KINDS, InteractionCreateSchema, InteractionUpdateSchema } from '@kith/domain/interactions/interaction.schema.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, etag, IdParams, parseIfMatch, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { createInteraction, deleteInteraction, getInteraction, updateInteraction } from './interaction.service.ts';

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

export function interactionRoutes(core: Core) {
  return async function (app: App) {
    app.post(
      '/interactions',
      {
        schema: {
          tags: ['interactions'],
          summary: 'Log a call, meeting, email, chat, message, visit or note with a customer (it joins their timeline)',
          body: InteractionCreateSchema,
          response: { 201: InteractionOut, ...errors(403, 422) },
        },
        config: { action: 'interactions.create' },
      },
      async (req, reply) => {
        const i = await createInteraction(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(i.version)).header('location', `/api/v1/interactions/${i.id}`).send(i);
      },
    );
    app.get(
      '/interactions/:id',
      { schema: { tags: ['interactions'], summary: 'One interaction', params: IdParams, response: { 200: InteractionOut, ...errors(404) } }, config: { action: 'contacts.read' } },
      async (req, reply) => {
        const i = await getInteraction(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(i.version)).send(i);
      },
    );
    app.patch(
      '/interactions/:id',
      { schema: { tags: ['interactions'], summary: 'Correct an interaction (If-Match honoured)', params: IdParams, body: InteractionUpdateSchema, response: { 200: InteractionOut, ...errors(403, 404, 412, 422) } }, config: { action: 'interactions.update' } },
      async (req, reply) => {
        const i = await updateInteraction(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(i.version)).send(i);
      },
    );
    app.delete(
      '/interactions/:id',
      { schema: { tags: ['interactions'], summary: 'Delete an interaction (audited)', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } }, config: { action: 'interactions.update' } },
      async (req, reply) => {
        await deleteInteraction(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
