import type { Timestamp } from '../db/column-types.ts';

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  locale: string | null;
  password_changed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface MembershipTable {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
