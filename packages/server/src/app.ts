import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from './platform/db/ids.ts';
import type { Core } from './core.ts';
import { authHook } from './platform/http/auth-hook.ts';
import { KithLogController } from './platform/http/log-controller.ts';
import { openApiOptions } from './platform/http/openapi.ts';
import { errorHandler, problemOf, sendProblem } from './platform/http/problem.ts';
import type { App } from './platform/http/types.ts';
import { zodSerializerCompiler } from './platform/http/zod-serializer.ts';
import { zodValidatorCompiler } from './platform/http/zod-validator.ts';
import { registerWebApp, webAppDir } from './platform/http/web-app.ts';
import { systemRoutes } from './platform/system/system.routes.ts';
import { noteDemand } from './platform/db/pace.ts';

export type AppOptions = {
  /** Extra Fastify options (tests may lower timeouts). */
  fastify?: Partial<FastifyServerOptions>;
  /** The built web app to serve (packages/web/dist by default); null serves the API only. */
  webDir?: string | null;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Build the HTTP application around a Core. Never listens (main.ts does), so tests drive it with inject().
 */
export async function buildApp(core: Core, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: core.log,
    logController: new KithLogController(),
    trustProxy: core.config.trustProxy,
    bodyLimit: core.config.bodyLimit,
    requestTimeout: core.config.requestTimeoutMs,
    // A client that dribbles its headers is cut off well before the request timeout (slowloris); Node checks
    // on an interval, 30 s by default, so check more often.
    http: {
      headersTimeout: Math.min(15_000, core.config.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(5_000, core.config.requestTimeoutMs),
    },
    connectionTimeout: core.config.requestTimeoutMs + 5_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
    },
    ...options.fastify,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, problemOf('not_found', `No route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}`)));
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrf', null);

  // Bodies must be JSON objects or arrays where a route takes one; anything else is a 415, not a crash.
  app.removeContentTypeParser(['text/plain']);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Long work on this thread (an import on SQLite) takes shorter steps while requests are coming in (db/pace.ts).
    noteDemand();
  });
  const hsts = core.config.publicUrl.startsWith('https://');
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // Nothing is cached unless its route says so (the web app's hashed assets do): answers carry customer
    // data, session details and the CSRF token, which no shared or browser cache should keep.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // Served over https (by the public URL), browsers are told to keep to it.
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });

  await app.register(fastifyCookie, { hook: 'onRequest' });
  app.addHook('onRequest', authHook(core));

  await app.register(fastifySwagger, openApiOptions());
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none', deepLinking: true }, staticCSP: true });

  const webDir = options.webDir === undefined ? webAppDir() : options.webDir;
  await app.register(systemRoutes(core, { webApp: webDir !== null }));
  // The modules' public pages (the survey page, unsubscribe), then their API, in the composition root's order.
  for (const m of core.modules) for (const pages of m.pages ?? []) await app.register(pages(core));
  if (webDir) await registerWebApp(app as unknown as FastifyInstance, webDir);
  await app.register(
    async (api: App) => {
      for (const m of core.modules) for (const routes of m.routes ?? []) await api.register(routes(core));
      api.get('/openapi.json', { schema: { hide: true }, config: { auth: 'none' } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  return app as unknown as App;
}
