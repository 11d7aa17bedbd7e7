import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

/** A workspace's own copy of a framework (editable); the shipped ones live in @kith/domain and are never stored. */
export interface AssessmentFrameworkTable {
  id: string;
  workspace_id: string;
  key: string;
  base_key: string;
  version: number;
  definition: Json;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssessmentTable {
  id: string;
  workspace_id: string;
  name: string;
  framework_key: string;
  /** The shipped framework it is, or was copied from (the benchmark pools by it). */
  base_key: string;
  framework_version: number;
  /** The framework as it was when the assessment started. */
  framework: Json;
  team_id: string | null;
  period_from: string;
  period_to: string;
  status: string;
  evidence: Json | null;
  evidence_at: Timestamp | null;
  results: Json | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface AssessmentRespondentTable {
  id: string;
  workspace_id: string;
  assessment_id: string;
  /** A member; null for an outside person answering through a personal link. */
  user_id: string | null;
  name: string;
  email: string | null;
  locale: string;
  token_hash: string | null;
  expires_at: Timestamp | null;
  submitted_at: Timestamp | null;
  invited_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentAnswerTable {
  respondent_id: string;
  assessment_id: string;
  workspace_id: string;
  practice_id: string;
  intention: number;
  reality: number;
  comment: string | null;
  evidence: Json;
  updated_at: Timestamp;
}

export interface AssessmentFinalTable {
  assessment_id: string;
  workspace_id: string;
  practice_id: string;
  intention: number;
  reality: number;
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp;
}

export interface AssessmentSettingsTable {
  workspace_id: string;
  share_benchmark: Bool;
  updated_at: Timestamp;
}
