import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type Mail = { to: string; subject: string; text: string; html?: string; from?: string; replyTo?: string; headers?: Record<string, string> };

export type Mailer = {
  /** True when SMTP is configured and mail really leaves. */
  readonly enabled: boolean;
  send(mail: Mail): Promise<boolean>;
  close(): void;
};

/**
 * Mail goes out through SMTP when SMTP_URL is set. Without it Kith still works: invitation links are
 * shown to the admin, and password resets fall back to `kith user reset-password`.
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
