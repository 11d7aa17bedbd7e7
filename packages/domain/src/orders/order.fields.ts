import { z } from 'zod';
import { Timestamp } from '../api/common.ts';
import { withCode } from '../schema/issues.ts';
import { isoDateTime, longText, tagList, text, uuid } from '../schema/fields.ts';
import { field, fieldList, fieldNames, inputShape, outputShape, type FieldDef, type FieldValues, textFilter } from '../schema/field-table.ts';
import { currency, minorAmount, ORDER_CHANNELS, ORDER_STATUSES } from './order.values.ts';

/**
 * The order's field table (schema/field-table.ts says what an entry holds and what is derived from it): the
 * request and response schemas (order.schema.ts, order.api.ts), the row mapper, the columns written and the
 * audit list (server commerce/order-write.service.ts), the list filters and sorts, the export's columns (one row per
 * order) and the orders import's order-level targets and header synonyms (import/mapping.ts). An order's lines
 * are not fields: they are rows of their own (order_lines), sent and returned as `lines`.
 * The entries are in the order of the export's columns; the API's shapes name the same fields in any order.
 * order.fields.test.ts (server) fills every field and follows it through each derived place.
 */

export const ORDER_WEB_SECTIONS = ['details', 'totals'] as const;
export type OrderWebSection = (typeof ORDER_WEB_SECTIONS)[number];

const NOT_MERGED = { skip: 'orders are not merged; a customer merge moves them to the kept customer' } as const;
const COMPUTED = 'computed by Kith from the lines, never taken from the caller';

const Money = z.number().int();
const MONEY_HELP = 'An amount in the currency’s smallest unit (đồng for VND, cents for USD)';

/** An order number: letters, digits and . _ - / # (a shop's own numbering, or DH000001 when none is sent). */
const orderNumber = () =>
  text(40, 1).refine((s) => /^[\p{L}\p{N}._\-/#]+$/u.test(s), {
    message: 'An order number holds letters, digits and . _ - / # only',
    params: withCode('invalid_format'),
  });

type Aspects = Pick<FieldDef<unknown, OrderWebSection>, 'export' | 'import' | 'filter' | 'web'> & { describe?: string };

/** An amount in minor units; the computed ones (subtotal, total) are not settable. */
const money = <const D extends Aspects>(column: string, settable: boolean, d: D) =>
  field({
    column,
    kind: 'scalar',
    empty: 0 as number,
    input: settable ? minorAmount() : null,
    output: Money,
    audited: true,
    merge: NOT_MERGED,
    ...d,
  });

export const ORDER_FIELDS = {
  number: field({
    column: 'number',
    kind: 'scalar',
    empty: '' as string,
    input: orderNumber(),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['so don', 'so don hang', 'ma don', 'ma don hang', 'order number', 'order no', 'order id', 'order', 'so hoa don', 'invoice'] },
    filter: { type: 'text', folded: 'number_key', sortable: true },
    web: { section: 'details', edit: 'text', column: { width: 130 } },
  }),
  orderedAt: field({
    column: 'ordered_at',
    kind: 'scalar',
    empty: '' as string,
    input: isoDateTime(),
    output: Timestamp,
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['ngay mua', 'ngay dat', 'ngay dat hang', 'ngay don', 'order date', 'date', 'ngay', 'thoi gian'], parse: 'date' },
    filter: { type: 'datetime', sortable: true },
    web: { section: 'details', edit: 'date', column: { width: 120 } },
  }),
  contactId: field({
    column: 'contact_id',
    kind: 'scalar',
    empty: '' as string,
    input: uuid(),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: {
      target: 'customerName',
      synonyms: ['ho va ten', 'ho ten', 'ten khach hang', 'khach hang', 'customer name', 'customer', 'name'],
    },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'details', edit: 'special', column: { width: 200, id: 'customer' } },
  }),
  status: field({
    column: 'status',
    kind: 'scalar',
    empty: 'placed' as (typeof ORDER_STATUSES)[number],
    input: z.enum(ORDER_STATUSES),
    output: z.enum(ORDER_STATUSES),
    enum: { values: ORDER_STATUSES, labels: 'orderStatus' },
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: {
      synonyms: ['trang thai', 'tinh trang', 'status'],
      // Past orders without a status are delivered (the orders import).
      values: {
        'da giao': 'delivered',
        'giao thanh cong': 'delivered',
        'hoan thanh': 'delivered',
        'thanh cong': 'delivered',
        delivered: 'delivered',
        completed: 'delivered',
        complete: 'delivered',
        done: 'delivered',
        'da thanh toan': 'paid',
        paid: 'paid',
        'da tra tien': 'paid',
        moi: 'placed',
        'da dat': 'placed',
        'cho xu ly': 'placed',
        'dang xu ly': 'placed',
        placed: 'placed',
        new: 'placed',
        pending: 'placed',
        processing: 'placed',
        huy: 'cancelled',
        'da huy': 'cancelled',
        cancelled: 'cancelled',
        canceled: 'cancelled',
        'tra hang': 'returned',
        'hoan tra': 'returned',
        'da tra hang': 'returned',
        returned: 'returned',
        refunded: 'returned',
      },
    },
    filter: { type: 'enum', sortable: true },
    web: { section: 'details', edit: 'enum', column: { width: 130 } },
  }),
  channel: field({
    column: 'channel',
    kind: 'scalar',
    empty: null as (typeof ORDER_CHANNELS)[number] | null,
    input: z.enum(ORDER_CHANNELS).nullable(),
    output: z.enum(ORDER_CHANNELS).nullable(),
    enum: { values: ORDER_CHANNELS, labels: 'orderChannel' },
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: {
      synonyms: ['kenh', 'kenh ban', 'nguon don', 'channel', 'sales channel'],
      // A channel the file names otherwise is `other`.
      values: {
        'cua hang': 'store',
        store: 'store',
        shop: 'store',
        offline: 'store',
        'tai quay': 'store',
        website: 'website',
        web: 'website',
        online: 'website',
        shopee: 'marketplace',
        lazada: 'marketplace',
        tiki: 'marketplace',
        tiktok: 'marketplace',
        'tiktok shop': 'marketplace',
        'san tmdt': 'marketplace',
        marketplace: 'marketplace',
        'dien thoai': 'phone',
        phone: 'phone',
        hotline: 'phone',
        zalo: 'zalo',
        facebook: 'facebook',
        fb: 'facebook',
        messenger: 'facebook',
        khac: 'other',
        other: 'other',
      },
    },
    filter: { type: 'enum', sortable: true },
    web: { section: 'details', edit: 'enum', column: { width: 120 } },
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
    filter: textFilter(false),
    web: { section: 'totals', edit: 'text' },
  }),
  subtotal: money('subtotal', false, {
    describe: 'Σ line totals',
    export: { via: 'money' },
    import: { skip: `the subtotal is ${COMPUTED}` },
    filter: { skip: 'the list filters and sorts by the total; the subtotal is read on the order' },
    web: { section: 'totals', edit: 'none', show: 'money' },
  }),
  discount: money('discount', true, {
    describe: 'The order-level discount',
    export: { header: 'orderDiscount', via: 'money' },
    // Written on each line of the order in a one-row-per-line file (the lines export, a marketplace's export): taken once.
    import: { target: 'orderDiscount', synonyms: ['giam gia don hang', 'chiet khau don hang', 'order discount'], parse: 'money' },
    filter: { skip: 'the list filters and sorts by the total; the discount is read on the order' },
    web: { section: 'totals', edit: 'number', show: 'money' },
  }),
  shipping: money('shipping', true, {
    describe: MONEY_HELP,
    export: { via: 'money' },
    import: { synonyms: ['phi van chuyen', 'phi ship', 'van chuyen', 'shipping', 'shipping fee'], parse: 'money' },
    filter: { skip: 'the list filters and sorts by the total; shipping is read on the order' },
    web: { section: 'totals', edit: 'number', show: 'money' },
  }),
  total: money('total', false, {
    describe: 'subtotal − discount + shipping, computed by Kith',
    export: { via: 'money' },
    import: { skip: `the total is ${COMPUTED}` },
    filter: { type: 'number', sortable: true },
    web: { section: 'totals', edit: 'none', show: 'money', column: { width: 140 } },
  }),
  tags: field({
    column: 'tags',
    kind: 'list',
    empty: [] as string[],
    input: tagList(20, 60),
    output: z.array(z.string()),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { skip: 'an order’s tags are set in Kith after an import' },
    filter: { type: 'json_array', sortable: false },
    web: { section: 'details', edit: 'list', show: 'chips' },
  }),
  notes: field({
    column: 'notes',
    kind: 'scalar',
    empty: null as string | null,
    input: longText(5_000).nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { skip: 'a line’s text goes to its product name; the import reads no order notes' },
    filter: { skip: 'long free text is read, not filtered' },
    web: { section: 'details', edit: 'textarea', show: 'multiline' },
  }),
  externalId: field({
    column: 'external_id',
    kind: 'scalar',
    empty: null as string | null,
    input: text(100, 1).nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { skip: 'an imported order is known by its number; an external id comes through the API' },
    filter: textFilter(false),
    web: { section: 'details', edit: 'text' },
  }),
  companyId: field({
    column: 'company_id',
    kind: 'scalar',
    empty: null as string | null,
    input: uuid().nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    export: { skip: 'the company is the customer’s; a spreadsheet gets the customer, by name and id' },
    import: { skip: 'the import takes the customer’s company; it does not read one per order' },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'details', edit: 'none' },
  }),
} as const;

export type OrderFieldName = keyof typeof ORDER_FIELDS;
export type OrderFieldValues = FieldValues<typeof ORDER_FIELDS>;

/** The fields in table order, with their names. */
export const ORDER_FIELD_LIST = fieldList<OrderFieldName>(ORDER_FIELDS);

/** Written to the audit log when they change (an order's lines are audited beside them, as `lines`). */
export const AUDITED_ORDER_FIELDS = fieldNames(ORDER_FIELD_LIST, (d) => d.audited);

export const orderInputShape = inputShape(ORDER_FIELDS);
export const orderOutputShape = outputShape(ORDER_FIELDS);
