import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { PRODUCT_FIELD_LIST } from '@kith/domain/orders/product.fields.ts';
import { isSkip, type FieldDef } from '@kith/domain/schema/field-table.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';
import { assertAspectsDecided, assertColumnsAreFields, assertFiltersFind } from '../../../test/field-table-checks.ts';

/**
 * The product field table (@kith/domain orders/product.fields.ts) is the one place a product field is
 * declared. These tests fill every field of the table and follow it through each place derived from it — the
 * database, the API, the list filters and sorts, the export, an import of that export and the audit log — so
 * a field that one of them leaves out fails here, whatever its name.
 */

let t: TestApp;
let owner: TestUser;
let category: string;
const api = () => client(t.app, owner.token);

/** The columns a product keeps for itself besides the fields'. */
const RECORD_COLUMNS = new Set(['id', 'workspace_id', 'sku_key', 'name_key', 'created_at', 'updated_at', 'deleted_at', 'created_by', 'updated_by', 'version']);

/** A value for a field that its schema accepts (none of them its empty value), and the value the API then returns. */
function sampleOf(f: FieldDef & { name: string }): { input: unknown; output: unknown } {
  const special: Record<string, { input: unknown; output: unknown }> = {
    sku: { input: 'DD-001', output: 'DD-001' },
    name: { input: 'Áo dài đầy đủ', output: 'Áo dài đầy đủ' },
    categoryId: { input: category, output: category },
    price: { input: 12_345, output: 12_345 },
    currency: { input: 'USD', output: 'USD' },
    active: { input: false, output: false },
  };
  return special[f.name] ?? { input: `Mẫu ${f.name}`, output: `Mẫu ${f.name}` };
}

let full: Record<string, unknown>;
let fullId: string;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const c = await api().post('/api/v1/product-categories', { name: 'Thời trang' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  category = c.body.id;
  const input = Object.fromEntries(PRODUCT_FIELD_LIST.filter((f) => f.input).map((f) => [f.name, sampleOf(f).input]));
  const r = await api().post('/api/v1/products', input);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  full = r.body;
  fullId = r.body.id;
});
after(() => t.close());

describe('the product field table', () => {
  test('every field has its column, and every column of products is a field or the record’s own', async () => {
    await assertColumnsAreFields(t.core, 'products', PRODUCT_FIELD_LIST, RECORD_COLUMNS, 'orders/product.fields.ts');
  });

  test('every aspect is given or refused with a reason', () => {
    assertAspectsDecided(PRODUCT_FIELD_LIST);
  });

  test('the API takes and returns every field, and reads it back from the database', async () => {
    for (const f of PRODUCT_FIELD_LIST) {
      assert.notDeepEqual(sampleOf(f).input, f.empty, `${f.name}: the sample must not be the empty value`);
      if (f.input) assert.deepEqual(full[f.name], sampleOf(f).output, `${f.name} did not round-trip through the API`);
    }
    const again = await api().get(`/api/v1/products/${fullId}`);
    assert.equal(again.status, 200);
    for (const f of PRODUCT_FIELD_LIST) assert.deepEqual(again.body[f.name], full[f.name], `${f.name} was not read back`);
    assert.equal(again.body.categoryName, 'Thời trang');
  });

  test('every filterable field filters, and every sortable one sorts', async () => {
    await api().post('/api/v1/products', { sku: 'KHAC-1', name: 'Sản phẩm khác', price: 1 });
    await assertFiltersFind(api(), '/api/v1/products', PRODUCT_FIELD_LIST, (f) => sampleOf(f as Parameters<typeof sampleOf>[0]).output, fullId);
  });

  test('the export has a column for every exported field, and importing it gives the product back', async () => {
    const r = await api().get('/api/v1/products/export?format=csv&raw=true');
    assert.equal(r.status, 200);
    const rows = parse(r.raw.body, { columns: true, bom: true }) as Record<string, string>[];
    const row = rows.find((x) => x.id === fullId)!;
    for (const f of PRODUCT_FIELD_LIST) {
      if (isSkip(f.export)) continue;
      const header = f.export.header ?? f.name;
      assert.ok(header in row, `the export has no ${header} column`);
      assert.notEqual(row[header], '', `the export left ${header} empty`);
    }
    assert.equal(row.price, '123.45', 'money as an amount in its currency');
    assert.equal(row.category, 'Thời trang', 'the category, by name');
    const { owner: other } = await makeWorkspace(t.core);
    const header = Object.keys(row);
    const csv = [header, header.map((h) => row[h]!)].map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n');
    const map = Object.fromEntries(header.map((h) => [h, '']));
    const imported = PRODUCT_FIELD_LIST.filter((f) => !isSkip(f.export) && !isSkip(f.import));
    for (const f of imported) if (!isSkip(f.export) && !isSkip(f.import)) map[f.export.header ?? f.name] = f.import.target ?? f.name;
    const report = await runImport(
      t.core,
      other.actor,
      { bytes: Buffer.from(csv, 'utf8') },
      { kind: 'products', dryRun: false, fileName: 'round-trip.csv', map },
    );
    assert.equal(report.created, 1, JSON.stringify(report.errors));
    const back = (await client(t.app, other.token).get('/api/v1/products')).body.data[0];
    for (const f of imported) {
      if (f.name === 'categoryId') assert.equal(back.categoryName, 'Thời trang', 'the category, by name');
      else assert.deepEqual(back[f.name], full[f.name], `${f.name} did not come back through export and import`);
    }
  });

  test('a change of every audited field is in the audit log', async () => {
    const c = await api().post('/api/v1/products', { sku: 'DOI-1', name: 'Đổi hết', price: 5, currency: 'VND' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const patch = Object.fromEntries(PRODUCT_FIELD_LIST.filter((f) => f.input).map((f) => [f.name, sampleOf(f).input]));
    patch.sku = 'DOI-2';
    const u = await api().patch(`/api/v1/products/${c.body.id}`, patch);
    assert.equal(u.status, 200, JSON.stringify(u.body));
    const entry = await t.core.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity_id', '=', c.body.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    for (const f of PRODUCT_FIELD_LIST) if (f.audited && f.input) assert.ok(f.name in after, `the audit entry has no ${f.name}`);
  });
});
