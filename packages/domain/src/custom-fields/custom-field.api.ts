import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, CustomFieldCreateSchema, CustomFieldUpdateSchema } from './custom-field.ts';

/** The custom fields API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const CustomFieldOut = z
  .object({
    id: z.string(),
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    key: z.string(),
    label: z.string(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.object({ value: z.string(), label: z.string() })),
    currency: z.string().nullable(),
    required: z.boolean(),
    position: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CustomField' });

/** A custom field's definition, as the API returns it. */
export type CustomFieldOut = z.output<typeof CustomFieldOut>;

export const customFieldApi = {
  list: contract({
    method: 'GET',
    path: '/custom-fields',
    tags: ['custom fields'],
    summary: 'Custom fields of contacts and companies, in display order',
    query: z.strictObject({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() }),
    status: 200,
    response: z.object({ data: z.array(CustomFieldOut) }),
  }),
  create: contract({
    method: 'POST',
    path: '/custom-fields',
    tags: ['custom fields'],
    summary: 'Add a custom field',
    body: CustomFieldCreateSchema,
    status: 201,
    response: CustomFieldOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/custom-fields/:id',
    tags: ['custom fields'],
    summary: 'Relabel, reorder, change options or required',
    params: IdParams,
    body: CustomFieldUpdateSchema,
    status: 200,
    response: CustomFieldOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/custom-fields/:id',
    tags: ['custom fields'],
    summary: 'Delete a custom field and its values',
    params: IdParams,
    status: 204,
    response: null,
  }),
};
