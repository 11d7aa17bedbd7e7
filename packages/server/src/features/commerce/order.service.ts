import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool } from 'kysely';
import { uuidv7 } from '../../platform/db/ids.ts';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { LifecycleStage } from '@kith/domain/contacts/contact.schema.ts';
import { stageFromPurchases } from '@kith/domain/orders/lifecycle.ts';
import {
  computeTotals,
  ORDER_TRANSITIONS,
  PURCHASE_STATUSES,
  type Order,
  type OrderCreateInput,
  type OrderLine,
  type OrderSummary,
  type OrderUpdateInput,
  type PricedLine,
  type Product,
} from '@kith/domain/orders/order.schema.ts';
import { foldedWords } from '@kith/domain/text/fold.ts';
import { AUDITED_ORDER_FIELDS, ORDER_FIELD_LIST, type OrderFieldName, type OrderFieldValues } from '@kith/domain/orders/order.fields.ts';
import { fieldNames } from '@kith/domain/schema/field-table.ts';
import { fieldsReader, fieldsWriter, registryOf, TIMES_REGISTRY } from '../../platform/records/field-table.ts';
import type { Core } from '../../core.ts';
import { orderCreatedEvents, orderStatusEvent, ordersChanged } from './order-events.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  afterCursor,
  decodeCursor,
  encodeCursor,
  escapeLike,
  filterCondition,
  orderBySql,
  parseFilters,
  parseSort,
  type Registry,
} from '../../platform/records/list-query.ts';
import { preconditionFailed, readableContacts, scopeFor, visibleTo, type Scope } from '../../platform/records/visibility.ts';
import { findWorkspace, type Workspace } from '../workspaces/workspace.repository.ts';
import type { OrderTable } from './commerce.table.ts';
import { findProducts } from './product.service.ts';

/**
 * Orders: a customer's purchases, with line items. Totals are computed from the lines (never taken from
 * the caller); an order is in a member's scope when its customer is (docs/permissions.md). A purchase
 * moves the customer's lifecycle stage where the workspace allows it (domain/orders/lifecycle.ts), and
 * every change is audited — the order's own entries, and the customer's stage change on the customer.
 */

/** The order fields a list filters and sorts on: the field table's (@kith/domain orders/order.fields.ts), then the record's times. */
export const ORDER_FILTERS: Registry = { ...registryOf(ORDER_FIELD_LIST), ...TIMES_REGISTRY };

/** Made once: every row read or written goes through them (records/field-table.ts). */
const readOrderFields = fieldsReader<OrderFieldValues>(ORDER_FIELD_LIST);
const writeOrderFields = fieldsWriter(ORDER_FIELD_LIST);

type Deleted = 'exclude' | 'only' | 'include';
type OrderRow = Selectable<OrderTable> & { contact_name: string | null; line_count?: number | string | null };

const AUDITED: readonly OrderFieldName[] = AUDITED_ORDER_FIELDS;
/** What a PATCH sets as sent: every settable field but the status, which moves along ORDER_TRANSITIONS. */
const PATCHED = fieldNames(ORDER_FIELD_LIST, (d) => d.input !== null).filter((k) => k !== 'status');
const numberKey = (n: string) => n.normalize('NFC').toLowerCase();

/** An order as a list shows it: each field of the table, its customer's name, the record's own and its line count. */
function rowToSummary(r: OrderRow): OrderSummary {
  return {
    id: r.id,
    ...readOrderFields(r as unknown as Record<string, unknown>),
    contactName: r.contact_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    createdBy: r.created_by,
    version: r.version,
    lineCount: Number(r.line_count ?? 0),
  };
}

/** An order's columns as stored: its fields', and the folded number it is found and sorted by. */
function fieldColumns(o: Order) {
  return {
    ...(writeOrderFields(o) as Pick<
      Insertable<OrderTable>,
      | 'number'
      | 'external_id'
      | 'contact_id'
      | 'company_id'
      | 'ordered_at'
      | 'channel'
      | 'status'
      | 'currency'
      | 'subtotal'
      | 'discount'
      | 'shipping'
      | 'total'
      | 'tags'
      | 'notes'
    >),
    number_key: numberKey(o.number),
  };
}

/** Orders joined to their customer, limited to the customers the scope reaches. */
function selectOrders(db: Db, scope: Scope) {
  return db
    .selectFrom('orders')
    .innerJoin('contacts', 'contacts.id', 'orders.contact_id')
    .selectAll('orders')
    .select('contacts.name as contact_name')
    .where('orders.workspace_id', '=', scope.workspaceId)
    .where((eb) => visibleTo(eb as unknown as ExpressionBuilder<Database, 'contacts'>, scope, 'contacts') as Expression<SqlBool>);
}

async function loadLines(db: Db, ids: string[]): Promise<Map<string, OrderLine[]>> {
  const out = new Map<string, OrderLine[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', 'in', ids.slice(i, i + 500))
      .orderBy('order_id')
      .orderBy('line_no')
      .execute();
    for (const l of rows) {
      out.get(l.order_id)!.push({
        lineNo: l.line_no,
        productId: l.product_id,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unitPrice: Number(l.unit_price),
        discount: Number(l.discount),
        lineTotal: Number(l.line_total),
      });
    }
  }
  return out;
}

export async function findOrders(db: Db, scope: Scope, ids: string[], deleted: Deleted = 'exclude'): Promise<Order[]> {
  if (ids.length === 0) return [];
  let q = selectOrders(db, scope).where('orders.id', 'in', ids);
  if (deleted === 'exclude') q = q.where('orders.deleted_at', 'is', null);
  if (deleted === 'only') q = q.where('orders.deleted_at', 'is not', null);
  const rows = await q.execute();
  const lines = await loadLines(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const { lineCount: _n, ...s } = rowToSummary(r);
    return { ...s, lines: lines.get(r.id) ?? [] };
  });
}

/** The next free order number of the workspace (DH000001, DH000002, …), skipping numbers imported by hand. */
async function nextNumber(db: Db, workspaceId: string): Promise<string> {
  for (;;) {
    const r = await db
      .updateTable('workspaces')
      .set((eb) => ({ order_seq: eb('order_seq', '+', 1) }))
      .where('id', '=', workspaceId)
      .returning('order_seq')
      .executeTakeFirstOrThrow();
    const n = `DH${String(r.order_seq).padStart(6, '0')}`;
    const taken = await db.selectFrom('orders').select('id').where('workspace_id', '=', workspaceId).where('number_key', '=', numberKey(n)).executeTakeFirst();
    if (!taken) return n;
  }
}

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

async function writeLines(db: Db, workspaceId: string, orders: { id: string; lines: OrderLine[] }[]): Promise<void> {
  const rows = orders.flatMap((o) =>
    o.lines.map((l) => ({
      order_id: o.id,
      line_no: l.lineNo,
      workspace_id: workspaceId,
      product_id: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      discount: l.discount,
      line_total: l.lineTotal,
    })),
  );
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('order_lines')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * After purchases were added for these customers: move each one's lifecycle stage if the workspace lets
 * the data do it, with the change audited on the customer (meta says which order moved it).
 */
export type StageMove = { contactId: string; before: string; after: string };

async function followLifecycle(
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
  const contacts = await db
    .selectFrom('contacts')
    .select(['id', 'lifecycle_stage', 'version'])
    .where('workspace_id', '=', ws.id)
    .where('id', 'in', ids)
    .execute();
  const counts = await db
    .selectFrom('orders')
    .select(['contact_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', ws.id)
    .where('contact_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where('status', 'in', PURCHASE_STATUSES)
    .groupBy('contact_id')
    .execute();
  const n = new Map(counts.map((c) => [c.contact_id, Number(c.n)]));
  const now = core.now();
  for (const c of contacts) {
    const next = stageFromPurchases(c.lifecycle_stage as LifecycleStage, n.get(c.id) ?? 0, ws.loyalAfter);
    if (!next || next === c.lifecycle_stage) continue;
    await db
      .updateTable('contacts')
      .set({ lifecycle_stage: next, updated_at: now.toISOString(), version: c.version + 1 })
      .where('id', '=', c.id)
      .execute();
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
    const companies = new Set(
      companyIds.length
        ? (
            await trx
              .selectFrom('companies')
              .select('id')
              .where('workspace_id', '=', actor.workspaceId)
              .where('id', 'in', companyIds)
              .where('deleted_at', 'is', null)
              .execute()
          ).map((c) => c.id)
        : [],
    );
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
      const taken = await trx
        .selectFrom('orders')
        .select('number')
        .where('workspace_id', '=', actor.workspaceId)
        .where('number_key', 'in', [...numbers])
        .execute();
      const takenKeys = new Set(taken.map((t) => numberKey(t.number)));
      prepared.forEach(({ order }, i) => {
        if (order.number && takenKeys.has(numberKey(order.number)))
          issues.push({ path: [...(opts.bulk ? ['items', i] : []), 'number'], message: `An order numbered ${order.number} exists`, code: 'not_unique' });
      });
    }
    if (externals.size) {
      const taken = new Set(
        (
          await trx
            .selectFrom('orders')
            .select('external_id')
            .where('workspace_id', '=', actor.workspaceId)
            .where('external_id', 'in', [...externals])
            .execute()
        ).map((t) => t.external_id),
      );
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
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('orders')
        .values(rows.slice(i, i + 200))
        .execute();
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

export async function getOrder(core: Core, actor: Actor, id: string, deleted: Deleted = 'exclude'): Promise<Order> {
  const o = (await findOrders(core.db, scopeFor(actor, 'orders.read'), [id], deleted))[0];
  if (!o) throw notFound('Order');
  return o;
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
    if (ifVersion !== null && ifVersion !== before.version) throw preconditionFailed(before.version);
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
      const c = await trx
        .selectFrom('companies')
        .select('id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', patch.companyId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!c) issues.push({ path: ['companyId'], message: 'No such company', code: 'not_found' });
    }
    if (patch.number !== undefined && numberKey(patch.number) !== numberKey(before.number)) {
      const t = await trx
        .selectFrom('orders')
        .select('id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('number_key', '=', numberKey(patch.number))
        .executeTakeFirst();
      if (t) issues.push({ path: ['number'], message: `An order numbered ${patch.number} exists`, code: 'not_unique' });
    }
    if (patch.externalId && patch.externalId !== before.externalId) {
      const t = await trx
        .selectFrom('orders')
        .select('id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('external_id', '=', patch.externalId)
        .executeTakeFirst();
      if (t) issues.push({ path: ['externalId'], message: `An order with the external id ${patch.externalId} exists`, code: 'not_unique' });
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
    const r = await trx
      .updateTable('orders')
      .set({
        ...fieldColumns(next),
        updated_at: now,
        updated_by: actor.userId,
        version: before.version + 1,
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw preconditionFailed(before.version + 1);
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
      await trx.deleteFrom('order_lines').where('order_id', '=', id).execute();
      await writeLines(trx, actor.workspaceId, [{ id, lines: next.lines }]);
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

export async function deleteOrder(core: Core, actor: Actor, id: string, ifVersion: number | null): Promise<void> {
  const scope = scopeFor(actor, 'orders.delete');
  await core.db.transaction().execute(async (trx) => {
    const o = (await findOrders(trx, scope, [id]))[0];
    if (!o) throw notFound('Order');
    if (ifVersion !== null && ifVersion !== o.version) throw preconditionFailed(o.version);
    const now = core.now().toISOString();
    await trx
      .updateTable('orders')
      .set({ deleted_at: now, updated_at: now, updated_by: actor.userId, version: o.version + 1 })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
    await emitEvent(trx, { type: 'order.deleted', workspaceId: actor.workspaceId, at: now, payload: { orderId: id, contactId: o.contactId } });
    await ordersChanged(trx, { workspaceId: actor.workspaceId, contactIds: [o.contactId], at: now });
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'order', entityId: id, meta: { contactId: o.contactId } }, core.now());
  });
}

export async function restoreOrder(core: Core, actor: Actor, id: string): Promise<Order> {
  const scope = scopeFor(actor, 'orders.delete');
  return core.db.transaction().execute(async (trx) => {
    const o = (await findOrders(trx, scope, [id], 'only'))[0];
    if (!o) throw notFound('Deleted order');
    const now = core.now().toISOString();
    await trx
      .updateTable('orders')
      .set({ deleted_at: null, updated_at: now, updated_by: actor.userId, version: o.version + 1 })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
    await emitEvent(trx, { type: 'order.restored', workspaceId: actor.workspaceId, at: now, payload: { orderId: id, contactId: o.contactId } });
    await ordersChanged(trx, { workspaceId: actor.workspaceId, contactIds: [o.contactId], at: now });
    await recordAudit(trx, { ...by(actor), action: 'restore', entityType: 'order', entityId: id, meta: { contactId: o.contactId } }, core.now());
    return (await findOrders(trx, scope, [id]))[0]!;
  });
}

export type OrderListQuery = {
  q?: string;
  sort?: string;
  cursor?: string;
  limit: number;
  deleted: Deleted;
  includeTotal?: boolean;
  raw: Record<string, unknown>;
};

/** Orders, newest first by default, with every filter of ORDER_FILTERS; `q` matches the start of the number or of the customer's name. */
export async function listOrders(
  core: Core,
  actor: Actor,
  query: OrderListQuery,
): Promise<{ data: OrderSummary[]; nextCursor: string | null; total?: number; sum?: { currency: string; total: number }[] }> {
  const scope = scopeFor(actor, 'orders.read');
  if (query.deleted !== 'exclude') scopeFor(actor, 'orders.delete');
  const filters = parseFilters(query.raw, ORDER_FILTERS, [], core.dialect, 'orders', ['q', 'sort', 'cursor', 'limit', 'deleted', 'includeTotal']);
  const sort = parseSort(query.sort, ORDER_FILTERS, [], core.dialect, 'orders', '-orderedAt');
  const sortKey = `${sort.dir === 'desc' ? '-' : ''}${sort.name}`;
  const cursor = query.cursor ? decodeCursor(query.cursor, sortKey) : null;
  const ctx = { dialect: core.dialect, table: 'orders', workspaceId: actor.workspaceId };
  const where = <Q extends ReturnType<typeof selectOrders>>(q: Q): Q => {
    let r = q;
    if (query.deleted === 'exclude') r = r.where('orders.deleted_at', 'is', null) as Q;
    if (query.deleted === 'only') r = r.where('orders.deleted_at', 'is not', null) as Q;
    const words = query.q ? foldedWords(query.q).slice(0, 8) : [];
    if (words.length === 1) {
      const w = escapeLike(words[0]!);
      r = r.where((eb) =>
        eb.or([sql<boolean>`orders.number_key like ${`${w}%`} escape '\\'`, sql<boolean>`(' ' || contacts.name_key) like ${`% ${w}%`} escape '\\'`]),
      ) as Q;
    } else for (const w of words) r = r.where(sql<boolean>`(' ' || contacts.name_key) like ${`% ${escapeLike(w)}%`} escape '\\'`) as Q;
    for (const f of filters) r = r.where((eb) => filterCondition(eb, f, ctx)) as Q;
    return r;
  };
  let q = where(selectOrders(core.db, scope))
    .select(sort.expr.as('_sort'))
    .select((eb) => eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('n')).whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'));
  if (cursor) q = q.where(afterCursor(sort, cursor, 'orders.id'));
  const rows = await q
    .orderBy(orderBySql(sort, 'orders.id'))
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1] as ((typeof page)[number] & { _sort: unknown }) | undefined;
  let total: number | undefined;
  let sum: { currency: string; total: number }[] | undefined;
  if (query.includeTotal) {
    const agg = await where(selectOrders(core.db, scope))
      .clearSelect()
      .select(['orders.currency', (eb) => eb.fn.countAll<number>().as('n'), sql<string>`sum(orders.total)`.as('s')])
      .groupBy('orders.currency')
      .execute();
    total = agg.reduce((a, r) => a + Number(r.n), 0);
    sum = agg.map((r) => ({ currency: r.currency, total: Number(r.s ?? 0) }));
  }
  return {
    data: page.map((r) => rowToSummary(r as OrderRow)),
    nextCursor: more && last ? encodeCursor({ s: sortKey, v: (last._sort as string | number | null) ?? null, id: last.id }) : null,
    ...(total !== undefined ? { total, sum } : {}),
  };
}
