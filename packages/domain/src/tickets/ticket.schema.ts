import { z } from 'zod';
import { longText, tagList, text, uuid } from '../schema/fields.ts';
import { categoryName } from './care-settings.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from './tickets.ts';

/**
 * Request shapes for tickets (issue 6): SLA policies, tickets and their messages (the care settings:
 * care-settings.ts). Shared by validation and the OpenAPI document.
 */

export const TICKET_CHANNELS = ['email', 'phone', 'chat', 'zalo', 'web', 'in_person', 'survey', 'other'] as const;

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
