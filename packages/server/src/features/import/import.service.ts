import { stringify } from 'csv-stringify/sync';
import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError } from '@kith/domain/errors.ts';
import { CSV_QUOTE_MATCH, neutralizeCell } from '@kith/domain/export/cells.ts';
import type { ImportEntity } from '@kith/domain/import/mapping.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import type { Encoding } from './decode.ts';
import { IMPORT_PRESETS } from '@kith/domain/import/presets.ts';
import {
  choosePreset,
  resolveMapping,
  runImport,
  scanSource,
  StopForTest,
  toSummary,
  type ImportOptions,
  type ImportReport,
  type ImportSummary,
} from './engine.ts';
import { HANDLERS } from './kinds.ts';
import { runnerAlive } from './runner.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { jobPending } from '../../platform/jobs/job.repository.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { findImportRecord, markImportQueued, markImportRequeued } from './import.repository.ts';

/**
 * The web's import steps on a recorded import: upload (the file kept with the record), dry runs with a
 * mapping, the run (a job, `import.run`, progress on the record), the error file. The CLI and the one-call
 * API run the same engine directly on a file.
 *
 * A run is a job in `jobs` (jobs/runner.ts), not a promise of the process that was asked: it survives a
 * restart (a job whose process died is claimed again once its lease ends, and resumes after the last batch
 * committed) and is run by one process of those sharing the database. Until a process claims it, the record is
 * `running` with the job as its runner (`job/<id>`); the process that runs it puts its own name there
 * (runner.ts), which fences every batch.
 */

export type ImportView = ImportSummary & { stalled: boolean };

export const IMPORT_RUN_JOB = 'import.run';
export type ImportRunPayload = { importId: string; actor: Actor; options: ImportOptions };

const QUEUED = 'job/';
/** The runner of an import whose run waits in the job queue. */
export const queuedRunner = (jobId: string): string => `${QUEUED}${jobId}`;

/** Is someone running this import, or is its run waiting in the queue? */
async function importAlive(core: Core, rec: { id: string; runner: string | null; heartbeat_at: string }, now: Date): Promise<boolean> {
  if (rec.runner?.startsWith(QUEUED)) return jobPending(core.db, rec.runner.slice(QUEUED.length));
  return runnerAlive(rec, now);
}

/** Stalled: `running`, but its runner is gone (stopped by a shutdown, killed, or silent for too long — runner.ts), and no job of it is queued. */
const view = async (core: Core, s: ImportSummary, now: Date, runner: string | null): Promise<ImportView> => ({
  ...s,
  stalled: s.status === 'running' && !(await importAlive(core, { id: s.id, runner, heartbeat_at: s.heartbeatAt }, now)),
});

async function findOwnImport(core: Core, actor: Actor, id: string) {
  const scope = scopeFor(actor, 'imports.read');
  const rec = await findImportRecord(core.db, actor.workspaceId, id);
  if (!rec || (scope.limitTo && rec.created_by !== actor.userId)) throw new AppError('not_found', 'No such import');
  return rec;
}

export async function uploadImport(core: Core, actor: Actor, bytes: Buffer, o: { kind: ImportEntity; fileName: string; encoding?: Encoding | undefined }) {
  const handler = HANDLERS[o.kind];
  if (!handler) throw new AppError('validation', `Importing ${o.kind} is not supported`);
  authorize(actor, handler.action);
  const scan = await scanSource({ bytes }, { encoding: o.encoding });
  const preset = choosePreset(o.kind, scan.headers);
  const { suggestions } = resolveMapping(o.kind, scan.headers, {}, preset, await handler.workspaceTargets?.(core, actor));
  const now = core.now().toISOString();
  const id = uuidv7();
  await core.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('imports')
      .values({
        id,
        workspace_id: actor.workspaceId,
        kind: o.kind,
        status: 'uploaded',
        file_name: o.fileName,
        file_sha256: scan.sha256,
        file_size: scan.info.size,
        format: scan.info.format,
        encoding: scan.info.encoding,
        delimiter: scan.info.delimiter,
        headers: JSON.stringify(scan.headers),
        mapping: null,
        options: null,
        row_count: scan.rowCount,
        rows_done: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        failed: 0,
        message: null,
        created_by: actor.userId,
        created_at: now,
        heartbeat_at: now,
      })
      .execute();
    await trx.insertInto('import_files').values({ import_id: id, data: bytes }).execute();
  });
  const rec = await findOwnImport(core, actor, id);
  return {
    import: await view(core, toSummary(rec), core.now(), rec.runner),
    suggestions,
    sample: scan.sample,
    preset: preset ? { id: preset.id, product: preset.product } : null,
    presets: IMPORT_PRESETS.filter((p) => p.kind === o.kind).map((p) => ({ id: p.id, product: p.product })),
  };
}

export async function listImports(core: Core, actor: Actor, limit: number): Promise<ImportView[]> {
  const scope = scopeFor(actor, 'imports.read');
  let q = core.db.selectFrom('imports').selectAll().where('workspace_id', '=', actor.workspaceId);
  if (scope.limitTo) q = q.where('created_by', '=', actor.userId);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const now = core.now();
  return Promise.all(rows.map((r) => view(core, toSummary(r), now, r.runner)));
}

export async function getImport(core: Core, actor: Actor, id: string): Promise<ImportView> {
  const rec = await findOwnImport(core, actor, id);
  return view(core, toSummary(rec), core.now(), rec.runner);
}

async function fileOf(core: Core, id: string): Promise<Buffer> {
  const f = await core.db.selectFrom('import_files').select('data').where('import_id', '=', id).executeTakeFirst();
  if (!f) throw new AppError('conflict', 'The file of this import is no longer kept; upload it again', { reason: 'import_finished' });
  return Buffer.from(f.data);
}

/** A dry run of an uploaded import with this mapping: the report of what would happen, nothing written. */
export async function dryRunImport(core: Core, actor: Actor, id: string, o: ImportOptions): Promise<ImportReport> {
  const rec = await findOwnImport(core, actor, id);
  const bytes = await fileOf(core, id);
  return runImport(
    core,
    actor,
    { bytes },
    { ...o, kind: rec.kind as ImportEntity, fileName: rec.file_name, encoding: (rec.encoding ?? undefined) as Encoding | undefined, dryRun: true },
  );
}

/**
 * Run an uploaded import (or resume a stopped one): a job, `import.run`, that whichever process runs jobs takes;
 * its record shows the progress. `onEnd` is called once the run is queued: the request's slot (import-limits.ts)
 * covered reading the file, and runs are bounded by the job runner's concurrency in the process that runs them.
 */
export async function startImport(core: Core, actor: Actor, id: string, o: ImportOptions, onEnd?: () => void): Promise<ImportView> {
  try {
    const rec = await findOwnImport(core, actor, id);
    const kind = rec.kind as ImportEntity;
    await fileOf(core, id);

    // The mapping is checked now, so a wrong one is a 422 here rather than a failed import later.
    const handler = HANDLERS[kind]!;
    authorize(actor, handler.action);
    const headers = toSummary(rec).headers;
    const { fields } = resolveMapping(kind, headers, o.map, choosePreset(kind, headers, o.preset), await handler.workspaceTargets?.(core, actor));
    const missing = handler.missing(new Set(fields.filter((f): f is string => f !== null)));
    if (missing) throw new AppError('validation', missing, { issues: [{ path: ['map'], message: missing, code: 'required' }] });
    // Claimed atomically (compare and set on what was read) with its job queued: one run at a time. A running
    // one is taken over only when its runner is gone — at once after a crash or a shutdown, not a minute later
    // (runner.ts) — and no job of it waits in the queue.
    const now = core.now();
    if (rec.status !== 'uploaded' && rec.status !== 'failed' && rec.status !== 'running')
      throw new AppError('conflict', `This import is ${rec.status}`, { reason: 'import_finished' });
    if (rec.status === 'running' && (await importAlive(core, rec, now))) throw new AppError('conflict', 'This import is running', { reason: 'import_running' });
    await core.db.transaction().execute(async (trx) => {
      const payload: ImportRunPayload = { importId: id, actor, options: o };
      const jobId = await enqueue(trx, { kind: IMPORT_RUN_JOB, workspaceId: actor.workspaceId, payload }, now);
      if (!jobId || !(await markImportQueued(trx, rec, queuedRunner(jobId), now.toISOString())))
        throw new AppError('conflict', 'This import is running', { reason: 'import_running' });
    });
    return await getImport(core, actor, id);
  } finally {
    onEnd?.();
  }
}

/**
 * The job `import.run`: run the import of the payload, resuming after its last committed batch. A failure is
 * the import's (its record says `failed`, and the person runs it again), not the job's: the job is done. A
 * shutdown gives the job back (the runner's signal), so the next process resumes it; a process that died
 * leaves it to be claimed again when its lease ends. A run whose runner is still alive elsewhere is tried again later.
 */
export async function runImportJob(core: Core, job: ClaimedJob<ImportRunPayload>, signal: AbortSignal): Promise<unknown> {
  const { importId, actor, options } = job.payload;
  const rec = await findImportRecord(core.db, actor.workspaceId, importId);
  if (!rec) return { skipped: 'gone' };
  const queued = rec.runner === queuedRunner(job.id);
  if (!queued) {
    // Another run (a later job, the CLI) has it, or it ended: not this job's any more.
    if (rec.status !== 'running' || rec.runner?.startsWith(QUEUED)) return { skipped: rec.status };
    // This job's earlier attempt (or another runner) holds it: taken over only once that runner is gone.
    if (runnerAlive(rec, core.now())) throw new Error(`import ${importId} is being run by ${rec.runner}; trying again later`);
  }
  const bytes = await fileOf(core, importId).catch(() => null);
  if (!bytes) return { skipped: 'no file' };
  try {
    const r = await runImport(
      core,
      actor,
      { bytes },
      {
        ...options,
        kind: rec.kind as ImportEntity,
        fileName: rec.file_name,
        encoding: (rec.encoding ?? undefined) as Encoding | undefined,
        dryRun: false,
        importId,
        forceResume: true,
        signal,
      },
    );
    return { status: r.status, created: r.created, updated: r.updated, skipped: r.skipped, failed: r.failed };
  } catch (e) {
    // Stopped by a shutdown: the runner gives the job back, and the import resumes in the next process to claim it.
    if (signal.aborted) {
      await markImportRequeued(core.db, importId, queuedRunner(job.id), core.now().toISOString());
      throw e;
    }
    if (e instanceof StopForTest) throw e;
    // Another process has it now (it took over, or claimed it between the read and the write): later.
    if (e instanceof AppError && e.extra.reason === 'import_running') throw e;
    core.log.warn({ importId, err: e instanceof AppError ? e.message : e }, 'import stopped');
    return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The refused rows as a CSV (UTF-8 with BOM, for Excel): row, column, value, reason; values neutralised. */
export async function errorFile(core: Core, actor: Actor, id: string): Promise<{ name: string; csv: string }> {
  const rec = await findOwnImport(core, actor, id);
  const rows = await core.db
    .selectFrom('import_errors')
    .select(['row', 'column_name', 'value', 'message'])
    .where('import_id', '=', id)
    .orderBy('row')
    .execute();
  const csv = stringify(
    [
      ['row', 'column', 'value', 'reason'],
      ...rows.map((r) => [r.row, neutralizeCell(r.column_name ?? ''), neutralizeCell(r.value ?? ''), neutralizeCell(r.message)]),
    ],
    { quoted_match: CSV_QUOTE_MATCH },
  );
  const base =
    matchKey(rec.file_name.replace(/\.[^.]+$/, ''))
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 80) || 'import';
  return { name: `${base}-errors.csv`, csv: `\ufeff${csv}` };
}
