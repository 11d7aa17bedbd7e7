import { z } from 'zod';
import { text, uuid } from '@kith/domain/schema/fields.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, IdParams, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { addTeamMember, createTeam, deleteTeam, listTeams, removeTeamMember, renameTeam } from './team.service.ts';

const TeamOut = z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()), createdAt: Timestamp, updatedAt: Timestamp }).meta({ id: 'Team' });
const MemberParams = z.object({ id: uuid(), userId: uuid() });

export function teamRoutes(core: Core) {
  return async function (app: App) {
    app.get('/teams', { schema: { tags: ['teams'], summary: 'Teams in this workspace', response: { 200: z.object({ data: z.array(TeamOut) }) } }, config: { action: 'teams.read' } }, async (req) => ({
      data: await listTeams(core, actorOf(req)),
    }));
    app.post(
      '/teams',
      { schema: { tags: ['teams'], summary: 'Create a team', body: z.strictObject({ name: text(100, 1) }), response: { 201: TeamOut, ...errors(403, 409, 422) } }, config: { action: 'teams.manage' } },
      async (req, reply) => reply.code(201).send(await createTeam(core, actorOf(req), req.body.name)),
    );
    app.patch(
      '/teams/:id',
      { schema: { tags: ['teams'], summary: 'Rename a team', params: IdParams, body: z.strictObject({ name: text(100, 1) }), response: { 200: TeamOut, ...errors(403, 404, 409, 422) } }, config: { action: 'teams.manage' } },
      async (req) => renameTeam(core, actorOf(req), req.params.id, req.body.name),
    );
    app.delete(
      '/teams/:id',
      { schema: { tags: ['teams'], summary: 'Delete a team (its records keep their owners)', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } }, config: { action: 'teams.manage' } },
      async (req, reply) => {
        await deleteTeam(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.put(
      '/teams/:id/members/:userId',
      { schema: { tags: ['teams'], summary: 'Add someone to a team', params: MemberParams, response: { 200: TeamOut, ...errors(403, 404) } }, config: { action: 'teams.manage' } },
      async (req) => addTeamMember(core, actorOf(req), req.params.id, req.params.userId),
    );
    app.delete(
      '/teams/:id/members/:userId',
      { schema: { tags: ['teams'], summary: 'Take someone off a team', params: MemberParams, response: { 200: TeamOut, ...errors(403, 404) } }, config: { action: 'teams.manage' } },
      async (req) => removeTeamMember(core, actorOf(req), req.params.id, req.params.userId),
    );
  };
}
