import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let mineContact: string;
let otherContact: string;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const team = await makeTeam(t.core, owner.workspaceId, 'Bán lẻ');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [team] });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  const api = client(t.app, owner.token);
  const ok = (r: { status: number; body: unknown }, status = 201) => {
    assert.equal(r.status, status, JSON.stringify(r.body));
    return r.body as { id: string };
  };
  ok(await api.post('/api/v1/companies', { name: 'Công ty Bình An', taxCode: '0101234567', tags: ['sỉ'] }));
  ok(await api.post('/api/v1/companies', { name: '=HYPERLINK("http://evil.example","bấm")', notes: '+84 là mã vùng' }));
  const shirt = ok(await api.post('/api/v1/products', { sku: 'AO-001', name: 'Áo sơ mi trắng', price: 350_000 }));
  ok(await api.post('/api/v1/products', { sku: 'US-1', name: 'Imported tea', price: 1_250, currency: 'USD' }));
  mineContact = ok(
    await api.post('/api/v1/contacts', { name: 'Nguyễn Thị Hồng', phones: ['0912 345 678'], emails: ['hong@example.vn'], teamId: team, ownerId: agent.userId }),
  ).id;
  otherContact = ok(await api.post('/api/v1/contacts', { name: 'Lê Văn Khách', phones: ['0903 000 111'], ownerId: owner.userId })).id;
  ok(
    await api.post('/api/v1/orders', {
      contactId: mineContact,
      number: 'HD-1',
      orderedAt: '2026-01-25T10:00:00+07:00',
      status: 'paid',
      channel: 'zalo',
      shipping: 30_000,
      lines: [
        { productId: shirt.id, quantity: 2, discount: 50_000 },
        { name: 'Cà vạt', quantity: 1, unitPrice: 120_000 },
      ],
    }),
  );
  ok(
    await api.post('/api/v1/orders', {
      contactId: otherContact,
      number: 'HD-2',
      orderedAt: '2026-02-01T09:00:00+07:00',
      status: 'placed',
      lines: [{ productId: shirt.id, quantity: 1 }],
    }),
  );
  ok(
    await api.post('/api/v1/deals', {
      title: 'Quà Tết 200 hộp',
      contactId: mineContact,
      amount: 60_000_000,
      expectedClose: '2027-01-20',
      ownerId: agent.userId,
    }),
  );
  ok(await api.post('/api/v1/deals', { title: '@Trà biếu', contactId: otherContact, amount: 10_000_000 }));
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
const rows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

describe('list exports', () => {
  test('companies as CSV: every field, Vietnamese intact, formula cells neutralised; raw keeps them', async () => {
    const r = await api(owner).get('/api/v1/companies/export?format=csv');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(r.headers['content-disposition']), /filename="kith-companies-\d{4}-\d{2}-\d{2}\.csv"/);
    const out = rows(r.raw.body);
    assert.deepEqual(out.map((x) => x.name).sort(), ['\'=HYPERLINK("http://evil.example","bấm")', 'Công ty Bình An'].sort());
    const binh = out.find((x) => x.name === 'Công ty Bình An')!;
    assert.deepEqual([binh.taxCode, binh.tags], ['0101234567', 'sỉ']);
    assert.equal(out.find((x) => x.name!.includes('HYPERLINK'))!.notes, "'+84 là mã vùng");
    const raw = rows((await api(owner).get('/api/v1/companies/export?raw=true')).raw.body);
    assert.ok(raw.some((x) => x.name === '=HYPERLINK("http://evil.example","bấm")'));
    const searched = rows((await api(owner).get('/api/v1/companies/export?q=binh')).raw.body);
    assert.deepEqual(
      searched.map((x) => x.name),
      ['Công ty Bình An'],
      'the list’s search applies',
    );
  });

  test('products: money in the currency’s unit (VND whole, USD with cents) beside its currency', async () => {
    const out = rows((await api(owner).get('/api/v1/products/export?sort=sku')).raw.body);
    assert.deepEqual(
      out.map((x) => [x.sku, x.price, x.currency, x.active]),
      [
        ['AO-001', '350000', 'VND', 'true'],
        ['US-1', '12.5', 'USD', 'true'],
      ],
    );
  });

  test('orders: one row per order with computed totals, filtered; or one row per line item', async () => {
    const all = rows((await api(owner).get('/api/v1/orders/export')).raw.body);
    assert.deepEqual(
      all.map((x) => x.number),
      ['HD-2', 'HD-1'],
      'newest first, as the list',
    );
    const paid = rows((await api(owner).get('/api/v1/orders/export?filter[status][in]=paid,delivered')).raw.body);
    assert.deepEqual(
      paid.map((x) => [x.number, x.customer, x.status, x.channel, x.lineCount, x.subtotal, x.shipping, x.total]),
      [['HD-1', 'Nguyễn Thị Hồng', 'Đã thanh toán', 'Zalo', '2', '770000', '30000', '800000']],
      'statuses and channels by name, in the workspace’s language',
    );
    const paidRaw = rows((await api(owner).get('/api/v1/orders/export?filter[status][in]=paid,delivered&raw=true')).raw.body);
    assert.deepEqual(
      paidRaw.map((x) => [x.number, x.status, x.channel]),
      [['HD-1', 'paid', 'zalo']],
      'raw: the stored codes',
    );
    const r = await api(owner).get('/api/v1/orders/export?lines=true&sort=number');
    assert.match(String(r.headers['content-disposition']), /kith-orders-lines-/);
    const lines = rows(r.raw.body);
    assert.deepEqual(
      lines.map((x) => [x['order number'], x.sku, x.product, x.quantity, x['unit price'], x.discount, x['line total'], x['order total']]),
      [
        ['HD-1', 'AO-001', 'Áo sơ mi trắng', '2', '350000', '50000', '650000', '800000'],
        ['HD-1', '', 'Cà vạt', '1', '120000', '0', '120000', '800000'],
        ['HD-2', 'AO-001', 'Áo sơ mi trắng', '1', '350000', '0', '350000', '350000'],
      ],
    );
    assert.equal(lines[0]!.phone, '+84912345678', 'a phone number runs nothing in a spreadsheet: kept as it is');
  });

  test('order lines exported raw go back in through the orders import: the same orders, the same totals', async () => {
    const csv = (await api(owner).get('/api/v1/orders/export?lines=true&raw=true')).raw.body;
    const { owner: other } = await makeWorkspace(t.core);
    const report = await runImport(t.core, other.actor, { bytes: Buffer.from(csv) }, { kind: 'orders', dryRun: false, fileName: 'lines.csv' });
    assert.deepEqual([report.created, report.failed, report.errors], [2, 0, []], JSON.stringify(report.mapping));
    const back = rows((await api(other).get('/api/v1/orders/export?sort=number&raw=true')).raw.body);
    assert.deepEqual(
      back.map((x) => [x.number, x.customer, x.status, x.lineCount, x.subtotal, x.shipping, x.total, x.orderedAt]),
      [
        ['HD-1', 'Nguyễn Thị Hồng', 'paid', '2', '770000', '30000', '800000', '2026-01-25T03:00:00.000Z'],
        ['HD-2', 'Lê Văn Khách', 'placed', '1', '350000', '0', '350000', '2026-02-01T02:00:00.000Z'],
      ],
    );
    // The file for people names statuses and channels (Đã thanh toán, Zalo): the import reads those words too.
    const named = (await api(owner).get('/api/v1/orders/export?lines=true')).raw.body;
    assert.match(named, /Đã thanh toán/);
    const { owner: third } = await makeWorkspace(t.core);
    const again = await runImport(t.core, third.actor, { bytes: Buffer.from(named) }, { kind: 'orders', dryRun: false, fileName: 'lines.csv' });
    assert.deepEqual([again.created, again.failed, again.errors], [2, 0, []], JSON.stringify(again.mapping));
    const backNamed = rows((await api(third).get('/api/v1/orders/export?sort=number&raw=true')).raw.body);
    assert.deepEqual(
      backNamed.map((x) => [x.number, x.status, x.channel]),
      [
        ['HD-1', 'paid', 'zalo'],
        ['HD-2', 'placed', ''],
      ],
    );
  });

  test('deals as XLSX: pipeline and stage by name, the stage’s probability, amounts as numbers', async () => {
    const r = await api(owner).get('/api/v1/deals/export?format=xlsx&sort=-amount');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const at = (row: number, key: string) => sheet.getRow(row).getCell(header.indexOf(key) + 1).value;
    assert.equal(sheet.rowCount, 3);
    assert.deepEqual(
      [at(2, 'title'), at(2, 'amount'), at(2, 'currency'), at(2, 'status'), at(2, 'customer'), at(2, 'expectedClose')],
      ['Quà Tết 200 hộp', 60_000_000, 'VND', 'Đang mở', 'Nguyễn Thị Hồng', '2027-01-20'],
    );
    assert.equal(typeof at(2, 'probability'), 'number');
    assert.ok(String(at(2, 'pipeline')).length > 0 && String(at(2, 'stage')).length > 0);
    assert.equal(at(3, 'title'), "'@Trà biếu");
    const won = rows((await api(owner).get('/api/v1/deals/export?status=won')).raw.body);
    assert.deepEqual(won, [], 'the list’s filters apply');
  });

  test('a bad filter or sort is a 422 naming it, before any file; nothing is written', async () => {
    const before = await snapshotCounts(t.core);
    const bad = await api(owner).get('/api/v1/orders/export?filter[nope][eq]=1');
    assert.equal(bad.status, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    assert.deepEqual(
      bad.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/filter[nope][eq]'],
    );
    assert.equal((await api(owner).get('/api/v1/companies/export?sort=nope')).status, 422);
    assert.equal((await api(owner).get('/api/v1/deals/export?status=maybe')).status, 422);
    assert.equal((await api(owner).get('/api/v1/products/export?format=pdf')).status, 422);
    assert.deepEqual(await snapshotCounts(t.core), before);
  });

  test('a manager’s file holds only what they may read; an agent may not export', async () => {
    const orders = rows((await api(manager).get('/api/v1/orders/export')).raw.body);
    assert.deepEqual(
      orders.map((x) => x.number),
      ['HD-1'],
      'the order of a customer outside the team is left out',
    );
    const deals = rows((await api(manager).get('/api/v1/deals/export')).raw.body);
    assert.deepEqual(
      deals.map((x) => x.title),
      ['Quà Tết 200 hộp'],
    );
    const refused = await api(agent).get('/api/v1/orders/export');
    assert.equal(refused.status, 403);
    assert.match(String(refused.headers['content-type']), /problem\+json/);
  });
});
