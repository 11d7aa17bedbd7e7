import type { Timestamp } from '../../platform/db/column-types.ts';

export interface TaskTable {
  id: string;
  workspace_id: string;
  title: string;
  notes: string | null;
  due_at: Timestamp | null;
  assignee_id: string | null;
  contact_id: string | null;
  priority: string;
  done_at: Timestamp | null;
  done_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
}
