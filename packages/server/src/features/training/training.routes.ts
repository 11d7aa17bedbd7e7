import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { trainingApi, MatrixFileQuery, RecordsFileQuery } from '@kith/domain/training/training.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { errors, fileResponse } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findUserById } from '../../platform/auth/user.repository.ts';
import {
  createCompetency,
  createCourse,
  createRequirement,
  deleteCompetency,
  deleteCourse,
  deleteRequirement,
  getCatalogue,
  updateCompetency,
  updateCourse,
} from './training-catalogue.service.ts';
import { competencyMatrix, createRecord, deleteRecord, listRecords, personRecords, updateRecord, workspaceToday } from './training-records.service.ts';
import { writeCatalogueCsv, writeMatrixCsv, writeRecordsCsv } from './training-files.ts';

// The training API's shapes live once in @kith/domain training/training.api.ts; the web calls the same contracts.

const CSV = 'text/csv; charset=utf-8';

export function trainingRoutes(core: Core) {
  return async function (app: App) {
    const read = { action: 'training.read' as const };
    const manage = { action: 'training.manage' as const };
    const record = { action: 'training.record' as const };
    app.get(trainingApi.catalogue.path, { schema: routeSchema(trainingApi.catalogue, [403]), config: read }, async (req) => getCatalogue(core, actorOf(req)));
    app.post(trainingApi.createCourse.path, { schema: routeSchema(trainingApi.createCourse, [403, 422]), config: manage }, async (req, reply) =>
      reply.code(201).send(await createCourse(core, actorOf(req), req.body)),
    );
    app.patch(trainingApi.updateCourse.path, { schema: routeSchema(trainingApi.updateCourse, [403, 404, 422]), config: manage }, async (req) =>
      updateCourse(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(trainingApi.deleteCourse.path, { schema: routeSchema(trainingApi.deleteCourse, [403, 404, 409]), config: manage }, async (req, reply) => {
      await deleteCourse(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.post(trainingApi.createCompetency.path, { schema: routeSchema(trainingApi.createCompetency, [403, 422]), config: manage }, async (req, reply) =>
      reply.code(201).send(await createCompetency(core, actorOf(req), req.body)),
    );
    app.patch(trainingApi.updateCompetency.path, { schema: routeSchema(trainingApi.updateCompetency, [403, 404, 422]), config: manage }, async (req) =>
      updateCompetency(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(trainingApi.deleteCompetency.path, { schema: routeSchema(trainingApi.deleteCompetency, [403, 404]), config: manage }, async (req, reply) => {
      await deleteCompetency(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.post(trainingApi.createRequirement.path, { schema: routeSchema(trainingApi.createRequirement, [403, 422]), config: manage }, async (req, reply) =>
      reply.code(201).send(await createRequirement(core, actorOf(req), req.body)),
    );
    app.delete(trainingApi.deleteRequirement.path, { schema: routeSchema(trainingApi.deleteRequirement, [403, 404]), config: manage }, async (req, reply) => {
      await deleteRequirement(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.get(trainingApi.matrix.path, { schema: routeSchema(trainingApi.matrix, [403, 404, 422]), config: read }, async (req) =>
      competencyMatrix(core, actorOf(req), { withinDays: req.query.withinDays, teamId: req.query.teamId }),
    );
    app.get(trainingApi.records.path, { schema: routeSchema(trainingApi.records, [403, 404, 422]), config: read }, async (req) =>
      listRecords(core, actorOf(req), { userId: req.query.userId, courseId: req.query.courseId, limit: req.query.limit }),
    );
    app.get(trainingApi.personRecords.path, { schema: routeSchema(trainingApi.personRecords, [403, 404]), config: read }, async (req) =>
      personRecords(core, actorOf(req), req.params.userId),
    );
    app.post(trainingApi.createRecord.path, { schema: routeSchema(trainingApi.createRecord, [403, 404, 422]), config: record }, async (req, reply) =>
      reply.code(201).send(await createRecord(core, actorOf(req), req.params.userId, req.body)),
    );
    app.patch(trainingApi.updateRecord.path, { schema: routeSchema(trainingApi.updateRecord, [403, 404, 422]), config: record }, async (req) =>
      updateRecord(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(trainingApi.deleteRecord.path, { schema: routeSchema(trainingApi.deleteRecord, [403, 404]), config: record }, async (req, reply) => {
      await deleteRecord(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });

    /** The caller's language for a file: `?lang=`, else their profile's, else the workspace's. */
    const langOf = async (userId: string, workspaceId: string, asked: string | undefined) =>
      asked ?? (await findUserById(core.db, userId))?.locale ?? (await workspaceToday(core, core.db, workspaceId)).locale;
    const download = (name: string, day: string) => `attachment; filename="kith-${name}-${day}.csv"`;

    app.get(
      '/training/matrix.csv',
      {
        schema: {
          tags: ['training'],
          summary:
            'The competency matrix as CSV (UTF-8 with a BOM): a row per person in your scope, a column per required item; cells a spreadsheet would run get a leading apostrophe',
          querystring: MatrixFileQuery,
          response: { 200: fileResponse('The competency matrix, as a file to download', [CSV]), ...errors(403, 404) },
        },
        config: read,
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'training.read');
        const q = req.query as { withinDays: number; teamId?: string; lang?: string };
        const m = await competencyMatrix(core, actor, { withinDays: q.withinDays, teamId: q.teamId });
        const lang = await langOf(actor.userId, actor.workspaceId, q.lang);
        const out = new PassThrough();
        writeMatrixCsv(core.db, actor.workspaceId, out, m, lang).catch((err: unknown) => {
          req.log.error({ err }, 'training matrix export failed midway');
          out.destroy(err as Error);
        });
        return reply
          .header('content-type', CSV)
          .header('content-disposition', download('training-matrix', m.asOf))
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );
    app.get(
      '/training/catalogue.csv',
      {
        schema: {
          tags: ['training'],
          summary:
            'The catalogue as CSV (UTF-8 with a BOM): a row per course, competency and requirement; cells a spreadsheet would run get a leading apostrophe',
          querystring: z.strictObject({ lang: z.enum(['vi', 'en']).optional() }),
          response: { 200: fileResponse('The training catalogue, as a file to download', [CSV]), ...errors(403) },
        },
        config: read,
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const c = await getCatalogue(core, actor);
        const lang = await langOf(actor.userId, actor.workspaceId, (req.query as { lang?: string }).lang);
        const { today } = await workspaceToday(core, core.db, actor.workspaceId);
        const out = new PassThrough();
        writeCatalogueCsv(core.db, actor.workspaceId, out, c, lang).catch((err: unknown) => {
          req.log.error({ err }, 'training catalogue export failed midway');
          out.destroy(err as Error);
        });
        return reply
          .header('content-type', CSV)
          .header('content-disposition', download('training-catalogue', today))
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );
    app.get(
      '/training/records.csv',
      {
        schema: {
          tags: ['training'],
          summary: 'The training records of the people in your scope as CSV (UTF-8 with a BOM); cells a spreadsheet would run get a leading apostrophe',
          querystring: RecordsFileQuery,
          response: { 200: fileResponse('Training records, as a file to download', [CSV]), ...errors(403, 404) },
        },
        config: read,
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const q = req.query as { userId?: string; courseId?: string; lang?: string };
        const { data } = await listRecords(core, actor, { userId: q.userId, courseId: q.courseId });
        const lang = await langOf(actor.userId, actor.workspaceId, q.lang);
        const { today } = await workspaceToday(core, core.db, actor.workspaceId);
        const out = new PassThrough();
        writeRecordsCsv(out, data, lang).catch((err: unknown) => {
          req.log.error({ err }, 'training records export failed midway');
          out.destroy(err as Error);
        });
        return reply
          .header('content-type', CSV)
          .header('content-disposition', download('training-records', today))
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );
  };
}
