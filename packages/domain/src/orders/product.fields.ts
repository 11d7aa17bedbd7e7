import { z } from 'zod';
import { longText, text, uuid } from '../schema/fields.ts';
import { field, fieldList, fieldNames, inputShape, outputShape, type FieldValues } from '../schema/field-table.ts';
import { currency, minorAmount, sku } from './order.values.ts';

/**
 * The product's field table (schema/field-table.ts says what an entry holds and what is derived from it):
 * the request and response schemas and the `Product` type (order.schema.ts), the row mapper, the columns
 * written and the audit list (server commerce/product.service.ts), the list filters and sorts, the export's
 * columns and the import's targets and header synonyms. product.fields.test.ts (server) fills every field and
 * follows it through each derived place.
 */

export const PRODUCT_WEB_SECTIONS = ['details'] as const;

const NOT_MERGED = { skip: 'products are not merged; a duplicate SKU is refused instead' } as const;

export const PRODUCT_FIELDS = {
  sku: field({
    column: 'sku',
    kind: 'scalar',
    empty: '' as string,
    input: sku(),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['ma san pham', 'ma sp', 'ma hang', 'sku', 'product code', 'item code', 'code'] },
    filter: { type: 'text', folded: 'sku_key', sortable: true },
    web: { section: 'details', edit: 'text', column: { width: 140 } },
  }),
  name: field({
    column: 'name',
    kind: 'scalar',
    empty: '' as string,
    input: text(200, 1),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['ten san pham', 'san pham', 'ten hang', 'mat hang', 'product', 'product name', 'name', 'ten'] },
    filter: { type: 'text', folded: 'name_key', sortable: true },
    web: { section: 'details', edit: 'text', column: { width: 260 } },
  }),
  categoryId: field({
    column: 'category_id',
    kind: 'scalar',
    empty: null as string | null,
    input: uuid().nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    export: { header: 'category', via: 'category' },
    import: { target: 'category', synonyms: ['danh muc', 'nhom hang', 'loai hang', 'nhom', 'category', 'group'] },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'details', edit: 'special', column: { width: 160, id: 'category' } },
  }),
  price: field({
    column: 'price',
    kind: 'scalar',
    empty: 0 as number,
    input: minorAmount(),
    output: z.number().int(),
    describe: 'An amount in the currency’s smallest unit (đồng for VND, cents for USD)',
    audited: true,
    merge: NOT_MERGED,
    export: { via: 'money' },
    import: { synonyms: ['gia ban', 'gia', 'don gia', 'price', 'unit price'], parse: 'money' },
    filter: { type: 'number', sortable: true },
    web: { section: 'details', edit: 'number', show: 'money', column: { width: 140 } },
  }),
  currency: field({
    column: 'currency',
    kind: 'scalar',
    empty: '' as string,
    input: currency(),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['tien te', 'loai tien', 'currency'] },
    filter: { type: 'text', sortable: false },
    web: { section: 'details', edit: 'text' },
  }),
  active: field({
    column: 'active',
    kind: 'scalar',
    empty: true as boolean,
    input: z.boolean(),
    output: z.boolean(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['dang ban', 'trang thai', 'con ban', 'active', 'status'], parse: 'boolean' },
    filter: { type: 'boolean', sortable: false },
    web: { section: 'details', edit: 'boolean', show: 'boolean', column: { width: 120 } },
  }),
  description: field({
    column: 'description',
    kind: 'scalar',
    empty: null as string | null,
    input: longText(5_000).nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['mo ta', 'ghi chu', 'description', 'notes'] },
    filter: { skip: 'long free text is read, not filtered; the list’s search finds names and SKUs' },
    web: { section: 'details', edit: 'textarea', show: 'multiline' },
  }),
} as const;

export type ProductFieldName = keyof typeof PRODUCT_FIELDS;
export type ProductFieldValues = FieldValues<typeof PRODUCT_FIELDS>;

/** The fields in table order, with their names. */
export const PRODUCT_FIELD_LIST = fieldList<ProductFieldName>(PRODUCT_FIELDS);

/** Written to the audit log when they change. */
export const AUDITED_PRODUCT_FIELDS = fieldNames(PRODUCT_FIELD_LIST, (d) => d.audited);

export const productInputShape = inputShape(PRODUCT_FIELDS);
export const productOutputShape = outputShape(PRODUCT_FIELDS);
