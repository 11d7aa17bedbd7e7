import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { CONTACT_FIELD_LIST, type ContactFieldName, type FieldDef } from '@kith/domain/contacts/contact.fields.ts';
import type { Formatters } from '../../lib/format.ts';
import { provinceOptions } from '../../lib/provinces.ts';
import { StageBadge, Tags } from './contact-cells.tsx';
import { displayPhone, type Contact } from './contact-model.ts';
import type { EditorKind } from './editable-field.tsx';
import { enumLabel } from '@kith/domain/labels/enums.ts';

/**
 * How the web app shows and edits a contact field, from its entry in the field table (@kith/domain
 * contacts/contact.fields.ts): the customer page and the list's cells use these, so a new field is shown,
 * labelled and editable without a screen of its own.
 */

export type TableField = FieldDef & { name: ContactFieldName };
type Ctx = { t: TFunction; fmt: Formatters; lang: string };

export const contactField = (name: ContactFieldName): TableField => CONTACT_FIELD_LIST.find((f) => f.name === name)!;

/** The fields the customer page shows in a section, in the table's order. */
export const fieldsOfSection = (section: string): TableField[] => CONTACT_FIELD_LIST.filter((f) => f.web.section === section);

/** A value by its name in the user's language, when its field names an enum (@kith/domain/labels/enums.ts). */
export function enumValueLabel(f: TableField, value: string, ctx: Pick<Ctx, 'lang'>): string {
  const name = f.enum?.labels ?? f.names;
  return name ? enumLabel(name, value, ctx.lang) : value;
}

function ageOf(birthday: string): number {
  const b = new Date(`${birthday}T00:00:00Z`);
  const now = new Date();
  let a = now.getUTCFullYear() - b.getUTCFullYear();
  if (now.getUTCMonth() < b.getUTCMonth() || (now.getUTCMonth() === b.getUTCMonth() && now.getUTCDate() < b.getUTCDate())) a--;
  return a;
}

/** A field's value as shown on the page (and, for the list, in a cell). */
export function fieldDisplay(f: TableField, c: Contact, ctx: Ctx): ReactNode {
  const v = c[f.name] as unknown;
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return '';
  switch (f.web.show) {
    case 'chips':
      return <Tags tags={v as string[]} />;
    case 'phones':
      return (v as string[]).map(displayPhone).join(', ');
    case 'birthday':
      return `${ctx.fmt.date(String(v))} (${ctx.t('record.age', { count: ageOf(String(v)) })})`;
    case 'stage':
      return <StageBadge stage={String(v)} />;
    case 'multiline':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>;
    case 'number':
      return ctx.fmt.number(Number(v));
    default:
      if (f.enum || f.names) return enumValueLabel(f, String(v), ctx);
      return Array.isArray(v) ? v.join(', ') : String(v);
  }
}

/** The editor of a field, or null where the page has its own control (company, owner, consents) or none. */
export function fieldEditor(f: TableField, ctx: Pick<Ctx, 't' | 'lang'>): EditorKind | null {
  switch (f.web.edit) {
    case 'text':
    case 'country':
      return { type: 'text' };
    case 'textarea':
    case 'date':
    case 'number':
    case 'list':
      return { type: f.web.edit };
    case 'province':
      return { type: 'select', options: provinceOptions(ctx.lang) };
    case 'enum':
      return { type: 'select', options: (f.enum?.values ?? []).map((v) => ({ value: v, label: enumValueLabel(f, v, ctx) })), allowEmpty: f.empty === null };
    default:
      return null;
  }
}

/** The value as the editor starts from it. */
export function fieldRaw(f: TableField, c: Contact): string {
  const v = c[f.name] as unknown;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return (f.web.show === 'phones' ? v.map((x) => displayPhone(String(x))) : v).join(', ');
  return String(v);
}

/** What the editor's text becomes in the PATCH. */
export function fieldPatch(f: TableField, raw: string): unknown {
  const s = raw.trim();
  if (f.kind === 'list') return raw.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);
  if (f.web.edit === 'number') return s === '' ? null : Number(s);
  if (f.web.edit === 'country') return s ? s.toUpperCase() : null;
  if (f.empty !== null && s === '') return raw;
  return s === '' ? null : raw;
}
