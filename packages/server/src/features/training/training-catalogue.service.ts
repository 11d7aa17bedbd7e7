import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { Catalogue, Competency, Course, Requirement } from '@kith/domain/training/training.api.ts';
import type {
  CompetencyCreateInput,
  CompetencyUpdateInput,
  CourseCreateInput,
  CourseUpdateInput,
  RequirementCreateInput,
} from '@kith/domain/training/training.schema.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { authorize } from '../../platform/records/visibility.ts';
import {
  countRecordsOfCourse,
  deleteCompetencyRow,
  deleteCourseRow,
  deleteRequirementRow,
  existingCompetencies,
  findCompetency,
  findCourse,
  findRequirement,
  insertCompetency,
  insertCourse,
  insertRequirement,
  isTeamOf,
  listCompetencies,
  listCourses,
  listRequirements,
  sameRequirement,
  setCourseCompetencies,
  updateCompetencyRow,
  updateCourseRow,
} from './training.repository.ts';

/**
 * The training catalogue (docs/permissions.md): everyone who may read training reads it; owners and admins
 * (`training.manage`) keep it — courses, competencies, and what each role is required to hold. Every change is
 * audited in its transaction; a reference to something not in the workspace is a 422 naming the field.
 */

export async function getCatalogue(core: Core, actor: Actor): Promise<Catalogue> {
  authorize(actor, 'training.read');
  const [courses, competencies, requirements] = await Promise.all([
    listCourses(core.db, actor.workspaceId),
    listCompetencies(core.db, actor.workspaceId),
    listRequirements(core.db, actor.workspaceId),
  ]);
  return { courses, competencies, requirements };
}

async function checkCompetencies(db: Db, workspaceId: string, ids: readonly string[] | undefined, issues: FieldIssue[]): Promise<string[]> {
  if (!ids) return [];
  const unique = [...new Set(ids)];
  const known = await existingCompetencies(db, workspaceId, unique);
  ids.forEach((id, i) => {
    if (!known.has(id)) issues.push({ path: ['competencyIds', i], message: 'No such competency in this workspace', code: 'not_found' });
  });
  return unique;
}

const COURSE_AUDITED = ['name', 'description', 'validityMonths', 'competencyIds', 'archived'] as const;
const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

export async function createCourse(core: Core, actor: Actor, input: CourseCreateInput): Promise<Course> {
  authorize(actor, 'training.manage');
  return core.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const competencyIds = await checkCompetencies(trx, actor.workspaceId, input.competencyIds, issues);
    if (issues.length) throw invalid(issues, 'The course has invalid fields');
    const now = core.now().toISOString();
    const id = uuidv7();
    await insertCourse(trx, {
      id,
      workspace_id: actor.workspaceId,
      name: input.name,
      description: input.description ?? null,
      validity_months: input.validityMonths ?? null,
      archived: 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await setCourseCompetencies(trx, actor.workspaceId, id, competencyIds);
    const c = (await findCourse(trx, actor.workspaceId, id))!;
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'training_course', entityId: id, after: pick(c, COURSE_AUDITED) }, core.now());
    return c;
  });
}

export async function updateCourse(core: Core, actor: Actor, id: string, patch: CourseUpdateInput): Promise<Course> {
  authorize(actor, 'training.manage');
  return core.db.transaction().execute(async (trx) => {
    const before = await findCourse(trx, actor.workspaceId, id);
    if (!before) throw notFound('Course');
    const issues: FieldIssue[] = [];
    const competencyIds = patch.competencyIds ? await checkCompetencies(trx, actor.workspaceId, patch.competencyIds, issues) : before.competencyIds;
    if (issues.length) throw invalid(issues, 'The course has invalid fields');
    const next: Course = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.validityMonths !== undefined ? { validityMonths: patch.validityMonths } : {}),
      ...(patch.archived !== undefined ? { archived: patch.archived } : {}),
      competencyIds: [...competencyIds].sort(),
    };
    const changed = COURSE_AUDITED.filter((k) => JSON.stringify(k === 'competencyIds' ? [...before[k]].sort() : before[k]) !== JSON.stringify(next[k]));
    if (changed.length === 0) return before;
    const now = core.now().toISOString();
    await updateCourseRow(trx, actor.workspaceId, id, {
      name: next.name,
      description: next.description,
      validity_months: next.validityMonths,
      archived: next.archived ? 1 : 0,
      updated_at: now,
    });
    if (changed.includes('competencyIds')) await setCourseCompetencies(trx, actor.workspaceId, id, next.competencyIds);
    await recordAudit(
      trx,
      { ...by(actor), action: 'update', entityType: 'training_course', entityId: id, before: pick(before, changed), after: pick(next, changed) },
      core.now(),
    );
    return (await findCourse(trx, actor.workspaceId, id))!;
  });
}

/** A course nobody has a record of goes, with its requirements; one with records is kept for them (archive it). */
export async function deleteCourse(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'training.manage');
  await core.db.transaction().execute(async (trx) => {
    const c = await findCourse(trx, actor.workspaceId, id);
    if (!c) throw notFound('Course');
    const records = await countRecordsOfCourse(trx, actor.workspaceId, id);
    if (records > 0)
      throw new AppError('conflict', `${records} training record(s) name this course: archive it instead (PATCH archived: true), so their history stays`, {
        extra: { records },
      });
    await deleteCourseRow(trx, actor.workspaceId, id);
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'training_course', entityId: id, before: pick(c, COURSE_AUDITED) }, core.now());
  });
}

export async function createCompetency(core: Core, actor: Actor, input: CompetencyCreateInput): Promise<Competency> {
  authorize(actor, 'training.manage');
  return core.db.transaction().execute(async (trx) => {
    const now = core.now().toISOString();
    const id = uuidv7();
    await insertCompetency(trx, {
      id,
      workspace_id: actor.workspaceId,
      name: input.name,
      description: input.description ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const c = (await findCompetency(trx, actor.workspaceId, id))!;
    await recordAudit(
      trx,
      { ...by(actor), action: 'create', entityType: 'training_competency', entityId: id, after: { name: c.name, description: c.description } },
      core.now(),
    );
    return c;
  });
}

export async function updateCompetency(core: Core, actor: Actor, id: string, patch: CompetencyUpdateInput): Promise<Competency> {
  authorize(actor, 'training.manage');
  return core.db.transaction().execute(async (trx) => {
    const before = await findCompetency(trx, actor.workspaceId, id);
    if (!before) throw notFound('Competency');
    const next = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
    };
    const changed = (['name', 'description'] as const).filter((k) => before[k] !== next[k]);
    if (changed.length === 0) return before;
    const now = core.now().toISOString();
    await updateCompetencyRow(trx, actor.workspaceId, id, { name: next.name, description: next.description, updated_at: now });
    await recordAudit(
      trx,
      { ...by(actor), action: 'update', entityType: 'training_competency', entityId: id, before: pick(before, changed), after: pick(next, changed) },
      core.now(),
    );
    return { ...next, updatedAt: now };
  });
}

/** A competency goes with its links to courses and its requirements (the courses and records stay). */
export async function deleteCompetency(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'training.manage');
  await core.db.transaction().execute(async (trx) => {
    const c = await findCompetency(trx, actor.workspaceId, id);
    if (!c) throw notFound('Competency');
    const requirements = (await listRequirements(trx, actor.workspaceId)).filter((r) => r.competencyId === id).map((r) => r.id);
    await deleteCompetencyRow(trx, actor.workspaceId, id);
    await recordAudit(
      trx,
      { ...by(actor), action: 'delete', entityType: 'training_competency', entityId: id, before: { name: c.name, description: c.description, requirements } },
      core.now(),
    );
  });
}

export async function createRequirement(core: Core, actor: Actor, input: RequirementCreateInput): Promise<Requirement> {
  authorize(actor, 'training.manage');
  return core.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const ws = actor.workspaceId;
    if (input.courseId) {
      const c = await findCourse(trx, ws, input.courseId);
      if (!c) issues.push({ path: ['courseId'], message: 'No such course in this workspace', code: 'not_found' });
      else if (c.archived) issues.push({ path: ['courseId'], message: 'The course is archived: nobody can take it any more', code: 'invalid' });
    }
    if (input.competencyId && !(await findCompetency(trx, ws, input.competencyId)))
      issues.push({ path: ['competencyId'], message: 'No such competency in this workspace', code: 'not_found' });
    const teamId = input.teamId ?? null;
    if (teamId && !(await isTeamOf(trx, ws, teamId))) issues.push({ path: ['teamId'], message: 'No such team in this workspace', code: 'not_found' });
    const key = { courseId: input.courseId ?? null, competencyId: input.competencyId ?? null, role: input.role, teamId };
    if (issues.length === 0 && (await sameRequirement(trx, ws, key)))
      issues.push({ path: [input.courseId ? 'courseId' : 'competencyId'], message: 'Already required of this role (in this team)', code: 'not_unique' });
    if (issues.length) throw invalid(issues, 'The requirement has invalid fields');
    const id = uuidv7();
    await insertRequirement(trx, {
      id,
      workspace_id: ws,
      course_id: key.courseId,
      competency_id: key.competencyId,
      role: input.role,
      team_id: teamId,
      created_by: actor.userId,
      created_at: core.now().toISOString(),
    });
    const r = (await findRequirement(trx, ws, id))!;
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'training_requirement', entityId: id, after: key }, core.now());
    return r;
  });
}

export async function deleteRequirement(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'training.manage');
  await core.db.transaction().execute(async (trx) => {
    const r = await findRequirement(trx, actor.workspaceId, id);
    if (!r) throw notFound('Requirement');
    await deleteRequirementRow(trx, actor.workspaceId, id);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'delete',
        entityType: 'training_requirement',
        entityId: id,
        before: { courseId: r.courseId, competencyId: r.competencyId, role: r.role, teamId: r.teamId },
      },
      core.now(),
    );
  });
}
