import { readJson } from '../db/column-types.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../db/create-db.ts';
import { uuidv7 } from '../db/ids.ts';
import { enqueue } from '../jobs/queue.ts';
import { escapeHtml } from '../http/html.ts';
import { mailSenderFor, unsubscribeUrl } from './workspace-mail.ts';
import { bothLanguages } from '../i18n/messages.ts';

/**
 * The email outbox (decision 0011, step 4). Mail is written to `mail_outbox` in the same transaction as
 * what causes it, and a `mail.send` job delivers it: retried with backoff by the job runner (1, 5, 30 min,
 * 2 h, 12 h), its status visible where it was sent from (a ticket's reply shows queued, sent or failed).
 * Marketing mail is checked against the contact's consent when it is sent, not only when it is queued.
 */
export const MAIL_JOB = 'mail.send';
export const MAIL_ATTEMPTS = 6;

export type OutgoingMail = {
  workspaceId: string;
  contactId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  purpose: 'transactional' | 'marketing';
  relatedType?: string;
  relatedId?: string;
};

export async function queueMail(db: Db, m: OutgoingMail, now: Date): Promise<string> {
  const id = uuidv7();
  const at = now.toISOString();
  const html = m.html ?? `<div style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5">${escapeHtml(m.text).replace(/\r?\n/g, '<br>\n')}</div>`;
  await db
    .insertInto('mail_outbox')
    .values({
      id,
      workspace_id: m.workspaceId,
      contact_id: m.contactId,
      to_address: m.to,
      subject: m.subject,
      text: m.text,
      html,
      purpose: m.purpose,
      status: 'queued',
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      related_type: m.relatedType ?? null,
      related_id: m.relatedId ?? null,
      sent_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await enqueue(db, { kind: MAIL_JOB, workspaceId: m.workspaceId, key: `mail:${id}`, payload: { mailId: id }, maxAttempts: MAIL_ATTEMPTS }, now);
  return id;
}

/** Whether a contact may be sent marketing mail: a granted email consent and no unsubscribe since. */
export function mayMarket(consents: unknown): boolean {
  const c = readJson<Record<string, { status?: string } | null>>(consents, {});
  return c.email?.status === 'granted';
}

/**
 * Deliver one queued mail. Returns what happened; throws on a delivery failure so the runner retries it
 * (`lastAttempt` true marks the mail failed first, so its status never stays "queued" forever).
 */
export async function sendQueuedMail(core: Core, mailId: string, lastAttempt: boolean): Promise<'sent' | 'suppressed' | 'skipped'> {
  const m = await core.db.selectFrom('mail_outbox').selectAll().where('id', '=', mailId).executeTakeFirst();
  if (!m || m.status === 'sent' || m.status === 'suppressed') return 'skipped';
  const now = () => core.now().toISOString();
  const suppress = async (why: string) => {
    await core.db.updateTable('mail_outbox').set({ status: 'suppressed', last_error: why, updated_at: now() }).where('id', '=', mailId).execute();
    return 'suppressed' as const;
  };
  if (m.purpose === 'marketing') {
    const contact = m.contact_id
      ? await core.db.selectFrom('contacts').select(['consents', 'deleted_at']).where('id', '=', m.contact_id).executeTakeFirst()
      : undefined;
    if (!contact || contact.deleted_at || !mayMarket(contact.consents)) return suppress('no consent to marketing email');
  }
  const send = await mailSenderFor(core, m.workspace_id);
  if (!send) return suppress('no SMTP server is set up (the workspace’s mail settings or SMTP_URL)');
  await core.db
    .updateTable('mail_outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now() }))
    .where('id', '=', mailId)
    .execute();
  let text = m.text;
  let html = m.html ?? undefined;
  const headers: Record<string, string> = {};
  if (m.purpose === 'marketing' && m.contact_id) {
    // Every marketing mail carries its way out, in the body and as one-click headers (RFC 8058).
    const url = unsubscribeUrl(core, m.contact_id);
    text += `\n\n--\n${bothLanguages('mail.unsubscribe')}: ${url}`;
    if (html)
      html += `<p style="font-size:12px;color:#57606a;margin-top:24px"><a href="${escapeHtml(url)}">${escapeHtml(bothLanguages('mail.unsubscribe'))}</a></p>`;
    headers['List-Unsubscribe'] = `<${url}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  try {
    // The same Message-ID on every attempt: a mail sent again after a crash (taken by the server, not yet
    // marked sent) is a repeat receivers can drop.
    await send(
      { to: m.to_address, subject: m.subject, text, ...(html ? { html } : {}), ...(Object.keys(headers).length ? { headers } : {}) },
      { stableId: m.id },
    );
    await core.db.updateTable('mail_outbox').set({ status: 'sent', sent_at: now(), last_error: null, updated_at: now() }).where('id', '=', mailId).execute();
    return 'sent';
  } catch (e) {
    await core.db
      .updateTable('mail_outbox')
      .set({ status: lastAttempt ? 'failed' : 'queued', last_error: String((e as Error).message).slice(0, 500), updated_at: now() })
      .where('id', '=', mailId)
      .execute();
  }
  throw new Error(`mail ${mailId} was not delivered`);
}
