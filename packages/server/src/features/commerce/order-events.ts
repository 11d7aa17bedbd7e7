import type { Db } from '../../platform/db/create-db.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import { ORDER_STATUS_EVENTS, type NewEvent } from '@kith/domain/events/event-types.ts';
import type { Order, OrderStatus } from '@kith/domain/orders/order.schema.ts';

/**
 * What orders tell the rest of Kith, as domain events written in the transaction of the change (events/): each
 * order's own (`order.created`, `.updated`, `.deleted`, `.restored`, and its arrival at a status: `order.paid`,
 * `.delivered`, `.returned`), and once per customer and transaction `contact.orders_changed`, which the features
 * that follow a customer's orders listen to after the commit — loyalty points and tiers, the purchase statistics
 * (their modules' `events`), survey triggers (`order.delivered`).
 */

/** The domain event of an order arriving at a status, if that status has one (order.paid, .delivered, .returned). */
export function orderStatusEvent(
  workspaceId: string,
  o: Pick<Order, 'id' | 'contactId' | 'status' | 'total' | 'currency'>,
  from: OrderStatus | null,
  at: string,
): NewEvent[] {
  const type = ORDER_STATUS_EVENTS[o.status];
  return type && o.status !== from
    ? [{ type, workspaceId, at, payload: { orderId: o.id, contactId: o.contactId, from, total: o.total, currency: o.currency } }]
    : [];
}

/** An order made: its `order.created`, and its status's event if it has one. */
export function orderCreatedEvents(workspaceId: string, o: Pick<Order, 'id' | 'contactId' | 'status' | 'total' | 'currency'>, at: string): NewEvent[] {
  return [
    { type: 'order.created', workspaceId, at, payload: { orderId: o.id, contactId: o.contactId, status: o.status, total: o.total, currency: o.currency } },
    ...orderStatusEvent(workspaceId, o, null, at),
  ];
}

/** These customers' orders changed in this transaction: one `contact.orders_changed` each. */
export async function ordersChanged(trx: Db, e: { workspaceId: string; contactIds: Iterable<string>; at: string | Date }): Promise<void> {
  const ids = [...new Set(e.contactIds)];
  if (ids.length === 0) return;
  await emitEvent(
    trx,
    ids.map((contactId) => ({ type: 'contact.orders_changed' as const, workspaceId: e.workspaceId, at: e.at, payload: { contactId } })),
  );
}
