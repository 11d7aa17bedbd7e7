import type { Timestamp } from '../../platform/db/column-types.ts';

export interface TeamTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamMemberTable {
  team_id: string;
  user_id: string;
  workspace_id: string;
  created_at: Timestamp;
}
