import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { FieldDef, WebSpec } from '@kith/domain/schema/field-table.ts';
import type { Formatters } from '../../lib/format.ts';
import { provinceOptions } from '../../lib/provinces.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { ageOn } from '@kith/domain/contacts/birthday.ts';

/**
 * How the web app shows and edits a field of any record with a field table (@kith/domain schema/field-table.ts:
 * contacts, companies, products, deals): its value in words, its in-place editor, the editor's starting text and the
 * PATCH it becomes. A record's own view (features/<record>/) passes how it draws chips, stages and phones.
 */

export type AnyField = FieldDef & { name: string };
export type ViewCtx = { t: TFunction; fmt: Formatters; lang: string };

/** How a record draws the values whose look is its own (chips, a lifecycle stage, phone numbers). */
export type Renderers = Partial<Record<NonNullable<WebSpec['show']>, (v: unknown) => ReactNode>>;

/** The editors a field table asks for (features/contacts/editable-field.tsx draws them). */
export type FieldEditorKind =
  | { type: 'text' }
  | { type: 'textarea' }
  | { type: 'date' }
  | { type: 'number' }
  | { type: 'list' }
  | { type: 'select'; options: { value: string; label: string }[]; allowEmpty?: boolean };

/** An enumerated value in the user's language (provinces by their own names). */
export function enumValueLabel(f: AnyField, value: string, ctx: Pick<ViewCtx, 't' | 'lang'>): string {
  const name = f.enum?.labels ?? f.names;
  return name ? enumLabel(name, value, ctx.lang) : value;
}

/** A field's value as shown on a record's page (and, for a list, in a cell). */
export function showField(f: AnyField, v: unknown, ctx: ViewCtx, renderers: Renderers = {}): ReactNode {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return '';
  const own = f.web.show ? renderers[f.web.show] : undefined;
  if (own) return own(v);
  switch (f.web.show) {
    case 'date':
      return ctx.fmt.date(String(v));
    case 'birthday': {
      // A birthday without its year (--12-03) has no age to show.
      const age = ageOn(String(v), new Date().toISOString().slice(0, 10));
      return age === null ? ctx.fmt.date(String(v)) : `${ctx.fmt.date(String(v))} (${ctx.t('record.age', { count: age })})`;
    }
    case 'multiline':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>;
    case 'number':
      return ctx.fmt.number(Number(v));
    default:
      if (f.enum || f.names) return enumValueLabel(f, String(v), ctx);
      return Array.isArray(v) ? v.join(', ') : String(v);
  }
}

/** The editor of a field, or null where the page has its own control (a company lookup, the owner, consents) or none. */
export function fieldEditor(f: AnyField, ctx: Pick<ViewCtx, 't' | 'lang'>): FieldEditorKind | null {
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

/** The value as the editor starts from it (lists joined by commas, each drawn by `item` when given). */
export function fieldRaw(v: unknown, item: (x: string) => string = String): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => item(String(x))).join(', ');
  return String(v);
}

/** What the editor's text becomes in the PATCH. */
export function fieldPatch(f: AnyField, raw: string): unknown {
  const s = raw.trim();
  if (f.kind === 'list')
    return raw
      .split(/[,;\n]/)
      .map((x) => x.trim())
      .filter(Boolean);
  if (f.web.edit === 'number') return s === '' ? null : Number(s);
  if (f.web.edit === 'country') return s ? s.toUpperCase() : null;
  if (f.empty !== null && s === '') return raw;
  return s === '' ? null : raw;
}
