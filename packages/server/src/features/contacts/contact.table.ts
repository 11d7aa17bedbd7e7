import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

export interface ContactTable {
  /** Internal row number: FTS5 rowid on SQLite, search cursor; never leaves the server. */
  seq: Generated<number>;
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  external_id: string | null;
  /** Set when the contact was merged into another (it is then soft-deleted); the merge can be undone. */
  merged_into: string | null;
  given_name: string | null;
  family_name: string | null;
  emails: Json;
  phones: Json;
  gender: string | null;
  birthday: string | null;
  address_line: string | null;
  ward: string | null;
  district: string | null;
  province: string | null;
  country: string | null;
  hometown: string | null;
  occupation: string | null;
  job_title: string | null;
  company_id: string | null;
  income_band: string | null;
  education: string | null;
  marital_status: string | null;
  religion: string | null;
  household_size: number | null;
  interests: Json;
  tags: Json;
  source: string | null;
  lifecycle_stage: string;
  owner_id: string | null;
  team_id: string | null;
  consents: Json;
  notes: string | null;
  custom: Json;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  created_by: string | null;
  updated_by: string | null;
  version: number;
}

/** Indexed lookups into a contact's multi-valued fields: kind is 'email', 'phone' or 'tag'. */
export interface ContactKeyTable {
  workspace_id: string;
  contact_id: string;
  kind: string;
  value: string;
}
