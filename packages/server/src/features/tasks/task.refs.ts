import type { ContactRef } from '../../platform/records/contact-refs.ts';

/** A task about a customer is about the merged customer. */
export const taskContactRefs: readonly ContactRef[] = [{ table: 'tasks', column: 'contact_id', kind: 'repoint' }];
