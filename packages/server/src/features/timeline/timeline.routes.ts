import { timelineApi } from '@kith/domain/timeline/timeline.api.ts';
import type { Core } from '../../core.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { contactTimeline } from './timeline.service.ts';

export function timelineRoutes(core: Core) {
  return async (app: App) => {
    app.get(timelineApi.list.path, { schema: routeSchema(timelineApi.list, [404, 422]), config: { action: 'contacts.read' } }, async (req) =>
      contactTimeline(core, actorOf(req), req.params.id, {
        limit: req.query.limit,
        ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
        ...(req.query.kinds ? { kinds: req.query.kinds } : {}),
      }),
    );
  };
}
