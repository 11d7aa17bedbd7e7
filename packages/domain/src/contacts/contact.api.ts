import { z } from 'zod';
import { RFM_SEGMENTS } from '../analytics/rfm.ts';
import { VALUE_TIERS } from '../analytics/tiers.ts';
import { Deleted, IdParams, page, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { tagList, uuid } from '../schema/fields.ts';
import { contactOutputShape } from './contact.fields.ts';
import { CONSENT_CHANNELS, ContactCreateSchema, ContactUpdateSchema, LIFECYCLE_STAGES } from './contact.schema.ts';

/** The contacts API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const ContactOut = z
  .object({
    id: z.string(),
    // Each field as the field table says it is returned (contact.fields.ts).
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

/** A contact as the API returns it. */
export type ContactOut = z.output<typeof ContactOut>;

export const ContactListQuery = z
  .object({
    q: z.string().max(200).optional().describe('Search: name, email, phone, company; ignores case and Vietnamese diacritics; prefix match as you type'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
    sort: z
      .string()
      .max(80)
      .optional()
      .describe(
        'A field, "-" first for descending: name, -createdAt, emails and phones (the first one), company and owner (by name), custom.<key>, … (default -createdAt; with q, newest matches first)',
      ),
    deleted: Deleted.default('exclude').describe('"only" lists the trash (needs contacts.delete)'),
    includeTotal: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    segment: z.string().max(40).optional().describe('A saved segment’s id: only the contacts matching it (with the filters, on top)'),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe(
    'Filters: filter[field][op]=value, AND-combined; e.g. filter[lifecycleStage][in]=lead,prospect&filter[tags][has]=vip&filter[custom.tier][eq]=gold&filter[valueTier][eq]=most_valuable&sort=-clv (GET /segments/fields lists every field, its operators and values)',
  );

/** An action on many contacts at once: each is done on its own, and the report says which failed and why. */
export const BulkActionBody = z.strictObject({
  ids: z.array(uuid()).min(1, { message: 'Give at least one id' }).max(1000, { message: 'At most 1,000 ids per request' }),
  action: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('assign'), ownerId: uuid().nullable() }),
    z.strictObject({ type: z.literal('addTags'), tags: tagList(20, 60).pipe(z.array(z.string()).min(1, { message: 'Give at least one tag' })) }),
    z.strictObject({ type: z.literal('removeTags'), tags: tagList(20, 60).pipe(z.array(z.string()).min(1, { message: 'Give at least one tag' })) }),
    z.strictObject({ type: z.literal('setStage'), lifecycleStage: z.enum(LIFECYCLE_STAGES) }),
    z.strictObject({ type: z.literal('delete') }),
  ]),
});
/** One of the bulk actions, as sent. */
export type BulkAction = z.input<typeof BulkActionBody>['action'];

export const contactApi = {
  list: contract({
    method: 'GET',
    path: '/contacts',
    tags: ['contacts'],
    summary: 'List, search and filter contacts (cursor pagination)',
    query: ContactListQuery,
    status: 200,
    response: page(ContactOut),
  }),
  create: contract({
    method: 'POST',
    path: '/contacts',
    tags: ['contacts'],
    summary: 'Create a contact',
    body: ContactCreateSchema,
    status: 201,
    response: ContactOut,
  }),
  get: contract({
    method: 'GET',
    path: '/contacts/:id',
    tags: ['contacts'],
    summary: 'One contact; the ETag is its version',
    params: IdParams,
    query: z.strictObject({ deleted: Deleted.default('exclude') }),
    status: 200,
    response: ContactOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/contacts/:id',
    tags: ['contacts'],
    summary: 'Change some fields (null clears one). Send If-Match with the ETag you read: a stale one gets 412 and changes nothing.',
    params: IdParams,
    body: ContactUpdateSchema,
    status: 200,
    response: ContactOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/contacts/:id',
    tags: ['contacts'],
    summary: 'Move a contact to the trash (restorable)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  restore: contract({
    method: 'POST',
    path: '/contacts/:id/restore',
    tags: ['contacts'],
    summary: 'Bring a contact back from the trash',
    params: IdParams,
    status: 200,
    response: ContactOut,
  }),
  purge: contract({
    method: 'POST',
    path: '/contacts/:id/purge',
    tags: ['contacts'],
    summary: 'Delete a contact for good',
    params: IdParams,
    status: 204,
    response: null,
  }),
  bulkActions: contract({
    method: 'POST',
    path: '/contacts/bulk-actions',
    tags: ['contacts'],
    summary: 'Assign, tag, untag, change the stage of or delete up to 1,000 contacts; each record on its own, with a report of what failed and why',
    body: BulkActionBody,
    status: 200,
    response: z.object({ succeeded: z.array(z.string()), failed: z.array(z.object({ id: z.string(), code: z.string(), detail: z.string() })) }),
  }),
};
