/** The contact as the API returns it (ContactOut), and what the web app knows about its fields. */
export type Consent = { status: 'granted' | 'denied'; source: string | null; at: string };
export type Contact = {
  id: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  emails: string[];
  phones: string[];
  gender: 'female' | 'male' | 'other' | null;
  birthday: string | null;
  addressLine: string | null;
  ward: string | null;
  district: string | null;
  province: string | null;
  country: string | null;
  hometown: string | null;
  occupation: string | null;
  jobTitle: string | null;
  companyId: string | null;
  company: { id: string; name: string } | null;
  incomeBand: string | null;
  education: string | null;
  maritalStatus: string | null;
  religion: string | null;
  householdSize: number | null;
  interests: string[];
  tags: string[];
  source: string | null;
  lifecycleStage: string;
  ownerId: string | null;
  teamId: string | null;
  consents: Partial<Record<string, Consent>>;
  notes: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
  /** Lists only: the stored RFM and value of the last refresh. */
  scores?: { segment: string; r: number; f: number; m: number; monetary: number; clv: number | null; pAlive: number | null; tier: string | null } | null;
};

export const LIFECYCLE_STAGES = ['lead', 'prospect', 'new_customer', 'repeat', 'loyal', 'at_risk', 'churned', 'lost'] as const;
export const GENDERS = ['female', 'male', 'other'] as const;
export const INCOME_BANDS = ['under_5m', '5m_10m', '10m_20m', '20m_50m', 'over_50m'] as const;
export const EDUCATION_LEVELS = ['primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college', 'university', 'postgraduate'] as const;
export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed', 'other'] as const;
export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'zalo', 'facebook', 'post'] as const;

/** Columns of the contacts list: built-in ones (sortable where the API sorts), then custom fields as custom.<key>. */
export type ColumnId = string;
export const BUILTIN_COLUMNS: { id: ColumnId; sort?: string; width: number }[] = [
  { id: 'name', sort: 'name', width: 240 },
  { id: 'phones', sort: 'phones', width: 150 },
  { id: 'emails', sort: 'emails', width: 220 },
  { id: 'company', sort: 'company', width: 180 },
  { id: 'lifecycleStage', sort: 'lifecycleStage', width: 140 },
  { id: 'owner', sort: 'owner', width: 160 },
  { id: 'tags', width: 200 },
  { id: 'province', sort: 'province', width: 160 },
  { id: 'source', sort: 'source', width: 130 },
  { id: 'gender', sort: 'gender', width: 100 },
  { id: 'birthday', sort: 'birthday', width: 130 },
  { id: 'occupation', sort: 'occupation', width: 150 },
  { id: 'jobTitle', sort: 'jobTitle', width: 150 },
  { id: 'incomeBand', sort: 'incomeBand', width: 140 },
  { id: 'createdAt', sort: 'createdAt', width: 150 },
  { id: 'updatedAt', sort: 'updatedAt', width: 150 },
  { id: 'rfmSegment', sort: 'rfmSegment', width: 170 },
  { id: 'valueTier', sort: 'valueTier', width: 160 },
  { id: 'clv', sort: 'clv', width: 150 },
  { id: 'pAlive', sort: 'pAlive', width: 120 },
  { id: 'totalSpend', sort: 'totalSpend', width: 150 },
];
export const DEFAULT_COLUMNS: ColumnId[] = ['name', 'phones', 'emails', 'company', 'lifecycleStage', 'owner', 'tags', 'province', 'createdAt'];

/** Phone numbers shown the way people read them: +84912345678 → 0912 345 678. */
export function displayPhone(e164: string): string {
  const m = /^\+84(\d{9,10})$/.exec(e164);
  if (!m) return e164;
  const n = `0${m[1]}`;
  return n.length === 10 ? `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}` : `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
}
