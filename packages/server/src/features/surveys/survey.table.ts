import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

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
