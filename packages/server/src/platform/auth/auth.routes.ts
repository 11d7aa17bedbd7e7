import { authApi } from '@kith/domain/auth/auth.api.ts';
import type { FastifyReply } from 'fastify';
import type { Core } from '../../core.ts';
import { actorOf, CSRF_COOKIE, DEVICE_COOKIE, requestInfo, SESSION_COOKIE } from '../http/auth-hook.ts';
import { routeSchema } from '../http/contract.ts';
import type { App } from '../http/types.ts';
import {
  currentSession,
  endSession,
  issueToken,
  listSessions,
  listTokens,
  logout,
  logoutEverywhere,
  myProfile,
  revokeOwnToken,
  signIn,
  switchWorkspace,
  updateMyProfile,
} from './account.service.ts';
import { changePassword, confirmPasswordReset, requestPasswordReset, SESSION_LIFETIME_MS } from './auth.service.ts';

// The auth API's shapes live once in @kith/domain auth/auth.api.ts; the web calls the same contracts.

export function authRoutes(core: Core) {
  const secure = core.config.publicUrl.startsWith('https://');

  function setSessionCookies(reply: FastifyReply, token: string, csrf: string, deviceCookie: string) {
    const maxAge = Math.floor(SESSION_LIFETIME_MS / 1000);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
    reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'strict', secure, path: '/', maxAge });
    reply.setCookie(DEVICE_COOKIE, deviceCookie, {
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

  return async function (app: App) {
    app.post(authApi.login.path, { schema: routeSchema(authApi.login, [401, 403, 404, 422, 429]), config: { auth: 'none' } }, async (req, reply) => {
      const s = await signIn(core, req.body, {
        ...requestInfo(req),
        deviceCookie: req.cookies[DEVICE_COOKIE],
        previousSessionToken: req.cookies[SESSION_COOKIE],
      });
      setSessionCookies(reply, s.token, s.csrfToken, s.deviceCookie);
      return s.session;
    });

    app.get(authApi.session.path, { schema: routeSchema(authApi.session, [401]) }, async (req) => currentSession(core, actorOf(req), req.sessionCsrf));

    app.put(authApi.switchWorkspace.path, { schema: routeSchema(authApi.switchWorkspace, [401, 422]) }, async (req) =>
      switchWorkspace(core, actorOf(req), req.body.workspaceId, req.sessionCsrf),
    );

    app.post(authApi.logout.path, { schema: routeSchema(authApi.logout, []), config: { auth: 'optional' } }, async (req, reply) => {
      await logout(core, req.actor ?? null, req.cookies[SESSION_COOKIE]);
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    });

    app.post(authApi.logoutAll.path, { schema: routeSchema(authApi.logoutAll, [401]) }, async (req, reply) => {
      await logoutEverywhere(core, actorOf(req), req.body?.revokeTokens ?? false);
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    });

    app.get(authApi.sessions.path, { schema: routeSchema(authApi.sessions, []) }, async (req) => ({ data: await listSessions(core, actorOf(req)) }));

    app.delete(authApi.endSession.path, { schema: routeSchema(authApi.endSession, [404]) }, async (req, reply) => {
      await endSession(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });

    app.post(authApi.createToken.path, { schema: routeSchema(authApi.createToken, [401, 422, 429]), config: { auth: 'optional' } }, async (req, reply) => {
      const created = await issueToken(core, req.actor ?? null, req.body, { ...requestInfo(req), deviceCookie: req.cookies[DEVICE_COOKIE] });
      return reply.code(201).send(created);
    });

    app.get(authApi.tokens.path, { schema: routeSchema(authApi.tokens, []) }, async (req) => ({ data: await listTokens(core, actorOf(req)) }));

    app.delete(authApi.revokeToken.path, { schema: routeSchema(authApi.revokeToken, [404]) }, async (req, reply) => {
      await revokeOwnToken(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });

    app.post(authApi.requestPasswordReset.path, { schema: routeSchema(authApi.requestPasswordReset, []), config: { auth: 'none' } }, async (req, reply) => {
      // Not awaited: the response must not wait on (or reveal) whether there was a user to mail.
      requestPasswordReset(core, req.body.email, requestInfo(req)).catch((err) => req.log.error({ err }, 'password reset failed'));
      return reply.code(202).send({ status: 'accepted' as const });
    });

    app.post(authApi.confirmPasswordReset.path, { schema: routeSchema(authApi.confirmPasswordReset, [422]), config: { auth: 'none' } }, async (req, reply) => {
      await confirmPasswordReset(core, req.body.token, req.body.password, requestInfo(req));
      return reply.code(204).send(null);
    });

    app.get(authApi.me.path, { schema: routeSchema(authApi.me, []) }, async (req) => myProfile(core, actorOf(req)));

    app.patch(authApi.updateMe.path, { schema: routeSchema(authApi.updateMe, [422]) }, async (req) => updateMyProfile(core, actorOf(req), req.body));

    app.post(authApi.changePassword.path, { schema: routeSchema(authApi.changePassword, [422, 429]) }, async (req, reply) => {
      await changePassword(core, actorOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    });
  };
}
