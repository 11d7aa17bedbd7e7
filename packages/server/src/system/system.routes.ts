import { z } from 'zod';
import type { Core } from '../core.ts';
import type { App } from '../http/types.ts';

const Health = z.object({ status: z.enum(['ok', 'unavailable']) });

/** Liveness, readiness and the front door. */
export function systemRoutes(core: Core) {
  return async function (app: App) {
    app.get('/healthz', { schema: { tags: ['system'], summary: 'The process is up', response: { 200: Health } }, config: { auth: 'none' } }, async () => ({ status: 'ok' as const }));

    app.get(
      '/readyz',
      { schema: { tags: ['system'], summary: 'The database answers', response: { 200: Health, 503: Health } }, config: { auth: 'none' } },
      async (_req, reply) => {
        const ok = await core.dbHandle.ping();
        return reply.code(ok ? 200 : 503).send({ status: ok ? ('ok' as const) : ('unavailable' as const) });
      },
    );

    // The web app arrives with the next issue; until then the front door leads to the API documentation.
    app.get('/', { schema: { hide: true }, config: { auth: 'none' } }, async (_req, reply) => reply.redirect('/api/docs'));
  };
}
