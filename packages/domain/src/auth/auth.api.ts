import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { LABEL_LOCALES } from '../labels/enums.ts';
import { ROLES } from '../permissions/permissions.ts';
import { text, uuid } from '../schema/fields.ts';

/** The auth API's shapes and operations (api/contract.ts): signing in and out, sessions, API tokens, passwords and my profile. */

const Email = z.string().max(320);
const Password = z.string().max(1024);

export const SessionInfo = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string().nullable() }),
  workspace: z.object({ id: z.string(), name: z.string(), currency: z.string(), timezone: z.string(), phoneRegion: z.string(), locale: z.string() }),
  role: z.enum(ROLES),
  csrfToken: z.string().nullable(),
  workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })),
});

/** Who is signed in, in which workspace, with which role — as the API returns it. */
export type Session = z.output<typeof SessionInfo>;

export const TokenOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  workspaceId: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
});

/** A personal API token (never its secret), as the API returns it. */
export type ApiToken = z.output<typeof TokenOut>;

export const SessionOut = z.object({
  id: z.string(),
  current: z.boolean(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
});

/** One of my active sessions, as the API returns it. */
export type ActiveSession = z.output<typeof SessionOut>;

export const authApi = {
  login: contract({
    method: 'POST',
    path: '/auth/login',
    tags: ['auth'],
    summary: 'Sign in (web): sets the session cookie; answers with the CSRF token to send as X-CSRF-Token',
    body: z.strictObject({
      email: Email,
      password: Password,
      workspace: uuid().optional(),
      invitation: z
        .string()
        .min(20)
        .max(100)
        .optional()
        .describe('An invitation link’s token: signing in accepts it (for the account of the invited address) and opens its workspace'),
    }),
    status: 200,
    response: SessionInfo,
  }),
  session: contract({
    method: 'GET',
    path: '/auth/session',
    tags: ['auth'],
    summary: 'Who am I: user, current workspace, role, CSRF token',
    status: 200,
    response: SessionInfo,
  }),
  switchWorkspace: contract({
    method: 'PUT',
    path: '/auth/session/workspace',
    tags: ['auth'],
    summary: 'Switch the session to another of my workspaces',
    body: z.strictObject({ workspaceId: uuid() }),
    status: 200,
    response: SessionInfo,
  }),
  logout: contract({
    method: 'POST',
    path: '/auth/logout',
    tags: ['auth'],
    summary: 'End this session',
    status: 204,
    response: null,
  }),
  logoutAll: contract({
    method: 'POST',
    path: '/auth/logout-all',
    tags: ['auth'],
    summary: 'Sign out everywhere: ends every session of mine, this one too; with `revokeTokens`, every API token of mine as well',
    body: z.strictObject({ revokeTokens: z.boolean().default(false) }).optional(),
    status: 204,
    response: null,
  }),
  sessions: contract({
    method: 'GET',
    path: '/auth/sessions',
    tags: ['auth'],
    summary: 'My active sessions',
    status: 200,
    response: z.object({ data: z.array(SessionOut) }),
  }),
  endSession: contract({
    method: 'DELETE',
    path: '/auth/sessions/:id',
    tags: ['auth'],
    summary: 'End one of my sessions',
    params: IdParams,
    status: 204,
    response: null,
  }),
  createToken: contract({
    method: 'POST',
    path: '/auth/tokens',
    tags: ['auth'],
    summary:
      'Create a personal API token (shown once): with email and password, or signed in with your password. It expires after `expiresInDays` (default: the server’s KITH_TOKEN_TTL_DAYS, 90).',
    body: z.strictObject({
      email: Email.optional(),
      password: Password.optional(),
      name: text(100, 1),
      workspace: uuid().optional(),
      expiresInDays: z.number().int().min(1).max(3650).optional(),
    }),
    status: 201,
    response: TokenOut.extend({ token: z.string() }),
  }),
  tokens: contract({
    method: 'GET',
    path: '/auth/tokens',
    tags: ['auth'],
    summary: 'My API tokens in this workspace (never the secrets)',
    status: 200,
    response: z.object({ data: z.array(TokenOut) }),
  }),
  revokeToken: contract({
    method: 'DELETE',
    path: '/auth/tokens/:id',
    tags: ['auth'],
    summary: 'Revoke one of my API tokens',
    params: IdParams,
    status: 204,
    response: null,
  }),
  requestPasswordReset: contract({
    method: 'POST',
    path: '/auth/password-reset',
    tags: ['auth'],
    summary: 'Email a password-reset link. The answer is the same whether or not the address has an account.',
    body: z.strictObject({ email: Email }),
    status: 202,
    response: z.object({ status: z.literal('accepted') }),
  }),
  confirmPasswordReset: contract({
    method: 'POST',
    path: '/auth/password-reset/confirm',
    tags: ['auth'],
    summary: 'Set a new password with a reset link’s token; ends every session and token of the user',
    body: z.strictObject({ token: z.string().max(200), password: Password }),
    status: 204,
    response: null,
  }),
  me: contract({
    method: 'GET',
    path: '/me',
    tags: ['me'],
    summary: 'My profile',
    status: 200,
    response: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string().nullable(), role: z.enum(ROLES), workspaceId: z.string() }),
  }),
  updateMe: contract({
    method: 'PATCH',
    path: '/me',
    tags: ['me'],
    summary: 'Change my name or language',
    body: z.strictObject({ name: text(200, 1).optional(), locale: z.enum(LABEL_LOCALES).nullable().optional() }),
    status: 200,
    response: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string().nullable() }),
  }),
  changePassword: contract({
    method: 'POST',
    path: '/me/password',
    tags: ['me'],
    summary: 'Change my password; my other sessions and all my API tokens end',
    body: z.strictObject({ currentPassword: Password, newPassword: Password }),
    status: 204,
    response: null,
  }),
};
