import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../db/column-types.ts';

export interface JobTable {
  id: string;
  workspace_id: string | null;
  kind: string;
  key: string | null;
  payload: Json;
  run_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Timestamp | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  last_error: string | null;
  result: Json | null;
  created_at: Timestamp;
}
