import type { ContactRef } from '../../platform/records/contact-refs.ts';

/** A customer's orders follow them into a merge (the order-change event then re-syncs points and statistics). */
export const orderContactRefs: readonly ContactRef[] = [{ table: 'orders', column: 'contact_id', kind: 'repoint' }];
