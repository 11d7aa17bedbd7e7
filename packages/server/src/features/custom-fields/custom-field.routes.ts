import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, CustomFieldCreateSchema, CustomFieldUpdateSchema } from '@kith/domain/custom-fields/custom-field.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errors, IdParams, Timestamp } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { createCustomField, customFieldsOf, deleteCustomField, updateCustomFieldDef } from './custom-field.service.ts';

const CustomFieldOut = z
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

export function customFieldRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/custom-fields',
      {
        schema: {
          tags: ['custom fields'],
          summary: 'Custom fields of contacts and companies, in display order',
          querystring: z.strictObject({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() }),
          response: { 200: z.object({ data: z.array(CustomFieldOut) }) },
        },
        config: { action: 'custom_fields.read' },
      },
      async (req) => ({ data: await customFieldsOf(core, actorOf(req), req.query.entity) }),
    );
    app.post(
      '/custom-fields',
      {
        schema: {
          tags: ['custom fields'],
          summary: 'Add a custom field',
          body: CustomFieldCreateSchema,
          response: { 201: CustomFieldOut, ...errors(403, 409, 422) },
        },
        config: { action: 'custom_fields.manage' },
      },
      async (req, reply) => reply.code(201).send(await createCustomField(core, actorOf(req), req.body)),
    );
    app.patch(
      '/custom-fields/:id',
      {
        schema: {
          tags: ['custom fields'],
          summary: 'Relabel, reorder, change options or required',
          params: IdParams,
          body: CustomFieldUpdateSchema,
          response: { 200: CustomFieldOut, ...errors(403, 404, 422) },
        },
        config: { action: 'custom_fields.manage' },
      },
      async (req) => updateCustomFieldDef(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      '/custom-fields/:id',
      {
        schema: {
          tags: ['custom fields'],
          summary: 'Delete a custom field and its values',
          params: IdParams,
          response: { 204: z.null(), ...errors(403, 404) },
        },
        config: { action: 'custom_fields.manage' },
      },
      async (req, reply) => {
        await deleteCustomField(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
