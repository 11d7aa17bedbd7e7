import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problemOf, sendProblem } from './problem.ts';

/** Where the built web app lives (packages/web/dist), or null when it has not been built. */
export function webAppDir(dir = resolve(import.meta.dirname, '../../../web/dist')): string | null {
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/**
 * Content Security Policy of the app's pages: nothing but this origin (inline styles are allowed for the
 * style attributes React sets; no inline or remote scripts).
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').header('content-security-policy', CSP).sendFile('index.html', dir);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api' || /\.[a-z0-9]{1,8}$/i.test(path)) {
      return sendProblem(reply, problemOf('not_found', `No route GET ${path.slice(0, 200)}`));
    }
    return sendIndex(reply);
  });
}
