import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

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
