import type { Core } from '../core.ts';
import type { Db } from '../db/create-db.ts';
import { defineHook, emit } from '../kith-module.ts';

/**
 * Orders changed: what other parts of Kith follow orders listen here (loyalty points and tiers, surveys sent
 * after delivery), inside the transaction that changed them, so a point is earned exactly when the order
 * that earns it is committed. `bulk` is an import: listeners defer heavy work to a job. The listeners are the
 * modules' (`listen(ordersChangedHook, …)` in their module object).
 */
export type OrderStatusChange = { orderId: string; contactId: string; from: string | null; to: string | null };
export type OrdersChanged = { workspaceId: string; contactIds: string[]; bulk: boolean; changes: OrderStatusChange[] };

export const ordersChangedHook = defineHook<OrdersChanged>('orders.changed');

export async function ordersChanged(trx: Db, core: Core, e: OrdersChanged): Promise<void> {
  if (e.contactIds.length === 0) return;
  await emit(trx, core, ordersChangedHook, e);
}
