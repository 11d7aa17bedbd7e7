import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { accountEmail } from '../contacts/contact.schema.ts';
import { ROLES } from '../permissions/permissions.ts';
import { text, uuid } from '../schema/fields.ts';

/** The invitations API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;

export const InvitationOut = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    teamId: z.string().nullable(),
    invitedBy: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    status: z.enum(INVITATION_STATUSES),
  })
  .meta({ id: 'Invitation' });

/** An invitation to the workspace, as the API returns it. */
export type Invitation = z.output<typeof InvitationOut>;

const TokenParams = z.object({ token: z.string().min(20).max(100) });

export const invitationApi = {
  create: contract({
    method: 'POST',
    path: '/invitations',
    tags: ['members'],
    summary: 'Invite someone by link (emailed when SMTP is configured; the link is also returned here, once)',
    body: z.strictObject({ email: accountEmail(), role: z.enum(ROLES), teamId: uuid().nullable().optional() }),
    status: 201,
    response: z.object({ invitation: InvitationOut, url: z.string(), emailed: z.boolean() }),
  }),
  list: contract({
    method: 'GET',
    path: '/invitations',
    tags: ['members'],
    summary: 'Invitations of this workspace',
    status: 200,
    response: z.object({ data: z.array(InvitationOut) }),
  }),
  revoke: contract({
    method: 'DELETE',
    path: '/invitations/:id',
    tags: ['members'],
    summary: 'Revoke a pending invitation',
    params: IdParams,
    status: 204,
    response: null,
  }),
  preview: contract({
    method: 'GET',
    path: '/invitations/by-token/:token',
    tags: ['members'],
    summary: 'What an invitation link is for (no sign-in)',
    params: TokenParams,
    status: 200,
    response: z.object({ workspaceName: z.string(), email: z.string(), role: z.enum(ROLES) }),
  }),
  accept: contract({
    method: 'POST',
    path: '/invitations/by-token/:token/accept',
    tags: ['members'],
    summary:
      'Accept an invitation: someone new gives a name and a password (their account is made); an existing account accepts signed in as the invited address (session or token, empty body), or by signing in with the link (POST /auth/login with `invitation`). Never a password of an existing account here.',
    params: TokenParams,
    body: z.strictObject({ name: text(200, 1).optional(), password: z.string().max(1024).optional() }),
    status: 200,
    response: z.object({ userId: z.string(), workspaceId: z.string(), email: z.string() }),
  }),
};
