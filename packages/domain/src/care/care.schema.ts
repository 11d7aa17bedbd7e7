import { z } from 'zod';
import { isoDate, longText, tagList, text, uuid } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from './tickets.ts';

/**
 * Request shapes for customer care (issue 6): the workspace's care settings (working calendar, categories,
 * escalation), SLA policies, tickets and their messages. Shared by validation and the OpenAPI document.
 */

export const TICKET_CHANNELS = ['email', 'phone', 'chat', 'zalo', 'web', 'in_person', 'survey', 'other'] as const;
export const DEFAULT_CATEGORIES = ['complaint', 'question', 'request', 'incident'] as const;
export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

const hhmm = z.string().refine((s) => /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(s), {
  message: 'Must be a time of day as HH:MM (24:00 for midnight at the end)',
  params: withCode('invalid_format'),
});
const interval = z.strictObject({ from: hhmm, to: hhmm }).refine((i) => i.from < i.to, { message: 'Must end after it starts', params: withCode('invalid') });
const dayIntervals = z
  .array(interval)
  .max(6)
  .refine((list) => list.every((x, i) => i === 0 || list[i - 1]!.to <= x.from), {
    message: 'Intervals must be in order and must not overlap',
    params: withCode('invalid'),
  });

const categoryName = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => /^[a-z0-9][a-z0-9_-]{0,39}$/.test(s), { message: 'Must be 1–40 lowercase letters, digits, - or _', params: withCode('invalid_format') });

export const CalendarSchema = z.strictObject({
  timeZone: z.string().refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Must be an IANA time zone, e.g. Asia/Ho_Chi_Minh', params: withCode('invalid_format') },
  ),
  /** Sunday first, seven entries. */
  week: z.array(dayIntervals).length(7, { message: 'Must list the seven weekdays, Sunday first' }),
  holidays: z.array(z.strictObject({ date: isoDate(), name: text(120, 1) })).max(400),
  extraWorkingDays: z.array(isoDate()).max(60).default([]),
});
export type CalendarSettings = z.output<typeof CalendarSchema>;

export const CareSettingsSchema = z.strictObject({
  calendar: CalendarSchema,
  categories: z
    .array(categoryName)
    .min(1)
    .max(40)
    .refine((c) => new Set(c).size === c.length, { message: 'Categories must be distinct', params: withCode('not_unique') }),
  /** Warn when at most this fraction of a target is left (0.2: the last fifth). */
  warnFraction: z.number().min(0).max(0.9),
  escalation: z.strictObject({
    /** On a breach, give the ticket to a manager of its team. */
    reassignToManager: z.boolean(),
    /** On a breach, email the managers of its team (and the assignee on a warning). */
    notifyManagers: z.boolean(),
  }),
});
export type CareSettings = z.output<typeof CareSettingsSchema>;
export const CareSettingsPatchSchema = CareSettingsSchema.partial();

const minutes = z.number().int().min(1).max(525_600).nullable();
export const SlaPolicyInput = z.strictObject({
  name: text(120, 1),
  priority: z.enum(TICKET_PRIORITIES).nullable(),
  category: categoryName.nullable(),
  firstResponseMinutes: minutes,
  resolutionMinutes: minutes,
});
export const SlaPoliciesSchema = z.strictObject({ policies: z.array(SlaPolicyInput).max(100) });
export type SlaPolicyRow = z.output<typeof SlaPolicyInput> & { id: string; position: number };

export const TicketCreateSchema = z.strictObject({
  contactId: uuid(),
  subject: text(200, 1),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  category: categoryName.nullable().optional(),
  channel: z.enum(TICKET_CHANNELS).default('web'),
  orderId: uuid().nullable().optional(),
  /** The customer's words, the first message of the conversation. */
  message: longText(20_000).optional(),
  assigneeId: uuid().nullable().optional(),
  teamId: uuid().nullable().optional(),
  tags: tagList(20, 40).optional(),
});
export type TicketCreateInput = z.output<typeof TicketCreateSchema>;

export const TicketUpdateSchema = z
  .strictObject({
    subject: text(200, 1),
    priority: z.enum(TICKET_PRIORITIES),
    category: categoryName.nullable(),
    status: z.enum(TICKET_STATUSES),
    assigneeId: uuid().nullable(),
    teamId: uuid().nullable(),
    tags: tagList(20, 40),
    rootCause: longText(2_000).nullable(),
    resolution: longText(5_000).nullable(),
    orderId: uuid().nullable(),
  })
  .partial();
export type TicketUpdateInput = z.output<typeof TicketUpdateSchema>;

export const MESSAGE_KINDS = ['reply', 'note', 'customer'] as const;
export const TicketMessageSchema = z.strictObject({
  kind: z.enum(MESSAGE_KINDS),
  body: longText(20_000).pipe(z.string().min(1, { message: 'Must not be empty' })),
  /** With a reply: the status to set in the same step (e.g. waiting on the customer, or resolved). */
  status: z.enum(TICKET_STATUSES).optional(),
});
export type TicketMessageInput = z.output<typeof TicketMessageSchema>;

export const CannedReplySchema = z.strictObject({ title: text(120, 1), body: longText(10_000).pipe(z.string().min(1, { message: 'Must not be empty' })) });

export type SlaTargetView = { dueAt: string; remainingMinutes: number; breached: boolean; met: boolean | null; warn: boolean };

export type Ticket = {
  id: string;
  number: number;
  contactId: string;
  contactName: string | null;
  orderId: string | null;
  category: string | null;
  priority: Priority;
  channel: string;
  subject: string;
  status: TicketStatus;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  rootCause: string | null;
  resolution: string | null;
  sla: {
    policyId: string | null;
    firstResponseDueAt: string | null;
    resolutionDueAt: string | null;
    firstResponse: SlaTargetView | null;
    resolution: SlaTargetView | null;
  };
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  source: string | null;
  sourceId: string | null;
  lastMessageAt: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type TicketMessage = {
  id: string;
  kind: 'customer' | 'reply' | 'note' | 'event';
  body: string;
  meta: unknown;
  authorId: string | null;
  mailId: string | null;
  mailStatus: string | null;
  createdAt: string;
};
