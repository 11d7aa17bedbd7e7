import { z } from 'zod';

/**
 * Value tiers in Peppers & Rogers' sense (docs/models.md, IDIC's "differentiate by value"):
 *
 * - **below zero** — customers whose cost to serve is above their value: only when the workspace has said
 *   what serving costs (a cost per order and/or per customer per year). Their net value is the lifetime
 *   value over the horizon minus the expected orders' cost and the yearly cost over the horizon.
 * - **most valuable** (MVC) — the top `mvcShare` of all valued customers by net value (ties by id).
 * - **most growable** (MGC) — of the rest, customers still likely to be alive (P(alive) ≥ `mgcMinPAlive`)
 *   whose expected value over the next year most exceeds what they spent in the past year: the gap between
 *   what they are forecast to be worth and what they bring now. The top `mgcShare` of all valued customers
 *   at most, and only where the gap is positive.
 * - **maintain** — everyone else valued: keep them served at the cost they justify.
 *
 * Customers without a lifetime value (too little data for the models) get no tier.
 */

export const VALUE_TIERS = ['most_valuable', 'most_growable', 'maintain', 'below_zero'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

export const TierSettingsSchema = z
  .object({
    mvcShare: z.number().min(0.01).max(0.5).describe('Share of valued customers counted most valuable (0.2 = the top 20%)'),
    mgcShare: z.number().min(0).max(0.5).describe('At most this share of valued customers counted most growable'),
    mgcMinPAlive: z.number().min(0).max(1).describe('Most growable only when P(alive) is at least this'),
    costPerOrder: z.number().min(0).nullable().describe('Cost to serve one order, in the workspace currency (null: not known)'),
    costPerCustomerYear: z.number().min(0).nullable().describe('Cost to serve one customer for a year, in the workspace currency (null: not known)'),
  })
  .strict();
export type TierSettings = z.infer<typeof TierSettingsSchema>;

export const DEFAULT_TIER_SETTINGS: TierSettings = { mvcShare: 0.2, mgcShare: 0.2, mgcMinPAlive: 0.5, costPerOrder: null, costPerCustomerYear: null };

export type TierInput = {
  customerId: string;
  /** Discounted lifetime value over the horizon. */
  clv: number;
  expectedPurchases: number;
  pAlive: number;
  /** What the customer spent in the year before the as-of date. */
  pastYearSpend: number;
};

export type TierResult = { tier: ValueTier; netValue: number; growth: number };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The tier of every customer; `horizonYears` is the CLV horizon (52 weeks ≈ 1). */
export function assignTiers(rows: readonly TierInput[], s: TierSettings, horizonYears: number): Map<string, TierResult> {
  const costsKnown = s.costPerOrder !== null || s.costPerCustomerYear !== null;
  const out = new Map<string, TierResult>();
  const valued = rows.filter((r) => Number.isFinite(r.clv));
  const scored = valued.map((r) => {
    const netValue = r.clv - (s.costPerOrder ?? 0) * r.expectedPurchases - (s.costPerCustomerYear ?? 0) * horizonYears;
    // The next year's value, set against the past year's spend.
    const nextYear = horizonYears > 0 ? netValue / horizonYears : netValue;
    return { r, netValue, growth: nextYear - r.pastYearSpend };
  });
  const n = scored.length;
  const mvcCount = Math.ceil(s.mvcShare * n);
  const mgcCount = Math.floor(s.mgcShare * n);
  const rest: typeof scored = [];
  for (const x of scored) {
    if (costsKnown && x.netValue < 0) out.set(x.r.customerId, { tier: 'below_zero', netValue: x.netValue, growth: x.growth });
    else rest.push(x);
  }
  rest.sort((a, b) => b.netValue - a.netValue || byId(a.r.customerId, b.r.customerId));
  const left: typeof scored = [];
  rest.forEach((x, i) => {
    if (i < mvcCount && x.netValue > 0) out.set(x.r.customerId, { tier: 'most_valuable', netValue: x.netValue, growth: x.growth });
    else left.push(x);
  });
  const growable = left.filter((x) => x.r.pAlive >= s.mgcMinPAlive && x.growth > 0).sort((a, b) => b.growth - a.growth || byId(a.r.customerId, b.r.customerId));
  const mgc = new Set(growable.slice(0, mgcCount).map((x) => x.r.customerId));
  for (const x of left) out.set(x.r.customerId, { tier: mgc.has(x.r.customerId) ? 'most_growable' : 'maintain', netValue: x.netValue, growth: x.growth });
  return out;
}
