import { contactOutputShape } from '@kith/domain/contacts/contact.fields.ts';
import { z } from 'zod';
import { RFM_SEGMENTS } from '@kith/domain/analytics/rfm.ts';
import { VALUE_TIERS } from '@kith/domain/analytics/tiers.ts';
import { CONSENT_CHANNELS, ContactCreateSchema, ContactUpdateSchema, LIFECYCLE_STAGES } from '@kith/domain/contacts/contact.schema.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { runDetection } from '../duplicates/duplicate.service.ts';
import { errors, etag, IdParams, parseIfMatch, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { createContacts, deleteContact, getContact, listContacts, parseRows, purgeContact, restoreContact, updateContacts } from './contact.service.ts';
import { zodValidatorCompiler } from '../http/zod-validator.ts';
import { tagList, uuid } from '@kith/domain/schema/fields.ts';
import { applyBulkAction } from './contact-actions.service.ts';
import { contactTimeline, TIMELINE_KINDS } from '../interactions/interaction.service.ts';
import { InteractionOut } from '../interactions/interaction.routes.ts';
import { PassThrough } from 'node:stream';
import { EXPORT_FORMATS, exportContacts } from '../export/contact-export.ts';
import { authorize } from '../records/visibility.ts';

export const ContactOut = z
  .object({
    id: z.string(),
    // Each field as the field table says it is returned (@kith/domain contacts/contact.fields.ts).
    ...contactOutputShape,
    company: z.object({ id: z.string(), name: z.string() }).nullable(),
    consents: z.partialRecord(z.enum(CONSENT_CHANNELS), z.object({ status: z.enum(['granted', 'denied']), source: z.string().nullable(), at: Timestamp })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
    version: z.number().int(),
    scores: z
      .object({
        segment: z.enum(RFM_SEGMENTS),
        r: z.number().int(),
        f: z.number().int(),
        m: z.number().int(),
        monetary: z.number(),
        clv: z.number().nullable(),
        pAlive: z.number().nullable(),
        tier: z.enum(VALUE_TIERS).nullable(),
      })
      .nullable()
      .optional()
      .describe('lists only: the customer’s stored RFM and value (last refresh); null when they have none'),
  })
  .meta({ id: 'Contact' });

const Deleted = z.enum(['exclude', 'only', 'include']);

const ListQuery = z
  .object({
    q: z.string().max(200).optional().describe('Search: name, email, phone, company; ignores case and Vietnamese diacritics; prefix match as you type'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
    sort: z.string().max(80).optional().describe('A field, "-" first for descending: name, -createdAt, emails and phones (the first one), company and owner (by name), custom.<key>, … (default -createdAt; with q, newest matches first)'),
    deleted: Deleted.default('exclude').describe('"only" lists the trash (needs contacts.delete)'),
    includeTotal: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    segment: z.string().max(40).optional().describe('A saved segment’s id: only the contacts matching it (with the filters, on top)'),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe('Filters: filter[field][op]=value, AND-combined; e.g. filter[lifecycleStage][in]=lead,prospect&filter[tags][has]=vip&filter[custom.tier][eq]=gold&filter[valueTier][eq]=most_valuable&sort=-clv (GET /segments/fields lists every field, its operators and values)');

const BulkActionBody = z.strictObject({
  ids: z.array(uuid()).min(1, { message: 'Give at least one id' }).max(1000, { message: 'At most 1,000 ids per request' }),
  action: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('assign'), ownerId: uuid().nullable() }),
    z.strictObject({ type: z.literal('addTags'), tags: tagList(20, 60).pipe(z.array(z.string()).min(1, { message: 'Give at least one tag' })) }),
    z.strictObject({ type: z.literal('removeTags'), tags: tagList(20, 60).pipe(z.array(z.string()).min(1, { message: 'Give at least one tag' })) }),
    z.strictObject({ type: z.literal('setStage'), lifecycleStage: z.enum(LIFECYCLE_STAGES) }),
    z.strictObject({ type: z.literal('delete') }),
  ]),
});

const BulkUpdateItem = ContactUpdateSchema.extend({ id: uuid(), version: z.number().int().min(1).optional() }).strict();
const BulkCreate = z.strictObject({ items: z.array(ContactCreateSchema).min(1).max(1000) });
const BulkUpdate = z.strictObject({ items: z.array(BulkUpdateItem).min(1).max(1000) });
/** Bulk routes check only the envelope at the edge; rows are validated one by one so a single report covers every bad row. */
const envelope = z.strictObject({ items: z.array(z.unknown()).min(1, { message: 'Give at least one item' }).max(1000, { message: 'At most 1,000 items per request' }) });
const envelopeOnly = () => zodValidatorCompiler({ schema: envelope });

export function contactRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/contacts',
      {
        schema: {
          tags: ['contacts'],
          summary: 'List, search and filter contacts (cursor pagination)',
          querystring: ListQuery,
          response: { 200: z.object({ data: z.array(ContactOut), nextCursor: z.string().nullable(), total: z.number().int().optional() }), ...errors(403, 422) },
        },
        config: { action: 'contacts.read' },
      },
      async (req) => {
        const { q, limit, cursor, sort, deleted, includeTotal } = req.query;
        return listContacts(core, actorOf(req), {
          limit,
          deleted,
          includeTotal,
          raw: req.query as Record<string, unknown>,
          ...(q !== undefined ? { q } : {}),
          ...(cursor !== undefined ? { cursor } : {}),
          ...(sort !== undefined ? { sort } : {}),
        });
      },
    );

    app.post(
      '/contacts',
      {
        schema: { tags: ['contacts'], summary: 'Create a contact', body: ContactCreateSchema, response: { 201: ContactOut, ...errors(403, 422) } },
        config: { action: 'contacts.create' },
      },
      async (req, reply) => {
        const [c] = await createContacts(core, actorOf(req), [req.body], { bulk: false });
        // Someone already known under another phone or email? The pair goes to the duplicates review (GET /duplicates?contactId=…).
        await runDetection(core, actorOf(req).workspaceId, { around: [c!.id] });
        return reply.code(201).header('etag', etag(c!.version)).header('location', `/api/v1/contacts/${c!.id}`).send(c!);
      },
    );

    app.post(
      '/contacts/bulk',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Create up to 1,000 contacts, all or none; a 422 lists every bad row as /items/<index>/<field>',
          body: BulkCreate,
          response: { 201: z.object({ data: z.array(ContactOut) }), ...errors(403, 413, 422) },
        },
        bodyLimit: 20 * 1024 * 1024,
        validatorCompiler: envelopeOnly,
        config: { action: 'contacts.create' },
      },
      async (req, reply) => {
        const { rows, issues } = parseRows(ContactCreateSchema, req.body.items as unknown[]);
        const data = await createContacts(core, actorOf(req), rows, { bulk: true, issues });
        await runDetection(core, actorOf(req).workspaceId, { around: data.map((c) => c.id) });
        return reply.code(201).send({ data });
      },
    );

    app.patch(
      '/contacts/bulk',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Update up to 1,000 contacts, all or none; give `version` per row to refuse stale writes',
          body: BulkUpdate,
          response: { 200: z.object({ data: z.array(ContactOut) }), ...errors(403, 413, 422) },
        },
        bodyLimit: 20 * 1024 * 1024,
        validatorCompiler: envelopeOnly,
        config: { action: 'contacts.update' },
      },
      async (req) => {
        const { rows, issues } = parseRows(BulkUpdateItem, req.body.items as unknown[]);
        const patches = rows.map((r, i) => (issues.some((x) => x.path[1] === i) ? null : (({ id, version, ...patch }) => ({ id, patch, ifVersion: version ?? null }))(r)));
        return { data: await updateContacts(core, actorOf(req), patches, { bulk: true, issues }) };
      },
    );

    app.post(
      '/contacts/bulk-actions',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Assign, tag, untag, change the stage of or delete up to 1,000 contacts; each record on its own, with a report of what failed and why',
          body: BulkActionBody,
          response: { 200: z.object({ succeeded: z.array(z.string()), failed: z.array(z.object({ id: z.string(), code: z.string(), detail: z.string() })) }), ...errors(403, 422) },
        },
      },
      async (req) => applyBulkAction(core, actorOf(req), req.body.ids, req.body.action),
    );

    app.get(
      '/contacts/export',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Download the contacts (the list’s search and filters apply) as CSV (UTF-8 with BOM) or XLSX, streamed; cells a spreadsheet would run (= + - @, tab, CR first) get a leading apostrophe unless raw=true',
          querystring: z
            .object({
              format: z.enum(EXPORT_FORMATS).default('csv'),
              raw: z.enum(['true', 'false']).default('false').describe('true: values exactly as stored (for other systems; not safe to open in a spreadsheet)'),
              q: z.string().max(200).optional(),
              sort: z.string().max(80).optional(),
            })
            .catchall(z.union([z.string(), z.array(z.string())])),
          response: errors(403, 422),
        },
        config: { action: 'contacts.export' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'contacts.export');
        const { format, raw, q, sort, ...filters } = req.query as Record<string, string> & { format: 'csv' | 'xlsx' };
        // Refuse a bad filter or sort as a 422 now, before the file has begun.
        await listContacts(core, actor, { limit: 1, deleted: 'exclude', includeTotal: false, raw: filters, ...(q ? { q } : {}), ...(sort ? { sort } : {}) });
        const day = core.now().toISOString().slice(0, 10);
        const out = new PassThrough();
        exportContacts(core, actor, { format, raw: raw === 'true', filters, ...(q ? { q } : {}), ...(sort ? { sort } : {}) }, out).catch((err: unknown) => {
          req.log.error({ err }, 'contact export failed midway');
          out.destroy(err as Error);
        });
        return reply
          .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="kith-contacts-${day}${raw === 'true' ? '-raw' : ''}.${format}"`)
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );

    app.get(
      '/contacts/:id/timeline',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Everything that happened with a customer, newest first: interactions, orders, tasks and changes to the record (kinds=interaction,order,task,change to choose)',
          params: IdParams,
          querystring: z.strictObject({
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            kinds: z
              .string()
              .max(100)
              .optional()
              .transform((s, ctx) => {
                if (!s) return undefined;
                const list = s.split(',').map((x) => x.trim()).filter(Boolean);
                const bad = list.filter((k) => !(TIMELINE_KINDS as readonly string[]).includes(k));
                if (bad.length) ctx.addIssue({ code: 'custom', message: `Unknown kinds: ${bad.join(', ')}; use ${TIMELINE_KINDS.join(', ')}`, params: { code: 'invalid_choice' } });
                return list as (typeof TIMELINE_KINDS)[number][];
              }),
          }),
          response: {
            200: z.object({
              data: z.array(
                z.discriminatedUnion('kind', [
                  z.object({ kind: z.literal('change'), id: z.string(), at: Timestamp, actorUserId: z.string().nullable(), viaToken: z.boolean(), action: z.string(), before: z.unknown(), after: z.unknown(), meta: z.unknown() }),
                  z.object({
                    kind: z.literal('order'),
                    id: z.string(),
                    at: Timestamp,
                    actorUserId: z.string().nullable(),
                    order: z.object({ number: z.string(), status: z.string(), total: z.number().int(), currency: z.string(), channel: z.string().nullable(), lineCount: z.number().int() }),
                  }),
                  z.object({ kind: z.literal('interaction'), id: z.string(), at: Timestamp, actorUserId: z.string().nullable(), interaction: InteractionOut }),
                  z.object({
                    kind: z.literal('task'),
                    id: z.string(),
                    at: Timestamp,
                    actorUserId: z.string().nullable(),
                    task: z.object({ title: z.string(), dueAt: Timestamp.nullable(), doneAt: Timestamp.nullable(), assigneeId: z.string().nullable(), priority: z.string() }),
                  }),
                  z.object({
                    kind: z.literal('deal'),
                    id: z.string(),
                    at: Timestamp,
                    actorUserId: z.string().nullable(),
                    deal: z.object({ dealId: z.string(), title: z.string(), action: z.string(), fromStage: z.string().nullable(), toStage: z.string().nullable(), before: z.unknown(), after: z.unknown() }),
                  }),
                  z.object({
                    kind: z.literal('ticket'),
                    id: z.string(),
                    at: Timestamp,
                    actorUserId: z.string().nullable(),
                    ticket: z.object({ ticketId: z.string(), number: z.number().int(), subject: z.string(), status: z.string(), message: z.object({ kind: z.string(), body: z.string(), meta: z.unknown() }) }),
                  }),
                  z.object({
                    kind: z.literal('loyalty'),
                    id: z.string(),
                    at: Timestamp,
                    actorUserId: z.string().nullable(),
                    loyalty: z.object({ kind: z.string(), points: z.number().int(), orderId: z.string().nullable(), relatedContactId: z.string().nullable(), reason: z.string().nullable(), meta: z.unknown() }),
                  }),
                  z.object({
                    kind: z.literal('survey'),
                    id: z.string(),
                    at: Timestamp,
                    actorUserId: z.null(),
                    survey: z.object({ surveyId: z.string(), name: z.string(), responseId: z.string(), followUpTicketId: z.string().nullable(), answers: z.array(z.object({ type: z.string(), text: z.unknown(), value: z.number().nullable(), valueText: z.string().nullable(), choices: z.unknown() })) }),
                  }),
                ]),
              ),
              nextCursor: z.string().nullable(),
            }),
            ...errors(404, 422),
          },
        },
        config: { action: 'contacts.read' },
      },
      async (req) => contactTimeline(core, actorOf(req), req.params.id, { limit: req.query.limit, ...(req.query.cursor ? { cursor: req.query.cursor } : {}), ...(req.query.kinds ? { kinds: req.query.kinds } : {}) }),
    );

    app.get(
      '/contacts/:id',
      {
        schema: { tags: ['contacts'], summary: 'One contact; the ETag is its version', params: IdParams, querystring: z.strictObject({ deleted: Deleted.default('exclude') }), response: { 200: ContactOut, ...errors(404) } },
        config: { action: 'contacts.read' },
      },
      async (req, reply) => {
        const c = await getContact(core, actorOf(req), req.params.id, req.query.deleted);
        return reply.header('etag', etag(c.version)).send(c);
      },
    );

    app.patch(
      '/contacts/:id',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Change some fields (null clears one). Send If-Match with the ETag you read: a stale one gets 412 and changes nothing.',
          params: IdParams,
          body: ContactUpdateSchema,
          response: { 200: ContactOut, ...errors(403, 404, 412, 422) },
        },
        config: { action: 'contacts.update' },
      },
      async (req, reply) => {
        const [c] = await updateContacts(core, actorOf(req), [{ id: req.params.id, patch: req.body, ifVersion: parseIfMatch(req.headers['if-match']) }], { bulk: false });
        return reply.header('etag', etag(c!.version)).send(c!);
      },
    );

    app.delete(
      '/contacts/:id',
      { schema: { tags: ['contacts'], summary: 'Move a contact to the trash (restorable)', params: IdParams, response: { 204: z.null(), ...errors(403, 404, 412) } }, config: { action: 'contacts.delete' } },
      async (req, reply) => {
        await deleteContact(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/contacts/:id/restore',
      { schema: { tags: ['contacts'], summary: 'Bring a contact back from the trash', params: IdParams, response: { 200: ContactOut, ...errors(403, 404) } }, config: { action: 'contacts.delete' } },
      async (req, reply) => {
        const c = await restoreContact(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(c.version)).send(c);
      },
    );

    app.post(
      '/contacts/:id/purge',
      { schema: { tags: ['contacts'], summary: 'Delete a contact for good', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } }, config: { action: 'contacts.purge' } },
      async (req, reply) => {
        await purgeContact(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
