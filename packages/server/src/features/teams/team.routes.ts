import { teamApi } from '@kith/domain/teams/team.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { addTeamMember, createTeam, deleteTeam, listTeams, removeTeamMember, renameTeam } from './team.service.ts';

// The teams API's shapes live once in @kith/domain teams/team.api.ts; the web calls the same contracts.

export function teamRoutes(core: Core) {
  return async function (app: App) {
    app.get(teamApi.list.path, { schema: routeSchema(teamApi.list, []), config: { action: 'teams.read' } }, async (req) => ({
      data: await listTeams(core, actorOf(req)),
    }));
    app.post(teamApi.create.path, { schema: routeSchema(teamApi.create, [403, 409, 422]), config: { action: 'teams.manage' } }, async (req, reply) =>
      reply.code(201).send(await createTeam(core, actorOf(req), req.body.name)),
    );
    app.patch(teamApi.rename.path, { schema: routeSchema(teamApi.rename, [403, 404, 409, 422]), config: { action: 'teams.manage' } }, async (req) =>
      renameTeam(core, actorOf(req), req.params.id, req.body.name),
    );
    app.delete(teamApi.remove.path, { schema: routeSchema(teamApi.remove, [403, 404]), config: { action: 'teams.manage' } }, async (req, reply) => {
      await deleteTeam(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.put(teamApi.addMember.path, { schema: routeSchema(teamApi.addMember, [403, 404]), config: { action: 'teams.manage' } }, async (req) =>
      addTeamMember(core, actorOf(req), req.params.id, req.params.userId),
    );
    app.delete(teamApi.removeMember.path, { schema: routeSchema(teamApi.removeMember, [403, 404]), config: { action: 'teams.manage' } }, async (req) =>
      removeTeamMember(core, actorOf(req), req.params.id, req.params.userId),
    );
  };
}
