import type { Selectable } from 'kysely';
import { AppError, notFound } from '@kith/domain/errors.ts';
import {
  SURVEY_STATUSES,
  type FollowUp,
  type QuestionInputT,
  type QuestionType,
  type SurveyCreateInput,
  type SurveyQuestion,
  type SurveyTrigger,
  type SurveyUpdateInput,
  type Wording,
} from '@kith/domain/surveys/survey.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import type { SurveyTable } from './survey.table.ts';

/**
 * Surveys (issue 6, decision 0011 step 5): a survey is a list of questions; each recipient gets an
 * invitation whose token (32 random bytes) is only in the link — the database keeps its SHA-256 — which
 * expires and is answered once (a unique index on the invitation makes a second response impossible, not
 * merely unlikely). An unhappy answer (a detractor's NPS, a low CSAT) opens a follow-up ticket.
 */

export type Survey = {
  id: string;
  name: string;
  title: Wording;
  intro: Wording;
  status: (typeof SURVEY_STATUSES)[number];
  trigger: SurveyTrigger;
  followUp: FollowUp;
  expiresDays: number;
  questions: SurveyQuestion[];
  createdAt: string;
  updatedAt: string;
  version: number;
  stats: { invited: number; responded: number };
};

export async function questionsOf(db: Db, surveyIds: string[]): Promise<Map<string, SurveyQuestion[]>> {
  const out = new Map<string, SurveyQuestion[]>();
  if (surveyIds.length === 0) return out;
  const rows = await db.selectFrom('survey_questions').selectAll().where('survey_id', 'in', surveyIds).orderBy('survey_id').orderBy('position').execute();
  for (const r of rows) {
    let list = out.get(r.survey_id);
    if (!list) out.set(r.survey_id, (list = []));
    list.push({
      id: r.id,
      position: r.position,
      type: r.type as QuestionType,
      text: readJson<Wording>(r.text, {}),
      options: readJson<Wording[] | null>(r.options, null),
      required: Boolean(r.required),
    });
  }
  return out;
}

function toSurvey(r: Selectable<SurveyTable>, questions: SurveyQuestion[], stats = { invited: 0, responded: 0 }): Survey {
  return {
    id: r.id,
    name: r.name,
    title: readJson<Wording>(r.title, {}),
    intro: readJson<Wording>(r.intro, {}),
    status: r.status as Survey['status'],
    trigger: readJson<SurveyTrigger>(r.trigger, { kind: 'manual' }),
    followUp: readJson<FollowUp>(r.follow_up, { enabled: true, npsMax: 6, csatMax: 2, priority: 'high' }),
    expiresDays: r.expires_days,
    questions,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    stats,
  };
}

async function insertQuestions(db: Db, workspaceId: string, surveyId: string, questions: QuestionInputT[]): Promise<void> {
  await db
    .insertInto('survey_questions')
    .values(
      questions.map((q, i) => ({
        id: uuidv7(),
        workspace_id: workspaceId,
        survey_id: surveyId,
        position: i,
        type: q.type,
        text: JSON.stringify(q.text),
        options: q.options ? JSON.stringify(q.options) : null,
        required: (q.required ?? q.type !== 'text') ? 1 : 0,
      })),
    )
    .execute();
}

export async function createSurvey(core: Core, actor: Actor, input: SurveyCreateInput): Promise<Survey> {
  authorize(actor, 'surveys.manage');
  const id = uuidv7();
  await core.db.transaction().execute(async (trx) => {
    const now = core.now().toISOString();
    await trx
      .insertInto('surveys')
      .values({
        id,
        workspace_id: actor.workspaceId,
        name: input.name,
        title: JSON.stringify(input.title ?? { vi: input.name, en: input.name }),
        intro: JSON.stringify(input.intro ?? {}),
        status: input.status,
        trigger: JSON.stringify(input.trigger),
        follow_up: JSON.stringify(input.followUp),
        expires_days: input.expiresDays,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        version: 1,
      })
      .execute();
    await insertQuestions(trx, actor.workspaceId, id, input.questions);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'create',
        entityType: 'survey',
        entityId: id,
        after: { name: input.name, questions: input.questions.length, trigger: input.trigger },
      },
      core.now(),
    );
  });
  return getSurvey(core, actor, id);
}

export async function findSurvey(db: Db, workspaceId: string, id: string): Promise<Selectable<SurveyTable> | undefined> {
  return db.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

async function statsOf(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, { invited: number; responded: number }>> {
  const out = new Map<string, { invited: number; responded: number }>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('survey_invitations')
    .select(['survey_id', (eb) => eb.fn.countAll<number>().as('invited'), (eb) => eb.fn.count<number>('responded_at').as('responded')])
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', 'in', ids)
    .groupBy('survey_id')
    .execute();
  for (const r of rows) out.set(r.survey_id, { invited: Number(r.invited), responded: Number(r.responded) });
  return out;
}

export async function getSurvey(core: Core, actor: Actor, id: string): Promise<Survey> {
  authorize(actor, 'surveys.read');
  const r = await findSurvey(core.db, actor.workspaceId, id);
  if (!r) throw notFound('Survey');
  return toSurvey(r, (await questionsOf(core.db, [id])).get(id) ?? [], (await statsOf(core.db, actor.workspaceId, [id])).get(id));
}

export async function listSurveys(core: Core, actor: Actor): Promise<{ data: Survey[] }> {
  authorize(actor, 'surveys.read');
  const rows = await core.db
    .selectFrom('surveys')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  const ids = rows.map((r) => r.id);
  const qs = await questionsOf(core.db, ids);
  const stats = await statsOf(core.db, actor.workspaceId, ids);
  return { data: rows.map((r) => toSurvey(r, qs.get(r.id) ?? [], stats.get(r.id))) };
}

/** The active surveys a member may send (id, name, questions count), newest first: what an agent picks from to invite a customer. */
export async function sendableSurveys(core: Core, actor: Actor): Promise<{ data: { id: string; name: string; title: Wording; questions: number }[] }> {
  authorize(actor, 'surveys.send');
  const rows = await core.db
    .selectFrom('surveys')
    .select(['surveys.id', 'surveys.name', 'surveys.title'])
    .select((eb) =>
      eb.selectFrom('survey_questions').select(eb.fn.countAll<number>().as('n')).whereRef('survey_questions.survey_id', '=', 'surveys.id').as('questions'),
    )
    .where('surveys.workspace_id', '=', actor.workspaceId)
    .where('surveys.status', '=', 'active')
    .where('surveys.deleted_at', 'is', null)
    // Newest first, like the survey list: the one just made is the one offered.
    .orderBy('surveys.created_at', 'desc')
    .limit(500)
    .execute();
  return { data: rows.map((r) => ({ id: r.id, name: r.name, title: readJson<Wording>(r.title, {}), questions: Number(r.questions ?? 0) })) };
}

export async function updateSurvey(core: Core, actor: Actor, id: string, patch: SurveyUpdateInput): Promise<Survey> {
  authorize(actor, 'surveys.manage');
  await core.db.transaction().execute(async (trx) => {
    const before = await findSurvey(trx, actor.workspaceId, id);
    if (!before) throw notFound('Survey');
    const now = core.now().toISOString();
    if (patch.questions) {
      const answered = await trx.selectFrom('survey_responses').select('id').where('survey_id', '=', id).limit(1).executeTakeFirst();
      if (answered)
        throw new AppError('conflict', 'The questions of a survey that has answers cannot change (the answers point at them); copy the survey instead');
      await trx.deleteFrom('survey_questions').where('survey_id', '=', id).execute();
      await insertQuestions(trx, actor.workspaceId, id, patch.questions);
    }
    await trx
      .updateTable('surveys')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.title !== undefined ? { title: JSON.stringify(patch.title) } : {}),
        ...(patch.intro !== undefined ? { intro: JSON.stringify(patch.intro) } : {}),
        ...(patch.trigger !== undefined ? { trigger: JSON.stringify(patch.trigger) } : {}),
        ...(patch.followUp !== undefined ? { follow_up: JSON.stringify(patch.followUp) } : {}),
        ...(patch.expiresDays !== undefined ? { expires_days: patch.expiresDays } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: now,
        version: before.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'survey',
        entityId: id,
        before: { name: before.name, status: before.status },
        after: { ...patch, questions: patch.questions?.length },
      },
      core.now(),
    );
  });
  return getSurvey(core, actor, id);
}

export async function deleteSurvey(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'surveys.manage');
  await core.db.transaction().execute(async (trx) => {
    const before = await findSurvey(trx, actor.workspaceId, id);
    if (!before) throw notFound('Survey');
    const now = core.now().toISOString();
    await trx
      .updateTable('surveys')
      .set({ deleted_at: now, status: 'archived', updated_at: now, version: before.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'survey', entityId: id, before: { name: before.name } }, core.now());
  });
}
