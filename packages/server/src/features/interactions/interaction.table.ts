import type { Timestamp } from '../../platform/db/column-types.ts';

export interface InteractionTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  company_id: string | null;
  kind: string;
  channel: string | null;
  direction: string | null;
  occurred_at: Timestamp;
  duration_seconds: number | null;
  outcome: string | null;
  subject: string | null;
  body: string | null;
  author_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
}
