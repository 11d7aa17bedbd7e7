import { AffinityCounter, suggestFor, type Affinity } from '@kith/domain/analytics/affinity.ts';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import { notFound } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bulkInsert } from '../../platform/db/bulk-insert.ts';
import { purchaseLinePages } from './purchase-scan.ts';
import { findContactsByIds } from '../contacts/contact.repository.ts';
import { scopeFor } from '../../platform/records/visibility.ts';
import { minorDigits } from '@kith/domain/money/money.ts';

/**
 * Product affinities of a workspace (co-purchase lift over customers, domain affinity.ts) from its purchases
 * up to a day: the order lines are read in pages of the (order_id, line_no) key, each customer's products
 * gathered, then counted.
 */
export async function workspaceAffinities(
  core: Core,
  workspaceId: string,
  asOf: number,
  day: (iso: string) => number,
): Promise<{ affinities: Affinity[]; customers: number }> {
  const baskets = new Map<string, Set<string>>();
  const intern = new Map<string, string>();
  for await (const page of purchaseLinePages(core, workspaceId)) {
    for (const r of page) {
      if (r.product_id === null || day(r.ordered_at) > asOf) continue;
      let pid = intern.get(r.product_id);
      if (pid === undefined) intern.set(r.product_id, (pid = r.product_id));
      let b = baskets.get(r.contact_id);
      if (!b) baskets.set(r.contact_id, (b = new Set()));
      b.add(pid);
    }
  }
  const counter = new AffinityCounter();
  for (const b of baskets.values()) counter.addBasket(b);
  return { affinities: counter.affinities(), customers: counter.customers };
}

/** Replace the workspace's stored affinities (inside the refresh's transaction). */
export async function storeAffinities(trx: Db, workspaceId: string, affinities: readonly Affinity[]): Promise<void> {
  await trx.deleteFrom('product_affinities').where('workspace_id', '=', workspaceId).execute();
  await bulkInsert(
    trx,
    'product_affinities',
    affinities.map((a) => ({
      workspace_id: workspaceId,
      product_id: a.item,
      other_product_id: a.other,
      together: a.together,
      confidence: a.confidence,
      lift: a.lift,
    })),
  );
}

export type ProductRef = { id: string; sku: string; name: string; category: string | null };
export type NeedsProfile = {
  /** What the customer bought, by category: orders, units, spend (workspace currency) and share of their spend. */
  categories: { category: string | null; orders: number; quantity: number; spend: number; share: number }[];
  interests: string[];
  tags: string[];
  /** "Customers like this also bought": products not bought yet, by co-purchase lift, each with the product it comes from. */
  suggestions: { product: ProductRef; lift: number; confidence: number; because: ProductRef }[];
  /** Survey answers join the profile when surveys exist (the customer-care issue). */
  surveys: [];
};

/** One customer's needs: purchased categories, interests and tags, and cross-sell suggestions from the stored affinities. */
export async function contactNeeds(core: Core, actor: Actor, contactId: string): Promise<NeedsProfile> {
  const [c] = await findContactsByIds(core.db, scopeFor(actor, 'contacts.read'), [contactId]);
  if (!c) throw notFound('Contact');
  const ws = actor.workspaceId;
  const ws0 = await core.db.selectFrom('workspaces').select(['currency']).where('id', '=', ws).executeTakeFirstOrThrow();
  const lines = await core.db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('product_categories as pc', 'pc.id', 'p.category_id')
    .select(['l.order_id', 'l.product_id', 'l.quantity', 'l.line_total', 'o.currency', 'pc.name as category'])
    .where('o.workspace_id', '=', ws)
    .where('l.workspace_id', '=', ws)
    .where('o.contact_id', '=', contactId)
    .where('o.deleted_at', 'is', null)
    .where('o.status', 'in', PURCHASE_STATUSES)
    .execute();
  const unit = 10 ** (minorDigits(ws0.currency) ?? 2);
  const byCat = new Map<string | null, { orders: Set<string>; quantity: number; spend: number }>();
  const owned = new Set<string>();
  for (const l of lines) {
    if (l.product_id) owned.add(l.product_id);
    if (l.currency !== ws0.currency) continue;
    let x = byCat.get(l.category);
    if (!x) byCat.set(l.category, (x = { orders: new Set(), quantity: 0, spend: 0 }));
    x.orders.add(l.order_id);
    x.quantity += Number(l.quantity);
    x.spend += Number(l.line_total) / unit;
  }
  const total = [...byCat.values()].reduce((t, x) => t + x.spend, 0);
  const categories = [...byCat]
    .map(([category, x]) => ({ category, orders: x.orders.size, quantity: x.quantity, spend: x.spend, share: total > 0 ? x.spend / total : 0 }))
    .sort((a, b) => b.spend - a.spend || String(a.category).localeCompare(String(b.category)));

  let suggestions: NeedsProfile['suggestions'] = [];
  if (owned.size > 0) {
    const ownedIds = [...owned];
    const aff: Affinity[] = [];
    for (let i = 0; i < ownedIds.length; i += 500) {
      const rows = await core.db
        .selectFrom('product_affinities')
        .selectAll()
        .where('workspace_id', '=', ws)
        .where('product_id', 'in', ownedIds.slice(i, i + 500))
        .execute();
      for (const r of rows)
        aff.push({ item: r.product_id, other: r.other_product_id, together: Number(r.together), confidence: Number(r.confidence), lift: Number(r.lift) });
    }
    const picked = suggestFor(owned, aff, 5);
    const ids = [...new Set(picked.flatMap((s) => [s.item, s.because]))];
    const products = ids.length
      ? await core.db
          .selectFrom('products as p')
          .leftJoin('product_categories as pc', 'pc.id', 'p.category_id')
          .select(['p.id', 'p.sku', 'p.name', 'p.active', 'p.deleted_at', 'pc.name as category'])
          .where('p.workspace_id', '=', ws)
          .where('p.id', 'in', ids)
          .execute()
      : [];
    const ref = new Map(
      products.map((p) => [p.id, { product: { id: p.id, sku: p.sku, name: p.name, category: p.category }, sellable: Boolean(p.active) && !p.deleted_at }]),
    );
    // Only products that can still be sold are suggested.
    suggestions = picked
      .filter((s) => ref.get(s.item)?.sellable && ref.has(s.because))
      .map((s) => ({ product: ref.get(s.item)!.product, lift: s.lift, confidence: s.confidence, because: ref.get(s.because)!.product }));
  }
  return { categories, interests: c.interests, tags: c.tags, suggestions, surveys: [] };
}
