import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

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
