import { CONTACT_FILE_COLUMNS } from '@kith/domain/contacts/contact-file.ts';
import { contactFieldLabel } from '@kith/domain/labels/field-labels.ts';

/**
 * The key of each header of a contacts export for people (its column's key: `id`, `emails`, `custom.<key>`), so
 * tests read a file for people by the same names as a raw one. `custom` names the custom fields' headers.
 */
export function contactFileKeys(lang: string, custom: Record<string, string> = {}): (headers: string[]) => string[] {
  const byHeader = new Map<string, string>(CONTACT_FILE_COLUMNS.map((c) => [contactFieldLabel(c.field, lang), c.key]));
  for (const [header, key] of Object.entries(custom)) byHeader.set(header, key);
  return (headers) => headers.map((h) => byHeader.get(h) ?? h);
}
