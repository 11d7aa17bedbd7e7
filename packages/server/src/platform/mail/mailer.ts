import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  from?: string;
  replyTo?: string;
  headers?: Record<string, string>;
  /** The Message-ID header (`<local@domain>`); the same on every attempt of one mail, so a receiver drops a repeat. */
  messageId?: string;
};

/**
 * A Message-ID that stays the same for one mail however often it is sent (mail/outbox.ts: after a crash a mail
 * may go out twice): `<id@domain>`, the domain of the sender's address, else the host of the public URL.
 */
export function stableMessageId(id: string, from: string, publicUrl: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? new URL(publicUrl).hostname;
  return `<${id}@${domain}>`;
}

export type Mailer = {
  /** True when SMTP is configured and mail really leaves. */
  readonly enabled: boolean;
  send(mail: Mail): Promise<boolean>;
  close(): void;
};

/**
 * Mail goes out through SMTP when SMTP_URL is set. Without it Kith still works: invitation links are
 * shown to the admin, and password resets fall back to `kith user reset-password`.
 *
 * SMTP_URL is the operator's own configuration, so it does not pass the outbound guard
 * (security/outbound-guard.ts): it may name a relay on loopback or the private network. A workspace's own
 * SMTP server, which any workspace admin may set, always does (mail/workspace-mail.ts).
 */
export function createMailer(smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  if (!smtpUrl) {
    return {
      enabled: false,
      async send(mail) {
        log.warn({ subject: mail.subject }, 'mail not sent: SMTP_URL is not configured');
        return false;
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    enabled: true,
    async send(mail) {
      try {
        await transport.sendMail({ from, ...mail });
        return true;
      } catch (err) {
        log.error({ err: { message: (err as Error).message, code: (err as NodeJS.ErrnoException).code }, subject: mail.subject }, 'mail delivery failed');
        return false;
      }
    },
    close() {
      transport.close();
    },
  };
}
