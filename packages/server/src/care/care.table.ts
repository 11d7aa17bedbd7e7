import type { ColumnType, Generated } from 'kysely';
import type { Bool, Json, Timestamp } from '../db/column-types.ts';

export interface CareSettingsTable {
  workspace_id: string;
  settings: Json;
  ticket_seq: Generated<number>;
  updated_at: Timestamp;
  version: number;
}

export interface SlaPolicyTable {
  id: string;
  workspace_id: string;
  position: number;
  name: string;
  priority: string | null;
  category: string | null;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamAssignmentTable {
  team_id: string;
  workspace_id: string;
  mode: string;
  last_assigned_id: string | null;
  updated_at: Timestamp;
}

export interface TicketTable {
  id: string;
  workspace_id: string;
  number: number;
  contact_id: string;
  order_id: string | null;
  category: string | null;
  priority: string;
  channel: string;
  subject: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
  tags: Json;
  root_cause: string | null;
  resolution: string | null;
  sla_policy_id: string | null;
  first_response_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  first_responded_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  sla_pauses: Json;
  effective_resolution_due_at: Timestamp | null;
  /** Which targets were warned about / breached and escalated, e.g. "first_response,resolution". */
  sla_warned: string | null;
  sla_breached: string | null;
  source: string | null;
  source_id: string | null;
  last_message_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
}

export interface TicketMessageTable {
  id: string;
  workspace_id: string;
  ticket_id: string;
  contact_id: string;
  kind: string;
  body: string;
  meta: Json | null;
  author_id: string | null;
  mail_id: string | null;
  created_at: Timestamp;
}

export interface CannedReplyTable {
  id: string;
  workspace_id: string;
  title: string;
  body: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JobTable {
  id: string;
  workspace_id: string | null;
  kind: string;
  key: string | null;
  payload: Json;
  run_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Timestamp | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  last_error: string | null;
  result: Json | null;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: string;
  workspace_id: string;
  contact_id: string | null;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  purpose: string;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  related_type: string | null;
  related_id: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyTable {
  id: string;
  workspace_id: string;
  name: string;
  title: Json;
  intro: Json;
  status: string;
  trigger: Json;
  follow_up: Json;
  expires_days: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
}

export interface SurveyQuestionTable {
  id: string;
  workspace_id: string;
  survey_id: string;
  position: number;
  type: string;
  text: Json;
  options: Json | null;
  required: Bool;
}

export interface SurveyInvitationTable {
  id: string;
  workspace_id: string;
  survey_id: string;
  contact_id: string;
  token_hash: string;
  locale: string;
  ticket_id: string | null;
  order_id: string | null;
  channel: string;
  expires_at: Timestamp;
  opened_at: Timestamp | null;
  responded_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SurveyResponseTable {
  id: string;
  workspace_id: string;
  survey_id: string;
  invitation_id: string;
  contact_id: string;
  ticket_id: string | null;
  follow_up_ticket_id: string | null;
  submitted_at: Timestamp;
}

export interface SurveyAnswerTable {
  id: string;
  workspace_id: string;
  response_id: string;
  survey_id: string;
  question_id: string;
  contact_id: string;
  type: string;
  value_num: number | null;
  value_text: string | null;
  value_choices: Json | null;
  team_id: string | null;
  agent_id: string | null;
  category: string | null;
  segment: string | null;
  answered_at: Timestamp;
}

export interface PlaybookTable {
  id: string;
  workspace_id: string;
  key: string | null;
  name: string;
  description: string | null;
  audience: Json;
  steps: Json;
  status: string;
  auto_enroll: Bool;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
}

export interface PlaybookRunTable {
  id: string;
  workspace_id: string;
  playbook_id: string;
  contact_id: string;
  status: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  stopped_by: string | null;
  enrolled_by: string | null;
}

export interface PlaybookRunStepTable {
  id: string;
  workspace_id: string;
  run_id: string;
  step_index: number;
  action: string;
  due_at: Timestamp;
  status: string;
  done_at: Timestamp | null;
  outcome: Json | null;
}

export interface LoyaltyAccountTable {
  contact_id: string;
  workspace_id: string;
  balance: number;
  earned_12m: number;
  lifetime_earned: number;
  tier: string;
  tier_since: Timestamp;
  referral_code: string;
  referred_by: string | null;
  updated_at: Timestamp;
}

export interface PointsLedgerTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  kind: string;
  points: number;
  order_id: string | null;
  related_contact_id: string | null;
  key: string | null;
  reason: string | null;
  meta: Json | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface LoyaltySettingsTable {
  workspace_id: string;
  settings: Json;
  updated_at: Timestamp;
}

export interface WorkspaceMailTable {
  workspace_id: string;
  /** AES-256-GCM of the SMTP connection as JSON ({host, port, secure, user, password}). */
  smtp: string;
  from_address: string;
  reply_to: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SurveyAnswerDayTable {
  workspace_id: string;
  dim: string;
  day: string;
  survey_id: string;
  key: string;
  type: string;
  value: number;
  n: number;
}
