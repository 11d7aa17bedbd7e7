import { randomBytes } from 'node:crypto';
import { AppError, invalid, notFound } from '@kith/domain/errors.ts';
import {
  DEFAULT_LOYALTY,
  earns,
  expiringPoints,
  LoyaltySettingsSchema,
  nextTier,
  pointsFor,
  referralCode,
  tierFor,
  type LoyaltySettings,
  type Tier,
} from '@kith/domain/loyalty/loyalty.ts';
import { fromZodIssue } from '@kith/domain/schema/issues.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { authorize, readableContacts, scopeFor } from '../../platform/records/visibility.ts';
import { findContact } from '../contacts/contact.repository.ts';
import type { EventListener } from '../../platform/events/delivery.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { LoyaltyAccountTable } from './loyalty.table.ts';
import { sql, type Selectable } from 'kysely';

/**
 * Loyalty points, tiers and referrals (issue 6). The ledger is the truth: every order that earns has
 * entries whose sum is what its total earns now (an order paid, then returned, nets to zero), referrals
 * and expiries are entries with keys that make them once-only, and an account keeps the balance, the
 * points of the last twelve months and the tier they give. Orders change points in their own transaction;
 * an import's orders are synced by a job afterwards.
 */

const DAY_MS = 86_400_000;
export const LOYALTY_SYNC_JOB = 'loyalty.sync';
export const LOYALTY_EXPIRE_JOB = 'loyalty.expire';

export async function loyaltySettings(db: Db, workspaceId: string): Promise<LoyaltySettings> {
  const r = await db.selectFrom('loyalty_settings').select('settings').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return r ? { ...DEFAULT_LOYALTY, ...readJson<Partial<LoyaltySettings>>(r.settings, {}) } : DEFAULT_LOYALTY;
}

export async function getLoyaltySettings(core: Core, actor: Actor): Promise<LoyaltySettings> {
  authorize(actor, 'loyalty.read');
  return loyaltySettings(core.db, actor.workspaceId);
}

/** Replace the programme (audited). Tiers are recomputed for every member, as their thresholds may have moved. */
export async function updateLoyaltySettings(core: Core, actor: Actor, input: unknown): Promise<LoyaltySettings> {
  authorize(actor, 'loyalty.configure');
  const parsed = LoyaltySettingsSchema.safeParse(input);
  if (!parsed.success)
    throw invalid(
      parsed.error.issues.map((i) => fromZodIssue(i)),
      'The loyalty settings are invalid',
    );
  const next = parsed.data;
  return core.db.transaction().execute(async (trx) => {
    const before = await loyaltySettings(trx, actor.workspaceId);
    const now = core.now();
    await trx
      .insertInto('loyalty_settings')
      .values({ workspace_id: actor.workspaceId, settings: JSON.stringify(next), updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ settings: JSON.stringify(next), updated_at: now.toISOString() }))
      .execute();
    await recordAudit(trx, { ...by(actor), action: 'update', entityType: 'loyalty_settings', entityId: actor.workspaceId, before, after: next }, now);
    const members = await trx.selectFrom('loyalty_accounts').select('contact_id').where('workspace_id', '=', actor.workspaceId).execute();
    for (let i = 0; i < members.length; i += 500)
      await recompute(
        trx,
        actor.workspaceId,
        members.slice(i, i + 500).map((m) => m.contact_id),
        next,
        now,
      );
    return next;
  });
}

// ------------------------------------------------------------------------------------------ accounts

async function ensureAccounts(
  trx: Db,
  workspaceId: string,
  contactIds: string[],
  settings: LoyaltySettings,
  now: Date,
): Promise<Map<string, Selectable<LoyaltyAccountTable>>> {
  const have = async () =>
    new Map(
      (await trx.selectFrom('loyalty_accounts').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).execute()).map(
        (a) => [a.contact_id, a],
      ),
    );
  let accounts = contactIds.length ? await have() : new Map();
  const missing = contactIds.filter((id) => !accounts.has(id));
  if (missing.length) {
    for (const id of missing) {
      // A code clash (one in a trillion per pair) just tries another.
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await trx
          .insertInto('loyalty_accounts')
          .values({
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
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) break;
        const exists = await trx.selectFrom('loyalty_accounts').select('contact_id').where('contact_id', '=', id).executeTakeFirst();
        if (exists) break;
      }
    }
    accounts = await have();
  }
  return accounts;
}

async function addEntry(
  trx: Db,
  e: {
    workspaceId: string;
    contactId: string;
    kind: string;
    points: number;
    orderId?: string | null;
    relatedContactId?: string | null;
    key?: string | null;
    reason?: string | null;
    meta?: unknown;
    createdBy?: string | null;
    at: Date;
  },
): Promise<boolean> {
  const r = await trx
    .insertInto('points_ledger')
    .values({
      id: uuidv7(),
      workspace_id: e.workspaceId,
      contact_id: e.contactId,
      kind: e.kind,
      points: e.points,
      order_id: e.orderId ?? null,
      related_contact_id: e.relatedContactId ?? null,
      key: e.key ?? null,
      reason: e.reason ?? null,
      meta: e.meta === undefined ? null : JSON.stringify(e.meta),
      created_by: e.createdBy ?? null,
      created_at: e.at.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

const CREDIT_KINDS = ['earn', 'reverse', 'referral', 'referee'];

/** Balance, points of the last 12 months and tier from the ledger; a tier change is an entry (the timeline shows it). */
async function recompute(trx: Db, workspaceId: string, contactIds: string[], settings: LoyaltySettings, now: Date): Promise<void> {
  if (!contactIds.length) return;
  const accounts = await ensureAccounts(trx, workspaceId, contactIds, settings, now);
  const since = new Date(now.getTime() - 365 * DAY_MS).toISOString();
  const sums = await trx
    .selectFrom('points_ledger')
    .select(['contact_id', (eb) => eb.fn.sum<number>('points').as('balance')])
    .select((eb) =>
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('kind', 'in', CREDIT_KINDS), eb('created_at', '>=', since)]))
            .then(eb.ref('points'))
            .else(0)
            .end(),
        )
        .as('recent'),
    )
    .select((eb) => eb.fn.sum<number>(eb.case().when('kind', 'in', CREDIT_KINDS).then(eb.ref('points')).else(0).end()).as('lifetime'))
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .groupBy('contact_id')
    .execute();
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
      await trx
        .updateTable('loyalty_accounts')
        .set({
          balance,
          earned_12m: earned12m,
          lifetime_earned: lifetime,
          ...(changed ? { tier: tier.key, tier_since: now.toISOString() } : {}),
          updated_at: now.toISOString(),
        })
        .where('contact_id', '=', id)
        .execute();
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
  const orders = await trx
    .selectFrom('orders')
    .select(['id', 'contact_id', 'status', 'total', 'currency', 'number', 'deleted_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .execute();
  const entries = await trx
    .selectFrom('points_ledger')
    .select(['order_id', 'points'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .where('kind', 'in', ['earn', 'reverse'])
    .execute();
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

/** The job: expire what is older than the expiry period and unspent, then recompute. */
export async function expirePoints(core: Core, p: { workspaceId: string; contactId: string }): Promise<{ expired: number }> {
  return core.db.transaction().execute(async (trx) => {
    const settings = await loyaltySettings(trx, p.workspaceId);
    if (settings.expiryMonths === 0) return { expired: 0 };
    const now = core.now();
    const cutoff = new Date(now.getTime() - settings.expiryMonths * 30.4375 * DAY_MS).toISOString();
    const rows = await trx
      .selectFrom('points_ledger')
      .select(['points', 'created_at'])
      .where('workspace_id', '=', p.workspaceId)
      .where('contact_id', '=', p.contactId)
      .where('points', '<>', 0)
      .execute();
    const amount = expiringPoints(
      rows.map((r) => ({ points: Number(r.points), at: r.created_at })),
      cutoff,
    );
    if (amount > 0)
      await addEntry(trx, {
        workspaceId: p.workspaceId,
        contactId: p.contactId,
        kind: 'expire',
        points: -amount,
        key: `expire:${p.contactId}:${now.toISOString().slice(0, 10)}`,
        reason: `points earned before ${cutoff.slice(0, 10)}`,
        at: now,
      });
    await recompute(trx, p.workspaceId, [p.contactId], settings, now);
    return { expired: amount };
  });
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

// ------------------------------------------------------------------------------------------ reading and changing

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
  const ledger = await core.db
    .selectFrom('points_ledger')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  const referrer = a.referred_by ? await core.db.selectFrom('contacts').select(['id', 'name']).where('id', '=', a.referred_by).executeTakeFirst() : undefined;
  const referred = await core.db
    .selectFrom('loyalty_accounts')
    .innerJoin('contacts', 'contacts.id', 'loyalty_accounts.contact_id')
    .select(['contacts.id', 'contacts.name'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('points_ledger')
            .select('points_ledger.id')
            .where('points_ledger.workspace_id', '=', actor.workspaceId)
            .whereRef('points_ledger.key', '=', sql`'referral:' || ${sql.ref('contacts.id')}` as never),
        )
        .as('rewarded'),
    )
    .where('loyalty_accounts.workspace_id', '=', actor.workspaceId)
    .where('loyalty_accounts.referred_by', '=', contactId)
    .orderBy('contacts.name')
    .limit(200)
    .execute();
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

async function writable(core: Core, actor: Actor, contactId: string): Promise<void> {
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

/**
 * Record who referred this customer, by the referrer's code. Only before the customer's first earning
 * order (a referral brings a new customer), never themselves, never twice. The reward follows that order.
 */
export async function setReferrer(core: Core, actor: Actor, contactId: string, code: string): Promise<LoyaltyView> {
  await writable(core, actor, contactId);
  await core.db.transaction().execute(async (trx) => {
    const settings = await loyaltySettings(trx, actor.workspaceId);
    const now = core.now();
    const referrer = await trx
      .selectFrom('loyalty_accounts')
      .select(['contact_id'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('referral_code', '=', code.trim().toUpperCase())
      .executeTakeFirst();
    if (!referrer) throw invalid([{ path: ['code'], message: 'No customer has this referral code', code: 'not_found' }]);
    if (referrer.contact_id === contactId) throw invalid([{ path: ['code'], message: 'A customer cannot refer themselves', code: 'invalid' }]);
    const a = (await ensureAccounts(trx, actor.workspaceId, [contactId], settings, now)).get(contactId)!;
    if (a.referred_by) throw new AppError('conflict', 'This customer’s referrer is already recorded');
    const earned = await trx
      .selectFrom('points_ledger')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('contact_id', '=', contactId)
      .where('kind', '=', 'earn')
      .limit(1)
      .executeTakeFirst();
    if (earned) throw new AppError('conflict', 'The customer already has a paid order: a referral is recorded before the first purchase');
    const chain = await trx.selectFrom('loyalty_accounts').select('referred_by').where('contact_id', '=', referrer.contact_id).executeTakeFirst();
    if (chain?.referred_by === contactId) throw invalid([{ path: ['code'], message: 'The referrer was referred by this customer', code: 'invalid' }]);
    await trx
      .updateTable('loyalty_accounts')
      .set({ referred_by: referrer.contact_id, updated_at: now.toISOString() })
      .where('contact_id', '=', contactId)
      .execute();
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'loyalty',
        entityId: contactId,
        before: { referredBy: null },
        after: { referredBy: referrer.contact_id },
        meta: { contactId },
      },
      now,
    );
  });
  return getLoyalty(core, actor, contactId);
}

export type LeaderRow = { contactId: string; name: string | null; referred: number; rewarded: number; points: number };

/** Referrers by referrals rewarded (customers they brought who bought), then by referrals made. */
export async function referralLeaderboard(core: Core, actor: Actor, limit: number): Promise<{ data: LeaderRow[] }> {
  authorize(actor, 'loyalty.read');
  const referred = await core.db
    .selectFrom('loyalty_accounts')
    .select(['referred_by', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', actor.workspaceId)
    .where('referred_by', 'is not', null)
    .groupBy('referred_by')
    .execute();
  const rewards = await core.db
    .selectFrom('points_ledger')
    .select(['contact_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('points').as('points')])
    .where('workspace_id', '=', actor.workspaceId)
    .where('kind', '=', 'referral')
    .groupBy('contact_id')
    .execute();
  const rows = new Map<string, LeaderRow>();
  for (const r of referred) rows.set(r.referred_by!, { contactId: r.referred_by!, name: null, referred: Number(r.n), rewarded: 0, points: 0 });
  for (const r of rewards) {
    const x = rows.get(r.contact_id) ?? { contactId: r.contact_id, name: null, referred: 0, rewarded: 0, points: 0 };
    x.rewarded = Number(r.n);
    x.points = Number(r.points);
    rows.set(r.contact_id, x);
  }
  const top = [...rows.values()].sort((a, b) => b.rewarded - a.rewarded || b.referred - a.referred || a.contactId.localeCompare(b.contactId)).slice(0, limit);
  const visible = await readableContacts(
    core.db,
    actor,
    top.map((r) => r.contactId),
  );
  const names = new Map(
    (top.length
      ? await core.db
          .selectFrom('contacts')
          .select(['id', 'name'])
          .where(
            'id',
            'in',
            top.map((r) => r.contactId),
          )
          .execute()
      : []
    ).map((c) => [c.id, c.name]),
  );
  // Names of customers outside the member's scope are not shown; their counts are.
  return { data: top.map((r) => ({ ...r, name: visible.has(r.contactId) ? (names.get(r.contactId) ?? null) : null })) };
}

/** Members per tier and the points outstanding: the programme at a glance. */
export async function loyaltySummary(
  core: Core,
  actor: Actor,
): Promise<{ tiers: { key: string; name: Tier['name']; threshold: number; members: number }[]; members: number; outstanding: number }> {
  authorize(actor, 'loyalty.read');
  const settings = await loyaltySettings(core.db, actor.workspaceId);
  const rows = await core.db
    .selectFrom('loyalty_accounts')
    .select(['tier', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('balance').as('points')])
    .where('workspace_id', '=', actor.workspaceId)
    .groupBy('tier')
    .execute();
  const by = new Map(rows.map((r) => [r.tier, r]));
  return {
    tiers: settings.tiers.map((t) => ({ key: t.key, name: t.name, threshold: t.threshold, members: Number(by.get(t.key)?.n ?? 0) })),
    members: rows.reduce((s, r) => s + Number(r.n), 0),
    outstanding: rows.reduce((s, r) => s + Number(r.points ?? 0), 0),
  };
}
