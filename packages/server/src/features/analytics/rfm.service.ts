import { PurchaseDaysBuilder, type PurchaseDays } from '@kith/domain/analytics/transactions.ts';
import { computeRfm, RFM_SEGMENTS, scoreRfm, type RfmGrid, type RfmRow, type RfmSegment } from '@kith/domain/analytics/rfm.ts';
import { statsRfmInputs } from './customer-stats.ts';
import { minorDigits } from '@kith/domain/money/money.ts';
import { notFound } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { purchasePages } from './purchase-scan.ts';
import { analyticsSettings } from './settings.service.ts';

/**
 * RFM over a workspace's own orders (issue 5): every purchase (placed, paid or delivered; not deleted) in
 * the workspace's currency, read in pages, grouped into purchase days in the workspace's time zone, then
 * scored by the domain (`computeRfm`) exactly as a transactions file is — so the scores are the same on
 * SQLite and PostgreSQL, and the same as `kith analytics rfm --transactions` on the orders exported.
 * Orders in another currency are left out (counted in `skippedOrders`): amounts are not converted.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Day numbers in a time zone, the zone's offset looked up once per UTC hour. */
export function dayIn(timeZone: string): (iso: string) => number {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  const offsets = new Map<number, number>();
  return (iso) => {
    const t = Date.parse(iso);
    const h = Math.floor(t / HOUR);
    let off = offsets.get(h);
    if (off === undefined) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(h * HOUR)).map((x) => [x.type, x.value]));
      off = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour)) - h * HOUR;
      offsets.set(h, off);
    }
    return Math.floor((t + off) / DAY);
  };
}

export type RfmResult = { asOf: string; currency: string; rows: RfmRow[]; orders: number; skippedOrders: number };

/** The workspace's purchases up to a day, as purchase days per customer (contact id). */
export async function workspacePurchases(
  core: Core,
  workspaceId: string,
  asOfDate: string,
  opts: { perCustomer?: boolean } = {},
): Promise<{
  customers: PurchaseDays[];
  asOf: number;
  currency: string;
  orders: number;
  skippedOrders: number;
  counts?: Map<string, { orders: number; skipped: number }>;
}> {
  const ws = await findWorkspace(core.db, workspaceId);
  if (!ws) throw notFound('Workspace');
  const day = dayIn(ws.timezone);
  const asOf = Math.floor(Date.parse(`${asOfDate}T00:00:00Z`) / DAY);
  const unit = 10 ** (minorDigits(ws.currency) ?? 2);
  const builder = new PurchaseDaysBuilder();
  let orders = 0;
  let skippedOrders = 0;
  // Per customer, with perCustomer: purchases counted, and purchases in another currency left out.
  const counts = opts.perCustomer ? new Map<string, { orders: number; skipped: number }>() : undefined;
  const count = (id: string) => {
    let c = counts!.get(id);
    if (!c) counts!.set(id, (c = { orders: 0, skipped: 0 }));
    return c;
  };
  for await (const page of purchasePages(core, workspaceId)) {
    for (const o of page) {
      if (o.currency !== ws.currency) {
        skippedOrders++;
        if (counts) count(o.contact_id).skipped++;
        continue;
      }
      const d = day(o.ordered_at);
      if (d > asOf) continue;
      builder.add(o.contact_id, d, Number(o.total) / unit);
      orders++;
      if (counts) count(o.contact_id).orders++;
    }
  }
  return { customers: builder.finish(), asOf, currency: ws.currency, orders, skippedOrders, ...(counts ? { counts } : {}) };
}

export async function workspaceRfm(core: Core, actor: Actor, asOfDate: string, gridIn?: RfmGrid): Promise<RfmResult> {
  authorize(actor, 'analytics.read');
  const grid = gridIn ?? (await analyticsSettings(core, actor.workspaceId)).rfmGrid;
  // As of today (or later), from the per-customer aggregates; an earlier day, from the orders.
  const asOfDay = Math.floor(Date.parse(`${asOfDate}T00:00:00Z`) / DAY);
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const fromStats = await statsRfmInputs(core, actor.workspaceId, asOfDay);
  if (fromStats && ws)
    return {
      asOf: asOfDate,
      currency: ws.currency,
      rows: scoreRfm(fromStats, asOfDay, grid),
      orders: fromStats.orders,
      skippedOrders: fromStats.skippedOrders,
    };
  const p = await workspacePurchases(core, actor.workspaceId, asOfDate);
  return { asOf: asOfDate, currency: p.currency, rows: computeRfm(p.customers, p.asOf, grid), orders: p.orders, skippedOrders: p.skippedOrders };
}

export type RfmSummary = {
  asOf: string;
  currency: string;
  customers: number;
  orders: number;
  skippedOrders: number;
  segments: { segment: RfmSegment; customers: number; revenue: number }[];
  /** cells[r − 1][f − 1]: customers and revenue of each R×F cell (the heatmap). */
  cells: { customers: number; revenue: number }[][];
};

export function summariseRfm(r: RfmResult): RfmSummary {
  const segments = new Map(RFM_SEGMENTS.map((s) => [s, { segment: s, customers: 0, revenue: 0 }]));
  const cells = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => ({ customers: 0, revenue: 0 })));
  for (const row of r.rows) {
    const s = segments.get(row.segment)!;
    s.customers++;
    s.revenue += row.monetary;
    const c = cells[row.r - 1]![row.f - 1]!;
    c.customers++;
    c.revenue += row.monetary;
  }
  return {
    asOf: r.asOf,
    currency: r.currency,
    customers: r.rows.length,
    orders: r.orders,
    skippedOrders: r.skippedOrders,
    segments: [...segments.values()],
    cells,
  };
}

/** A safe default as-of date: today in the workspace's time zone. */
export async function todayIn(core: Core, workspaceId: string): Promise<string> {
  const ws = await findWorkspace(core.db, workspaceId);
  return new Intl.DateTimeFormat('en-CA', { timeZone: ws?.timezone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(core.now());
}
