import { AppError, invalid } from '@kith/domain/errors.ts';
import type { ActiveSession, ApiToken, Session, authApi } from '@kith/domain/auth/auth.api.ts';
import type { Role } from '@kith/domain/permissions/permissions.ts';
import type { z } from 'zod';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../audit/audit.repository.ts';
import { findWorkspace } from '../../features/workspaces/workspace.repository.ts';
import type { Actor } from './actor.ts';
import {
  confirmOwnPassword,
  createToken,
  createTokenWithPassword,
  deviceCookieFor,
  login,
  tokenExpiry,
  type CreatedToken,
  type RequestInfo,
} from './auth.service.ts';
import { hashSecret } from './secrets.ts';
import { findSessionByHash, listActiveSessions, revokeSessionById, revokeSessionsOfUser, setSessionWorkspace } from './session.repository.ts';
import { listTokensOf, revokeToken, revokeTokensOfUser, type TokenRow } from './token.repository.ts';
import { findUserById, updateUserProfile, workspacesOfUser } from './user.repository.ts';

/**
 * A signed-in user's own account (issue 17: the auth routes' work, moved here): who they are and where, switching
 * workspace, signing out, their sessions and API tokens, their profile. Signing in, credentials and passwords are
 * auth.service.ts. The routes keep what is HTTP: cookies, headers and statuses.
 */

type LoginInput = z.output<typeof authApi.login.body>;
type TokenInput = z.output<typeof authApi.createToken.body>;
type ProfileInput = z.output<typeof authApi.updateMe.body>;
type Profile = z.output<typeof authApi.me.response>;

/** Who is signed in, in which workspace (and which others they may switch to), with which role. */
async function describeSession(core: Core, userId: string, workspaceId: string, role: Role, csrf: string | null): Promise<Session> {
  const [user, workspace, workspaces] = await Promise.all([
    findUserById(core.db, userId),
    findWorkspace(core.db, workspaceId),
    workspacesOfUser(core.db, userId),
  ]);
  if (!user || !workspace) throw new AppError('unauthenticated', 'Sign in again');
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
    workspace: {
      id: workspace.id,
      name: workspace.name,
      currency: workspace.currency,
      timezone: workspace.timezone,
      phoneRegion: workspace.phoneRegion,
      locale: workspace.locale,
    },
    role,
    csrfToken: csrf,
    workspaces,
  };
}

/** What a sign-in gives the browser: the secrets its cookies hold, and the session as the API shows it. */
export type SignedIn = { token: string; csrfToken: string; deviceCookie: string; session: Session };

/** Sign in (auth.service.ts `login`) and say who is signed in where. */
export async function signIn(core: Core, input: LoginInput, info: RequestInfo & { deviceCookie?: string; previousSessionToken?: string }): Promise<SignedIn> {
  const s = await login(core, input, info);
  return {
    token: s.token,
    csrfToken: s.session.csrfToken,
    deviceCookie: deviceCookieFor(core, s.user.id),
    session: await describeSession(core, s.user.id, s.session.workspaceId, s.role, s.session.csrfToken),
  };
}

/** The current session, as GET /auth/session shows it (`csrf`: the session's CSRF token, null for an API token). */
export async function currentSession(core: Core, actor: Actor, csrf: string | null): Promise<Session> {
  return describeSession(core, actor.userId, actor.workspaceId, actor.role, csrf);
}

/** Move a browser session to another of the user's workspaces (an API token stays bound to its own). */
export async function switchWorkspace(core: Core, actor: Actor, workspaceId: string, csrf: string | null): Promise<Session> {
  if (!actor.sessionId) throw new AppError('bad_request', 'Only a browser session can switch workspace; an API token is bound to one');
  const list = await workspacesOfUser(core.db, actor.userId);
  const target = list.find((w) => w.id === workspaceId);
  if (!target) throw invalid([{ path: ['workspaceId'], message: 'You are not a member of this workspace' }]);
  await setSessionWorkspace(core.db, actor.sessionId, target.id);
  return describeSession(core, actor.userId, target.id, target.role, csrf);
}

/** End the session whose cookie this is (nothing to do without a signed-in session). */
export async function logout(core: Core, actor: Actor | null, sessionToken: string | undefined): Promise<void> {
  if (!sessionToken || !actor?.sessionId) return;
  const s = await findSessionByHash(core.db, hashSecret(sessionToken));
  if (!s) return;
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    await revokeSessionById(trx, s.userId, s.id, now.toISOString());
    await recordAudit(trx, { ...by(actor), action: 'logout', entityType: 'session', entityId: s.id }, now);
  });
}

/** Sign out everywhere: every session of the user, this one too; with `revokeTokens`, every API token as well. */
export async function logoutEverywhere(core: Core, actor: Actor, revokeTokens: boolean): Promise<void> {
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    const sessionsEnded = await revokeSessionsOfUser(trx, actor.userId, now.toISOString());
    const tokensRevoked = revokeTokens ? await revokeTokensOfUser(trx, actor.userId, now.toISOString()) : 0;
    await recordAudit(trx, { ...by(actor), action: 'logout.all', entityType: 'user', entityId: actor.userId, after: { sessionsEnded, tokensRevoked } }, now);
  });
}

/** The user's active sessions, the current one marked. */
export async function listSessions(core: Core, actor: Actor): Promise<ActiveSession[]> {
  const list = await listActiveSessions(core.db, actor.userId, core.now().toISOString());
  return list.map((s) => ({
    id: s.id,
    current: s.id === actor.sessionId,
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
  }));
}

/** End one of the user's own sessions. */
export async function endSession(core: Core, actor: Actor, id: string): Promise<void> {
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    if (!(await revokeSessionById(trx, actor.userId, id, now.toISOString()))) throw new AppError('not_found', 'Session not found');
    await recordAudit(trx, { ...by(actor), action: 'session.revoke', entityType: 'session', entityId: id }, now);
  });
}

const tokenOut = (t: TokenRow): ApiToken => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  workspaceId: t.workspaceId,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
});

/**
 * A new personal API token, shown once: with email and password (throttled like sign-in), or for the signed-in
 * user in the current workspace — who gives the password again, so a stolen session (or token) cannot mint a
 * lasting credential.
 */
export async function issueToken(
  core: Core,
  actor: Actor | null,
  input: TokenInput,
  info: RequestInfo & { deviceCookie?: string },
): Promise<ApiToken & { token: string }> {
  let created: CreatedToken;
  if (input.email !== undefined) {
    if (input.password === undefined) throw invalid([{ path: ['password'], message: 'Required with an email' }]);
    created = await createTokenWithPassword(
      core,
      {
        email: input.email,
        password: input.password,
        name: input.name,
        ...(input.workspace ? { workspace: input.workspace } : {}),
        ...(input.expiresInDays ? { expiresInDays: input.expiresInDays } : {}),
      },
      info,
    );
  } else {
    if (!actor) throw new AppError('unauthenticated', 'Give email and password, or sign in');
    if (input.password === undefined) throw invalid([{ path: ['password'], message: 'Required: confirm your password to create a token' }]);
    if (input.workspace && input.workspace !== actor.workspaceId)
      throw invalid([{ path: ['workspace'], message: 'A signed-in user creates tokens for the current workspace' }]);
    await confirmOwnPassword(core, actor, input.password, 'password');
    created = await createToken(core, actor.userId, actor.workspaceId, input.name, info, tokenExpiry(core, input.expiresInDays));
  }
  return { token: created.token, ...tokenOut(created.row) };
}

/** The user's API tokens in the current workspace (never the secrets). */
export async function listTokens(core: Core, actor: Actor): Promise<ApiToken[]> {
  return (await listTokensOf(core.db, actor.userId, actor.workspaceId)).map(tokenOut);
}

/** Revoke one of the user's API tokens in the current workspace. */
export async function revokeOwnToken(core: Core, actor: Actor, id: string): Promise<void> {
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    if (!(await revokeToken(trx, actor.userId, actor.workspaceId, id, now.toISOString()))) throw new AppError('not_found', 'Token not found');
    await recordAudit(trx, { ...by(actor), action: 'token.revoke', entityType: 'api_token', entityId: id }, now);
  });
}

/** The user's profile, with their role in the current workspace. */
export async function myProfile(core: Core, actor: Actor): Promise<Profile> {
  const u = await findUserById(core.db, actor.userId);
  if (!u) throw new AppError('unauthenticated', 'Sign in again');
  return { id: u.id, email: u.email, name: u.name, locale: u.locale, role: actor.role, workspaceId: actor.workspaceId };
}

/** Change the user's own name or language (audited). */
export async function updateMyProfile(core: Core, actor: Actor, input: ProfileInput): Promise<Omit<Profile, 'role' | 'workspaceId'>> {
  const now = core.now();
  const before = await findUserById(core.db, actor.userId);
  await core.db.transaction().execute(async (trx) => {
    await updateUserProfile(trx, actor.userId, input, now.toISOString());
    await recordAudit(
      trx,
      { ...by(actor), action: 'update', entityType: 'user', entityId: actor.userId, before: { name: before?.name, locale: before?.locale }, after: input },
      now,
    );
  });
  const u = await findUserById(core.db, actor.userId);
  if (!u) throw new AppError('unauthenticated', 'Sign in again');
  return { id: u.id, email: u.email, name: u.name, locale: u.locale };
}
