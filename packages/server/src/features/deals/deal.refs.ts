import type { ContactRef } from '../../platform/records/contact-refs.ts';

/** A deal's customer (optional on the deal). */
export const dealContactRefs: readonly ContactRef[] = [{ table: 'deals', column: 'contact_id', kind: 'repoint' }];
