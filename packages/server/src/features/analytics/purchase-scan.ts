import { sql } from 'kysely';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import type { Core } from '../../core.ts';

/**
 * The two scans the analytics read a workspace's purchases with (placed, paid or delivered; not deleted), in
 * pages of 20,000 on a key, so a workspace of ten million orders is never held as rows.
 */
const PAGE = 20_000;

export type PurchaseRow = {
  id: string;
  contact_id: string;
  ordered_at: string;
  total: number;
  currency: string;
  channel: string | null;
  source: string | null;
};

/** Every purchase, in id order, with its order's channel and its customer's source. */
export async function* purchasePages(core: Core, workspaceId: string): AsyncGenerator<PurchaseRow[]> {
  let after: string | null = null;
  for (;;) {
    let q = core.db
      .selectFrom('orders as o')
      .innerJoin('contacts as c', 'c.id', 'o.contact_id')
      .select(['o.id', 'o.contact_id', 'o.ordered_at', 'o.total', 'o.currency', 'o.channel', 'c.source'])
      .where('o.workspace_id', '=', workspaceId)
      .where('o.deleted_at', 'is', null)
      .where('o.status', 'in', PURCHASE_STATUSES);
    if (after) q = q.where('o.id', '>', after);
    const page = (await q.orderBy('o.id').limit(PAGE).execute()) as PurchaseRow[];
    if (page.length) yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

export type PurchaseLineRow = { order_id: string; line_no: number; contact_id: string; ordered_at: string; product_id: string | null; category: string | null };

/** Every line of every purchase, in (order, line) order, with its product's category. */
export async function* purchaseLinePages(core: Core, workspaceId: string): AsyncGenerator<PurchaseLineRow[]> {
  let after: { order: string; line: number } | null = null;
  for (;;) {
    let q = core.db
      .selectFrom('order_lines as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .leftJoin('products as p', 'p.id', 'l.product_id')
      .leftJoin('product_categories as pc', 'pc.id', 'p.category_id')
      .select(['l.order_id', 'l.line_no', 'l.product_id', 'o.contact_id', 'o.ordered_at', 'pc.name as category'])
      .where('l.workspace_id', '=', workspaceId)
      .where('o.workspace_id', '=', workspaceId)
      .where('o.deleted_at', 'is', null)
      .where('o.status', 'in', PURCHASE_STATUSES);
    if (after) q = q.where(sql<boolean>`(l.order_id, l.line_no) > (${after.order}, ${after.line})`);
    const page = (await q.orderBy('l.order_id').orderBy('l.line_no').limit(PAGE).execute()) as PurchaseLineRow[];
    if (page.length) yield page;
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = { order: last.order_id, line: Number(last.line_no) };
  }
}
