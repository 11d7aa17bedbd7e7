import { z } from 'zod';
import { isoDateTime, longText, text, uuid } from '../schema/fields.ts';

/**
 * Interactions: every touchpoint with a customer (docs/models.md: the customer-care model's data collection) — calls, meetings,
 * emails, chats and messages on Zalo, Facebook or SMS, visits and notes — on the customer's one timeline.
 */
export const INTERACTION_KINDS = ['call', 'meeting', 'email', 'chat', 'message', 'visit', 'note'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export const INTERACTION_CHANNELS = ['phone', 'zalo', 'facebook', 'sms', 'web_chat', 'email', 'in_person', 'video', 'other'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];
export const DIRECTIONS = ['inbound', 'outbound'] as const;

const fields = {
  contactId: uuid(),
  companyId: uuid().nullable(),
  kind: z.enum(INTERACTION_KINDS),
  channel: z.enum(INTERACTION_CHANNELS).nullable(),
  direction: z.enum(DIRECTIONS).nullable(),
  occurredAt: isoDateTime(),
  durationSeconds: z
    .number()
    .int({ message: 'Must be a whole number of seconds' })
    .min(0, { message: 'Must not be negative' })
    .max(86_400, { message: 'At most a day (86400 seconds)' })
    .nullable(),
  outcome: text(100).nullable(),
  subject: text(200).nullable(),
  body: longText(20_000).nullable(),
};
export const InteractionCreateSchema = z.strictObject(fields).partial().required({ contactId: true, kind: true });
export const InteractionUpdateSchema = z.strictObject(fields).partial();
export type InteractionCreateInput = z.output<typeof InteractionCreateSchema>;
export type InteractionUpdateInput = z.output<typeof InteractionUpdateSchema>;

// The response shape (Interaction) is the API contract's: interaction.api.ts.

/** The channel a kind of interaction happens on when none is given (a call on the phone, a visit in person). */
export function defaultChannel(kind: InteractionKind): InteractionChannel | null {
  return kind === 'call' ? 'phone' : kind === 'email' ? 'email' : kind === 'visit' || kind === 'meeting' ? 'in_person' : null;
}
