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
import { resolveMapping, runImport, scanSource, StopForTest, toSummary, type ImportOptions, type ImportReport, type ImportSummary } from './engine.ts';
import { HANDLERS } from './kinds.ts';
import { markRunning, markStopped, RUNNER_ID, runnerAlive } from './runner.ts';

/**
 * The web's import steps on a recorded import: upload (the file kept with the record), dry runs with a
 * mapping, the run in the background (progress on the record), the error file. The CLI and the one-call
 * API run the same engine directly on a file.
 */

export type ImportView = ImportSummary & { stalled: boolean };

/** Stalled: `running`, but its runner is gone (stopped by a shutdown, killed, or silent for too long — runner.ts). */
const view = (s: ImportSummary, now: Date, runner: string | null): ImportView => ({
  ...s,
  stalled: s.status === 'running' && !runnerAlive({ id: s.id, runner, heartbeat_at: s.heartbeatAt }, now),
});

async function findOwnImport(core: Core, actor: Actor, id: string) {
  const scope = scopeFor(actor, 'imports.read');
  const rec = await core.db.selectFrom('imports').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!rec || (scope.limitTo && rec.created_by !== actor.userId)) throw new AppError('not_found', 'No such import');
  return rec;
}

export async function uploadImport(core: Core, actor: Actor, bytes: Buffer, o: { kind: ImportEntity; fileName: string; encoding?: Encoding | undefined }) {
  const handler = HANDLERS[o.kind];
  if (!handler) throw new AppError('validation', `Importing ${o.kind} is not supported`);
  authorize(actor, handler.action);
  const scan = await scanSource({ bytes }, { encoding: o.encoding });
  const { suggestions } = resolveMapping(o.kind, scan.headers);
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
  return { import: view(toSummary(rec), core.now(), rec.runner), suggestions, sample: scan.sample };
}

export async function listImports(core: Core, actor: Actor, limit: number): Promise<ImportView[]> {
  const scope = scopeFor(actor, 'imports.read');
  let q = core.db.selectFrom('imports').selectAll().where('workspace_id', '=', actor.workspaceId);
  if (scope.limitTo) q = q.where('created_by', '=', actor.userId);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const now = core.now();
  return rows.map((r) => view(toSummary(r), now, r.runner));
}

export async function getImport(core: Core, actor: Actor, id: string): Promise<ImportView> {
  const rec = await findOwnImport(core, actor, id);
  return view(toSummary(rec), core.now(), rec.runner);
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
 * Run an uploaded import in the background (or resume a stopped one); its record shows the progress.
 * `onEnd` is called when the run in the background ends (the route gives back its import slot then).
 */
export async function startImport(core: Core, actor: Actor, id: string, o: ImportOptions, onEnd?: () => void): Promise<ImportView> {
  const rec = await findOwnImport(core, actor, id);
  const kind = rec.kind as ImportEntity;
  const bytes = await fileOf(core, id);
  const encoding = (rec.encoding ?? undefined) as Encoding | undefined;

  // The mapping is checked now, so a wrong one is a 422 here rather than a failed import later.
  const handler = HANDLERS[kind]!;
  authorize(actor, handler.action);
  const { fields } = resolveMapping(kind, JSON.parse(JSON.stringify(toSummary(rec).headers)) as string[], o.map);
  const missing = handler.missing(new Set(fields.filter((f): f is string => f !== null)));
  if (missing) throw new AppError('validation', missing, { issues: [{ path: ['map'], message: missing, code: 'required' }] });
  // Claimed atomically (compare and set on what was read): one run at a time. A running one is taken over
  // only when its runner is gone — at once after a crash or a shutdown, not a minute later (runner.ts).
  const now = core.now();
  if (rec.status !== 'uploaded' && rec.status !== 'failed' && rec.status !== 'running')
    throw new AppError('conflict', `This import is ${rec.status}`, { reason: 'import_finished' });
  if (rec.status === 'running' && runnerAlive(rec, now)) throw new AppError('conflict', 'This import is running', { reason: 'import_running' });
  const claimed = await core.db
    .updateTable('imports')
    .set({ status: 'running', heartbeat_at: now.toISOString(), message: null, runner: RUNNER_ID })
    .where('id', '=', id)
    .where('status', '=', rec.status)
    .where('heartbeat_at', '=', rec.heartbeat_at)
    .where((eb) => (rec.runner === null ? eb('runner', 'is', null) : eb('runner', '=', rec.runner)))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw new AppError('conflict', 'This import is running', { reason: 'import_running' });
  markRunning(id);
  core.jobs.start(`import ${id}`, async (signal) => {
    try {
      await runImport(core, actor, { bytes }, { ...o, kind, fileName: rec.file_name, encoding, dryRun: false, importId: id, forceResume: true, signal });
    } catch (e) {
      if (!(e instanceof StopForTest)) core.log.warn({ importId: id, err: e instanceof AppError ? e.message : e }, 'import stopped');
    } finally {
      markStopped(id);
      onEnd?.();
    }
  });
  return getImport(core, actor, id);
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
