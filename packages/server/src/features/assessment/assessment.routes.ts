import { z } from 'zod';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { isAppError } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { errors, fileResponse, IdParams } from '../../platform/http/schemas.ts';
import { newNonce, pageCsp } from '../../platform/http/html.ts';
import type { App } from '../../platform/http/types.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { copyFramework, editFramework, getFramework, langOf, listFrameworks, removeFramework } from './assessment-framework.service.ts';
import {
  changeAssessment,
  getMyScores,
  getOne,
  invite,
  listAll,
  listRespondents,
  putFinals,
  putMyScores,
  removeAssessment,
  startAssessment,
  withdraw,
} from './assessment.service.ts';
import {
  benchmarkSettings,
  buildReport,
  consolidationView,
  freeze,
  history,
  overallOf,
  refreshEvidence,
  setBenchmarkSharing,
} from './assessment-report.service.ts';
import { reportCsv, reportHtml } from './assessment-files.ts';
import { assessmentPage, linkState, messagePage, outsideRespondent, publicSave } from './assessment-page.ts';

export function assessmentRoutes(core: Core) {
  return async function (app: App) {
    app.get(assessmentApi.frameworks.path, { schema: routeSchema(assessmentApi.frameworks, [403]), config: { action: 'assessments.read' } }, async (req) =>
      listFrameworks(core, actorOf(req), req.query.lang),
    );
    app.get(assessmentApi.framework.path, { schema: routeSchema(assessmentApi.framework, [403, 404]), config: { action: 'assessments.read' } }, async (req) =>
      getFramework(core, actorOf(req), req.params.key, req.query.lang),
    );
    app.post(
      assessmentApi.copyFramework.path,
      { schema: routeSchema(assessmentApi.copyFramework, [403, 404, 422]), config: { action: 'assessments.manage' } },
      async (req, reply) => reply.code(201).send(await copyFramework(core, actorOf(req), req.params.key, req.body.name)),
    );
    app.patch(
      assessmentApi.editFramework.path,
      { schema: routeSchema(assessmentApi.editFramework, [403, 404, 409, 422]), config: { action: 'assessments.manage' } },
      async (req) => editFramework(core, actorOf(req), req.params.key, req.body, req.query.lang),
    );
    app.delete(
      assessmentApi.deleteFramework.path,
      { schema: routeSchema(assessmentApi.deleteFramework, [403, 404, 409]), config: { action: 'assessments.manage' } },
      async (req, reply) => {
        await removeFramework(core, actorOf(req), req.params.key);
        return reply.code(204).send(null);
      },
    );
    app.get(assessmentApi.settings.path, { schema: routeSchema(assessmentApi.settings, [403]), config: { action: 'assessments.read' } }, async (req) =>
      benchmarkSettings(core, actorOf(req)),
    );
    app.put(
      assessmentApi.updateSettings.path,
      { schema: routeSchema(assessmentApi.updateSettings, [403, 422]), config: { action: 'assessments.benchmark' } },
      async (req) => setBenchmarkSharing(core, actorOf(req), req.body.shareBenchmark),
    );
    app.get(assessmentApi.list.path, { schema: routeSchema(assessmentApi.list, [403]), config: { action: 'assessments.read' } }, async (req) => ({
      data: await listAll(core, actorOf(req), req.query.lang, overallOf),
    }));
    app.get(assessmentApi.history.path, { schema: routeSchema(assessmentApi.history, [403, 422]), config: { action: 'assessments.read' } }, async (req) =>
      history(core, actorOf(req), req.query.framework),
    );
    app.post(
      assessmentApi.create.path,
      { schema: routeSchema(assessmentApi.create, [403, 422]), config: { action: 'assessments.manage' } },
      async (req, reply) => {
        const a = await startAssessment(core, actorOf(req), req.body, overallOf);
        return reply.code(201).header('location', `/api/v1/assessments/${a.id}`).send(a);
      },
    );
    app.get(assessmentApi.get.path, { schema: routeSchema(assessmentApi.get, [403, 404]), config: { action: 'assessments.read' } }, async (req) =>
      getOne(core, actorOf(req), req.params.id, req.query.lang, overallOf),
    );
    app.patch(
      assessmentApi.update.path,
      { schema: routeSchema(assessmentApi.update, [403, 404, 409, 422]), config: { action: 'assessments.manage' } },
      async (req) => changeAssessment(core, actorOf(req), req.params.id, req.body, (trx, row) => freeze(core, trx, row), overallOf),
    );
    app.delete(
      assessmentApi.remove.path,
      { schema: routeSchema(assessmentApi.remove, [403, 404]), config: { action: 'assessments.manage' } },
      async (req, reply) => {
        await removeAssessment(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      assessmentApi.respondents.path,
      { schema: routeSchema(assessmentApi.respondents, [403, 404]), config: { action: 'assessments.read' } },
      async (req) => ({
        data: await listRespondents(core, actorOf(req), req.params.id),
      }),
    );
    app.post(
      assessmentApi.invite.path,
      { schema: routeSchema(assessmentApi.invite, [403, 404, 409, 422]), config: { action: 'assessments.manage' } },
      async (req, reply) => reply.code(201).send({ data: await invite(core, actorOf(req), req.params.id, req.body) }),
    );
    app.delete(
      assessmentApi.removeRespondent.path,
      { schema: routeSchema(assessmentApi.removeRespondent, [403, 404]), config: { action: 'assessments.manage' } },
      async (req, reply) => {
        await withdraw(core, actorOf(req), req.params.id, req.params.respondentId);
        return reply.code(204).send(null);
      },
    );
    app.get(assessmentApi.myScores.path, { schema: routeSchema(assessmentApi.myScores, [403, 404]), config: { action: 'assessments.answer' } }, async (req) =>
      getMyScores(core, actorOf(req), req.params.id),
    );
    app.put(
      assessmentApi.putMyScores.path,
      { schema: routeSchema(assessmentApi.putMyScores, [403, 404, 409, 422]), config: { action: 'assessments.answer' } },
      async (req) => putMyScores(core, actorOf(req), req.params.id, req.body),
    );
    app.get(
      assessmentApi.consolidation.path,
      { schema: routeSchema(assessmentApi.consolidation, [403, 404, 409]), config: { action: 'assessments.read' } },
      async (req) => consolidationView(core, actorOf(req), req.params.id),
    );
    app.put(
      assessmentApi.putFinal.path,
      { schema: routeSchema(assessmentApi.putFinal, [403, 404, 409, 422]), config: { action: 'assessments.consolidate' } },
      async (req) => {
        await putFinals(core, actorOf(req), req.params.id, req.body);
        return consolidationView(core, actorOf(req), req.params.id);
      },
    );
    app.post(assessmentApi.evidence.path, { schema: routeSchema(assessmentApi.evidence, [403, 404]), config: { action: 'assessments.manage' } }, async (req) =>
      refreshEvidence(core, actorOf(req), req.params.id, req.query.lang),
    );
    app.get(assessmentApi.report.path, { schema: routeSchema(assessmentApi.report, [403, 404, 409]), config: { action: 'assessments.read' } }, async (req) =>
      buildReport(core, actorOf(req), req.params.id, req.query.lang),
    );
    const fileQuery = z.object({ lang: z.enum(['vi', 'en']).optional() });
    app.get(
      '/assessments/:id/report.csv',
      {
        schema: {
          tags: ['assessment'],
          summary: 'Every score of the assessment as CSV: areas, consolidated practices, each answer',
          params: IdParams,
          querystring: fileQuery,
          response: { 200: fileResponse('CSV, UTF-8 with a BOM', ['text/csv; charset=utf-8']), ...errors(403, 404, 409) },
        },
        config: { action: 'assessments.read' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'assessments.read');
        const { id } = req.params as { id: string };
        const lang = await langOf(core, actor, (req.query as { lang?: string }).lang);
        const r = await buildReport(core, actor, id, lang);
        const c = await consolidationView(core, actor, id);
        const answers = c.practices.flatMap((p) =>
          p.answers.map((a) => ({ practiceId: a.practiceId, respondent: a.respondent, intention: a.intention, reality: a.reality, comment: a.comment })),
        );
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="assessment-${id}.csv"`)
          .header('cache-control', 'no-store')
          .send(reportCsv(r, answers, lang));
      },
    );
    app.get(
      '/assessments/:id/report.html',
      {
        schema: {
          tags: ['assessment'],
          summary: 'The report as a standalone printable page (print it to PDF from the browser)',
          params: IdParams,
          querystring: fileQuery,
          response: { 200: fileResponse('HTML', ['text/html; charset=utf-8']), ...errors(403, 404, 409) },
        },
        config: { action: 'assessments.read' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { id } = req.params as { id: string };
        const lang = await langOf(core, actor, (req.query as { lang?: string }).lang);
        const r = await buildReport(core, actor, id, lang);
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .header('cache-control', 'no-store')
          .send(reportHtml(r, lang));
      },
    );
    app.post(
      assessmentApi.publicScores.path,
      { schema: routeSchema(assessmentApi.publicScores, [404, 409, 422, 429]), config: { auth: 'none' } },
      async (req) => publicSave(core, req.params.token, req.body, req.ip),
    );
  };
}

/** GET /a/{token}: the page an outside respondent answers on (outside /api/v1). */
export function assessmentPageRoutes(core: Core) {
  return async function (app: App) {
    app.get('/a/:token', { schema: { hide: true, params: z.object({ token: z.string().max(200) }) } }, async (req, reply) => {
      const nonce = newNonce();
      reply
        .header('content-security-policy', pageCsp(nonce))
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8');
      try {
        const r = await outsideRespondent(core, req.params.token);
        const state = linkState(r, core.now());
        if (state === 'open') return reply.send(await assessmentPage(core, r, req.params.token, nonce));
        return reply.code(state === 'submitted' ? 200 : 410).send(messagePage(r.locale, state === 'submitted' ? 'done' : state, nonce));
      } catch (e) {
        if (isAppError(e) && e.code === 'not_found')
          return reply.code(404).send(messagePage(req.headers['accept-language']?.startsWith('en') ? 'en' : 'vi', 'notFound', nonce));
        throw e;
      }
    });
  };
}
