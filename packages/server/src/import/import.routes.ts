import { z } from 'zod';
import { AppError } from '@kith/domain/errors.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { importContacts } from './contact-import.ts';
import { ENCODINGS } from './decode.ts';

const ImportReportOut = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int().describe('rows whose email or phone is already a contact’s (or an earlier row’s)'),
    failed: z.number().int(),
    errors: z.array(z.object({ row: z.number().int().describe('line in the file; the header is line 1'), column: z.string().nullable(), message: z.string() })),
    encoding: z.enum(ENCODINGS),
    delimiter: z.string(),
    mapping: z.record(z.string(), z.string().nullable()).describe('each column of the file and the field it went to (null: skipped)'),
  })
  .meta({ id: 'ImportReport' });

/**
 * POST /api/v1/contacts/import: the file itself is the body (text/csv or application/octet-stream), so a
 * script can `curl --data-binary @khach.csv`. Its own plugin, so only this route accepts those types.
 */
export function importRoutes(core: Core) {
  return async function (app: App) {
    app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.post(
      '/contacts/import',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Import contacts from a CSV file sent as the body; every row is checked first, bad rows are reported (row, column, message) and left out, the rest are written in atomic batches of 1,000; rows already known by email or phone are skipped',
          querystring: z.strictObject({
            dryRun: z.enum(['true', 'false']).default('false').describe('true: check and report, write nothing'),
            map: z.string().max(4000).optional().describe('overrides of the suggested mapping as JSON, e.g. {"Họ và tên":"name","Ghi chú":""}'),
            encoding: z.enum(ENCODINGS).optional(),
          }),
          response: { 200: ImportReportOut, ...errors(403, 413, 415, 422) },
        },
        config: { action: 'contacts.create' },
      },
      async (req) => {
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('unsupported_media_type', 'Send the CSV file itself as the body, as text/csv or application/octet-stream');
        let map: Record<string, string> = {};
        if (req.query.map) {
          try {
            const parsed = JSON.parse(req.query.map) as unknown;
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) throw new Error('shape');
            map = parsed as Record<string, string>;
          } catch {
            throw new AppError('validation', 'map must be a JSON object of column → field', { issues: [{ path: ['map'], message: 'Not a JSON object of strings', code: 'invalid_format' }] });
          }
        }
        return importContacts(core, actorOf(req), body, { map, dryRun: req.query.dryRun === 'true', ...(req.query.encoding ? { encoding: req.query.encoding } : {}) });
      },
    );
  };
}
