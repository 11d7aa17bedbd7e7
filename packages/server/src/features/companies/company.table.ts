import type { Json, Timestamp } from '../../platform/db/column-types.ts';

export interface CompanyTable {
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  domain: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  tax_code: string | null;
  industry: string | null;
  size_band: string | null;
  address_line: string | null;
  province: string | null;
  country: string | null;
  owner_id: string | null;
  team_id: string | null;
  tags: Json;
  custom: Json;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  created_by: string | null;
  updated_by: string | null;
  version: number;
}
