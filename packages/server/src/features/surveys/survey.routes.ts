import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvitationCreateSchema, QUESTION_TYPES, SurveyCreateSchema, SurveyUpdateSchema, SURVEY_STATUSES } from '@kith/domain/surveys/survey.schema.ts';
import { isoDateTime, text, uuid } from '@kith/domain/schema/fields.ts';
import { isAppError } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errorHandler, problemOf, sendProblem } from '../../platform/http/problem.ts';
import { errors, etag, IdParams, Timestamp } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { RequestValidationError } from '../../platform/http/zod-validator.ts';
import { newNonce, pageCsp } from '../../platform/http/html.ts';
import { messagePage, surveyPage, surveyTitle } from './survey-page.ts';
import { createInvitation, createInvitations } from './survey-invitation.service.ts';
import { createSurvey, sendableSurveys, deleteSurvey, getSurvey, listSurveys, updateSurvey } from './survey.service.ts';
import { invitationState, markOpened, submitResponse, surveyByToken } from './survey-response.service.ts';
import { surveyResults, textAnswers } from './survey-results.service.ts';

const Wording = z.object({ vi: z.string().optional(), en: z.string().optional() });
const QuestionOut = z.object({
  id: z.string(),
  position: z.number().int(),
  type: z.enum(QUESTION_TYPES),
  text: Wording,
  options: z.array(Wording).nullable(),
  required: z.boolean(),
});
export const SurveyOut = z
  .object({
    id: z.string(),
    name: z.string(),
    title: Wording,
    intro: Wording,
    status: z.enum(SURVEY_STATUSES),
    trigger: z.object({
      kind: z.enum(['manual', 'ticket_resolved', 'order_delivered']),
      delayMinutes: z.number().optional(),
      delayDays: z.number().optional(),
    }),
    followUp: z.object({ enabled: z.boolean(), npsMax: z.number(), csatMax: z.number(), priority: z.string() }),
    expiresDays: z.number().int(),
    questions: z.array(QuestionOut),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    stats: z.object({ invited: z.number().int(), responded: z.number().int() }),
  })
  .meta({ id: 'Survey' });

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
const ResultsOut = z
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

const ResultsQuery = z.strictObject({
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  bucket: z.enum(['week', 'month']).default('month'),
  by: z.enum(['none', 'team', 'agent', 'category', 'segment', 'survey', 'product']).default('none'),
});

/** Default period: the last twelve months up to now. */
function period(core: Core, q: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  // Up to a minute past now, so an answer given this instant is in.
  const to = q.to ?? new Date(core.now().getTime() + 60_000).toISOString();
  const from = q.from ?? new Date(Date.parse(to) - 365 * 86_400_000).toISOString();
  return { from, to };
}

/** The public answer endpoint answers 400 (not 422) for answers that do not fit, as its contract says. */
function publicErrors(error: Error, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof RequestValidationError) return sendProblem(reply, problemOf('bad_request', 'The answers are not in the expected form', error.issues));
  return errorHandler(error, req, reply);
}

export function surveyRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/surveys',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Surveys, newest first, with how many were invited and answered',
          response: { 200: z.object({ data: z.array(SurveyOut) }) },
        },
        config: { action: 'surveys.read' },
      },
      async (req) => listSurveys(core, actorOf(req)),
    );
    app.post(
      '/surveys',
      {
        schema: {
          tags: ['surveys'],
          summary:
            'Create a survey: NPS, CSAT, CES, rating, single/multiple choice and text questions in Vietnamese and/or English; a trigger; the follow-up rule for unhappy answers',
          body: SurveyCreateSchema,
          response: { 201: SurveyOut, ...errors(403, 422) },
        },
        config: { action: 'surveys.manage' },
      },
      async (req, reply) => {
        const s = await createSurvey(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(s.version)).header('location', `/api/v1/surveys/${s.id}`).send(s);
      },
    );
    app.get(
      '/surveys/sendable',
      {
        schema: {
          tags: ['surveys'],
          summary: 'The active surveys you may send a customer (for agents, who do not read the results)',
          response: {
            200: z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), title: Wording, questions: z.number().int() })) }),
            ...errors(403),
          },
        },
        config: { action: 'surveys.send' },
      },
      async (req) => sendableSurveys(core, actorOf(req)),
    );
    app.get(
      '/surveys/results',
      {
        schema: {
          tags: ['surveys'],
          summary: 'NPS, CSAT and CES over every survey with intervals, trends and a breakdown (the care dashboard)',
          querystring: ResultsQuery,
          response: { 200: ResultsOut, ...errors(403, 422) },
        },
        config: { action: 'surveys.read' },
      },
      async (req) => surveyResults(core, actorOf(req), { ...period(core, req.query), bucket: req.query.bucket, by: req.query.by }),
    );
    app.get(
      '/surveys/answers',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Free-text answers, newest first, searchable',
          querystring: z.strictObject({ q: text(100).optional(), surveyId: uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  id: z.string(),
                  surveyId: z.string(),
                  contactId: z.string(),
                  contactName: z.string().nullable(),
                  text: z.string(),
                  answeredAt: Timestamp,
                }),
              ),
            }),
            ...errors(403, 422),
          },
        },
        config: { action: 'surveys.read' },
      },
      async (req) =>
        textAnswers(core, actorOf(req), {
          limit: req.query.limit,
          ...(req.query.q ? { q: req.query.q } : {}),
          ...(req.query.surveyId ? { surveyId: req.query.surveyId } : {}),
        }),
    );
    app.get(
      '/surveys/:id',
      {
        schema: { tags: ['surveys'], summary: 'One survey with its questions', params: IdParams, response: { 200: SurveyOut, ...errors(404) } },
        config: { action: 'surveys.read' },
      },
      async (req, reply) => {
        const s = await getSurvey(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(s.version)).send(s);
      },
    );
    app.get(
      '/surveys/:id/results',
      {
        schema: {
          tags: ['surveys'],
          summary: 'One survey’s NPS, CSAT and CES with intervals, trends and a breakdown',
          params: IdParams,
          querystring: ResultsQuery,
          response: { 200: ResultsOut, ...errors(403, 404, 422) },
        },
        config: { action: 'surveys.read' },
      },
      async (req) => {
        await getSurvey(core, actorOf(req), req.params.id);
        return surveyResults(core, actorOf(req), { surveyId: req.params.id, ...period(core, req.query), bucket: req.query.bucket, by: req.query.by });
      },
    );
    app.patch(
      '/surveys/:id',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Change a survey (its questions only while it has no answers)',
          params: IdParams,
          body: SurveyUpdateSchema,
          response: { 200: SurveyOut, ...errors(403, 404, 409, 422) },
        },
        config: { action: 'surveys.manage' },
      },
      async (req, reply) => {
        const s = await updateSurvey(core, actorOf(req), req.params.id, req.body);
        return reply.header('etag', etag(s.version)).send(s);
      },
    );
    app.delete(
      '/surveys/:id',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Archive a survey (its answers stay in the results)',
          params: IdParams,
          response: { 204: z.null(), ...errors(403, 404) },
        },
        config: { action: 'surveys.manage' },
      },
      async (req, reply) => {
        await deleteSurvey(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/surveys/:id/invitations',
      {
        schema: {
          tags: ['surveys'],
          summary:
            'Invite a customer: a personal link with an unguessable token that expires and is answered once (copy it into Zalo or SMS, or channel "email" to email it)',
          params: IdParams,
          body: InvitationCreateSchema,
          response: {
            201: z.object({ id: z.string(), url: z.string(), token: z.string(), expiresAt: Timestamp, mailId: z.string().nullable() }),
            ...errors(403, 404, 409, 422),
          },
        },
        config: { action: 'surveys.send' },
      },
      async (req, reply) => reply.code(201).send(await createInvitation(core, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/surveys/:id/invitations/bulk',
      {
        schema: {
          tags: ['surveys'],
          summary:
            'Invite a list of customers (ids, or a saved segment; up to 5,000) in one step, all or nothing; those with an open invitation to this survey are skipped',
          params: IdParams,
          body: z
            .strictObject({
              contactIds: z.array(uuid()).max(5_000).optional(),
              segmentId: uuid().optional(),
              channel: z.enum(['link', 'email']).default('email'),
              locale: z.enum(['vi', 'en']).optional(),
            })
            .refine((b) => Boolean(b.contactIds?.length) !== Boolean(b.segmentId), {
              message: 'Give contactIds or segmentId (one of them)',
              path: ['contactIds'],
            }),
          response: {
            201: z.object({
              invited: z.number().int(),
              skipped: z.number().int(),
              invitations: z.array(z.object({ contactId: z.string(), url: z.string().nullable(), token: z.string().nullable() })),
            }),
            ...errors(403, 404, 409, 422),
          },
        },
        config: { action: 'surveys.send' },
      },
      async (req, reply) =>
        reply.code(201).send(
          await createInvitations(core, actorOf(req), req.params.id, {
            channel: req.body.channel,
            ...(req.body.contactIds ? { contactIds: req.body.contactIds } : {}),
            ...(req.body.segmentId ? { segmentId: req.body.segmentId } : {}),
            ...(req.body.locale ? { locale: req.body.locale } : {}),
          }),
        ),
    );
    app.post(
      '/public/surveys/:token/responses',
      {
        schema: {
          tags: ['surveys'],
          summary:
            'Answer a survey with the token of its link (no sign-in): 201 once; 409 when already answered; 410 when expired; 400 for an answer out of range; 429 when flooded',
          params: z.object({ token: z.string().max(200) }),
          body: z
            .object({ answers: z.array(z.object({ questionId: z.string(), value: z.unknown() })) })
            .describe(
              'answers: [{questionId, value}] — scales as whole numbers, a single choice as an option index, a multiple choice as a list of indexes, text as a string',
            ),
          response: { 201: z.object({ id: z.string(), followUpTicketId: z.string().nullable() }), ...errors(400, 404, 409, 429) },
        },
        config: { auth: 'none' },
        errorHandler: publicErrors,
      },
      async (req, reply) => reply.code(201).send(await submitResponse(core, req.params.token, req.body, req.ip)),
    );
  };
}

/** GET /s/{token}: the survey page anyone with the link may open (outside /api/v1). */
export function surveyPageRoutes(core: Core) {
  return async function (app: App) {
    app.get('/s/:token', { schema: { hide: true, params: z.object({ token: z.string().max(200) }) } }, async (req, reply) => {
      const nonce = newNonce();
      reply
        .header('content-security-policy', pageCsp(nonce))
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8');
      try {
        const p = await surveyByToken(core, req.params.token);
        const state = invitationState(p, core.now());
        if (state === 'open') {
          await markOpened(core, p.invitation.id);
          return reply.send(surveyPage(p, req.params.token, nonce));
        }
        return reply.code(state === 'answered' ? 200 : 410).send(messagePage(p.invitation.locale, state, nonce, p.workspaceName, surveyTitle(p)));
      } catch (e) {
        if (isAppError(e) && e.code === 'not_found')
          return reply.code(404).send(messagePage(req.headers['accept-language']?.startsWith('en') ? 'en' : 'vi', 'notFound', nonce));
        throw e;
      }
    });
  };
}
