import type { Json, Timestamp } from '../../platform/db/column-types.ts';

export interface KpiDefinitionTable {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  /** narrowed | segment_count | segment_sum */
  base: string;
  /** The built-in KPI a narrowed one narrows. */
  builtin: string | null;
  filter: Json;
  segment_id: string | null;
  /** The number field summed by a segment_sum KPI. */
  field: string | null;
  direction: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: number;
}

export interface KpiWeightTable {
  workspace_id: string;
  kpi: string;
  weight: number;
  updated_at: Timestamp;
}

export interface KpiTargetTable {
  id: string;
  workspace_id: string;
  kpi: string;
  period: string;
  subject: string;
  subject_id: string;
  target: number;
  split_from: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface SegmentPlanTable {
  id: string;
  workspace_id: string;
  segment_id: string;
  period: string;
  measure: string;
  target: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KpiPeriodTable {
  workspace_id: string;
  period: string;
  closed_at: Timestamp;
  closed_by: string | null;
  recounted_at: Timestamp | null;
  recounted_by: string | null;
  recounts: number;
}

export interface KpiResultTable {
  workspace_id: string;
  period: string;
  kpi: string;
  subject: string;
  subject_id: string;
  value: number | null;
  n: number;
  interval_low: number | null;
  interval_high: number | null;
  target: number | null;
}
