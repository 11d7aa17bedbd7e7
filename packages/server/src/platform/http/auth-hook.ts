import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, roleCannot } from '@kith/domain/errors.ts';
import { can } from '@kith/domain/permissions/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveSession, resolveToken } from '../auth/auth.service.ts';
import type { Core } from '../../core.ts';
import { safeEqual } from '../auth/secrets.ts';

export const SESSION_COOKIE = 'kith_session';
export const CSRF_COOKIE = 'kith_csrf';
export const DEVICE_COOKIE = 'kith_device';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requestInfo(req: FastifyRequest) {
  return { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null, requestId: String(req.id) };
}

/** The actor of an authenticated route (the hook guarantees one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in or send an API token');
  return req.actor;
}

/** A browser's Origin, when it sends one, must be this server (login CSRF and friends). */
function sameOrigin(core: Core, req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const o = new URL(origin);
    return o.host === req.headers.host || o.origin === new URL(core.config.publicUrl).origin;
  } catch {
    return false;
  }
}

/**
 * Who is calling. `Authorization: Bearer kith_…` is an API token (no CSRF: it is not ambient). Otherwise
 * the session cookie, and for unsafe methods the session's CSRF token must come back in X-CSRF-Token.
 */
export function authHook(core: Core) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    req.actor = null;
    req.sessionCsrf = null;
    const config = req.routeOptions.config ?? {};
    if (!req.routeOptions.url || !req.routeOptions.url.startsWith('/api/v1/')) return;
    const mode = config.auth ?? 'required';
    if (UNSAFE.has(req.method) && !sameOrigin(core, req)) throw new AppError('forbidden', 'Cross-origin request refused', { reason: 'cross_origin' });
    if (mode === 'none') return;
    const info = requestInfo(req);
    const authz = req.headers.authorization;
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      const actor = m ? await resolveToken(core, m[1]!, info) : null;
      if (!actor) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked');
      }
      req.actor = actor;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const found = await resolveSession(core, cookie, info);
        if (found) {
          if (UNSAFE.has(req.method)) {
            const sent = req.headers[CSRF_HEADER];
            if (typeof sent !== 'string' || !safeEqual(sent, found.session.csrfToken))
              throw new AppError('forbidden', 'Missing or wrong X-CSRF-Token header', { reason: 'csrf' });
          }
          req.actor = found.actor;
          req.sessionCsrf = found.session.csrfToken;
        }
      }
    }
    if (!req.actor) {
      if (mode === 'optional') return;
      reply.header('www-authenticate', 'Bearer');
      throw new AppError('unauthenticated', 'Sign in or send an API token');
    }
    if (config.action && !can(req.actor.role, config.action)) {
      throw roleCannot(req.actor.role, config.action);
    }
  };
}
