import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

export interface ImportTable {
  id: string;
  workspace_id: string;
  kind: string;
  status: string;
  file_name: string;
  file_sha256: string;
  /** bigint: read as a string on PostgreSQL. */
  file_size: ColumnType<number | string, number, number>;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  headers: Json;
  mapping: Json | null;
  options: Json | null;
  row_count: number;
  rows_done: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  message: string | null;
  created_by: string | null;
  created_at: Timestamp;
  heartbeat_at: Timestamp;
  /** The process running it (`host/pid/boot id`); null when nobody does. */
  runner: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  undone_at: Timestamp | null;
  undone_by: string | null;
}

export interface ImportFileTable {
  import_id: string;
  data: Uint8Array;
}

export interface ImportItemTable {
  import_id: string;
  entity_type: string;
  entity_id: string;
  action: string;
  before: Json | null;
  after: Json | null;
}

export interface ImportErrorTable {
  import_id: string;
  row: number;
  column_name: string | null;
  value: string | null;
  message: string;
}
