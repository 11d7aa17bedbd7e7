import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

export interface CustomFieldTable {
  id: string;
  workspace_id: string;
  entity: string;
  key: string;
  label: string;
  type: string;
  options: Json;
  currency: string | null;
  required: Bool;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}
