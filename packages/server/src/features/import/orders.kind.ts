import { isAppError } from '@kith/domain/errors.ts';
import { ordersChanged } from '../commerce/order-events.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import { ContactCreateSchema, type Contact } from '@kith/domain/contacts/contact.schema.ts';
import { type DateOrder, parseDateTime, parseWholeNumber } from '@kith/domain/import/values.ts';
import { isCurrency, minorDigits, parseAmount } from '@kith/domain/money/money.ts';
import { ORDER_CHANNELS, type OrderCreateInput, type OrderStatus } from '@kith/domain/orders/order.schema.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import { ORDER_FIELD_LIST, ORDER_FIELDS } from '@kith/domain/orders/order.fields.ts';
import { importTargetOf } from '@kith/domain/schema/field-table.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { createOrdersIn } from '../commerce/order-write.service.ts';
import type { StageMove } from '../commerce/order-lifecycle.service.ts';
import { contactsByKeys } from '../contacts/contact.repository.ts';
import { parseRows, prepareNewContacts, writeNewContacts } from '../contacts/contact.service.ts';
import { scopeFor } from '../../platform/records/visibility.ts';
import { findWorkspace, type Workspace } from '../workspaces/workspace.repository.ts';
import { DropRows, type ImportError } from './engine.ts';
import {
  customerKeys,
  type KindHandler,
  type KindOptions,
  type MappedRow,
  type PrepareContext,
  type UndoItem,
  type UndoResult,
  type Written,
} from './kinds.ts';
import { revertFields, softDeleteContactsIn } from './undo.ts';

/**
 * Importing orders: one row per line item, the rows of an order grouped by its number (they are kept in
 * one batch, so an order is written whole or not at all). The customer is found by customer id, email or
 * phone, or created from the row's name when new; a line's product by SKU (a SKU the catalogue does not
 * have stays on the line as text). An order number already in the workspace is skipped, so the same file
 * imported again adds nothing. Amounts are read the Vietnamese way for currencies without decimals
 * ("350.000" is three hundred and fifty thousand đồng). Past orders without a status are delivered.
 *
 * A marketplace's export (import/presets/marketplaces.ts) writes the order's own values on each of its lines:
 * the date, status, customer, order discount (`orderDiscount`) and shipping are taken once, from the order's
 * first line that has them; a line's discount (`discount`) and its share of the shipping (`lineShipping`) are
 * the line's. Several columns of a discount are summed. The preset's words for statuses come before Kith's
 * own; its `channel['']` is the channel of every order of a file without a channel column, and its
 * `customerExternalId['']` the marketplace put before a buyer's username ("shopee:ngocanh92"), the key a
 * returning buyer is found by. A phone the marketplace masked ("******789") is no phone: it neither finds nor
 * creates a customer.
 */

// The words a file may use for each status and channel are the field table's (order.fields.ts); codes are taken as they are.
const STATUS = ORDER_FIELDS.status.import.values as Readonly<Record<string, OrderStatus>>;
const CHANNEL = ORDER_FIELDS.channel.import.values as Readonly<Record<string, (typeof ORDER_CHANNELS)[number]>>;

/** An amount as a file holds it: for a currency without decimals the dot and the comma both group thousands. */
export function importAmount(text: string, currency: string): number | null {
  if (minorDigits(currency) === 0) return parseAmount(text, currency, ',') ?? parseAmount(text, currency, '.');
  return /,\d{1,2}$/.test(text.trim()) ? parseAmount(text, currency, ',') : parseAmount(text, currency, '.');
}

type Group = { number: string; rows: MappedRow[] };
type NewCustomer = { contact: Contact; keys: string[] };
type Plan = { ws: Workspace; inputs: { input: OrderCreateInput; group: Group }[]; customers: NewCustomer[]; skipped: number; headerOf: (f: string) => string };

const first = (g: Group, f: string) => g.rows.find((r) => r.values[f])?.values[f];

/** A phone a marketplace masked in its export ("******789", "(+84)90*****89"): not a phone. */
export const isMaskedPhone = (text: string): boolean => /[*•]/.test(text);

/** The customer's keys as the row gives them: the username in its marketplace's namespace, no masked phone. */
function customerOf(g: Group, values: KindOptions['values']) {
  const ext = first(g, 'customerExternalId');
  const namespace = values.customerExternalId?.[''];
  const phone = first(g, 'customerPhone');
  return {
    customerExternalId: ext && namespace ? `${namespace}:${ext}` : ext,
    customerEmail: first(g, 'customerEmail'),
    customerPhone: phone && !isMaskedPhone(phone) ? phone : undefined,
  };
}

/** The sum of a cell's amounts (a field several columns fill gets their values one per line); null when one is not an amount. */
function sumOf(text: string | undefined, currency: string): number | null | undefined {
  if (!text) return undefined;
  let total = 0;
  for (const part of text.split('\n')) {
    const a = importAmount(part, currency);
    if (a === null) return null;
    total += a;
  }
  return total;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** An order date: "14 Mar 2026 20:15" (Lazada names the month) or as the file's date order reads it. */
function orderDate(text: string, order: DateOrder): string | null {
  const m = /^(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{4})(.*)$/i.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (m && month >= 0) return parseDateTime(`${m[1]}/${month + 1}/${m[3]}${m[4]}`, 'dmy', 420);
  return parseDateTime(text, order, 420);
}

/**
 * The status a file's word means: the preset's word (exactly, or the start of a longer wording such as Shopee's
 * "Người mua xác nhận đã nhận được hàng. Nếu …"), else Kith's own words.
 */
function statusOf(text: string, preset: Readonly<Record<string, string>> | undefined): OrderStatus | undefined {
  const k = matchKey(text);
  if (preset) {
    if (preset[k]) return preset[k] as OrderStatus;
    let best: string | undefined;
    for (const w of Object.keys(preset)) if (w && k.startsWith(`${w} `) && (!best || w.length > best.length)) best = w;
    if (best) return preset[best] as OrderStatus;
  }
  return STATUS[k];
}

async function prepare(core: Core, actor: Actor, rows: MappedRow[], ctx: PrepareContext) {
  const errors: ImportError[] = [];
  const err = (row: number, field: string | null, message: string, code: string, value?: string) =>
    errors.push({ row, column: field ? ctx.headerOf(field) : null, value: value ?? null, message, code });
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;

  // 1. Group by order number, in the file's order.
  const groups = new Map<string, Group>();
  let described = 0;
  for (const r of rows) {
    const n = r.values.number?.normalize('NFC');
    if (!n) {
      err(r.row, 'number', 'A line needs its order number', 'required');
      continue;
    }
    // The line under the headers that describes each column (TikTok Shop's export: "Platform unique order ID.",
    // "Order created time."): words where the number and the date are. Not an order.
    if (r.row === 2 && /\s/.test(n) && !(r.values.orderedAt && orderDate(r.values.orderedAt, ctx.options.dateOrder))) {
      described++;
      continue;
    }
    const k = n.toLowerCase();
    if (!groups.has(k)) groups.set(k, { number: n, rows: [] });
    groups.get(k)!.rows.push(r);
  }

  // 2. Orders already in the workspace are skipped: the file can be imported again.
  const keys = [...groups.keys()];
  const existing = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const found = await core.db
      .selectFrom('orders')
      .select('number_key')
      .where('workspace_id', '=', actor.workspaceId)
      .where('number_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const f of found) existing.add(f.number_key);
  }
  const state = ctx.state as { seen: Set<string>; customers: Map<string, string> };
  let skipped = described;
  const todo = [...groups.entries()].filter(([k]) => {
    if (existing.has(k) || (ctx.dryRun && state.seen.has(k))) {
      skipped++;
      return false;
    }
    return true;
  });

  // 3. Customers: by id, email or phone; new ones from the row's name.
  const keysOfGroup = (g: Group) => customerKeys(customerOf(g, ctx.options.values), ws.phoneRegion);
  const allKeys = [...new Set(todo.flatMap(([, g]) => keysOfGroup(g)))];
  // Customers the member may read only: one outside their scope reads as unknown (a new customer of their own).
  const known = await contactsByKeys(core.db, actor.workspaceId, allKeys, scopeFor(actor, 'contacts.read'));
  const newByKey = new Map<string, NewCustomer>();
  const newCustomers: NewCustomer[] = [];
  const pendingNew: { g: Group; input: Record<string, unknown>; keys: string[] }[] = [];
  const pendingByKey = new Map<string, number>();
  const contactOf = new Map<Group, string>();
  for (const [, g] of todo) {
    const ks = keysOfGroup(g);
    const id = ks.map((k) => known.get(k) ?? state.customers.get(k)).find((x) => x !== undefined);
    if (id) {
      contactOf.set(g, id);
      continue;
    }
    const name = first(g, 'customerName');
    if (!name) {
      err(
        g.rows[0]!.row,
        ks.length ? 'customerPhone' : 'customerName',
        ks.length
          ? 'No customer has this id, email or phone, and the row has no customer name to create one'
          : 'The order needs its customer: a name, phone, email or customer id',
        'required',
      );
      continue;
    }
    const nameKey = `name:${matchKey(name)}`;
    const myKeys = ks.length ? ks : [nameKey];
    const same = myKeys.map((k) => pendingByKey.get(k)).find((x) => x !== undefined);
    if (same !== undefined) {
      contactOf.set(g, `pending:${same}`);
      continue;
    }
    const input: Record<string, unknown> = { name, source: 'import' };
    const { customerExternalId: ext, customerEmail: email, customerPhone: phone } = customerOf(g, ctx.options.values);
    if (ext) input.externalId = ext;
    if (email) input.emails = [email];
    if (phone) input.phones = [phone];
    pendingNew.push({ g, input, keys: myKeys });
    for (const k of myKeys) pendingByKey.set(k, pendingNew.length - 1);
    contactOf.set(g, `pending:${pendingNew.length - 1}`);
  }
  if (pendingNew.length) {
    const { rows: parsed, issues } = parseRows(
      ContactCreateSchema,
      pendingNew.map((p) => p.input),
    );
    const prepared = await prepareNewContacts(core, actor, parsed, { bulk: true, issues });
    const bad = new Set<number>();
    for (const x of prepared.issues) {
      const i = Number(x.path[1]);
      bad.add(i);
      const field = String(x.path[2] ?? '');
      const f = field === 'phones' ? 'customerPhone' : field === 'emails' ? 'customerEmail' : field === 'externalId' ? 'customerExternalId' : 'customerName';
      err(pendingNew[i]!.g.rows[0]!.row, f, x.message, x.code ?? 'invalid', first(pendingNew[i]!.g, f));
    }
    for (const item of prepared.items) {
      const i = Number(item.path[1]);
      if (bad.has(i)) continue;
      const nc = { contact: item.c, keys: pendingNew[i]!.keys };
      newCustomers.push(nc);
      for (const k of nc.keys) newByKey.set(k, nc);
    }
    for (const [g, id] of contactOf) {
      if (!id.startsWith('pending:')) continue;
      const i = Number(id.slice(8));
      const nc = pendingNew[i] && newByKey.get(pendingNew[i]!.keys[0]!);
      if (nc) contactOf.set(g, nc.contact.id);
      else contactOf.delete(g);
    }
  }

  // 4. Each group as an order: lines, amounts, dates, status, channel.
  const skus = [...new Set(todo.flatMap(([, g]) => g.rows.map((r) => r.values.sku).filter((x): x is string => !!x)).map((s) => s.toLowerCase()))];
  const products = new Map<string, { id: string }>();
  for (let i = 0; i < skus.length; i += 500) {
    const found = await core.db
      .selectFrom('products')
      .select(['id', 'sku_key'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('deleted_at', 'is', null)
      .where('sku_key', 'in', skus.slice(i, i + 500))
      .execute();
    for (const p of found) products.set(p.sku_key, { id: p.id });
  }
  const inputs: Plan['inputs'] = [];
  for (const [, g] of todo) {
    const contactId = contactOf.get(g);
    if (!contactId) continue;
    const before = errors.length;
    const head = g.rows[0]!.row;
    const currency = (first(g, 'currency') ?? ws.currency).toUpperCase();
    if (!isCurrency(currency)) err(head, 'currency', `Not a currency code: ${currency}`, 'unknown_currency', currency);
    const at = first(g, 'orderedAt');
    const orderedAt = at ? orderDate(at, ctx.options.dateOrder) : null;
    if (at && !orderedAt) err(head, 'orderedAt', `Not a date: ${at} (write it as dd/mm/yyyy, with the time if known)`, 'invalid_date', at);
    const st = first(g, 'status');
    const status = st ? statusOf(st, ctx.options.values.status) : 'delivered';
    if (st && !status) err(head, 'status', `Not a status: ${st} (đã giao, đã thanh toán, mới, hủy, trả hàng)`, 'invalid_choice', st);
    const ch = first(g, 'channel');
    const channel = ch ? (CHANNEL[matchKey(ch)] ?? 'other') : ((ctx.options.values.channel?.[''] as OrderCreateInput['channel'] | undefined) ?? null);
    const sh = first(g, 'shipping');
    let shipping = sh ? importAmount(sh, currency) : 0;
    if (sh && shipping === null) err(head, 'shipping', `Not an amount: ${sh}`, 'invalid_format', sh);
    const od = first(g, 'orderDiscount');
    const orderDiscount = sumOf(od, currency);
    if (orderDiscount === null) err(head, 'orderDiscount', `Not an amount: ${od}`, 'invalid_format', od);
    const lines: OrderCreateInput['lines'] = [];
    for (const r of g.rows) {
      const ls = r.values.lineShipping;
      const lineShipping = sumOf(ls, currency);
      if (lineShipping === null) err(r.row, 'lineShipping', `Not an amount: ${ls}`, 'invalid_format', ls);
      else if (lineShipping !== undefined && shipping !== null) shipping += lineShipping;
      const v = r.values;
      const q = v.quantity ? parseWholeNumber(v.quantity) : 1;
      if (q === null || q < 1) err(r.row, 'quantity', `Not a quantity: ${v.quantity}`, 'not_integer', v.quantity);
      const price = v.unitPrice ? importAmount(v.unitPrice, currency) : undefined;
      if (price === null) err(r.row, 'unitPrice', `Not an amount: ${v.unitPrice}`, 'invalid_format', v.unitPrice);
      const discount = sumOf(v.discount, currency);
      if (discount === null) err(r.row, 'discount', `Not an amount: ${v.discount}`, 'invalid_format', v.discount);
      const product = v.sku ? products.get(v.sku.toLowerCase()) : undefined;
      if (!product && !v.productName && !v.sku) err(r.row, 'productName', 'A line needs a product: its SKU or its name', 'required');
      if (!product && price === undefined) err(r.row, 'unitPrice', 'A line whose SKU is not in the catalogue needs its unit price', 'required');
      lines.push({
        ...(product ? { productId: product.id } : { sku: v.sku ?? null, name: (v.productName ?? v.sku ?? '').slice(0, 200) }),
        ...(product && v.productName ? { name: v.productName.slice(0, 200) } : {}),
        quantity: q ?? 1,
        ...(price != null ? { unitPrice: price } : {}),
        ...(discount != null ? { discount } : {}),
      });
    }
    if (errors.length > before) continue;
    inputs.push({
      group: g,
      input: {
        number: g.number,
        contactId,
        currency,
        status,
        channel,
        lines,
        shipping: shipping ?? 0,
        ...(orderDiscount ? { discount: orderDiscount } : {}),
        ...(orderedAt ? { orderedAt } : {}),
      } as OrderCreateInput,
    });
  }
  const used = new Set(inputs.map((x) => x.input.contactId));
  const customers = newCustomers.filter((c) => used.has(c.contact.id));
  return { plan: { ws, inputs, customers, skipped, headerOf: ctx.headerOf } satisfies Plan, errors, counts: { created: inputs.length, updated: 0, skipped } };
}

/** The import's column of an order field a write refused: the field table's import target (order.fields.ts). */
const ORDER_FIELD: Record<string, string> = Object.fromEntries(ORDER_FIELD_LIST.flatMap((f) => (importTargetOf(f) ? [[f.name, importTargetOf(f)!]] : [])));
const LINE_FIELD: Record<string, string> = {
  productId: 'sku',
  sku: 'sku',
  name: 'productName',
  quantity: 'quantity',
  unitPrice: 'unitPrice',
  discount: 'discount',
};

async function write(core: Core, trx: Db, actor: Actor, plan: Plan, meta: { importId: string }): Promise<Written> {
  const out: Written = { created: [], updated: [], skipped: plan.skipped, errors: [] };
  await writeNewContacts(
    core,
    trx,
    actor,
    plan.customers.map((c) => c.contact),
    new Map(),
    meta,
  );
  for (const c of plan.customers) out.created.push({ type: 'contact', id: c.contact.id });
  if (plan.inputs.length === 0) return out;
  try {
    // Stages moved by these purchases are recorded as the import's changes, so an undo puts them back.
    const onStageMoves = (moves: StageMove[]) =>
      out.updated.push(...moves.map((m) => ({ type: 'contact', id: m.contactId, before: { lifecycleStage: m.before }, after: { lifecycleStage: m.after } })));
    const orders = await createOrdersIn(
      core,
      trx,
      actor,
      plan.ws,
      plan.inputs.map((x) => x.input),
      { bulk: true, meta, readBack: false, onStageMoves },
    );
    for (const o of orders) out.created.push({ type: 'order', id: o.id });
  } catch (e) {
    if (!isAppError(e) || e.code !== 'validation') throw e;
    // A check only the write makes (a product priced in another currency, a number taken meanwhile): those orders are refused, the batch goes again without them.
    throw new DropRows(
      e.issues.map((x) => {
        const g = plan.inputs[Number(x.path[1])]?.group;
        const lineNo = x.path[2] === 'lines' ? Number(x.path[3]) : null;
        const row = g ? ((lineNo !== null ? g.rows[lineNo]?.row : g.rows[0]?.row) ?? g.rows[0]!.row) : 0;
        const field = lineNo !== null ? LINE_FIELD[String(x.path[4])] : ORDER_FIELD[String(x.path[2])];
        return {
          row,
          column: field ? plan.headerOf(field) : null,
          value: null,
          message: x.message,
          ...(x.code ? { code: x.code } : {}),
          ...(x.params ? { params: x.params } : {}),
        };
      }),
    );
  }
  return out;
}

async function undo(core: Core, actor: Actor, items: UndoItem[], meta: { importId: string }): Promise<UndoResult> {
  const result: UndoResult = { removed: 0, restored: 0, kept: [] };
  const scope = scopeFor(actor, 'orders.delete');
  const orderIds = items.filter((x) => x.entityType === 'order' && x.action === 'create').map((x) => x.entityId);
  const who = by(actor);
  for (let i = 0; i < orderIds.length; i += 500) {
    const chunk = orderIds.slice(i, i + 500);
    await core.db.transaction().execute(async (trx) => {
      const now = core.now().toISOString();
      let q = trx
        .updateTable('orders')
        .set((eb) => ({ deleted_at: now, updated_at: now, updated_by: actor.userId, version: eb('version', '+', 1) }))
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', 'in', chunk)
        .where('deleted_at', 'is', null);
      if (scope.limitTo) q = q.where('created_by', '=', actor.userId);
      const done = await q.returning(['id', 'contact_id', 'status']).execute();
      // Like a deleted order: its event, and the customers' points and statistics follow after the commit.
      await emitEvent(
        trx,
        done.map((r) => ({ type: 'order.deleted' as const, workspaceId: actor.workspaceId, at: now, payload: { orderId: r.id, contactId: r.contact_id } })),
      );
      await ordersChanged(trx, {
        workspaceId: actor.workspaceId,
        contactIds: done.map((r) => r.contact_id),
        at: now,
      });
      result.removed += done.length;
      await recordAudit(
        trx,
        done.map((r) => ({ ...who, meta: { ...who.meta, ...meta, undo: true }, action: 'delete' as const, entityType: 'order', entityId: r.id })),
        core.now(),
      );
    });
  }
  const contacts = items.filter((x) => x.entityType === 'contact' && x.action === 'create').map((x) => x.entityId);
  const d = await softDeleteContactsIn(core, actor, contacts, [], meta);
  result.removed += d.removed;
  result.kept.push(...d.kept);
  // Customers who were already there: the lifecycle stage the imported purchases moved goes back (unless changed since).
  const created = new Set(contacts);
  const moves = items.filter((x) => x.entityType === 'contact' && x.action === 'update' && !created.has(x.entityId));
  const r = await revertFields(core, actor, moves, meta);
  result.restored += r.restored;
  result.kept.push(...r.kept);
  return result;
}

export const ordersHandler: KindHandler<Plan, { seen: Set<string>; customers: Map<string, string> }> = {
  kind: 'orders',
  entityType: 'order',
  action: 'orders.create',
  defaultMatchBy: ['externalId', 'email', 'phone'],
  missing: (fields) => {
    if (!fields.has('number')) return 'No column holds the order number; map one to number (e.g. --map "Số đơn=number")';
    if (!['customerName', 'customerPhone', 'customerEmail', 'customerExternalId'].some((f) => fields.has(f)))
      return 'No column holds the customer (a name, phone, email or customer id)';
    if (!fields.has('sku') && !fields.has('productName')) return 'No column holds the product (a SKU or a name)';
    return null;
  },
  newState: () => ({ seen: new Set<string>(), customers: new Map<string, string>() }),
  groupOf: (row) => row.values.number?.toLowerCase() ?? null,
  prepare,
  commitState(state, plan, dryRun) {
    if (dryRun) for (const x of plan.inputs) state.seen.add(x.group.number.toLowerCase());
    // New customers known only by name are found again by it in later batches of this run; those with a
    // phone, email or customer id are found in the database (their batch is committed) — keeping them here
    // too made the map grow with the file (4 million customers in 10 million order lines). A dry run writes
    // nothing, so it remembers every key.
    for (const c of plan.customers) for (const k of c.keys) if (dryRun || k.startsWith('name:')) state.customers.set(k, c.contact.id);
  },
  write,
  undo,
};
