import { z } from 'zod';
import { RFM_SEGMENTS } from '@kith/domain/analytics/rfm.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { summariseRfm, todayIn, workspaceRfm } from './rfm.service.ts';

const Cell = z.object({ customers: z.number().int(), revenue: z.number() });
const RfmSummaryOut = z
  .object({
    asOf: z.string(),
    currency: z.string(),
    customers: z.number().int().describe('customers with a purchase on or before asOf'),
    orders: z.number().int(),
    skippedOrders: z.number().int().describe('orders in another currency than the workspace’s, left out'),
    segments: z.array(z.object({ segment: z.enum(RFM_SEGMENTS), customers: z.number().int(), revenue: z.number() })),
    cells: z.array(z.array(Cell)).describe('cells[r − 1][f − 1]: the R×F grid (5 × 5)'),
  })
  .meta({ id: 'RfmSummary' });

export function analyticsRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/analytics/rfm',
      {
        schema: {
          tags: ['analytics'],
          summary: 'RFM of every customer at a date (default today in the workspace’s time zone): segment sizes and revenue, and the R×F grid',
          querystring: z.strictObject({ asOf: z.iso.date().optional().describe('YYYY-MM-DD') }),
          response: { 200: RfmSummaryOut, ...errors(403, 422) },
        },
        config: { action: 'analytics.read' },
      },
      async (req) => {
        const actor = actorOf(req);
        return summariseRfm(await workspaceRfm(core, actor, req.query.asOf ?? (await todayIn(core, actor.workspaceId))));
      },
    );
  };
}
