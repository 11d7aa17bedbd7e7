import type { Json, Timestamp } from '../../platform/db/column-types.ts';

export interface LoyaltyAccountTable {
  contact_id: string;
  workspace_id: string;
  balance: number;
  earned_12m: number;
  lifetime_earned: number;
  tier: string;
  tier_since: Timestamp;
  referral_code: string;
  referred_by: string | null;
  updated_at: Timestamp;
}

export interface PointsLedgerTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  kind: string;
  points: number;
  order_id: string | null;
  related_contact_id: string | null;
  key: string | null;
  reason: string | null;
  meta: Json | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface LoyaltySettingsTable {
  workspace_id: string;
  settings: Json;
  updated_at: Timestamp;
}
