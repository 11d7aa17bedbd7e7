import { invitationApi } from '@kith/domain/invitations/invitation.api.ts';
import type { Core } from '../../core.ts';
import { actorOf, requestInfo } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { acceptInvitation, invite, listInvitations, previewInvitation, revokeInvitation } from './invitation.service.ts';

// The invitations API's shapes live once in @kith/domain invitations/invitation.api.ts; the web calls the same contracts.

export function invitationRoutes(core: Core) {
  return async function (app: App) {
    app.post(
      invitationApi.create.path,
      { schema: routeSchema(invitationApi.create, [403, 409, 422]), config: { action: 'members.invite' } },
      async (req, reply) => reply.code(201).send(await invite(core, actorOf(req), req.body)),
    );
    app.get(invitationApi.list.path, { schema: routeSchema(invitationApi.list, []), config: { action: 'members.invite' } }, async (req) => ({
      data: await listInvitations(core, actorOf(req)),
    }));
    app.delete(invitationApi.revoke.path, { schema: routeSchema(invitationApi.revoke, [404]), config: { action: 'members.invite' } }, async (req, reply) => {
      await revokeInvitation(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.get(invitationApi.preview.path, { schema: routeSchema(invitationApi.preview, [404]), config: { auth: 'none' } }, async (req) =>
      previewInvitation(core, req.params.token),
    );
    app.post(invitationApi.accept.path, { schema: routeSchema(invitationApi.accept, [403, 404, 409, 422, 429]), config: { auth: 'optional' } }, async (req) =>
      acceptInvitation(core, req.params.token, req.body, { actor: req.actor, ip: requestInfo(req).ip }),
    );
  };
}
