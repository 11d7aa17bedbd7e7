import { analyticsApi } from '@kith/domain/analytics/analytics.api.ts';
import { invalid } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { contactNeeds } from './affinity.service.ts';
import { customerPicture, segmentMovement, valuePicture } from './picture.service.ts';
import { summariseRfm, todayIn, workspaceRfm } from './rfm.service.ts';
import { contactScores, lastScoreRun, refreshUnderWay, startScoreRefresh } from './score.service.ts';
import { analyticsSettings, updateAnalyticsSettings } from './settings.service.ts';

// The analytics API's shapes live once in @kith/domain analytics/analytics.api.ts; the web calls the same contracts.

export function analyticsRoutes(core: Core) {
  return async function (app: App) {
    app.post(
      analyticsApi.refreshScores.path,
      { schema: routeSchema(analyticsApi.refreshScores, [403, 409, 422]), config: { action: 'analytics.refresh' } },
      async (req, reply) => reply.code(202).send(await startScoreRefresh(core, actorOf(req), req.body?.asOf ? { asOf: req.body.asOf } : {})),
    );
    app.get(analyticsApi.scores.path, { schema: routeSchema(analyticsApi.scores, [403]), config: { action: 'analytics.read' } }, async (req) => {
      const actor = actorOf(req);
      return { run: await lastScoreRun(core, actor), running: await refreshUnderWay(core, actor.workspaceId) };
    });
    app.get(analyticsApi.contactScores.path, { schema: routeSchema(analyticsApi.contactScores, [404]), config: { action: 'contacts.read' } }, async (req) =>
      contactScores(core, actorOf(req), req.params.id),
    );
    app.get(analyticsApi.contactNeeds.path, { schema: routeSchema(analyticsApi.contactNeeds, [404]), config: { action: 'contacts.read' } }, async (req) =>
      contactNeeds(core, actorOf(req), req.params.id),
    );
    app.get(analyticsApi.settings.path, { schema: routeSchema(analyticsApi.settings, [403]), config: { action: 'analytics.read' } }, async (req) =>
      analyticsSettings(core, actorOf(req).workspaceId),
    );
    app.put(
      analyticsApi.saveSettings.path,
      { schema: routeSchema(analyticsApi.saveSettings, [403, 422]), config: { action: 'analytics.configure' } },
      async (req) => updateAnalyticsSettings(core, actorOf(req), req.body),
    );
    app.get(analyticsApi.value.path, { schema: routeSchema(analyticsApi.value, [403]), config: { action: 'analytics.read' } }, async (req) =>
      valuePicture(core, actorOf(req)),
    );
    app.get(analyticsApi.customers.path, { schema: routeSchema(analyticsApi.customers, [403, 422]), config: { action: 'analytics.read' } }, async (req) => {
      const actor = actorOf(req);
      return customerPicture(core, actor, req.query.asOf ?? (await todayIn(core, actor.workspaceId)), {
        months: req.query.months,
        churnDays: req.query.churnDays,
      });
    });
    app.get(analyticsApi.movement.path, { schema: routeSchema(analyticsApi.movement, [403, 422]), config: { action: 'analytics.read' } }, async (req) => {
      if (req.query.from > req.query.to) throw invalid([{ path: ['from'], message: 'Must be on or before "to"' }]);
      return segmentMovement(core, actorOf(req), req.query.from, req.query.to);
    });
    app.get(analyticsApi.rfm.path, { schema: routeSchema(analyticsApi.rfm, [403, 422]), config: { action: 'analytics.read' } }, async (req) => {
      const actor = actorOf(req);
      return summariseRfm(await workspaceRfm(core, actor, req.query.asOf ?? (await todayIn(core, actor.workspaceId))));
    });
  };
}
