import type { LifecycleStage } from '../contacts/contact.schema.ts';

/**
 * The lifecycle stage a contact's purchases imply, where the workspace lets the data move it (the
 * customer-care model, docs/models.md: potential → new → loyal customers). Only purchases move it here:
 *  - no purchase: the stage the team set stays (lead, prospect, lost, …);
 *  - one purchase: new customer;
 *  - two or more: repeat customer, and loyal from `loyalAfter` purchases;
 *  - a purchase by someone marked at risk or churned wins them back (repeat).
 * A stage set by hand above what the data says (loyal with two orders, say) is kept: the rule only
 * moves a contact up, or back from at-risk/churned, never down. Cancelling or returning orders does not
 * move anyone back down either; the analytics (RFM, churn risk) mark who is slipping away.
 * Returns the new stage, or null when the stage stays.
 */
export function stageFromPurchases(current: LifecycleStage, purchases: number, loyalAfter: number): LifecycleStage | null {
  if (purchases <= 0) return null;
  const implied: LifecycleStage = purchases >= loyalAfter ? 'loyal' : purchases >= 2 ? 'repeat' : 'new_customer';
  const rank: Partial<Record<LifecycleStage, number>> = { lead: 0, prospect: 1, lost: 1, new_customer: 2, repeat: 3, loyal: 4 };
  if (current === 'at_risk' || current === 'churned') return purchases >= 2 ? (implied === 'loyal' ? 'loyal' : 'repeat') : 'new_customer';
  const now = rank[current] ?? 0;
  return rank[implied]! > now ? implied : null;
}

export const DEFAULT_LOYAL_AFTER = 5;
