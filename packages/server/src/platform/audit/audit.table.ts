import type { Json, Timestamp } from '../db/column-types.ts';

/** Append-only (triggers refuse UPDATE and DELETE on both databases). */
export interface AuditTable {
  id: string;
  workspace_id: string | null;
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  meta: Json | null;
  created_at: Timestamp;
}
