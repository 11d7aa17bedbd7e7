import { invalid, notFound } from '@kith/domain/errors.ts';
import { nextTier, tierFor, type Tier } from '@kith/domain/loyalty/loyalty.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import { findContact } from '../contacts/contact.repository.ts';
import { ensureAccounts, recompute, syncPoints } from './loyalty-points.service.ts';
import { addEntry, contactName, latestEntries, loyaltySettings, referralsOf } from './loyalty.repository.ts';

// A customer's account as people see it, and the points spent or adjusted by hand.

export type LoyaltyView = {
  contactId: string;
  enabled: boolean;
  balance: number;
  earned12m: number;
  lifetimeEarned: number;
  tier: Tier;
  tierSince: string;
  next: { tier: Tier; missing: number } | null;
  referralCode: string;
  referredBy: { id: string; name: string | null } | null;
  referrals: { id: string; name: string | null; rewarded: boolean }[];
  ledger: {
    id: string;
    kind: string;
    points: number;
    orderId: string | null;
    relatedContactId: string | null;
    reason: string | null;
    meta: unknown;
    createdBy: string | null;
    createdAt: string;
  }[];
};

async function readableContact(core: Core, actor: Actor, contactId: string): Promise<void> {
  const c = await findContact(core.db, scopeFor(actor, 'contacts.read'), contactId);
  if (!c) throw notFound('Contact');
}

export async function getLoyalty(core: Core, actor: Actor, contactId: string): Promise<LoyaltyView> {
  authorize(actor, 'loyalty.read');
  await readableContact(core, actor, contactId);
  const settings = await loyaltySettings(core.db, actor.workspaceId);
  const now = core.now();
  const a = (
    await core.db.transaction().execute(async (trx) => {
      // Read what the orders say now: the points of an order whose event is not delivered yet count already (the
      // listener finds nothing left to do; the ledger's keys make the two one entry).
      await syncPoints(trx, core, actor.workspaceId, [contactId], now);
      await recompute(trx, actor.workspaceId, [contactId], settings, now);
      return ensureAccounts(trx, actor.workspaceId, [contactId], settings, now);
    })
  ).get(contactId)!;
  const ledger = await latestEntries(core.db, actor.workspaceId, contactId, 200);
  const referrer = a.referred_by ? await contactName(core.db, a.referred_by) : undefined;
  const referred = await referralsOf(core.db, actor.workspaceId, contactId, 200);
  const tier = settings.tiers.find((t) => t.key === a.tier) ?? tierFor(Number(a.earned_12m), settings.tiers);
  return {
    contactId,
    enabled: settings.enabled,
    balance: Number(a.balance),
    earned12m: Number(a.earned_12m),
    lifetimeEarned: Number(a.lifetime_earned),
    tier,
    tierSince: a.tier_since,
    next: nextTier(Number(a.earned_12m), settings.tiers),
    referralCode: a.referral_code,
    referredBy: referrer ? { id: referrer.id, name: referrer.name } : null,
    referrals: referred.map((r) => ({ id: r.id, name: r.name, rewarded: Boolean(r.rewarded) })),
    ledger: ledger.map((l) => ({
      id: l.id,
      kind: l.kind,
      points: Number(l.points),
      orderId: l.order_id,
      relatedContactId: l.related_contact_id,
      reason: l.reason,
      meta: readJson(l.meta, null),
      createdBy: l.created_by,
      createdAt: l.created_at,
    })),
  };
}

export async function writable(core: Core, actor: Actor, contactId: string): Promise<void> {
  authorize(actor, 'loyalty.adjust');
  const scope = scopeFor(actor, 'loyalty.adjust');
  const c = await findContact(core.db, scope, contactId);
  if (!c) throw notFound('Contact');
}

/** Spend points (a reward given at the counter): never more than the balance. Audited. */
export async function redeemPoints(core: Core, actor: Actor, contactId: string, input: { points: number; reason: string }): Promise<LoyaltyView> {
  await writable(core, actor, contactId);
  await core.db.transaction().execute(async (trx) => {
    const settings = await loyaltySettings(trx, actor.workspaceId);
    const now = core.now();
    // The points of orders whose events are not delivered yet count: the ledger brought in line with the orders first.
    await syncPoints(trx, core, actor.workspaceId, [contactId], now);
    await recompute(trx, actor.workspaceId, [contactId], settings, now);
    const a = (await ensureAccounts(trx, actor.workspaceId, [contactId], settings, now)).get(contactId)!;
    if (input.points > Number(a.balance))
      throw invalid(
        [
          {
            path: ['points'],
            message: `The customer has ${Number(a.balance)} points; ${input.points} cannot be redeemed`,
            code: 'too_big',
            params: { maximum: Number(a.balance) },
          },
        ],
        'Not enough points',
      );
    await addEntry(trx, {
      workspaceId: actor.workspaceId,
      contactId,
      kind: 'redeem',
      points: -input.points,
      reason: input.reason,
      createdBy: actor.userId,
      at: now,
    });
    await recompute(trx, actor.workspaceId, [contactId], settings, now);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'loyalty',
        entityId: contactId,
        before: { balance: Number(a.balance) },
        after: { balance: Number(a.balance) - input.points },
        meta: { contactId, redeemed: input.points, reason: input.reason },
      },
      now,
    );
  });
  return getLoyalty(core, actor, contactId);
}

/** Add or take points by hand (a goodwill gesture, a correction), with a reason. Audited. */
export async function adjustPoints(core: Core, actor: Actor, contactId: string, input: { points: number; reason: string }): Promise<LoyaltyView> {
  await writable(core, actor, contactId);
  await core.db.transaction().execute(async (trx) => {
    const settings = await loyaltySettings(trx, actor.workspaceId);
    const now = core.now();
    const a = (await ensureAccounts(trx, actor.workspaceId, [contactId], settings, now)).get(contactId)!;
    if (Number(a.balance) + input.points < 0)
      throw invalid(
        [{ path: ['points'], message: `The balance (${Number(a.balance)}) cannot go below zero`, code: 'too_small', params: { minimum: -Number(a.balance) } }],
        'Not enough points',
      );
    await addEntry(trx, {
      workspaceId: actor.workspaceId,
      contactId,
      kind: 'adjust',
      points: input.points,
      reason: input.reason,
      createdBy: actor.userId,
      at: now,
    });
    await recompute(trx, actor.workspaceId, [contactId], settings, now);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'loyalty',
        entityId: contactId,
        before: { balance: Number(a.balance) },
        after: { balance: Number(a.balance) + input.points },
        meta: { contactId, adjusted: input.points, reason: input.reason },
      },
      now,
    );
  });
  return getLoyalty(core, actor, contactId);
}
