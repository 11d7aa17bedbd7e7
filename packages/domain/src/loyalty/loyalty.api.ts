import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { text } from '../schema/fields.ts';
import { LoyaltySettingsSchema } from './loyalty.ts';

/** The loyalty API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const TierOut = z.object({ key: z.string(), name: z.object({ vi: z.string(), en: z.string() }), threshold: z.number() });
export const LoyaltySettingsOut = z.object({
  enabled: z.boolean(),
  amountPerPoint: z.number(),
  earnOn: z.enum(['paid', 'delivered']),
  expiryMonths: z.number(),
  tiers: z.array(TierOut),
  referral: z.object({ referrerPoints: z.number(), refereePoints: z.number() }),
});
export const LoyaltyOut = z
  .object({
    contactId: z.string(),
    enabled: z.boolean(),
    balance: z.number().int(),
    earned12m: z.number().int().describe('Points earned in the last 12 months: what the tier is decided by'),
    lifetimeEarned: z.number().int(),
    tier: TierOut,
    tierSince: Timestamp,
    next: z.object({ tier: TierOut, missing: z.number() }).nullable(),
    referralCode: z.string(),
    referredBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    referrals: z.array(z.object({ id: z.string(), name: z.string().nullable(), rewarded: z.boolean() })),
    ledger: z.array(
      z.object({
        id: z.string(),
        kind: z.string().describe('earn, reverse, redeem, expire, adjust, referral, referee, tier'),
        points: z.number().int(),
        orderId: z.string().nullable(),
        relatedContactId: z.string().nullable(),
        reason: z.string().nullable(),
        meta: z.unknown(),
        createdBy: z.string().nullable(),
        createdAt: Timestamp,
      }),
    ),
  })
  .meta({ id: 'Loyalty' });

/** A tier of the programme as the API returns it. */
export type TierOut = z.output<typeof TierOut>;
/** The loyalty programme as the API returns it. */
export type LoyaltySettingsOut = z.output<typeof LoyaltySettingsOut>;
/** A customer's loyalty as the API returns it. */
export type Loyalty = z.output<typeof LoyaltyOut>;

const PointsBody = (min: number) =>
  z.strictObject({
    points: z
      .number()
      .int()
      .min(min)
      .max(10_000_000)
      .refine((n) => n !== 0, { message: 'Must not be zero' }),
    reason: text(200, 1),
  });

export const loyaltyApi = {
  settings: contract({
    method: 'GET',
    path: '/loyalty/settings',
    tags: ['loyalty'],
    summary: 'The loyalty programme: points per amount, when orders earn, expiry, tiers, referral rewards',
    status: 200,
    response: LoyaltySettingsOut,
  }),
  saveSettings: contract({
    method: 'PUT',
    path: '/loyalty/settings',
    tags: ['loyalty'],
    summary: 'Replace the loyalty programme (every member’s tier is recomputed; audited)',
    body: LoyaltySettingsSchema,
    status: 200,
    response: LoyaltySettingsOut,
  }),
  summary: contract({
    method: 'GET',
    path: '/loyalty/summary',
    tags: ['loyalty'],
    summary: 'Members per tier and the points outstanding',
    status: 200,
    response: z.object({ tiers: z.array(TierOut.extend({ members: z.number().int() })), members: z.number().int(), outstanding: z.number() }),
  }),
  leaderboard: contract({
    method: 'GET',
    path: '/loyalty/referrals/leaderboard',
    tags: ['loyalty'],
    summary: 'Referrers by the referred customers who bought, then by referrals made',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
    status: 200,
    response: z.object({
      data: z.array(
        z.object({ contactId: z.string(), name: z.string().nullable(), referred: z.number().int(), rewarded: z.number().int(), points: z.number() }),
      ),
    }),
  }),
  get: contract({
    method: 'GET',
    path: '/contacts/:id/loyalty',
    tags: ['loyalty'],
    summary: 'A customer’s points, tier, progress to the next, referral code, referrals and ledger',
    params: IdParams,
    status: 200,
    response: LoyaltyOut,
  }),
  redeem: contract({
    method: 'POST',
    path: '/contacts/:id/loyalty/redeem',
    tags: ['loyalty'],
    summary: 'Redeem points (never more than the balance; audited)',
    params: IdParams,
    body: PointsBody(1),
    status: 200,
    response: LoyaltyOut,
  }),
  adjust: contract({
    method: 'POST',
    path: '/contacts/:id/loyalty/adjust',
    tags: ['loyalty'],
    summary: 'Add (or, negative, take) points by hand with a reason (audited)',
    params: IdParams,
    body: PointsBody(-10_000_000),
    status: 200,
    response: LoyaltyOut,
  }),
  setReferrer: contract({
    method: 'POST',
    path: '/contacts/:id/referral',
    tags: ['loyalty'],
    summary: 'Record who referred this customer by their referral code (before the first paid order); the referrer is rewarded when it is paid',
    params: IdParams,
    body: z.strictObject({ code: z.string().trim().min(1).max(20) }),
    status: 200,
    response: LoyaltyOut,
  }),
};
