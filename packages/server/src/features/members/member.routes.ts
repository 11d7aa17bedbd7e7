import { memberApi } from '@kith/domain/members/member.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { changeRole, membersOf, removeMember } from './member.service.ts';

// The members API's shapes live once in @kith/domain members/member.api.ts; the web calls the same contracts.

export function memberRoutes(core: Core) {
  return async function (app: App) {
    app.get(memberApi.list.path, { schema: routeSchema(memberApi.list, []), config: { action: 'members.read' } }, async (req) => ({
      data: await membersOf(core, actorOf(req)),
    }));
    app.patch(memberApi.changeRole.path, { schema: routeSchema(memberApi.changeRole, [403, 404, 422]), config: { action: 'members.update' } }, async (req) =>
      changeRole(core, actorOf(req), req.params.userId, req.body.role),
    );
    app.delete(memberApi.remove.path, { schema: routeSchema(memberApi.remove, [403, 404, 409]), config: { action: 'members.remove' } }, async (req, reply) => {
      await removeMember(core, actorOf(req), req.params.userId);
      return reply.code(204).send(null);
    });
  };
}
