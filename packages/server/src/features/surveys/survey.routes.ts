import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { surveyApi } from '@kith/domain/surveys/survey.api.ts';
import { isAppError } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errorHandler, problemOf, sendProblem } from '../../platform/http/problem.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { etag } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { RequestValidationError } from '../../platform/http/zod-validator.ts';
import { newNonce, pageCsp } from '../../platform/http/html.ts';
import { messagePage, surveyPage, surveyTitle } from './survey-page.ts';
import { createInvitation, createInvitations } from './survey-invitation.service.ts';
import { createSurvey, sendableSurveys, deleteSurvey, getSurvey, listSurveys, updateSurvey } from './survey.service.ts';
import { invitationState, markOpened, submitResponse, surveyByToken } from './survey-response.service.ts';
import { surveyResults, textAnswers } from './survey-results.service.ts';

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
    app.get(surveyApi.list.path, { schema: routeSchema(surveyApi.list, []), config: { action: 'surveys.read' } }, async (req) =>
      listSurveys(core, actorOf(req)),
    );
    app.post(surveyApi.create.path, { schema: routeSchema(surveyApi.create, [403, 422]), config: { action: 'surveys.manage' } }, async (req, reply) => {
      const s = await createSurvey(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(s.version)).header('location', `/api/v1/surveys/${s.id}`).send(s);
    });
    app.get(surveyApi.sendable.path, { schema: routeSchema(surveyApi.sendable, [403]), config: { action: 'surveys.send' } }, async (req) =>
      sendableSurveys(core, actorOf(req)),
    );
    app.get(surveyApi.results.path, { schema: routeSchema(surveyApi.results, [403, 422]), config: { action: 'surveys.read' } }, async (req) =>
      surveyResults(core, actorOf(req), { ...period(core, req.query), bucket: req.query.bucket, by: req.query.by }),
    );
    app.get(surveyApi.answers.path, { schema: routeSchema(surveyApi.answers, [403, 422]), config: { action: 'surveys.read' } }, async (req) =>
      textAnswers(core, actorOf(req), {
        limit: req.query.limit,
        ...(req.query.q ? { q: req.query.q } : {}),
        ...(req.query.surveyId ? { surveyId: req.query.surveyId } : {}),
      }),
    );
    app.get(surveyApi.get.path, { schema: routeSchema(surveyApi.get, [404]), config: { action: 'surveys.read' } }, async (req, reply) => {
      const s = await getSurvey(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(s.version)).send(s);
    });
    app.get(
      surveyApi.surveyResults.path,
      { schema: routeSchema(surveyApi.surveyResults, [403, 404, 422]), config: { action: 'surveys.read' } },
      async (req) => {
        await getSurvey(core, actorOf(req), req.params.id);
        return surveyResults(core, actorOf(req), { surveyId: req.params.id, ...period(core, req.query), bucket: req.query.bucket, by: req.query.by });
      },
    );
    app.patch(
      surveyApi.update.path,
      { schema: routeSchema(surveyApi.update, [403, 404, 409, 422]), config: { action: 'surveys.manage' } },
      async (req, reply) => {
        const s = await updateSurvey(core, actorOf(req), req.params.id, req.body);
        return reply.header('etag', etag(s.version)).send(s);
      },
    );
    app.delete(surveyApi.remove.path, { schema: routeSchema(surveyApi.remove, [403, 404]), config: { action: 'surveys.manage' } }, async (req, reply) => {
      await deleteSurvey(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.post(surveyApi.invite.path, { schema: routeSchema(surveyApi.invite, [403, 404, 409, 422]), config: { action: 'surveys.send' } }, async (req, reply) =>
      reply.code(201).send(await createInvitation(core, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      surveyApi.inviteMany.path,
      { schema: routeSchema(surveyApi.inviteMany, [403, 404, 409, 422]), config: { action: 'surveys.send' } },
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
      surveyApi.respond.path,
      { schema: routeSchema(surveyApi.respond, [400, 404, 409, 429]), config: { auth: 'none' }, errorHandler: publicErrors },
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
