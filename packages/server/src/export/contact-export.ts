import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { neutralizeCell } from '@kith/domain/export/cells.ts';
import type { Core } from '../core.ts';
import type { Actor } from '../auth/actor.ts';
import { listContacts } from '../contacts/contact.service.ts';
import type { ContactWithCompany } from '../contacts/contact.repository.ts';
import { authorize } from '../records/visibility.ts';
import { readContext } from '../workspaces/read-context.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Column = { key: string; header: string; value: (c: ContactWithCompany) => unknown };

const list = (xs: readonly unknown[]) => xs.map(String).join('; ');

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
  const builtIn: Column[] = [
    { key: 'id', header: 'id', value: (c) => c.id },
    { key: 'name', header: 'name', value: (c) => c.name },
    { key: 'givenName', header: 'givenName', value: (c) => c.givenName },
    { key: 'familyName', header: 'familyName', value: (c) => c.familyName },
    { key: 'emails', header: 'emails', value: (c) => list(c.emails) },
    { key: 'phones', header: 'phones', value: (c) => list(c.phones) },
    { key: 'gender', header: 'gender', value: (c) => c.gender },
    { key: 'birthday', header: 'birthday', value: (c) => c.birthday },
    { key: 'addressLine', header: 'addressLine', value: (c) => c.addressLine },
    { key: 'ward', header: 'ward', value: (c) => c.ward },
    { key: 'district', header: 'district', value: (c) => c.district },
    { key: 'province', header: 'province', value: (c) => c.province },
    { key: 'country', header: 'country', value: (c) => c.country },
    { key: 'hometown', header: 'hometown', value: (c) => c.hometown },
    { key: 'occupation', header: 'occupation', value: (c) => c.occupation },
    { key: 'jobTitle', header: 'jobTitle', value: (c) => c.jobTitle },
    { key: 'company', header: 'company', value: (c) => c.company?.name ?? null },
    { key: 'incomeBand', header: 'incomeBand', value: (c) => c.incomeBand },
    { key: 'education', header: 'education', value: (c) => c.education },
    { key: 'maritalStatus', header: 'maritalStatus', value: (c) => c.maritalStatus },
    { key: 'religion', header: 'religion', value: (c) => c.religion },
    { key: 'householdSize', header: 'householdSize', value: (c) => c.householdSize },
    { key: 'interests', header: 'interests', value: (c) => list(c.interests) },
    { key: 'tags', header: 'tags', value: (c) => list(c.tags) },
    { key: 'source', header: 'source', value: (c) => c.source },
    { key: 'lifecycleStage', header: 'lifecycleStage', value: (c) => c.lifecycleStage },
    { key: 'owner', header: 'owner', value: (c) => (c.ownerId ? (emailOf.get(c.ownerId) ?? c.ownerId) : null) },
    { key: 'notes', header: 'notes', value: (c) => c.notes },
    { key: 'createdAt', header: 'createdAt', value: (c) => c.createdAt },
    { key: 'updatedAt', header: 'updatedAt', value: (c) => c.updatedAt },
  ];
  const custom: Column[] = fields.contact.map((f) => ({ key: `custom.${f.key}`, header: `custom.${f.key}`, value: (c) => (Array.isArray(c.custom[f.key]) ? list(c.custom[f.key] as unknown[]) : c.custom[f.key]) }));
  return [...builtIn, ...custom];
}

/** One cell: text neutralised unless raw; numbers stay numbers; nothing is empty. */
function cell(v: unknown, raw: boolean): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return raw ? s : neutralizeCell(s);
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
  let rows = 0;
  const pages = async function* () {
    let cursor: string | null = null;
    do {
      const page: { data: ContactWithCompany[]; nextCursor: string | null } = await listContacts(core, actor, {
        limit: 1000,
        deleted: 'exclude',
        includeTotal: false,
        raw: o.filters,
        ...(o.q ? { q: o.q } : {}),
        ...(o.sort ? { sort: o.sort } : {}),
        ...(cursor ? { cursor } : {}),
      });
      yield page.data;
      cursor = page.nextCursor;
    } while (cursor);
  };
  if (o.format === 'csv') {
    const csv = stringify({ header: true, columns: cols.map((c) => ({ key: c.key, header: c.header })), bom: true, cast: { boolean: (b) => (b ? 'true' : 'false') } });
    // stdout is never ended (nor does it 'finish'); a file or an HTTP response is.
    const endOut = out !== process.stdout;
    csv.pipe(out, { end: endOut });
    for await (const data of pages()) {
      for (const c of data) {
        const record = Object.fromEntries(cols.map((col) => [col.key, cell(col.value(c), o.raw)]));
        if (!csv.write(record)) await once(csv, 'drain');
        rows++;
      }
    }
    const ended = once(csv, 'end');
    csv.end();
    await ended;
    if (endOut && !out.writableFinished) await once(out, 'finish');
    return { rows };
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Contacts', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: Math.min(40, Math.max(10, c.header.length + 2)) }));
  ws.getRow(1).font = { bold: true };
  for await (const data of pages()) {
    for (const c of data) {
      ws.addRow(cols.map((col) => cell(col.value(c), o.raw))).commit();
      rows++;
    }
    // Wait for the zip to take in this page before the next: ExcelJS writes each sheet into the zip
    // without heeding back-pressure (its StreamBuf ignores write()'s return), so on SQLite, whose pages are
    // read without yielding, the whole file piled up in memory (1.5 GB for a million rows).
    // (The zip's input is a readable-stream PassThrough: its state says whether it is over its mark.)
    const sheet = (ws as unknown as { stream?: { pipes?: (Writable & { _writableState?: { needDrain?: boolean } })[] } }).stream?.pipes?.[0];
    while (sheet?._writableState?.needDrain) await once(sheet, 'drain');
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  ws.commit();
  await wb.commit();
  return { rows };
}
