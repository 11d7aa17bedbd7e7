import type { Selectable } from 'kysely';
import { firstNameOf, type PlaybookStep, type StepStatus } from '@kith/domain/playbooks/playbook.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { errorText, type ClaimedJob } from '../../platform/jobs/runner.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { ContactTable } from '../contacts/contact.table.ts';
import type { PlaybookRunStepTable } from './playbook.table.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import type { StepPayload, StepRecord } from './playbook.service.ts';
import { insertInvitation } from '../surveys/survey-invitation.service.ts';
import { renderTemplate, type TemplateVars } from '../../platform/mail/templates.ts';

/**
 * The playbook jobs (decision 0011 step 6): `playbook.step` performs one step of one customer's run, and
 * `playbook.enroll` enrols the customers who entered an auto-enrol playbook's audience.
 *
 * A step runs once whatever happens around it: in one transaction the step row goes from `scheduled` to
 * `done` with a conditional update first — a second process holding the same job (its lease ran out while the
 * first was still working, or a stale job of a restarted run) finds nothing to flip and does nothing — then the
 * action is performed and its outcome recorded. An error rolls all of it back and the job is retried; on the
 * last attempt the step is marked `failed` with the error, so no step stays `scheduled` for ever.
 */

type Outcome = { status: StepStatus; result: Record<string, unknown> };
type Contact = Pick<Selectable<ContactTable>, 'id' | 'name' | 'given_name' | 'emails' | 'owner_id' | 'deleted_at'>;

export async function runPlaybookStep(core: Core, p: StepPayload): Promise<Record<string, unknown>> {
  return core.db.transaction().execute(async (trx) => {
    const now = core.now();
    const at = now.toISOString();
    // PostgreSQL: the run's row first, so the steps of one run go one at a time (two steps due together in two
    // processes would each see the other still scheduled, and neither complete the run) and every writer takes
    // the run before its steps (stopping a run does too: no deadlock). SQLite has one writer at a time.
    if (core.dialect === 'postgres') await trx.selectFrom('playbook_runs').select('id').where('id', '=', p.runId).forUpdate().executeTakeFirst();
    // The claim on the step (on SQLite the first statement, so the transaction takes the write lock here, waiting
    // its turn): only one transaction moves it out of `scheduled`, and only for the start of the run this job
    // was made for (a run stopped and started again has new jobs).
    const flip = await trx
      .updateTable('playbook_run_steps')
      .set({ status: 'done', done_at: at })
      .where('run_id', '=', p.runId)
      .where('step_index', '=', p.stepIndex)
      .where('status', '=', 'scheduled')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('playbook_runs')
            .select('playbook_runs.id')
            .where('playbook_runs.id', '=', p.runId)
            .where('playbook_runs.workspace_id', '=', p.workspaceId)
            .where('playbook_runs.started_at', '=', p.startedAt),
        ),
      )
      .executeTakeFirst();
    if (Number(flip.numUpdatedRows) !== 1) return { outcome: 'already' };
    const run = await trx.selectFrom('playbook_runs').selectAll().where('id', '=', p.runId).executeTakeFirstOrThrow();
    const step = await trx
      .selectFrom('playbook_run_steps')
      .selectAll()
      .where('run_id', '=', run.id)
      .where('step_index', '=', p.stepIndex)
      .executeTakeFirstOrThrow();
    const record = readJson<StepRecord>(step.outcome, {});
    let out: Outcome;
    if (run.status !== 'running') out = { status: 'stopped', result: { reason: 'run_stopped' } };
    else out = await perform(trx, core, run.playbook_id, run.contact_id, step, record, now);
    await trx
      .updateTable('playbook_run_steps')
      .set({ status: out.status, outcome: JSON.stringify({ ...record, ...out.result }) })
      .where('id', '=', step.id)
      .execute();
    // The last step done: the run is complete.
    const left = await trx
      .selectFrom('playbook_run_steps')
      .select('id')
      .where('run_id', '=', run.id)
      .where('status', '=', 'scheduled')
      .limit(1)
      .executeTakeFirst();
    let completed = false;
    if (!left && run.status === 'running') {
      const r = await trx
        .updateTable('playbook_runs')
        .set({ status: 'completed', finished_at: at })
        .where('id', '=', run.id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      completed = Number(r.numUpdatedRows) === 1;
    }
    await recordAudit(
      trx,
      {
        workspaceId: p.workspaceId,
        actorUserId: null,
        action: 'complete',
        entityType: 'playbook_run_step',
        entityId: step.id,
        after: { status: out.status, action: step.action, ...out.result, ...(completed ? { runCompleted: true } : {}) },
        meta: { contactId: run.contact_id, runId: run.id, playbookId: run.playbook_id, stepIndex: step.step_index },
      },
      now,
    );
    return { outcome: out.status, ...out.result };
  });
}

/** The last attempt failed: the step is `failed`, with why (the run carries on with its other steps). */
async function markFailed(core: Core, p: StepPayload, error: unknown): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('playbook_runs')
      .select(['id', 'started_at', 'status', 'contact_id', 'playbook_id'])
      .where('workspace_id', '=', p.workspaceId)
      .where('id', '=', p.runId);
    if (core.dialect === 'postgres') q = q.forUpdate();
    const run = await q.executeTakeFirst();
    if (!run || Date.parse(run.started_at) !== Date.parse(p.startedAt)) return;
    const step = await trx
      .selectFrom('playbook_run_steps')
      .select(['id', 'outcome', 'action'])
      .where('run_id', '=', run.id)
      .where('step_index', '=', p.stepIndex)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    if (!step) return;
    const now = core.now();
    const at = now.toISOString();
    const result = { reason: 'error', error: errorText(error) };
    await trx
      .updateTable('playbook_run_steps')
      .set({ status: 'failed', done_at: at, outcome: JSON.stringify({ ...readJson<StepRecord>(step.outcome, {}), ...result }) })
      .where('id', '=', step.id)
      .where('status', '=', 'scheduled')
      .execute();
    const left = await trx
      .selectFrom('playbook_run_steps')
      .select('id')
      .where('run_id', '=', run.id)
      .where('status', '=', 'scheduled')
      .limit(1)
      .executeTakeFirst();
    if (!left)
      await trx.updateTable('playbook_runs').set({ status: 'completed', finished_at: at }).where('id', '=', run.id).where('status', '=', 'running').execute();
    await recordAudit(
      trx,
      {
        workspaceId: p.workspaceId,
        actorUserId: null,
        action: 'complete',
        entityType: 'playbook_run_step',
        entityId: step.id,
        after: { status: 'failed', action: step.action, ...result },
        meta: { contactId: run.contact_id, runId: run.id, playbookId: run.playbook_id, stepIndex: p.stepIndex },
      },
      now,
    );
  });
}

async function perform(
  trx: Db,
  core: Core,
  playbookId: string,
  contactId: string,
  step: Selectable<PlaybookRunStepTable>,
  record: StepRecord,
  now: Date,
): Promise<Outcome> {
  const skipped = (reason: string, extra: Record<string, unknown> = {}): Outcome => ({ status: 'skipped', result: { reason, ...extra } });
  const pb = await trx.selectFrom('playbooks').select(['steps', 'deleted_at', 'workspace_id']).where('id', '=', playbookId).executeTakeFirst();
  if (!pb || pb.deleted_at) return skipped('playbook_deleted');
  const def = readJson<PlaybookStep[]>(pb.steps, []).find((s) => s.id === record.stepId);
  if (!def) return skipped('step_removed');
  const contact: Contact | undefined = await trx
    .selectFrom('contacts')
    .select(['id', 'name', 'given_name', 'emails', 'owner_id', 'deleted_at'])
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!contact || contact.deleted_at) return skipped('contact_deleted');
  const ws = await findWorkspace(trx, pb.workspace_id);
  const locale = ws?.locale ?? 'vi';
  // The owner, if still a member of the workspace.
  const owner = contact.owner_id
    ? await trx
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name', 'users.email'])
        .where('memberships.workspace_id', '=', pb.workspace_id)
        .where('memberships.user_id', '=', contact.owner_id)
        .executeTakeFirst()
    : undefined;
  const vars: TemplateVars = {
    contact: { name: contact.name, firstName: firstNameOf(contact.name, contact.given_name, locale) },
    owner: { name: owner?.name ?? ws?.name ?? '', email: owner?.email ?? '' },
    workspace: { name: ws?.name ?? '' },
  };
  const email = readJson<string[]>(contact.emails, [])[0];
  const oneLine = (s: string, max: number) =>
    s
      .replace(/\s*\r?\n\s*/g, ' ')
      .trim()
      .slice(0, max);

  if (def.action === 'task') {
    const id = uuidv7();
    const at = now.toISOString();
    const title = oneLine(renderTemplate(def.title, vars).text, 200) || def.title.slice(0, 200);
    const notes = def.body ? renderTemplate(def.body, vars).text.slice(0, 5_000) : null;
    const dueAt = new Date(now.getTime() + (def.dueInDays ?? 1) * 86_400_000).toISOString();
    const assigneeId = owner?.id ?? null;
    await trx
      .insertInto('tasks')
      .values({
        id,
        workspace_id: pb.workspace_id,
        title,
        notes,
        due_at: dueAt,
        assignee_id: assigneeId,
        contact_id: contact.id,
        priority: 'normal',
        done_at: null,
        done_by: null,
        created_by: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        workspaceId: pb.workspace_id,
        actorUserId: null,
        action: 'create',
        entityType: 'task',
        entityId: id,
        after: { title, notes, dueAt, assigneeId, contactId: contact.id, priority: 'normal', doneAt: null },
        meta: { contactId: contact.id, via: 'playbook', playbookId, stepId: def.id },
      },
      now,
    );
    return { status: 'done', result: { taskId: id, assigneeId, ...(assigneeId ? {} : { note: contact.owner_id ? 'owner_not_member' : 'no_owner' }) } };
  }

  if (def.action === 'email') {
    if (!email) return skipped('no_email');
    const subject = oneLine(renderTemplate(def.title, vars).text, 250);
    const body = renderTemplate(def.body ?? '', vars);
    // Marketing mail: the outbox checks the customer's consent when it sends (a mail without it is suppressed).
    const mailId = await queueMail(
      trx,
      {
        workspaceId: pb.workspace_id,
        contactId: contact.id,
        to: email,
        subject,
        text: body.text,
        html: body.html,
        purpose: 'marketing',
        relatedType: 'playbook_step',
        relatedId: step.id,
      },
      now,
    );
    return { status: 'done', result: { mailId, to: email } };
  }

  // A survey: a personal link, emailed.
  if (!def.surveyId) return skipped('survey_unavailable');
  const survey = await trx
    .selectFrom('surveys')
    .selectAll()
    .where('workspace_id', '=', pb.workspace_id)
    .where('id', '=', def.surveyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!survey || survey.status !== 'active') return skipped('survey_unavailable', { surveyId: def.surveyId });
  if (!email) return skipped('no_email');
  const inv = await insertInvitation(
    trx,
    core,
    { workspaceId: pb.workspace_id, surveyId: survey.id, contactId: contact.id, channel: 'email', createdBy: null },
    survey,
  );
  return { status: 'done', result: { invitationId: inv.id, surveyId: survey.id, mailId: inv.mailId } };
}

/** The job of one step: on its last attempt, a step that keeps failing is marked failed on the run. */
export async function playbookStepJob(core: Core, job: ClaimedJob<StepPayload>): Promise<Record<string, unknown>> {
  try {
    return await runPlaybookStep(core, job.payload);
  } catch (err) {
    if (job.attempts >= job.maxAttempts)
      await markFailed(core, job.payload, err).catch((e: unknown) =>
        core.log.error({ err: e, jobId: job.id }, 'playbook step: could not mark the step failed'),
      );
    throw err;
  }
}
