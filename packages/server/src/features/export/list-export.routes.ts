import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { STAGE_KINDS } from '@kith/domain/deals/deal.schema.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errors, fileResponse } from '../../platform/http/schemas.ts';
import type { Registry } from '../../platform/records/list-query.ts';
import { COMPANY_FILTERS } from '../companies/company.service.ts';
import { PRODUCT_FILTERS } from '../commerce/product.service.ts';
import { ORDER_FILTERS } from '../commerce/order.service.ts';
import type { App } from '../../platform/http/types.ts';
import { CONTENT_TYPE, EXPORT_FORMATS, type ExportFormat } from './table-export.ts';
import { prepareListExport, type ListExport } from './list-export.ts';

const common = {
  format: z.enum(EXPORT_FORMATS).default('csv'),
  raw: z.enum(['true', 'false']).default('false').describe('true: values exactly as stored (for other systems; not safe to open in a spreadsheet)'),
  q: z.string().max(200).optional(),
  sort: z.string().max(80).optional(),
};
const withFilters = (extra: z.ZodRawShape = {}) => z.object({ ...common, ...extra }).catchall(z.union([z.string(), z.array(z.string())]));

const QUERIES: Record<ListExport, { query: z.ZodType; what: string; filters?: Registry }> = {
  companies: { query: withFilters(), filters: COMPANY_FILTERS, what: 'the companies (the list’s search, filters and order)' },
  products: { query: withFilters(), filters: PRODUCT_FILTERS, what: 'the products (the list’s search, filters and order)' },
  orders: {
    filters: ORDER_FILTERS,
    query: withFilters({
      lines: z
        .enum(['true', 'false'])
        .default('false')
        .describe('true: one row per line item (sku, quantity, unit price, discount, line total) — the shape the orders import reads'),
    }),
    what: 'the orders (the list’s search, filters and order), one row per order or per line item',
  },
  deals: {
    query: z.strictObject({
      ...common,
      sort: z.enum(['createdAt', '-createdAt', 'amount', '-amount', 'expectedClose', '-expectedClose']).optional(),
      pipelineId: z.uuid().optional(),
      stageId: z.uuid().optional(),
      status: z.enum(STAGE_KINDS).optional(),
      contactId: z.uuid().optional(),
    }),
    what: 'the deals (filtered by pipeline, stage, status, customer or words of the title), with their pipeline and stage names',
  },
};

/** GET /{companies,products,orders,deals}/export: a list as a CSV or XLSX file, streamed. */
export function listExportRoutes(core: Core) {
  return async function (app: App) {
    for (const kind of Object.keys(QUERIES) as ListExport[]) {
      app.get(
        `/${kind}/export`,
        {
          schema: {
            tags: [kind],
            summary: `Download ${QUERIES[kind].what} as CSV (UTF-8 with BOM) or XLSX, streamed; cells a spreadsheet would run (= + - @, tab, CR first) get a leading apostrophe unless raw=true`,
            querystring: QUERIES[kind].query,
            response: {
              200: fileResponse(
                `${QUERIES[kind].what}, as a file to download`,
                EXPORT_FORMATS.map((f) => CONTENT_TYPE[f]),
              ),
              ...errors(403, 422),
            },
          },
          config: { action: 'records.export', ...(QUERIES[kind].filters ? { filters: QUERIES[kind].filters } : {}) },
        },
        async (req, reply) => {
          const actor = actorOf(req);
          const { format, raw, q, sort, lines, ...filters } = req.query as Record<string, string> & { format: ExportFormat };
          // A bad filter or sort is refused as a 422 here, before the file has begun.
          const write = await prepareListExport(core, actor, kind, { format, raw: raw === 'true', q, sort, filters, lines: lines === 'true' });
          const out = new PassThrough();
          write(out).catch((err: unknown) => {
            req.log.error({ err, kind }, 'list export failed midway');
            out.destroy(err as Error);
          });
          const day = core.now().toISOString().slice(0, 10);
          return reply
            .header('content-type', CONTENT_TYPE[format])
            .header(
              'content-disposition',
              `attachment; filename="kith-${kind}${lines === 'true' ? '-lines' : ''}-${day}${raw === 'true' ? '-raw' : ''}.${format}"`,
            )
            .header('cache-control', 'no-store')
            .send(out as never);
        },
      );
    }
  };
}
