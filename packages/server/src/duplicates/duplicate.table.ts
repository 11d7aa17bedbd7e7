import type { Json, Timestamp } from '../db/column-types.ts';

export interface DuplicateCandidateTable {
  id: string;
  workspace_id: string;
  /** The pair, ordered: a_id < b_id. */
  a_id: string;
  b_id: string;
  score: number;
  reasons: Json;
  /** open | dismissed | merged */
  status: string;
  detected_at: Timestamp;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
}

export interface MergeTable {
  id: string;
  workspace_id: string;
  survivor_id: string;
  merged_id: string;
  /** The survivor as it was before the merge (every column a merge may change). */
  survivor_before: Json;
  survivor_after_version: number;
  /** Ids of the records moved from the merged contact to the survivor, by table. */
  moved: Json;
  created_by: string | null;
  created_at: Timestamp;
  undone_at: Timestamp | null;
  undone_by: string | null;
}
