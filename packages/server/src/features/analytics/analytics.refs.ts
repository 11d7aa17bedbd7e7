import type { ContactRef } from '../../platform/records/contact-refs.ts';

/** Figures derived from a customer's orders: never moved, recomputed for both contacts after a merge or its undo. */
export const analyticsContactRefs: readonly ContactRef[] = [
  {
    table: 'customer_stats',
    column: 'contact_id',
    kind: 'keep',
    why: 'purchase aggregates: the merge marks both contacts dirty and they are recomputed from the orders',
  },
  {
    table: 'customer_stats_dirty',
    column: 'contact_id',
    kind: 'keep',
    why: 'the queue of contacts whose aggregates are to be recomputed: both contacts are put in it',
  },
  {
    table: 'customer_scores',
    column: 'contact_id',
    kind: 'keep',
    why: 'RFM scores of a scoring run: the next run scores the survivor from its orders (a merged contact is deleted, and not scored)',
  },
];
