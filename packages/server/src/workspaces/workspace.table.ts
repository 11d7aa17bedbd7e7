import type { Timestamp } from '../db/column-types.ts';

export interface WorkspaceTable {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  phone_region: string;
  locale: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Instance-wide facts, e.g. that setup has happened (its primary key makes setup race-free). */
export interface InstanceTable {
  key: string;
  value: string;
  created_at: Timestamp;
}
