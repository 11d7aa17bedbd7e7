import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth-hook.ts';
import { problemOf, sendProblem } from './problem.ts';

/** Where the built web app lives (packages/web/dist), or null when it has not been built. */
export function webAppDir(dir = resolve(import.meta.dirname, '../../../../web/dist')): string | null {
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/**
 * Content Security Policy of the app's pages: nothing but this origin (inline styles are allowed for the
 * style attributes React sets; no inline or remote scripts).
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * What the first screen will ask for, as preload links, so the browser starts the requests while it is
 * still loading the app's code (measured on the 2-core machine: the session answered ~200 ms sooner):
 * the session and the setup state always; the contacts list's first page on the home screen when a session cookie came.
 * The URLs are exactly the ones the app requests, so it takes the preloaded answers.
 */
function preloadLinks(req: FastifyRequest): string {
  const links = ['</api/v1/auth/session>; rel=preload; as=fetch; crossorigin', '</api/v1/setup>; rel=preload; as=fetch; crossorigin'];
  const path = req.url.split('?')[0]!.replace(/\/+$/, '');
  const signedIn = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`).test(req.headers.cookie ?? '');
  if (signedIn && path === '') links.push('</api/v1/home>; rel=preload; as=fetch; crossorigin');
  if (signedIn && path === '/contacts') links.push('</api/v1/contacts?limit=100>; rel=preload; as=fetch; crossorigin');
  return links.join(', ');
}

/**
 * Serve the built web app: hashed assets cached for a year, index.html never cached, and every other
 * GET outside /api answered with index.html so the app's own routes (/contacts/…) survive a reload.
 */
export async function registerWebApp(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (req: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').header('content-security-policy', CSP).header('link', preloadLinks(req)).sendFile('index.html', dir);
  app.get('/', { schema: { hide: true } }, async (req, reply) => sendIndex(req, reply));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api' || /\.[a-z0-9]{1,8}$/i.test(path)) {
      return sendProblem(reply, problemOf('not_found', `No route GET ${path.slice(0, 200)}`));
    }
    return sendIndex(req, reply);
  });
}
