import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError, isAppError } from '@kith/domain/errors.ts';
import { DATE_TARGETS, IMPORT_FIELDS, isSure, MULTI_COLUMN_FIELDS, suggestMapping, type ImportEntity, type Suggestion } from '@kith/domain/import/mapping.ts';
import type { ImportPreset } from '@kith/domain/import/preset.ts';
import { IMPORT_PRESETS, presetById, recognisePreset } from '@kith/domain/import/presets.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import { RaceLost } from '../contacts/contact-update.service.ts';
import { refreshPlannerStats } from '../../platform/db/planner-stats.ts';
import { runDetection } from '../duplicates/duplicate-detect.service.ts';
import type { Encoding } from './decode.ts';
import { describeSource, fileProblem, hashSource, MAX_COLUMNS, MAX_HEADER_CHARS, readRecords, type Source, type SourceInfo } from './source.ts';
import { HANDLERS, type KindHandler, type KindOptions, type MappedRow, type MatchKey } from './kinds.ts';
import { dateOrderEvidence, detectDateOrder, type DateOrder, type DateOrderCounts } from '@kith/domain/import/values.ts';
import { demandWithin, yieldToLoop } from '../../platform/db/pace.ts';
import { holdBackgroundCheckpoints, type BackgroundCheckpoints } from '../../platform/db/checkpointer.ts';
import { HEARTBEAT_MS, LostImport, markRunning, markStopped, RUNNER_ID, runnerAlive } from './runner.ts';

/**
 * The import engine: a file is read twice, streamed. The first pass reads its structure only (the header,
 * the number of rows, any row that breaks the format), so a broken file imports nothing. The second maps
 * each row to the kind's fields and hands batches (5,000 rows on SQLite, 2,000 on PostgreSQL: batchRows)
 * to the kind's handler, which checks them, matches them to existing records and writes them; each batch
 * commits in one transaction with the import's own bookkeeping (what it created and changed, the rows it
 * refused, how far it got). A batch is all or nothing, and an import stopped midway (a crash, a SIGKILL) is
 * resumed after its last committed batch. Every import is recorded and can be undone.
 */

/**
 * Rows per batch (one transaction); a crash loses at most one batch's work, which the resume redoes.
 * PostgreSQL: 2,000 measured 12% faster than 1,000 (fewer commits and per-batch lookups). SQLite: at most
 * 5,000 — a commit there writes every page the batch dirtied to the WAL and syncs it, and the lookup-key
 * and audit indexes share more pages in a larger batch (200,000 contacts: commits 24 s at 2,000, 14 s at
 * 5,000; the import 38–40% of a raw insert at 2,000, 46% at 5,000).
 *
 * But on SQLite a batch is also time nobody else gets: the driver is synchronous, so while a batch is
 * prepared or written the whole process does nothing else (a 5,000-row batch: about 2 s; a 200,000-row
 * import held every other request for 43 s, BENCHMARKS (n)). So there a batch is sized by time, not rows:
 * each one aims at SQLITE_BATCH_MS for its preparation and again for its transaction, measured on the
 * batches before it (shorter while other requests are coming in), and the event loop turns between batches
 * and between the two halves of each.
 */
export function batchRows(dialect: DialectName): number {
  return dialect === 'sqlite' ? 5000 : 2000;
}
/**
 * What one SQLite batch aims at, for its preparation and for its transaction (each): the longest another
 * request waits for the import — 100 ms while requests are coming in (one arrived in the last second), 200 ms
 * when nobody else is asking (larger batches commit fewer times: 200,000 contacts 3,480 rows/s at 100 ms,
 * 4,070 at 200, 4,475 at 400 — measured side by side).
 */
export const SQLITE_BATCH_MS = { busy: 100, idle: 200 };
const BUSY_WITHIN_MS = 1000;
/**
 * The sizes a SQLite batch takes (the first is 200, before anything is measured): a few, so that the
 * statements of a batch (multi-row inserts, IN lists) come in a few shapes whose prepared statements are
 * reused — one shape per batch filled SQLite's statement cache with a thousand programs of a megabyte each.
 */
const SQLITE_SIZES = [50, 75, 100, 150, 200, 300, 400, 600, 800, 1200, 1600, 2400, 3200, 5000];
const SQLITE_FIRST_ROWS = 200;
const sqliteSize = (rows: number) => SQLITE_SIZES.findLast((s) => s <= rows) ?? SQLITE_SIZES[0]!;
/**
 * A file of at least this many rows has its checkpoints (SQLite) done by a worker thread while it imports: a
 * smaller one's are a few batches' worth, not worth a thread.
 */
const BACKGROUND_CHECKPOINTS_FROM_ROWS = 5_000;
/** Errors kept in a report (every one is in the import's error file). */
const REPORT_ERRORS = 100_000;
/** An error's value and message as reported and stored: the cell may be a megabyte. */
const ERROR_VALUE_CHARS = 500;
const ERROR_MESSAGE_CHARS = 1000;
/** A cell of the preview (the first rows shown on upload). */
export const PREVIEW_CHARS = 200;
export { STALE_AFTER_MS } from './runner.ts';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const clipError = (e: ImportError): ImportError =>
  (e.value?.length ?? 0) > ERROR_VALUE_CHARS || e.message.length > ERROR_MESSAGE_CHARS
    ? { ...e, value: e.value == null ? e.value : clip(e.value, ERROR_VALUE_CHARS), message: clip(e.message, ERROR_MESSAGE_CHARS) }
    : e;

/** A refused row: where, what, why — with the issue's code and params so a client can word it in its language. */
export type ImportError = {
  row: number;
  column: string | null;
  value?: string | null;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
  /** The row was imported all the same (an owner who is not a member): not counted as failed. */
  warning?: boolean;
};
/** The rows an import refused (warnings aside). */
const refusedRows = (errors: readonly ImportError[]) => new Set(errors.filter((e) => !e.warning).map((e) => e.row)).size;
export type ImportStatus = 'uploaded' | 'running' | 'done' | 'failed' | 'undoing' | 'undone';
export type ImportOptions = {
  map?: Record<string, string> | undefined;
  matchBy?: MatchKey[] | undefined;
  onExisting?: 'update' | 'skip' | undefined;
  /** A preset's id, or `none`; by default the preset the header set looks like. */
  preset?: string | undefined;
  /** The order of the file's day-month dates; by default read from its values (a day above 12 decides). */
  dateOrder?: DateOrder | undefined;
  /** Change the name of a contact a row matches (by default a matched contact keeps its name). */
  updateNames?: boolean | undefined;
};
export type ImportReport = {
  id: string | null;
  kind: ImportEntity;
  status: ImportStatus;
  dryRun: boolean;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: ImportError[];
  errorsTruncated: boolean;
  rowCount: number;
  resumedFromRow: number | null;
  format: SourceInfo['format'];
  encoding: Encoding | null;
  delimiter: string | null;
  mapping: Record<string, string | null>;
  /** Each column, the field it went to and how sure the suggestion was. */
  columns: Suggestion[];
  /** Guesses left out because nobody confirmed them. */
  unconfirmed: { header: string; field: string }[];
  /** The product the file looks like (or was said to come from). */
  preset: { id: string; product: string } | null;
  /** The order day-month dates were read in, and whether the file left it open. */
  dateOrder: DateOrderChoice | null;
  /** Fields changed on existing records, by field. */
  fieldsChanged: Record<string, number>;
  /** Open duplicate pairs after the import (null: a dry run, or nothing new). */
  duplicates: number | null;
};
export type Progress = { rowsDone: number; rowCount: number; created: number; updated: number; skipped: number; failed: number };

export type Scan = {
  info: SourceInfo;
  sha256: string;
  headers: string[];
  rowCount: number;
  sample: string[][];
  /** Per column, what its cells say about the order of day and month (the first DATE_EVIDENCE_ROWS rows). */
  dateEvidence: DateOrderCounts[];
};

/** Letters only Vietnamese writes (its vowels with their marks, and đ). */
const VIETNAMESE_LETTERS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/** Rows whose cells are read for the file's date order: enough for a day above 12 to show, cheap on a million rows. */
const DATE_EVIDENCE_ROWS = 20_000;
/** A cell that may be a day-month date: starts with a digit and has a separator (the quick test before the parser). */
const MAYBE_DATE = /^\s*\d{1,2}[/.-]/;

/**
 * The first pass: the file's kind, encoding, separator, header, row count and first rows; a broken file is
 * refused here. The sample is a preview: at most MAX_COLUMNS cells a row, each cut to PREVIEW_CHARS.
 */
export async function scanSource(src: Source, o: { encoding?: Encoding | undefined } = {}): Promise<Scan> {
  const info = await describeSource(src, o);
  let headers: string[] | null = null;
  let rowCount = 0;
  const sample: string[][] = [];
  const dateEvidence: DateOrderCounts[] = [];
  for await (const r of readRecords(src, info)) {
    if (!headers) {
      if (r.cells.length > MAX_COLUMNS)
        throw fileProblem(
          `The file has ${r.cells.length.toLocaleString('en')} columns; at most ${MAX_COLUMNS.toLocaleString('en')} are read`,
          'too_many_columns',
          { limit: MAX_COLUMNS },
        );
      headers = r.cells.map((h) => h.trim());
      const long = headers.findIndex((h) => h.length > MAX_HEADER_CHARS);
      if (long >= 0)
        throw fileProblem(
          `The name of column ${long + 1} is longer than ${MAX_HEADER_CHARS} characters: the first row must name the columns`,
          'header_too_long',
          { column: long + 1, limit: MAX_HEADER_CHARS },
        );
      continue;
    }
    rowCount++;
    if (sample.length < 20) sample.push(r.cells.slice(0, MAX_COLUMNS).map((c) => clip(c, PREVIEW_CHARS)));
    if (rowCount <= DATE_EVIDENCE_ROWS)
      for (let c = 0; c < r.cells.length && c < headers.length; c++) {
        const cell = r.cells[c]!;
        if (!MAYBE_DATE.test(cell)) continue;
        const e = dateOrderEvidence(cell);
        if (!e) continue;
        const counts = (dateEvidence[c] ??= {});
        counts[e] = (counts[e] ?? 0) + 1;
      }
  }
  if (!headers || headers.every((h) => h === '')) throw fileProblem('The file has no header row: the first row must name the columns', 'no_header');
  // A header written twice the same way is refused (which one would a value belong to?); two that differ only in
  // case (Shopee writes "Tổng số tiền Người mua thanh toán" beside "Tổng số tiền người mua thanh toán") are two
  // columns, each mapped by its own spelling.
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!h) return;
    const k = h.normalize('NFC');
    const first = seen.get(k);
    if (first !== undefined)
      throw fileProblem(
        `The column "${h}" appears twice (columns ${first + 1} and ${i + 1}); rename or remove one so each value has one place`,
        'duplicate_header',
        { column: h },
      );
    seen.set(k, i);
  });
  for (let c = 0; c < headers.length; c++) dateEvidence[c] ??= {};
  return { info, sha256: await hashSource(src), headers, rowCount, sample, dateEvidence };
}

/** The preset a run uses: the one asked for (`none`: no preset), else the one the header set looks like. */
export function choosePreset(kind: ImportEntity, headers: readonly string[], asked?: string): ImportPreset | null {
  if (asked === 'none') return null;
  if (asked) {
    const p = presetById(asked);
    const ids = IMPORT_PRESETS.filter((x) => x.kind === kind).map((x) => x.id);
    if (!p || p.kind !== kind)
      throw new AppError('validation', `"${asked}" is not a preset for ${kind}; use one of ${[...ids, 'none'].join(', ')}`, {
        issues: [{ path: ['preset'], message: 'Unknown preset', code: 'invalid_choice' }],
      });
    return p;
  }
  return recognisePreset(headers, kind);
}

export type DateOrderChoice = {
  order: DateOrder;
  /**
   * Where the order comes from: said by the caller, read from the file's values, the preset's, the language of the
   * date columns' headers (Vietnamese: day first), or the default (day first).
   */
  from: 'given' | 'file' | 'preset' | 'language' | 'default';
  /** The file's dates read either way and nobody said which: the run asks (a dry run reports it). */
  ambiguous: boolean;
  /** An example that reads both ways ("3/4/1992"), to ask about. */
  example: string | null;
};

/**
 * The order of day and month in the file's date columns: as given; else from their values (a day above 12
 * decides, DATE_EVIDENCE_ROWS rows read); else the preset's; else day first when a date column is named in
 * Vietnamese. A file whose date columns mix both
 * orders is refused naming them; a file whose dates all read both ways, with no preset to say, is a question: a
 * dry run reports it, a run refuses until the order is given. Null when no column is a date.
 */
export function chooseDateOrder(
  kind: ImportEntity,
  scan: Pick<Scan, 'headers' | 'dateEvidence' | 'sample'>,
  fields: (string | null)[],
  preset: ImportPreset | null,
  given: DateOrder | undefined,
  dryRun: boolean,
): DateOrderChoice | null {
  const dates = fields.flatMap((f, i) => (f && DATE_TARGETS[kind].has(f) ? [i] : []));
  if (dates.length === 0) return given ? { order: given, from: 'given', ambiguous: false, example: null } : null;
  if (given) return { order: given, from: 'given', ambiguous: false, example: null };
  const total: DateOrderCounts = {};
  const decided = new Map<DateOrder, string[]>();
  for (const c of dates) {
    const counts = scan.dateEvidence[c] ?? {};
    for (const [k, n] of Object.entries(counts) as [keyof DateOrderCounts, number][]) total[k] = (total[k] ?? 0) + n;
    const own = detectDateOrder(counts);
    if (own.order && !own.ambiguous && ((counts.dmy ?? 0) > 0 || (counts.mdy ?? 0) > 0))
      decided.set(own.order, [...(decided.get(own.order) ?? []), scan.headers[c]!]);
    if (own.order === null)
      throw new AppError(
        'validation',
        `The dates in "${scan.headers[c]}" are written in two orders (some day first, some month first); fix the column or split the file`,
        {
          issues: [{ path: ['file', scan.headers[c]!], message: 'Dates in two orders', code: 'date_order_mixed' }],
        },
      );
  }
  if (decided.size > 1)
    throw new AppError(
      'validation',
      `The date columns disagree: ${[...decided].map(([o, cols]) => `${cols.join(', ')} ${o === 'dmy' ? 'day first' : 'month first'}`).join('; ')}`,
      {
        issues: [{ path: ['dateOrder'], message: 'Date columns in two orders', code: 'date_order_mixed' }],
      },
    );
  const read = detectDateOrder(total, preset?.dateOrder ?? 'dmy');
  if ((total.dmy ?? 0) > 0 || (total.mdy ?? 0) > 0) return { order: read.order!, from: 'file', ambiguous: false, example: null };
  if (preset?.dateOrder) return { order: preset.dateOrder, from: 'preset', ambiguous: false, example: null };
  // A date column named in Vietnamese comes from Vietnamese software or a Vietnamese user: day first.
  if (dates.some((c) => VIETNAMESE_LETTERS.test(scan.headers[c]!))) return { order: 'dmy', from: 'language', ambiguous: false, example: null };
  const example = read.ambiguous ? (scan.sample.flatMap((r) => dates.map((c) => r[c] ?? '')).find((v) => dateOrderEvidence(v) === 'either') ?? null) : null;
  if (read.ambiguous && !dryRun)
    throw new AppError(
      'validation',
      `The dates in ${dates.map((c) => `"${scan.headers[c]}"`).join(', ')} read both ways${example ? ` (${example}: day first or month first?)` : ''}; say which with --date-order dmy or mdy (dateOrder in the API)`,
      { issues: [{ path: ['dateOrder'], message: 'Day first or month first?', code: 'date_order_ambiguous' }] },
    );
  return { order: read.order ?? 'dmy', from: 'default', ambiguous: read.ambiguous, example };
}

/** The column a `--map` header names: the header as written, else the one header equal to it folded. */
function columnOf(headers: readonly string[], header: string): number {
  const exact = headers.indexOf(header);
  if (exact >= 0) return exact;
  const folded = headers.flatMap((h, i) => (matchKey(h) === matchKey(header) ? [i] : []));
  return folded.length === 1 ? folded[0]! : -1;
}

export type Mapping = {
  /** Each column's field (null: left out). */
  fields: (string | null)[];
  suggestions: Suggestion[];
  /** Guesses not used because nobody confirmed them (pass them in `map` to use them). */
  unconfirmed: { header: string; field: string }[];
};

/**
 * The mapping: suggested from the headers (and the preset), then the caller's overrides ("Header" → field; ""
 * skips the column). A partial guess is used only when the caller confirms it by naming it in `map`; a field
 * that takes one value may come from one column only.
 */
export function resolveMapping(
  kind: ImportEntity,
  headers: string[],
  map: Record<string, string> = {},
  preset: ImportPreset | null = null,
  /** The workspace's own targets (custom fields) by folded header: a column the preset does not place that names one goes there. */
  own: ReadonlyMap<string, string> = new Map(),
): Mapping {
  const suggestions = suggestMapping(headers, kind, preset).map((s) => {
    const target = s.confidence === 'preset' ? undefined : own.get(matchKey(s.header));
    return target ? { ...s, field: target, confidence: 'exact' as const } : s;
  });
  const fields = suggestions.map((s) => (isSure(s) ? s.field : null));
  const known = [...IMPORT_FIELDS[kind], ...own.values()] as readonly string[];
  const overridden = new Set<number>();
  for (const [header, field] of Object.entries(map)) {
    const col = columnOf(headers, header);
    if (col < 0)
      throw new AppError('validation', `No column "${header}" in the file; its columns are: ${headers.join(', ')}`, {
        issues: [{ path: ['map', header], message: 'No such column', code: 'not_found' }],
      });
    if (field && !known.includes(field))
      throw new AppError('validation', `"${field}" is not a field of ${kind}; use one of ${known.join(', ')}`, {
        issues: [{ path: ['map', header], message: 'Unknown field', code: 'invalid_choice' }],
      });
    fields[col] = field || null;
    overridden.add(col);
  }
  const multi = MULTI_COLUMN_FIELDS[kind];
  const dup = fields.findIndex((f, i) => f !== null && !multi.has(f) && fields.indexOf(f) !== i);
  if (dup >= 0) {
    const first = fields.indexOf(fields[dup]!);
    throw new AppError('validation', `The columns "${headers[first]}" and "${headers[dup]}" both go to ${fields[dup]}; map one of them elsewhere or skip it`, {
      issues: [{ path: ['map', headers[dup]!], message: 'Two columns for one field', code: 'not_unique' }],
    });
  }
  const unconfirmed = suggestions.flatMap((s) => (s.field && !isSure(s) && !overridden.has(s.column) ? [{ header: s.header, field: s.field }] : []));
  return { fields, suggestions, unconfirmed };
}

type ImportRow = {
  id: string;
  workspace_id: string;
  kind: string;
  status: string;
  file_name: string;
  file_sha256: string;
  rows_done: number;
  row_count: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  heartbeat_at: string;
  created_by: string | null;
  runner: string | null;
};

export type RunOptions = ImportOptions & {
  kind: ImportEntity;
  dryRun: boolean;
  encoding?: Encoding | undefined;
  fileName: string;
  /** An existing import record to run (the web flow uploads first). */
  importId?: string | undefined;
  /** Resume an interrupted import of the same file even if its process may still be alive. */
  forceResume?: boolean | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
  /** Tests: stop after this many committed batches, as a crash would. */
  stopAfterBatches?: number | undefined;
  /** Rows per batch, fixed (tests); by default batchRows, and on SQLite sized by time. */
  batchRows?: number | undefined;
  /** Tests: called (and awaited) after each batch is settled, with the number of batches so far. */
  onBatch?: ((batches: number) => void | Promise<void>) | undefined;
  /** Stop at the next batch boundary (the server is shutting down); the import stays resumable. */
  signal?: AbortSignal | undefined;
};

/** Run an import of a file: dry-run (check and report, write nothing) or for real, resuming an interrupted one of the same file. */
export async function runImport(core: Core, actor: Actor, src: Source, o: RunOptions): Promise<ImportReport> {
  const handler = HANDLERS[o.kind];
  if (!handler)
    throw new AppError('validation', `Importing ${o.kind} is not supported`, {
      issues: [{ path: ['kind'], message: 'Not supported', code: 'invalid_choice' }],
    });
  authorize(actor, handler.action);
  const scan = await scanSource(src, { encoding: o.encoding });
  const preset = choosePreset(o.kind, scan.headers, o.preset);
  const resolved = resolveMapping(o.kind, scan.headers, o.map, preset, await handler.workspaceTargets?.(core, actor));
  const { fields } = resolved;
  const missing = handler.missing(new Set(fields.filter((f): f is string => f !== null)));
  if (missing) {
    const guesses = resolved.unconfirmed.map((u) => `"${u.header}=${u.field}"`);
    const hint = guesses.length ? ` (unconfirmed guesses: ${guesses.join(', ')}; confirm one with --map)` : '';
    throw new AppError('validation', `${missing}${hint}`, { issues: [{ path: ['map'], message: missing, code: 'required' }] });
  }
  const mapping = Object.fromEntries(scan.headers.map((h, i) => [h, fields[i] ?? null]));
  const dateOrder = chooseDateOrder(o.kind, scan, fields, preset, o.dateOrder, o.dryRun);
  const options: KindOptions = {
    matchBy: o.matchBy ?? handler.defaultMatchBy,
    onExisting: o.onExisting ?? 'update',
    updateNames: o.updateNames ?? false,
    dateOrder: dateOrder?.order ?? 'dmy',
    values: preset?.values ?? {},
    preset: preset?.id ?? null,
  };
  const described = {
    columns: resolved.suggestions.map((sg, i) => ({ ...sg, field: fields[i] ?? null })),
    unconfirmed: resolved.unconfirmed,
    preset: preset ? { id: preset.id, product: preset.product } : null,
    dateOrder,
  };

  let record: ImportRow | null = null;
  if (!o.dryRun) record = await claimImport(core, actor, scan, o, mapping, options);
  if (record) markRunning(record.id);
  // SQLite: the log's checkpoints in a thread of their own while a large import writes (db/checkpointer.ts).
  const checkpoints = record && scan.rowCount >= BACKGROUND_CHECKPOINTS_FROM_ROWS ? holdBackgroundCheckpoints(core.dbHandle) : null;
  try {
    return { ...(await runClaimed(core, actor, src, o, handler, scan, fields, mapping, options, record, checkpoints)), ...described };
  } finally {
    if (record) markStopped(record.id);
    await checkpoints?.release();
  }
}

async function runClaimed(
  core: Core,
  actor: Actor,
  src: Source,
  o: RunOptions,
  handler: KindHandler<unknown, unknown>,
  scan: Scan,
  fields: (string | null)[],
  mapping: Record<string, string | null>,
  options: KindOptions,
  record: ImportRow | null,
  checkpoints: BackgroundCheckpoints | null,
): Promise<Omit<ImportReport, 'columns' | 'unconfirmed' | 'preset' | 'dateOrder'>> {
  const resumedFromRow = record && record.rows_done > 0 ? record.rows_done : null;
  const totals = { created: record?.created ?? 0, updated: record?.updated ?? 0, skipped: record?.skipped ?? 0, failed: record?.failed ?? 0 };
  const errors: ImportError[] = record && record.rows_done > 0 ? await storedErrors(core.db, record.id, REPORT_ERRORS) : [];
  let errorsTruncated = false;
  // Fields changed on existing records, by field (this run's: a resumed import counts from where it resumed).
  const fieldsChanged: Record<string, number> = {};
  const headerOf = (field: string) => scan.headers[fields.indexOf(field)] ?? field;
  const state = handler.newState();

  let batch: MappedRow[] = [];
  const maxBatch = o.batchRows ?? batchRows(core.dialect);
  const timed = o.batchRows === undefined && core.dialect === 'sqlite';
  let batchLimit = timed ? SQLITE_FIRST_ROWS : maxBatch;
  let rowsDone = record?.rows_done ?? 0;
  // The contacts this run creates, for duplicate detection around them (a bounded list; past it, the whole workspace).
  let createdContacts = { ids: [] as string[], overflow: (record?.rows_done ?? 0) > 0 };
  let batches = 0;
  // The planner's statistics follow the tables as the import grows them (each time the rows written double).
  let statsAt = 5_000;
  // While a batch is written, the next one is read and prepared (the kinds that can say what two plans would
  // collide on: planKeys); each batch is still written in order, one at a time.
  // PostgreSQL only: SQLite's driver is synchronous on this thread, so nothing overlaps there, and a batch
  // prepared again after a collision is pure cost (measured: 1,000,000 contacts 3,794 rows/s at 600,000
  // rows pipelined against 4,613 without).
  const pipelined = Boolean(handler.planKeys) && !o.dryRun && record !== null && core.dialect === 'postgres';
  // The heartbeat: renewed while the import runs, so a process elsewhere can tell it is alive (runner.ts).
  const heartbeat = record
    ? setInterval(() => {
        core.db
          .updateTable('imports')
          .set({ heartbeat_at: core.now().toISOString() })
          .where('id', '=', record.id)
          .where('runner', '=', RUNNER_ID)
          .execute()
          .catch(() => {});
      }, HEARTBEAT_MS)
    : null;
  heartbeat?.unref();
  let inflight: { promise: Promise<BatchResult>; lastRow: number; keys: Set<string>; rows: number } | null = null;
  const settle = async () => {
    if (!inflight) return;
    const { promise, lastRow, rows: batchSize } = inflight;
    inflight = null;
    const r = await promise;
    if (timed) {
      // The next batch: as many rows as fit SQLITE_BATCH_MS in the slower half of this one (at most twice as many).
      const perRow = Math.max(r.prepareMs, r.writeMs, 0.01) / batchSize;
      const target = demandWithin(BUSY_WITHIN_MS) ? SQLITE_BATCH_MS.busy : SQLITE_BATCH_MS.idle;
      batchLimit = sqliteSize(Math.min(maxBatch, batchSize * 2, Math.floor(target / perRow)));
    }
    totals.created += r.created;
    totals.updated += r.updated;
    totals.skipped += r.skipped;
    totals.failed += r.errorRows;
    for (const [f, n] of Object.entries(r.fieldsChanged)) fieldsChanged[f] = (fieldsChanged[f] ?? 0) + n;
    if (!createdContacts.overflow) {
      createdContacts.ids.push(...r.contactIds);
      if (createdContacts.ids.length > 20_000) createdContacts = { ids: [], overflow: true };
    }
    for (const e of r.errors) {
      if (errors.length < REPORT_ERRORS) errors.push(clipError(e));
      else errorsTruncated = true;
    }
    rowsDone = lastRow;
    batches++;
    // The batch is committed: the worker copies its pages into the database while the next one is prepared.
    void checkpoints?.nudge();
    if (!o.dryRun && totals.created + totals.updated >= statsAt) {
      const analysed = await refreshPlannerStats(core.dbHandle);
      if (analysed.length) core.log.info({ analysed }, 'planner statistics refreshed during an import');
      statsAt *= 2;
    }
    o.onProgress?.({ rowsDone: rowsDone - 1, rowCount: scan.rowCount, ...totals });
    await o.onBatch?.(batches);
    if (o.stopAfterBatches !== undefined && batches >= o.stopAfterBatches) throw new StopForTest();
    if (o.signal?.aborted) throw new StopForTest();
    // The rest of the process gets its turn between batches (on SQLite nothing else has run during this one).
    if (!pipelined) await yieldToLoop();
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const lastRow = rows[rows.length - 1]!.row;
    const ctx = { headerOf, options, state, dryRun: o.dryRun, record, lastRow, yieldBeforeWrite: !pipelined };
    if (!pipelined) {
      inflight = { promise: processBatch(core, actor, handler, rows, ctx), lastRow, keys: new Set(), rows: rows.length };
      await settle();
      return;
    }
    // Prepared now, while the batch before is still being written…
    const ahead = handler.prepare(core, actor, rows, { headerOf, options, state, dryRun: false, importId: record?.id ?? null });
    ahead.catch(() => {});
    const before = inflight as { keys: Set<string> } | null;
    try {
      await settle();
    } catch (e) {
      await ahead.catch(() => {});
      throw e;
    }
    // …and prepared again, after it, if the two plans touch the same people or companies.
    const prepared = await ahead;
    const keys = new Set(handler.planKeys!(prepared.plan));
    const collides = before !== null && [...keys].some((k) => before.keys.has(k));
    const promise = processBatch(core, actor, handler, rows, ctx, collides ? undefined : prepared);
    promise.catch(() => {});
    inflight = { promise, lastRow, keys, rows: rows.length };
  };

  try {
    for await (const rec of readRecords(src, scan.info)) {
      if (rec.row === 1 || rec.row <= rowsDone) continue;
      if (rec.cells.every((c) => c.trim() === '')) continue;
      const values: Record<string, string> = {};
      rec.cells.forEach((cell, col) => {
        const f = fields[col];
        const v = cell.trim();
        // A field several columns fill gets all their values, one per line, in column order.
        if (f && v !== '') values[f] = values[f] === undefined ? v : `${values[f]}\n${v}`;
      });
      const row = { row: rec.row, values };
      // A batch ends on a group's boundary (the lines of one order stay together).
      if (batch.length >= batchLimit && (!handler.groupOf || handler.groupOf(row) !== handler.groupOf(batch[batch.length - 1]!))) await flush();
      batch.push(row);
    }
    await flush();
    await settle();
  } catch (e) {
    if (inflight) await (inflight as { promise: Promise<unknown> }).promise.catch(() => {});
    if (heartbeat) clearInterval(heartbeat);
    if (e instanceof LostImport) throw new AppError('conflict', 'Another process took this import over; it goes on there', { reason: 'import_running' });
    if (e instanceof StopForTest) {
      // Stopped on purpose (the server is shutting down): nobody runs it now, so it may be resumed at once.
      if (record && o.signal?.aborted) await releaseImport(core, record.id, rowsDone);
      throw e;
    }
    if (record) await failImport(core, record.id, e);
    throw e;
  }
  let duplicates: number | null = null;
  try {
    if (record) {
      // New contacts may be people already known under another phone or email: look for them around the new
      // ones, or past 20,000 of them in the whole workspace (11 s at a million contacts, measured).
      let stats: { candidates: number } | null = null;
      if (createdContacts.overflow) stats = await runDetection(core, actor.workspaceId);
      else if (createdContacts.ids.length) stats = await runDetection(core, actor.workspaceId, { around: createdContacts.ids });
      // The count is the workspace's: a member who sees only some records is not told it (it would say that a
      // row matched someone they cannot see — docs/permissions.md); they read the pairs they may see.
      duplicates = stats && scopeFor(actor, 'contacts.read').limitTo === null ? stats.candidates : null;
      const now = core.now().toISOString();
      await core.db
        .updateTable('imports')
        .set({ status: 'done', finished_at: now, heartbeat_at: now, rows_done: rowsDone, runner: null, ...totals })
        .where('id', '=', record.id)
        .execute();
      await core.db.deleteFrom('import_files').where('import_id', '=', record.id).execute();
    }
  } finally {
    if (heartbeat) clearInterval(heartbeat);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    id: record?.id ?? null,
    kind: o.kind,
    status: o.dryRun ? 'uploaded' : 'done',
    dryRun: o.dryRun,
    ...totals,
    errors,
    errorsTruncated,
    rowCount: scan.rowCount,
    resumedFromRow: resumedFromRow === null ? null : resumedFromRow - 1,
    format: scan.info.format,
    encoding: scan.info.encoding,
    delimiter: scan.info.delimiter,
    mapping,
    fieldsChanged,
    duplicates,
  };
}

/** The fields an update changed: those whose value after differs from the value before. */
function countChanges(into: Record<string, number>, before: unknown, after: unknown): void {
  const b = (before ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries((after ?? {}) as Record<string, unknown>))
    if (JSON.stringify(b[k] ?? null) !== JSON.stringify(v ?? null)) into[k] = (into[k] ?? 0) + 1;
}

/**
 * Thrown by a handler's write when some rows turn out not to go in (a check only the write can make): the
 * batch's transaction is rolled back and the batch is prepared and written again without those rows.
 */
export class DropRows extends Error {
  readonly errors: ImportError[];
  constructor(errors: ImportError[]) {
    super('rows dropped');
    this.errors = errors;
  }
}

/** The run stopped between batches on purpose (shutdown, or a test's simulated crash): the record stays resumable. */
export class StopForTest extends Error {}

/** The import record to write into: the one given, an interrupted one of the same file (resumed), or a new one. */
async function claimImport(core: Core, actor: Actor, scan: Scan, o: RunOptions, mapping: Record<string, string | null>, options: object): Promise<ImportRow> {
  const now = core.now();
  const iso = now.toISOString();
  const cols = [
    'id',
    'workspace_id',
    'kind',
    'status',
    'file_name',
    'file_sha256',
    'rows_done',
    'row_count',
    'created',
    'updated',
    'skipped',
    'failed',
    'heartbeat_at',
    'created_by',
    'runner',
  ] as const;
  return core.db.transaction().execute(async (trx) => {
    let existing: ImportRow | undefined;
    if (o.importId) {
      existing = await trx.selectFrom('imports').select(cols).where('workspace_id', '=', actor.workspaceId).where('id', '=', o.importId).executeTakeFirst();
      if (!existing) throw new AppError('not_found', 'No such import');
      if (existing.status === 'done' || existing.status === 'undone' || existing.status === 'undoing')
        throw new AppError('conflict', `This import is ${existing.status}; upload the file again to import it again`, { reason: 'import_finished' });
    } else {
      existing = await trx
        .selectFrom('imports')
        .select(cols)
        .where('workspace_id', '=', actor.workspaceId)
        .where('kind', '=', o.kind)
        .where('file_sha256', '=', scan.sha256)
        .where('status', 'in', ['running', 'failed'])
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
    }
    if (existing) {
      // Taken over only from a runner that is gone (runner.ts) — or when the caller says it is.
      const running = `This file is being imported right now (import ${existing.id}, last progress at ${existing.heartbeat_at}); if that import was stopped, resume it`;
      const alive = existing.status === 'running' && runnerAlive(existing, now);
      if (alive && !o.forceResume) throw new AppError('conflict', running, { reason: 'import_running' });
      const taken = await trx
        .updateTable('imports')
        .set({
          status: 'running',
          heartbeat_at: iso,
          started_at: iso,
          mapping: JSON.stringify(mapping),
          options: JSON.stringify(options),
          message: null,
          row_count: scan.rowCount,
          runner: RUNNER_ID,
        })
        .where('id', '=', existing.id)
        .where('status', '=', existing.status)
        .where('heartbeat_at', '=', existing.heartbeat_at)
        .where((eb) => (existing.runner === null ? eb('runner', 'is', null) : eb('runner', '=', existing.runner)))
        .executeTakeFirst();
      // Someone else claimed it between the read and the write.
      if (Number(taken.numUpdatedRows) === 0) throw new AppError('conflict', running, { reason: 'import_running' });
      return { ...existing, status: 'running', heartbeat_at: iso, runner: RUNNER_ID };
    }
    const row: ImportRow = {
      id: uuidv7(),
      workspace_id: actor.workspaceId,
      kind: o.kind,
      status: 'running',
      file_name: o.fileName,
      file_sha256: scan.sha256,
      rows_done: 0,
      row_count: scan.rowCount,
      created: 0,
      updated: 0,
      skipped: 0,
      failed: 0,
      heartbeat_at: iso,
      created_by: actor.userId,
      runner: RUNNER_ID,
    };
    await trx
      .insertInto('imports')
      .values({
        ...row,
        file_size: scan.info.size,
        format: scan.info.format,
        encoding: scan.info.encoding,
        delimiter: scan.info.delimiter,
        headers: JSON.stringify(scan.headers),
        mapping: JSON.stringify(mapping),
        options: JSON.stringify(options),
        created_at: iso,
        started_at: iso,
      })
      .execute();
    return row;
  });
}

async function failImport(core: Core, id: string, e: unknown): Promise<void> {
  const message = isAppError(e)
    ? e.message
    : 'The import stopped on an internal error; the batches before it are imported, and running it again resumes after them';
  await core.db
    .updateTable('imports')
    .set({ status: 'failed', message, heartbeat_at: core.now().toISOString(), runner: null })
    .where('id', '=', id)
    .where('runner', '=', RUNNER_ID)
    .execute()
    .catch(() => {});
}

/** Stopped between batches on purpose (a shutdown): still `running`, but with no runner, so the next process resumes it at once. */
async function releaseImport(core: Core, id: string, rowsDone: number): Promise<void> {
  const message = `Stopped when the server shut down, after row ${Math.max(0, rowsDone - 1).toLocaleString('en')}; run it again to resume`;
  await core.db
    .updateTable('imports')
    .set({ runner: null, message, heartbeat_at: core.now().toISOString() })
    .where('id', '=', id)
    .where('runner', '=', RUNNER_ID)
    .execute()
    .catch(() => {});
}

async function storedErrors(db: Db, importId: string, limit: number): Promise<ImportError[]> {
  const rows = await db
    .selectFrom('import_errors')
    .select(['row', 'column_name', 'value', 'message'])
    .where('import_id', '=', importId)
    .orderBy('row')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ row: r.row, column: r.column_name, value: r.value, message: r.message }));
}

type BatchContext = {
  headerOf: (field: string) => string;
  options: KindOptions;
  state: unknown;
  dryRun: boolean;
  record: ImportRow | null;
  lastRow: number;
  /** Give the event loop a turn between preparing the batch and writing it (not while pipelined). */
  yieldBeforeWrite: boolean;
};

/** One batch: checked and matched, then (unless a dry run) written in one transaction with the import's bookkeeping. */
type Prepared = Awaited<ReturnType<KindHandler<unknown, unknown>['prepare']>>;
type BatchResult = {
  created: number;
  updated: number;
  skipped: number;
  errorRows: number;
  errors: ImportError[];
  contactIds: string[];
  fieldsChanged: Record<string, number>;
  prepareMs: number;
  writeMs: number;
};

async function processBatch(
  core: Core,
  actor: Actor,
  handler: KindHandler<unknown, unknown>,
  allRows: MappedRow[],
  ctx: BatchContext,
  preparedAhead?: Prepared,
): Promise<BatchResult> {
  let rows = allRows;
  const dropped: ImportError[] = [];
  let prepareMs = 0;
  let writeMs = 0;
  for (let attempt = 0; ; attempt++) {
    const t0 = performance.now();
    const prepared =
      attempt === 0 && preparedAhead
        ? preparedAhead
        : await handler.prepare(core, actor, rows, {
            headerOf: ctx.headerOf,
            options: ctx.options,
            state: ctx.state,
            dryRun: ctx.dryRun,
            importId: ctx.record?.id ?? null,
          });
    prepareMs = Math.max(prepareMs, performance.now() - t0);
    prepared.errors.push(...dropped);
    const errorRows = refusedRows(prepared.errors);
    if (ctx.dryRun || !ctx.record) {
      handler.commitState?.(ctx.state, prepared.plan, true);
      return {
        created: prepared.counts.created,
        updated: prepared.counts.updated,
        skipped: prepared.counts.skipped,
        errorRows,
        errors: prepared.errors,
        contactIds: [] as string[],
        fieldsChanged: prepared.counts.fieldsChanged ?? {},
        prepareMs,
        writeMs,
      };
    }
    const record = ctx.record;
    if (ctx.yieldBeforeWrite) await yieldToLoop();
    const t1 = performance.now();
    try {
      return await core.db
        .transaction()
        .execute(async (trx) => {
          const w = await handler.write(core, trx, actor, prepared.plan, { importId: record.id });
          const errors = [...prepared.errors, ...w.errors];
          const failedRows = refusedRows(errors);
          // What the batch created: one row per kind of record listing the ids (a row per record cost a fifth of an import's time).
          const createdByType = new Map<string, string[]>();
          for (const x of w.created) createdByType.set(x.type, [...(createdByType.get(x.type) ?? []), x.id]);
          const items = [
            ...[...createdByType].map(([type, ids]) => ({
              import_id: record.id,
              entity_type: type,
              entity_id: ids[0]!,
              action: 'created',
              before: null,
              after: JSON.stringify(ids),
            })),
            ...w.updated.map((x) => ({
              import_id: record.id,
              entity_type: x.type,
              entity_id: x.id,
              action: 'update',
              before: JSON.stringify(x.before),
              after: JSON.stringify(x.after),
            })),
          ];
          for (let i = 0; i < items.length; i += 200)
            await trx
              .insertInto('import_items')
              .values(items.slice(i, i + 200))
              .execute();
          const errRows = errors
            .map(clipError)
            .map((e) => ({ import_id: record.id, row: e.row, column_name: e.column, value: e.value ?? null, message: e.message }));
          for (let i = 0; i < errRows.length; i += 200)
            await trx
              .insertInto('import_errors')
              .values(errRows.slice(i, i + 200))
              .execute();
          const created = w.created.filter((x) => x.type === handler.entityType).length;
          const updated = w.updated.filter((x) => x.type === handler.entityType).length;
          const mine = await trx
            .updateTable('imports')
            .set((eb) => ({
              rows_done: ctx.lastRow,
              created: eb('created', '+', created),
              updated: eb('updated', '+', updated),
              skipped: eb('skipped', '+', w.skipped),
              failed: eb('failed', '+', failedRows),
              heartbeat_at: core.now().toISOString(),
            }))
            .where('id', '=', record.id)
            // Only while this process is its runner: one that took it over meanwhile keeps it (runner.ts).
            .where('runner', '=', RUNNER_ID)
            .executeTakeFirst();
          if (Number(mine.numUpdatedRows) === 0) throw new LostImport();
          const fieldsChanged: Record<string, number> = {};
          for (const x of w.updated) if (x.type === handler.entityType) countChanges(fieldsChanged, x.before, x.after);
          return {
            fieldsChanged,
            created,
            updated,
            skipped: w.skipped,
            errorRows: failedRows,
            errors,
            contactIds: w.created.filter((x) => x.type === 'contact').map((x) => x.id),
            prepareMs,
            writeMs: 0,
          };
        })
        .then((r) => {
          handler.commitState?.(ctx.state, prepared.plan, false);
          writeMs = performance.now() - t1;
          return { ...r, writeMs };
        });
    } catch (e) {
      if (e instanceof RaceLost && attempt < 5) continue;
      if (e instanceof DropRows && e.errors.length > 0 && attempt < 20) {
        const out = new Set(e.errors.map((x) => x.row));
        dropped.push(...e.errors);
        rows = rows.filter((r) => !out.has(r.row));
        continue;
      }
      throw e;
    }
  }
}

/** An import as the API shows it. */
export type ImportSummary = {
  id: string;
  kind: string;
  status: ImportStatus;
  fileName: string;
  fileSize: number;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  mapping: Record<string, string | null> | null;
  rowCount: number;
  rowsDone: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  message: string | null;
  createdBy: string | null;
  createdAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
};

export function toSummary(r: {
  id: string;
  kind: string;
  status: string;
  file_name: string;
  file_size: number | string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  headers: unknown;
  mapping: unknown;
  row_count: number;
  rows_done: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  message: string | null;
  created_by: string | null;
  created_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  undone_at: string | null;
}): ImportSummary {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status as ImportStatus,
    fileName: r.file_name,
    fileSize: Number(r.file_size),
    format: r.format,
    encoding: r.encoding,
    delimiter: r.delimiter,
    headers: readJson<string[]>(r.headers, []),
    mapping: readJson<Record<string, string | null> | null>(r.mapping, null),
    rowCount: r.row_count,
    rowsDone: Math.max(0, r.rows_done - 1),
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    failed: r.failed,
    message: r.message,
    createdBy: r.created_by,
    createdAt: r.created_at,
    heartbeatAt: r.heartbeat_at,
    finishedAt: r.finished_at,
    undoneAt: r.undone_at,
  };
}
