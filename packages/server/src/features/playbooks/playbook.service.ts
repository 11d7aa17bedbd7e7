import type { Selectable } from 'kysely';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { BUILTIN_KEYS, builtinPlaybooks, builtinSurvey } from '@kith/domain/playbooks/playbook-builtins.ts';
import type {
  Audience,
  PlaybookAction,
  PlaybookCreateInput,
  PlaybookStatus,
  PlaybookStep,
  PlaybookUpdateInput,
  RunStatus,
  StepInput,
  StepStatus,
} from '@kith/domain/playbooks/playbook.schema.ts';
import { DEFAULT_FOLLOW_UP } from '@kith/domain/surveys/survey.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, preconditionFailed } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { PlaybookTable } from './playbook.table.ts';
import { scheduleEnrollNow } from './playbook-enroll.service.ts';
import { stopRuns } from './playbook-run.service.ts';

/**
 * Care playbooks (issue 6, decision 0011 step 6). A playbook is a sequence of steps for a group of customers;
 * a run is one customer going through it. Enrolling a customer writes the run, one row per step (its due time
 * fixed then: the start plus the step's delay) and one `playbook.step` job per step, in one transaction; the
 * job runner, in whichever server process claims the job, performs the step (playbook-jobs.ts). Stopping a
 * run stops its remaining steps and cancels their jobs. Customers who enter the audience of an auto-enrol
 * playbook are enrolled by an hourly `playbook.enroll` job per workspace; the unique (playbook, customer)
 * index makes that once per customer, however many processes try.
 *
 * A step row keeps, in `outcome`, the step's id and title from the playbook as it was at enrolment; what the
 * step did is added when it runs (a task's id, a mail's id, an invitation's id, or why it was skipped). A
 * pending step takes the playbook's current wording of that step when it runs, so editing a template fixes
 * it for customers already on their way; a step removed from the playbook is skipped.
 */

export const PLAYBOOK_STEP_JOB = 'playbook.step';
export const PLAYBOOK_ENROLL_JOB = 'playbook.enroll';
export const DAY_MS = 86_400_000;

export type Playbook = {
  id: string;
  key: string | null;
  name: string;
  description: string | null;
  audience: Audience;
  steps: PlaybookStep[];
  status: PlaybookStatus;
  autoEnroll: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  runs: { running: number; completed: number; stopped: number };
};

export type RunStep = {
  id: string;
  index: number;
  stepId: string | null;
  action: PlaybookAction;
  title: string | null;
  dueAt: string;
  status: StepStatus;
  doneAt: string | null;
  outcome: Record<string, unknown> | null;
};
export type PlaybookRun = {
  id: string;
  playbookId: string;
  playbookName: string;
  contactId: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  stoppedBy: string | null;
  enrolledBy: string | null;
  steps: RunStep[];
};

export type StepPayload = { workspaceId: string; runId: string; stepIndex: number; startedAt: string };
export type EnrollPayload = { workspaceId: string };

/** What a step row's `outcome` holds: the plan written at enrolment, and what happened once it ran. */
export type StepRecord = { stepId?: string; title?: string } & Record<string, unknown>;

export const stepJobKey = (runId: string, stepIndex: number, startedAt: string) => `playbook:${runId}:${stepIndex}:${startedAt}`;

function toPlaybook(r: Selectable<PlaybookTable>, runs = { running: 0, completed: 0, stopped: 0 }): Playbook {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    audience: readJson<Audience>(r.audience, { kind: 'lifecycle', stages: [] }),
    steps: readJson<PlaybookStep[]>(r.steps, []),
    status: r.status as PlaybookStatus,
    autoEnroll: Boolean(r.auto_enroll),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    runs,
  };
}

export async function findPlaybook(db: Db, workspaceId: string, id: string): Promise<Selectable<PlaybookTable> | undefined> {
  return db.selectFrom('playbooks').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

async function runCounts(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, Playbook['runs']>> {
  const out = new Map<string, Playbook['runs']>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('playbook_runs')
    .select(['playbook_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('playbook_id', 'in', ids)
    .groupBy(['playbook_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.playbook_id) ?? { running: 0, completed: 0, stopped: 0 };
    if (r.status === 'running' || r.status === 'completed' || r.status === 'stopped') c[r.status] = Number(r.n);
    out.set(r.playbook_id, c);
  }
  return out;
}

// ------------------------------------------------------------------------------------------ built-ins

/**
 * The built-in playbooks of a workspace, made on first use in its language (and the CSAT survey the
 * new-customer one sends). Each is made once: a workspace that deletes one does not get it back. Runs
 * outside any transaction (it opens its own); two requests at once insert each playbook once (unique key).
 */
export async function ensureBuiltins(core: Core, workspaceId: string): Promise<void> {
  const have = await core.db
    .selectFrom('playbooks')
    .select('key')
    .where('workspace_id', '=', workspaceId)
    .where('key', 'in', [...BUILTIN_KEYS])
    .execute();
  if (have.length >= BUILTIN_KEYS.length) return;
  const present = new Set(have.map((r) => r.key));
  await core.db.transaction().execute(async (trx) => {
    const ws = await findWorkspace(trx, workspaceId);
    if (!ws) return;
    const now = core.now();
    const at = now.toISOString();
    for (const b of builtinPlaybooks(ws.locale)) {
      if (present.has(b.key)) continue;
      const id = uuidv7();
      const steps: PlaybookStep[] = b.steps.map((s) => ({
        id: uuidv7(),
        delayDays: s.delayDays,
        action: s.action,
        title: s.title,
        body: s.body,
        dueInDays: s.action === 'task' ? (s.dueInDays ?? 1) : null,
        surveyId: null,
      }));
      const r = await trx
        .insertInto('playbooks')
        .values({
          id,
          workspace_id: workspaceId,
          key: b.key,
          name: b.name,
          description: b.description,
          audience: JSON.stringify(b.audience),
          steps: JSON.stringify(steps),
          status: 'active',
          auto_enroll: 0,
          created_by: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
          version: 1,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
      const surveyStep = b.steps.findIndex((s) => s.survey);
      if (surveyStep >= 0) {
        steps[surveyStep]!.surveyId = await insertBuiltinSurvey(trx, workspaceId, ws.locale, now);
        await trx
          .updateTable('playbooks')
          .set({ steps: JSON.stringify(steps) })
          .where('id', '=', id)
          .execute();
      }
      await recordAudit(
        trx,
        {
          workspaceId,
          actorUserId: null,
          action: 'create',
          entityType: 'playbook',
          entityId: id,
          after: { name: b.name, key: b.key, steps: steps.length },
          meta: { builtin: true },
        },
        now,
      );
    }
  });
}

async function insertBuiltinSurvey(trx: Db, workspaceId: string, locale: string, now: Date): Promise<string> {
  const s = builtinSurvey(locale);
  const id = uuidv7();
  const at = now.toISOString();
  await trx
    .insertInto('surveys')
    .values({
      id,
      workspace_id: workspaceId,
      name: s.name,
      title: JSON.stringify(s.title),
      intro: JSON.stringify(s.intro),
      status: 'active',
      trigger: JSON.stringify({ kind: 'manual' }),
      follow_up: JSON.stringify(DEFAULT_FOLLOW_UP),
      expires_days: 30,
      created_by: null,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      version: 1,
    })
    .execute();
  await trx
    .insertInto('survey_questions')
    .values(
      s.questions.map((q, i) => ({
        id: uuidv7(),
        workspace_id: workspaceId,
        survey_id: id,
        position: i,
        type: q.type,
        text: JSON.stringify(q.text),
        options: null,
        required: q.required ? (1 as const) : (0 as const),
      })),
    )
    .execute();
  await recordAudit(
    trx,
    {
      workspaceId,
      actorUserId: null,
      action: 'create',
      entityType: 'survey',
      entityId: id,
      after: { name: s.name, questions: s.questions.length },
      meta: { builtin: true, for: 'playbook' },
    },
    now,
  );
  return id;
}

// ------------------------------------------------------------------------------------------ playbooks

export async function listPlaybooks(core: Core, actor: Actor): Promise<{ data: Playbook[] }> {
  authorize(actor, 'playbooks.read');
  await ensureBuiltins(core, actor.workspaceId);
  const rows = await core.db
    .selectFrom('playbooks')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  const counts = await runCounts(
    core.db,
    actor.workspaceId,
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => toPlaybook(r, counts.get(r.id))) };
}

export async function getPlaybook(core: Core, actor: Actor, id: string): Promise<Playbook> {
  authorize(actor, 'playbooks.read');
  const r = await findPlaybook(core.db, actor.workspaceId, id);
  if (!r) throw notFound('Playbook');
  return toPlaybook(r, (await runCounts(core.db, actor.workspaceId, [id])).get(id));
}

/** The audience's segment and the steps' surveys must exist in the workspace (and the segment be one the actor may use). */
async function checkReferences(db: Db, actor: Actor, input: { audience?: Audience | undefined; steps?: StepInput[] | undefined }): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.audience?.kind === 'segment') {
    const s = await db
      .selectFrom('segments')
      .select(['user_id', 'shared'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', input.audience.segmentId)
      .executeTakeFirst();
    if (!s || (s.user_id !== actor.userId && !s.shared))
      issues.push({ path: ['audience', 'segmentId'], message: 'No such segment (or not one you may use)', code: 'not_found' });
  }
  const surveyIds = [...new Set((input.steps ?? []).flatMap((s) => (s.surveyId ? [s.surveyId] : [])))];
  if (surveyIds.length) {
    const found = new Set(
      (
        await db
          .selectFrom('surveys')
          .select('id')
          .where('workspace_id', '=', actor.workspaceId)
          .where('id', 'in', surveyIds)
          .where('deleted_at', 'is', null)
          .execute()
      ).map((r) => r.id),
    );
    input.steps!.forEach((s, i) => {
      if (s.surveyId && !found.has(s.surveyId)) issues.push({ path: ['steps', i, 'surveyId'], message: 'No such survey', code: 'not_found' });
    });
  }
  if (issues.length) throw invalid(issues, 'The playbook has invalid fields');
}

const toSteps = (steps: StepInput[]): PlaybookStep[] =>
  steps.map((s) => ({
    id: s.id ?? uuidv7(),
    delayDays: s.delayDays,
    action: s.action,
    title: s.title,
    body: s.body ?? null,
    dueInDays: s.action === 'task' ? (s.dueInDays ?? 1) : null,
    surveyId: s.action === 'survey' ? (s.surveyId ?? null) : null,
  }));

export async function createPlaybook(core: Core, actor: Actor, input: PlaybookCreateInput): Promise<Playbook> {
  authorize(actor, 'playbooks.manage');
  const id = uuidv7();
  await core.db.transaction().execute(async (trx) => {
    await checkReferences(trx, actor, input);
    const now = core.now();
    const at = now.toISOString();
    const steps = toSteps(input.steps);
    await trx
      .insertInto('playbooks')
      .values({
        id,
        workspace_id: actor.workspaceId,
        key: null,
        name: input.name,
        description: input.description ?? null,
        audience: JSON.stringify(input.audience),
        steps: JSON.stringify(steps),
        status: input.status,
        auto_enroll: input.autoEnroll ? 1 : 0,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
        deleted_at: null,
        version: 1,
      })
      .execute();
    if (input.autoEnroll && input.status === 'active') await scheduleEnrollNow(trx, actor.workspaceId, `${id}:1`, now);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'create',
        entityType: 'playbook',
        entityId: id,
        after: { name: input.name, audience: input.audience, steps: steps.length, status: input.status, autoEnroll: input.autoEnroll },
      },
      now,
    );
  });
  return getPlaybook(core, actor, id);
}

export async function updatePlaybook(core: Core, actor: Actor, id: string, patch: PlaybookUpdateInput, ifVersion: number | null): Promise<Playbook> {
  authorize(actor, 'playbooks.manage');
  await core.db.transaction().execute(async (trx) => {
    const before = await findPlaybook(trx, actor.workspaceId, id);
    if (!before) throw notFound('Playbook');
    if (ifVersion !== null && ifVersion !== before.version) throw preconditionFailed(before.version);
    await checkReferences(trx, actor, patch);
    const now = core.now();
    const steps = patch.steps ? toSteps(patch.steps) : undefined;
    const r = await trx
      .updateTable('playbooks')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.audience !== undefined ? { audience: JSON.stringify(patch.audience) } : {}),
        ...(steps !== undefined ? { steps: JSON.stringify(steps) } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.autoEnroll !== undefined ? { auto_enroll: patch.autoEnroll ? 1 : 0 } : {}),
        updated_at: now.toISOString(),
        version: before.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw preconditionFailed(before.version + 1);
    const autoEnroll = patch.autoEnroll ?? Boolean(before.auto_enroll);
    const status = patch.status ?? before.status;
    if (autoEnroll && status === 'active') await scheduleEnrollNow(trx, actor.workspaceId, `${id}:${before.version + 1}`, now);
    const was = toPlaybook(before);
    const changed = Object.fromEntries(
      Object.entries({ name: patch.name, description: patch.description, audience: patch.audience, status: patch.status, autoEnroll: patch.autoEnroll }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'playbook',
        entityId: id,
        before: { ...Object.fromEntries(Object.keys(changed).map((k) => [k, was[k as keyof Playbook]])), ...(steps ? { steps: was.steps } : {}) },
        after: { ...changed, ...(steps ? { steps } : {}) },
      },
      now,
    );
  });
  return getPlaybook(core, actor, id);
}

/** Delete a playbook: it disappears, and the customers still going through it stop (their runs stay readable). */
export async function deletePlaybook(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'playbooks.manage');
  await core.db.transaction().execute(async (trx) => {
    const before = await findPlaybook(trx, actor.workspaceId, id);
    if (!before) throw notFound('Playbook');
    const now = core.now();
    const at = now.toISOString();
    await trx
      .updateTable('playbooks')
      .set({ deleted_at: at, updated_at: at, version: before.version + 1 })
      .where('id', '=', id)
      .execute();
    const running = await trx.selectFrom('playbook_runs').select(['id', 'started_at']).where('playbook_id', '=', id).where('status', '=', 'running').execute();
    for (let i = 0; i < running.length; i += 500) await stopRuns(trx, running.slice(i, i + 500), actor.userId, now);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'delete',
        entityType: 'playbook',
        entityId: id,
        before: { name: before.name, key: before.key },
        meta: { ...by(actor).meta, runsStopped: running.length },
      },
      now,
    );
  });
}
