import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { TICKET_PRIORITIES } from '../tickets/tickets.ts';
import { isoDateTime, text, uuid } from '../schema/fields.ts';
import { InvitationCreateSchema, QUESTION_TYPES, SURVEY_STATUSES, SurveyCreateSchema, SurveyUpdateSchema, TRIGGERS } from './survey.schema.ts';

/**
 * The surveys API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use
 * these. The survey page a customer opens (GET /s/{token}) is HTML and no contract; the answer it posts is one.
 */

export const WordingOut = z.object({ vi: z.string().optional(), en: z.string().optional() });
export const QuestionOut = z.object({
  id: z.string(),
  position: z.number().int(),
  type: z.enum(QUESTION_TYPES),
  text: WordingOut,
  options: z.array(WordingOut).nullable(),
  required: z.boolean(),
});
export const SurveyOut = z
  .object({
    id: z.string(),
    name: z.string(),
    title: WordingOut,
    intro: WordingOut,
    status: z.enum(SURVEY_STATUSES),
    trigger: z.object({
      kind: z.enum(TRIGGERS),
      delayMinutes: z.number().optional(),
      delayDays: z.number().optional(),
    }),
    followUp: z.object({ enabled: z.boolean(), npsMax: z.number(), csatMax: z.number(), priority: z.enum(TICKET_PRIORITIES) }),
    expiresDays: z.number().int(),
    questions: z.array(QuestionOut),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    stats: z.object({ invited: z.number().int(), responded: z.number().int() }),
  })
  .meta({ id: 'Survey' });

/** A survey as the API returns it. */
export type Survey = z.output<typeof SurveyOut>;
export type SurveyQuestionOut = z.output<typeof QuestionOut>;

const Interval = z.object({ low: z.number(), high: z.number() }).nullable();
const Score = z.object({
  n: z.number(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  meanInterval: Interval,
  favourable: z.number(),
  favourableShare: z.number().nullable(),
  favourableInterval: Interval,
  confidence: z.number(),
  distribution: z.array(z.number()),
});
const Bucket = <T extends z.ZodType>(s: T) => z.object({ key: z.string(), firstDay: z.string(), lastDay: z.string(), summary: s });
export const ResultsOut = z
  .object({
    nps: z.object({
      n: z.number(),
      promoters: z.number(),
      passives: z.number(),
      detractors: z.number(),
      promoterShare: z.number().nullable(),
      passiveShare: z.number().nullable(),
      detractorShare: z.number().nullable(),
      nps: z.number().nullable(),
      interval: Interval,
      confidence: z.number(),
      distribution: z.array(z.number()),
      trend: z.array(Bucket(z.object({ n: z.number(), nps: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() }))),
    }),
    csat: Score.extend({ trend: z.array(Bucket(z.object({ n: z.number(), mean: z.number().nullable(), satisfied: z.number().nullable() }))) }),
    ces: Score,
    groups: z.array(
      z.object({
        key: z.string().nullable(),
        nps: z.number().nullable(),
        npsN: z.number(),
        npsInterval: Interval,
        csat: z.number().nullable(),
        csatN: z.number(),
      }),
    ),
    responses: z.number().int(),
    invited: z.number().int(),
  })
  .meta({ id: 'SurveyResults' });
export type SurveyResults = z.output<typeof ResultsOut>;

export const ResultsQuery = z.strictObject({
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  bucket: z.enum(['week', 'month']).default('month'),
  by: z.enum(['none', 'team', 'agent', 'category', 'segment', 'survey', 'product']).default('none'),
});

export const TextAnswerOut = z.object({
  id: z.string(),
  surveyId: z.string(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  text: z.string(),
  answeredAt: Timestamp,
});
export type TextAnswer = z.output<typeof TextAnswerOut>;

export const InvitationOut = z.object({ id: z.string(), url: z.string(), token: z.string(), expiresAt: Timestamp, mailId: z.string().nullable() });
export type Invitation = z.output<typeof InvitationOut>;

export const BulkInvitationBody = z
  .strictObject({
    contactIds: z.array(uuid()).max(5_000).optional(),
    segmentId: uuid().optional(),
    channel: z.enum(['link', 'email']).default('email'),
    locale: z.enum(['vi', 'en']).optional(),
  })
  .refine((b) => Boolean(b.contactIds?.length) !== Boolean(b.segmentId), {
    message: 'Give contactIds or segmentId (one of them)',
    path: ['contactIds'],
  });
export const BulkInvitationOut = z.object({
  invited: z.number().int(),
  skipped: z.number().int(),
  invitations: z.array(z.object({ contactId: z.string(), url: z.string().nullable(), token: z.string().nullable() })),
});
export type BulkInvitation = z.output<typeof BulkInvitationOut>;

export const surveyApi = {
  list: contract({
    method: 'GET',
    path: '/surveys',
    tags: ['surveys'],
    summary: 'Surveys, newest first, with how many were invited and answered',
    status: 200,
    response: z.object({ data: z.array(SurveyOut) }),
  }),
  create: contract({
    method: 'POST',
    path: '/surveys',
    tags: ['surveys'],
    summary:
      'Create a survey: NPS, CSAT, CES, rating, single/multiple choice and text questions in Vietnamese and/or English; a trigger; the follow-up rule for unhappy answers',
    body: SurveyCreateSchema,
    status: 201,
    response: SurveyOut,
  }),
  sendable: contract({
    method: 'GET',
    path: '/surveys/sendable',
    tags: ['surveys'],
    summary: 'The active surveys you may send a customer (for agents, who do not read the results)',
    status: 200,
    response: z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), title: WordingOut, questions: z.number().int() })) }),
  }),
  results: contract({
    method: 'GET',
    path: '/surveys/results',
    tags: ['surveys'],
    summary: 'NPS, CSAT and CES over every survey with intervals, trends and a breakdown (the care dashboard)',
    query: ResultsQuery,
    status: 200,
    response: ResultsOut,
  }),
  answers: contract({
    method: 'GET',
    path: '/surveys/answers',
    tags: ['surveys'],
    summary: 'Free-text answers, newest first, searchable',
    query: z.strictObject({ q: text(100).optional(), surveyId: uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    status: 200,
    response: z.object({ data: z.array(TextAnswerOut) }),
  }),
  get: contract({
    method: 'GET',
    path: '/surveys/:id',
    tags: ['surveys'],
    summary: 'One survey with its questions',
    params: IdParams,
    status: 200,
    response: SurveyOut,
  }),
  surveyResults: contract({
    method: 'GET',
    path: '/surveys/:id/results',
    tags: ['surveys'],
    summary: 'One survey’s NPS, CSAT and CES with intervals, trends and a breakdown',
    params: IdParams,
    query: ResultsQuery,
    status: 200,
    response: ResultsOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/surveys/:id',
    tags: ['surveys'],
    summary: 'Change a survey (its questions only while it has no answers)',
    params: IdParams,
    body: SurveyUpdateSchema,
    status: 200,
    response: SurveyOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/surveys/:id',
    tags: ['surveys'],
    summary: 'Archive a survey (its answers stay in the results)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  invite: contract({
    method: 'POST',
    path: '/surveys/:id/invitations',
    tags: ['surveys'],
    summary:
      'Invite a customer: a personal link with an unguessable token that expires and is answered once (copy it into Zalo or SMS, or channel "email" to email it)',
    params: IdParams,
    body: InvitationCreateSchema,
    status: 201,
    response: InvitationOut,
  }),
  inviteMany: contract({
    method: 'POST',
    path: '/surveys/:id/invitations/bulk',
    tags: ['surveys'],
    summary:
      'Invite a list of customers (ids, or a saved segment; up to 5,000) in one step, all or nothing; those with an open invitation to this survey are skipped',
    params: IdParams,
    body: BulkInvitationBody,
    status: 201,
    response: BulkInvitationOut,
  }),
  respond: contract({
    method: 'POST',
    path: '/public/surveys/:token/responses',
    tags: ['surveys'],
    summary:
      'Answer a survey with the token of its link (no sign-in): 201 once; 409 when already answered; 410 when expired; 400 for an answer out of range; 429 when flooded',
    params: z.object({ token: z.string().max(200) }),
    body: z
      .object({ answers: z.array(z.object({ questionId: z.string(), value: z.unknown() })) })
      .describe(
        'answers: [{questionId, value}] — scales as whole numbers, a single choice as an option index, a multiple choice as a list of indexes, text as a string',
      ),
    status: 201,
    response: z.object({ id: z.string(), followUpTicketId: z.string().nullable() }),
  }),
};
