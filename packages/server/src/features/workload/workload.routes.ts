import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { DEFAULT_PEAK_WEEKS, MAX_PEAK_WEEKS } from '@kith/domain/workload/workload.ts';
import { WORKLOAD_EXPORT_PATH, workloadApi } from '@kith/domain/workload/workload.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { errors, fileResponse } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { CONTENT_TYPE, EXPORT_FORMATS, type ExportFormat } from '../export/table-export.ts';
import { exportWorkload, WORKLOAD_TABLES, type WorkloadTable } from './workload-export.ts';
import { getPeak, getPersonWorkload, getWorkload, getWorkloadSettings, setCapacity, updateWorkloadSettings } from './workload.service.ts';

const ExportQuery = z.strictObject({
  table: z.enum(WORKLOAD_TABLES).default('people'),
  format: z.enum(EXPORT_FORMATS).default('csv'),
  teamId: z.uuid().optional(),
  weeks: z.coerce.number().int().min(1).max(MAX_PEAK_WEEKS).default(DEFAULT_PEAK_WEEKS),
});

export function workloadRoutes(core: Core) {
  return async function (app: App) {
    app.get(workloadApi.get.path, { schema: routeSchema(workloadApi.get, [403, 404]), config: { action: 'workload.read' } }, async (req) =>
      getWorkload(core, actorOf(req), req.query),
    );
    app.get(workloadApi.peak.path, { schema: routeSchema(workloadApi.peak, [403, 404]), config: { action: 'workload.read' } }, async (req) =>
      getPeak(core, actorOf(req), req.query),
    );
    app.get(workloadApi.settings.path, { schema: routeSchema(workloadApi.settings, [403]), config: { action: 'workload.read' } }, async (req) =>
      getWorkloadSettings(core, actorOf(req)),
    );
    app.put(
      workloadApi.updateSettings.path,
      { schema: routeSchema(workloadApi.updateSettings, [403, 422]), config: { action: 'workload.configure' } },
      async (req) => updateWorkloadSettings(core, actorOf(req), req.body),
    );
    app.get(workloadApi.person.path, { schema: routeSchema(workloadApi.person, [403, 404]), config: { action: 'workload.read' } }, async (req) =>
      getPersonWorkload(core, actorOf(req), req.params.userId),
    );
    app.put(
      workloadApi.setCapacity.path,
      { schema: routeSchema(workloadApi.setCapacity, [403, 404, 422]), config: { action: 'workload.configure' } },
      async (req) => setCapacity(core, actorOf(req), req.params.userId, req.body),
    );
    app.get(
      WORKLOAD_EXPORT_PATH,
      {
        schema: {
          tags: ['workload'],
          summary:
            'Download a table of the workload page — people (default), teams or the peak hours — as CSV (UTF-8 with BOM) or XLSX; cells a spreadsheet would run get a leading apostrophe',
          querystring: ExportQuery,
          response: { 200: fileResponse('CSV or XLSX', [CONTENT_TYPE.csv, CONTENT_TYPE.xlsx]), ...errors(403, 404, 422) },
        },
        config: { action: 'workload.read' },
      },
      async (req, reply) => {
        const q = req.query as { table: WorkloadTable; format: ExportFormat; teamId?: string; weeks: number };
        const write = await exportWorkload(core, actorOf(req), q);
        const out = new PassThrough();
        write(out).catch((err: unknown) => {
          req.log.error({ err }, 'workload export failed midway');
          out.destroy(err as Error);
        });
        const day = core.now().toISOString().slice(0, 10);
        return reply
          .header('content-type', CONTENT_TYPE[q.format])
          .header('content-disposition', `attachment; filename="kith-workload-${q.table}-${day}.${q.format}"`)
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );
  };
}
