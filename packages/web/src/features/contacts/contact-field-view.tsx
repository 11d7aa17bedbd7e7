import type { ReactNode } from 'react';
import { CONTACT_FIELD_LIST, type ContactFieldName } from '@kith/domain/contacts/contact.fields.ts';
import type { FieldDef } from '@kith/domain/schema/field-table.ts';
import { fieldRaw as rawOf, showField, type Renderers, type ViewCtx } from '../../components/record/field-view.tsx';
import { StageBadge, Tags } from './contact-cells.tsx';
import { displayPhone, type Contact } from './contact-model.ts';

/**
 * How the web app shows and edits a contact field, from its entry in the field table (@kith/domain
 * contacts/contact.fields.ts): the customer page and the list's cells use these, so a new field is shown,
 * labelled and editable without a screen of its own.
 */

export type TableField = FieldDef & { name: ContactFieldName };
type Ctx = ViewCtx;

export const contactField = (name: ContactFieldName): TableField => CONTACT_FIELD_LIST.find((f) => f.name === name)!;

/** The fields the customer page shows in a section, in the table's order. */
export const fieldsOfSection = (section: string): TableField[] => CONTACT_FIELD_LIST.filter((f) => f.web.section === section);

export { enumValueLabel, fieldEditor, fieldPatch } from '../../components/record/field-view.tsx';

/** How a contact draws its chips, stage and phones; the rest is components/record/field-view.tsx's. */
const RENDERERS: Renderers = {
  chips: (v) => <Tags tags={v as string[]} />,
  phones: (v) => (v as string[]).map(displayPhone).join(', '),
  stage: (v) => <StageBadge stage={String(v)} />,
};

/** A field's value as shown on the page (and, for the list, in a cell). */
export function fieldDisplay(f: TableField, c: Contact, ctx: Ctx): ReactNode {
  return showField(f, c[f.name] as unknown, ctx, RENDERERS);
}

/** The value as the editor starts from it. */
export function fieldRaw(f: TableField, c: Contact): string {
  return rawOf(c[f.name] as unknown, f.web.show === 'phones' ? displayPhone : String);
}
