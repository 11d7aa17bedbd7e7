import { z } from 'zod';
import { text } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';

/**
 * Loyalty (issue 6): points earned per amount spent, redeemed and expired; tiers by the points earned in
 * the last twelve months; rewards for referrals. The arithmetic is here, pure; the ledger is the server's.
 */

const tierKey = z
  .string()
  .refine((s) => /^[a-z0-9][a-z0-9_-]{0,29}$/.test(s), { message: 'Must be 1–30 lowercase letters, digits, - or _', params: withCode('invalid_format') });

export const TierSchema = z.strictObject({
  key: tierKey,
  name: z.strictObject({ vi: text(60, 1), en: text(60, 1) }),
  /** Points earned in the last 12 months from which a customer is in this tier. */
  threshold: z.number().int().min(0).max(1e9),
});
export type Tier = z.output<typeof TierSchema>;

export const LoyaltySettingsSchema = z
  .strictObject({
    enabled: z.boolean(),
    /** An order earns one point per this much of its total (in the workspace's currency). */
    amountPerPoint: z.number().positive().max(1e12),
    /** Orders earn once paid (paid or delivered), or only once delivered. */
    earnOn: z.enum(['paid', 'delivered']),
    /** Points not spent within this many months of being earned expire (0: never). */
    expiryMonths: z.number().int().min(0).max(120),
    tiers: z.array(TierSchema).min(1).max(10),
    referral: z.strictObject({
      /** Points for the referrer when the referred customer's first order is paid. */
      referrerPoints: z.number().int().min(0).max(1e7),
      /** Points for the referred customer on that first order. */
      refereePoints: z.number().int().min(0).max(1e7),
    }),
  })
  .superRefine((s, ctx) => {
    if (s.tiers[0]!.threshold !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', 0, 'threshold'],
        message: 'The first tier starts at 0 points (every member is in a tier)',
        params: withCode('invalid'),
      });
    s.tiers.forEach((t, i) => {
      if (i > 0 && t.threshold <= s.tiers[i - 1]!.threshold)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'threshold'], message: 'Thresholds must rise from tier to tier', params: withCode('invalid') });
    });
    if (new Set(s.tiers.map((t) => t.key)).size !== s.tiers.length)
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'Tier keys must be distinct', params: withCode('not_unique') });
  });
export type LoyaltySettings = z.output<typeof LoyaltySettingsSchema>;

/** The default programme in VND: a point per 10,000 ₫, Thành viên / Bạc / Vàng / Kim cương. */
export const DEFAULT_LOYALTY: LoyaltySettings = {
  enabled: true,
  amountPerPoint: 10_000,
  earnOn: 'paid',
  expiryMonths: 12,
  tiers: [
    { key: 'member', name: { vi: 'Thành viên', en: 'Member' }, threshold: 0 },
    { key: 'silver', name: { vi: 'Bạc', en: 'Silver' }, threshold: 500 },
    { key: 'gold', name: { vi: 'Vàng', en: 'Gold' }, threshold: 2_000 },
    { key: 'diamond', name: { vi: 'Kim cương', en: 'Diamond' }, threshold: 10_000 },
  ],
  referral: { referrerPoints: 200, refereePoints: 100 },
};

/** Points an order total earns: whole points, rounded down; never negative. */
export function pointsFor(total: number, amountPerPoint: number): number {
  if (!(amountPerPoint > 0)) throw new RangeError(`amountPerPoint must be positive, not ${amountPerPoint}`);
  if (!Number.isFinite(total) || total <= 0) return 0;
  // A hair of tolerance so 30,000 / 10,000 is 3 although the division may land a hair below.
  return Math.floor(total / amountPerPoint + 1e-9);
}

/** Does an order with this status earn points under `earnOn`? */
export function earns(status: string, earnOn: LoyaltySettings['earnOn']): boolean {
  return earnOn === 'paid' ? status === 'paid' || status === 'delivered' : status === 'delivered';
}

/** The tier for points earned in the last 12 months: the highest threshold reached (tiers sorted by threshold). */
export function tierFor(earned12m: number, tiers: readonly Tier[]): Tier {
  let best = tiers[0]!;
  for (const t of tiers) if (earned12m >= t.threshold) best = t;
  return best;
}

/** The next tier and the points still missing to reach it; null at the top. */
export function nextTier(earned12m: number, tiers: readonly Tier[]): { tier: Tier; missing: number } | null {
  const t = tiers.find((x) => x.threshold > earned12m);
  return t ? { tier: t, missing: t.threshold - earned12m } : null;
}

export type LedgerEntry = { points: number; at: string };

/**
 * Points that expire at `cutoff` by first-in-first-out: credits (positive entries) dated at or before the
 * cutoff that debits (negative entries: redemptions, reversals, earlier expiries) have not used up.
 * Recomputing after the expiry is recorded gives 0, so running it twice expires nothing more.
 */
export function expiringPoints(entries: readonly LedgerEntry[], cutoff: string): number {
  let oldCredits = 0;
  let debits = 0;
  for (const e of entries) {
    if (e.points > 0 && e.at <= cutoff) oldCredits += e.points;
    else if (e.points < 0) debits -= e.points;
  }
  return Math.max(0, oldCredits - debits);
}

/** A referral code: 8 characters without look-alikes (no 0/O, 1/I/L), from random bytes. */
export function referralCode(bytes: Uint8Array): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
