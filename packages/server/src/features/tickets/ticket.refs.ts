import type { ContactRef } from '../../platform/records/contact-refs.ts';

/** Tickets and their conversation belong to the customer; both follow a merge. */
export const ticketContactRefs: readonly ContactRef[] = [
  { table: 'tickets', column: 'contact_id', kind: 'repoint' },
  { table: 'ticket_messages', column: 'contact_id', kind: 'repoint' },
];
