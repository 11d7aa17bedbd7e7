import { z } from 'zod';
import { ROLES, type Role } from '../permissions/permissions.ts';
import { isoDate, longText, text, uuid } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';

/**
 * Training and competencies (issue 20, "People and measurement"): a workspace's catalogue of courses (each may
 * expire some months after it is passed, and grants competencies), the competencies themselves, what each role
 * (optionally only in one team) is required to hold, and each member's records: a course completed on a day,
 * passed or failed with an optional score, an expiry computed from the course and overridable, and evidence
 * (a note, an https link). Dates are calendar days in the workspace's time zone; a record is valid up to the
 * day before its expiry date: on `expiresOn` it has expired.
 */

export const TRAINING_RESULTS = ['passed', 'failed'] as const;
export type TrainingResult = (typeof TRAINING_RESULTS)[number];
/** What a requirement asks for: one course, or a competency that any course granting it gives. */
export const REQUIREMENT_KINDS = ['course', 'competency'] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];
/** A cell of the competency matrix: the person's standing on one required item. */
export const TRAINING_CELL_STATES = ['valid', 'expiring', 'expired', 'missing', 'not_required'] as const;
export type TrainingCellState = (typeof TRAINING_CELL_STATES)[number];
/** Where one record stands today. */
export const RECORD_STATES = ['valid', 'expiring', 'expired', 'failed'] as const;
export type RecordState = (typeof RECORD_STATES)[number];
/** The reminders the daily job gives (a task for the person): 30 and 7 days before an expiry, and once expired. */
export const REMINDER_THRESHOLDS = ['30', '7', 'expired'] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** The longest validity a course may have: ten years. */
export const MAX_VALIDITY_MONTHS = 120;
/** The default window of "expiring" in the matrix (days before the expiry). */
export const DEFAULT_EXPIRING_DAYS = 30;

/** An evidence link: https only (an http, javascript: or data: link is refused by name). */
export const httpsUrl = () =>
  z
    .string()
    .max(1000, { message: 'Must be at most 1000 characters' })
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return u.protocol === 'https:' && u.hostname.length > 0 && !u.username && !u.password;
        } catch {
          return false;
        }
      },
      { message: 'Must be an https:// link', params: withCode('invalid_format') },
    );

const courseFields = {
  name: text(160, 1),
  description: longText(4000).nullable(),
  /** Months the course stays valid after it is passed; null: it never expires. */
  validityMonths: z.number().int().min(1).max(MAX_VALIDITY_MONTHS).nullable(),
  competencyIds: z.array(uuid()).max(50),
  archived: z.boolean(),
};
export const CourseCreateSchema = z.strictObject(courseFields).omit({ archived: true }).partial().required({ name: true });
export const CourseUpdateSchema = z.strictObject(courseFields).partial();
export type CourseCreateInput = z.output<typeof CourseCreateSchema>;
export type CourseUpdateInput = z.output<typeof CourseUpdateSchema>;

const competencyFields = { name: text(160, 1), description: longText(4000).nullable() };
export const CompetencyCreateSchema = z.strictObject(competencyFields).partial().required({ name: true });
export const CompetencyUpdateSchema = z.strictObject(competencyFields).partial();
export type CompetencyCreateInput = z.output<typeof CompetencyCreateSchema>;
export type CompetencyUpdateInput = z.output<typeof CompetencyUpdateSchema>;

/** A course or a competency (exactly one) required of a role, in one team or in all. */
export const RequirementCreateSchema = z
  .strictObject({
    courseId: uuid().optional(),
    competencyId: uuid().optional(),
    role: z.enum(ROLES),
    teamId: uuid().nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.courseId === undefined) === (v.competencyId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [v.courseId === undefined ? 'courseId' : 'competencyId'],
        message: 'Give a course or a competency (one of the two)',
        params: withCode('invalid'),
      });
  });
export type RequirementCreateInput = z.output<typeof RequirementCreateSchema>;

const recordFields = {
  courseId: uuid(),
  completedOn: isoDate(),
  result: z.enum(TRAINING_RESULTS),
  score: z.number().min(0).max(100).nullable(),
  /** Overrides the expiry computed from the course's validity; null: this record never expires. */
  expiresOn: isoDate().nullable(),
  evidenceNote: longText(2000).nullable(),
  evidenceUrl: httpsUrl().nullable(),
};
export const RecordCreateSchema = z.strictObject(recordFields).partial().required({ courseId: true, completedOn: true, result: true });
/** `expiresOn: undefined` keeps it; `recompute: true` goes back to the course's computed expiry. */
export const RecordUpdateSchema = z.strictObject({ ...recordFields, recompute: z.literal(true) }).partial();
export type RecordCreateInput = z.output<typeof RecordCreateSchema>;
export type RecordUpdateInput = z.output<typeof RecordUpdateSchema>;

// ---- the rules ---------------------------------------------------------------------------------------

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A day plus whole months, the day of month kept or clamped to the month's last (31 January + 1 month → 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const out = new Date(Date.UTC(year, month, Math.min(d, last)));
  return out.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A passed record's expiry from its course's validity; a failed one has none (it never counted). */
export function computedExpiry(completedOn: string, result: TrainingResult, validityMonths: number | null): string | null {
  if (result !== 'passed' || validityMonths === null) return null;
  return addMonths(completedOn, validityMonths);
}

/** Where a record stands on `today`: valid, expiring within `withinDays`, expired, or failed (never valid). */
export function recordState(r: { result: TrainingResult; expiresOn: string | null }, today: string, withinDays: number): RecordState {
  if (r.result !== 'passed') return 'failed';
  if (r.expiresOn === null) return 'valid';
  const left = daysBetween(today, r.expiresOn);
  if (left <= 0) return 'expired';
  return left <= withinDays ? 'expiring' : 'valid';
}

export type RequirementRule = { kind: RequirementKind; itemId: string; role: Role; teamId: string | null };
export type PersonFacts = { userId: string; role: Role; teamIds: readonly string[] };
export type RecordFacts = { id: string; userId: string; courseId: string; result: TrainingResult; completedOn: string; expiresOn: string | null };

/** Does a requirement apply to this person (their role, and its team if it names one)? */
export const applies = (req: RequirementRule, p: PersonFacts): boolean => req.role === p.role && (req.teamId === null || p.teamIds.includes(req.teamId));

/** The key of a required item (a matrix column). */
export const itemKey = (kind: RequirementKind, id: string): string => `${kind}:${id}`;

/**
 * The person's best passed record for an item (a course, or any course granting the competency): the one that
 * expires last (never expiring is best), the latest completed among equals. Null when nothing passed.
 */
export function bestRecord(
  kind: RequirementKind,
  itemId: string,
  records: readonly RecordFacts[],
  coursesGranting: (competencyId: string) => ReadonlySet<string>,
): RecordFacts | null {
  const courses = kind === 'course' ? new Set([itemId]) : coursesGranting(itemId);
  let best: RecordFacts | null = null;
  for (const r of records) {
    if (r.result !== 'passed' || !courses.has(r.courseId)) continue;
    if (!best) {
      best = r;
      continue;
    }
    const a = r.expiresOn ?? '9999-12-31';
    const b = best.expiresOn ?? '9999-12-31';
    if (a > b || (a === b && r.completedOn > best.completedOn)) best = r;
  }
  return best;
}

/** A cell of the matrix: not required, or the state of the person's best record for it (missing when none passed). */
export function cellState(required: boolean, best: RecordFacts | null, today: string, withinDays: number): TrainingCellState {
  if (!required) return 'not_required';
  if (!best) return 'missing';
  const s = recordState(best, today, withinDays);
  return s === 'failed' ? 'missing' : s;
}

/** Required cells held (valid or expiring) out of all required cells; percent null when nothing is required. */
export function coverageOf(states: readonly TrainingCellState[]): { required: number; satisfied: number; percent: number | null } {
  const required = states.filter((s) => s !== 'not_required').length;
  const satisfied = states.filter((s) => s === 'valid' || s === 'expiring').length;
  return { required, satisfied, percent: required === 0 ? null : Math.round((satisfied / required) * 1000) / 10 };
}

/**
 * Which reminder a record is due on `today` (the tightest threshold reached: a record entered with five days left
 * gets the 7-day reminder only): '30', '7', 'expired', or null (not yet, or it never expires).
 */
export function reminderDue(expiresOn: string | null, today: string): ReminderThreshold | null {
  if (expiresOn === null) return null;
  const left = daysBetween(today, expiresOn);
  if (left <= 0) return 'expired';
  if (left <= 7) return '7';
  if (left <= 30) return '30';
  return null;
}
