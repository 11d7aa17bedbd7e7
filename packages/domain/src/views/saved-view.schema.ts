import { z } from 'zod';
import { text } from '../schema/fields.ts';

/**
 * A saved view of a list: the search, the filters (AND-combined, the same `filter[field][op]=value`
 * the API takes), the sort and the visible columns. Stored as given and replayed by the web app
 * against the list API, which validates the filters again on every use (a field that has since been
 * archived makes that use a 422, never a wrong result).
 */
export const VIEW_ENTITIES = ['contacts', 'companies'] as const;
export type ViewEntity = (typeof VIEW_ENTITIES)[number];

const fieldName = z.string().regex(/^(custom\.)?[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: 'Must be a field name such as lifecycleStage or custom.tier' });

export const ViewFilterSchema = z.strictObject({
  field: fieldName,
  op: z.string().regex(/^[a-z]{2,12}$/, { message: 'Must be an operator such as eq, in, has, gt' }),
  value: text(500),
});

export const ViewConfigSchema = z.strictObject({
  q: text(200).optional(),
  filters: z.array(ViewFilterSchema).max(20, { message: 'At most 20 filters' }).default([]),
  sort: z
    .string()
    .regex(/^-?(custom\.)?[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: 'Must be a field, "-" first for descending' })
    .optional(),
  columns: z.array(fieldName).max(60, { message: 'At most 60 columns' }).default([]),
});
export type ViewConfig = z.output<typeof ViewConfigSchema>;

export const ViewCreateSchema = z.strictObject({
  entity: z.enum(VIEW_ENTITIES),
  name: text(80, 1),
  shared: z.boolean().default(false),
  config: ViewConfigSchema,
});

export const ViewUpdateSchema = z.strictObject({
  name: text(80, 1).optional(),
  shared: z.boolean().optional(),
  config: ViewConfigSchema.optional(),
});
