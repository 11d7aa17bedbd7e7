import type { Bool, Json, Timestamp } from '../../platform/db/column-types.ts';

/** A workspace's workload settings (one row, made with the defaults on first write). */
export interface WorkloadSettingsTable {
  workspace_id: string;
  max_tickets: number | null;
  max_deals: number | null;
  max_tasks: number | null;
  assign_on_duty_only: Bool;
  peak_threshold: number;
  updated_at: Timestamp;
  version: number;
}

/** A member's own capacities and shifts; a null capacity is the workspace's default, null shifts its care hours. */
export interface MemberCapacityTable {
  workspace_id: string;
  user_id: string;
  max_tickets: number | null;
  max_deals: number | null;
  max_tasks: number | null;
  shifts: Json | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: number;
}
