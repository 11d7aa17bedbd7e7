import { z } from 'zod';
import { TICKET_STATUSES } from '../tickets/tickets.ts';
import { ORDER_STATUSES } from '../orders/order.schema.ts';

/**
 * Kith's domain events: what happened to a record, written in the transaction that made it happen (the
 * server's `events` outbox, packages/server/src/platform/events/) and delivered afterwards to listeners — loyalty,
 * survey triggers, statistics, and later automation, webhooks and KPIs — at least once, in order per record.
 *
 * Each type is declared once here: its payload schema and the record it belongs to (`key`). Events of one
 * record key reach a listener strictly in the order they were committed. Payloads carry ids and the facts a
 * listener needs to decide whether to act, not snapshots: a listener reads the record's current state.
 */

const id = z.uuid();
const orderFacts = { orderId: id, contactId: id, from: z.enum(ORDER_STATUSES).nullable(), total: z.number().int(), currency: z.string().length(3) };
const dealFacts = { dealId: id, contactId: id.nullable(), pipelineId: id, stageId: id };

const def = <S extends z.ZodObject>(payload: S, key: (p: z.output<S>) => string) => ({ payload, key });

export const EVENT_TYPES = {
  /** A contact was created (by hand, the API or an import). */
  'contact.created': def(z.object({ contactId: id }), (p) => `contact:${p.contactId}`),
  /** A contact's fields changed; `fields` names them (API names). */
  'contact.updated': def(z.object({ contactId: id, fields: z.array(z.string()) }), (p) => `contact:${p.contactId}`),
  /** `mergedId` was merged into `contactId` (the survivor) and soft-deleted. */
  'contact.merged': def(z.object({ contactId: id, mergedId: id, mergeId: id }), (p) => `contact:${p.contactId}`),
  /** A contact was soft-deleted, or purged for good. */
  'contact.deleted': def(z.object({ contactId: id, purged: z.boolean() }), (p) => `contact:${p.contactId}`),
  /** An order was made (by hand, the API, a deal won, an import), in `status`. */
  'order.created': def(
    z.object({ orderId: id, contactId: id, status: z.enum(ORDER_STATUSES), total: z.number().int(), currency: z.string().length(3) }),
    (p) => `order:${p.orderId}`,
  ),
  /** An order's fields changed; `fields` names them (API names, `lines` for its lines); `previousContactId` when it moved to another customer. */
  'order.updated': def(z.object({ orderId: id, contactId: id, previousContactId: id.nullable(), fields: z.array(z.string()) }), (p) => `order:${p.orderId}`),
  /** An order was deleted (soft: it can be restored), by hand or by undoing its import. */
  'order.deleted': def(z.object({ orderId: id, contactId: id }), (p) => `order:${p.orderId}`),
  'order.restored': def(z.object({ orderId: id, contactId: id }), (p) => `order:${p.orderId}`),
  /**
   * What a customer's orders add up to may have changed: an order of theirs was made, changed, moved to or from
   * them, deleted or restored, or a merge (or its undo) moved rows between them and another. Once per customer and
   * transaction, so an import's batch is one event per customer, not per order; listeners (loyalty points, the
   * purchase statistics) read the customer's orders as they are now.
   */
  'contact.orders_changed': def(z.object({ contactId: id }), (p) => `contact:${p.contactId}`),
  /** An order became paid (created paid, or moved there); `from` is the status it left (null: created). */
  'order.paid': def(z.object(orderFacts), (p) => `order:${p.orderId}`),
  'order.delivered': def(z.object(orderFacts), (p) => `order:${p.orderId}`),
  'order.returned': def(z.object(orderFacts), (p) => `order:${p.orderId}`),
  /** A deal moved to another stage (of any kind); `fromStageId` is where it was. */
  'deal.stage_changed': def(z.object({ ...dealFacts, fromStageId: id }), (p) => `deal:${p.dealId}`),
  /** A deal reached a stage of kind won (or lost), when created or moved. */
  'deal.won': def(z.object({ ...dealFacts, amount: z.number().int(), currency: z.string().length(3) }), (p) => `deal:${p.dealId}`),
  'deal.lost': def(
    z.object({ ...dealFacts, amount: z.number().int(), currency: z.string().length(3), reason: z.string().nullable() }),
    (p) => `deal:${p.dealId}`,
  ),
  /** A ticket was opened (by an agent, a customer's email, a survey follow-up). */
  'ticket.opened': def(z.object({ ticketId: id, contactId: id.nullable(), status: z.enum(TICKET_STATUSES) }), (p) => `ticket:${p.ticketId}`),
  'ticket.status_changed': def(
    z.object({ ticketId: id, contactId: id.nullable(), from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES) }),
    (p) => `ticket:${p.ticketId}`,
  ),
  /** A ticket's SLA target passed unmet. */
  'ticket.breached': def(z.object({ ticketId: id, contactId: id.nullable(), target: z.enum(['first_response', 'resolution']) }), (p) => `ticket:${p.ticketId}`),
  /** A survey response was submitted; scores are those of its NPS and CSAT questions, if any. */
  'survey.answered': def(
    z.object({ responseId: id, surveyId: id, contactId: id.nullable(), nps: z.number().int().nullable(), csat: z.number().int().nullable() }),
    (p) => `survey_response:${p.responseId}`,
  ),
  /** A contact came into (or left) a segment's membership. */
  'segment.entered': def(z.object({ segmentId: z.string().min(1), contactId: id }), (p) => `contact:${p.contactId}`),
  'segment.left': def(z.object({ segmentId: z.string().min(1), contactId: id }), (p) => `contact:${p.contactId}`),
  /** A contact's loyalty points balance changed by `delta` (earned, spent, adjusted, expired, reversed); `tier` is the tier now. */
  'points.changed': def(z.object({ contactId: id, delta: z.number().int(), balance: z.number().int(), tier: z.string() }), (p) => `contact:${p.contactId}`),
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];
export type EventPayload<T extends EventType> = z.output<(typeof EVENT_TYPES)[T]['payload']>;

/** An event as emitted: the discriminated union over `type`. */
export type NewEvent = { [T in EventType]: { type: T; workspaceId: string; payload: EventPayload<T>; at: Date | string } }[EventType];

/** An event as delivered: with its id, record key, its place in the record's sequence, and when it happened. */
export type DomainEvent = {
  [T in EventType]: { id: string; type: T; workspaceId: string; recordKey: string; seq: number; payload: EventPayload<T>; occurredAt: string };
}[EventType];

export function isEventType(v: unknown): v is EventType {
  return typeof v === 'string' && Object.hasOwn(EVENT_TYPES, v);
}

/** The payload checked against its type's schema (throws a ZodError), and the record key it belongs to. */
export function checkEvent(e: NewEvent): { payload: unknown; recordKey: string } {
  const d = EVENT_TYPES[e.type] as { payload: z.ZodType; key: (p: never) => string };
  const payload = d.payload.parse(e.payload);
  return { payload, recordKey: d.key(payload as never) };
}

/** The statuses whose arrival an order announces, and the event each is. */
export const ORDER_STATUS_EVENTS: Partial<Record<(typeof ORDER_STATUSES)[number], 'order.paid' | 'order.delivered' | 'order.returned'>> = {
  paid: 'order.paid',
  delivered: 'order.delivered',
  returned: 'order.returned',
};
