import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Competency, Course, Requirement } from '@kith/domain/training/training.api.ts';
import { dayIn, type RequirementKind, type TrainingResult } from '@kith/domain/training/training.schema.ts';
import type { Role } from '@kith/domain/permissions/permissions.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { TrainingCompetencyTable, TrainingCourseTable, TrainingRecordTable, TrainingReminderTable, TrainingRequirementTable } from './training.table.ts';

/** Every query of the training feature: each takes the workspace and reads or writes only its rows. */

// ---- courses -----------------------------------------------------------------------------------------

function toCourse(r: Selectable<TrainingCourseTable>, competencyIds: string[]): Course {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    validityMonths: r.validity_months === null ? null : Number(r.validity_months),
    competencyIds,
    archived: Boolean(r.archived),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function competenciesOfCourses(db: Db, workspaceId: string, courseIds?: string[]): Promise<Map<string, string[]>> {
  let q = db.selectFrom('training_course_competencies').select(['course_id', 'competency_id']).where('workspace_id', '=', workspaceId);
  if (courseIds) {
    if (courseIds.length === 0) return new Map();
    q = q.where('course_id', 'in', courseIds);
  }
  const out = new Map<string, string[]>();
  for (const r of await q.orderBy('competency_id').execute()) {
    const list = out.get(r.course_id) ?? [];
    list.push(r.competency_id);
    out.set(r.course_id, list);
  }
  return out;
}

export async function listCourses(db: Db, workspaceId: string): Promise<Course[]> {
  const rows = await db.selectFrom('training_courses').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  const links = await competenciesOfCourses(db, workspaceId);
  return rows.map((r) => toCourse(r, links.get(r.id) ?? []));
}

export async function findCourse(db: Db, workspaceId: string, id: string): Promise<Course | undefined> {
  const r = await db.selectFrom('training_courses').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return toCourse(r, (await competenciesOfCourses(db, workspaceId, [id])).get(id) ?? []);
}

export async function insertCourse(db: Db, row: Insertable<TrainingCourseTable>): Promise<void> {
  await db.insertInto('training_courses').values(row).execute();
}

export async function updateCourseRow(db: Db, workspaceId: string, id: string, patch: Updateable<TrainingCourseTable>): Promise<void> {
  await db.updateTable('training_courses').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The competencies a course grants, replaced. */
export async function setCourseCompetencies(db: Db, workspaceId: string, courseId: string, competencyIds: readonly string[]): Promise<void> {
  await db.deleteFrom('training_course_competencies').where('workspace_id', '=', workspaceId).where('course_id', '=', courseId).execute();
  if (competencyIds.length)
    await db
      .insertInto('training_course_competencies')
      .values(competencyIds.map((competency_id) => ({ course_id: courseId, competency_id, workspace_id: workspaceId })))
      .execute();
}

export async function deleteCourseRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('training_courses').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function countRecordsOfCourse(db: Db, workspaceId: string, courseId: string): Promise<number> {
  const r = await db
    .selectFrom('training_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('course_id', '=', courseId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- competencies ------------------------------------------------------------------------------------

const toCompetency = (r: Selectable<TrainingCompetencyTable>): Competency => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listCompetencies(db: Db, workspaceId: string): Promise<Competency[]> {
  const rows = await db.selectFrom('training_competencies').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  return rows.map(toCompetency);
}

export async function findCompetency(db: Db, workspaceId: string, id: string): Promise<Competency | undefined> {
  const r = await db.selectFrom('training_competencies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r && toCompetency(r);
}

/** Of these ids, the competencies of the workspace. */
export async function existingCompetencies(db: Db, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('training_competencies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertCompetency(db: Db, row: Insertable<TrainingCompetencyTable>): Promise<void> {
  await db.insertInto('training_competencies').values(row).execute();
}

export async function updateCompetencyRow(db: Db, workspaceId: string, id: string, patch: Updateable<TrainingCompetencyTable>): Promise<void> {
  await db.updateTable('training_competencies').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** A competency, its links to courses and its requirements (their foreign keys cascade). */
export async function deleteCompetencyRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('training_course_competencies').where('workspace_id', '=', workspaceId).where('competency_id', '=', id).execute();
  await db.deleteFrom('training_requirements').where('workspace_id', '=', workspaceId).where('competency_id', '=', id).execute();
  await db.deleteFrom('training_competencies').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

// ---- requirements ------------------------------------------------------------------------------------

const toRequirement = (r: Selectable<TrainingRequirementTable>): Requirement => ({
  id: r.id,
  kind: (r.course_id ? 'course' : 'competency') as RequirementKind,
  courseId: r.course_id,
  competencyId: r.competency_id,
  role: r.role as Role,
  teamId: r.team_id,
  createdAt: r.created_at,
});

export async function listRequirements(db: Db, workspaceId: string): Promise<Requirement[]> {
  const rows = await db.selectFrom('training_requirements').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toRequirement);
}

export async function findRequirement(db: Db, workspaceId: string, id: string): Promise<Requirement | undefined> {
  const r = await db.selectFrom('training_requirements').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r && toRequirement(r);
}

/** The same item already required of the same role in the same team (or in all teams)? */
export async function sameRequirement(
  db: Db,
  workspaceId: string,
  r: { courseId: string | null; competencyId: string | null; role: string; teamId: string | null },
): Promise<boolean> {
  let q = db.selectFrom('training_requirements').select('id').where('workspace_id', '=', workspaceId).where('role', '=', r.role);
  q = r.courseId ? q.where('course_id', '=', r.courseId) : q.where('competency_id', '=', r.competencyId!);
  q = r.teamId ? q.where('team_id', '=', r.teamId) : q.where('team_id', 'is', null);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertRequirement(db: Db, row: Insertable<TrainingRequirementTable>): Promise<void> {
  await db.insertInto('training_requirements').values(row).execute();
}

export async function deleteRequirementRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('training_requirements').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function isTeamOf(db: Db, workspaceId: string, teamId: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst()) !== undefined;
}

// ---- records -----------------------------------------------------------------------------------------

export type RecordRow = Selectable<TrainingRecordTable> & { user_name: string; course_name: string; recorder_name: string | null };

function selectRecords(db: Db, workspaceId: string) {
  return db
    .selectFrom('training_records as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('training_courses as c', 'c.id', 'r.course_id')
    .leftJoin('users as rb', 'rb.id', 'r.recorded_by')
    .selectAll('r')
    .select(['u.name as user_name', 'c.name as course_name', 'rb.name as recorder_name'])
    .where('r.workspace_id', '=', workspaceId);
}

/** Records of some people (or of everyone: `userIds` null), newest completion first. */
export async function listRecordRows(
  db: Db,
  workspaceId: string,
  q: { userIds: readonly string[] | null; courseId?: string; limit?: number },
): Promise<RecordRow[]> {
  if (q.userIds && q.userIds.length === 0) return [];
  let query = selectRecords(db, workspaceId);
  if (q.userIds) query = query.where('r.user_id', 'in', [...q.userIds]);
  if (q.courseId) query = query.where('r.course_id', '=', q.courseId);
  query = query.orderBy('r.completed_on', 'desc').orderBy('r.id', 'desc');
  if (q.limit) query = query.limit(q.limit);
  return (await query.execute()) as RecordRow[];
}

export async function findRecordRow(db: Db, workspaceId: string, id: string): Promise<RecordRow | undefined> {
  return (await selectRecords(db, workspaceId).where('r.id', '=', id).executeTakeFirst()) as RecordRow | undefined;
}

export async function insertRecordRow(db: Db, row: Insertable<TrainingRecordTable>): Promise<void> {
  await db.insertInto('training_records').values(row).execute();
}

export async function updateRecordRow(db: Db, workspaceId: string, id: string, patch: Updateable<TrainingRecordTable>): Promise<void> {
  await db.updateTable('training_records').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function deleteRecordRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('training_records').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The facts the matrix and the reminders read of every record of the workspace. */
export async function recordFacts(
  db: Db,
  workspaceId: string,
): Promise<{ id: string; userId: string; courseId: string; result: TrainingResult; completedOn: string; expiresOn: string | null }[]> {
  const rows = await db
    .selectFrom('training_records')
    .select(['id', 'user_id', 'course_id', 'result', 'completed_on', 'expires_on'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    courseId: r.course_id,
    result: r.result as TrainingResult,
    completedOn: r.completed_on,
    expiresOn: r.expires_on,
  }));
}

// ---- reminders ---------------------------------------------------------------------------------------

/** The workspaces that have a passed record with an expiry on or before `until` (the reminder job's work). */
export async function workspacesWithExpiries(db: Db, until: string): Promise<string[]> {
  const rows = await db
    .selectFrom('training_records')
    .select('workspace_id')
    .distinct()
    .where('result', '=', 'passed')
    .where('expires_on', 'is not', null)
    .where('expires_on', '<=', until)
    .execute();
  return rows.map((r) => r.workspace_id);
}

/**
 * Claim a reminder (one per record, threshold and expiry): true when this call added it, false when one was
 * given already — by an earlier run, or by another process running the job at the same moment.
 */
export async function claimReminder(db: Db, row: Insertable<TrainingReminderTable>): Promise<boolean> {
  const r = await db
    .insertInto('training_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['record_id', 'threshold', 'expires_on']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function setReminderTask(db: Db, k: { recordId: string; threshold: string; expiresOn: string }, taskId: string): Promise<void> {
  await db
    .updateTable('training_reminders')
    .set({ task_id: taskId })
    .where('record_id', '=', k.recordId)
    .where('threshold', '=', k.threshold)
    .where('expires_on', '=', k.expiresOn)
    .execute();
}

/** Each user's own language (null: the workspace's). */
export async function userLocales(db: Db, userIds: readonly string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'locale'])
    .where('id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((u) => [u.id, u.locale]));
}

export async function listReminders(db: Db, workspaceId: string): Promise<Selectable<TrainingReminderTable>[]> {
  return db.selectFrom('training_reminders').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
}

// ---- the assessment's evidence -----------------------------------------------------------------------

/**
 * How many of the workspace's members hold at least one valid training record at `at` (passed, and not expired
 * on that day in the workspace's time zone), among how many members (the assessment's evidence).
 */
export async function trainingCoverage(db: Db, workspaceId: string, at: Date, only?: readonly string[]): Promise<{ members: number; covered: number }> {
  if (only && only.length === 0) return { members: 0, covered: 0 };
  const ws = await db.selectFrom('workspaces').select('timezone').where('id', '=', workspaceId).executeTakeFirst();
  const today = dayIn(ws?.timezone ?? 'Asia/Ho_Chi_Minh', at);
  let mq = db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId);
  if (only) mq = mq.where('user_id', 'in', [...only]);
  const members = await mq.executeTakeFirstOrThrow();
  let cq = db
    .selectFrom('training_records as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 'r.user_id').onRef('m.workspace_id', '=', 'r.workspace_id'))
    .select((eb) => eb.fn.count<number>('r.user_id').distinct().as('n'))
    .where('r.workspace_id', '=', workspaceId)
    .where('r.result', '=', 'passed')
    .where('r.completed_on', '<=', today)
    .where((eb) => eb.or([eb('r.expires_on', 'is', null), eb('r.expires_on', '>', today)]));
  if (only) cq = cq.where('r.user_id', 'in', [...only]);
  const covered = await cq.executeTakeFirstOrThrow();
  return { members: Number(members.n), covered: Number(covered.n) };
}
