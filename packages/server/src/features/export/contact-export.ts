import type { Writable } from 'node:stream';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { exportColumnsOf } from '../../platform/records/field-table.ts';
import { listContacts } from '../contacts/contact-list.service.ts';
import type { ContactWithCompany } from '../contacts/contact.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { readContext } from '../workspaces/read-context.ts';
import { cursorPages, joinList, writeTable, type ExportColumn, type ExportFormat } from './table-export.ts';

export { EXPORT_FORMATS, type ExportFormat } from './table-export.ts';

type Column = ExportColumn<ContactWithCompany>;
const list = joinList;

/** The columns of a contacts export: every built-in field, then each custom field as custom.<key>. */
async function columns(core: Core, actor: Actor): Promise<Column[]> {
  const { fields } = await readContext(core, actor.workspaceId);
  const members = await core.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email'])
    .where('memberships.workspace_id', '=', actor.workspaceId)
    .execute();
  const emailOf = new Map(members.map((m) => [m.id, m.email]));
  // The field table's exported fields, in its order, between the id and the record's times.
  const tableColumns: Column[] = exportColumnsOf<ContactWithCompany>(CONTACT_FIELD_LIST, {
    company: (c) => c.company?.name ?? null,
    member: (id) => (id ? (emailOf.get(id) ?? id) : null),
  });
  const builtIn: Column[] = [
    { key: 'id', header: 'id', value: (c) => c.id },
    ...tableColumns,
    { key: 'createdAt', header: 'createdAt', value: (c) => c.createdAt },
    { key: 'updatedAt', header: 'updatedAt', value: (c) => c.updatedAt },
  ];
  const custom: Column[] = fields.contact.map((f) => ({
    key: `custom.${f.key}`,
    header: `custom.${f.key}`,
    value: (c) => (Array.isArray(c.custom[f.key]) ? list(c.custom[f.key] as unknown[]) : c.custom[f.key]),
  }));
  return [...builtIn, ...custom];
}

export type ExportOptions = { format: ExportFormat; raw: boolean; q?: string; sort?: string; filters: Record<string, unknown> };

/**
 * Write the contacts the actor may export (their scope, the list's filters) to `out` as CSV (UTF-8 with a
 * BOM, so Excel reads Vietnamese) or XLSX, page by page (1,000 rows, cursor pagination), waiting for the
 * stream when it is full: memory stays flat however many contacts there are.
 */
export async function exportContacts(core: Core, actor: Actor, o: ExportOptions, out: Writable): Promise<{ rows: number }> {
  authorize(actor, 'contacts.export');
  const cols = await columns(core, actor);
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
  const { workspace } = await readContext(core, actor.workspaceId);
  return writeTable(out, { format: o.format, raw: o.raw, sheet: 'Contacts', locale: workspace?.locale }, cols, pages);
}
