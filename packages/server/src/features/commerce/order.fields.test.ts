import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { IMPORT_FIELDS } from '@kith/domain/import/mapping.ts';
import { ORDER_FIELD_LIST } from '@kith/domain/orders/order.fields.ts';
import { isSkip, type FieldDef } from '@kith/domain/schema/field-table.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';
import { assertAspectsDecided, assertColumnsAreFields, assertFiltersFind } from '../../../test/field-table-checks.ts';

/**
 * The order field table (@kith/domain orders/order.fields.ts) is the one place an order field is declared.
 * These tests fill every field of the table and follow it through each place derived from it — the database,
 * the API, the list filters and sorts, the export, the orders import (of the one-row-per-line export) and the
 * audit log — so a field that one of them leaves out fails here, whatever its name.
 */

let t: TestApp;
let owner: TestUser;
let contact: string;
let other: string;
let company: string;
const api = () => client(t.app, owner.token);

/** The columns an order keeps for itself besides the fields'. */
const RECORD_COLUMNS = new Set(['id', 'workspace_id', 'number_key', 'created_at', 'updated_at', 'deleted_at', 'created_by', 'updated_by', 'version']);

/** One line of 2 × 10.00 USD: the subtotal is 2000 cents, the total 2000 − 100 + 250. */
const LINES = [{ name: 'Áo mẫu', quantity: 2, unitPrice: 1_000 }];

/** A value for a field that its schema accepts (none of them its empty value), and the value the API then returns. */
function sampleOf(f: FieldDef & { name: string }): { input: unknown; output: unknown } {
  const special: Record<string, { input: unknown; output: unknown }> = {
    number: { input: 'MAU-001', output: 'MAU-001' },
    orderedAt: { input: '2026-03-04T12:06:07+07:00', output: '2026-03-04T05:06:07.000Z' },
    contactId: { input: contact, output: contact },
    status: { input: 'paid', output: 'paid' },
    channel: { input: 'zalo', output: 'zalo' },
    currency: { input: 'USD', output: 'USD' },
    subtotal: { input: undefined, output: 2_000 },
    discount: { input: 100, output: 100 },
    shipping: { input: 250, output: 250 },
    total: { input: undefined, output: 2_150 },
    tags: { input: ['vip'], output: ['vip'] },
    companyId: { input: company, output: company },
  };
  return special[f.name] ?? { input: `Mẫu ${f.name}`, output: `Mẫu ${f.name}` };
}

const settable = () => Object.fromEntries(ORDER_FIELD_LIST.filter((f) => f.input).map((f) => [f.name, sampleOf(f).input]));

let full: Record<string, unknown>;
let fullId: string;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const c = await api().post('/api/v1/contacts', { name: 'Trần Thị Mẫu', phones: ['0903123456'] });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  contact = c.body.id;
  const o = await api().post('/api/v1/contacts', { name: 'Khách khác' });
  other = o.body.id;
  const co = await api().post('/api/v1/companies', { name: 'Công ty Mẫu' });
  assert.equal(co.status, 201, JSON.stringify(co.body));
  company = co.body.id;
  const r = await api().post('/api/v1/orders', { ...settable(), lines: LINES });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  full = r.body;
  fullId = r.body.id;
});
after(() => t.close());

describe('the order field table', () => {
  test('every field has its column, and every column of orders is a field or the record’s own', async () => {
    await assertColumnsAreFields(t.core, 'orders', ORDER_FIELD_LIST, RECORD_COLUMNS, 'orders/order.fields.ts');
  });

  test('every aspect is given or refused with a reason', () => {
    assertAspectsDecided(ORDER_FIELD_LIST);
  });

  test('the API takes and returns every field, and reads it back from the database', async () => {
    for (const f of ORDER_FIELD_LIST) {
      assert.notDeepEqual(sampleOf(f).output, f.empty, `${f.name}: the sample must not be the empty value`);
      assert.deepEqual(full[f.name], sampleOf(f).output, `${f.name} did not round-trip through the API`);
    }
    const again = await api().get(`/api/v1/orders/${fullId}`);
    assert.equal(again.status, 200);
    for (const f of ORDER_FIELD_LIST) assert.deepEqual(again.body[f.name], full[f.name], `${f.name} was not read back`);
    const listed = (await api().get('/api/v1/orders?filter[number][eq]=MAU-001')).body.data[0];
    for (const f of ORDER_FIELD_LIST) assert.deepEqual(listed[f.name], full[f.name], `${f.name} is not in the list`);
    assert.equal(again.body.contactName, 'Trần Thị Mẫu');
  });

  test('every filterable field filters, and every sortable one sorts', async () => {
    const r = await api().post('/api/v1/orders', {
      contactId: other,
      currency: 'VND',
      orderedAt: '2025-01-01T00:00:00Z',
      lines: [{ name: 'Khác', quantity: 1, unitPrice: 5 }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await assertFiltersFind(api(), '/api/v1/orders', ORDER_FIELD_LIST, (f) => sampleOf(f as Parameters<typeof sampleOf>[0]).output, fullId);
  });

  test('the export has a column for every exported field, and the orders import takes back every imported one', async () => {
    const r = await api().get('/api/v1/orders/export?format=csv&raw=true');
    assert.equal(r.status, 200);
    const row = (parse(r.raw.body, { columns: true, bom: true }) as Record<string, string>[]).find((x) => x.id === fullId)!;
    for (const f of ORDER_FIELD_LIST) {
      if (isSkip(f.export)) continue;
      const header = f.export.header ?? f.name;
      assert.ok(header in row, `the export has no ${header} column`);
      assert.notEqual(row[header], '', `the export left ${header} empty`);
    }
    assert.equal(row.total, '21.5', 'money as an amount in its currency');
    assert.equal(row.customer, 'Trần Thị Mẫu', 'the customer, by name');

    // The import reads the one-row-per-line export back: every imported field of the table is one of its targets.
    const imported = ORDER_FIELD_LIST.filter((f) => !isSkip(f.import));
    for (const f of imported) if (!isSkip(f.import)) assert.ok(IMPORT_FIELDS.orders.includes(f.import.target ?? f.name), `the orders import has no ${f.name}`);
    const lines = await api().get(`/api/v1/orders/export?lines=true&raw=true&filter[number][eq]=MAU-001`);
    assert.equal(lines.status, 200);
    const { owner: them } = await makeWorkspace(t.core);
    const report = await runImport(t.core, them.actor, { bytes: Buffer.from(lines.raw.body) }, { kind: 'orders', dryRun: false, fileName: 'lines.csv' });
    assert.equal(report.created, 1, JSON.stringify(report.errors));
    const back = (await client(t.app, them.token).get('/api/v1/orders')).body.data[0];
    for (const f of imported) {
      if (f.name === 'contactId') assert.equal(back.contactName, 'Trần Thị Mẫu', 'the customer, by name');
      else assert.deepEqual(back[f.name], full[f.name], `${f.name} did not come back through export and import`);
    }
  });

  test('a change of every audited field is in the audit log', async () => {
    const c = await api().post('/api/v1/orders', { contactId: other, number: 'DOI-1', lines: [{ name: 'Đổi', quantity: 1, unitPrice: 5 }] });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const u = await api().patch(`/api/v1/orders/${c.body.id}`, { ...settable(), number: 'DOI-2', externalId: 'DOI-EXT', lines: LINES });
    assert.equal(u.status, 200, JSON.stringify(u.body));
    const entry = await t.core.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity_id', '=', c.body.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    for (const f of ORDER_FIELD_LIST) if (f.audited) assert.ok(f.name in after, `the audit entry has no ${f.name}`);
  });
});
