import { z } from 'zod';
import type { Core } from '../../core.ts';
import type { App } from '../http/types.ts';

const Health = z.object({ status: z.enum(['ok', 'unavailable']) });

/** Liveness, readiness and the front door. */
export function systemRoutes(core: Core, opts: { webApp: boolean }) {
  return async function (app: App) {
    app.get('/healthz', { schema: { tags: ['system'], summary: 'The process is up', response: { 200: Health } }, config: { auth: 'none' } }, async () => ({
      status: 'ok' as const,
    }));

    app.get(
      '/readyz',
      { schema: { tags: ['system'], summary: 'The database answers', response: { 200: Health, 503: Health } }, config: { auth: 'none' } },
      async (_req, reply) => {
        const ok = await core.dbHandle.ping();
        return reply.code(ok ? 200 : 503).send({ status: ok ? ('ok' as const) : ('unavailable' as const) });
      },
    );

    // Without a built web app (an API-only install), the front door leads to the API documentation.
    if (!opts.webApp) app.get('/', { schema: { hide: true }, config: { auth: 'none' } }, async (_req, reply) => reply.redirect('/api/docs'));
  };
}
