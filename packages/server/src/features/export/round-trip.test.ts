/**
 * A lossless round trip (issue 18): Kith's contacts export for people — every field of the field table, custom
 * fields, consents, owner, team — goes back into Kith. Into an empty workspace of another installation it gives
 * the same contacts (their ids and creation times too) and, exported again, the same file (all but the column of
 * last changes, which the import is); into the workspace it came from it changes nothing. For CSV and XLSX, in
 * Vietnamese and English.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { contactFieldLabel } from '@kith/domain/labels/field-labels.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { memberEmails, updateUserProfile } from '../../platform/auth/user.repository.ts';
import { teamNames } from '../teams/team.repository.ts';
import { runImport, type ImportReport } from '../import/engine.ts';

const FORMATS = ['csv', 'xlsx'] as const;
const LANGS = ['vi', 'en'] as const;
type Format = (typeof FORMATS)[number];
type Lang = (typeof LANGS)[number];

/** One custom field of each type. */
const CUSTOM_FIELDS = [
  { key: 'ghi_chu_rieng', label: 'Ghi chú riêng', type: 'text' },
  { key: 'diem', label: 'Điểm', type: 'number' },
  { key: 'ngay_cuoi', label: 'Ngày ghé cuối', type: 'date' },
  {
    key: 'hang',
    label: 'Hạng',
    type: 'select',
    options: [
      { value: 'vang', label: 'Vàng' },
      { value: 'bac', label: 'Bạc' },
    ],
  },
  {
    key: 'kenh',
    label: 'Kênh ưa thích',
    type: 'multi_select',
    options: [
      { value: 'zalo', label: 'Zalo' },
      { value: 'sms', label: 'Tin nhắn' },
      { value: 'email', label: 'Thư' },
    ],
  },
  { key: 'vip', label: 'Khách VIP', type: 'boolean' },
  { key: 'han_muc', label: 'Hạn mức', type: 'currency', currency: 'VND' },
  // A custom field whose label is a built-in column's name: the export adds its key so each header is one column.
  { key: 'ghi_chu', label: 'Ghi chú', type: 'text' },
  { key: 'notes', label: 'Notes', type: 'text' },
] as const;

/** The people and settings a workspace needs for the file to mean the same there: members by email, teams by name, custom fields. */
async function furnish(t: TestApp, ws: { owner: TestUser }, emails: { agent: string; boss: string }, lang: Lang): Promise<{ agent: TestUser; team: string }> {
  const api = client(t.app, ws.owner.token);
  for (const f of CUSTOM_FIELDS) {
    const r = await api.post('/api/v1/custom-fields', { entity: 'contact', ...f });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const team = await makeTeam(t.core, ws.owner.workspaceId, 'Bán lẻ miền Nam');
  const agent = await makeMember(t.core, ws.owner.workspaceId, 'agent', { email: emails.agent, teamIds: [team] });
  if (emails.boss !== ws.owner.email) await makeMember(t.core, ws.owner.workspaceId, 'admin', { email: emails.boss });
  await updateUserProfile(t.core.db, ws.owner.userId, { locale: lang }, t.core.now().toISOString());
  return { agent, team };
}

/** Contacts that between them set every field, each custom field, consents, owners and teams, and hostile text. */
async function fill(t: TestApp, owner: TestUser, agent: TestUser, team: string): Promise<void> {
  const api = client(t.app, owner.token);
  const company = await api.post('/api/v1/companies', { name: 'Công ty TNHH Ánh Dương' });
  assert.equal(company.status, 201, JSON.stringify(company.body));
  const contacts: Record<string, unknown>[] = [
    {
      name: 'Nguyễn Thị Hồng',
      externalId: 'KH-0001',
      familyName: 'Nguyễn',
      givenName: 'Thị Hồng',
      phones: ['0912 345 678', '028 3822 1234 máy lẻ 12', '+84 90 765 4321'],
      emails: ['hong@example.vn', 'hong.nguyen@example.com'],
      gender: 'female',
      birthday: '1990-05-17',
      occupation: 'Giáo viên',
      maritalStatus: 'married',
      religion: 'Phật giáo',
      addressLine: '12 Lê Lợi, phường Bến Nghé',
      ward: 'Bến Nghé',
      district: 'Quận 1',
      province: 'ho-chi-minh',
      hometown: 'Huế',
      country: 'VN',
      lifecycleStage: 'loyal',
      source: 'walk_in',
      interests: ['đọc sách', 'du lịch'],
      tags: ['vip', 'hà nội'],
      education: 'university',
      incomeBand: '10m_20m',
      householdSize: 4,
      companyId: company.body.id,
      jobTitle: 'Tổ trưởng',
      notes: 'Thích được gọi buổi sáng.\nĐã hỏi về "gói gia đình", chưa quyết.',
      ownerId: agent.userId,
      teamId: team,
      consents: {
        email: { status: 'granted', source: 'form', at: '2026-01-02T03:04:05.000Z' },
        sms: { status: 'denied', source: 'hotline', at: '2026-02-03T04:05:06.000Z' },
        zalo: { status: 'granted', at: '2026-03-04T05:06:07.000Z' },
      },
      custom: {
        ghi_chu_rieng: 'Khách quen của chi nhánh Quận 1',
        diem: 1.5,
        ngay_cuoi: '2026-11-30',
        hang: 'vang',
        kenh: ['zalo', 'email'],
        vip: true,
        han_muc: 1_250_000,
        ghi_chu: 'riêng',
        notes: 'private',
      },
    },
    {
      // Text a spreadsheet would run: neutralised in the file, and back as it was in Kith.
      name: '=HYPERLINK("http://evil.example","bấm vào")',
      occupation: "'=đã có dấu nháy",
      jobTitle: '-2+3',
      source: '=cmd|x',
      tags: ['=3+3', 'thường'],
      notes: '@SUM(1+1)\nvà dòng hai; =1+1',
      phones: ['0987 654 321'],
      ownerId: owner.userId,
      custom: { ghi_chu_rieng: '=1+1', diem: -5, vip: false },
    },
    { name: 'Trần Văn Ba', lifecycleStage: 'lead', ownerId: null },
    {
      name: 'Phạm Minh Tư',
      emails: ['tu@example.com'],
      phones: ['+1 415 555 0100'],
      country: 'US',
      birthday: '--05-17',
      source: 'Hội chợ Tết',
      lifecycleStage: 'at_risk',
      gender: 'male',
      custom: { kenh: ['sms'], han_muc: 0 },
      consents: { post: { status: 'denied', source: 'letter', at: '2025-12-31T23:59:59.000Z' } },
    },
  ];
  for (const c of contacts) {
    const r = await api.post('/api/v1/contacts', c);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

async function exportFile(t: TestApp, u: TestUser, format: Format): Promise<Buffer> {
  const r = await client(t.app, u.token).get(`/api/v1/contacts/export?format=${format}`);
  assert.equal(r.status, 200, r.raw.body.slice(0, 500));
  return r.raw.rawPayload;
}

/** A file's cells: the header, then the rows sorted by their first column (the id), every cell as text. */
async function cellsOf(file: Buffer, format: Format): Promise<{ header: string[]; rows: string[][] }> {
  let table: string[][];
  if (format === 'csv') table = parse(file.toString('utf8'), { bom: true }) as string[][];
  else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const width = ws.getRow(1).cellCount;
    table = [];
    ws.eachRow((row, n) => {
      const cells: string[] = [];
      for (let i = 1; i <= width; i++) {
        const v = row.getCell(i).value;
        // Each value with its type: a number stays a number, text stays text.
        cells.push(v === null || v === undefined ? '' : n === 1 ? String(v) : `${typeof v}:${String(v)}`);
      }
      table.push(cells);
    });
  }
  const [header, ...rows] = table;
  return { header: header!, rows: rows.sort((a, b) => a[0]!.localeCompare(b[0]!)) };
}

/** The contacts of a workspace as the API returns them, by id. */
async function contactsOf(t: TestApp, u: TestUser): Promise<Map<string, Record<string, unknown>>> {
  const r = await client(t.app, u.token).get('/api/v1/contacts?limit=100');
  assert.equal(r.status, 200);
  return new Map((r.body.data as Record<string, unknown>[]).map((c) => [c.id as string, c]));
}

function assertNothingChanged(r: ImportReport, what: string): void {
  assert.deepEqual(
    { created: r.created, updated: r.updated, failed: r.failed, fieldsChanged: r.fieldsChanged, errors: r.errors },
    { created: 0, updated: 0, failed: 0, fieldsChanged: {}, errors: [] },
    what,
  );
}

let source: TestApp;
let target: TestApp;
before(async () => {
  source = await createTestApp();
  target = await createTestApp();
});
after(async () => {
  await source.close();
  await target.close();
});

describe('the contacts export goes back into Kith without losing anything', () => {
  for (const format of FORMATS)
    for (const lang of LANGS)
      test(`${format.toUpperCase()} in ${lang}: into an empty workspace the same contacts and the same file; into its own workspace no change`, async () => {
        // The workspace the file comes from.
        const a = await makeWorkspace(source.core);
        const emails = { agent: `agent-${format}-${lang}@example.vn`, boss: a.owner.email };
        const { agent, team } = await furnish(source, a, emails, lang);
        await fill(source, a.owner, agent, team);
        const first = await exportFile(source, a.owner, format);
        const firstCells = await cellsOf(first, format);
        assert.equal(firstCells.rows.length, 4);
        assert.equal(firstCells.header[0], contactFieldLabel('id', lang), 'headers in the member’s language');
        const header = (field: string) => firstCells.header.indexOf(contactFieldLabel(field, lang));
        for (const f of CONTACT_FIELD_LIST) if (f.name !== 'custom') assert.ok(header(f.name) >= 0, `the file has a column for ${f.name}`);
        for (const f of CUSTOM_FIELDS)
          assert.ok(
            firstCells.header.some((h) => h.startsWith(f.label)),
            `the file has a column for custom field ${f.key}`,
          );
        assert.ok(
          firstCells.header.includes(`${lang === 'vi' ? 'Ghi chú' : 'Notes'} (custom.${lang === 'vi' ? 'ghi_chu' : 'notes'})`),
          'a custom label that is a built-in name gets its key',
        );
        const hostile = firstCells.rows.find((r) => r.some((c) => c.includes('HYPERLINK')))!;
        const cell = (row: string[], field: string) => row[header(field)]!.replace(/^string:/, '');
        assert.equal(cell(hostile, 'name'), `'=HYPERLINK("http://evil.example","bấm vào")`, 'a formula is neutralised');
        assert.equal(cell(hostile, 'occupation'), "''=đã có dấu nháy", 'an apostrophe already there gets another, so the import can take one off');
        assert.equal(cell(hostile, 'phones'), '+84987654321', 'a phone number is written plain');
        const hong = firstCells.rows.find((r) => r.some((c) => c.includes('Nguyễn Thị Hồng')))!;
        assert.equal(cell(hong, 'phones'), '+84912345678; +842838221234;ext=12; +84907654321', 'phones, an extension too, written plain');

        // Into an empty workspace of another installation (ids are global: there, no contact has these).
        const b = await makeWorkspace(target.core);
        await furnish(target, b, emails, lang);
        const report = await runImport(target.core, b.owner.actor, { bytes: first }, { kind: 'contacts', dryRun: false, fileName: `kith.${format}` });
        assert.equal(report.preset?.id, `kith-contacts-${lang}`, 'recognised as Kith’s own file');
        assert.deepEqual([report.created, report.failed, report.errors], [4, 0, []], JSON.stringify(report.errors));
        assert.deepEqual(report.unconfirmed, []);
        assert.ok(
          report.columns.every((c) => c.field !== null || c.header === contactFieldLabel('updatedAt', lang)),
          `every column but the last change goes back: ${JSON.stringify(report.columns.filter((c) => c.field === null))}`,
        );

        // The same contacts, field for field.
        const [before, after] = [await contactsOf(source, a.owner), await contactsOf(target, b.owner)];
        assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'the same ids');
        // Owners by email and teams by name, in each workspace.
        const names = async (t: TestApp, ws: string) => {
          const [members, teams] = await Promise.all([memberEmails(t.core.db, ws), teamNames(t.core.db, ws)]);
          return new Map([...members.map((m) => [m.id, m.email] as const), ...teams.map((x) => [x.id, x.name] as const)]);
        };
        const [nameA, nameB] = [await names(source, a.workspaceId), await names(target, b.workspaceId)];
        for (const [id, x] of before) {
          const y = after.get(id)!;
          assert.equal(y.createdAt, x.createdAt, 'the same creation time');
          for (const f of CONTACT_FIELD_LIST) {
            const [u, v] = [x[f.name], y[f.name]];
            if (f.name === 'companyId') assert.deepEqual((y.company as { name: string } | null)?.name, (x.company as { name: string } | null)?.name, 'company');
            else if (f.name === 'ownerId' || f.name === 'teamId')
              assert.equal(v === null ? null : nameB.get(v as string), u === null ? null : nameA.get(u as string), `${f.name} of ${x.name}`);
            else if (f.name === 'consents') {
              // Recorded again, by the import: each channel's status and time as they were, the source "import".
              const expected = Object.fromEntries(
                Object.entries(u as Record<string, { status: string; at: string }>).map(([ch, c]) => [ch, { status: c.status, source: 'import', at: c.at }]),
              );
              assert.deepEqual(v, expected, `consents of ${x.name}`);
            } else assert.deepEqual(v, u, `${f.name} of ${x.name}`);
          }
        }

        // Exported again: the same file, but for the time of each contact's last change (the import).
        const second = await exportFile(target, b.owner, format);
        const secondCells = await cellsOf(second, format);
        assert.deepEqual(secondCells.header, firstCells.header);
        const changed = header('updatedAt');
        const without = (rows: string[][]) => rows.map((r) => r.filter((_, i) => i !== changed));
        assert.deepEqual(without(secondCells.rows), without(firstCells.rows), 'the same file');
        assert.ok(
          secondCells.rows.every((r, i) => r[changed] !== firstCells.rows[i]![changed]),
          'the last change is the import',
        );

        // Into the workspace it came from, and the second file into its own: nothing created, nothing changed.
        assertNothingChanged(
          await runImport(source.core, a.owner.actor, { bytes: first }, { kind: 'contacts', dryRun: false, fileName: `again.${format}` }),
          'the file into its own workspace',
        );
        assertNothingChanged(
          await runImport(target.core, b.owner.actor, { bytes: second }, { kind: 'contacts', dryRun: false, fileName: `again.${format}` }),
          'the second file into the workspace it came from',
        );
        assert.equal((await contactsOf(source, a.owner)).size, 4);
      });
});
