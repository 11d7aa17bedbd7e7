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
  /** When its membership (segment_members) was last recomputed; null: never — the next recompute is a baseline. */
  members_computed_at: Timestamp | null;
}

/** A contact in a saved segment as of the segment's last recompute (segment-members.service.ts). */
export interface SegmentMemberTable {
  workspace_id: string;
  segment_id: string;
  contact_id: string;
  entered_at: Timestamp;
}
