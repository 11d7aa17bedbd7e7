import type { Bool, Timestamp } from '../../platform/db/column-types.ts';

export interface RewardEntryTable {
  id: string;
  workspace_id: string;
  person_id: string;
  kind: string;
  reason: string;
  /** Minor units of `currency` (pg int8 is read back as a number: create-db.ts). */
  amount: number | null;
  currency: string | null;
  points: number | null;
  /** The month it counts toward, YYYY-MM. */
  period: string;
  justification_type: string | null;
  kpi: string | null;
  kpi_period: string | null;
  kpi_value: number | null;
  kpi_n: number | null;
  record_id: string | null;
  record_label: string | null;
  rule_id: string | null;
  status: string;
  proposed_by: string | null;
  proposed_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface RewardRuleTable {
  id: string;
  workspace_id: string;
  name: string;
  kpi: string;
  period_kind: string;
  comparator: string;
  threshold: number;
  min_n: number;
  kind: string;
  amount: number | null;
  points: number | null;
  reason_template: string;
  active: Bool;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}
