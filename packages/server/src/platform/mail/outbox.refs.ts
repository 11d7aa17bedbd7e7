import type { ContactRef } from '../records/contact-refs.ts';

/** Emails to a customer (sent, queued or suppressed) are part of their history. */
export const outboxContactRefs: readonly ContactRef[] = [{ table: 'mail_outbox', column: 'contact_id', kind: 'repoint' }];
