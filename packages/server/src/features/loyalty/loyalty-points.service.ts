import { randomBytes } from 'node:crypto';
import { earns, pointsFor, referralCode, tierFor, type LoyaltySettings } from '@kith/domain/loyalty/loyalty.ts';
import type { Selectable } from 'kysely';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { EventListener } from '../../platform/events/delivery.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import {
  accountExists,
  accountsOf,
  addEntry,
  insertAccount,
  ledgerSums,
  loyaltySettings,
  orderEntries,
  ordersForPoints,
  updateAccount,
} from './loyalty.repository.ts';
import type { LoyaltyAccountTable } from './loyalty.table.ts';

/**
 * Loyalty points, tiers and referrals (issue 6). The ledger is the truth: every order that earns has
 * entries whose sum is what its total earns now (an order paid, then returned, nets to zero), referrals
 * and expiries are entries with keys that make them once-only, and an account keeps the balance, the
 * points of the last twelve months and the tier they give. Orders change points in their own transaction;
 * an import's orders are synced by a job afterwards.
 *
 * This file keeps the points in line with the orders (accounts, earning, referral rewards, tiers); the programme's
 * settings are in loyalty-settings.service.ts, a customer's account and its changes in loyalty-account.service.ts,
 * referrals in loyalty-referral.service.ts, the expiry job in loyalty-expiry.service.ts.
 */

export const DAY_MS = 86_400_000;
export const LOYALTY_SYNC_JOB = 'loyalty.sync';
export const LOYALTY_EXPIRE_JOB = 'loyalty.expire';

// ------------------------------------------------------------------------------------------ accounts

export async function ensureAccounts(
  trx: Db,
  workspaceId: string,
  contactIds: string[],
  settings: LoyaltySettings,
  now: Date,
): Promise<Map<string, Selectable<LoyaltyAccountTable>>> {
  const have = () => accountsOf(trx, workspaceId, contactIds);
  let accounts = contactIds.length ? await have() : new Map();
  const missing = contactIds.filter((id) => !accounts.has(id));
  if (missing.length) {
    for (const id of missing) {
      // A code clash (one in a trillion per pair) just tries another.
      for (let attempt = 0; attempt < 5; attempt++) {
        const inserted = await insertAccount(trx, {
          contact_id: id,
          workspace_id: workspaceId,
          balance: 0,
          earned_12m: 0,
          lifetime_earned: 0,
          tier: settings.tiers[0]!.key,
          tier_since: now.toISOString(),
          referral_code: referralCode(randomBytes(8)),
          referred_by: null,
          updated_at: now.toISOString(),
        });
        if (inserted) break;
        if (await accountExists(trx, id)) break;
      }
    }
    accounts = await have();
  }
  return accounts;
}

const CREDIT_KINDS = ['earn', 'reverse', 'referral', 'referee'];

/** Balance, points of the last 12 months and tier from the ledger; a tier change is an entry (the timeline shows it). */
export async function recompute(trx: Db, workspaceId: string, contactIds: string[], settings: LoyaltySettings, now: Date): Promise<void> {
  if (!contactIds.length) return;
  const accounts = await ensureAccounts(trx, workspaceId, contactIds, settings, now);
  const since = new Date(now.getTime() - 365 * DAY_MS).toISOString();
  const sums = await ledgerSums(trx, workspaceId, contactIds, CREDIT_KINDS, since);
  const byContact = new Map(sums.map((s) => [s.contact_id, s]));
  for (const id of contactIds) {
    const a = accounts.get(id)!;
    const s = byContact.get(id);
    const balance = Number(s?.balance ?? 0);
    const earned12m = Math.max(0, Number(s?.recent ?? 0));
    const lifetime = Math.max(0, Number(s?.lifetime ?? 0));
    const tier = tierFor(earned12m, settings.tiers);
    const changed = tier.key !== a.tier;
    if (changed) await addEntry(trx, { workspaceId, contactId: id, kind: 'tier', points: 0, meta: { from: a.tier, to: tier.key, earned12m }, at: now });
    if (changed || balance !== Number(a.balance) || earned12m !== Number(a.earned_12m) || lifetime !== Number(a.lifetime_earned)) {
      await updateAccount(trx, id, {
        balance,
        earned_12m: earned12m,
        lifetime_earned: lifetime,
        ...(changed ? { tier: tier.key, tier_since: now.toISOString() } : {}),
        updated_at: now.toISOString(),
      });
      if (balance !== Number(a.balance))
        await emitEvent(trx, {
          type: 'points.changed',
          workspaceId,
          at: now,
          payload: { contactId: id, delta: balance - Number(a.balance), balance, tier: tier.key },
        });
    }
  }
}

// ------------------------------------------------------------------------------------------ earning

/**
 * Bring the customers' points in line with their orders: each order's entries sum to what it earns now
 * (nothing once cancelled, returned or deleted), a referral is rewarded on the referred customer's first
 * earning order, expiries are scheduled, and the accounts recomputed.
 */
export async function syncPoints(trx: Db, core: Core, workspaceId: string, contactIds: string[], now: Date): Promise<void> {
  const settings = await loyaltySettings(trx, workspaceId);
  if (!settings.enabled || contactIds.length === 0) return;
  const ws = await findWorkspace(trx, workspaceId);
  const currency = ws?.currency ?? 'VND';
  const accounts = await ensureAccounts(trx, workspaceId, contactIds, settings, now);
  const orders = await ordersForPoints(trx, workspaceId, contactIds);
  const entries = await orderEntries(trx, workspaceId, contactIds);
  const net = new Map<string, { points: number; n: number }>();
  for (const e of entries) {
    const x = net.get(e.order_id!) ?? { points: 0, n: 0 };
    x.points += Number(e.points);
    x.n++;
    net.set(e.order_id!, x);
  }
  const earning = new Set<string>();
  let credited = false;
  for (const o of orders) {
    const eligible = !o.deleted_at && earns(o.status, settings.earnOn) && o.currency === currency;
    if (eligible) earning.add(o.contact_id);
    const target = eligible ? pointsFor(Number(o.total), settings.amountPerPoint) : 0;
    const have = net.get(o.id) ?? { points: 0, n: 0 };
    if (target === have.points) continue;
    const kind = target > have.points ? 'earn' : 'reverse';
    await addEntry(trx, {
      workspaceId,
      contactId: o.contact_id,
      kind,
      points: target - have.points,
      orderId: o.id,
      key: `order:${o.id}:${have.n}`,
      reason: `#${o.number}`,
      meta: { status: o.status, total: Number(o.total), currency: o.currency, deleted: Boolean(o.deleted_at) },
      at: now,
    });
    if (kind === 'earn') credited = true;
  }
  // Referrals: rewarded once, when the referred customer first has an order that earns.
  const referrers = new Set<string>();
  for (const id of contactIds) {
    const a = accounts.get(id)!;
    if (!a.referred_by || !earning.has(id)) continue;
    const first = await addEntry(trx, {
      workspaceId,
      contactId: a.referred_by,
      kind: 'referral',
      points: settings.referral.referrerPoints,
      relatedContactId: id,
      key: `referral:${id}`,
      reason: 'referral',
      at: now,
    });
    if (first) {
      await addEntry(trx, {
        workspaceId,
        contactId: id,
        kind: 'referee',
        points: settings.referral.refereePoints,
        relatedContactId: a.referred_by,
        key: `referee:${id}`,
        reason: 'referred',
        at: now,
      });
      referrers.add(a.referred_by);
      credited = true;
    }
  }
  const touched = [...new Set([...contactIds, ...referrers])];
  await recompute(trx, workspaceId, touched, settings, now);
  if (credited && settings.expiryMonths > 0) {
    // The day these points run out: one expiry job per customer and day.
    const due = new Date(now.getTime() + settings.expiryMonths * 30.4375 * DAY_MS);
    const day = due.toISOString().slice(0, 10);
    for (const id of touched)
      await enqueue(
        trx,
        { kind: LOYALTY_EXPIRE_JOB, workspaceId, runAt: `${day}T00:00:00.000Z`, key: `loyalty-expire:${id}:${day}`, payload: { workspaceId, contactId: id } },
        now,
      );
  }
}

export async function runLoyaltySync(core: Core, p: { workspaceId: string; contactIds: string[] }): Promise<{ contacts: number }> {
  await core.db.transaction().execute((trx) => syncPoints(trx, core, p.workspaceId, p.contactIds, core.now()));
  return { contacts: p.contactIds.length };
}

/**
 * A customer's orders changed (`contact.orders_changed`): their points and tiers follow, once the change has
 * committed and the event is delivered (loyalty.module.ts). Safe after the commit: `syncPoints` brings the ledger in
 * line with the orders as they are then, by keyed entries, so a late, repeated or out-of-date delivery earns each
 * point once; and a redemption syncs the customer first (redeemPoints), so points an order earned are never
 * refused for being still on their way. The entries are dated when the change happened.
 */
export const loyaltyPointsListener: EventListener = {
  id: 'loyalty.points',
  on: ['contact.orders_changed'],
  async handle(core, e, trx) {
    if (e.type === 'contact.orders_changed') await syncPoints(trx, core, e.workspaceId, [e.payload.contactId], new Date(e.occurredAt));
  },
};
