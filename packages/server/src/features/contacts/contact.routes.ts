import { listOptions } from '../../platform/records/list-query.ts';
import { contactApi, ContactOut } from '@kith/domain/contacts/contact.api.ts';
import { z } from 'zod';
import { ContactCreateSchema, ContactUpdateSchema } from '@kith/domain/contacts/contact.schema.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { runDetection } from '../duplicates/duplicate-detect.service.ts';
import { errors, etag, fileResponse, parseIfMatch } from '../../platform/http/schemas.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { getContact, listContacts } from './contact-list.service.ts';
import { deleteContact, purgeContact, restoreContact } from './contact-trash.service.ts';
import { updateContacts } from './contact-update.service.ts';
import { createContacts, parseRows } from './contact.service.ts';
import { zodValidatorCompiler } from '../../platform/http/zod-validator.ts';
import { uuid } from '@kith/domain/schema/fields.ts';
import { applyBulkAction } from './contact-actions.service.ts';
import { PassThrough } from 'node:stream';
import { EXPORT_FORMATS, exportContacts } from '../export/contact-export.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { contactFields } from './contact.fields.ts';
import { CONTENT_TYPE } from '../export/table-export.ts';

/** The list's filter fields, for the OpenAPI document (the phone normaliser matters only when a list is read). */
const LIST_FIELDS = contactFields((v) => v);

// The contacts API's shapes live once in @kith/domain contacts/contact.api.ts; the web calls the same contracts.
export { ContactOut };

const BulkUpdateItem = ContactUpdateSchema.extend({ id: uuid(), version: z.number().int().min(1).optional() }).strict();
const BulkCreate = z.strictObject({ items: z.array(ContactCreateSchema).min(1).max(1000) });
const BulkUpdate = z.strictObject({ items: z.array(BulkUpdateItem).min(1).max(1000) });
/** Bulk routes check only the envelope at the edge; rows are validated one by one so a single report covers every bad row. */
const envelope = z.strictObject({
  items: z.array(z.unknown()).min(1, { message: 'Give at least one item' }).max(1000, { message: 'At most 1,000 items per request' }),
});
const envelopeOnly = () => zodValidatorCompiler({ schema: envelope });

export function contactRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      contactApi.list.path,
      { schema: routeSchema(contactApi.list, [403, 422]), config: { action: 'contacts.read', filters: LIST_FIELDS } },
      async (req) => listContacts(core, actorOf(req), { ...listOptions(req.query), includeTotal: req.query.includeTotal }),
    );

    app.post(contactApi.create.path, { schema: routeSchema(contactApi.create, [403, 422]), config: { action: 'contacts.create' } }, async (req, reply) => {
      const [c] = await createContacts(core, actorOf(req), [req.body], { bulk: false });
      // Someone already known under another phone or email? The pair goes to the duplicates review (GET /duplicates?contactId=…).
      await runDetection(core, actorOf(req).workspaceId, { around: [c!.id] });
      return reply.code(201).header('etag', etag(c!.version)).header('location', `/api/v1/contacts/${c!.id}`).send(c!);
    });

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
        const patches = rows.map((r, i) =>
          issues.some((x) => x.path[1] === i) ? null : (({ id, version, ...patch }) => ({ id, patch, ifVersion: version ?? null }))(r),
        );
        return { data: await updateContacts(core, actorOf(req), patches, { bulk: true, issues }) };
      },
    );

    // No action in its config: the service authorises the action by its type (contact-actions.service.ts).
    app.post(contactApi.bulkActions.path, { schema: routeSchema(contactApi.bulkActions, [403, 422]) }, async (req) =>
      applyBulkAction(core, actorOf(req), req.body.ids, req.body.action),
    );

    app.get(
      '/contacts/export',
      {
        schema: {
          tags: ['contacts'],
          summary:
            'Download the contacts (the list’s search and filters apply) as CSV (UTF-8 with BOM) or XLSX, streamed; cells a spreadsheet would run (= + - @, tab, CR first) get a leading apostrophe unless raw=true',
          querystring: z
            .object({
              format: z.enum(EXPORT_FORMATS).default('csv'),
              raw: z.enum(['true', 'false']).default('false').describe('true: values exactly as stored (for other systems; not safe to open in a spreadsheet)'),
              q: z.string().max(200).optional(),
              sort: z.string().max(80).optional(),
            })
            .catchall(z.union([z.string(), z.array(z.string())])),
          response: {
            200: fileResponse(
              'The contacts, as a file to download',
              EXPORT_FORMATS.map((f) => CONTENT_TYPE[f]),
            ),
            ...errors(403, 422),
          },
        },
        config: { action: 'contacts.export', filters: LIST_FIELDS },
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
          .header('content-type', CONTENT_TYPE[format])
          .header('content-disposition', `attachment; filename="kith-contacts-${day}${raw === 'true' ? '-raw' : ''}.${format}"`)
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );

    app.get(contactApi.get.path, { schema: routeSchema(contactApi.get, [404]), config: { action: 'contacts.read' } }, async (req, reply) => {
      const c = await getContact(core, actorOf(req), req.params.id, req.query.deleted);
      return reply.header('etag', etag(c.version)).send(c);
    });

    app.patch(
      contactApi.update.path,
      { schema: routeSchema(contactApi.update, [403, 404, 412, 422]), config: { action: 'contacts.update' } },
      async (req, reply) => {
        const [c] = await updateContacts(core, actorOf(req), [{ id: req.params.id, patch: req.body, ifVersion: parseIfMatch(req.headers['if-match']) }], {
          bulk: false,
        });
        return reply.header('etag', etag(c!.version)).send(c!);
      },
    );

    app.delete(
      contactApi.remove.path,
      { schema: routeSchema(contactApi.remove, [403, 404, 412]), config: { action: 'contacts.delete' } },
      async (req, reply) => {
        await deleteContact(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.code(204).send(null);
      },
    );

    app.post(contactApi.restore.path, { schema: routeSchema(contactApi.restore, [403, 404]), config: { action: 'contacts.delete' } }, async (req, reply) => {
      const c = await restoreContact(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(c.version)).send(c);
    });

    app.post(contactApi.purge.path, { schema: routeSchema(contactApi.purge, [403, 404]), config: { action: 'contacts.purge' } }, async (req, reply) => {
      await purgeContact(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
  };
}
