import type { ContactOut } from '@kith/domain/contacts/contact.api.ts';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { extensionText, splitPhone } from '@kith/domain/phones/phone-value.ts';
import i18next from 'i18next';

export { CONSENT_CHANNELS, EDUCATION_LEVELS, GENDERS, INCOME_BANDS, LIFECYCLE_STAGES, MARITAL_STATUSES } from '@kith/domain/contacts/contact.values.ts';
export type { Consent } from '@kith/domain/contacts/contact.fields.ts';

/** The contact as the API returns it: the contract's response (@kith/domain contacts/contact.api.ts). */
export type Contact = ContactOut;

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

/**
 * Phone numbers shown the way people read them: +84912345678 → 0912 345 678; an extension after it in the app's
 * language (+842838221234;ext=12 → 028 3822 1234 máy lẻ 12).
 */
export function displayPhone(stored: string): string {
  const { e164, ext } = splitPhone(stored);
  const m = /^\+84(\d{9,10})$/.exec(e164);
  let number = e164;
  if (m) {
    const n = `0${m[1]}`;
    number = n.length === 10 ? `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}` : `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  }
  return ext ? `${number} ${extensionText(ext, i18next.language || 'vi')}` : number;
}
