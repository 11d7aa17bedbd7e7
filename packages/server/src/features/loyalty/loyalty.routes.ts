import { loyaltyApi } from '@kith/domain/loyalty/loyalty.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { adjustPoints, getLoyalty, redeemPoints } from './loyalty-account.service.ts';
import { referralLeaderboard, setReferrer } from './loyalty-referral.service.ts';
import { getLoyaltySettings, loyaltySummary, updateLoyaltySettings } from './loyalty-settings.service.ts';

// The loyalty API's shapes live once in @kith/domain loyalty/loyalty.api.ts; the web calls the same contracts.

export function loyaltyRoutes(core: Core) {
  return async function (app: App) {
    app.get(loyaltyApi.settings.path, { schema: routeSchema(loyaltyApi.settings, []), config: { action: 'loyalty.read' } }, async (req) =>
      getLoyaltySettings(core, actorOf(req)),
    );
    app.put(loyaltyApi.saveSettings.path, { schema: routeSchema(loyaltyApi.saveSettings, [403, 422]), config: { action: 'loyalty.configure' } }, async (req) =>
      updateLoyaltySettings(core, actorOf(req), req.body),
    );
    app.get(loyaltyApi.summary.path, { schema: routeSchema(loyaltyApi.summary, []), config: { action: 'loyalty.read' } }, async (req) =>
      loyaltySummary(core, actorOf(req)),
    );
    app.get(loyaltyApi.leaderboard.path, { schema: routeSchema(loyaltyApi.leaderboard, []), config: { action: 'loyalty.read' } }, async (req) =>
      referralLeaderboard(core, actorOf(req), req.query.limit),
    );
    app.get(loyaltyApi.get.path, { schema: routeSchema(loyaltyApi.get, [404]), config: { action: 'loyalty.read' } }, async (req) =>
      getLoyalty(core, actorOf(req), req.params.id),
    );
    app.post(loyaltyApi.redeem.path, { schema: routeSchema(loyaltyApi.redeem, [403, 404, 422]), config: { action: 'loyalty.adjust' } }, async (req) =>
      redeemPoints(core, actorOf(req), req.params.id, req.body),
    );
    app.post(loyaltyApi.adjust.path, { schema: routeSchema(loyaltyApi.adjust, [403, 404, 422]), config: { action: 'loyalty.adjust' } }, async (req) =>
      adjustPoints(core, actorOf(req), req.params.id, req.body),
    );
    app.post(
      loyaltyApi.setReferrer.path,
      { schema: routeSchema(loyaltyApi.setReferrer, [403, 404, 409, 422]), config: { action: 'loyalty.adjust' } },
      async (req) => setReferrer(core, actorOf(req), req.params.id, req.body.code),
    );
  };
}
