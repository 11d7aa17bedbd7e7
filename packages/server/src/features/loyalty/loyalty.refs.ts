import type { ContactRef } from '../../platform/records/contact-refs.ts';

/**
 * Loyalty after a merge: the ledger (the truth) moves to the survivor, whose account adds up both balances
 * (the order-change event then recomputes both accounts from their ledgers, and the tier with them). The
 * merged contact's account keeps its referral code and its own referrer (a reward already paid for bringing
 * that customer is not paid again by the survivor's orders). Customers the merged contact referred are now
 * the survivor's referrals — except the survivor itself, which never becomes its own referrer.
 */
export const loyaltyContactRefs: readonly ContactRef[] = [
  { table: 'loyalty_accounts', column: 'contact_id', kind: 'combine', add: ['balance', 'earned_12m', 'lifetime_earned'] },
  { table: 'loyalty_accounts', column: 'referred_by', kind: 'repoint', id: 'contact_id', unlessSelf: 'contact_id' },
  { table: 'points_ledger', column: 'contact_id', kind: 'repoint' },
  { table: 'points_ledger', column: 'related_contact_id', kind: 'repoint', unlessSelf: 'contact_id' },
];
