import { AppError, invalid } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, readableContacts } from '../../platform/records/visibility.ts';
import { getLoyalty, writable, type LoyaltyView } from './loyalty-account.service.ts';
import { ensureAccounts } from './loyalty-points.service.ts';
import {
  accountByReferralCode,
  contactNames,
  hasEarned,
  loyaltySettings,
  referralRewards,
  referredCounts,
  referrerOf,
  updateAccount,
} from './loyalty.repository.ts';

// Referrals: who brought whom (the reward itself follows the referred customer's first earning order, in syncPoints).

/**
 * Record who referred this customer, by the referrer's code. Only before the customer's first earning
 * order (a referral brings a new customer), never themselves, never twice. The reward follows that order.
 */
export async function setReferrer(core: Core, actor: Actor, contactId: string, code: string): Promise<LoyaltyView> {
  await writable(core, actor, contactId);
  await core.db.transaction().execute(async (trx) => {
    const settings = await loyaltySettings(trx, actor.workspaceId);
    const now = core.now();
    const referrer = await accountByReferralCode(trx, actor.workspaceId, code.trim().toUpperCase());
    if (!referrer) throw invalid([{ path: ['code'], message: 'No customer has this referral code', code: 'not_found' }]);
    if (referrer.contact_id === contactId) throw invalid([{ path: ['code'], message: 'A customer cannot refer themselves', code: 'invalid' }]);
    const a = (await ensureAccounts(trx, actor.workspaceId, [contactId], settings, now)).get(contactId)!;
    if (a.referred_by) throw new AppError('conflict', 'This customer’s referrer is already recorded');
    if (await hasEarned(trx, actor.workspaceId, contactId))
      throw new AppError('conflict', 'The customer already has a paid order: a referral is recorded before the first purchase');
    const chain = await referrerOf(trx, referrer.contact_id);
    if (chain?.referred_by === contactId) throw invalid([{ path: ['code'], message: 'The referrer was referred by this customer', code: 'invalid' }]);
    await updateAccount(trx, contactId, { referred_by: referrer.contact_id, updated_at: now.toISOString() });
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
  const referred = await referredCounts(core.db, actor.workspaceId);
  const rewards = await referralRewards(core.db, actor.workspaceId);
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
  const names = await contactNames(
    core.db,
    top.map((r) => r.contactId),
  );
  // Names of customers outside the member's scope are not shown; their counts are.
  return { data: top.map((r) => ({ ...r, name: visible.has(r.contactId) ? (names.get(r.contactId) ?? null) : null })) };
}
