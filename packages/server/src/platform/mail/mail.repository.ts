import type { MailStatus, OutboxMail } from '@kith/domain/mail/mail.api.ts';
import type { Db } from '../db/create-db.ts';

/** The workspace's outbox, newest first (optionally only mail in one status). */
export async function listOutboxMail(db: Db, workspaceId: string, opts: { status?: MailStatus | undefined; limit: number }): Promise<OutboxMail[]> {
  let q = db.selectFrom('mail_outbox').selectAll().where('workspace_id', '=', workspaceId);
  if (opts.status) q = q.where('status', '=', opts.status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map((m) => ({
    id: m.id,
    contactId: m.contact_id,
    to: m.to_address,
    subject: m.subject,
    purpose: m.purpose,
    status: m.status as MailStatus,
    attempts: m.attempts,
    lastError: m.last_error,
    relatedType: m.related_type,
    relatedId: m.related_id,
    sentAt: m.sent_at,
    createdAt: m.created_at,
  }));
}

/** A mail of the workspace's outbox and where it is in its delivery. */
export async function findOutboxStatus(db: Db, workspaceId: string, id: string): Promise<{ id: string; status: string } | undefined> {
  return db.selectFrom('mail_outbox').select(['id', 'status']).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Put a mail back in the queue (its job is enqueued by the caller). */
export async function requeueOutboxMail(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ status: 'queued', updated_at: now }).where('id', '=', id).execute();
}

/** The name and language of the workspace a contact belongs to (for the unsubscribe page). */
export async function workspaceOfContact(db: Db, contactId: string): Promise<{ name: string; locale: string } | undefined> {
  return db
    .selectFrom('contacts')
    .innerJoin('workspaces', 'workspaces.id', 'contacts.workspace_id')
    .select(['workspaces.name', 'workspaces.locale'])
    .where('contacts.id', '=', contactId)
    .executeTakeFirst();
}
