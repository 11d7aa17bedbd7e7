import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { isSkip, type FieldDef } from '@kith/domain/schema/field-table.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';
import { assertAspectsDecided, assertColumnsAreFields, assertFiltersFind } from '../../../test/field-table-checks.ts';

/**
 * The contact field table (@kith/domain contacts/contact.fields.ts) is the one place a contact field is
 * declared. These tests fill every field of the table and follow it through each place derived from it — the
 * database, the API, the list filters and sorts, the export, an import of that export, a merge and the audit
 * log — so a field that one of them leaves out fails here, whatever its name. A new field needs no edit of
 * this file unless its values have a format a generic sample cannot meet (see `sampleOf`).
 */

let t: TestApp;
let owner: TestUser;
let team: string;
let company: string;
const api = () => client(t.app, owner.token);

/** The columns a record keeps for itself besides the fields' (search_tsv: PostgreSQL's search vector). */
const RECORD_COLUMNS = new Set([
  'seq',
  'id',
  'workspace_id',
  'name_key',
  'merged_into',
  'search_text',
  'search_tsv',
  'created_at',
  'updated_at',
  'deleted_at',
  'created_by',
  'updated_by',
  'version',
]);

/** A value for a field that its schema accepts, and the value the API then returns. */
function sampleOf(f: FieldDef & { name: string }): { input: unknown; output: unknown } {
  const special: Record<string, { input: unknown; output: unknown }> = {
    name: { input: 'Lê Thị Đầy Đủ', output: 'Lê Thị Đầy Đủ' },
    phones: { input: ['0912 345 678', '028 3822 1234'], output: ['+84912345678', '+842838221234'] },
    emails: { input: ['Day.Du@Example.vn'], output: ['day.du@example.vn'] },
    birthday: { input: '1990-05-17', output: '1990-05-17' },
    province: { input: 'Hà Nội', output: 'ha-noi' },
    country: { input: 'VN', output: 'VN' },
    companyId: { input: company, output: company },
    ownerId: { input: owner.userId, output: owner.userId },
    teamId: { input: team, output: team },
    consents: {
      input: { email: { status: 'granted', source: 'form', at: '2026-01-02T03:04:05.000Z' } },
      output: { email: { status: 'granted', source: 'form', at: '2026-01-02T03:04:05.000Z' } },
    },
    custom: { input: {}, output: {} },
  };
  if (special[f.name]) return special[f.name]!;
  if (f.enum) {
    const v = f.enum.values[1] ?? f.enum.values[0];
    return { input: v, output: v };
  }
  if (f.kind === 'list') return { input: [`${f.name} một`, `${f.name} hai`], output: [`${f.name} một`, `${f.name} hai`] };
  if (!isSkip(f.filter) && f.filter.type === 'number') return { input: 4, output: 4 };
  return { input: `Mẫu ${f.name}`, output: `Mẫu ${f.name}` };
}

let full: Record<string, unknown>;
let fullId: string;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  team = await makeTeam(t.core, owner.workspaceId, 'Đội mẫu');
  const c = await api().post('/api/v1/companies', { name: 'Công ty Mẫu' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  company = c.body.id;
  const input = Object.fromEntries(CONTACT_FIELD_LIST.filter((f) => f.input).map((f) => [f.name, sampleOf(f).input]));
  const r = await api().post('/api/v1/contacts', input);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  full = r.body;
  fullId = r.body.id;
});
after(() => t.close());

describe('the contact field table', () => {
  test('every field has its column, and every column of contacts is a field or the record’s own', async () => {
    await assertColumnsAreFields(t.core, 'contacts', CONTACT_FIELD_LIST, RECORD_COLUMNS, 'contacts/contact.fields.ts');
  });

  test('every aspect is given or refused with a reason', () => {
    assertAspectsDecided(CONTACT_FIELD_LIST);
  });

  test('the API takes and returns every field', () => {
    for (const f of CONTACT_FIELD_LIST) if (f.input) assert.deepEqual(full[f.name], sampleOf(f).output, `${f.name} did not round-trip through the API`);
  });

  test('every filterable field filters, and every sortable one sorts', async () => {
    await api().post('/api/v1/contacts', { name: 'Người khác', ownerId: null });
    await assertFiltersFind(api(), '/api/v1/contacts', CONTACT_FIELD_LIST, (f) => sampleOf(f as Parameters<typeof sampleOf>[0]).output, fullId);
  });

  test('the export has a column for every exported field, and importing it gives the contact back', async () => {
    const r = await api().get('/api/v1/contacts/export?format=csv&raw=true');
    assert.equal(r.status, 200);
    const rows = parse(r.raw.body, { columns: true, bom: true }) as Record<string, string>[];
    const row = rows.find((x) => x.id === fullId)!;
    const imported = CONTACT_FIELD_LIST.filter((f) => !isSkip(f.export) && !isSkip(f.import));
    for (const f of CONTACT_FIELD_LIST) {
      if (isSkip(f.export)) continue;
      const header = f.export.header ?? f.name;
      assert.ok(header in row, `the export has no ${header} column`);
      assert.notEqual(row[header], '', `the export left ${header} empty`);
    }
    // The same file into another workspace, each column mapped to its import target.
    const { owner: other } = await makeWorkspace(t.core);
    const map = Object.fromEntries(Object.keys(row).map((h) => [h, '']));
    for (const f of imported) if (!isSkip(f.export) && !isSkip(f.import)) map[f.export.header ?? f.name] = f.import.target ?? f.name;
    const header = Object.keys(row);
    const csv = [header, header.map((h) => row[h]!)].map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n');
    const report = await runImport(
      t.core,
      other.actor,
      { bytes: Buffer.from(csv, 'utf8') },
      { kind: 'contacts', dryRun: false, fileName: 'round-trip.csv', map },
    );
    assert.equal(report.created, 1, JSON.stringify(report.errors));
    // The other workspace has neither the owner nor the team: the contact is made all the same, with a warning for each.
    assert.deepEqual(report.errors.map((e) => [e.code, e.warning]).sort(), [
      ['unknown_owner', true],
      ['unknown_team', true],
    ]);
    const back = (await client(t.app, other.token).get('/api/v1/contacts')).body.data[0];
    for (const f of imported) {
      if (f.name === 'companyId') assert.equal(back.company?.name, 'Công ty Mẫu', 'the company, by name');
      else if (f.name === 'ownerId' || f.name === 'teamId') continue;
      else if (f.name === 'consents') {
        // Kith's own file brings consent back as a record the import made: status and time as they were.
        const was = full.consents as Record<string, { status: string; at: string }>;
        const expected = Object.fromEntries(Object.entries(was).map(([ch, c]) => [ch, { status: c.status, source: 'import', at: c.at }]));
        assert.deepEqual(back.consents, expected, 'consents');
      } else assert.deepEqual(back[f.name], full[f.name], `${f.name} did not come back through export and import`);
    }
  });

  test('a merge carries every field over to a survivor that has none', async () => {
    const s = await api().post('/api/v1/contacts', { name: 'Người ở lại', lifecycleStage: 'lead' });
    const r = await api().post('/api/v1/contacts/merge', { survivorId: s.body.id, mergedId: fullId, prefer: { name: 'survivor', lifecycleStage: 'merged' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    for (const f of CONTACT_FIELD_LIST) {
      if (isSkip(f.merge) || f.name === 'name' || f.name === 'custom') continue;
      assert.deepEqual(r.body.contact[f.name], full[f.name], `the merge lost ${f.name}`);
    }
    const undo = await api().post(`/api/v1/merges/${r.body.id}/undo`, {});
    assert.equal(undo.status, 200, JSON.stringify(undo.body));
  });

  test('a change of every audited field is in the audit log', async () => {
    const c = await api().post('/api/v1/contacts', { name: 'Đổi hết', ownerId: null });
    const patch = Object.fromEntries(CONTACT_FIELD_LIST.filter((f) => f.input && f.name !== 'custom').map((f) => [f.name, sampleOf(f).input]));
    const u = await api().patch(`/api/v1/contacts/${c.body.id}`, patch);
    assert.equal(u.status, 200, JSON.stringify(u.body));
    const entry = await t.core.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity_id', '=', c.body.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    for (const f of CONTACT_FIELD_LIST) if (f.audited && f.input && f.name !== 'custom') assert.ok(f.name in after, `the audit entry has no ${f.name}`);
  });
});
