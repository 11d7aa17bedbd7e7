import { z } from 'zod';
import { Timestamp } from '../api/common.ts';
import { longText, tagList, text, uuid } from '../schema/fields.ts';
import { field, fieldList, fieldNames, inputShape, outputShape, type FieldDef, type FieldValues } from '../schema/field-table.ts';
import { categoryName } from './care-settings.ts';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_SOURCES, TICKET_STATUSES, type Priority, type TicketStatus } from './tickets.ts';

/**
 * The ticket's field table (schema/field-table.ts says what an entry holds and what is derived from it): the
 * request and response schemas and the `Ticket` type (ticket.schema.ts, ticket.api.ts), the row mapper, the
 * columns read and the audit list (server features/tickets/), and the list filters and sorts. A ticket's own
 * columns (its number, the SLA clocks and their bookkeeping, the record's times) are not fields: the service
 * keeps them. ticket.fields.test.ts (server) fills every field and follows it through each derived place.
 */

/** Where the ticket page shows a field: its header, the side panel's details, the resolution, the timeline. */
export const TICKET_WEB_SECTIONS = ['header', 'details', 'resolution', 'timeline'] as const;
export type TicketWebSection = (typeof TICKET_WEB_SECTIONS)[number];

const NOT_MERGED = { skip: 'tickets are not merged; a merge of customers repoints their tickets (ticket.refs.ts)' } as const;
const NOT_EXPORTED = { skip: 'tickets have no export yet: the care reports summarise them' } as const;
const NOT_IMPORTED = { skip: 'tickets are not imported: they are opened by people, surveys and the API' } as const;

type Aspects = Pick<FieldDef<unknown, TicketWebSection>, 'filter' | 'web'> & { describe?: string };

/** A time the service sets as the ticket moves (never sent by a caller), read as it is stored. */
const moment = <const D extends Aspects>(column: string, d: D) =>
  field({
    column,
    kind: 'scalar',
    empty: null as string | null,
    input: null,
    output: Timestamp.nullable(),
    audited: false,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    ...d,
  });

/** A reference to another record, by id. */
const ref = <const D extends Aspects>(column: string, audited: boolean, d: D) =>
  field({
    column,
    kind: 'scalar',
    empty: null as string | null,
    input: uuid().nullable(),
    output: z.string().nullable(),
    audited,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    ...d,
  });

/** A long free text of the resolution section (root cause, resolution): read, not filtered; audited. */
const resolutionText = (column: string, max: number) =>
  field({
    column,
    kind: 'scalar',
    empty: null as string | null,
    input: longText(max).nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { skip: 'long free text is read, not filtered' },
    web: { section: 'resolution', edit: 'textarea', show: 'multiline' },
  });

export const TICKET_FIELDS = {
  subject: field({
    column: 'subject',
    kind: 'scalar',
    empty: '' as string,
    input: text(200, 1),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { type: 'text', sortable: true },
    web: { section: 'header', edit: 'text' },
  }),
  priority: field({
    column: 'priority',
    kind: 'scalar',
    empty: 'normal' as Priority,
    input: z.enum(TICKET_PRIORITIES),
    output: z.enum(TICKET_PRIORITIES),
    enum: { values: TICKET_PRIORITIES, labels: 'ticketPriority' },
    audited: true,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { type: 'enum', sortable: true },
    web: { section: 'details', edit: 'enum' },
  }),
  category: field({
    column: 'category',
    kind: 'scalar',
    empty: null as string | null,
    input: categoryName.nullable(),
    output: z.string().nullable(),
    names: 'ticketCategory',
    audited: true,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { type: 'text', sortable: true },
    web: { section: 'details', edit: 'enum' },
  }),
  status: field({
    column: 'status',
    kind: 'scalar',
    empty: 'new' as TicketStatus,
    input: z.enum(TICKET_STATUSES),
    output: z.enum(TICKET_STATUSES),
    enum: { values: TICKET_STATUSES, labels: 'ticketStatus' },
    audited: true,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { type: 'enum', sortable: true },
    web: { section: 'header', edit: 'special' },
  }),
  assigneeId: ref('assignee_id', true, { filter: { type: 'uuid', sortable: false }, web: { section: 'details', edit: 'special', show: 'member' } }),
  teamId: ref('team_id', true, { filter: { type: 'uuid', sortable: false }, web: { section: 'details', edit: 'special' } }),
  tags: field({
    column: 'tags',
    kind: 'list',
    empty: [] as string[],
    input: tagList(20, 40),
    output: z.array(z.string()),
    audited: true,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { skip: 'a ticket’s tags have no lookup table (contact_keys holds contacts’ only), so no list filter yet' },
    web: { section: 'details', edit: 'list', show: 'chips' },
  }),
  rootCause: resolutionText('root_cause', 2_000),
  resolution: resolutionText('resolution', 5_000),
  orderId: ref('order_id', true, { filter: { type: 'uuid', sortable: false }, web: { section: 'details', edit: 'special' } }),
  contactId: field({
    column: 'contact_id',
    kind: 'scalar',
    empty: '' as string,
    input: uuid(),
    output: z.string(),
    audited: false,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { type: 'uuid', sortable: false },
    web: { section: 'header', edit: 'none' },
  }),
  channel: field({
    column: 'channel',
    kind: 'scalar',
    empty: 'web' as string,
    input: z.enum(TICKET_CHANNELS),
    output: z.string(),
    enum: { values: TICKET_CHANNELS, labels: 'ticketChannel' },
    audited: false,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { type: 'enum', sortable: true },
    web: { section: 'header', edit: 'none' },
  }),
  firstRespondedAt: moment('first_responded_at', {
    filter: { skip: 'the SLA clocks say how the first response went; the inbox’s queues filter by them' },
    web: { section: 'timeline', edit: 'none' },
  }),
  resolvedAt: moment('resolved_at', {
    filter: { skip: 'the status filter finds resolved tickets; the SLA report counts them by period' },
    web: { section: 'timeline', edit: 'none' },
  }),
  closedAt: moment('closed_at', {
    filter: { skip: 'the status filter finds closed tickets; the SLA report counts them by period' },
    web: { section: 'timeline', edit: 'none' },
  }),
  source: field({
    column: 'source',
    kind: 'scalar',
    empty: null as string | null,
    input: null,
    output: z.string().nullable(),
    enum: { values: TICKET_SOURCES, labels: 'ticketSource' },
    audited: false,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { type: 'enum', sortable: false },
    web: { section: 'header', edit: 'none' },
  }),
  sourceId: field({
    column: 'source_id',
    kind: 'scalar',
    empty: null as string | null,
    input: null,
    output: z.string().nullable(),
    audited: false,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { skip: 'the id of what opened the ticket (a survey response) is followed from it, not filtered' },
    web: { section: 'header', edit: 'none' },
  }),
  lastMessageAt: field({
    column: 'last_message_at',
    kind: 'scalar',
    empty: '' as string,
    input: null,
    output: Timestamp,
    audited: false,
    merge: NOT_MERGED,
    export: NOT_EXPORTED,
    import: NOT_IMPORTED,
    filter: { skip: 'the inbox orders by the next SLA target; the conversation’s last message is shown, not filtered' },
    web: { section: 'timeline', edit: 'none' },
  }),
} as const;

export type TicketFieldName = keyof typeof TICKET_FIELDS;
export type TicketFieldValues = FieldValues<typeof TICKET_FIELDS>;

/** The fields in table order, with their names. */
export const TICKET_FIELD_LIST = fieldList<TicketFieldName>(TICKET_FIELDS);

/** Written to the audit log (and the conversation's events) when they change. */
export const AUDITED_TICKET_FIELDS = fieldNames(TICKET_FIELD_LIST, (d) => d.audited);

export const ticketInputShape = inputShape(TICKET_FIELDS);
export const ticketOutputShape = outputShape(TICKET_FIELDS);
