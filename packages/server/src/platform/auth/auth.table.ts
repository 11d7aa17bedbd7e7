import type { Generated } from 'kysely';
import type { Timestamp } from '../db/column-types.ts';

export interface SessionTable {
  id: string;
  user_id: string;
  workspace_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  workspace_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** Fixed-window counters for throttling, shared by every server process through the database. */
export interface ThrottleTable {
  key: string;
  window_start: number;
  count: number;
  /** The count of the window before `window_start` (sliding-window estimate). */
  prev_count: Generated<number>;
}
