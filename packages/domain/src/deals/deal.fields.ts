import { z } from 'zod';
import { currency, minorAmount } from '../orders/order.values.ts';
import { isoDate, longText, text, uuid } from '../schema/fields.ts';
import { field, fieldList, fieldNames, inputShape, outputShape, type FieldDef, type FieldValues } from '../schema/field-table.ts';
import { STAGE_KINDS } from './deal.values.ts';

/**
 * The deal's field table (schema/field-table.ts says what an entry holds and what is derived from it): the
 * request and response schemas (deal.schema.ts, deal.api.ts), the row mapper, the columns written and the audit
 * list (server deals/deal-list.service.ts), the list's parameters and sorts (DealListQuery), the export's columns,
 * and the deals list's columns and cells (web features/deals/). deal.fields.test.ts (server) fills every field
 * and follows it through each derived place.
 *
 * The entries are in the order of the deals list's columns; the API's shapes name the same fields in any order.
 * The deals list takes named parameters (`?stageId=…`) rather than `filter[...]`: a field's `filter` says which
 * parameter it is, and `sortOnly` marks a field the list sorts by without filtering.
 */

export const DEAL_WEB_SECTIONS = ['card', 'details'] as const;
export type DealWebSection = (typeof DEAL_WEB_SECTIONS)[number];

const NOT_MERGED = { skip: 'deals are not merged; a customer merge moves them to the kept customer' } as const;
const NOT_IMPORTED = { skip: 'deals have no import yet; they are made in Kith or through the API' } as const;
const NOT_LISTED = { skip: 'the deals list filters by pipeline, stage, status and customer only' } as const;

type Aspects = Pick<FieldDef<unknown, DealWebSection>, 'export' | 'filter' | 'web'> & { describe?: string };

/** A single optional value a caller may set, kept as given after its schema. */
const optional = <I extends z.ZodType<string | null | undefined>, const D extends Aspects>(column: string, input: I, d: D) =>
  field({
    column,
    kind: 'scalar',
    empty: null as string | null,
    input: input.nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    import: NOT_IMPORTED,
    ...d,
  });

export const DEAL_FIELDS = {
  title: field({
    column: 'title',
    kind: 'scalar',
    empty: '' as string,
    input: text(200, 1),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: NOT_IMPORTED,
    filter: { skip: 'the list’s `q` finds words of the title' },
    web: { section: 'card', edit: 'text', column: { width: 260 } },
  }),
  contactId: optional('contact_id', uuid(), {
    export: { skip: 'the customer is written by name, in the `customer` column' },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'card', edit: 'special', column: { width: 200, id: 'customer' } },
  }),
  pipelineId: field({
    column: 'pipeline_id',
    kind: 'scalar',
    empty: '' as string,
    input: uuid(),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: { header: 'pipeline', via: 'pipeline' },
    import: NOT_IMPORTED,
    filter: { type: 'uuid', sortable: false },
    web: { section: 'details', edit: 'special' },
  }),
  stageId: field({
    column: 'stage_id',
    kind: 'scalar',
    empty: '' as string,
    input: uuid(),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: { header: 'stage', via: 'stage' },
    import: NOT_IMPORTED,
    filter: { type: 'uuid', sortable: false },
    web: { section: 'card', edit: 'special', show: 'stage', column: { width: 160, id: 'stage' } },
  }),
  status: field({
    column: 'status',
    kind: 'scalar',
    empty: 'open' as (typeof STAGE_KINDS)[number],
    input: null,
    output: z.enum(STAGE_KINDS),
    enum: { values: STAGE_KINDS, labels: 'stageKind' },
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: NOT_IMPORTED,
    filter: { type: 'enum', sortable: false },
    web: { section: 'details', edit: 'none' },
  }),
  companyId: optional('company_id', uuid(), {
    export: { skip: 'a company id means nothing in a spreadsheet; the customer is written by name' },
    filter: NOT_LISTED,
    web: { section: 'details', edit: 'none' },
  }),
  amount: field({
    column: 'amount',
    kind: 'scalar',
    empty: 0 as number,
    input: minorAmount(),
    output: z.number().int(),
    describe: 'minor units of currency',
    audited: true,
    merge: NOT_MERGED,
    export: { via: 'money' },
    import: NOT_IMPORTED,
    filter: { type: 'number', sortable: true, sortOnly: true },
    web: { section: 'card', edit: 'number', show: 'money', column: { width: 140 } },
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
    import: NOT_IMPORTED,
    filter: NOT_LISTED,
    web: { section: 'details', edit: 'text' },
  }),
  expectedClose: optional('expected_close', isoDate(), {
    export: {},
    filter: { type: 'date', sortable: true, sortOnly: true },
    web: { section: 'card', edit: 'date', show: 'date', column: { width: 140 } },
  }),
  ownerId: optional('owner_id', uuid(), {
    export: { header: 'owner', via: 'member' },
    filter: NOT_LISTED,
    web: { section: 'details', edit: 'special', show: 'member' },
  }),
  teamId: optional('team_id', uuid(), {
    export: { skip: 'a team id means nothing in a spreadsheet; teams are an access setting, not deal data' },
    filter: NOT_LISTED,
    web: { section: 'details', edit: 'none' },
  }),
  source: optional('source', text(60), {
    export: {},
    filter: NOT_LISTED,
    web: { section: 'details', edit: 'text' },
  }),
  lostReason: optional('lost_reason', text(200), {
    export: {},
    filter: NOT_LISTED,
    web: { section: 'card', edit: 'text' },
  }),
  notes: optional('notes', longText(5_000), {
    export: {},
    filter: { skip: 'long free text is read, not filtered' },
    web: { section: 'details', edit: 'textarea', show: 'multiline' },
  }),
  position: field({
    column: 'position',
    kind: 'scalar',
    empty: 0 as number,
    /** The deal's place in its stage's column (the board sorts by it). */
    input: z.number().finite(),
    output: z.number(),
    audited: false,
    merge: NOT_MERGED,
    export: { skip: 'a place on the board, not deal data' },
    import: NOT_IMPORTED,
    filter: { skip: 'the board orders a stage’s deals by it; the list does not' },
    web: { section: 'card', edit: 'none' },
  }),
  orderId: field({
    column: 'order_id',
    kind: 'scalar',
    empty: null as string | null,
    input: null,
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: NOT_IMPORTED,
    filter: NOT_LISTED,
    web: { section: 'card', edit: 'none' },
  }),
  closedAt: field({
    column: 'closed_at',
    kind: 'scalar',
    empty: null as string | null,
    input: null,
    output: z.string().nullable(),
    audited: false,
    merge: NOT_MERGED,
    export: {},
    import: NOT_IMPORTED,
    filter: NOT_LISTED,
    web: { section: 'details', edit: 'none' },
  }),
} as const;

export type DealFieldName = keyof typeof DEAL_FIELDS;
export type DealFieldValues = FieldValues<typeof DEAL_FIELDS>;

/** The fields in table order, with their names. */
export const DEAL_FIELD_LIST = fieldList<DealFieldName>(DEAL_FIELDS);

/** Written to the audit log when they change (a move on the board, `position`, is not). */
export const AUDITED_DEAL_FIELDS = fieldNames(DEAL_FIELD_LIST, (d) => d.audited);

export const dealInputShape = inputShape(DEAL_FIELDS);
export const dealOutputShape = outputShape(DEAL_FIELDS);
