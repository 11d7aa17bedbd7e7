import type { Db } from '../../platform/db/create-db.ts';

/** Every query of the assessment feature; each takes the workspace (outside respondents: their token's hash). */

export type AssessmentRow = NonNullable<Awaited<ReturnType<typeof getAssessment>>>;

// ---- the workspace's own frameworks ------------------------------------------------------------------------

export const customFrameworks = (db: Db, workspaceId: string) =>
  db.selectFrom('assessment_frameworks').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();

export const customFramework = (db: Db, workspaceId: string, key: string) =>
  db.selectFrom('assessment_frameworks').selectAll().where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirst();

export async function insertCustomFramework(
  db: Db,
  r: { id: string; workspaceId: string; key: string; baseKey: string; version: number; definition: string; createdBy: string; at: string },
): Promise<void> {
  await db
    .insertInto('assessment_frameworks')
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      key: r.key,
      base_key: r.baseKey,
      version: r.version,
      definition: r.definition,
      created_by: r.createdBy,
      created_at: r.at,
      updated_at: r.at,
    })
    .execute();
}

/** Write a new version if the stored one is still `fromVersion`; false when someone else wrote first. */
export async function updateCustomFramework(db: Db, workspaceId: string, key: string, fromVersion: number, definition: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('assessment_frameworks')
    .set({ definition, version: fromVersion + 1, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .where('version', '=', fromVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteCustomFramework(db: Db, workspaceId: string, key: string): Promise<boolean> {
  const r = await db.deleteFrom('assessment_frameworks').where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

// ---- assessments --------------------------------------------------------------------------------------------

export async function insertAssessment(
  db: Db,
  r: {
    id: string;
    workspaceId: string;
    name: string;
    frameworkKey: string;
    baseKey: string;
    version: number;
    framework: string;
    teamId: string | null;
    periodFrom: string;
    periodTo: string;
    createdBy: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('assessments')
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      name: r.name,
      framework_key: r.frameworkKey,
      base_key: r.baseKey,
      framework_version: r.version,
      framework: r.framework,
      team_id: r.teamId,
      period_from: r.periodFrom,
      period_to: r.periodTo,
      status: 'open',
      evidence: null,
      evidence_at: null,
      results: null,
      created_by: r.createdBy,
      created_at: r.at,
      updated_at: r.at,
      closed_at: null,
    })
    .execute();
}

export const getAssessment = (db: Db, workspaceId: string, id: string) =>
  db.selectFrom('assessments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** Newest first; `invitedUserId` limits the list to the assessments that user is invited to. */
export function listAssessments(db: Db, workspaceId: string, invitedUserId: string | null) {
  let q = db.selectFrom('assessments').selectAll().where('workspace_id', '=', workspaceId);
  if (invitedUserId)
    q = q.where(
      'id',
      'in',
      db.selectFrom('assessment_respondents').select('assessment_id').where('workspace_id', '=', workspaceId).where('user_id', '=', invitedUserId),
    );
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

/** A framework's assessments in the workspace, oldest first (history). */
export const assessmentsOfFramework = (db: Db, workspaceId: string, frameworkKey: string) =>
  db
    .selectFrom('assessments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('framework_key', '=', frameworkKey)
    .orderBy('created_at')
    .orderBy('id')
    .limit(200)
    .execute();

export async function updateAssessment(
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<{
    name: string;
    period_from: string;
    period_to: string;
    status: string;
    closed_at: string | null;
    results: string | null;
    evidence: string | null;
    evidence_at: string | null;
  }>,
  at: string,
): Promise<void> {
  await db
    .updateTable('assessments')
    .set({ ...set, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteAssessment(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('assessments').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The closed assessments of a shipped framework in the workspaces that share their scores: the latest per workspace. */
export async function pooledResults(db: Db, baseKey: string): Promise<{ workspace_id: string; results: unknown; closed_at: string | null }[]> {
  return db
    .selectFrom('assessments')
    .innerJoin('assessment_settings', 'assessment_settings.workspace_id', 'assessments.workspace_id')
    .select(['assessments.workspace_id', 'assessments.results', 'assessments.closed_at'])
    .where('assessments.base_key', '=', baseKey)
    .where('assessments.status', '=', 'closed')
    .where('assessment_settings.share_benchmark', '=', 1)
    .orderBy('assessments.closed_at', 'desc')
    .limit(100_000)
    .execute();
}

// ---- respondents ------------------------------------------------------------------------------------------

export const respondentsOf = (db: Db, workspaceId: string, assessmentId: string) =>
  db
    .selectFrom('assessment_respondents as r')
    .leftJoin('assessment_answers as a', 'a.respondent_id', 'r.id')
    .select((eb) => [
      'r.id',
      'r.user_id',
      'r.name',
      'r.email',
      'r.locale',
      'r.expires_at',
      'r.submitted_at',
      'r.created_at',
      eb.fn.count<number>('a.practice_id').as('answered'),
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.assessment_id', '=', assessmentId)
    .groupBy(['r.id', 'r.user_id', 'r.name', 'r.email', 'r.locale', 'r.expires_at', 'r.submitted_at', 'r.created_at'])
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();

/** Per assessment: how many are invited and how many have submitted. */
export async function respondentCounts(
  db: Db,
  workspaceId: string,
  assessmentIds: readonly string[],
): Promise<Map<string, { respondents: number; submitted: number }>> {
  if (assessmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('assessment_respondents')
    .select((eb) => ['assessment_id', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('submitted_at').as('submitted')])
    .where('workspace_id', '=', workspaceId)
    .where('assessment_id', 'in', assessmentIds)
    .groupBy('assessment_id')
    .execute();
  return new Map(rows.map((r) => [r.assessment_id, { respondents: Number(r.n), submitted: Number(r.submitted) }]));
}

export const respondentOfUser = (db: Db, workspaceId: string, assessmentId: string, userId: string) =>
  db
    .selectFrom('assessment_respondents')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('assessment_id', '=', assessmentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

/** The caller's invitations among these assessments. */
export const invitationsOfUser = (db: Db, workspaceId: string, userId: string) =>
  db.selectFrom('assessment_respondents').selectAll().where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();

/** An outside respondent by their link's hash, with the assessment and the workspace's name. */
export const respondentByTokenHash = (db: Db, tokenHash: string) =>
  db
    .selectFrom('assessment_respondents as r')
    .innerJoin('assessments as s', 's.id', 'r.assessment_id')
    .innerJoin('workspaces as w', 'w.id', 'r.workspace_id')
    .select([
      'r.id',
      'r.workspace_id',
      'r.assessment_id',
      'r.name',
      'r.locale',
      'r.expires_at',
      'r.submitted_at',
      's.status',
      's.framework',
      's.name as assessment_name',
      'w.name as workspace_name',
    ])
    .where('r.token_hash', '=', tokenHash)
    .executeTakeFirst();

export async function insertRespondents(
  db: Db,
  rows: {
    id: string;
    workspace_id: string;
    assessment_id: string;
    user_id: string | null;
    name: string;
    email: string | null;
    locale: string;
    token_hash: string | null;
    expires_at: string | null;
    invited_by: string;
    created_at: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('assessment_respondents')
    .values(rows.map((r) => ({ ...r, submitted_at: null })))
    // A member invited (or joining) twice at once is one respondent.
    .onConflict((oc) => oc.columns(['assessment_id', 'user_id']).doNothing())
    .execute();
}

/**
 * Inside a transaction that saves answers: the respondent's row, locked (PostgreSQL) while they have not handed in;
 * false once they have — so answers saved at the moment of a hand-in never change what was handed in.
 */
export async function holdOpenRespondent(db: Db, respondentId: string): Promise<boolean> {
  const r = await db
    .updateTable('assessment_respondents')
    .set((eb) => ({ created_at: eb.ref('created_at') }))
    .where('id', '=', respondentId)
    .where('submitted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteRespondent(db: Db, workspaceId: string, assessmentId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('assessment_respondents')
    .where('workspace_id', '=', workspaceId)
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function markSubmitted(db: Db, respondentId: string, at: string): Promise<void> {
  await db.updateTable('assessment_respondents').set({ submitted_at: at }).where('id', '=', respondentId).where('submitted_at', 'is', null).execute();
}

export const memberUsers = (db: Db, workspaceId: string, userIds: readonly string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name', 'u.email', 'u.locale'])
        .where('m.workspace_id', '=', workspaceId)
        .where('u.id', 'in', userIds)
        .execute();

export const teamExists = async (db: Db, workspaceId: string, teamId: string) =>
  (await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst()) !== undefined;

// ---- answers and decisions ------------------------------------------------------------------------------

export type AnswerWrite = { practiceId: string; intention: number; reality: number; comment: string | null; evidence: string };

export async function upsertAnswers(
  db: Db,
  workspaceId: string,
  assessmentId: string,
  respondentId: string,
  answers: readonly AnswerWrite[],
  at: string,
): Promise<void> {
  for (let i = 0; i < answers.length; i += 200) {
    const chunk = answers.slice(i, i + 200);
    await db
      .insertInto('assessment_answers')
      .values(
        chunk.map((a) => ({
          respondent_id: respondentId,
          assessment_id: assessmentId,
          workspace_id: workspaceId,
          practice_id: a.practiceId,
          intention: a.intention,
          reality: a.reality,
          comment: a.comment,
          evidence: a.evidence,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['respondent_id', 'practice_id']).doUpdateSet((eb) => ({
          intention: eb.ref('excluded.intention'),
          reality: eb.ref('excluded.reality'),
          comment: eb.ref('excluded.comment'),
          evidence: eb.ref('excluded.evidence'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export const answersOfRespondent = (db: Db, respondentId: string) =>
  db.selectFrom('assessment_answers').selectAll().where('respondent_id', '=', respondentId).orderBy('practice_id').execute();

export const answersOfAssessment = (db: Db, workspaceId: string, assessmentId: string) =>
  db.selectFrom('assessment_answers').selectAll().where('workspace_id', '=', workspaceId).where('assessment_id', '=', assessmentId).execute();

export const finalsOf = (db: Db, workspaceId: string, assessmentId: string) =>
  db.selectFrom('assessment_finals').selectAll().where('workspace_id', '=', workspaceId).where('assessment_id', '=', assessmentId).execute();

export async function upsertFinal(
  db: Db,
  r: {
    workspaceId: string;
    assessmentId: string;
    practiceId: string;
    intention: number;
    reality: number;
    reason: string | null;
    decidedBy: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('assessment_finals')
    .values({
      assessment_id: r.assessmentId,
      workspace_id: r.workspaceId,
      practice_id: r.practiceId,
      intention: r.intention,
      reality: r.reality,
      reason: r.reason,
      decided_by: r.decidedBy,
      decided_at: r.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['assessment_id', 'practice_id'])
        .doUpdateSet({ intention: r.intention, reality: r.reality, reason: r.reason, decided_by: r.decidedBy, decided_at: r.at }),
    )
    .execute();
}

export async function deleteFinal(db: Db, workspaceId: string, assessmentId: string, practiceId: string): Promise<void> {
  await db
    .deleteFrom('assessment_finals')
    .where('workspace_id', '=', workspaceId)
    .where('assessment_id', '=', assessmentId)
    .where('practice_id', '=', practiceId)
    .execute();
}

// ---- the benchmark pool -----------------------------------------------------------------------------------

export const settingsOf = (db: Db, workspaceId: string) =>
  db.selectFrom('assessment_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();

export async function putSettings(db: Db, workspaceId: string, share: boolean, at: string): Promise<void> {
  await db
    .insertInto('assessment_settings')
    .values({ workspace_id: workspaceId, share_benchmark: share ? 1 : 0, updated_at: at })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ share_benchmark: share ? 1 : 0, updated_at: at }))
    .execute();
}

export async function sharingWorkspaces(db: Db): Promise<number> {
  const r = await db
    .selectFrom('assessment_settings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('share_benchmark', '=', 1)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The member's language, else the workspace's. */
export async function localeOf(db: Db, workspaceId: string, userId: string): Promise<string> {
  const r = await db
    .selectFrom('workspaces as w')
    .leftJoin('users as u', (j) => j.on('u.id', '=', userId))
    .select(['w.locale as ws', 'u.locale as user'])
    .where('w.id', '=', workspaceId)
    .executeTakeFirst();
  return r?.user ?? r?.ws ?? 'vi';
}

export const memberUsersByEmail = (db: Db, workspaceId: string, emails: readonly string[]) =>
  emails.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name', 'u.email', 'u.locale'])
        .where('m.workspace_id', '=', workspaceId)
        .where('u.email', 'in', emails)
        .execute();

export const workspaceOf = (db: Db, workspaceId: string) =>
  db.selectFrom('workspaces').select(['name', 'timezone']).where('id', '=', workspaceId).executeTakeFirst();
