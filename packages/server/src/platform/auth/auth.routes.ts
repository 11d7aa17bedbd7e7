import { AppError, invalid } from '@kith/domain/errors.ts';
import { authApi } from '@kith/domain/auth/auth.api.ts';
import type { FastifyReply } from 'fastify';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../audit/audit.repository.ts';
import { actorOf, CSRF_COOKIE, DEVICE_COOKIE, requestInfo, SESSION_COOKIE } from '../http/auth-hook.ts';
import { routeSchema } from '../http/contract.ts';
import type { App } from '../http/types.ts';
import { findUserById, workspacesOfUser } from './user.repository.ts';
import { findWorkspace } from '../../features/workspaces/workspace.repository.ts';
import type { ROLES } from '@kith/domain/permissions/permissions.ts';
import {
  changePassword,
  confirmOwnPassword,
  confirmPasswordReset,
  createToken,
  createTokenWithPassword,
  deviceCookieFor,
  login,
  requestPasswordReset,
  SESSION_LIFETIME_MS,
  tokenExpiry,
} from './auth.service.ts';
import { listActiveSessions, revokeSessionById, revokeSessionsOfUser, setSessionWorkspace } from './session.repository.ts';
import { listTokensOf, revokeToken, revokeTokensOfUser } from './token.repository.ts';
import { hashSecret } from './secrets.ts';
import { findSessionByHash } from './session.repository.ts';

// The auth API's shapes live once in @kith/domain auth/auth.api.ts; the web calls the same contracts.

export function authRoutes(core: Core) {
  const secure = core.config.publicUrl.startsWith('https://');

  function setSessionCookies(reply: FastifyReply, token: string, csrf: string, userId: string) {
    const maxAge = Math.floor(SESSION_LIFETIME_MS / 1000);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
    reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'strict', secure, path: '/', maxAge });
    reply.setCookie(DEVICE_COOKIE, deviceCookieFor(core, userId), {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: '/api/v1/auth',
      maxAge: 365 * 24 * 3600,
    });
  }

  function clearSessionCookies(reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  async function sessionInfo(userId: string, workspaceId: string, role: (typeof ROLES)[number], csrf: string | null) {
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

  return async function (app: App) {
    app.post(authApi.login.path, { schema: routeSchema(authApi.login, [401, 403, 404, 422, 429]), config: { auth: 'none' } }, async (req, reply) => {
      const s = await login(core, req.body, {
        ...requestInfo(req),
        deviceCookie: req.cookies[DEVICE_COOKIE],
        previousSessionToken: req.cookies[SESSION_COOKIE],
      });
      setSessionCookies(reply, s.token, s.session.csrfToken, s.user.id);
      return sessionInfo(s.user.id, s.session.workspaceId, s.role, s.session.csrfToken);
    });

    app.get(authApi.session.path, { schema: routeSchema(authApi.session, [401]) }, async (req) => {
      const a = actorOf(req);
      return sessionInfo(a.userId, a.workspaceId, a.role, req.sessionCsrf);
    });

    app.put(authApi.switchWorkspace.path, { schema: routeSchema(authApi.switchWorkspace, [401, 422]) }, async (req) => {
      const a = actorOf(req);
      if (!a.sessionId) throw new AppError('bad_request', 'Only a browser session can switch workspace; an API token is bound to one');
      const list = await workspacesOfUser(core.db, a.userId);
      const target = list.find((w) => w.id === req.body.workspaceId);
      if (!target) throw invalid([{ path: ['workspaceId'], message: 'You are not a member of this workspace' }]);
      await setSessionWorkspace(core.db, a.sessionId, target.id);
      return sessionInfo(a.userId, target.id, target.role, req.sessionCsrf);
    });

    app.post(authApi.logout.path, { schema: routeSchema(authApi.logout, []), config: { auth: 'optional' } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token && req.actor?.sessionId) {
        const s = await findSessionByHash(core.db, hashSecret(token));
        if (s) {
          await revokeSessionById(core.db, s.userId, s.id, core.now().toISOString());
          await recordAudit(core.db, { ...by(req.actor), action: 'logout', entityType: 'session', entityId: s.id }, core.now());
        }
      }
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    });

    app.post(authApi.logoutAll.path, { schema: routeSchema(authApi.logoutAll, [401]) }, async (req, reply) => {
      const a = actorOf(req);
      const now = core.now().toISOString();
      const n = await revokeSessionsOfUser(core.db, a.userId, now);
      const tokens = req.body?.revokeTokens ? await revokeTokensOfUser(core.db, a.userId, now) : 0;
      await recordAudit(
        core.db,
        { ...by(a), action: 'logout.all', entityType: 'user', entityId: a.userId, after: { sessionsEnded: n, tokensRevoked: tokens } },
        core.now(),
      );
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    });

    app.get(authApi.sessions.path, { schema: routeSchema(authApi.sessions, []) }, async (req) => {
      const a = actorOf(req);
      const list = await listActiveSessions(core.db, a.userId, core.now().toISOString());
      return {
        data: list.map((s) => ({
          id: s.id,
          current: s.id === a.sessionId,
          ip: s.ip,
          userAgent: s.userAgent,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          expiresAt: s.expiresAt,
        })),
      };
    });

    app.delete(authApi.endSession.path, { schema: routeSchema(authApi.endSession, [404]) }, async (req, reply) => {
      const a = actorOf(req);
      if (!(await revokeSessionById(core.db, a.userId, req.params.id, core.now().toISOString()))) throw new AppError('not_found', 'Session not found');
      await recordAudit(core.db, { ...by(a), action: 'session.revoke', entityType: 'session', entityId: req.params.id }, core.now());
      return reply.code(204).send(null);
    });

    app.post(authApi.createToken.path, { schema: routeSchema(authApi.createToken, [401, 422, 429]), config: { auth: 'optional' } }, async (req, reply) => {
      const b = req.body;
      const a = req.actor;
      let created;
      if (b.email !== undefined) {
        if (b.password === undefined) throw invalid([{ path: ['password'], message: 'Required with an email' }]);
        created = await createTokenWithPassword(
          core,
          {
            email: b.email,
            password: b.password,
            name: b.name,
            ...(b.workspace ? { workspace: b.workspace } : {}),
            ...(b.expiresInDays ? { expiresInDays: b.expiresInDays } : {}),
          },
          { ...requestInfo(req), deviceCookie: req.cookies[DEVICE_COOKIE] },
        );
      } else {
        if (!a) throw new AppError('unauthenticated', 'Give email and password, or sign in');
        // A stolen session (or token) must not be able to mint a lasting credential: the password is asked again.
        if (b.password === undefined) throw invalid([{ path: ['password'], message: 'Required: confirm your password to create a token' }]);
        if (b.workspace && b.workspace !== a.workspaceId)
          throw invalid([{ path: ['workspace'], message: 'A signed-in user creates tokens for the current workspace' }]);
        await confirmOwnPassword(core, a, b.password, 'password');
        created = await createToken(core, a.userId, a.workspaceId, b.name, requestInfo(req), tokenExpiry(core, b.expiresInDays));
      }
      const t = created.row;
      return reply.code(201).send({
        token: created.token,
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        workspaceId: t.workspaceId,
        createdAt: t.createdAt,
        lastUsedAt: t.lastUsedAt,
        expiresAt: t.expiresAt,
      });
    });

    app.get(authApi.tokens.path, { schema: routeSchema(authApi.tokens, []) }, async (req) => {
      const a = actorOf(req);
      const list = await listTokensOf(core.db, a.userId, a.workspaceId);
      return {
        data: list.map((t) => ({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          workspaceId: t.workspaceId,
          createdAt: t.createdAt,
          lastUsedAt: t.lastUsedAt,
          expiresAt: t.expiresAt,
        })),
      };
    });

    app.delete(authApi.revokeToken.path, { schema: routeSchema(authApi.revokeToken, [404]) }, async (req, reply) => {
      const a = actorOf(req);
      if (!(await revokeToken(core.db, a.userId, a.workspaceId, req.params.id, core.now().toISOString()))) throw new AppError('not_found', 'Token not found');
      await recordAudit(core.db, { ...by(a), action: 'token.revoke', entityType: 'api_token', entityId: req.params.id }, core.now());
      return reply.code(204).send(null);
    });

    app.post(authApi.requestPasswordReset.path, { schema: routeSchema(authApi.requestPasswordReset, []), config: { auth: 'none' } }, async (req, reply) => {
      const info = requestInfo(req);
      // Not awaited: the response must not wait on (or reveal) whether there was a user to mail.
      requestPasswordReset(core, req.body.email, info).catch((err) => req.log.error({ err }, 'password reset failed'));
      return reply.code(202).send({ status: 'accepted' as const });
    });

    app.post(authApi.confirmPasswordReset.path, { schema: routeSchema(authApi.confirmPasswordReset, [422]), config: { auth: 'none' } }, async (req, reply) => {
      await confirmPasswordReset(core, req.body.token, req.body.password, requestInfo(req));
      return reply.code(204).send(null);
    });

    app.get(authApi.me.path, { schema: routeSchema(authApi.me, []) }, async (req) => {
      const a = actorOf(req);
      const u = await findUserById(core.db, a.userId);
      if (!u) throw new AppError('unauthenticated', 'Sign in again');
      return { id: u.id, email: u.email, name: u.name, locale: u.locale, role: a.role, workspaceId: a.workspaceId };
    });

    app.patch(authApi.updateMe.path, { schema: routeSchema(authApi.updateMe, [422]) }, async (req) => {
      const a = actorOf(req);
      const now = core.now();
      const before = await findUserById(core.db, a.userId);
      await core.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            ...(req.body.name !== undefined ? { name: req.body.name } : {}),
            ...(req.body.locale !== undefined ? { locale: req.body.locale } : {}),
            updated_at: now.toISOString(),
          })
          .where('id', '=', a.userId)
          .execute();
        await recordAudit(
          trx,
          { ...by(a), action: 'update', entityType: 'user', entityId: a.userId, before: { name: before?.name, locale: before?.locale }, after: req.body },
          now,
        );
      });
      const u = (await findUserById(core.db, a.userId))!;
      return { id: u.id, email: u.email, name: u.name, locale: u.locale };
    });

    app.post(authApi.changePassword.path, { schema: routeSchema(authApi.changePassword, [422, 429]) }, async (req, reply) => {
      await changePassword(core, actorOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    });
  };
}
