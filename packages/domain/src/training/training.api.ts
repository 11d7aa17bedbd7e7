import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { ROLES } from '../permissions/permissions.ts';
import { uuid } from '../schema/fields.ts';
import {
  CompetencyCreateSchema,
  CompetencyUpdateSchema,
  CourseCreateSchema,
  CourseUpdateSchema,
  DEFAULT_EXPIRING_DAYS,
  RECORD_STATES,
  RecordCreateSchema,
  RecordUpdateSchema,
  REQUIREMENT_KINDS,
  RequirementCreateSchema,
  TRAINING_CELL_STATES,
  TRAINING_RESULTS,
} from './training.schema.ts';

/**
 * The training API's shapes and operations (api/contract.ts): the catalogue (courses, competencies, requirements
 * per role), each member's records, the competency matrix and its files. Whose records a caller sees is the
 * people scope (docs/permissions.md): themselves; a manager also their teams' members; owners and admins everyone.
 */

export const CourseOut = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    validityMonths: z.number().int().nullable(),
    competencyIds: z.array(z.string()),
    archived: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'TrainingCourse' });
export type Course = z.output<typeof CourseOut>;

export const CompetencyOut = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), createdAt: Timestamp, updatedAt: Timestamp })
  .meta({ id: 'Competency' });
export type Competency = z.output<typeof CompetencyOut>;

export const RequirementOut = z
  .object({
    id: z.string(),
    kind: z.enum(REQUIREMENT_KINDS),
    courseId: z.string().nullable(),
    competencyId: z.string().nullable(),
    role: z.enum(ROLES),
    teamId: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'TrainingRequirement' });
export type Requirement = z.output<typeof RequirementOut>;

export const CatalogueOut = z.object({ courses: z.array(CourseOut), competencies: z.array(CompetencyOut), requirements: z.array(RequirementOut) });
export type Catalogue = z.output<typeof CatalogueOut>;

export const TrainingRecordOut = z
  .object({
    id: z.string(),
    userId: z.string(),
    userName: z.string(),
    courseId: z.string(),
    courseName: z.string(),
    completedOn: z.string().describe('YYYY-MM-DD'),
    result: z.enum(TRAINING_RESULTS),
    score: z.number().nullable(),
    expiresOn: z.string().nullable().describe('YYYY-MM-DD: the record has expired on this day; null: never'),
    /** The expiry was set by hand rather than computed from the course's validity. */
    expiryOverridden: z.boolean(),
    /** Where it stands today (the workspace's), with the default 30-day window. */
    state: z.enum(RECORD_STATES),
    evidenceNote: z.string().nullable(),
    evidenceUrl: z.string().nullable(),
    recordedBy: z.string().nullable(),
    recordedByName: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'TrainingRecord' });
export type TrainingRecord = z.output<typeof TrainingRecordOut>;

export const MatrixItemOut = z.object({ key: z.string(), kind: z.enum(REQUIREMENT_KINDS), id: z.string(), name: z.string() });
export const MatrixCellOut = z.object({
  item: z.string(),
  state: z.enum(TRAINING_CELL_STATES),
  /** The best record for the item (the one that expires last), when there is one that passed. */
  recordId: z.string().nullable(),
  expiresOn: z.string().nullable(),
});
export const MatrixPersonOut = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  teamIds: z.array(z.string()),
  cells: z.array(MatrixCellOut),
  required: z.number().int(),
  satisfied: z.number().int(),
});
export const CoverageOut = z.object({ required: z.number().int(), satisfied: z.number().int(), percent: z.number().nullable() });
export const MatrixOut = z
  .object({
    asOf: z.string().describe('the workspace’s today, YYYY-MM-DD'),
    withinDays: z.number().int(),
    items: z.array(MatrixItemOut),
    people: z.array(MatrixPersonOut),
    coverage: CoverageOut,
    counts: z.object({ valid: z.number().int(), expiring: z.number().int(), expired: z.number().int(), missing: z.number().int() }),
  })
  .meta({ id: 'CompetencyMatrix' });
export type Matrix = z.output<typeof MatrixOut>;

const Lang = z.enum(['vi', 'en']).optional();
export const MatrixQuery = z.strictObject({
  withinDays: z.coerce.number().int().min(1).max(365).default(DEFAULT_EXPIRING_DAYS).describe('“expiring” means within this many days'),
  teamId: uuid().optional().describe('only the members of this team (one in your scope)'),
});
export const RecordsQuery = z.strictObject({
  userId: uuid().optional(),
  courseId: uuid().optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export const MatrixFileQuery = MatrixQuery.extend({ lang: Lang });
export const RecordsFileQuery = RecordsQuery.omit({ limit: true }).extend({ lang: Lang });
export const PersonParams = z.object({ userId: uuid() });

const tags = ['training'];
export const trainingApi = {
  catalogue: contract({
    method: 'GET',
    path: '/training/catalogue',
    tags,
    summary: 'The catalogue: courses, competencies, and what each role is required to hold',
    status: 200,
    response: CatalogueOut,
  }),
  createCourse: contract({
    method: 'POST',
    path: '/training/courses',
    tags,
    summary: 'Add a course to the catalogue (audited)',
    body: CourseCreateSchema,
    status: 201,
    response: CourseOut,
  }),
  updateCourse: contract({
    method: 'PATCH',
    path: '/training/courses/:id',
    tags,
    summary: 'Change a course: name, validity, competencies it grants, archived (audited); existing records keep their expiry',
    params: IdParams,
    body: CourseUpdateSchema,
    status: 200,
    response: CourseOut,
  }),
  deleteCourse: contract({
    method: 'DELETE',
    path: '/training/courses/:id',
    tags,
    summary: 'Delete a course nobody has a record of, and its requirements (a course with records is archived instead: 409)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  createCompetency: contract({
    method: 'POST',
    path: '/training/competencies',
    tags,
    summary: 'Add a competency (audited)',
    body: CompetencyCreateSchema,
    status: 201,
    response: CompetencyOut,
  }),
  updateCompetency: contract({
    method: 'PATCH',
    path: '/training/competencies/:id',
    tags,
    summary: 'Rename or describe a competency (audited)',
    params: IdParams,
    body: CompetencyUpdateSchema,
    status: 200,
    response: CompetencyOut,
  }),
  deleteCompetency: contract({
    method: 'DELETE',
    path: '/training/competencies/:id',
    tags,
    summary: 'Delete a competency: the courses no longer grant it and its requirements go (audited)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  createRequirement: contract({
    method: 'POST',
    path: '/training/requirements',
    tags,
    summary: 'Require a course or a competency of a role, in one team or in all (audited)',
    body: RequirementCreateSchema,
    status: 201,
    response: RequirementOut,
  }),
  deleteRequirement: contract({
    method: 'DELETE',
    path: '/training/requirements/:id',
    tags,
    summary: 'Remove a requirement (audited)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  matrix: contract({
    method: 'GET',
    path: '/training/matrix',
    tags,
    summary:
      'The competency matrix: the people in your scope × the items required of them, each cell valid, expiring, expired, missing or not required; the coverage',
    query: MatrixQuery,
    status: 200,
    response: MatrixOut,
  }),
  records: contract({
    method: 'GET',
    path: '/training/records',
    tags,
    summary: 'Training records of the people in your scope, newest first',
    query: RecordsQuery,
    status: 200,
    response: z.object({ data: z.array(TrainingRecordOut) }),
  }),
  personRecords: contract({
    method: 'GET',
    path: '/training/people/:userId/records',
    tags,
    summary: 'One member’s training records (404 for someone outside your scope)',
    params: PersonParams,
    status: 200,
    response: z.object({ data: z.array(TrainingRecordOut) }),
  }),
  createRecord: contract({
    method: 'POST',
    path: '/training/people/:userId/records',
    tags,
    summary: 'Record a course a member completed: result, score, evidence; the expiry follows the course unless given (audited)',
    params: PersonParams,
    body: RecordCreateSchema,
    status: 201,
    response: TrainingRecordOut,
  }),
  updateRecord: contract({
    method: 'PATCH',
    path: '/training/records/:id',
    tags,
    summary: 'Correct a training record (audited); recompute: true takes the expiry back to the course’s',
    params: IdParams,
    body: RecordUpdateSchema,
    status: 200,
    response: TrainingRecordOut,
  }),
  deleteRecord: contract({
    method: 'DELETE',
    path: '/training/records/:id',
    tags,
    summary: 'Delete a training record (audited)',
    params: IdParams,
    status: 204,
    response: null,
  }),
};
