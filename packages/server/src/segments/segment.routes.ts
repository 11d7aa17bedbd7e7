import { z } from 'zod';
import { SegmentCreateSchema, SegmentDefinitionSchema, SegmentUpdateSchema } from '@kith/domain/segments/segment.schema.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, IdParams, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { describeFields } from '../records/list-query.ts';
import { contactRegistryFor } from '../contacts/contact.fields.ts';
import { countContactRows, listContactRows } from '../contacts/contact.repository.ts';
import { scopeFor } from '../records/visibility.ts';
import { compileSegment, createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segment.service.ts';

const SegmentOut = z
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

const FieldInfoOut = z
  .object({
    name: z.string(),
    type: z.enum(['text', 'enum', 'uuid', 'number', 'date', 'datetime', 'boolean', 'keys', 'json_array', 'relation']),
    ops: z.array(z.string()),
    values: z.array(z.string()).optional(),
    custom: z.object({ label: z.string(), options: z.array(z.object({ value: z.string(), label: z.string() })).optional() }).optional(),
  })
  .meta({ id: 'SegmentField' });

export function segmentRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/segments',
      { schema: { tags: ['segments'], summary: 'Saved segments: mine and those shared with the workspace', response: { 200: z.object({ data: z.array(SegmentOut) }), ...errors(403) } }, config: { action: 'contacts.read' } },
      async (req) => ({ data: await listSegments(core, actorOf(req)) }),
    );
    app.get(
      '/segments/fields',
      {
        schema: {
          tags: ['segments'],
          summary: 'The fields a segment (or a contact list filter) can use: profile and custom fields, RFM segment and scores, lifetime value, P(alive), value tier, last interaction, purchased category, lifecycle stage — each with its operators and values',
          response: { 200: z.object({ data: z.array(FieldInfoOut) }), ...errors(403) },
        },
        config: { action: 'contacts.read' },
      },
      async (req) => {
        const { registry, fields } = await contactRegistryFor(core, actorOf(req).workspaceId);
        return { data: describeFields(registry, fields, core.dialect, 'contacts').map(({ values, ...f }) => ({ ...f, ops: [...f.ops], ...(values ? { values: [...values] } : {}) })) };
      },
    );
    app.post(
      '/segments/preview',
      {
        schema: {
          tags: ['segments'],
          summary: 'How many of the contacts the caller may see match a definition now, and the first few (the builder’s live count); nothing is saved',
          body: z.strictObject({ definition: SegmentDefinitionSchema }),
          response: { 200: z.object({ count: z.number().int(), sample: z.array(z.object({ id: z.string(), name: z.string() })) }), ...errors(403, 422) },
        },
        config: { action: 'contacts.read' },
      },
      async (req) => {
        const actor = actorOf(req);
        const groups = [await compileSegment(core, actor.workspaceId, req.body.definition)];
        const scope = scopeFor(actor, 'contacts.read');
        const common = { filters: [], groups, searchTokens: [], deleted: 'exclude' as const };
        const [count, page] = await Promise.all([
          countContactRows(core.db, core.dialect, scope, common),
          listContactRows(core.db, core.dialect, scope, { ...common, sort: null, cursor: null, searchAfterSeq: null, limit: 5 }),
        ]);
        return { count, sample: page.rows.map((c) => ({ id: c.id, name: c.name })) };
      },
    );
    app.get(
      '/segments/:id',
      { schema: { tags: ['segments'], summary: 'One segment', params: IdParams, response: { 200: SegmentOut, ...errors(404) } }, config: { action: 'contacts.read' } },
      async (req) => getSegment(core, actorOf(req), req.params.id),
    );
    app.post(
      '/segments',
      {
        schema: { tags: ['segments'], summary: 'Save a segment; its conditions are checked as a list would check them (422 naming each bad one); "shared" needs views.share', body: SegmentCreateSchema, response: { 201: SegmentOut, ...errors(403, 422) } },
        config: { action: 'contacts.read' },
      },
      async (req, reply) => {
        const s = await createSegment(core, actorOf(req), req.body);
        return reply.code(201).header('location', `/api/v1/segments/${s.id}`).send(s);
      },
    );
    app.patch(
      '/segments/:id',
      {
        schema: { tags: ['segments'], summary: 'Rename, describe, share or redefine a segment (its author, or views.manage for shared ones)', params: IdParams, body: SegmentUpdateSchema, response: { 200: SegmentOut, ...errors(403, 404, 422) } },
        config: { action: 'contacts.read' },
      },
      async (req) => updateSegment(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      '/segments/:id',
      { schema: { tags: ['segments'], summary: 'Delete a segment', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } }, config: { action: 'contacts.read' } },
      async (req, reply) => {
        await deleteSegment(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
