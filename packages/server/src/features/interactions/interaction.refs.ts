import type { ContactRef } from '../../platform/records/contact-refs.ts';

/** Calls, messages and notes stay on the customer's timeline after a merge. */
export const interactionContactRefs: readonly ContactRef[] = [{ table: 'interactions', column: 'contact_id', kind: 'repoint' }];
