import { z } from 'zod';
import { accountEmail } from '@kith/domain/contacts/contact.schema.ts';
import { ROLES } from '@kith/domain/permissions/permissions.ts';
import { text, uuid } from '@kith/domain/schema/fields.ts';
import type { Core } from '../core.ts';
import { actorOf, requestInfo } from '../http/auth-hook.ts';
import { errors, IdParams, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { acceptInvitation, invite, listInvitations, previewInvitation, revokeInvitation } from './invitation.service.ts';

const InvitationOut = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    teamId: z.string().nullable(),
    invitedBy: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  })
  .meta({ id: 'Invitation' });
const TokenParams = z.object({ token: z.string().min(20).max(100) });

export function invitationRoutes(core: Core) {
  return async function (app: App) {
    app.post(
      '/invitations',
      {
        schema: {
          tags: ['members'],
          summary: 'Invite someone by link (emailed when SMTP is configured; the link is also returned here, once)',
          body: z.strictObject({ email: accountEmail(), role: z.enum(ROLES), teamId: uuid().nullable().optional() }),
          response: { 201: z.object({ invitation: InvitationOut, url: z.string(), emailed: z.boolean() }), ...errors(403, 409, 422) },
        },
        config: { action: 'members.invite' },
      },
      async (req, reply) => reply.code(201).send(await invite(core, actorOf(req), req.body)),
    );
    app.get('/invitations', { schema: { tags: ['members'], summary: 'Invitations of this workspace', response: { 200: z.object({ data: z.array(InvitationOut) }) } }, config: { action: 'members.invite' } }, async (req) => ({
      data: await listInvitations(core, actorOf(req)),
    }));
    app.delete(
      '/invitations/:id',
      { schema: { tags: ['members'], summary: 'Revoke a pending invitation', params: IdParams, response: { 204: z.null(), ...errors(404) } }, config: { action: 'members.invite' } },
      async (req, reply) => {
        await revokeInvitation(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/invitations/by-token/:token',
      {
        schema: { tags: ['members'], summary: 'What an invitation link is for (no sign-in)', params: TokenParams, response: { 200: z.object({ workspaceName: z.string(), email: z.string(), role: z.enum(ROLES) }), ...errors(404) } },
        config: { auth: 'none' },
      },
      async (req) => previewInvitation(core, req.params.token),
    );
    app.post(
      '/invitations/by-token/:token/accept',
      {
        schema: {
          tags: ['members'],
          summary:
            'Accept an invitation: someone new gives a name and a password (their account is made); an existing account accepts signed in as the invited address (session or token, empty body), or by signing in with the link (POST /auth/login with `invitation`). Never a password of an existing account here.',
          params: TokenParams,
          body: z.strictObject({ name: text(200, 1).optional(), password: z.string().max(1024).optional() }),
          response: { 200: z.object({ userId: z.string(), workspaceId: z.string(), email: z.string() }), ...errors(403, 404, 409, 422, 429) },
        },
        config: { auth: 'optional' },
      },
      async (req) => acceptInvitation(core, req.params.token, req.body, { actor: req.actor, ip: requestInfo(req).ip }),
    );
  };
}
