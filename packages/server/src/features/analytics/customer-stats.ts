import { PurchaseDaysBuilder, type PurchaseDays, type RfmInputs } from '@kith/domain/analytics/transactions.ts';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import { minorDigits } from '@kith/domain/money/money.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { EventListener } from '../../platform/events/delivery.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { dayIn, workspacePurchases } from './rfm.service.ts';
import { dropGeneration, type OnGenerationCommit } from './generations.ts';
import { currentStats, GENERATION_WRITE_ROWS, insertStatsRows, statsGeneration } from './score.repository.ts';

/**
 * Per-customer purchase aggregates — first and last purchase day, purchase days, spend — kept current with
 * the orders, so RFM as of today ranks a million customers instead of scanning ten million orders
 * (docs/BENCHMARKS.md, the RFM benchmark).
 *
 * Every write to a customer's orders (create, change, delete, restore, import, undo, merge) emits
 * `contact.orders_changed`, and its listener marks the customer dirty once it is delivered; `freshStats` recomputes the dirty ones from their orders before
 * the aggregates are read. The aggregates are counted in the workspace's time zone and currency; when
 * either changes (or none were ever built), they are rebuilt whole from one scan of the orders.
 */

/**
 * The listener that marks customers dirty when their orders changed (`contact.orders_changed`, analytics.module.ts),
 * after the change committed. Safe after the commit: until it runs the aggregates lag the orders, as they do
 * between a change and the next read anyway, and a customer marked after a rebuild that already counted the
 * change is only recomputed once more — nothing is counted twice or lost.
 */
export const statsDirtyListener: EventListener = {
  id: 'analytics.stats-dirty',
  on: ['contact.orders_changed'],
  async handle(_core, e, trx) {
    if (e.type === 'contact.orders_changed') await markStatsDirty(trx, e.workspaceId, [e.payload.contactId]);
  },
};

/** Mark customers whose orders changed (the listener above, in its delivery's transaction). */
export async function markStatsDirty(db: Db, workspaceId: string, contactIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(contactIds)];
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .insertInto('customer_stats_dirty')
      .values(ids.slice(i, i + 500).map((contact_id) => ({ workspace_id: workspaceId, contact_id })))
      .onConflict((oc) => oc.columns(['workspace_id', 'contact_id']).doNothing())
      .execute();
  }
}

type StatsRow = {
  contact_id: string;
  workspace_id: string;
  generation: number;
  first_day: number;
  first_amount: number;
  last_day: number;
  purchase_days: number;
  spend: number;
  orders: number;
  skipped_orders: number;
};

/** One customer's aggregates from their purchase days: the sums in day order, as RFM adds them. */
function statsOf(workspaceId: string, generation: number, p: PurchaseDays, orders: number, skipped: number): StatsRow {
  let spend = 0;
  for (const a of p.amounts) spend += a;
  return {
    contact_id: p.customerId,
    workspace_id: workspaceId,
    generation,
    first_day: p.days[0]!,
    first_amount: p.amounts[0]!,
    last_day: p.days[p.days.length - 1]!,
    purchase_days: p.days.length,
    spend,
    orders,
    skipped_orders: skipped,
  };
}

/** A customer whose purchases are all in another currency: counted as left out, never ranked. */
const onlySkipped = (workspaceId: string, generation: number, id: string, skipped: number): StatsRow => ({
  contact_id: id,
  workspace_id: workspaceId,
  generation,
  first_day: -1,
  first_amount: 0,
  last_day: -1,
  purchase_days: 0,
  spend: 0,
  orders: 0,
  skipped_orders: skipped,
});

async function upsert(db: Db, rows: StatsRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('customer_stats')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(['contact_id', 'generation']).doUpdateSet((eb) => ({
          first_day: eb.ref('excluded.first_day'),
          first_amount: eb.ref('excluded.first_amount'),
          last_day: eb.ref('excluded.last_day'),
          purchase_days: eb.ref('excluded.purchase_days'),
          spend: eb.ref('excluded.spend'),
          orders: eb.ref('excluded.orders'),
          skipped_orders: eb.ref('excluded.skipped_orders'),
        })),
      )
      .execute();
  }
}

/** Customers' aggregates written per transaction when the marked ones are recomputed. */
const STATS_WRITE = 2_000;

/** Bring a workspace's aggregates up to date; says whether they were rebuilt whole and how many customers were recomputed. */
export async function freshStats(
  core: Core,
  workspaceId: string,
  o: { writeRows?: number; onCommit?: OnGenerationCommit } = {},
): Promise<{ rebuilt: boolean; recomputed: number }> {
  const ws = await findWorkspace(core.db, workspaceId);
  if (!ws) return { rebuilt: false, recomputed: 0 };
  const state = await core.db.selectFrom('customer_stats_state').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!state || state.timezone !== ws.timezone || state.currency !== ws.currency) {
    await rebuildStats(core, workspaceId, ws.timezone, ws.currency, o);
    return { rebuilt: true, recomputed: 0 };
  }
  const generation = Number(state.generation);
  // Many customers changed (a big import): one scan of the orders is cheaper than a lookup per customer.
  const [dirtyCount, statsCount] = await Promise.all([
    core.db
      .selectFrom('customer_stats_dirty')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
    currentStats(core.db, workspaceId, generation)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(dirtyCount.n) > Math.max(50_000, Number(statsCount.n) / 5)) {
    await rebuildStats(core, workspaceId, ws.timezone, ws.currency, o);
    return { rebuilt: true, recomputed: 0 };
  }
  const day = dayIn(ws.timezone);
  const unit = 10 ** (minorDigits(ws.currency) ?? 2);
  let recomputed = 0;
  for (;;) {
    const dirty = (
      await core.db
        .selectFrom('customer_stats_dirty')
        .select('contact_id')
        .where('workspace_id', '=', workspaceId)
        .orderBy('contact_id')
        .limit(20_000)
        .execute()
    ).map((r) => r.contact_id);
    if (dirty.length === 0) break;
    // Unmarked first: a write landing while these are recomputed marks its customer again.
    for (let i = 0; i < dirty.length; i += 500)
      await core.db
        .deleteFrom('customer_stats_dirty')
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', 'in', dirty.slice(i, i + 500))
        .execute();
    const rows: StatsRow[] = [];
    const none: string[] = [];
    for (let i = 0; i < dirty.length; i += 500) {
      const ids = dirty.slice(i, i + 500);
      const builder = new PurchaseDaysBuilder();
      const counts = new Map<string, { orders: number; skipped: number }>();
      const orders = await core.db
        .selectFrom('orders')
        .select(['contact_id', 'ordered_at', 'total', 'currency'])
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', 'in', ids)
        .where('deleted_at', 'is', null)
        .where('status', 'in', PURCHASE_STATUSES)
        .orderBy('id')
        .execute();
      for (const o of orders) {
        let c = counts.get(o.contact_id);
        if (!c) counts.set(o.contact_id, (c = { orders: 0, skipped: 0 }));
        if (o.currency !== ws.currency) {
          c.skipped++;
          continue;
        }
        c.orders++;
        builder.add(o.contact_id, day(o.ordered_at), Number(o.total) / unit);
      }
      const seen = new Set<string>();
      for (const p of builder.finish()) {
        const c = counts.get(p.customerId)!;
        rows.push(statsOf(workspaceId, generation, p, c.orders, c.skipped));
        seen.add(p.customerId);
      }
      for (const id of ids) {
        if (seen.has(id)) continue;
        const c = counts.get(id);
        if (c && c.skipped > 0) rows.push(onlySkipped(workspaceId, generation, id, c.skipped));
        else none.push(id);
      }
    }
    // In transactions of STATS_WRITE customers: each customer's row stands on its own, and on SQLite a transaction
    // holds the write lock every other writer (a CLI command beside the server) waits for.
    for (let k = 0; k < Math.max(none.length, rows.length); k += STATS_WRITE) {
      const gone = none.slice(k, k + STATS_WRITE);
      const fresh = rows.slice(k, k + STATS_WRITE);
      await core.db.transaction().execute(async (trx) => {
        for (let i = 0; i < gone.length; i += 500)
          await trx
            .deleteFrom('customer_stats')
            .where('workspace_id', '=', workspaceId)
            .where('generation', '=', generation)
            .where('contact_id', 'in', gone.slice(i, i + 500))
            .execute();
        // A customer of a dirty row may have been purged since (the foreign key would refuse the row).
        const live = new Set<string>();
        for (let i = 0; i < fresh.length; i += 500) {
          for (const r of await trx
            .selectFrom('contacts')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .where(
              'id',
              'in',
              fresh.slice(i, i + 500).map((x) => x.contact_id),
            )
            .execute())
            live.add(r.id);
        }
        await upsert(
          trx,
          fresh.filter((r) => live.has(r.contact_id)),
        );
      });
    }
    recomputed += dirty.length;
  }
  return { rebuilt: false, recomputed };
}

/**
 * Every customer's aggregates from one scan of the orders, as a new generation (score.repository.ts): written in
 * transactions of a bounded size, made current with the state in one, the old generation then deleted.
 */
async function rebuildStats(
  core: Core,
  workspaceId: string,
  timezone: string,
  currency: string,
  o: { writeRows?: number; onCommit?: OnGenerationCommit },
): Promise<void> {
  const writeRows = o.writeRows ?? GENERATION_WRITE_ROWS;
  const started = core.now().toISOString();
  const current = await statsGeneration(core.db, workspaceId);
  const next = current + 1;
  await core.db.deleteFrom('customer_stats_dirty').where('workspace_id', '=', workspaceId).execute();
  // Rows of a rebuild that died before its switch.
  await dropGeneration(core, 'customer_stats', workspaceId, current, writeRows, o.onCommit);
  const p = await workspacePurchases(core, workspaceId, '9999-12-31', { perCustomer: true });
  const rows = p.customers.map((c) => {
    const n = p.counts!.get(c.customerId)!;
    return statsOf(workspaceId, next, c, n.orders, n.skipped);
  });
  const bought = new Set(p.customers.map((c) => c.customerId));
  for (const [id, n] of p.counts!) if (!bought.has(id)) rows.push(onlySkipped(workspaceId, next, id, n.skipped));
  for (let i = 0; i < rows.length; i += writeRows) {
    const batch = rows.slice(i, i + writeRows);
    await core.db.transaction().execute((trx) => insertStatsRows(trx, batch));
    await o.onCommit?.({ step: 'write', rows: batch.length });
  }
  await core.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('customer_stats_state').where('workspace_id', '=', workspaceId).execute();
    await trx.insertInto('customer_stats_state').values({ workspace_id: workspaceId, timezone, currency, built_at: started, generation: next }).execute();
  });
  await o.onCommit?.({ step: 'switch', rows: 1 });
  await dropGeneration(core, 'customer_stats', workspaceId, next, writeRows, o.onCommit);
}

/**
 * RFM's inputs as of a day from the aggregates, when they can give them: every purchase counted is on or
 * before it (as of today, or later). Null otherwise (an as-of day in the past needs the orders).
 */
export async function statsRfmInputs(core: Core, workspaceId: string, asOf: number): Promise<(RfmInputs & { orders: number; skippedOrders: number }) | null> {
  // An order placed after the day (its end, in any time zone: 14 hours of slack) means the orders are
  // needed: found on the (workspace_id, ordered_at) index, before any aggregate is touched.
  const dayEnd = new Date((asOf + 1) * 86_400_000 - 14 * 3_600_000).toISOString();
  const later = await core.db
    .selectFrom('orders')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('ordered_at', '>=', dayEnd)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (later) return null;
  await freshStats(core, workspaceId);
  // Pinned: the pages below are read from one generation, even if a rebuild switches meanwhile.
  const generation = await statsGeneration(core.db, workspaceId);
  const out: RfmInputs & { orders: number; skippedOrders: number } = { ids: [], last: [], frequency: [], spend: [], orders: 0, skippedOrders: 0 };
  let after: string | null = null;
  for (;;) {
    let q = currentStats(core.db, workspaceId, generation).select(['contact_id', 'last_day', 'purchase_days', 'spend', 'orders', 'skipped_orders']);
    if (after) q = q.where('contact_id', '>', after);
    const page = await q.orderBy('contact_id').limit(50_000).execute();
    for (const r of page) {
      out.skippedOrders += Number(r.skipped_orders);
      if (Number(r.purchase_days) === 0) continue;
      // A purchase day after the as-of day (an order dated ahead in the workspace's time zone): the orders are needed.
      if (Number(r.last_day) > asOf) return null;
      out.ids.push(r.contact_id);
      out.last.push(Number(r.last_day));
      out.frequency.push(Number(r.purchase_days));
      out.spend.push(Number(r.spend));
      out.orders += Number(r.orders);
    }
    if (page.length < 50_000) break;
    after = page[page.length - 1]!.contact_id;
  }
  return out;
}
