import { homeApi } from '@kith/domain/home/home.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { homeOf } from './home.service.ts';

export function homeRoutes(core: Core) {
  return async function (app: App) {
    app.get(homeApi.get.path, { schema: routeSchema(homeApi.get, []), config: { action: 'workspace.read' } }, async (req) => homeOf(core, actorOf(req)));
  };
}
