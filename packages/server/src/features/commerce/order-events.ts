import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { defineHook, emit } from '../../kith-module.ts';
import { ORDER_STATUS_EVENTS, type NewEvent } from '@kith/domain/events/event-types.ts';
import type { Order, OrderStatus } from '@kith/domain/orders/order.schema.ts';

/**
 * Orders changed: what other parts of Kith follow orders listen here (loyalty points and tiers, surveys sent
 * after delivery), inside the transaction that changed them, so a point is earned exactly when the order
 * that earns it is committed. `bulk` is an import: listeners defer heavy work to a job. The listeners are the
 * modules' (`listen(ordersChangedHook, …)` in their module object).
 */
export type OrderStatusChange = { orderId: string; contactId: string; from: string | null; to: string | null };
export type OrdersChanged = { workspaceId: string; contactIds: string[]; bulk: boolean; changes: OrderStatusChange[] };

export const ordersChangedHook = defineHook<OrdersChanged>('orders.changed');

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

export async function ordersChanged(trx: Db, core: Core, e: OrdersChanged): Promise<void> {
  if (e.contactIds.length === 0) return;
  await emit(trx, core, ordersChangedHook, e);
}
