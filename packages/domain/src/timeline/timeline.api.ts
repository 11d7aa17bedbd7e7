import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { ORDER_STATUSES } from '../orders/order.schema.ts';
import { InteractionOut } from '../interactions/interaction.api.ts';

/**
 * The customer's one timeline as the API returns it (GET /contacts/:id/timeline, timelineApi.list):
 * interactions, orders, tasks, deal moves, ticket messages, survey answers, points and changes to the record.
 * Each kind is read by the feature that owns it (its module's `timeline` source, server features/timeline/).
 */

export const TIMELINE_KINDS = ['interaction', 'order', 'task', 'deal', 'ticket', 'survey', 'loyalty', 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  kinds: z
    .string()
    .max(100)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = list.filter((k) => !(TIMELINE_KINDS as readonly string[]).includes(k));
      if (bad.length)
        ctx.addIssue({ code: 'custom', message: `Unknown kinds: ${bad.join(', ')}; use ${TIMELINE_KINDS.join(', ')}`, params: { code: 'invalid_choice' } });
      return list as TimelineKind[];
    }),
});

const SurveyEntryOut = z.object({
  surveyId: z.string(),
  name: z.string(),
  responseId: z.string(),
  followUpTicketId: z.string().nullable(),
  answers: z.array(z.object({ type: z.string(), text: z.unknown(), value: z.number().nullable(), valueText: z.string().nullable(), choices: z.unknown() })),
});
const LoyaltyEntryOut = z.object({
  kind: z.string(),
  points: z.number().int(),
  orderId: z.string().nullable(),
  relatedContactId: z.string().nullable(),
  reason: z.string().nullable(),
  meta: z.unknown(),
});

export const TimelineEntryOut = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('change'),
    id: z.string(),
    at: Timestamp,
    actorUserId: z.string().nullable(),
    viaToken: z.boolean(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    meta: z.unknown(),
  }),
  z.object({
    kind: z.literal('order'),
    id: z.string(),
    at: Timestamp,
    actorUserId: z.string().nullable(),
    order: z.object({
      number: z.string(),
      status: z.enum(ORDER_STATUSES),
      total: z.number().int(),
      currency: z.string(),
      channel: z.string().nullable(),
      lineCount: z.number().int(),
    }),
  }),
  z.object({ kind: z.literal('interaction'), id: z.string(), at: Timestamp, actorUserId: z.string().nullable(), interaction: InteractionOut }),
  z.object({
    kind: z.literal('task'),
    id: z.string(),
    at: Timestamp,
    actorUserId: z.string().nullable(),
    task: z.object({ title: z.string(), dueAt: Timestamp.nullable(), doneAt: Timestamp.nullable(), assigneeId: z.string().nullable(), priority: z.string() }),
  }),
  z.object({
    kind: z.literal('deal'),
    id: z.string(),
    at: Timestamp,
    actorUserId: z.string().nullable(),
    deal: z.object({
      dealId: z.string(),
      title: z.string(),
      action: z.string(),
      fromStage: z.string().nullable(),
      toStage: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  }),
  z.object({
    kind: z.literal('ticket'),
    id: z.string(),
    at: Timestamp,
    actorUserId: z.string().nullable(),
    ticket: z.object({
      ticketId: z.string(),
      number: z.number().int(),
      subject: z.string(),
      status: z.string(),
      message: z.object({ kind: z.string(), body: z.string(), meta: z.unknown() }),
    }),
  }),
  z.object({ kind: z.literal('loyalty'), id: z.string(), at: Timestamp, actorUserId: z.string().nullable(), loyalty: LoyaltyEntryOut }),
  z.object({ kind: z.literal('survey'), id: z.string(), at: Timestamp, actorUserId: z.null(), survey: SurveyEntryOut }),
]);
export type TimelineEntry = z.output<typeof TimelineEntryOut>;
export type SurveyTimelineEntry = z.output<typeof SurveyEntryOut>;
export type LoyaltyTimelineEntry = z.output<typeof LoyaltyEntryOut>;

export const TimelinePageOut = z.object({ data: z.array(TimelineEntryOut), nextCursor: z.string().nullable() });

export const timelineApi = {
  list: contract({
    method: 'GET',
    path: '/contacts/:id/timeline',
    tags: ['contacts'],
    summary:
      'Everything that happened with a customer, newest first: interactions, orders, tasks and changes to the record (kinds=interaction,order,task,change to choose)',
    params: IdParams,
    query: TimelineQuery,
    status: 200,
    response: TimelinePageOut,
  }),
};
