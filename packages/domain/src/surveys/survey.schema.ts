import { z } from 'zod';
import { text, uuid } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';
import { checkAnswer, SCALES, type QuestionKind } from './survey-stats.ts';
import { TICKET_PRIORITIES } from '../tickets/tickets.ts';

/**
 * Surveys (issue 6): NPS (0–10), CSAT (1–5), CES (1–7), a rating (1–5 stars), single and multiple choice and
 * free text, each worded in Vietnamese and/or English. Shared by the API's validation and the public page.
 */
export const QUESTION_TYPES = ['nps', 'csat', 'ces', 'rating', 'single', 'multiple', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SCALE_TYPES: readonly QuestionType[] = ['nps', 'csat', 'ces', 'rating'];
export const isScale = (t: QuestionType): t is QuestionKind => (SCALE_TYPES as readonly string[]).includes(t);

/** Text in the survey's languages: a plain string is the same in both. */
export type Wording = { vi?: string; en?: string };
const wording = (max: number) =>
  z
    .union([text(max, 1), z.strictObject({ vi: text(max, 1).optional(), en: text(max, 1).optional() })])
    .transform((w): Wording => (typeof w === 'string' ? { vi: w, en: w } : w))
    .refine((w) => Boolean(w.vi || w.en), { message: 'Give the text in Vietnamese or English', params: withCode('required') });

export const wordingIn = (w: Wording | null | undefined, locale: string): string => (locale === 'en' ? (w?.en ?? w?.vi) : (w?.vi ?? w?.en)) ?? '';

export const QuestionInput = z
  .strictObject({
    type: z.enum(QUESTION_TYPES),
    text: wording(500),
    options: z.array(wording(200)).min(2).max(20).optional(),
    required: z.boolean().optional(),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice && !q.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice question needs at least two options', params: withCode('required') });
    if (!choice && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `A ${q.type} question has no options`, params: withCode('invalid') });
  });
export type QuestionInputT = z.output<typeof QuestionInput>;

export const TRIGGERS = ['manual', 'ticket_resolved', 'order_delivered'] as const;
export const TriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('manual') }),
  z.strictObject({ kind: z.literal('ticket_resolved'), delayMinutes: z.number().int().min(0).max(43_200).default(0) }),
  z.strictObject({ kind: z.literal('order_delivered'), delayDays: z.number().int().min(0).max(365).default(3) }),
]);
export type SurveyTrigger = z.output<typeof TriggerSchema>;

export const FollowUpSchema = z.strictObject({
  /** Open a follow-up ticket for an unhappy answer. */
  enabled: z.boolean().default(true),
  /** NPS at or below this is a detractor's answer (0–6 by Reichheld's bands). */
  npsMax: z.number().int().min(0).max(10).default(6),
  /** CSAT at or below this is unhappy (1–2 of 5). */
  csatMax: z.number().int().min(1).max(5).default(2),
  priority: z.enum(TICKET_PRIORITIES).default('high'),
});
export type FollowUp = z.output<typeof FollowUpSchema>;
export const DEFAULT_FOLLOW_UP: FollowUp = { enabled: true, npsMax: 6, csatMax: 2, priority: 'high' };

export const SURVEY_STATUSES = ['active', 'paused', 'archived'] as const;

export const SurveyCreateSchema = z.strictObject({
  name: text(200, 1),
  title: wording(200).optional(),
  intro: wording(2_000).optional(),
  questions: z.array(QuestionInput).min(1, { message: 'A survey asks at least one question' }).max(30),
  trigger: TriggerSchema.default({ kind: 'manual' }),
  followUp: FollowUpSchema.default(DEFAULT_FOLLOW_UP),
  expiresDays: z.number().int().min(1).max(365).default(30),
  status: z.enum(SURVEY_STATUSES).default('active'),
});
export type SurveyCreateInput = z.output<typeof SurveyCreateSchema>;

/** Questions are fixed once answers exist (their ids are what answers point at); the rest may change. */
export const SurveyUpdateSchema = z
  .strictObject({
    name: text(200, 1),
    title: wording(200),
    intro: wording(2_000),
    trigger: TriggerSchema,
    followUp: FollowUpSchema,
    expiresDays: z.number().int().min(1).max(365),
    status: z.enum(SURVEY_STATUSES),
    questions: z.array(QuestionInput).min(1).max(30),
  })
  .partial();
export type SurveyUpdateInput = z.output<typeof SurveyUpdateSchema>;

export const InvitationCreateSchema = z.strictObject({
  contactId: uuid(),
  /** The language of the page and the email; the workspace's when omitted. */
  locale: z.enum(['vi', 'en']).optional(),
  /** `link`: only return the link (to copy into Zalo or SMS); `email`: also email it to the customer. */
  channel: z.enum(['link', 'email']).default('link'),
  ticketId: uuid().optional(),
  orderId: uuid().optional(),
});
export type InvitationCreateInput = z.output<typeof InvitationCreateSchema>;

export type SurveyQuestion = { id: string; position: number; type: QuestionType; text: Wording; options: Wording[] | null; required: boolean };

/**
 * Why an answer does not fit its question, or null: scales by `checkAnswer` (whole numbers in range), a
 * single choice is an option's index, a multiple choice a list of distinct indexes, text a string.
 */
export function checkQuestionAnswer(q: Pick<SurveyQuestion, 'type' | 'options'>, value: unknown): string | null {
  if (isScale(q.type)) return checkAnswer(q.type, value);
  const n = q.options?.length ?? 0;
  if (q.type === 'single')
    return Number.isInteger(value) && (value as number) >= 0 && (value as number) < n ? null : `a single choice is the index of one option, 0 to ${n - 1}`;
  if (q.type === 'multiple') {
    if (!Array.isArray(value) || value.length === 0) return 'a multiple choice is a non-empty list of option indexes';
    if (!value.every((v) => Number.isInteger(v) && v >= 0 && v < n)) return `option indexes are 0 to ${n - 1}`;
    if (new Set(value).size !== value.length) return 'an option is chosen twice';
    return null;
  }
  if (typeof value !== 'string') return 'a text answer is a string';
  if (value.length > 5_000) return 'a text answer is at most 5,000 characters';
  return null;
}

export const ResponseSchema = z.strictObject({
  answers: z.array(z.strictObject({ questionId: uuid(), value: z.unknown() })).max(30),
  /** Honeypot: a field people never see; bots fill it. */
  website: z.string().max(200).optional(),
});

export const scaleOf = (t: QuestionType) => (isScale(t) ? SCALES[t] : null);
