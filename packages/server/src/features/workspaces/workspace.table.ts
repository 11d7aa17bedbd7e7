import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

export interface WorkspaceTable {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  phone_region: string;
  locale: string;
  /** The last order number given out (orders without a number get the next one). */
  order_seq: Generated<number>;
  /** Whether purchases move a contact's lifecycle stage (lifecycle.ts). */
  lifecycle_auto: ColumnType<number | boolean, 0 | 1 | undefined, 0 | 1>;
  /** Purchases after which a customer is loyal. */
  loyal_after: Generated<number>;
  /** The workspace's RFM grid and value-tier settings (analytics/settings.ts); null: the defaults. */
  analytics_settings: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Instance-wide facts, e.g. that setup has happened (its primary key makes setup race-free). */
export interface InstanceTable {
  key: string;
  value: string;
  created_at: Timestamp;
}
