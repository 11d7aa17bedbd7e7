import { AppError, notFound } from '@kith/domain/errors.ts';
import type { OutboxMail, mailApi } from '@kith/domain/mail/mail.api.ts';
import type { z } from 'zod';
import type { Core } from '../../core.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueue } from '../jobs/queue.ts';
import { authorize } from '../records/visibility.ts';
import { findOutboxStatus, listOutboxMail, requeueOutboxMail, workspaceOfContact } from './mail.repository.ts';
import { MAIL_ATTEMPTS, MAIL_JOB } from './outbox.ts';
import { checkUnsubscribe, unsubscribe } from './workspace-mail.ts';

/**
 * The outbox as the workspace sees it (what was sent or waits, a failed mail tried again) and the unsubscribe
 * link's two steps (issue 17: the mail routes' work, moved here). The SMTP settings are workspace-mail.ts.
 */

type OutboxQuery = z.output<typeof mailApi.outbox.query>;

/** Mail sent or waiting, newest first. */
export async function listOutbox(core: Core, actor: Actor, query: OutboxQuery): Promise<OutboxMail[]> {
  authorize(actor, 'care.configure');
  return listOutboxMail(core.db, actor.workspaceId, { status: query.status, limit: query.limit });
}

/** Queue a failed mail again (a mail in any other state is a conflict). */
export async function retryMail(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'care.configure');
  await core.db.transaction().execute(async (trx) => {
    const m = await findOutboxStatus(trx, actor.workspaceId, id);
    if (!m) throw notFound('Mail');
    if (m.status !== 'failed') throw new AppError('conflict', `Only a failed mail is tried again; this one is ${m.status}`);
    const now = core.now();
    await requeueOutboxMail(trx, m.id, now.toISOString());
    await enqueue(
      trx,
      { kind: MAIL_JOB, workspaceId: actor.workspaceId, key: `mail:${m.id}:retry:${now.getTime()}`, payload: { mailId: m.id }, maxAttempts: MAIL_ATTEMPTS },
      now,
    );
  });
}

export type UnsubscribeTarget = { workspaceName: string; locale: string };

/** The unsubscribe link opened (GET): whose list it is, to ask — null when the link is not one the server made. */
export async function unsubscribeQuestion(core: Core, contactId: string, signature: string): Promise<UnsubscribeTarget | null> {
  if (!checkUnsubscribe(core, contactId, signature)) return null;
  const ws = await workspaceOfContact(core.db, contactId);
  return ws ? { workspaceName: ws.name, locale: ws.locale } : null;
}

/** The unsubscribe link confirmed (POST, also RFC 8058 one-click): consent withdrawn — null when the link is not one the server made. */
export async function unsubscribeByLink(core: Core, contactId: string, signature: string): Promise<UnsubscribeTarget | null> {
  if (!checkUnsubscribe(core, contactId, signature)) return null;
  return unsubscribe(core, contactId);
}
