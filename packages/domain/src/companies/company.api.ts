import { z } from 'zod';
import { Deleted, IdParams, page, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { ContactOut } from '../contacts/contact.api.ts';
import { companyOutputShape } from './company.fields.ts';
import { CompanyCreateSchema, CompanyUpdateSchema } from './company.schema.ts';

/** The companies API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const CompanyOut = z
  .object({
    id: z.string(),
    // Each field as the field table says it is returned (company.fields.ts).
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

/** A company as the API returns it. */
export type CompanyOut = z.output<typeof CompanyOut>;

export const CompanyListQuery = z
  .object({
    q: z.string().max(200).optional().describe('Words at the start of words of the name, ignoring case and diacritics'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
    sort: z.string().max(80).optional(),
    deleted: Deleted.default('exclude'),
  })
  .catchall(z.union([z.string(), z.array(z.string())]));

const { total: _, ...pageShape } = page(CompanyOut).shape;

export const companyApi = {
  list: contract({
    method: 'GET',
    path: '/companies',
    tags: ['companies'],
    summary: 'List and filter companies',
    query: CompanyListQuery,
    status: 200,
    response: z.object(pageShape),
  }),
  create: contract({
    method: 'POST',
    path: '/companies',
    tags: ['companies'],
    summary: 'Create a company',
    body: CompanyCreateSchema,
    status: 201,
    response: CompanyOut,
  }),
  get: contract({
    method: 'GET',
    path: '/companies/:id',
    tags: ['companies'],
    summary: 'One company',
    params: IdParams,
    query: z.strictObject({ deleted: Deleted.default('exclude') }),
    status: 200,
    response: CompanyOut,
  }),
  people: contract({
    method: 'GET',
    path: '/companies/:id/contacts',
    tags: ['companies'],
    summary: 'The people of a company',
    params: IdParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(2000).optional() }),
    status: 200,
    response: z.object({ data: z.array(ContactOut), nextCursor: z.string().nullable() }),
  }),
  update: contract({
    method: 'PATCH',
    path: '/companies/:id',
    tags: ['companies'],
    summary: 'Change some fields (If-Match honoured)',
    params: IdParams,
    body: CompanyUpdateSchema,
    status: 200,
    response: CompanyOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/companies/:id',
    tags: ['companies'],
    summary: 'Move a company to the trash',
    params: IdParams,
    status: 204,
    response: null,
  }),
  restore: contract({
    method: 'POST',
    path: '/companies/:id/restore',
    tags: ['companies'],
    summary: 'Bring a company back from the trash',
    params: IdParams,
    status: 200,
    response: CompanyOut,
  }),
  purge: contract({
    method: 'POST',
    path: '/companies/:id/purge',
    tags: ['companies'],
    summary: 'Delete a company for good (its people stay)',
    params: IdParams,
    status: 204,
    response: null,
  }),
};
