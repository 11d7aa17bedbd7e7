import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

/** A saved list view: personal (only its author sees it) or shared with the workspace. */
export interface SavedViewTable {
  id: string;
  workspace_id: string;
  user_id: string;
  entity: string;
  name: string;
  shared: Bool;
  config: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}
