import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool } from 'kysely';
import { PURCHASE_STATUSES, type Order, type OrderLine, type OrderSummary } from '@kith/domain/orders/order.schema.ts';
import { ORDER_FIELD_LIST, type OrderFieldValues } from '@kith/domain/orders/order.fields.ts';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { fieldsReader, fieldsWriter } from '../../platform/records/field-table.ts';
import { afterCursor, escapeLike, filterCondition, orderBySql, type Cursor, type Filter, type Sort } from '../../platform/records/list-query.ts';
import { visibleTo, type Scope } from '../../platform/records/visibility.ts';
import type { OrderTable } from './commerce.table.ts';

/** Made once: every row read or written goes through them (records/field-table.ts). */
const readOrderFields = fieldsReader<OrderFieldValues>(ORDER_FIELD_LIST);
const writeOrderFields = fieldsWriter(ORDER_FIELD_LIST);

export type Deleted = 'exclude' | 'only' | 'include';
type OrderRow = Selectable<OrderTable> & { contact_name: string | null; line_count?: number | string | null };

/** The folded order number an order is found and sorted by (unique in a workspace). */
export const numberKey = (n: string) => n.normalize('NFC').toLowerCase();

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
export function fieldColumns(o: Order) {
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

/** Orders by id, with their lines, as far as the scope reaches (live ones by default). */
export async function findOrderRows(db: Db, scope: Scope, ids: string[], deleted: Deleted = 'exclude'): Promise<Order[]> {
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
export async function nextNumber(db: Db, workspaceId: string): Promise<string> {
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

/** Of these companies, the live ones of the workspace. */
export async function liveCompanyIds(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('companies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((c) => c.id));
}

/** Of these folded numbers, the numbers of the workspace's orders that have them (live or deleted). */
export async function takenNumbers(db: Db, workspaceId: string, keys: string[]): Promise<string[]> {
  const rows = await db.selectFrom('orders').select('number').where('workspace_id', '=', workspaceId).where('number_key', 'in', keys).execute();
  return rows.map((t) => t.number);
}

/** Of these external ids, those the workspace's orders have (live or deleted). */
export async function takenExternalIds(db: Db, workspaceId: string, externalIds: string[]): Promise<Set<string | null>> {
  const rows = await db.selectFrom('orders').select('external_id').where('workspace_id', '=', workspaceId).where('external_id', 'in', externalIds).execute();
  return new Set(rows.map((t) => t.external_id));
}

/** Whether an order of the workspace (live or deleted) has this number. */
export async function numberTaken(db: Db, workspaceId: string, number: string): Promise<boolean> {
  const t = await db.selectFrom('orders').select('id').where('workspace_id', '=', workspaceId).where('number_key', '=', numberKey(number)).executeTakeFirst();
  return !!t;
}

/** Whether an order of the workspace (live or deleted) has this external id. */
export async function externalIdTaken(db: Db, workspaceId: string, externalId: string): Promise<boolean> {
  const t = await db.selectFrom('orders').select('id').where('workspace_id', '=', workspaceId).where('external_id', '=', externalId).executeTakeFirst();
  return !!t;
}

export type OrderInsert = Insertable<OrderTable>;

export async function insertOrders(db: Db, rows: OrderInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('orders')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function writeLines(db: Db, workspaceId: string, orders: { id: string; lines: OrderLine[] }[]): Promise<void> {
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

/** An order's lines replaced by these. */
export async function replaceLines(db: Db, workspaceId: string, id: string, lines: OrderLine[]): Promise<void> {
  await db.deleteFrom('order_lines').where('order_id', '=', id).execute();
  await writeLines(db, workspaceId, [{ id, lines }]);
}

/** These customers' lifecycle stages and versions (those of the workspace). */
export async function contactStages(db: Db, workspaceId: string, ids: string[]) {
  return db.selectFrom('contacts').select(['id', 'lifecycle_stage', 'version']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** How many live purchases (orders in PURCHASE_STATUSES) each of these customers has; those with none are left out. */
export async function purchaseCounts(db: Db, workspaceId: string, contactIds: string[]): Promise<Map<string, number>> {
  const counts = await db
    .selectFrom('orders')
    .select(['contact_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .where('deleted_at', 'is', null)
    .where('status', 'in', PURCHASE_STATUSES)
    .groupBy('contact_id')
    .execute();
  return new Map(counts.map((c) => [c.contact_id, Number(c.n)]));
}

/** A customer's lifecycle stage set, its version bumped. */
export async function setContactStage(db: Db, c: { id: string; version: number }, stage: string, at: string): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ lifecycle_stage: stage, updated_at: at, version: c.version + 1 })
    .where('id', '=', c.id)
    .execute();
}

type ListWhere = { filters: Filter[]; words: string[]; deleted: Deleted; dialect: DialectName };

/** The orders a list reaches: deleted or not, `words` at the start of the number (one word) or of words of the customer's name, the filters. */
function listed(db: Db, scope: Scope, o: ListWhere) {
  let r = selectOrders(db, scope);
  if (o.deleted === 'exclude') r = r.where('orders.deleted_at', 'is', null);
  if (o.deleted === 'only') r = r.where('orders.deleted_at', 'is not', null);
  if (o.words.length === 1) {
    const w = escapeLike(o.words[0]!);
    r = r.where((eb) =>
      eb.or([sql<boolean>`orders.number_key like ${`${w}%`} escape '\\'`, sql<boolean>`(' ' || contacts.name_key) like ${`% ${w}%`} escape '\\'`]),
    );
  } else for (const w of o.words) r = r.where(sql<boolean>`(' ' || contacts.name_key) like ${`% ${escapeLike(w)}%`} escape '\\'`);
  const ctx = { dialect: o.dialect, table: 'orders', workspaceId: scope.workspaceId };
  for (const f of o.filters) r = r.where((eb) => filterCondition(eb, f, ctx));
  return r;
}

/** A page of orders (`limit` rows from after the cursor, in the sort's order), each with its sort value. */
export async function listOrderRows(
  db: Db,
  scope: Scope,
  o: ListWhere & { sort: Sort; cursor: Cursor | null; limit: number },
): Promise<(OrderSummary & { _sort: unknown })[]> {
  let q = listed(db, scope, o)
    .select(o.sort.expr.as('_sort'))
    .select((eb) => eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('n')).whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'));
  if (o.cursor) q = q.where(afterCursor(o.sort, o.cursor, 'orders.id'));
  const rows = await q.orderBy(orderBySql(o.sort, 'orders.id')).limit(o.limit).execute();
  return rows.map((r) => ({ ...rowToSummary(r as OrderRow), _sort: (r as { _sort: unknown })._sort }));
}

/** How many orders the list reaches and what they add up to, by currency. */
export async function orderTotals(db: Db, scope: Scope, o: ListWhere): Promise<{ currency: string; n: number; total: number }[]> {
  const agg = await listed(db, scope, o)
    .clearSelect()
    .select(['orders.currency', (eb) => eb.fn.countAll<number>().as('n'), sql<string>`sum(orders.total)`.as('s')])
    .groupBy('orders.currency')
    .execute();
  return agg.map((r) => ({ currency: r.currency, n: Number(r.n), total: Number(r.s ?? 0) }));
}
