import { CONTACT_FIELD_LIST } from '../../contacts/contact.fields.ts';
import { CONTACT_FILE_COLUMNS } from '../../contacts/contact-file.ts';
import { matchKey } from '../../text/fold.ts';
import { contactFieldLabel } from '../../labels/field-labels.ts';
import { enumLabel, LABEL_LOCALES, type LabelLocale } from '../../labels/enums.ts';
import type { ImportPreset } from '../preset.ts';

/**
 * Import presets: Kith's own contacts export, derived from the same column list the export writes
 * (contacts/contact-file.ts) and the same field names (labels/field-labels.ts) — one preset per language of the
 * file for people (`kith-contacts-vi`, `kith-contacts-en`), and one for the raw file (`kith-contacts-raw`,
 * headers are the field names). Every column goes back where it came from; the workspace's custom fields, which
 * no preset can list, are recognised by their names (import/engine.ts). Only these presets bring back
 * consents (each a record whose source is "import") and take off the apostrophe the file for people puts
 * before a formula (export/cells.ts `restoreCell`).
 */

const SOURCE = 'Kith’s contacts export (packages/server/src/features/export/contact-export.ts), columns from contacts/contact-file.ts';

/** The columns that say a file is Kith's: its id, the record's times and the consents, which no other product writes so. */
const SIGNATURE_FIELDS = ['id', 'externalId', 'consents', 'updatedAt'];

/**
 * The names the file for people writes for each enumerated field's values, in its language: read before any
 * other word for them (the field table's own words are for other files — "tiềm năng" there is a prospect, while
 * Kith names its first stage "Tiềm năng").
 */
const enumNames = (lang: LabelLocale) =>
  Object.fromEntries(
    CONTACT_FIELD_LIST.flatMap((f) =>
      f.enum && f.name !== 'province' ? [[f.name, Object.fromEntries(f.enum.values.map((v) => [matchKey(enumLabel(f.enum!.labels, v, lang)), v]))]] : [],
    ),
  );

function contactsPreset(lang: LabelLocale | 'raw'): ImportPreset {
  const header = (field: string, key: string) => (lang === 'raw' ? key : contactFieldLabel(field, lang));
  const columns = Object.fromEntries(CONTACT_FILE_COLUMNS.map((c) => [header(c.field, c.key), c.target]));
  return {
    id: `kith-contacts-${lang}`,
    product: 'Kith',
    kind: 'contacts',
    source: lang === 'raw' ? `${SOURCE}; the raw file (--raw): field names, stored codes` : `${SOURCE}; the file for people, in ${lang}`,
    columns,
    signature: CONTACT_FILE_COLUMNS.filter((c) => SIGNATURE_FIELDS.includes(c.field)).map((c) => header(c.field, c.key)),
    // ISO dates (birthdays, custom dates), year first.
    dateOrder: 'ymd',
    ...(lang === 'raw' ? {} : { values: enumNames(lang) }),
  };
}

export const KITH_PRESETS: readonly ImportPreset[] = [...LABEL_LOCALES.map((l) => contactsPreset(l)), contactsPreset('raw')];

/** Whether a preset is one of Kith's own files (consents come back; in the file for people, formulas were neutralised). */
export const isKithPreset = (id: string | null | undefined): boolean => KITH_PRESETS.some((p) => p.id === id);
/** Whether a Kith file's text cells were neutralised for spreadsheets (every file but the raw one). */
export const isNeutralisedKithFile = (id: string | null | undefined): boolean => isKithPreset(id) && id !== 'kith-contacts-raw';
