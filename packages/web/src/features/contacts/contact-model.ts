import type { Contact as ContactRecord } from '@kith/domain/contacts/contact.schema.ts';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';

export { CONSENT_CHANNELS, EDUCATION_LEVELS, GENDERS, INCOME_BANDS, LIFECYCLE_STAGES, MARITAL_STATUSES } from '@kith/domain/contacts/contact.values.ts';
export type { Consent } from '@kith/domain/contacts/contact.fields.ts';

/** The contact as the API returns it (ContactOut): its fields from the field table, its company, and in lists its scores. */
export type Contact = ContactRecord & {
  company: { id: string; name: string } | null;
  /** Lists only: the stored RFM and value of the last refresh. */
  scores?: { segment: string; r: number; f: number; m: number; monetary: number; clv: number | null; pAlive: number | null; tier: string | null } | null;
};

/** Columns of the contacts list: the field table's (sortable where the API sorts), the record's times and the scores, then custom fields as custom.<key>. */
export type ColumnId = string;
export const BUILTIN_COLUMNS: { id: ColumnId; sort?: string; width: number }[] = [
  ...CONTACT_FIELD_LIST.flatMap((f) => {
    const col = f.web.column;
    if (!col) return [];
    const sort = col.sort ?? (typeof f.filter === 'object' && 'sortable' in f.filter && f.filter.sortable ? f.name : undefined);
    return [{ id: col.id ?? f.name, width: col.width, ...(sort ? { sort } : {}) }];
  }),
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
