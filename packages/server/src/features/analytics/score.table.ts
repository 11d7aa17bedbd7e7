import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

export interface CustomerScoreTable {
  contact_id: string;
  workspace_id: string;
  /** The refresh (or rebuild) that wrote the row: only the current one's rows are read (score.repository.ts). */
  generation: Generated<number>;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
  p_alive: number | null;
  expected_purchases: number | null;
  expected_spend: number | null;
  clv: number | null;
  /** Value tier (tiers.ts), with the net value and growth it was ranked by; null without a lifetime value. */
  tier: string | null;
  net_value: number | null;
  growth: number | null;
}

export interface ProductAffinityTable {
  workspace_id: string;
  product_id: string;
  other_product_id: string;
  together: number;
  confidence: number;
  lift: number;
}

export interface ScoreRunTable {
  workspace_id: string;
  as_of: string;
  customers: number;
  /** The fitted BG/NBD and Gamma-Gamma parameters, or null when there was too little data. */
  models: Json | null;
  /** Why the lifetime-value figures are missing, when they are. */
  note: string | null;
  started_at: Timestamp;
  finished_at: Timestamp;
  run_by: string | null;
  /** The generation of customer_scores that is current. */
  generation: Generated<number>;
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  until: Timestamp;
}

export interface CustomerStatsTable {
  contact_id: string;
  workspace_id: string;
  /** The refresh (or rebuild) that wrote the row: only the current one's rows are read (score.repository.ts). */
  generation: Generated<number>;
  first_day: number;
  first_amount: number;
  last_day: number;
  purchase_days: number;
  spend: number;
  /** Purchases counted (in the workspace's currency), and purchases left out for another currency. */
  orders: number;
  skipped_orders: number;
}

export interface CustomerStatsDirtyTable {
  workspace_id: string;
  contact_id: string;
}

export interface CustomerStatsStateTable {
  workspace_id: string;
  timezone: string;
  currency: string;
  built_at: Timestamp;
  /** The generation of customer_stats that is current. */
  generation: Generated<number>;
}
