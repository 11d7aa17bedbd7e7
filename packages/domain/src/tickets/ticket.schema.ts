import { z } from 'zod';
import { longText, text } from '../schema/fields.ts';
import { categoryName } from './care-settings.ts';
import { TICKET_FIELDS, ticketInputShape } from './ticket.fields.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './tickets.ts';

/**
 * Request shapes for tickets (issue 6): SLA policies, tickets and their messages (the care settings:
 * care-settings.ts). A ticket's fields come from its field table (ticket.fields.ts). Shared by validation and
 * the OpenAPI document; the responses are in ticket.api.ts.
 */

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

const F = TICKET_FIELDS;

/** A new ticket: who and what, how it came in, and optionally the customer's first words and who works it. */
export const TicketCreateSchema = z.strictObject({
  contactId: F.contactId.input,
  subject: F.subject.input,
  priority: F.priority.input.default('normal'),
  category: F.category.input.optional(),
  channel: F.channel.input.default('web'),
  orderId: F.orderId.input.optional(),
  /** The customer's words, the first message of the conversation. */
  message: longText(20_000).optional(),
  assigneeId: F.assigneeId.input.optional(),
  teamId: F.teamId.input.optional(),
  tags: F.tags.input.optional(),
});
export type TicketCreateInput = z.output<typeof TicketCreateSchema>;

/** A change: any settable field but the customer and the channel, which stay as the ticket was opened. */
const { contactId: _c, channel: _ch, ...updatable } = ticketInputShape;
export const TicketUpdateSchema = z.strictObject(updatable).partial();
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
