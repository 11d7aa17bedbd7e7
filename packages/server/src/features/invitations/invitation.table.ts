import type { Timestamp } from '../../platform/db/column-types.ts';

export interface InvitationTable {
  id: string;
  workspace_id: string;
  email: string;
  role: string;
  team_id: string | null;
  token_hash: string;
  invited_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
}
