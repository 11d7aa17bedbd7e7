import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

/** A saved segment of contacts: personal (its author's) or shared with the workspace. */
export interface SegmentTable {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  description: string | null;
  shared: Bool;
  definition: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}
