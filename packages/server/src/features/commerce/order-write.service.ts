import { uuidv7 } from '../../platform/db/ids.ts';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import {
  computeTotals,
  ORDER_TRANSITIONS,
  PURCHASE_STATUSES,
  type Order,
  type OrderCreateInput,
  type OrderUpdateInput,
  type PricedLine,
  type Product,
} from '@kith/domain/orders/order.schema.ts';
import { AUDITED_ORDER_FIELDS, ORDER_FIELD_LIST, type OrderFieldName } from '@kith/domain/orders/order.fields.ts';
import { fieldNames } from '@kith/domain/schema/field-table.ts';
import type { Core } from '../../core.ts';
import { orderCreatedEvents, orderStatusEvent, ordersChanged } from './order-events.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { checkVersion, updateVersioned } from '../../platform/records/lifecycle.ts';
import { readableContacts, scopeFor } from '../../platform/records/visibility.ts';
import { findWorkspace, type Workspace } from '../workspaces/workspace.repository.ts';
import { findProducts } from './product.service.ts';
import { followLifecycle, type StageMove } from './order-lifecycle.service.ts';
import {
  externalIdTaken,
  fieldColumns,
  insertOrders,
  liveCompanyIds,
  nextNumber,
  numberKey,
  numberTaken,
  replaceLines,
  takenExternalIds,
  takenNumbers,
  writeLines,
} from './order.repository.ts';
import { findOrders } from './order.service.ts';

/** Creating and changing orders (order.service.ts says what an order is; order.repository.ts has the SQL). */

const AUDITED: readonly OrderFieldName[] = AUDITED_ORDER_FIELDS;
/** What a PATCH sets as sent: every settable field but the status, which moves along ORDER_TRANSITIONS. */
const PATCHED = fieldNames(ORDER_FIELD_LIST, (d) => d.input !== null).filter((k) => k !== 'status');

/** Price the lines: a product's SKU, name and price fill what the line leaves out (in the order's currency only). */
function priceLines(
  lines: OrderCreateInput['lines'],
  products: Map<string, Product>,
  currency: string,
  path: (string | number)[],
  issues: FieldIssue[],
): PricedLine[] {
  return lines.map((l, i) => {
    const at = [...path, 'lines', i];
    const p = l.productId ? products.get(l.productId) : undefined;
    if (l.productId && !p) issues.push({ path: [...at, 'productId'], message: 'No such product', code: 'not_found' });
    if (!l.productId && !l.name) issues.push({ path: [...at, 'name'], message: 'A line without a product needs a name', code: 'required' });
    let unitPrice = l.unitPrice;
    if (unitPrice === undefined) {
      if (!l.productId) issues.push({ path: [...at, 'unitPrice'], message: 'A line without a product needs a unit price', code: 'required' });
      else if (!p) {
        // the missing product is reported above
      } else if (p.currency !== currency)
        issues.push({
          path: [...at, 'unitPrice'],
          message: `The product is priced in ${p.currency}; give the price in ${currency}`,
          code: 'currency_mismatch',
          params: { expected: currency },
        });
      else unitPrice = p.price;
    }
    return {
      productId: p?.id ?? null,
      sku: l.sku ?? p?.sku ?? null,
      name: l.name ?? p?.name ?? '',
      quantity: l.quantity,
      unitPrice: unitPrice ?? 0,
      discount: l.discount ?? 0,
    };
  });
}

type Prepared = { order: Order; purchase: boolean };

const audited = (o: Order) => Object.fromEntries(AUDITED.map((k) => [k, o[k]]));

/**
 * Create orders, all or none (issue paths start with `items.N` when `bulk`). The customer must be one the
 * caller may read; the company defaults to the customer's; a number is given when none is sent.
 */
export async function createOrders(core: Core, actor: Actor, inputs: OrderCreateInput[], opts: { bulk: boolean }): Promise<Order[]> {
  scopeFor(actor, 'orders.create');
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;
  return core.db.transaction().execute((trx) => createOrdersIn(core, trx, actor, ws, inputs, opts));
}

/** The body of createOrders inside the caller's transaction (an import writes a batch of orders in one). */
export async function createOrdersIn(
  core: Core,
  trx: Db,
  actor: Actor,
  ws: Workspace,
  inputs: OrderCreateInput[],
  opts: { bulk: boolean; meta?: Record<string, unknown>; readBack?: boolean; onStageMoves?: (moves: StageMove[]) => void },
): Promise<Order[]> {
  {
    const issues: FieldIssue[] = [];
    const contacts = await readableContacts(
      trx,
      actor,
      inputs.map((i) => i.contactId),
    );
    const companyIds = [...new Set(inputs.map((i) => i.companyId).filter((x): x is string => !!x))];
    const companies = await liveCompanyIds(trx, actor.workspaceId, companyIds);
    const productIds = inputs.flatMap((i) => i.lines.map((l) => l.productId).filter((x): x is string => !!x));
    const products = new Map((await findProducts(trx, actor.workspaceId, productIds)).map((p) => [p.id, p]));
    const numbers = new Set<string>();
    const externals = new Set<string>();
    const now = core.now().toISOString();
    const prepared: Prepared[] = [];
    for (const [i, input] of inputs.entries()) {
      const path = opts.bulk ? ['items', i] : [];
      const contact = contacts.get(input.contactId);
      if (!contact) issues.push({ path: [...path, 'contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
      if (input.companyId && !companies.has(input.companyId)) issues.push({ path: [...path, 'companyId'], message: 'No such company', code: 'not_found' });
      const currency = input.currency ?? ws.currency;
      const priced = priceLines(input.lines, products, currency, path, issues);
      const totals = computeTotals(priced, input.discount ?? 0, input.shipping ?? 0);
      issues.push(...totals.issues.map((x) => ({ ...x, path: [...path, ...x.path] })));
      if (input.number !== undefined) {
        const k = numberKey(input.number);
        if (numbers.has(k)) issues.push({ path: [...path, 'number'], message: `The order number ${input.number} appears twice`, code: 'not_unique' });
        numbers.add(k);
      }
      if (input.externalId) {
        if (externals.has(input.externalId))
          issues.push({ path: [...path, 'externalId'], message: `The external id ${input.externalId} appears twice`, code: 'not_unique' });
        externals.add(input.externalId);
      }
      const status = input.status ?? 'placed';
      prepared.push({
        purchase: PURCHASE_STATUSES.includes(status),
        order: {
          id: uuidv7(),
          number: input.number ?? '',
          externalId: input.externalId ?? null,
          contactId: input.contactId,
          contactName: null,
          companyId: input.companyId !== undefined ? input.companyId : (contact?.companyId ?? null),
          orderedAt: input.orderedAt ?? now,
          channel: input.channel ?? null,
          status,
          currency,
          lines: totals.lines,
          subtotal: totals.subtotal,
          discount: input.discount ?? 0,
          shipping: input.shipping ?? 0,
          total: totals.total,
          tags: input.tags ?? [],
          notes: input.notes ?? null,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
          createdBy: actor.userId,
          version: 1,
        },
      });
    }
    if (numbers.size) {
      const takenKeys = new Set((await takenNumbers(trx, actor.workspaceId, [...numbers])).map(numberKey));
      prepared.forEach(({ order }, i) => {
        if (order.number && takenKeys.has(numberKey(order.number)))
          issues.push({ path: [...(opts.bulk ? ['items', i] : []), 'number'], message: `An order numbered ${order.number} exists`, code: 'not_unique' });
      });
    }
    if (externals.size) {
      const taken = await takenExternalIds(trx, actor.workspaceId, [...externals]);
      prepared.forEach(({ order }, i) => {
        if (order.externalId && taken.has(order.externalId))
          issues.push({
            path: [...(opts.bulk ? ['items', i] : []), 'externalId'],
            message: `An order with the external id ${order.externalId} exists`,
            code: 'not_unique',
          });
      });
    }
    if (issues.length) throw invalid(issues, opts.bulk ? 'Some orders are invalid; nothing was created' : 'The order has invalid fields');
    for (const { order } of prepared) if (!order.number) order.number = await nextNumber(trx, actor.workspaceId);
    const rows = prepared.map(({ order: o }) => ({
      id: o.id,
      workspace_id: actor.workspaceId,
      ...fieldColumns(o),
      created_at: now,
      updated_at: now,
      deleted_at: null,
      created_by: actor.userId,
      updated_by: actor.userId,
      version: 1,
    }));
    await insertOrders(trx, rows);
    await writeLines(
      trx,
      actor.workspaceId,
      prepared.map((p) => p.order),
    );
    await emitEvent(
      trx,
      prepared.flatMap((p) => orderCreatedEvents(actor.workspaceId, p.order, now)),
    );
    // Loyalty points and the purchase statistics follow, after the commit (their listeners).
    await ordersChanged(trx, { workspaceId: actor.workspaceId, contactIds: prepared.map((p) => p.order.contactId), at: now });
    const who = by(actor);
    await recordAudit(
      trx,
      prepared.map(({ order }) => ({
        ...who,
        action: 'create' as const,
        entityType: 'order',
        entityId: order.id,
        after: audited(order),
        meta: { ...who.meta, ...opts.meta, contactId: order.contactId, lines: order.lines.length },
      })),
      core.now(),
    );
    const moved = new Map<string, string>();
    for (const { order, purchase } of prepared) if (purchase) moved.set(order.contactId, order.id);
    const moves = await followLifecycle(trx, core, actor, ws, moved, opts.meta);
    opts.onStageMoves?.(moves);
    // An import does not read back what it wrote; it has the ids.
    if (opts.readBack === false) return prepared.map((p) => p.order);
    return findOrders(
      trx,
      { workspaceId: actor.workspaceId, limitTo: null },
      prepared.map((p) => p.order.id),
    );
  }
}

export async function createOrder(core: Core, actor: Actor, input: OrderCreateInput): Promise<Order> {
  return (await createOrders(core, actor, [input], { bulk: false }))[0]!;
}

/**
 * Change an order (If-Match honoured). Lines, when sent, replace the old ones and the totals are computed
 * again; the status may only move along ORDER_TRANSITIONS.
 */
export async function updateOrder(core: Core, actor: Actor, id: string, patch: OrderUpdateInput, ifVersion: number | null): Promise<Order> {
  const scope = scopeFor(actor, 'orders.update');
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;
  return core.db.transaction().execute(async (trx) => {
    const before = (await findOrders(trx, scope, [id]))[0];
    if (!before) throw notFound('Order');
    checkVersion(before, ifVersion);
    const issues: FieldIssue[] = [];
    const next: Order = { ...before };
    for (const k of PATCHED) {
      const v = patch[k];
      if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    }
    if (patch.status !== undefined && patch.status !== before.status) {
      if (!ORDER_TRANSITIONS[before.status].includes(patch.status))
        issues.push({
          path: ['status'],
          message: `An order cannot go from ${before.status} to ${patch.status}`,
          code: 'invalid_transition',
          params: { from: before.status, to: patch.status },
        });
      next.status = patch.status;
    }
    if (patch.contactId !== undefined && patch.contactId !== before.contactId) {
      if (!(await readableContacts(trx, actor, [patch.contactId])).has(patch.contactId))
        issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
    }
    if (patch.companyId && patch.companyId !== before.companyId) {
      if (!(await liveCompanyIds(trx, actor.workspaceId, [patch.companyId])).has(patch.companyId))
        issues.push({ path: ['companyId'], message: 'No such company', code: 'not_found' });
    }
    if (patch.number !== undefined && numberKey(patch.number) !== numberKey(before.number)) {
      if (await numberTaken(trx, actor.workspaceId, patch.number))
        issues.push({ path: ['number'], message: `An order numbered ${patch.number} exists`, code: 'not_unique' });
    }
    if (patch.externalId && patch.externalId !== before.externalId) {
      if (await externalIdTaken(trx, actor.workspaceId, patch.externalId))
        issues.push({ path: ['externalId'], message: `An order with the external id ${patch.externalId} exists`, code: 'not_unique' });
    }
    const linesChanged = patch.lines !== undefined || (patch.currency !== undefined && patch.currency !== before.currency);
    let lineInputs: OrderCreateInput['lines'] = before.lines.map((l) => ({
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
    }));
    if (patch.lines !== undefined) lineInputs = patch.lines;
    const products = new Map(
      (
        await findProducts(
          trx,
          actor.workspaceId,
          lineInputs.map((l) => l.productId).filter((x): x is string => !!x),
          'include',
        )
      ).map((p) => [p.id, p]),
    );
    const totals = computeTotals(priceLines(lineInputs, products, next.currency, [], issues), next.discount, next.shipping);
    issues.push(...totals.issues);
    if (issues.length) throw invalid(issues, 'The order has invalid fields');
    Object.assign(next, { lines: totals.lines, subtotal: totals.subtotal, total: totals.total });
    const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    const linesDiffer = JSON.stringify(before.lines) !== JSON.stringify(next.lines);
    if (changed.length === 0 && !linesDiffer) return before;
    const now = core.now().toISOString();
    await updateVersioned(trx, 'orders', actor.workspaceId, before, { ...fieldColumns(next), updated_at: now, updated_by: actor.userId });
    await emitEvent(trx, [
      {
        type: 'order.updated',
        workspaceId: actor.workspaceId,
        at: now,
        payload: {
          orderId: id,
          contactId: next.contactId,
          previousContactId: next.contactId === before.contactId ? null : before.contactId,
          fields: [...changed, ...(linesDiffer ? ['lines'] : [])],
        },
      },
      ...orderStatusEvent(actor.workspaceId, next, before.status, now),
    ]);
    await ordersChanged(trx, { workspaceId: actor.workspaceId, contactIds: [before.contactId, next.contactId], at: now });
    if (linesDiffer || linesChanged) {
      await replaceLines(trx, actor.workspaceId, id, next.lines);
    }
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'order',
        entityId: id,
        before: { ...Object.fromEntries(changed.map((k) => [k, before[k]])), ...(linesDiffer ? { lines: before.lines } : {}) },
        after: { ...Object.fromEntries(changed.map((k) => [k, next[k]])), ...(linesDiffer ? { lines: next.lines } : {}) },
        meta: { contactId: next.contactId },
      },
      core.now(),
    );
    const becamePurchase = PURCHASE_STATUSES.includes(next.status) && (!PURCHASE_STATUSES.includes(before.status) || next.contactId !== before.contactId);
    if (becamePurchase) await followLifecycle(trx, core, actor, ws, new Map([[next.contactId, id]]));
    return (await findOrders(trx, { ...scope, limitTo: null }, [id]))[0]!;
  });
}
