import { notFound } from '@kith/domain/errors.ts';
import type { Order, OrderSummary } from '@kith/domain/orders/order.schema.ts';
import { ORDER_FIELD_LIST } from '@kith/domain/orders/order.fields.ts';
import { foldedWords } from '@kith/domain/text/fold.ts';
import { registryOf, TIMES_REGISTRY } from '../../platform/records/field-table.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { decodeCursor, encodeCursor, parseFilters, parseSort, type Registry } from '../../platform/records/list-query.ts';
import { scopeFor, type Scope } from '../../platform/records/visibility.ts';
import { findOrderRows, listOrderRows, orderTotals, type Deleted } from './order.repository.ts';

/**
 * Orders: a customer's purchases, with line items. Totals are computed from the lines (never taken from
 * the caller); an order is in a member's scope when its customer is (docs/permissions.md). A purchase
 * moves the customer's lifecycle stage where the workspace allows it (domain/orders/lifecycle.ts), and
 * every change is audited — the order's own entries, and the customer's stage change on the customer.
 *
 * This file reads; order-write.service.ts creates and changes orders, order-lifecycle.service.ts deletes and
 * restores them and moves the customers' stages; their SQL is in order.repository.ts.
 */

/** The order fields a list filters and sorts on: the field table's (@kith/domain orders/order.fields.ts), then the record's times. */
export const ORDER_FILTERS: Registry = { ...registryOf(ORDER_FIELD_LIST), ...TIMES_REGISTRY };

export async function findOrders(db: Db, scope: Scope, ids: string[], deleted: Deleted = 'exclude'): Promise<Order[]> {
  return findOrderRows(db, scope, ids, deleted);
}

export async function getOrder(core: Core, actor: Actor, id: string, deleted: Deleted = 'exclude'): Promise<Order> {
  const o = (await findOrders(core.db, scopeFor(actor, 'orders.read'), [id], deleted))[0];
  if (!o) throw notFound('Order');
  return o;
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
  const where = { filters, words: query.q ? foldedWords(query.q).slice(0, 8) : [], deleted: query.deleted, dialect: core.dialect };
  const rows = await listOrderRows(core.db, scope, { ...where, sort, cursor, limit: query.limit + 1 });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  let total: number | undefined;
  let sum: { currency: string; total: number }[] | undefined;
  if (query.includeTotal) {
    const agg = await orderTotals(core.db, scope, where);
    total = agg.reduce((a, r) => a + r.n, 0);
    sum = agg.map((r) => ({ currency: r.currency, total: r.total }));
  }
  return {
    data: page.map(({ _sort, ...o }) => o),
    nextCursor: more && last ? encodeCursor({ s: sortKey, v: (last._sort as string | number | null) ?? null, id: last.id }) : null,
    ...(total !== undefined ? { total, sum } : {}),
  };
}
