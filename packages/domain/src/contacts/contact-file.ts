import { importTargetOf, isSkip } from '../schema/field-table.ts';
import { CONTACT_FIELD_LIST } from './contact.fields.ts';

/**
 * The built-in columns of Kith's contacts export, in order, and where the import puts each back: the
 * contact's id, every exported field of the field table (contact.fields.ts), then the record's times. Each
 * workspace's custom fields follow as columns of their own (server export/contact-export.ts). The export
 * names each column by `contactFieldLabel(field, lang)` in the file for people and by `key` in the raw file;
 * Kith's import presets (import/presets/kith.ts) are made from this same list, so a file Kith wrote goes back in.
 */
export type ContactFileColumn = {
  /** The raw file's header, and the column's key. */
  key: string;
  /** The field whose name heads the column (labels/field-labels.ts). */
  field: string;
  /** The import's target, or why the column is not read back. */
  target: string | { skip: string };
};

export const CONTACT_FILE_COLUMNS: readonly ContactFileColumn[] = [
  // The id: importing the file into the workspace it came from matches each contact by it (it changes nothing);
  // into another, a contact is created with it when no contact anywhere has it (docs/contacts-file.md).
  { key: 'id', field: 'id', target: 'id' },
  ...CONTACT_FIELD_LIST.flatMap((f): ContactFileColumn[] => {
    if (isSkip(f.export)) return [];
    const target = importTargetOf(f);
    return [{ key: f.export.header ?? f.name, field: f.name, target: target ?? { skip: isSkip(f.import) ? f.import.skip : 'not imported' } }];
  }),
  // A new contact keeps the date it was created in the workspace the file comes from.
  { key: 'createdAt', field: 'createdAt', target: 'createdAt' },
  {
    key: 'updatedAt',
    field: 'updatedAt',
    target: { skip: 'the time of the last change in this workspace: an import that changes the contact is that change' },
  },
];
