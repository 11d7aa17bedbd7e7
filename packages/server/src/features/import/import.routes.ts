import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '@kith/domain/errors.ts';
import { IMPORT_FIELDS } from '@kith/domain/import/mapping.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { ENCODINGS } from './decode.ts';
import { runImport, StopForTest } from './engine.ts';
import { dryRunImport, errorFile, getImport, listImports, startImport, uploadImport } from './import.service.ts';
import { takeImportSlot, tooLarge, type ImportSlot } from './import-limits.ts';
import { MATCH_KEYS } from './kinds.ts';
import { undoImport } from './undo.ts';

const ErrorOut = z.object({
  row: z.number().int().describe('row in the file; the header is row 1'),
  column: z.string().nullable(),
  value: z.string().nullable().optional(),
  message: z.string(),
  code: z.string().optional().describe('the issue’s code (as in field errors), to word it in another language'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const ImportReportOut = z
  .object({
    id: z.string().nullable().describe('the import record (null for a dry run)'),
    kind: z.string(),
    status: z.string(),
    dryRun: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int().describe('rows that matched a record and changed nothing, or repeated an earlier row'),
    failed: z.number().int(),
    errors: z.array(ErrorOut),
    errorsTruncated: z.boolean(),
    rowCount: z.number().int(),
    resumedFromRow: z.number().int().nullable().describe('an interrupted import of the same file was resumed after this many rows'),
    format: z.enum(['csv', 'xlsx']),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    mapping: z.record(z.string(), z.string().nullable()).describe('each column of the file and the field it went to (null: skipped)'),
    duplicates: z
      .number()
      .int()
      .nullable()
      .describe('open duplicate pairs after the import (GET /duplicates); null for a dry run, or past 20,000 new contacts (run POST /duplicates/detect)'),
  })
  .meta({ id: 'ImportReport' });

const ImportOut = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['uploaded', 'running', 'done', 'failed', 'undoing', 'undone']),
    stalled: z
      .boolean()
      .describe(
        'running, but nobody runs it any more (the server stopped or was killed, or its process has been silent for 30 s): run it again to resume, at once',
      ),
    fileName: z.string(),
    fileSize: z.number().int(),
    format: z.string(),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    headers: z.array(z.string()),
    mapping: z.record(z.string(), z.string().nullable()).nullable(),
    rowCount: z.number().int(),
    rowsDone: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    message: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    heartbeatAt: z.string(),
    finishedAt: z.string().nullable(),
    undoneAt: z.string().nullable(),
  })
  .meta({ id: 'Import' });

const UploadOut = z.object({
  import: ImportOut,
  suggestions: z.array(
    z.object({ column: z.number().int(), header: z.string(), field: z.string().nullable(), confidence: z.enum(['exact', 'partial', 'none']) }),
  ),
  sample: z.array(z.array(z.string())).describe('the first rows, as read'),
  fields: z.array(z.string()).describe('the fields a column can go to'),
});

const RunBody = z.strictObject({
  map: z.record(z.string(), z.string()).optional().describe('column → field overrides of the suggestion; "" skips a column'),
  matchBy: z.array(z.enum(MATCH_KEYS)).max(3).optional().describe('how a row finds the record it updates, surest first'),
  onExisting: z.enum(['update', 'skip']).optional(),
});

const KINDS = ['contacts', 'companies', 'orders', 'interactions', 'products'] as const;

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
      '/contacts/import',
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ['imports'],
          summary:
            'Import contacts from a CSV or XLSX file sent as the body, in one call: each row creates a contact or updates the one it matches (external id, email, phone); bad rows are reported (row, column, value, message) and left out; the rest are written in atomic batches (a shutdown stops it between two: 503, and the same file again resumes it)',
          querystring: z.strictObject({
            dryRun: z.enum(['true', 'false']).default('false').describe('true: check and report, write nothing'),
            map: z.string().max(4000).optional().describe('overrides of the suggested mapping as JSON, e.g. {"Họ và tên":"name","Ghi chú":""}'),
            encoding: z.enum(ENCODINGS).optional(),
            matchBy: z
              .string()
              .regex(/^(externalId|email|phone)(,(externalId|email|phone))*$/)
              .optional()
              .describe('comma-separated, surest first (default externalId,email,phone)'),
            onExisting: z.enum(['update', 'skip']).default('update'),
            fileName: z.string().max(200).default('upload.csv'),
          }),
          response: { 200: ImportReportOut, ...errors(403, 409, 413, 415, 422, 429) },
        },
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
              matchBy: q.matchBy ? (q.matchBy.split(',') as ('externalId' | 'email' | 'phone')[]) : undefined,
              onExisting: q.onExisting,
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
      '/imports',
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ['imports'],
          summary:
            'Upload a file to import (the body is the file): its structure is read, its columns are suggested a field each, and the import is recorded, ready for a dry run and a run',
          querystring: z.strictObject({
            kind: z.enum(KINDS).default('contacts'),
            fileName: z.string().min(1).max(200).default('upload.csv'),
            encoding: z.enum(ENCODINGS).optional(),
          }),
          response: { 201: UploadOut, ...errors(403, 413, 415, 422, 429) },
        },
        config: { action: 'contacts.create' },
        ...hooks,
      },
      async (req, reply) => {
        const r = await uploadImport(core, actorOf(req), fileBody(req), req.query);
        return reply.code(201).send({ ...r, fields: [...IMPORT_FIELDS[req.query.kind]] });
      },
    );

    app.get(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'The workspace’s imports, newest first (managers and agents see their own)',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ data: z.array(ImportOut) }), ...errors(403) },
        },
        config: { action: 'imports.read' },
      },
      async (req) => ({ data: await listImports(core, actorOf(req), req.query.limit) }),
    );

    app.get(
      '/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'One import: its status and progress (poll it while it runs)',
          params: z.object({ id: z.uuid() }),
          response: { 200: ImportOut, ...errors(403, 404) },
        },
        config: { action: 'imports.read' },
      },
      async (req) => getImport(core, actorOf(req), req.params.id),
    );

    app.post(
      '/imports/:id/dry-run',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Check every row of an uploaded file with this mapping and report what would happen (created, updated, skipped, each refused row), writing nothing',
          params: z.object({ id: z.uuid() }),
          body: RunBody,
          response: { 200: ImportReportOut, ...errors(403, 404, 409, 422, 429) },
        },
        config: { action: 'contacts.create' },
        ...hooks,
      },
      async (req) => dryRunImport(core, actorOf(req), req.params.id, req.body),
    );

    app.post(
      '/imports/:id/run',
      {
        schema: {
          tags: ['imports'],
          summary: 'Run an uploaded import (or resume a stopped one) in the background; follow it with GET /imports/{id}',
          params: z.object({ id: z.uuid() }),
          body: RunBody,
          response: { 202: ImportOut, ...errors(403, 404, 409, 422, 429) },
        },
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
      '/imports/:id/undo',
      {
        schema: {
          tags: ['imports'],
          summary: 'Undo an import: delete what it created (restorable from the trash) and put back what it changed, except fields edited since',
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({
              import: ImportOut,
              removed: z.number().int(),
              restored: z.number().int(),
              kept: z.array(z.object({ id: z.string(), reason: z.string() })),
            }),
            ...errors(403, 404, 409),
          },
        },
        config: { action: 'imports.undo' },
      },
      async (req) => {
        const r = await undoImport(core, actorOf(req), req.params.id);
        return { import: await getImport(core, actorOf(req), r.import.id), ...r.result };
      },
    );
  };
}
