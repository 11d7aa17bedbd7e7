import type { Writable } from 'node:stream';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { CONTACT_FILE_COLUMNS } from '@kith/domain/contacts/contact-file.ts';
import { consentsText } from '@kith/domain/contacts/consent-text.ts';
import type { CustomField } from '@kith/domain/custom-fields/custom-field.ts';
import { contactFieldLabel } from '@kith/domain/labels/field-labels.ts';
import { minorDigits } from '@kith/domain/money/money.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import { exportColumnsOf } from '../../platform/records/field-table.ts';
import { findUserById, memberEmails } from '../../platform/auth/user.repository.ts';
import { listContacts } from '../contacts/contact-list.service.ts';
import type { ContactWithCompany } from '../contacts/contact.repository.ts';
import { teamNames } from '../teams/team.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { readContext } from '../workspaces/read-context.ts';
import { cursorPages, joinList, writeTable, type ExportColumn, type ExportFormat } from './table-export.ts';

export { EXPORT_FORMATS, type ExportFormat } from './table-export.ts';

type Column = ExportColumn<ContactWithCompany>;
const list = joinList;

/**
 * A custom field's column: the raw file has its key and the stored value; the file for people has its label
 * (its key beside it when another column has that name) and the value as people read it — an option's label,
 * an amount in the currency's unit — which the import reads back (import/contacts.kind.ts).
 */
function customColumn(f: CustomField, raw: boolean, taken: Set<string>): Column {
  const key = `custom.${f.key}`;
  if (raw) return { key, header: key, value: (c) => (Array.isArray(c.custom[f.key]) ? list(c.custom[f.key] as unknown[]) : c.custom[f.key]) };
  const header = taken.has(matchKey(f.label)) ? `${f.label} (${key})` : f.label;
  taken.add(matchKey(header));
  const label = (v: unknown) => f.options.find((o) => o.value === v)?.label ?? v;
  const digits = f.currency ? (minorDigits(f.currency) ?? 2) : 0;
  const value = (v: unknown): unknown => {
    if (v === undefined || v === null) return null;
    if (f.type === 'select') return label(v);
    if (f.type === 'multi_select' && Array.isArray(v)) return list(v.map(label));
    if (f.type === 'currency' && typeof v === 'number') return v / 10 ** digits;
    return Array.isArray(v) ? list(v) : v;
  };
  return { key, header, value: (c) => value(c.custom[f.key]) };
}

/**
 * The columns of a contacts export (@kith/domain contacts/contact-file.ts): the id, every field of the field
 * table, the record's times, then each custom field. The file for people names them in `lang` and writes
 * owners as emails, teams by name, consents as people read them; the raw file has the field names.
 */
async function columns(core: Core, actor: Actor, raw: boolean, lang: string): Promise<Column[]> {
  const { fields } = await readContext(core, actor.workspaceId);
  const [members, teams] = await Promise.all([memberEmails(core.db, actor.workspaceId), teamNames(core.db, actor.workspaceId)]);
  const emailOf = new Map(members.map((m) => [m.id, m.email]));
  const teamOf = new Map(teams.map((t) => [t.id, t.name]));
  const fieldColumns = new Map(
    exportColumnsOf<ContactWithCompany>(CONTACT_FIELD_LIST, {
      company: (c) => c.company?.name ?? null,
      member: (id) => (id ? (emailOf.get(id) ?? id) : null),
      team: (id) => (id ? (teamOf.get(id) ?? id) : null),
      consents: (v) => {
        const consents = v as ContactWithCompany['consents'];
        if (Object.keys(consents).length === 0) return null;
        return raw ? consents : consentsText(consents, lang);
      },
    }).map((c) => [c.key, c]),
  );
  const own: Record<string, Column> = {
    id: { key: 'id', header: 'id', value: (c) => c.id, plain: true },
    createdAt: { key: 'createdAt', header: 'createdAt', value: (c) => c.createdAt, plain: true },
    updatedAt: { key: 'updatedAt', header: 'updatedAt', value: (c) => c.updatedAt, plain: true },
  };
  const builtIn = CONTACT_FILE_COLUMNS.map((fc): Column => {
    const col = fieldColumns.get(fc.key) ?? own[fc.key];
    if (!col) throw new Error(`the contacts export has no column ${fc.key}`);
    return raw ? col : { ...col, header: contactFieldLabel(fc.field, lang) };
  });
  const taken = new Set(builtIn.map((c) => matchKey(c.header)));
  return [...builtIn, ...fields.contact.map((f) => customColumn(f, raw, taken))];
}

export type ExportOptions = { format: ExportFormat; raw: boolean; q?: string; sort?: string; filters: Record<string, unknown> };

/**
 * Write the contacts the actor may export (their scope, the list's filters) to `out` as CSV (UTF-8 with a
 * BOM, so Excel reads Vietnamese) or XLSX, page by page (1,000 rows, cursor pagination), waiting for the
 * stream when it is full: memory stays flat however many contacts there are.
 */
export async function exportContacts(core: Core, actor: Actor, o: ExportOptions, out: Writable): Promise<{ rows: number }> {
  authorize(actor, 'contacts.export');
  // The exporting member's language, else the workspace's.
  const [{ workspace }, user] = await Promise.all([readContext(core, actor.workspaceId), findUserById(core.db, actor.userId)]);
  const lang = user?.locale ?? workspace?.locale ?? 'vi';
  const cols = await columns(core, actor, o.raw, lang);
  const pages = cursorPages((cursor) =>
    listContacts(core, actor, {
      limit: 1000,
      deleted: 'exclude',
      includeTotal: false,
      raw: o.filters,
      ...(o.q ? { q: o.q } : {}),
      ...(o.sort ? { sort: o.sort } : {}),
      ...(cursor ? { cursor } : {}),
    }),
  );
  return writeTable(out, { format: o.format, raw: o.raw, sheet: 'Contacts', locale: lang }, cols, pages);
}
