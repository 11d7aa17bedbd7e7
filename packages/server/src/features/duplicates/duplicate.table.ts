import type { Json, Timestamp } from '../../platform/db/column-types.ts';

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
  /**
   * What the merge did to every column that points at a contact (records/contact-refs.ts `MergeLog`), keyed
   * `table.column`: the ids it moved, the duplicates it left or closed (with their values before), the amounts
   * it combined — what the unmerge needs to put each row back. Merges before issue 17 stored
   * `{orders, interactions, tasks}` id lists; they read as moves of `<table>.contact_id`.
   */
  moved: Json;
  created_by: string | null;
  created_at: Timestamp;
  undone_at: Timestamp | null;
  undone_by: string | null;
}
