import type { ColumnType } from 'kysely';
import type { Timestamp } from '../db/column-types.ts';

export interface MailOutboxTable {
  id: string;
  workspace_id: string;
  contact_id: string | null;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  purpose: string;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  related_type: string | null;
  related_id: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkspaceMailTable {
  workspace_id: string;
  /** AES-256-GCM of the SMTP connection as JSON ({host, port, secure, user, password}). */
  smtp: string;
  from_address: string;
  reply_to: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}
