import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { COMPANY_FIELD_LIST } from '@kith/domain/companies/company.fields.ts';
import { isSkip, type FieldDef } from '@kith/domain/schema/field-table.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';
import { assertAspectsDecided, assertColumnsAreFields, assertFiltersFind } from '../../../test/field-table-checks.ts';

/**
 * The company field table (@kith/domain companies/company.fields.ts) is the one place a company field is
 * declared. These tests fill every field of the table and follow it through each place derived from it — the
 * database, the API, the list filters and sorts, the export, an import of that export and the audit log — so
 * a field that one of them leaves out fails here, whatever its name. Companies are not merged (yet).
 */

let t: TestApp;
let owner: TestUser;
let team: string;
const api = () => client(t.app, owner.token);

/** The columns a company keeps for itself besides the fields'. */
const RECORD_COLUMNS = new Set(['id', 'workspace_id', 'name_key', 'created_at', 'updated_at', 'deleted_at', 'created_by', 'updated_by', 'version']);

/** A value for a field that its schema accepts, and the value the API then returns. */
function sampleOf(f: FieldDef & { name: string }): { input: unknown; output: unknown } {
  const special: Record<string, { input: unknown; output: unknown }> = {
    name: { input: 'Công ty Đầy Đủ', output: 'Công ty Đầy Đủ' },
    domain: { input: 'https://Day-Du.vn/gioi-thieu', output: 'day-du.vn' },
    website: { input: 'https://day-du.vn', output: 'https://day-du.vn' },
    email: { input: 'Lien.He@Day-Du.vn', output: 'lien.he@day-du.vn' },
    phone: { input: '028 3822 1234', output: '+842838221234' },
    taxCode: { input: '0312345678', output: '0312345678' },
    province: { input: 'Hà Nội', output: 'ha-noi' },
    country: { input: 'VN', output: 'VN' },
    ownerId: { input: owner.userId, output: owner.userId },
    teamId: { input: team, output: team },
    custom: { input: {}, output: {} },
  };
  if (special[f.name]) return special[f.name]!;
  if (f.enum) {
    const v = f.enum.values[1] ?? f.enum.values[0];
    return { input: v, output: v };
  }
  if (f.kind === 'list') return { input: [`${f.name} một`, `${f.name} hai`], output: [`${f.name} một`, `${f.name} hai`] };
  return { input: `Mẫu ${f.name}`, output: `Mẫu ${f.name}` };
}

let full: Record<string, unknown>;
let fullId: string;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  team = await makeTeam(t.core, owner.workspaceId, 'Đội mẫu');
  const input = Object.fromEntries(COMPANY_FIELD_LIST.filter((f) => f.input).map((f) => [f.name, sampleOf(f).input]));
  const r = await api().post('/api/v1/companies', input);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  full = r.body;
  fullId = r.body.id;
});
after(() => t.close());

describe('the company field table', () => {
  test('every field has its column, and every column of companies is a field or the record’s own', async () => {
    await assertColumnsAreFields(t.core, 'companies', COMPANY_FIELD_LIST, RECORD_COLUMNS, 'companies/company.fields.ts');
  });

  test('every aspect is given or refused with a reason; no company field claims a merge', () => {
    assertAspectsDecided(COMPANY_FIELD_LIST);
    for (const f of COMPANY_FIELD_LIST) assert.deepEqual(f.merge, { skip: 'companies are not merged yet' }, `${f.name}: companies have no merge`);
  });

  test('the API takes and returns every field, and reads it back from the database', async () => {
    for (const f of COMPANY_FIELD_LIST) if (f.input) assert.deepEqual(full[f.name], sampleOf(f).output, `${f.name} did not round-trip through the API`);
    const again = await api().get(`/api/v1/companies/${fullId}`);
    assert.equal(again.status, 200);
    for (const f of COMPANY_FIELD_LIST) assert.deepEqual(again.body[f.name], full[f.name], `${f.name} was not read back`);
  });

  test('every filterable field filters, and every sortable one sorts', async () => {
    await api().post('/api/v1/companies', { name: 'Công ty khác', ownerId: null });
    await assertFiltersFind(api(), '/api/v1/companies', COMPANY_FIELD_LIST, (f) => sampleOf(f as Parameters<typeof sampleOf>[0]).output, fullId);
  });

  test('the export has a column for every exported field, and importing it gives the company back', async () => {
    const r = await api().get('/api/v1/companies/export?format=csv&raw=true');
    assert.equal(r.status, 200);
    const rows = parse(r.raw.body, { columns: true, bom: true }) as Record<string, string>[];
    const row = rows.find((x) => x.id === fullId)!;
    for (const f of COMPANY_FIELD_LIST) {
      if (isSkip(f.export)) continue;
      const header = f.export.header ?? f.name;
      assert.ok(header in row, `the export has no ${header} column`);
      assert.notEqual(row[header], '', `the export left ${header} empty`);
    }
    assert.equal(row.owner, owner.email, 'the owner, by email');
    // The same file into another workspace, each column suggested by its header.
    const { owner: other } = await makeWorkspace(t.core);
    const header = Object.keys(row);
    const csv = [header, header.map((h) => row[h]!)].map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n');
    const map = Object.fromEntries(header.map((h) => [h, '']));
    const imported = COMPANY_FIELD_LIST.filter((f) => !isSkip(f.export) && !isSkip(f.import));
    for (const f of imported) if (!isSkip(f.export) && !isSkip(f.import)) map[f.export.header ?? f.name] = f.import.target ?? f.name;
    const report = await runImport(
      t.core,
      other.actor,
      { bytes: Buffer.from(csv, 'utf8') },
      { kind: 'companies', dryRun: false, fileName: 'round-trip.csv', map },
    );
    assert.equal(report.created, 1, JSON.stringify(report.errors));
    const back = (await client(t.app, other.token).get('/api/v1/companies')).body.data[0];
    for (const f of imported) assert.deepEqual(back[f.name], full[f.name], `${f.name} did not come back through export and import`);
  });

  test('a change of every audited field is in the audit log', async () => {
    const c = await api().post('/api/v1/companies', { name: 'Đổi hết', ownerId: null });
    const patch = Object.fromEntries(COMPANY_FIELD_LIST.filter((f) => f.input && f.name !== 'custom').map((f) => [f.name, sampleOf(f).input]));
    const u = await api().patch(`/api/v1/companies/${c.body.id}`, patch);
    assert.equal(u.status, 200, JSON.stringify(u.body));
    const entry = await t.core.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity_id', '=', c.body.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    for (const f of COMPANY_FIELD_LIST) if (f.audited && f.input && f.name !== 'custom') assert.ok(f.name in after, `the audit entry has no ${f.name}`);
  });
});
