import { z } from 'zod';
import { ROLES } from '@kith/domain/permissions/permissions.ts';
import { uuid } from '@kith/domain/schema/fields.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { changeRole, membersOf, removeMember } from './member.service.ts';

const MemberOut = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), teamIds: z.array(z.string()), joinedAt: Timestamp, disabled: z.boolean() })
  .meta({ id: 'Member' });
const UserParams = z.object({ userId: uuid() });

export function memberRoutes(core: Core) {
  return async function (app: App) {
    app.get('/members', { schema: { tags: ['members'], summary: 'People in this workspace', response: { 200: z.object({ data: z.array(MemberOut) }) } }, config: { action: 'members.read' } }, async (req) => ({
      data: await membersOf(core, actorOf(req)),
    }));

    app.patch(
      '/members/:userId',
      {
        schema: { tags: ['members'], summary: 'Change someone’s role', params: UserParams, body: z.strictObject({ role: z.enum(ROLES) }), response: { 200: MemberOut, ...errors(403, 404, 422) } },
        config: { action: 'members.update' },
      },
      async (req) => changeRole(core, actorOf(req), req.params.userId, req.body.role),
    );

    app.delete(
      '/members/:userId',
      { schema: { tags: ['members'], summary: 'Remove someone from this workspace', params: UserParams, response: { 204: z.null(), ...errors(403, 404, 409) } }, config: { action: 'members.remove' } },
      async (req, reply) => {
        await removeMember(core, actorOf(req), req.params.userId);
        return reply.code(204).send(null);
      },
    );
  };
}
