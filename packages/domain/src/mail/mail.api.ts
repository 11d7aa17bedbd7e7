import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { isValidEmail } from '../emails/email.ts';

/** The mail API's shapes and operations (api/contract.ts): the workspace's SMTP server, a test message and the outbox. */

/** Where a mail of the outbox is in its delivery. */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A workspace's SMTP server and sender, as set. */
export const SmtpInput = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .refine((h) => /^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/.test(h), { message: 'Must be a host name or address' }),
  port: z.number().int().min(1).max(65_535),
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean(),
  user: z.string().max(320).optional(),
  /** Kept as it is when omitted on a change. */
  password: z.string().max(1_000).optional(),
  from: z.string().trim().max(320).refine(isValidEmail, { message: 'Must be an email address' }),
  fromName: z.string().trim().max(120).optional(),
  replyTo: z.string().trim().max(320).refine(isValidEmail, { message: 'Must be an email address' }).nullable().optional(),
});

export const MailSettingsOut = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().nullable(),
  secure: z.boolean().nullable(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
  from: z.string().nullable(),
  fromName: z.string().nullable(),
  replyTo: z.string().nullable(),
  instanceSmtp: z.boolean().describe('SMTP_URL is set for the whole server (used when the workspace has no server of its own)'),
  updatedAt: Timestamp.nullable(),
});

/** The workspace's mail settings (never the password), as the API returns them. */
export type MailSettings = z.output<typeof MailSettingsOut>;

export const OutboxMailOut = z.object({
  id: z.string(),
  contactId: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  purpose: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  relatedType: z.string().nullable(),
  relatedId: z.string().nullable(),
  sentAt: Timestamp.nullable(),
  createdAt: Timestamp,
});

/** A mail of the outbox, as the API returns it. */
export type OutboxMail = z.output<typeof OutboxMailOut>;

export const mailApi = {
  settings: contract({
    method: 'GET',
    path: '/mail/settings',
    tags: ['mail'],
    summary: 'The workspace’s SMTP server (the password is never returned)',
    status: 200,
    response: MailSettingsOut,
  }),
  saveSettings: contract({
    method: 'PUT',
    path: '/mail/settings',
    tags: ['mail'],
    summary: 'Set the workspace’s SMTP server and sender (stored encrypted; audited without the password)',
    body: SmtpInput,
    status: 200,
    response: MailSettingsOut,
  }),
  removeSettings: contract({
    method: 'DELETE',
    path: '/mail/settings',
    tags: ['mail'],
    summary: 'Remove the workspace’s SMTP server (mail then leaves through the server’s SMTP_URL, if any)',
    status: 204,
    response: null,
  }),
  test: contract({
    method: 'POST',
    path: '/mail/settings/test',
    tags: ['mail'],
    summary: 'Send a test message now and report what the SMTP server said',
    body: z.strictObject({ to: z.email() }),
    status: 200,
    response: z.object({ sent: z.literal(true), via: z.enum(['workspace', 'instance']) }),
  }),
  outbox: contract({
    method: 'GET',
    path: '/mail/outbox',
    tags: ['mail'],
    summary: 'Mail sent or waiting, newest first, with its delivery status',
    query: z.strictObject({
      status: z.enum(MAIL_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    status: 200,
    response: z.object({ data: z.array(OutboxMailOut) }),
  }),
  retry: contract({
    method: 'POST',
    path: '/mail/outbox/:id/retry',
    tags: ['mail'],
    summary: 'Try a failed mail again',
    params: IdParams,
    status: 202,
    response: z.object({ queued: z.literal(true) }),
  }),
};
