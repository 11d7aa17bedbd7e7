import { notFound } from '@kith/domain/errors.ts';
import type { LifecycleStage } from '@kith/domain/contacts/contact.schema.ts';
import { stageFromPurchases } from '@kith/domain/orders/lifecycle.ts';
import type { Order } from '@kith/domain/orders/order.schema.ts';
import type { Core } from '../../core.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { restore, softDelete } from '../../platform/records/lifecycle.ts';
import { scopeFor } from '../../platform/records/visibility.ts';
import type { Workspace } from '../workspaces/workspace.repository.ts';
import { ordersChanged } from './order-events.ts';
import { contactStages, purchaseCounts, setContactStage } from './order.repository.ts';
import { findOrders } from './order.service.ts';

/**
 * An order's life after it is written: to the trash and back (records/lifecycle.ts), and what purchases
 * do to their customers' lifecycle stages.
 */

/**
 * After purchases were added for these customers: move each one's lifecycle stage if the workspace lets
 * the data do it, with the change audited on the customer (meta says which order moved it).
 */
export type StageMove = { contactId: string; before: string; after: string };

export async function followLifecycle(
  db: Db,
  core: Core,
  actor: Actor,
  ws: Workspace,
  moved: Map<string, string>,
  meta: Record<string, unknown> = {},
): Promise<StageMove[]> {
  const out: StageMove[] = [];
  if (!ws.lifecycleAuto || moved.size === 0) return out;
  const ids = [...moved.keys()];
  const contacts = await contactStages(db, ws.id, ids);
  const n = await purchaseCounts(db, ws.id, ids);
  const now = core.now();
  for (const c of contacts) {
    const next = stageFromPurchases(c.lifecycle_stage as LifecycleStage, n.get(c.id) ?? 0, ws.loyalAfter);
    if (!next || next === c.lifecycle_stage) continue;
    await setContactStage(db, c, next, now.toISOString());
    const who = by(actor);
    await recordAudit(
      db,
      {
        ...who,
        action: 'update',
        entityType: 'contact',
        entityId: c.id,
        before: { lifecycleStage: c.lifecycle_stage },
        after: { lifecycleStage: next },
        meta: { ...who.meta, ...meta, cause: 'order', orderId: moved.get(c.id) },
      },
      now,
    );
    await emitEvent(db, { type: 'contact.updated', workspaceId: ws.id, at: now, payload: { contactId: c.id, fields: ['lifecycleStage'] } });
    out.push({ contactId: c.id, before: c.lifecycle_stage, after: next });
  }
  return out;
}

export async function deleteOrder(core: Core, actor: Actor, id: string, ifVersion: number | null): Promise<void> {
  const scope = scopeFor(actor, 'orders.delete');
  await core.db.transaction().execute(async (trx) => {
    const o = (await findOrders(trx, scope, [id]))[0];
    if (!o) throw notFound('Order');
    const now = core.now().toISOString();
    await softDelete(trx, 'orders', actor.workspaceId, o, { at: now, by: actor.userId }, { ifVersion });
    await emitEvent(trx, { type: 'order.deleted', workspaceId: actor.workspaceId, at: now, payload: { orderId: id, contactId: o.contactId } });
    await ordersChanged(trx, { workspaceId: actor.workspaceId, contactIds: [o.contactId], at: now });
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'order', entityId: id, meta: { contactId: o.contactId } }, core.now());
  });
}

export async function restoreOrder(core: Core, actor: Actor, id: string): Promise<Order> {
  const scope = scopeFor(actor, 'orders.delete');
  return core.db.transaction().execute(async (trx) => {
    const o = (await findOrders(trx, scope, [id], 'only'))[0];
    const now = core.now().toISOString();
    await restore(trx, 'orders', actor.workspaceId, o, { at: now, by: actor.userId }, { what: 'Order' });
    const contactId = o!.contactId;
    await emitEvent(trx, { type: 'order.restored', workspaceId: actor.workspaceId, at: now, payload: { orderId: id, contactId } });
    await ordersChanged(trx, { workspaceId: actor.workspaceId, contactIds: [contactId], at: now });
    await recordAudit(trx, { ...by(actor), action: 'restore', entityType: 'order', entityId: id, meta: { contactId } }, core.now());
    return (await findOrders(trx, scope, [id]))[0]!;
  });
}
