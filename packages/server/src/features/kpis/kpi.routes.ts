import { KpiReportQuery, kpiApi } from '@kith/domain/kpis/kpi.api.ts';
import { z } from 'zod';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { errors, etag, fileResponse, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { createKpi, removeKpi, updateKpi } from './kpi-definition.service.ts';
import { reportCsv } from './kpi-files.ts';
import {
  closePeriod,
  kpiDefinitions,
  kpiHistory,
  kpiReport,
  listKpis,
  listPeriods,
  listTargets,
  putTarget,
  recountPeriod,
  removeTarget,
  splitTeamTarget,
} from './kpi.service.ts';
import { listPlans, putPlan, removePlan } from './segment-plan.service.ts';

// The KPI API's shapes live once in @kith/domain kpis/kpi.api.ts; the web and the CLI call the same contracts.

export function kpiRoutes(core: Core) {
  return async function (app: App) {
    app.get(kpiApi.list.path, { schema: routeSchema(kpiApi.list, [403]), config: { action: 'kpis.read' } }, async (req) => listKpis(core, actorOf(req)));
    app.post(kpiApi.create.path, { schema: routeSchema(kpiApi.create, [403, 422]), config: { action: 'kpis.configure' } }, async (req, reply) => {
      const k = await createKpi(core, actorOf(req), req.body);
      return reply
        .code(201)
        .header('etag', etag(k.version ?? 1))
        .header('location', `/api/v1/kpis/${k.key}`)
        .send(k);
    });
    app.patch(kpiApi.update.path, { schema: routeSchema(kpiApi.update, [403, 404, 412, 422]), config: { action: 'kpis.configure' } }, async (req, reply) => {
      const k = await updateKpi(core, actorOf(req), req.params.key, req.body, parseIfMatch(req.headers['if-match']));
      if (k.version !== null) reply.header('etag', etag(k.version));
      return reply.send(k);
    });
    app.delete(kpiApi.remove.path, { schema: routeSchema(kpiApi.remove, [403, 404, 422]), config: { action: 'kpis.configure' } }, async (req, reply) => {
      await removeKpi(core, actorOf(req), req.params.key);
      return reply.code(204).send(null);
    });
    app.get(kpiApi.report.path, { schema: routeSchema(kpiApi.report, [403, 404, 422]), config: { action: 'kpis.read' } }, async (req) =>
      kpiReport(core, actorOf(req), req.query),
    );
    app.get(
      '/kpis/report.csv',
      {
        schema: {
          tags: ['kpis'],
          summary: 'The KPI report of a period as CSV (one row per person or team and KPI; names safe for spreadsheets)',
          querystring: KpiReportQuery.extend({ lang: z.enum(['vi', 'en']).default('vi') }),
          response: { 200: fileResponse('CSV, UTF-8 with a BOM', ['text/csv; charset=utf-8']), ...errors(403, 404, 422) },
        },
        config: { action: 'kpis.read' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const q = req.query as z.output<typeof KpiReportQuery> & { lang: 'vi' | 'en' };
        const r = await kpiReport(core, actor, q);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="kpi-${r.period.key}-${r.by}.csv"`)
          .header('cache-control', 'no-store')
          .send(reportCsv(r, await kpiDefinitions(core.db, actor.workspaceId), q.lang));
      },
    );
    app.get(kpiApi.history.path, { schema: routeSchema(kpiApi.history, [403, 404, 422]), config: { action: 'kpis.read' } }, async (req) =>
      kpiHistory(core, actorOf(req), req.query),
    );
    app.get(kpiApi.targets.path, { schema: routeSchema(kpiApi.targets, [403, 422]), config: { action: 'kpis.read' } }, async (req) =>
      listTargets(core, actorOf(req), req.query),
    );
    app.put(kpiApi.putTarget.path, { schema: routeSchema(kpiApi.putTarget, [403, 409, 422]), config: { action: 'kpi_targets.manage' } }, async (req) =>
      putTarget(core, actorOf(req), req.body),
    );
    app.delete(
      kpiApi.removeTarget.path,
      { schema: routeSchema(kpiApi.removeTarget, [403, 404, 409]), config: { action: 'kpi_targets.manage' } },
      async (req, reply) => {
        await removeTarget(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(kpiApi.split.path, { schema: routeSchema(kpiApi.split, [403, 409, 422]), config: { action: 'kpi_targets.manage' } }, async (req) =>
      splitTeamTarget(core, actorOf(req), req.body),
    );
    app.get(kpiApi.periods.path, { schema: routeSchema(kpiApi.periods, [403]), config: { action: 'kpis.read' } }, async (req) =>
      listPeriods(core, actorOf(req)),
    );
    app.post(kpiApi.close.path, { schema: routeSchema(kpiApi.close, [403, 404, 409, 422]), config: { action: 'kpi_periods.close' } }, async (req) =>
      closePeriod(core, actorOf(req), req.params.period),
    );
    app.post(kpiApi.recount.path, { schema: routeSchema(kpiApi.recount, [403, 404, 409, 422]), config: { action: 'kpi_periods.close' } }, async (req) =>
      recountPeriod(core, actorOf(req), req.params.period),
    );
    app.get(kpiApi.plans.path, { schema: routeSchema(kpiApi.plans, [403, 422]), config: { action: 'analytics.read' } }, async (req) =>
      listPlans(core, actorOf(req), req.query.period),
    );
    app.put(kpiApi.putPlan.path, { schema: routeSchema(kpiApi.putPlan, [403, 422]), config: { action: 'segment_plans.manage' } }, async (req) =>
      putPlan(core, actorOf(req), req.body),
    );
    app.delete(
      kpiApi.removePlan.path,
      { schema: routeSchema(kpiApi.removePlan, [403, 404]), config: { action: 'segment_plans.manage' } },
      async (req, reply) => {
        await removePlan(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
