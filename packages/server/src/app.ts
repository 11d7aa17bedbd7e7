import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from './db/ids.ts';
import type { Core } from './core.ts';
import { authHook } from './http/auth-hook.ts';
import { KithLogController } from './http/log-controller.ts';
import { openApiOptions } from './http/openapi.ts';
import { errorHandler, problemOf, sendProblem } from './http/problem.ts';
import type { App } from './http/types.ts';
import { zodSerializerCompiler } from './http/zod-serializer.ts';
import { zodValidatorCompiler } from './http/zod-validator.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { commerceRoutes } from './commerce/commerce.routes.ts';
import { interactionRoutes } from './interactions/interaction.routes.ts';
import { taskRoutes } from './tasks/task.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { duplicateRoutes } from './duplicates/duplicate.routes.ts';
import { listExportRoutes } from './export/list-export.routes.ts';
import { analyticsRoutes } from './analytics/analytics.routes.ts';
import { dealRoutes } from './deals/deal.routes.ts';
import { companyRoutes } from './companies/company.routes.ts';
import { contactRoutes } from './contacts/contact.routes.ts';
import { customFieldRoutes } from './custom-fields/custom-field.routes.ts';
import { invitationRoutes } from './invitations/invitation.routes.ts';
import { memberRoutes } from './members/member.routes.ts';
import { systemRoutes } from './system/system.routes.ts';
import { teamRoutes } from './teams/team.routes.ts';
import { viewRoutes } from './views/view.routes.ts';
import { segmentRoutes } from './segments/segment.routes.ts';
import { careRoutes } from './care/care.routes.ts';
import { playbookRoutes } from './care/playbook.routes.ts';
import { surveyPageRoutes, surveyRoutes } from './care/survey.routes.ts';
import { registerCareJobs } from './care/care-jobs.ts';
import { loyaltyRoutes } from './care/loyalty.routes.ts';
import { mailRoutes, unsubscribeRoutes } from './mail/mail.routes.ts';
import { registerWebApp, webAppDir } from './http/web-app.ts';
import { workspaceRoutes } from './workspaces/workspace.routes.ts';
import { noteDemand } from './db/pace.ts';

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
  registerCareJobs();
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
  await app.register(surveyPageRoutes(core));
  await app.register(unsubscribeRoutes(core));
  if (webDir) await registerWebApp(app as unknown as FastifyInstance, webDir);
  await app.register(
    async (api: App) => {
      await api.register(authRoutes(core));
      await api.register(workspaceRoutes(core));
      await api.register(memberRoutes(core));
      await api.register(teamRoutes(core));
      await api.register(invitationRoutes(core));
      await api.register(customFieldRoutes(core));
      await api.register(contactRoutes(core));
      await api.register(companyRoutes(core));
      await api.register(commerceRoutes(core));
      await api.register(interactionRoutes(core));
      await api.register(taskRoutes(core));
      await api.register(importRoutes(core));
      await api.register(duplicateRoutes(core));
      await api.register(dealRoutes(core));
      await api.register(listExportRoutes(core));
      await api.register(analyticsRoutes(core));
      await api.register(auditRoutes(core));
      await api.register(viewRoutes(core));
      await api.register(segmentRoutes(core));
      await api.register(careRoutes(core));
      await api.register(playbookRoutes(core));
      await api.register(surveyRoutes(core));
      await api.register(loyaltyRoutes(core));
      await api.register(mailRoutes(core));
      api.get('/openapi.json', { schema: { hide: true }, config: { auth: 'none' } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  return app as unknown as App;
}
