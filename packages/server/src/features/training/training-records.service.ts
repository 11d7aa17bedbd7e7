import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { Action } from '@kith/domain/permissions/permissions.ts';
import type { Course, Matrix, TrainingRecord } from '@kith/domain/training/training.api.ts';
import {
  applies,
  bestRecord,
  cellState,
  computedExpiry,
  coverageOf,
  dayIn,
  DEFAULT_EXPIRING_DAYS,
  itemKey,
  recordState,
  type RecordCreateInput,
  type RecordFacts,
  type RecordUpdateInput,
  type RequirementRule,
  type TrainingCellState,
  type TrainingResult,
} from '@kith/domain/training/training.schema.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findRole, listMembers, type Member } from '../../platform/auth/user.repository.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { peopleScope, seesPerson, seesTeam, type PeopleScope } from '../../platform/records/people-scope.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import {
  deleteRecordRow,
  findCourse,
  findRecordRow,
  insertRecordRow,
  isTeamOf,
  listCompetencies,
  listCourses,
  listRecordRows,
  listRequirements,
  recordFacts,
  updateRecordRow,
  type RecordRow,
} from './training.repository.ts';

/**
 * Training records and the competency matrix, in the people scope (docs/permissions.md, "People scope"): a member
 * sees their own, a manager their teams' members', owners and admins everyone's; someone outside the scope is a
 * 404, exactly as if they did not exist. Recording is `training.record` (owners and admins; a manager for their
 * teams). Days are the workspace's: "today" is its calendar day, and a record has expired on its expiry date.
 */

/** The workspace's today and time zone. */
export async function workspaceToday(core: Core, db: Db, workspaceId: string): Promise<{ today: string; timeZone: string; locale: string }> {
  const ws = await findWorkspace(db, workspaceId);
  const timeZone = ws?.timezone ?? 'Asia/Ho_Chi_Minh';
  return { today: dayIn(timeZone, core.now()), timeZone, locale: ws?.locale ?? 'vi' };
}

export function toRecord(r: RecordRow, today: string): TrainingRecord {
  const result = r.result as TrainingResult;
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    courseId: r.course_id,
    courseName: r.course_name,
    completedOn: r.completed_on,
    result,
    score: r.score === null ? null : Number(r.score),
    expiresOn: r.expires_on,
    expiryOverridden: Boolean(r.expiry_overridden),
    state: recordState({ result, expiresOn: r.expires_on }, today, DEFAULT_EXPIRING_DAYS),
    evidenceNote: r.evidence_note,
    evidenceUrl: r.evidence_url,
    recordedBy: r.recorded_by,
    recordedByName: r.recorder_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The scope, after checking the person is a member the actor may see for the action (404 otherwise). */
async function personInScope(db: Db, actor: Actor, action: Action, userId: string): Promise<PeopleScope> {
  const scope = await peopleScope(db, actor, action);
  if (!seesPerson(scope, userId) || !(await findRole(db, actor.workspaceId, userId))) throw notFound('Member');
  return scope;
}

const RECORD_AUDITED = ['courseId', 'completedOn', 'result', 'score', 'expiresOn', 'expiryOverridden', 'evidenceNote', 'evidenceUrl'] as const;
const auditedOf = (r: TrainingRecord) => Object.fromEntries(RECORD_AUDITED.map((k) => [k, r[k]]));

type Draft = {
  courseId: string;
  completedOn: string;
  result: TrainingResult;
  score: number | null;
  expiresOn: string | null;
  expiryOverridden: boolean;
  evidenceNote: string | null;
  evidenceUrl: string | null;
};

/** The course exists and may be taken, the day is not ahead of today, an expiry given comes after the completion. */
async function checkDraft(db: Db, workspaceId: string, d: Draft, today: string, courseChanged: boolean, issues: FieldIssue[]): Promise<Course | undefined> {
  const course = await findCourse(db, workspaceId, d.courseId);
  if (!course) issues.push({ path: ['courseId'], message: 'No such course in this workspace', code: 'not_found' });
  else if (course.archived && courseChanged) issues.push({ path: ['courseId'], message: 'The course is archived: record a current one', code: 'invalid' });
  if (d.completedOn > today)
    issues.push({ path: ['completedOn'], message: `Must not be after today (${today})`, code: 'date_out_of_range', params: { maximum: today } });
  if (d.expiryOverridden && d.expiresOn !== null) {
    if (d.result !== 'passed') issues.push({ path: ['expiresOn'], message: 'A failed course has no expiry', code: 'invalid' });
    else if (d.expiresOn <= d.completedOn)
      issues.push({ path: ['expiresOn'], message: 'Must be after the day it was completed', code: 'date_out_of_range', params: { minimum: d.completedOn } });
  }
  return course;
}

export async function createRecord(core: Core, actor: Actor, userId: string, input: RecordCreateInput): Promise<TrainingRecord> {
  authorize(actor, 'training.record');
  return core.db.transaction().execute(async (trx) => {
    await personInScope(trx, actor, 'training.record', userId);
    const { today } = await workspaceToday(core, trx, actor.workspaceId);
    const overridden = input.expiresOn !== undefined;
    const d: Draft = {
      courseId: input.courseId,
      completedOn: input.completedOn,
      result: input.result,
      score: input.score ?? null,
      expiresOn: overridden ? (input.expiresOn ?? null) : null,
      expiryOverridden: overridden,
      evidenceNote: input.evidenceNote || null,
      evidenceUrl: input.evidenceUrl ?? null,
    };
    const issues: FieldIssue[] = [];
    const course = await checkDraft(trx, actor.workspaceId, d, today, true, issues);
    if (issues.length || !course) throw invalid(issues, 'The training record has invalid fields');
    if (!overridden) d.expiresOn = computedExpiry(d.completedOn, d.result, course.validityMonths);
    const now = core.now().toISOString();
    const id = uuidv7();
    await insertRecordRow(trx, {
      id,
      workspace_id: actor.workspaceId,
      user_id: userId,
      course_id: d.courseId,
      completed_on: d.completedOn,
      result: d.result,
      score: d.score,
      expires_on: d.expiresOn,
      expiry_overridden: d.expiryOverridden ? 1 : 0,
      evidence_note: d.evidenceNote,
      evidence_url: d.evidenceUrl,
      recorded_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const r = toRecord((await findRecordRow(trx, actor.workspaceId, id))!, today);
    await recordAudit(
      trx,
      { ...by(actor), action: 'create', entityType: 'training_record', entityId: id, after: auditedOf(r), meta: { ...by(actor).meta, userId } },
      core.now(),
    );
    return r;
  });
}

/** A record the actor may act on for the action (its person in their scope), or a 404. */
async function recordInScope(db: Db, actor: Actor, action: Action, id: string): Promise<RecordRow> {
  const row = await findRecordRow(db, actor.workspaceId, id);
  const scope = await peopleScope(db, actor, action);
  if (!row || !seesPerson(scope, row.user_id)) throw notFound('Training record');
  return row;
}

export async function updateRecord(core: Core, actor: Actor, id: string, patch: RecordUpdateInput): Promise<TrainingRecord> {
  authorize(actor, 'training.record');
  return core.db.transaction().execute(async (trx) => {
    const row = await recordInScope(trx, actor, 'training.record', id);
    const { today } = await workspaceToday(core, trx, actor.workspaceId);
    const before = toRecord(row, today);
    const d: Draft = {
      courseId: patch.courseId ?? before.courseId,
      completedOn: patch.completedOn ?? before.completedOn,
      result: patch.result ?? before.result,
      score: patch.score !== undefined ? patch.score : before.score,
      expiresOn: before.expiresOn,
      expiryOverridden: before.expiryOverridden,
      evidenceNote: patch.evidenceNote !== undefined ? patch.evidenceNote || null : before.evidenceNote,
      evidenceUrl: patch.evidenceUrl !== undefined ? patch.evidenceUrl : before.evidenceUrl,
    };
    if (patch.recompute) d.expiryOverridden = false;
    else if (patch.expiresOn !== undefined) Object.assign(d, { expiresOn: patch.expiresOn, expiryOverridden: true });
    const issues: FieldIssue[] = [];
    const course = await checkDraft(trx, actor.workspaceId, d, today, d.courseId !== before.courseId, issues);
    if (issues.length || !course) throw invalid(issues, 'The training record has invalid fields');
    if (!d.expiryOverridden) d.expiresOn = computedExpiry(d.completedOn, d.result, course.validityMonths);
    const changed = RECORD_AUDITED.filter((k) => before[k] !== d[k]);
    if (changed.length === 0) return before;
    const now = core.now().toISOString();
    await updateRecordRow(trx, actor.workspaceId, id, {
      course_id: d.courseId,
      completed_on: d.completedOn,
      result: d.result,
      score: d.score,
      expires_on: d.expiresOn,
      expiry_overridden: d.expiryOverridden ? 1 : 0,
      evidence_note: d.evidenceNote,
      evidence_url: d.evidenceUrl,
      updated_at: now,
    });
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'training_record',
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, d[k]])),
        meta: { ...by(actor).meta, userId: before.userId },
      },
      core.now(),
    );
    return toRecord((await findRecordRow(trx, actor.workspaceId, id))!, today);
  });
}

export async function deleteRecord(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'training.record');
  await core.db.transaction().execute(async (trx) => {
    const row = await recordInScope(trx, actor, 'training.record', id);
    const { today } = await workspaceToday(core, trx, actor.workspaceId);
    await deleteRecordRow(trx, actor.workspaceId, id);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'delete',
        entityType: 'training_record',
        entityId: id,
        before: auditedOf(toRecord(row, today)),
        meta: { ...by(actor).meta, userId: row.user_id },
      },
      core.now(),
    );
  });
}

/** Records of the people in the actor's scope (of one person or one course when asked), newest first. */
export async function listRecords(
  core: Core,
  actor: Actor,
  q: { userId?: string | undefined; courseId?: string | undefined; limit?: number },
): Promise<{ data: TrainingRecord[] }> {
  authorize(actor, 'training.read');
  const scope = q.userId ? await personInScope(core.db, actor, 'training.read', q.userId) : await peopleScope(core.db, actor, 'training.read');
  const userIds = q.userId ? [q.userId] : scope.all ? null : [...scope.userIds];
  const { today } = await workspaceToday(core, core.db, actor.workspaceId);
  const rows = await listRecordRows(core.db, actor.workspaceId, {
    userIds,
    ...(q.courseId ? { courseId: q.courseId } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
  });
  return { data: rows.map((r) => toRecord(r, today)) };
}

export async function personRecords(core: Core, actor: Actor, userId: string): Promise<{ data: TrainingRecord[] }> {
  return listRecords(core, actor, { userId });
}

/** What the matrix and the reminders need of the workspace: its live requirements, courses, who grants what. */
export async function trainingFacts(db: Db, workspaceId: string) {
  const [courses, competencies, requirements, records] = await Promise.all([
    listCourses(db, workspaceId),
    listCompetencies(db, workspaceId),
    listRequirements(db, workspaceId),
    recordFacts(db, workspaceId),
  ]);
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const granting = new Map<string, Set<string>>();
  for (const c of courses) for (const k of c.competencyIds) (granting.get(k) ?? granting.set(k, new Set()).get(k)!).add(c.id);
  const coursesGranting = (competencyId: string): ReadonlySet<string> => granting.get(competencyId) ?? new Set();
  // An archived course is no longer required (nobody can take it); its records still count towards a competency.
  const rules: (RequirementRule & { name: string })[] = [];
  const competencyName = new Map(competencies.map((c) => [c.id, c.name]));
  for (const r of requirements) {
    if (r.courseId) {
      const c = courseById.get(r.courseId);
      if (c && !c.archived) rules.push({ kind: 'course', itemId: c.id, role: r.role, teamId: r.teamId, name: c.name });
    } else if (r.competencyId && competencyName.has(r.competencyId))
      rules.push({ kind: 'competency', itemId: r.competencyId, role: r.role, teamId: r.teamId, name: competencyName.get(r.competencyId)! });
  }
  const recordsOf = new Map<string, RecordFacts[]>();
  for (const r of records) (recordsOf.get(r.userId) ?? recordsOf.set(r.userId, []).get(r.userId)!).push(r);
  return { courseById, coursesGranting, rules, recordsOf, records };
}

/** The people in the actor's scope (live members), of one team when asked (a team outside the scope is a 404). */
async function peopleShown(db: Db, actor: Actor, teamId: string | undefined): Promise<Member[]> {
  const scope = await peopleScope(db, actor, 'training.read');
  if (teamId && (!seesTeam(scope, teamId) || !(await isTeamOf(db, actor.workspaceId, teamId)))) throw notFound('Team');
  return (await listMembers(db, actor.workspaceId)).filter((m) => !m.disabled && seesPerson(scope, m.userId) && (!teamId || m.teamIds.includes(teamId)));
}

/**
 * The competency matrix: the people in scope × the items required of any of them (a course, or a competency any
 * course granting it gives), each cell the state of the person's best record for it; the coverage is the
 * required cells held (valid or expiring) out of all the required cells.
 */
export async function competencyMatrix(core: Core, actor: Actor, q: { withinDays: number; teamId?: string | undefined }): Promise<Matrix> {
  authorize(actor, 'training.read');
  const people = await peopleShown(core.db, actor, q.teamId);
  const { today } = await workspaceToday(core, core.db, actor.workspaceId);
  const f = await trainingFacts(core.db, actor.workspaceId);
  const facts = people.map((p) => ({ userId: p.userId, role: p.role, teamIds: p.teamIds }));
  const items = new Map<string, { key: string; kind: 'course' | 'competency'; id: string; name: string }>();
  for (const r of f.rules) {
    const key = itemKey(r.kind, r.itemId);
    if (!items.has(key) && facts.some((p) => applies(r, p))) items.set(key, { key, kind: r.kind, id: r.itemId, name: r.name });
  }
  const columns = [...items.values()].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'vi') : a.kind === 'course' ? -1 : 1));
  const all: TrainingCellState[] = [];
  const rows = people.map((p, i) => {
    const mine = f.recordsOf.get(p.userId) ?? [];
    const cells = columns.map((it) => {
      const required = f.rules.some((r) => r.kind === it.kind && r.itemId === it.id && applies(r, facts[i]!));
      const best = bestRecord(it.kind, it.id, mine, f.coursesGranting);
      const state = cellState(required, best, today, q.withinDays);
      all.push(state);
      return { item: it.key, state, recordId: best?.id ?? null, expiresOn: best?.expiresOn ?? null };
    });
    const c = coverageOf(cells.map((x) => x.state));
    return { userId: p.userId, name: p.name, role: p.role, teamIds: p.teamIds, cells, required: c.required, satisfied: c.satisfied };
  });
  const count = (s: TrainingCellState) => all.filter((x) => x === s).length;
  return {
    asOf: today,
    withinDays: q.withinDays,
    items: columns,
    people: rows,
    coverage: coverageOf(all),
    counts: { valid: count('valid'), expiring: count('expiring'), expired: count('expired'), missing: count('missing') },
  };
}
