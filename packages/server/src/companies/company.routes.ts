import { z } from 'zod';
import { CompanyCreateSchema, CompanyUpdateSchema } from '@kith/domain/companies/company.schema.ts';
import { companyOutputShape } from '@kith/domain/companies/company.fields.ts';
import type { Core } from '../core.ts';
import { listContacts } from '../contacts/contact.service.ts';
import { ContactOut } from '../contacts/contact.routes.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, etag, IdParams, parseIfMatch, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { COMPANY_FILTERS, createCompany, deleteCompany, getCompany, listCompanies, purgeCompany, restoreCompany, updateCompany } from './company.service.ts';

const CompanyOut = z
  .object({
    id: z.string(),
    ...companyOutputShape,
    contactCount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Company' });

const Deleted = z.enum(['exclude', 'only', 'include']);
const ListQuery = z
  .object({
    q: z.string().max(200).optional().describe('Words at the start of words of the name, ignoring case and diacritics'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
    sort: z.string().max(80).optional(),
    deleted: Deleted.default('exclude'),
  })
  .catchall(z.union([z.string(), z.array(z.string())]));

export function companyRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/companies',
      {
        schema: {
          tags: ['companies'],
          summary: 'List and filter companies',
          querystring: ListQuery,
          response: { 200: z.object({ data: z.array(CompanyOut), nextCursor: z.string().nullable() }), ...errors(422) },
        },
        config: { action: 'companies.read', filters: COMPANY_FILTERS },
      },
      async (req) => {
        const { q, limit, cursor, sort, deleted } = req.query;
        return listCompanies(core, actorOf(req), {
          limit,
          deleted,
          raw: req.query as Record<string, unknown>,
          ...(q ? { q } : {}),
          ...(cursor ? { cursor } : {}),
          ...(sort ? { sort } : {}),
        });
      },
    );
    app.post(
      '/companies',
      {
        schema: { tags: ['companies'], summary: 'Create a company', body: CompanyCreateSchema, response: { 201: CompanyOut, ...errors(403, 422) } },
        config: { action: 'companies.create' },
      },
      async (req, reply) => {
        const c = await createCompany(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(c.version)).header('location', `/api/v1/companies/${c.id}`).send(c);
      },
    );
    app.get(
      '/companies/:id',
      {
        schema: {
          tags: ['companies'],
          summary: 'One company',
          params: IdParams,
          querystring: z.strictObject({ deleted: Deleted.default('exclude') }),
          response: { 200: CompanyOut, ...errors(404) },
        },
        config: { action: 'companies.read' },
      },
      async (req, reply) => {
        const c = await getCompany(core, actorOf(req), req.params.id, req.query.deleted);
        return reply.header('etag', etag(c.version)).send(c);
      },
    );
    app.get(
      '/companies/:id/contacts',
      {
        schema: {
          tags: ['companies'],
          summary: 'The people of a company',
          params: IdParams,
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(2000).optional() }),
          response: { 200: z.object({ data: z.array(ContactOut), nextCursor: z.string().nullable() }), ...errors(404) },
        },
        config: { action: 'companies.read' },
      },
      async (req) => {
        const a = actorOf(req);
        await getCompany(core, a, req.params.id);
        return listContacts(core, a, {
          limit: req.query.limit,
          deleted: 'exclude',
          includeTotal: false,
          sort: 'name',
          raw: { 'filter[companyId][eq]': req.params.id },
          ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
        });
      },
    );
    app.patch(
      '/companies/:id',
      {
        schema: {
          tags: ['companies'],
          summary: 'Change some fields (If-Match honoured)',
          params: IdParams,
          body: CompanyUpdateSchema,
          response: { 200: CompanyOut, ...errors(403, 404, 412, 422) },
        },
        config: { action: 'companies.update' },
      },
      async (req, reply) => {
        const c = await updateCompany(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(c.version)).send(c);
      },
    );
    app.delete(
      '/companies/:id',
      {
        schema: { tags: ['companies'], summary: 'Move a company to the trash', params: IdParams, response: { 204: z.null(), ...errors(403, 404, 412) } },
        config: { action: 'companies.delete' },
      },
      async (req, reply) => {
        await deleteCompany(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/companies/:id/restore',
      {
        schema: { tags: ['companies'], summary: 'Bring a company back from the trash', params: IdParams, response: { 200: CompanyOut, ...errors(403, 404) } },
        config: { action: 'companies.delete' },
      },
      async (req, reply) => {
        const c = await restoreCompany(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(c.version)).send(c);
      },
    );
    app.post(
      '/companies/:id/purge',
      {
        schema: {
          tags: ['companies'],
          summary: 'Delete a company for good (its people stay)',
          params: IdParams,
          response: { 204: z.null(), ...errors(403, 404) },
        },
        config: { action: 'companies.purge' },
      },
      async (req, reply) => {
        await purgeCompany(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
