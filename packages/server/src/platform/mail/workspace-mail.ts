import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { z } from 'zod';
import { AppError, invalid, notFound } from '@kith/domain/errors.ts';
import type { SmtpInput } from '@kith/domain/mail/mail.api.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../db/create-db.ts';
import { by, recordAudit } from '../audit/audit.repository.ts';
import { emitEvent } from '../events/emit.ts';
import type { Actor } from '../auth/actor.ts';
import { hmac, safeEqual } from '../auth/secrets.ts';
import { authorize } from '../records/visibility.ts';
import { stableMessageId, type Mail } from './mailer.ts';
import { bothLanguages } from '../i18n/messages.ts';

/**
 * A workspace's own SMTP server (issue 6): mail to its customers leaves through it, from its address, or
 * through the instance's SMTP_URL when it has none. The connection (with the password) is stored encrypted
 * with AES-256-GCM under a key derived from the server's secret, and never returned by the API.
 *
 * Any workspace admin chooses this host, so it may not reach inside the server's network (issue 16): a
 * literal internal address is refused when saved (422 on /host), and every connection goes through the
 * outbound guard (security/outbound-guard.ts), which resolves the name and refuses internal addresses at
 * connect time unless KITH_OUTBOUND_ALLOW lets them. What the user is told when a mail does not leave is the
 * same for a refused address, a closed port, a timeout and an unknown host; the log has the real reason.
 */

export type SmtpInputT = z.output<typeof SmtpInput>;
type Stored = { host: string; port: number; secure: boolean; user?: string; password?: string; fromName?: string };

const keyOf = (secret: string) => createHash('sha256').update(`kith smtp v1:${secret}`).digest();

export function encrypt(secret: string, value: unknown): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
  return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
}

export function decrypt<T>(secret: string, text: string): T {
  const raw = Buffer.from(text.replace(/^v1\./, ''), 'base64url');
  const d = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')) as T;
}

export type MailSettingsView = {
  configured: boolean;
  host: string | null;
  port: number | null;
  secure: boolean | null;
  user: string | null;
  hasPassword: boolean;
  from: string | null;
  fromName: string | null;
  replyTo: string | null;
  instanceSmtp: boolean;
  updatedAt: string | null;
};

async function storedOf(core: Core, db: Db, workspaceId: string) {
  const r = await db.selectFrom('workspace_mail').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!r) return null;
  try {
    return { row: r, smtp: decrypt<Stored>(core.config.secret, r.smtp) };
  } catch {
    // The server's secret changed since: the settings must be entered again.
    return { row: r, smtp: null };
  }
}

export async function getMailSettings(core: Core, actor: Actor): Promise<MailSettingsView> {
  authorize(actor, 'care.configure');
  const s = await storedOf(core, core.db, actor.workspaceId);
  return {
    configured: Boolean(s?.smtp),
    host: s?.smtp?.host ?? null,
    port: s?.smtp?.port ?? null,
    secure: s?.smtp?.secure ?? null,
    user: s?.smtp?.user ?? null,
    hasPassword: Boolean(s?.smtp?.password),
    from: s?.row.from_address ?? null,
    fromName: s?.smtp?.fromName ?? null,
    replyTo: s?.row.reply_to ?? null,
    instanceSmtp: core.mailer.enabled,
    updatedAt: s?.row.updated_at ?? null,
  };
}

export async function saveMailSettings(core: Core, actor: Actor, input: SmtpInputT): Promise<MailSettingsView> {
  authorize(actor, 'care.configure');
  // Early and plain for an address typed as such (in any spelling); a name is judged when connecting.
  if (core.outbound.refusedLiteral(input.host, input.port)) {
    throw invalid([
      {
        path: ['host'],
        message: 'Must not be a loopback, private, link-local or other internal address (the server’s operator may allow one with KITH_OUTBOUND_ALLOW)',
        code: 'internal_address',
      },
    ]);
  }
  await core.db.transaction().execute(async (trx) => {
    const before = await storedOf(core, trx, actor.workspaceId);
    const password = input.password ?? before?.smtp?.password;
    const stored: Stored = {
      host: input.host,
      port: input.port,
      secure: input.secure,
      ...(input.user ? { user: input.user } : {}),
      ...(password ? { password } : {}),
      ...(input.fromName ? { fromName: input.fromName } : {}),
    };
    const now = core.now().toISOString();
    const row = {
      smtp: encrypt(core.config.secret, stored),
      from_address: input.from,
      reply_to: input.replyTo ?? null,
      updated_by: actor.userId,
      updated_at: now,
    };
    await trx
      .insertInto('workspace_mail')
      .values({ workspace_id: actor.workspaceId, ...row })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(row))
      .execute();
    // The password is never written to the audit log.
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: before ? 'update' : 'create',
        entityType: 'mail_settings',
        entityId: actor.workspaceId,
        after: {
          host: input.host,
          port: input.port,
          secure: input.secure,
          user: input.user ?? null,
          from: input.from,
          passwordChanged: input.password !== undefined,
        },
      },
      core.now(),
    );
  });
  transports.delete(actor.workspaceId);
  return getMailSettings(core, actor);
}

export async function deleteMailSettings(core: Core, actor: Actor): Promise<void> {
  authorize(actor, 'care.configure');
  await core.db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('workspace_mail').where('workspace_id', '=', actor.workspaceId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('Mail settings');
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'mail_settings', entityId: actor.workspaceId }, core.now());
  });
  transports.delete(actor.workspaceId);
}

const transports = new Map<string, { updatedAt: string; transport: Transporter; from: string; replyTo: string | null }>();

function transportOf(core: Core, s: Stored): Transporter {
  const host = s.host.replace(/^\[(.*)\]$/, '$1');
  return nodemailer.createTransport({
    host,
    port: s.port,
    secure: s.secure,
    ...(s.user ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // Every connection is opened by the outbound guard, to an address it resolved and checked; nodemailer gets
    // the connected socket and never resolves or connects by itself. TLS (from the start or by STARTTLS) is
    // started by nodemailer over that socket and verified against the host name.
    getSocket: (_options, callback) => {
      core.outbound.connect(host, s.port, { timeoutMs: 15_000 }).then(
        (connection) => callback(null, { connection }),
        (err: Error) => callback(err),
      );
    },
  });
}

/** What a user is told when the mail did not leave, whatever kept it from the server (see the file's head). */
export const SMTP_UNREACHABLE = 'The SMTP server could not be reached: check the host, the port and the TLS setting';

/** A failed delivery, with the message that may be shown to the workspace (the real reason is logged). */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
}

/**
 * The SMTP server's own reply when it answered one of our commands (a login, a sender or a recipient
 * refused): that helps the admin and says nothing about the network. Anything else — refused by the guard,
 * connection refused, timeout, unknown host, TLS — is one sentence.
 */
function publicReason(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; response?: string };
  if (typeof err.responseCode === 'number' && ['EAUTH', 'EENVELOPE', 'EMESSAGE'].includes(err.code ?? '') && typeof err.response === 'string') {
    return `The SMTP server answered: ${err.response.slice(0, 300)}`;
  }
  return SMTP_UNREACHABLE;
}

export type MailSender = (
  mail: Mail,
  options?: { /** Makes the Message-ID `<stableId@sender's domain>`, the same on every attempt. */ stableId?: string },
) => Promise<void>;

/** How mail of a workspace leaves: its own server, else the instance's; null when neither is set up. */
export async function mailSenderFor(core: Core, workspaceId: string): Promise<MailSender | null> {
  const s = await storedOf(core, core.db, workspaceId);
  if (s?.smtp) {
    let t = transports.get(workspaceId);
    if (!t || t.updatedAt !== s.row.updated_at) {
      t?.transport.close();
      t = {
        updatedAt: s.row.updated_at,
        transport: transportOf(core, s.smtp),
        from: s.smtp.fromName ? `"${s.smtp.fromName.replace(/["\\]/g, '')}" <${s.row.from_address}>` : s.row.from_address,
        replyTo: s.row.reply_to,
      };
      transports.set(workspaceId, t);
    }
    const tt = t;
    const smtp = s.smtp;
    return async (mail, options = {}) => {
      const messageId = options.stableId ? stableMessageId(options.stableId, tt.from, core.config.publicUrl) : mail.messageId;
      try {
        await tt.transport.sendMail({
          from: tt.from,
          ...(tt.replyTo ? { replyTo: tt.replyTo } : {}),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.headers ? { headers: mail.headers } : {}),
          ...(messageId ? { messageId } : {}),
        });
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { responseCode?: number; address?: string; kind?: string };
        core.log.warn(
          {
            workspaceId,
            host: smtp.host,
            port: smtp.port,
            err: { message: err.message, code: err.code, responseCode: err.responseCode, address: err.address, kind: err.kind },
          },
          'workspace mail not delivered',
        );
        throw new MailDeliveryError(publicReason(e));
      }
    };
  }
  if (!core.mailer.enabled) return null;
  return async (mail, options = {}) => {
    const messageId = options.stableId ? stableMessageId(options.stableId, core.config.mailFrom, core.config.publicUrl) : mail.messageId;
    if (!(await core.mailer.send({ ...mail, ...(messageId ? { messageId } : {}) })))
      throw new MailDeliveryError('The server’s SMTP server did not accept the mail');
  };
}

/** Send a test message now, through the workspace's settings, and say what the server answered. */
export async function sendTestMail(core: Core, actor: Actor, to: string): Promise<{ sent: true; via: 'workspace' | 'instance' }> {
  authorize(actor, 'care.configure');
  const s = await storedOf(core, core.db, actor.workspaceId);
  const send = await mailSenderFor(core, actor.workspaceId);
  if (!send) throw new AppError('conflict', 'No SMTP server is set up for this workspace or this server');
  try {
    await send({ to, subject: `Kith: ${bothLanguages('mail.test.subject')}`, text: bothLanguages('mail.test.body', {}, '\n') });
  } catch (e) {
    if (!(e instanceof MailDeliveryError)) core.log.warn({ err: e }, 'test mail not sent');
    throw invalid(
      [
        // 'unreachable' says one sentence the web words in the user's language; 'refused' carries the server's own reply.
        e instanceof MailDeliveryError && e.message !== SMTP_UNREACHABLE
          ? { path: ['smtp'], message: e.message, code: 'smtp_refused' }
          : { path: ['smtp'], message: SMTP_UNREACHABLE, code: 'smtp_unreachable' },
      ],
      'The test message was not sent',
    );
  }
  return { sent: true, via: s?.smtp ? 'workspace' : 'instance' };
}

// ------------------------------------------------------------------------------------------ unsubscribe

/** The signature of a contact's unsubscribe link: only the server can make one. */
export function unsubscribeSignature(secret: string, contactId: string): string {
  return hmac(secret, `unsubscribe:${contactId}`).slice(0, 32);
}

export function unsubscribeUrl(core: Core, contactId: string): string {
  return `${core.config.publicUrl}/u/${contactId}/${unsubscribeSignature(core.config.secret, contactId)}`;
}

export function checkUnsubscribe(core: Core, contactId: string, signature: string): boolean {
  return /^[0-9a-f-]{36}$/.test(contactId) && safeEqual(signature, unsubscribeSignature(core.config.secret, contactId));
}

/** Withdraw the contact's consent to marketing email (audited, with where it came from). */
export async function unsubscribe(core: Core, contactId: string): Promise<{ workspaceName: string; locale: string } | null> {
  return core.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('contacts').select(['id', 'workspace_id', 'consents', 'version']).where('id', '=', contactId).executeTakeFirst();
    if (!c) return null;
    const ws = await trx.selectFrom('workspaces').select(['name', 'locale']).where('id', '=', c.workspace_id).executeTakeFirstOrThrow();
    const consents = (typeof c.consents === 'string' ? JSON.parse(c.consents) : (c.consents ?? {})) as Record<string, unknown>;
    const prev = consents.email as { status?: string } | undefined;
    if (prev?.status !== 'denied') {
      const next = { ...consents, email: { status: 'denied', source: 'unsubscribe link', at: core.now().toISOString() } };
      await trx
        .updateTable('contacts')
        .set({ consents: JSON.stringify(next), updated_at: core.now().toISOString(), version: c.version + 1 })
        .where('id', '=', c.id)
        .execute();
      await recordAudit(
        trx,
        {
          workspaceId: c.workspace_id,
          actorUserId: null,
          action: 'update',
          entityType: 'contact',
          entityId: c.id,
          before: { consents: { email: prev ?? null } },
          after: { consents: { email: next.email } },
          meta: { via: 'unsubscribe link' },
        },
        core.now(),
      );
      await emitEvent(trx, { type: 'contact.updated', workspaceId: c.workspace_id, at: core.now(), payload: { contactId: c.id, fields: ['consents'] } });
    }
    return { workspaceName: ws.name, locale: ws.locale };
  });
}
