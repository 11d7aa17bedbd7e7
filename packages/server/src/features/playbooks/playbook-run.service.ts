import type { Selectable } from 'kysely';
import { AppError, invalid, notFound } from '@kith/domain/errors.ts';
import type { PlaybookAction, PlaybookStep, RunStatus, StepStatus } from '@kith/domain/playbooks/playbook.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { bulkInsert } from '../../platform/db/bulk-insert.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { cancelJobs, enqueue } from '../../platform/jobs/queue.ts';
import { authorize, scopeFor, visibleTo } from '../../platform/records/visibility.ts';
import type { PlaybookRunTable, PlaybookTable } from './playbook.table.ts';
import { DAY_MS, PLAYBOOK_STEP_JOB, type PlaybookRun, type RunStep, type StepPayload, type StepRecord, findPlaybook, stepJobKey } from './playbook.service.ts';

/**
 * Playbook runs: a contact enrolled in a playbook (by hand, or by its audience when auto-enrolment is on) gets
 * a run whose steps fall due one after another as jobs; a run can be stopped, and a contact's runs are listed.
 */

/**
 * Start a customer's run: the run row (a stopped run is restarted in place), a row per step due at the start
 * plus its delay, and a `playbook.step` job per step keyed by run, step and start (so a restarted run's jobs
 * are new ones, and scheduling twice adds nothing). Returns the run's id, or null when the customer already
 * has a run of this playbook that is not stopped (someone else enrolled them meanwhile).
 */
export async function startRun(
  trx: Db,
  pb: Selectable<PlaybookTable>,
  contactId: string,
  enrolledBy: string | null,
  now: Date,
  existing?: Pick<Selectable<PlaybookRunTable>, 'id' | 'started_at' | 'status'>,
): Promise<{ runId: string; startedAt: string } | null> {
  let startedAt = now.toISOString();
  let runId: string;
  if (existing) {
    if (existing.status !== 'stopped') return null;
    // Strictly later than the last start, so the restarted run's job keys differ from the old ones.
    if (Date.parse(existing.started_at) >= now.getTime()) startedAt = new Date(Date.parse(existing.started_at) + 1).toISOString();
    const r = await trx
      .updateTable('playbook_runs')
      .set({ status: 'running', started_at: startedAt, finished_at: null, stopped_by: null, enrolled_by: enrolledBy })
      .where('id', '=', existing.id)
      .where('status', '=', 'stopped')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return null;
    await trx.deleteFrom('playbook_run_steps').where('run_id', '=', existing.id).execute();
    runId = existing.id;
  } else {
    runId = uuidv7();
    const r = await trx
      .insertInto('playbook_runs')
      .values({
        id: runId,
        workspace_id: pb.workspace_id,
        playbook_id: pb.id,
        contact_id: contactId,
        status: 'running',
        started_at: startedAt,
        finished_at: null,
        stopped_by: null,
        enrolled_by: enrolledBy,
      })
      .onConflict((oc) => oc.columns(['playbook_id', 'contact_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
  }
  await scheduleSteps(trx, pb, [{ runId, startedAt }], now);
  return { runId, startedAt };
}

/** The step rows and jobs of freshly started runs of one playbook. */
export async function scheduleSteps(trx: Db, pb: Selectable<PlaybookTable>, runs: { runId: string; startedAt: string }[], now: Date): Promise<void> {
  const steps = readJson<PlaybookStep[]>(pb.steps, []);
  const rows: Record<string, unknown>[] = [];
  const jobs: { key: string; runAt: string; payload: StepPayload }[] = [];
  for (const run of runs) {
    const start = Date.parse(run.startedAt);
    steps.forEach((s, i) => {
      const dueAt = new Date(start + s.delayDays * DAY_MS).toISOString();
      rows.push({
        id: uuidv7(),
        workspace_id: pb.workspace_id,
        run_id: run.runId,
        step_index: i,
        action: s.action,
        due_at: dueAt,
        status: 'scheduled',
        done_at: null,
        outcome: JSON.stringify({ stepId: s.id, title: s.title } satisfies StepRecord),
      });
      jobs.push({
        key: stepJobKey(run.runId, i, run.startedAt),
        runAt: dueAt,
        payload: { workspaceId: pb.workspace_id, runId: run.runId, stepIndex: i, startedAt: run.startedAt },
      });
    });
  }
  if (rows.length) await bulkInsert(trx, 'playbook_run_steps', rows);
  for (const j of jobs) await enqueue(trx, { kind: PLAYBOOK_STEP_JOB, workspaceId: pb.workspace_id, key: j.key, runAt: j.runAt, payload: j.payload }, now);
}

/** Stop runs: the run, its scheduled steps, and their jobs. */
export async function stopRuns(trx: Db, runs: { id: string; started_at: string }[], stoppedBy: string | null, now: Date): Promise<number> {
  if (!runs.length) return 0;
  const at = now.toISOString();
  const ids = runs.map((r) => r.id);
  await trx
    .updateTable('playbook_runs')
    .set({ status: 'stopped', finished_at: at, stopped_by: stoppedBy })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .execute();
  const pending = await trx
    .selectFrom('playbook_run_steps')
    .select(['run_id', 'step_index'])
    .where('run_id', 'in', ids)
    .where('status', '=', 'scheduled')
    .execute();
  await trx.updateTable('playbook_run_steps').set({ status: 'stopped', done_at: at }).where('run_id', 'in', ids).where('status', '=', 'scheduled').execute();
  const started = new Map(runs.map((r) => [r.id, r.started_at]));
  await cancelJobs(
    trx,
    pending.map((s) => stepJobKey(s.run_id, s.step_index, started.get(s.run_id)!)),
    now,
  );
  return pending.length;
}

/** The customer the actor may enrol (or whose run they may stop): in their scope for playbooks.enroll, not deleted. */
async function enrollableContact(db: Db, actor: Actor, contactId: string): Promise<boolean> {
  const scope = scopeFor(actor, 'playbooks.enroll');
  const c = await db
    .selectFrom('contacts')
    .select('contacts.id')
    .where((eb) => visibleTo(eb, scope, 'contacts'))
    .where('contacts.id', '=', contactId)
    .where('contacts.deleted_at', 'is', null)
    .executeTakeFirst();
  return Boolean(c);
}

/** Enrol a customer by hand: 422 naming contactId for a customer the actor may not see; 409 if already on it. */
export async function enrollContact(core: Core, actor: Actor, playbookId: string, contactId: string): Promise<PlaybookRun> {
  authorize(actor, 'playbooks.enroll');
  const runId = await core.db.transaction().execute(async (trx) => {
    const pb = await findPlaybook(trx, actor.workspaceId, playbookId);
    if (!pb) throw notFound('Playbook');
    if (!(await enrollableContact(trx, actor, contactId)))
      throw invalid([{ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' }], 'The customer cannot be enrolled');
    if (pb.status !== 'active') throw new AppError('conflict', 'The playbook is paused; activate it before enrolling customers');
    const existing = await trx
      .selectFrom('playbook_runs')
      .select(['id', 'started_at', 'status'])
      .where('playbook_id', '=', pb.id)
      .where('contact_id', '=', contactId)
      .executeTakeFirst();
    if (existing && existing.status !== 'stopped')
      throw new AppError(
        'conflict',
        existing.status === 'running' ? 'The customer is already going through this playbook' : 'The customer has already been through this playbook',
      );
    const now = core.now();
    const started = await startRun(trx, pb, contactId, actor.userId, now, existing);
    if (!started) throw new AppError('conflict', 'The customer is already going through this playbook');
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: existing ? 'update' : 'create',
        entityType: 'playbook_run',
        entityId: started.runId,
        ...(existing ? { before: { status: 'stopped', startedAt: existing.started_at } } : {}),
        after: { playbookId: pb.id, status: 'running', startedAt: started.startedAt },
        meta: { ...by(actor).meta, contactId, playbook: pb.name, ...(existing ? { restarted: true } : {}) },
      },
      now,
    );
    return started.runId;
  });
  return (await runsWhere(core.db, actor.workspaceId, { runId }))[0]!;
}

/** Stop a customer's run: its remaining steps are `stopped` and their jobs cancelled. */
export async function stopRun(core: Core, actor: Actor, runId: string): Promise<PlaybookRun> {
  authorize(actor, 'playbooks.enroll');
  await core.db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('playbook_runs').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', runId).executeTakeFirst();
    if (!run || !(await enrollableContact(trx, actor, run.contact_id))) throw notFound('Playbook run');
    if (run.status !== 'running') throw new AppError('conflict', `The run is already ${run.status}`);
    const now = core.now();
    const stopped = await stopRuns(trx, [run], actor.userId, now);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'playbook_run',
        entityId: run.id,
        before: { status: 'running' },
        after: { status: 'stopped', stepsStopped: stopped },
        meta: { ...by(actor).meta, contactId: run.contact_id, playbookId: run.playbook_id },
      },
      now,
    );
  });
  return (await runsWhere(core.db, actor.workspaceId, { runId }))[0]!;
}

/** A customer's runs, newest first, with each step's status, due time and outcome (and an email's delivery status). */
export async function contactRuns(core: Core, actor: Actor, contactId: string): Promise<{ data: PlaybookRun[] }> {
  const scope = scopeFor(actor, 'contacts.read');
  const c = await core.db
    .selectFrom('contacts')
    .select('contacts.id')
    .where((eb) => visibleTo(eb, scope, 'contacts'))
    .where('contacts.id', '=', contactId)
    .where('contacts.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!c) throw notFound('Contact');
  return { data: await runsWhere(core.db, actor.workspaceId, { contactId }) };
}

async function runsWhere(db: Db, workspaceId: string, w: { runId?: string; contactId?: string }): Promise<PlaybookRun[]> {
  let q = db
    .selectFrom('playbook_runs')
    .innerJoin('playbooks', 'playbooks.id', 'playbook_runs.playbook_id')
    .selectAll('playbook_runs')
    .select('playbooks.name as playbook_name')
    .where('playbook_runs.workspace_id', '=', workspaceId);
  if (w.runId) q = q.where('playbook_runs.id', '=', w.runId);
  if (w.contactId) q = q.where('playbook_runs.contact_id', '=', w.contactId);
  const runs = await q.orderBy('playbook_runs.started_at', 'desc').orderBy('playbook_runs.id', 'desc').limit(200).execute();
  if (!runs.length) return [];
  const steps = await db
    .selectFrom('playbook_run_steps')
    .selectAll()
    .where(
      'run_id',
      'in',
      runs.map((r) => r.id),
    )
    .orderBy('run_id')
    .orderBy('step_index')
    .execute();
  const records = new Map(steps.map((s) => [s.id, readJson<StepRecord>(s.outcome, {})]));
  const mailIds = [...records.values()].flatMap((o) => (typeof o.mailId === 'string' ? [o.mailId] : []));
  const mail = new Map<string, string>();
  for (let i = 0; i < mailIds.length; i += 500) {
    for (const m of await db
      .selectFrom('mail_outbox')
      .select(['id', 'status'])
      .where('id', 'in', mailIds.slice(i, i + 500))
      .execute())
      mail.set(m.id, m.status);
  }
  const byRun = new Map<string, RunStep[]>();
  for (const s of steps) {
    const { stepId, title, ...done } = records.get(s.id)!;
    const outcome = Object.keys(done).length
      ? { ...done, ...(typeof done.mailId === 'string' && mail.has(done.mailId) ? { mailStatus: mail.get(done.mailId) } : {}) }
      : null;
    const list = byRun.get(s.run_id) ?? [];
    list.push({
      id: s.id,
      index: s.step_index,
      stepId: stepId ?? null,
      action: s.action as PlaybookAction,
      title: title ?? null,
      dueAt: s.due_at,
      status: s.status as StepStatus,
      doneAt: s.done_at,
      outcome,
    });
    byRun.set(s.run_id, list);
  }
  return runs.map((r) => ({
    id: r.id,
    playbookId: r.playbook_id,
    playbookName: r.playbook_name,
    contactId: r.contact_id,
    status: r.status as RunStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    stoppedBy: r.stopped_by,
    enrolledBy: r.enrolled_by,
    steps: byRun.get(r.id) ?? [],
  }));
}
