import type { Bool, Timestamp } from '../../platform/db/column-types.ts';

/** A competency a course can grant and a role can be required to hold. */
export interface TrainingCompetencyTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingCourseTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  /** Months a pass stays valid; null: it never expires. */
  validity_months: number | null;
  archived: Bool;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingCourseCompetencyTable {
  course_id: string;
  competency_id: string;
  workspace_id: string;
}

/** A course or a competency (one of the two) required of a role, in one team or in all (team_id null). */
export interface TrainingRequirementTable {
  id: string;
  workspace_id: string;
  course_id: string | null;
  competency_id: string | null;
  role: string;
  team_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TrainingRecordTable {
  id: string;
  workspace_id: string;
  user_id: string;
  course_id: string;
  /** YYYY-MM-DD (date on PostgreSQL, read back as text). */
  completed_on: string;
  result: string;
  score: number | null;
  expires_on: string | null;
  expiry_overridden: Bool;
  evidence_note: string | null;
  evidence_url: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A reminder the daily job gave: one per record, threshold ('30', '7', 'expired') and expiry. */
export interface TrainingReminderTable {
  record_id: string;
  threshold: string;
  expires_on: string;
  workspace_id: string;
  task_id: string | null;
  created_at: Timestamp;
}
