import { CustomerPictureBuilder, penetration, type CustomerPicture, type Penetration } from '@kith/domain/analytics/cohorts.ts';
import { RFM_SEGMENTS, type RfmSegment } from '@kith/domain/analytics/rfm.ts';
import { VALUE_TIERS, type ValueTier } from '@kith/domain/analytics/tiers.ts';
import { minorDigits } from '@kith/domain/money/money.ts';
import { notFound } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { dayIn, workspaceRfm } from './rfm.service.ts';
import { lastScoreRun } from './score.service.ts';
import { currentScores, scoreGenerations } from './score.repository.ts';
import { purchaseLinePages, purchasePages } from './purchase-scan.ts';

const PAGE = 20_000;
const DAY = 86_400_000;

export type Picture = CustomerPicture & { asOf: string; currency: string; orders: number; skippedOrders: number; categories: Penetration };

/**
 * Acquisition, penetration and retention of a workspace's customers up to a day (domain cohorts.ts): its
 * purchases (placed, paid, delivered; in its currency) read in pages with each customer's source, then its
 * order lines with their products' categories.
 */
export async function customerPicture(core: Core, actor: Actor, asOfDate: string, o: { months: number; churnDays: number }): Promise<Picture> {
  authorize(actor, 'analytics.read');
  const ws = await findWorkspace(core.db, actor.workspaceId);
  if (!ws) throw notFound('Workspace');
  const day = dayIn(ws.timezone);
  const asOf = Math.floor(Date.parse(`${asOfDate}T00:00:00Z`) / DAY);
  const unit = 10 ** (minorDigits(ws.currency) ?? 2);
  const b = new CustomerPictureBuilder();
  let orders = 0;
  let skippedOrders = 0;
  for await (const page of purchasePages(core, actor.workspaceId)) {
    for (const r of page) {
      if (r.currency !== ws.currency) {
        skippedOrders++;
        continue;
      }
      const d = day(r.ordered_at);
      if (d > asOf) continue;
      b.add({ customerId: r.contact_id, day: d, amount: Number(r.total) / unit, channel: r.channel, source: r.source });
      orders++;
    }
  }
  const pairs: { customerId: string; category: string | null }[] = [];
  const seen = new Set<string>();
  for await (const page of purchaseLinePages(core, actor.workspaceId)) {
    for (const r of page) {
      if (day(r.ordered_at) > asOf) continue;
      const k = `${r.contact_id}\u0000${r.category ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      pairs.push({ customerId: r.contact_id, category: r.category });
    }
  }
  return { asOf: asOfDate, currency: ws.currency, orders, skippedOrders, ...b.finish(asOf, o), categories: penetration(pairs) };
}

export type Movement = {
  from: string;
  to: string;
  flows: { from: RfmSegment | 'none'; to: RfmSegment; customers: number }[];
  lost: { from: RfmSegment; customers: number }[];
};

/** How customers moved between RFM segments from one day to another (each scored as of its day, with the workspace's grid). */
export async function segmentMovement(core: Core, actor: Actor, from: string, to: string): Promise<Movement> {
  const [a, b] = [await workspaceRfm(core, actor, from), await workspaceRfm(core, actor, to)];
  const before = new Map(a.rows.map((r) => [r.customerId, r.segment]));
  const flows = new Map<string, number>();
  for (const r of b.rows) {
    const k = `${before.get(r.customerId) ?? 'none'}|${r.segment}`;
    flows.set(k, (flows.get(k) ?? 0) + 1);
  }
  // Customers scored at the start but not at the end: only when their purchases were deleted since.
  const after = new Set(b.rows.map((r) => r.customerId));
  const lost = new Map<RfmSegment, number>();
  for (const r of a.rows) if (!after.has(r.customerId)) lost.set(r.segment, (lost.get(r.segment) ?? 0) + 1);
  return {
    from,
    to,
    flows: [...flows]
      .map(([k, customers]) => {
        const [f, t] = k.split('|') as [RfmSegment | 'none', RfmSegment];
        return { from: f, to: t, customers };
      })
      .sort((x, y) => y.customers - x.customers),
    lost: [...lost].map(([f, customers]) => ({ from: f, customers })),
  };
}

export type ValuePicture = {
  asOf: string | null;
  customers: number;
  currency: string;
  clv: { from: number; to: number; customers: number; value: number }[];
  pAlive: { from: number; to: number; customers: number }[];
  tiers: { tier: ValueTier; customers: number; value: number; netValue: number }[];
  segments: { segment: RfmSegment; customers: number; value: number; meanPAlive: number | null }[];
};

/** Boundaries 0, 1, 2, 5, 10, 20, 50, … × the currency's usual unit, until one is above the largest value. */
function valueEdges(max: number, base: number): number[] {
  const edges = [0];
  for (let e = base; ; e *= 10) {
    for (const m of [1, 2, 5]) {
      edges.push(e * m);
      if (e * m > max) return edges;
    }
  }
}

/** Distributions of the stored scores: lifetime value and P(alive) histograms, tiers and segments with their value. */
export async function valuePicture(core: Core, actor: Actor): Promise<ValuePicture> {
  const run = await lastScoreRun(core, actor);
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const clvs: number[] = [];
  const alive = new Array<number>(10).fill(0);
  const tiers = new Map(VALUE_TIERS.map((t) => [t, { tier: t, customers: 0, value: 0, netValue: 0 }]));
  const segments = new Map(RFM_SEGMENTS.map((s) => [s, { segment: s, customers: 0, value: 0, aliveSum: 0, aliveN: 0 }]));
  let n = 0;
  let after: string | null = null;
  // Pinned: every page from one generation, even if a refresh switches meanwhile.
  const { current } = await scoreGenerations(core.db, actor.workspaceId);
  for (;;) {
    let q = currentScores(core.db, actor.workspaceId, current).select(['contact_id', 'clv', 'p_alive', 'tier', 'net_value', 'segment']);
    if (after) q = q.where('contact_id', '>', after);
    const page = await q.orderBy('contact_id').limit(PAGE).execute();
    for (const r of page) {
      n++;
      const clv = r.clv === null ? null : Number(r.clv);
      const p = r.p_alive === null ? null : Number(r.p_alive);
      if (clv !== null) clvs.push(clv);
      if (p !== null) alive[Math.min(9, Math.floor(p * 10))]!++;
      const t = r.tier ? tiers.get(r.tier as ValueTier) : undefined;
      if (t) {
        t.customers++;
        t.value += clv ?? 0;
        t.netValue += r.net_value === null ? 0 : Number(r.net_value);
      }
      const s = segments.get(r.segment as RfmSegment);
      if (s) {
        s.customers++;
        s.value += clv ?? 0;
        if (p !== null) {
          s.aliveSum += p;
          s.aliveN++;
        }
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.contact_id;
  }
  const currency = ws?.currency ?? 'VND';
  const base = (minorDigits(currency) ?? 2) === 0 ? 10_000 : 1;
  const max = clvs.reduce((m, x) => Math.max(m, x), 0);
  const edges = valueEdges(max, base);
  const bins = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1]!, customers: 0, value: 0 }));
  for (const v of clvs) {
    let i = bins.length - 1;
    while (i > 0 && v < edges[i]!) i--;
    bins[i]!.customers++;
    bins[i]!.value += v;
  }
  return {
    asOf: run?.asOf ?? null,
    customers: n,
    currency,
    clv: bins,
    pAlive: alive.map((customers, i) => ({ from: i / 10, to: (i + 1) / 10, customers })),
    tiers: [...tiers.values()],
    segments: [...segments.values()].map(({ aliveSum, aliveN, ...s }) => ({ ...s, meanPAlive: aliveN ? aliveSum / aliveN : null })),
  };
}
