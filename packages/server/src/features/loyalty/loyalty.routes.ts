import { z } from 'zod';
import { LoyaltySettingsSchema } from '@kith/domain/loyalty/loyalty.ts';
import { text } from '@kith/domain/schema/fields.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errors, IdParams, Timestamp } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import {
  adjustPoints,
  getLoyalty,
  getLoyaltySettings,
  loyaltySummary,
  redeemPoints,
  referralLeaderboard,
  setReferrer,
  updateLoyaltySettings,
} from './loyalty.service.ts';

const TierOut = z.object({ key: z.string(), name: z.object({ vi: z.string(), en: z.string() }), threshold: z.number() });
const SettingsOut = z.object({
  enabled: z.boolean(),
  amountPerPoint: z.number(),
  earnOn: z.enum(['paid', 'delivered']),
  expiryMonths: z.number(),
  tiers: z.array(TierOut),
  referral: z.object({ referrerPoints: z.number(), refereePoints: z.number() }),
});
const LoyaltyOut = z
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

export function loyaltyRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/loyalty/settings',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'The loyalty programme: points per amount, when orders earn, expiry, tiers, referral rewards',
          response: { 200: SettingsOut },
        },
        config: { action: 'loyalty.read' },
      },
      async (req) => getLoyaltySettings(core, actorOf(req)),
    );
    app.put(
      '/loyalty/settings',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'Replace the loyalty programme (every member’s tier is recomputed; audited)',
          body: LoyaltySettingsSchema,
          response: { 200: SettingsOut, ...errors(403, 422) },
        },
        config: { action: 'loyalty.configure' },
      },
      async (req) => updateLoyaltySettings(core, actorOf(req), req.body),
    );
    app.get(
      '/loyalty/summary',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'Members per tier and the points outstanding',
          response: { 200: z.object({ tiers: z.array(TierOut.extend({ members: z.number().int() })), members: z.number().int(), outstanding: z.number() }) },
        },
        config: { action: 'loyalty.read' },
      },
      async (req) => loyaltySummary(core, actorOf(req)),
    );
    app.get(
      '/loyalty/referrals/leaderboard',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'Referrers by the referred customers who bought, then by referrals made',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
          response: {
            200: z.object({
              data: z.array(
                z.object({ contactId: z.string(), name: z.string().nullable(), referred: z.number().int(), rewarded: z.number().int(), points: z.number() }),
              ),
            }),
          },
        },
        config: { action: 'loyalty.read' },
      },
      async (req) => referralLeaderboard(core, actorOf(req), req.query.limit),
    );
    app.get(
      '/contacts/:id/loyalty',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'A customer’s points, tier, progress to the next, referral code, referrals and ledger',
          params: IdParams,
          response: { 200: LoyaltyOut, ...errors(404) },
        },
        config: { action: 'loyalty.read' },
      },
      async (req) => getLoyalty(core, actorOf(req), req.params.id),
    );
    app.post(
      '/contacts/:id/loyalty/redeem',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'Redeem points (never more than the balance; audited)',
          params: IdParams,
          body: PointsBody(1),
          response: { 200: LoyaltyOut, ...errors(403, 404, 422) },
        },
        config: { action: 'loyalty.adjust' },
      },
      async (req) => redeemPoints(core, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/contacts/:id/loyalty/adjust',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'Add (or, negative, take) points by hand with a reason (audited)',
          params: IdParams,
          body: PointsBody(-10_000_000),
          response: { 200: LoyaltyOut, ...errors(403, 404, 422) },
        },
        config: { action: 'loyalty.adjust' },
      },
      async (req) => adjustPoints(core, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/contacts/:id/referral',
      {
        schema: {
          tags: ['loyalty'],
          summary: 'Record who referred this customer by their referral code (before the first paid order); the referrer is rewarded when it is paid',
          params: IdParams,
          body: z.strictObject({ code: z.string().trim().min(1).max(20) }),
          response: { 200: LoyaltyOut, ...errors(403, 404, 409, 422) },
        },
        config: { action: 'loyalty.adjust' },
      },
      async (req) => setReferrer(core, actorOf(req), req.params.id, req.body.code),
    );
  };
}
