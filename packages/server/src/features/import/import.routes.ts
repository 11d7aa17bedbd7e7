import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '@kith/domain/errors.ts';
import { IMPORT_FIELDS } from '@kith/domain/import/mapping.ts';
import { importApi, type MatchKey } from '@kith/domain/import/import.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { runImport, StopForTest } from './engine.ts';
import { dryRunImport, errorFile, getImport, listImports, startImport, uploadImport } from './import.service.ts';
import { takeImportSlot, tooLarge, type ImportSlot } from './import-limits.ts';
import { undoImport } from './undo.ts';

// The imports API's shapes live once in @kith/domain import/import.api.ts; the web calls the same contracts.

function parseMapParam(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string'))
      throw new Error('shape');
    return parsed as Record<string, string>;
  } catch {
    throw new AppError('validation', 'map must be a JSON object of column → field', {
      issues: [{ path: ['map'], message: 'Not a JSON object of strings', code: 'invalid_format' }],
    });
  }
}

/**
 * Imports that take a slot (import-limits.ts): the upload, the dry run, the run and the one-call import.
 * Before the body is read, the role's file size is checked against Content-Length and the slot is taken;
 * it is given back with the response (a run's, when the run ends).
 */
function slotted(core: Core) {
  const slots = new WeakMap<FastifyRequest, ImportSlot>();
  return {
    preParsing: async (req: FastifyRequest, _reply: unknown, payload: unknown) => {
      const actor = actorOf(req);
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length)) {
        const big = tooLarge(core, actor.role, length);
        if (big) throw big;
      }
      slots.set(req, takeImportSlot(core, actor.workspaceId));
      return payload;
    },
    onResponse: async (req: FastifyRequest) => {
      slots.get(req)?.release();
      slots.delete(req);
    },
    onRequestAbort: async (req: FastifyRequest) => {
      slots.get(req)?.release();
      slots.delete(req);
    },
    /** The request's slot, to be given back by someone else (a run in the background). */
    take(req: FastifyRequest): ImportSlot | undefined {
      const s = slots.get(req);
      slots.delete(req);
      return s;
    },
  };
}

/**
 * Imports over HTTP. A script posts a file and gets the report (POST /contacts/import). The web app works
 * in steps on a recorded import: upload (the file is kept with the import, the columns suggested), a dry
 * run with a mapping, the run itself in the background with its progress, the error file, and the undo.
 * Only these routes accept a file as the body.
 */
export function importRoutes(core: Core) {
  const UPLOAD_LIMIT = core.config.importMaxBytes;
  const fileBody = (req: FastifyRequest): Buffer => {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new AppError('unsupported_media_type', 'Send the file itself as the body (text/csv, application/octet-stream or the XLSX type)');
    const big = tooLarge(core, actorOf(req).role, body.length);
    if (big) throw big;
    return body;
  };
  const slot = slotted(core);
  const hooks = { preParsing: slot.preParsing, onResponse: slot.onResponse, onRequestAbort: slot.onRequestAbort };
  // One-call imports in progress: stopped between batches when the server shuts down (resumable).
  const oneCall = new Set<AbortController>();
  return async function (app: App) {
    app.addContentTypeParser(
      ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
      (_req, body, done) => done(null, body),
    );
    app.addHook('preClose', async () => {
      for (const c of oneCall) c.abort();
    });

    app.post(
      importApi.oneCall.path,
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: routeSchema(importApi.oneCall, [403, 409, 413, 415, 422, 429]),
        config: { action: 'contacts.create' },
        ...hooks,
      },
      async (req) => {
        const q = req.query;
        const stop = new AbortController();
        oneCall.add(stop);
        try {
          return await runImport(
            core,
            actorOf(req),
            { bytes: fileBody(req) },
            {
              kind: 'contacts',
              fileName: q.fileName,
              map: parseMapParam(q.map),
              dryRun: q.dryRun === 'true',
              encoding: q.encoding,
              matchBy: q.matchBy ? (q.matchBy.split(',') as MatchKey[]) : undefined,
              onExisting: q.onExisting,
              preset: q.preset,
              dateOrder: q.dateOrder,
              updateNames: q.updateNames === 'true',
              signal: stop.signal,
            },
          );
        } catch (e) {
          if (e instanceof StopForTest)
            throw new AppError(
              'unavailable',
              'The server is shutting down: the import stopped between two batches; send the same file again to resume it where it stopped',
              { extra: { retryAfter: 30 } },
            );
          throw e;
        } finally {
          oneCall.delete(stop);
        }
      },
    );

    app.post(
      importApi.upload.path,
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: routeSchema(importApi.upload, [403, 413, 415, 422, 429]),
        config: { action: 'contacts.create' },
        ...hooks,
      },
      async (req, reply) => {
        const r = await uploadImport(core, actorOf(req), fileBody(req), req.query);
        return reply.code(201).send({ ...r, fields: [...IMPORT_FIELDS[req.query.kind]] });
      },
    );

    app.get(importApi.list.path, { schema: routeSchema(importApi.list, [403]), config: { action: 'imports.read' } }, async (req) => ({
      data: await listImports(core, actorOf(req), req.query.limit),
    }));

    app.get(importApi.get.path, { schema: routeSchema(importApi.get, [403, 404]), config: { action: 'imports.read' } }, async (req) =>
      getImport(core, actorOf(req), req.params.id),
    );

    app.post(
      importApi.dryRun.path,
      {
        schema: routeSchema(importApi.dryRun, [403, 404, 409, 422, 429]),
        config: { action: 'contacts.create' },
        ...hooks,
      },
      async (req) => dryRunImport(core, actorOf(req), req.params.id, req.body),
    );

    app.post(
      importApi.run.path,
      {
        schema: routeSchema(importApi.run, [403, 404, 409, 422, 429]),
        config: { action: 'contacts.create' },
        ...hooks,
      },
      async (req, reply) => {
        // The slot goes with the run: given back when it ends, not with this response.
        const s = slot.take(req);
        try {
          return reply.code(202).send(await startImport(core, actorOf(req), req.params.id, req.body, () => s?.release()));
        } catch (e) {
          s?.release();
          throw e;
        }
      },
    );

    app.get(
      '/imports/:id/errors',
      {
        schema: {
          tags: ['imports'],
          summary: 'The rows an import refused, as a CSV to fix and import again (row, column, value, reason)',
          params: z.object({ id: z.uuid() }),
          produces: ['text/csv'],
          response: { 200: z.string(), ...errors(403, 404) },
        },
        config: { action: 'imports.read' },
      },
      async (req, reply) => {
        const { name, csv } = await errorFile(core, actorOf(req), req.params.id);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );

    app.post(
      importApi.undo.path,
      {
        schema: routeSchema(importApi.undo, [403, 404, 409]),
        config: { action: 'imports.undo' },
      },
      async (req) => {
        const r = await undoImport(core, actorOf(req), req.params.id);
        return { import: await getImport(core, actorOf(req), r.import.id), ...r.result };
      },
    );
  };
}
