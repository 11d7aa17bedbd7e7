import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

export interface PipelineTable {
  id: string;
  workspace_id: string;
  name: string;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PipelineStageTable {
  id: string;
  workspace_id: string;
  pipeline_id: string;
  name: string;
  position: number;
  /** 0–100: the chance a deal in this stage is won (the weighted pipeline value). */
  probability: number;
  /** open | won | lost */
  kind: string;
}

export interface DealTable {
  id: string;
  workspace_id: string;
  pipeline_id: string;
  stage_id: string;
  title: string;
  contact_id: string | null;
  company_id: string | null;
  /** Minor units of `currency` (bigint: a string on PostgreSQL). */
  amount: ColumnType<number | string, number, number>;
  currency: string;
  expected_close: string | null;
  owner_id: string | null;
  team_id: string | null;
  source: string | null;
  lost_reason: string | null;
  status: string;
  position: number;
  order_id: string | null;
  closed_at: Timestamp | null;
  notes: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
}
