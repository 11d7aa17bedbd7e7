import { z } from 'zod';
import { contract } from '../api/contract.ts';
import type { ImportEntity } from './mapping.ts';

/**
 * The imports API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these.
 * The upload and the one-call import take the file itself as the body (CSV or XLSX bytes, not JSON): their
 * contracts declare the query and the response, and the route reads the bytes. The file of refused rows
 * (GET /imports/{id}/errors) is a CSV download the web links to, declared by its route.
 */

export const IMPORT_KINDS = ['contacts', 'companies', 'orders', 'interactions', 'products'] as const satisfies readonly ImportEntity[];
/** The text encodings an upload may be read in (detected when not given). */
export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258'] as const;
/** How a row finds the record it updates (`id`: the contact's Kith id, a column of Kith's own export). */
export const MATCH_KEYS = ['id', 'externalId', 'email', 'phone'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** The order a file's day-month dates are read in. */
export const DATE_ORDERS = ['dmy', 'mdy', 'ymd'] as const;

const Confidence = z
  .enum(['preset', 'exact', 'partial', 'none'])
  .describe(
    'preset: a column the recognised product writes; exact: the header is a name of the field; partial: a guess, used only once confirmed (in `map`); none',
  );
const SuggestionOut = z.object({
  column: z.number().int(),
  header: z.string(),
  field: z.string().nullable(),
  confidence: Confidence,
  reason: z.string().optional().describe('why a preset leaves the column out'),
});
const PresetRef = z.object({ id: z.string(), product: z.string() });

const ImportIdParams = z.object({ id: z.uuid() });

const ErrorOut = z.object({
  row: z.number().int().describe('row in the file; the header is row 1'),
  column: z.string().nullable(),
  value: z.string().nullable().optional(),
  message: z.string(),
  code: z.string().optional().describe('the issue’s code (as in field errors), to word it in another language'),
  warning: z.boolean().optional().describe('true: the row was imported all the same (an owner who is not a member, a team the workspace does not have)'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
/** A row an import refused. */
export type ImportRowError = z.output<typeof ErrorOut>;

export const ImportReportOut = z
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
    columns: z.array(SuggestionOut).describe('each column, the field it went to and how sure the suggestion was'),
    unconfirmed: z
      .array(z.object({ header: z.string(), field: z.string() }))
      .describe('guesses left out because nobody confirmed them: name them in `map` to use them'),
    preset: PresetRef.nullable().describe('the product the file looks like ("looks like a HubSpot export"), or was said to come from'),
    fieldsChanged: z.record(z.string(), z.number().int()).describe('fields changed on existing records, by field'),
    dateOrder: z
      .object({
        order: z.enum(DATE_ORDERS),
        from: z.enum(['given', 'file', 'preset', 'language', 'default']),
        ambiguous: z.boolean().describe('the dates read both ways and nobody said which: a run needs `dateOrder`'),
        example: z.string().nullable(),
      })
      .nullable()
      .describe('the order day-month dates are read in (null: no date column)'),
    duplicates: z
      .number()
      .int()
      .nullable()
      .describe('open duplicate pairs after the import (GET /duplicates); null for a dry run, or past 20,000 new contacts (run POST /duplicates/detect)'),
  })
  .meta({ id: 'ImportReport' });
/** What an import did, or a dry run would do. */
export type ImportReport = z.output<typeof ImportReportOut>;

export const ImportOut = z
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
/** A recorded import as the API returns it. */
export type ImportOut = z.output<typeof ImportOut>;

export const UploadOut = z.object({
  import: ImportOut,
  suggestions: z.array(SuggestionOut),
  preset: PresetRef.nullable().describe('the product the file looks like'),
  presets: z.array(PresetRef).describe('the presets of this kind, to choose one by hand'),
  sample: z.array(z.array(z.string())).describe('the first rows, as read'),
  fields: z.array(z.string()).describe('the fields a column can go to'),
});

export const RunBody = z.strictObject({
  map: z.record(z.string(), z.string()).optional().describe('column → field overrides of the suggestion; "" skips a column'),
  matchBy: z.array(z.enum(MATCH_KEYS)).max(4).optional().describe('how a row finds the record it updates, surest first'),
  onExisting: z.enum(['update', 'skip']).optional(),
  preset: z.string().max(40).optional().describe('a preset’s id, or "none"; by default the one the header set looks like'),
  dateOrder: z.enum(DATE_ORDERS).optional().describe('the order of day-month dates; by default read from the file (a day above 12 decides)'),
  updateNames: z.boolean().optional().describe('change the name of a contact a row matches (by default it keeps its name)'),
});

export const importApi = {
  oneCall: contract({
    method: 'POST',
    path: '/contacts/import',
    tags: ['imports'],
    summary:
      'Import contacts from a CSV or XLSX file sent as the body, in one call: each row creates a contact or updates the one it matches (external id, email, phone); bad rows are reported (row, column, value, message) and left out; the rest are written in atomic batches (a shutdown stops it between two: 503, and the same file again resumes it)',
    query: z.strictObject({
      dryRun: z.enum(['true', 'false']).default('false').describe('true: check and report, write nothing'),
      map: z.string().max(4000).optional().describe('overrides of the suggested mapping as JSON, e.g. {"Họ và tên":"name","Ghi chú":""}'),
      encoding: z.enum(IMPORT_ENCODINGS).optional(),
      matchBy: z
        .string()
        .regex(/^(id|externalId|email|phone)(,(id|externalId|email|phone))*$/)
        .optional()
        .describe('comma-separated, surest first (default id,externalId,email,phone for contacts)'),
      onExisting: z.enum(['update', 'skip']).default('update'),
      preset: z.string().max(40).optional().describe('a preset’s id, or "none"; by default the one the header set looks like'),
      dateOrder: z.enum(DATE_ORDERS).optional().describe('the order of day-month dates; by default read from the file'),
      updateNames: z.enum(['true', 'false']).default('false').describe('true: change the name of a contact a row matches'),
      fileName: z.string().max(200).default('upload.csv'),
    }),
    status: 200,
    response: ImportReportOut,
  }),
  upload: contract({
    method: 'POST',
    path: '/imports',
    tags: ['imports'],
    summary:
      'Upload a file to import (the body is the file): its structure is read, its columns are suggested a field each, and the import is recorded, ready for a dry run and a run',
    query: z.strictObject({
      kind: z.enum(IMPORT_KINDS).default('contacts'),
      fileName: z.string().min(1).max(200).default('upload.csv'),
      encoding: z.enum(IMPORT_ENCODINGS).optional(),
    }),
    status: 201,
    response: UploadOut,
  }),
  list: contract({
    method: 'GET',
    path: '/imports',
    tags: ['imports'],
    summary: 'The workspace’s imports, newest first (managers and agents see their own)',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    status: 200,
    response: z.object({ data: z.array(ImportOut) }),
  }),
  get: contract({
    method: 'GET',
    path: '/imports/:id',
    tags: ['imports'],
    summary: 'One import: its status and progress (poll it while it runs)',
    params: ImportIdParams,
    status: 200,
    response: ImportOut,
  }),
  dryRun: contract({
    method: 'POST',
    path: '/imports/:id/dry-run',
    tags: ['imports'],
    summary:
      'Check every row of an uploaded file with this mapping and report what would happen (created, updated, skipped, each refused row), writing nothing',
    params: ImportIdParams,
    body: RunBody,
    status: 200,
    response: ImportReportOut,
  }),
  run: contract({
    method: 'POST',
    path: '/imports/:id/run',
    tags: ['imports'],
    summary: 'Run an uploaded import (or resume a stopped one) in the background; follow it with GET /imports/{id}',
    params: ImportIdParams,
    body: RunBody,
    status: 202,
    response: ImportOut,
  }),
  undo: contract({
    method: 'POST',
    path: '/imports/:id/undo',
    tags: ['imports'],
    summary: 'Undo an import: delete what it created (restorable from the trash) and put back what it changed, except fields edited since',
    params: ImportIdParams,
    status: 200,
    response: z.object({
      import: ImportOut,
      removed: z.number().int(),
      restored: z.number().int(),
      kept: z.array(z.object({ id: z.string(), reason: z.string() })),
    }),
  }),
};
