import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const teamA = await makeTeam(t.core, owner.workspaceId, 'Đội A');
  const teamB = await makeTeam(t.core, owner.workspaceId, 'Đội B');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [teamA] });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamA] });
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
  outsider = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamB] });
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);

async function contact(ownerId = owner.userId, extra: Record<string, unknown> = {}): Promise<{ id: string; lifecycleStage: string; version: number }> {
  const r = await api(owner).post('/api/v1/contacts', { name: `Khách ${unique()}`, ownerId, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function product(price = 150_000, extra: Record<string, unknown> = {}): Promise<{ id: string; sku: string; price: number }> {
  const r = await api(owner).post('/api/v1/products', { sku: `SP-${unique()}`, name: `Áo thun ${unique()}`, price, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

describe('products and categories', () => {
  test('a product: SKU unique per workspace ignoring case, price in minor units, the workspace currency by default', async () => {
    const cat = await api(owner).post('/api/v1/product-categories', { name: 'Thời trang' });
    assert.equal(cat.status, 201);
    const p = await api(manager).post('/api/v1/products', { sku: 'AO-001', name: 'Áo sơ mi trắng', price: 350_000, categoryId: cat.body.id });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    assert.equal(p.body.currency, 'VND');
    assert.equal(p.body.categoryName, 'Thời trang');
    assert.equal(p.body.active, true);
    const before = await snapshotCounts(t.core);
    const dup = await api(owner).post('/api/v1/products', { sku: 'ao-001', name: 'Khác', price: 1 });
    assert.equal(dup.status, 422);
    assert.match(String(dup.headers['content-type']), /problem\+json/);
    assert.deepEqual(
      dup.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
      [['/sku', 'not_unique']],
    );
    const frac = await api(owner).post('/api/v1/products', { sku: 'X-1', name: 'x', price: 12.5, currency: 'VNX' });
    assert.deepEqual(frac.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/currency', '/price']);
    assert.deepEqual(await snapshotCounts(t.core), before, 'nothing written by a refused product');
    assert.equal((await api(agent).post('/api/v1/products', { sku: 'AG-1', name: 'x', price: 1 })).status, 403);

    const found = await api(agent).get('/api/v1/products?q=ao so');
    assert.deepEqual(
      found.body.data.map((x: { sku: string }) => x.sku),
      ['AO-001'],
      'words of the name, without diacritics',
    );
    assert.deepEqual(
      (await api(agent).get('/api/v1/products?q=ao-0')).body.data.map((x: { sku: string }) => x.sku),
      ['AO-001'],
      'the start of the SKU',
    );
    const inCat = await api(agent).get(`/api/v1/products?filter[categoryId][eq]=${cat.body.id}`);
    assert.equal(inCat.body.data.length, 1);

    const cats = await api(viewer).get('/api/v1/product-categories');
    assert.equal(cats.body.data.find((c: { id: string }) => c.id === cat.body.id).productCount, 1);
    assert.equal((await api(owner).delete(`/api/v1/product-categories/${cat.body.id}`)).status, 204);
    assert.equal((await api(owner).get(`/api/v1/products/${p.body.id}`)).body.categoryId, null, 'products stay, without the category');

    // A deleted product frees its SKU; restoring it while another holds the SKU is refused.
    assert.equal((await api(owner).delete(`/api/v1/products/${p.body.id}`)).status, 204);
    const again = await api(owner).post('/api/v1/products', { sku: 'AO-001', name: 'Áo mới', price: 1 });
    assert.equal(again.status, 201);
    const restore = await api(owner).post(`/api/v1/products/${p.body.id}/restore`);
    assert.equal(restore.status, 422);
    assert.equal(restore.body.errors[0].pointer, '/sku');
  });

  test('a product update honours If-Match and is audited', async () => {
    const p = await product();
    const stale = await api(owner).patch(`/api/v1/products/${p.id}`, { price: 1 }, { 'if-match': '"7"' });
    assert.equal(stale.status, 412);
    const ok = await api(owner).patch(`/api/v1/products/${p.id}`, { price: 175_000, active: false }, { 'if-match': '"1"' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.price, 175_000);
    assert.equal(ok.headers.etag, '"2"');
    const audit = await api(owner).get(`/api/v1/audit?entityType=product&entityId=${p.id}`);
    assert.deepEqual(
      audit.body.data.map((a: { action: string }) => a.action),
      ['update', 'create'],
    );
    assert.deepEqual(audit.body.data[0].after, { price: 175_000, active: false });
  });
});

describe('orders', () => {
  test('totals are computed by Kith from the lines, never taken from the caller; a number is given', async () => {
    const c = await contact(agent.userId);
    const shirt = await product(150_000);
    const r = await api(agent).post('/api/v1/orders', {
      contactId: c.id,
      channel: 'zalo',
      orderedAt: '2026-01-25T10:00:00+07:00',
      lines: [
        { productId: shirt.id, quantity: 2 },
        { name: 'Phí gói quà', quantity: 1, unitPrice: 20_000, discount: 5_000 },
      ],
      discount: 15_000,
      shipping: 30_000,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.number, /^DH\d{6}$/);
    assert.equal(r.body.orderedAt, '2026-01-25T03:00:00.000Z');
    assert.deepEqual(
      r.body.lines.map((l: { lineTotal: number }) => l.lineTotal),
      [300_000, 15_000],
    );
    assert.equal(r.body.lines[0].sku, shirt.sku, 'the product’s SKU, name and price are copied onto the line');
    assert.equal(r.body.subtotal, 315_000);
    assert.equal(r.body.total, 330_000);
    assert.equal(r.body.currency, 'VND');
    assert.equal(r.body.status, 'placed');

    // Sending a total is not allowed at all: the schema is strict.
    const forged = await api(owner).post('/api/v1/orders', { contactId: c.id, lines: [{ productId: shirt.id, quantity: 1 }], total: 1 });
    assert.equal(forged.status, 422);
    assert.equal(forged.body.errors[0].code, 'unknown_field');

    // The product's later price change does not touch the order.
    await api(owner).patch(`/api/v1/products/${shirt.id}`, { price: 999_000 });
    assert.equal((await api(owner).get(`/api/v1/orders/${r.body.id}`)).body.lines[0].unitPrice, 150_000);
  });

  test('a bad order names each field and row and writes nothing', async () => {
    const c = await contact();
    const usd = await product(1999, { currency: 'USD' });
    const before = await snapshotCounts(t.core);
    const r = await api(owner).post('/api/v1/orders/bulk', {
      items: [
        { contactId: c.id, lines: [{ productId: usd.id, quantity: 1 }] },
        { contactId: '0190f3a0-0000-7000-8000-000000000001', lines: [{ name: 'x', quantity: 1, unitPrice: 100, discount: 101 }] },
        { contactId: c.id, lines: [{ quantity: 1 }], number: 'A-1' },
        { contactId: c.id, lines: [{ name: 'y', quantity: 1, unitPrice: 10 }], number: 'a-1', discount: 11 },
      ],
    });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`),
      [
        '/items/0/lines/0/unitPrice currency_mismatch',
        '/items/1/contactId not_found',
        '/items/1/lines/0/discount too_big',
        '/items/2/lines/0/name required',
        '/items/2/lines/0/unitPrice required',
        '/items/3/discount too_big',
        '/items/3/number not_unique',
      ],
    );
    assert.deepEqual(await snapshotCounts(t.core), before, 'no order, line or audit entry from a refused batch');
  });

  test('numbers and external ids are unique; a bulk batch is all or nothing', async () => {
    const c = await contact();
    const first = await api(owner).post('/api/v1/orders', {
      contactId: c.id,
      number: 'HD-2026-0001',
      externalId: 'shopee:991',
      lines: [{ name: 'Sách', quantity: 1, unitPrice: 89_000 }],
    });
    assert.equal(first.status, 201);
    const before = await snapshotCounts(t.core);
    const r = await api(owner).post('/api/v1/orders/bulk', {
      items: [
        { contactId: c.id, number: 'HD-2026-0002', lines: [{ name: 'Bút', quantity: 3, unitPrice: 5_000 }] },
        { contactId: c.id, number: 'hd-2026-0001', lines: [{ name: 'Vở', quantity: 1, unitPrice: 12_000 }] },
        { contactId: c.id, externalId: 'shopee:991', lines: [{ name: 'Vở', quantity: 1, unitPrice: 12_000 }] },
      ],
    });
    assert.equal(r.status, 422);
    assert.deepEqual(
      r.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/items/1/number', '/items/2/externalId'],
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
    const ok = await api(owner).post('/api/v1/orders/bulk', {
      items: [
        { contactId: c.id, lines: [{ name: 'Bút', quantity: 3, unitPrice: 5_000 }] },
        { contactId: c.id, lines: [{ name: 'Vở', quantity: 2, unitPrice: 12_000 }] },
      ],
    });
    assert.equal(ok.status, 201);
    assert.equal(new Set(ok.body.data.map((o: { number: string }) => o.number)).size, 2, 'two distinct numbers given');
  });

  test('purchases move the customer’s lifecycle stage where the workspace allows it, audited on the customer', async () => {
    const c = await contact(owner.userId, { lifecycleStage: 'lead' });
    const buy = () => api(owner).post('/api/v1/orders', { contactId: c.id, lines: [{ name: 'Cà phê', quantity: 1, unitPrice: 45_000 }] });
    await buy();
    assert.equal((await api(owner).get(`/api/v1/contacts/${c.id}`)).body.lifecycleStage, 'new_customer');
    const cancelled = await api(owner).post('/api/v1/orders', {
      contactId: c.id,
      status: 'cancelled',
      lines: [{ name: 'Trà', quantity: 1, unitPrice: 30_000 }],
    });
    assert.equal((await api(owner).get(`/api/v1/contacts/${c.id}`)).body.lifecycleStage, 'new_customer', 'a cancelled order is not a purchase');
    await buy();
    const after = await api(owner).get(`/api/v1/contacts/${c.id}`);
    assert.equal(after.body.lifecycleStage, 'repeat');
    const audit = await api(owner).get(`/api/v1/audit?entityType=contact&entityId=${c.id}`);
    const moves = audit.body.data.filter(
      (a: { after: Record<string, unknown> | null; action: string }) => a.after && 'lifecycleStage' in a.after && a.action === 'update',
    );
    assert.deepEqual(
      moves.map((a: { after: { lifecycleStage: string } }) => a.after.lifecycleStage),
      ['repeat', 'new_customer'],
    );
    assert.equal(moves[0].meta.cause, 'order');

    // Reopening the cancelled order makes it a purchase again: three purchases, still repeat (loyal after 5).
    const reopened = await api(owner).patch(`/api/v1/orders/${cancelled.body.id}`, { status: 'placed' });
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
    assert.equal((await api(owner).patch('/api/v1/workspace', { loyalAfter: 3 })).status, 200);
    await buy();
    assert.equal((await api(owner).get(`/api/v1/contacts/${c.id}`)).body.lifecycleStage, 'loyal');

    // A workspace that manages stages by hand.
    assert.equal((await api(owner).patch('/api/v1/workspace', { lifecycleAuto: false, loyalAfter: 5 })).body.lifecycleAuto, false);
    const d = await contact(owner.userId, { lifecycleStage: 'prospect' });
    await api(owner).post('/api/v1/orders', { contactId: d.id, lines: [{ name: 'Bánh', quantity: 1, unitPrice: 25_000 }] });
    assert.equal((await api(owner).get(`/api/v1/contacts/${d.id}`)).body.lifecycleStage, 'prospect');
    await api(owner).patch('/api/v1/workspace', { lifecycleAuto: true });
  });

  test('status moves along the allowed transitions only; lines replace and totals follow; If-Match', async () => {
    const c = await contact();
    const o = (await api(owner).post('/api/v1/orders', { contactId: c.id, lines: [{ name: 'Giày', quantity: 1, unitPrice: 500_000 }] })).body;
    const bad = await api(owner).patch(`/api/v1/orders/${o.id}`, { status: 'returned' });
    assert.equal(bad.status, 422);
    assert.deepEqual([bad.body.errors[0].code, bad.body.errors[0].params], ['invalid_transition', { from: 'placed', to: 'returned' }]);
    const paid = await api(owner).patch(
      `/api/v1/orders/${o.id}`,
      { status: 'paid', lines: [{ name: 'Giày', quantity: 2, unitPrice: 500_000, discount: 100_000 }] },
      { 'if-match': '"1"' },
    );
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    assert.equal(paid.body.total, 900_000);
    assert.equal(paid.body.lines.length, 1);
    const stale = await api(owner).patch(`/api/v1/orders/${o.id}`, { notes: 'ghi chú' }, { 'if-match': '"1"' });
    assert.equal(stale.status, 412);
    const audit = await api(owner).get(`/api/v1/audit?entityType=order&entityId=${o.id}`);
    assert.deepEqual(audit.body.data[0].after.status, 'paid');
    assert.equal(audit.body.data[0].before.lines[0].quantity, 1);
  });

  test('an order is in scope exactly when its customer is; a viewer reads all and writes nothing', async () => {
    const mine = await contact(agent.userId);
    const theirs = await contact(outsider.userId);
    const own = await api(agent).post('/api/v1/orders', { contactId: mine.id, lines: [{ name: 'Túi', quantity: 1, unitPrice: 200_000 }] });
    assert.equal(own.status, 201);
    const other = await api(owner).post('/api/v1/orders', { contactId: theirs.id, lines: [{ name: 'Mũ', quantity: 1, unitPrice: 90_000 }] });
    assert.equal((await api(agent).get(`/api/v1/orders/${other.body.id}`)).status, 404, 'not visible, exactly as missing');
    assert.equal((await api(agent).patch(`/api/v1/orders/${other.body.id}`, { notes: 'x' })).status, 404);
    const forOther = await api(agent).post('/api/v1/orders', { contactId: theirs.id, lines: [{ name: 'Mũ', quantity: 1, unitPrice: 90_000 }] });
    assert.equal(forOther.status, 422);
    assert.equal(forOther.body.errors[0].pointer, '/contactId');
    const list = await api(agent).get('/api/v1/orders?limit=200');
    assert.ok(list.body.data.some((o: { id: string }) => o.id === own.body.id));
    assert.ok(!list.body.data.some((o: { id: string }) => o.id === other.body.id));
    assert.equal((await api(agent).delete(`/api/v1/orders/${own.body.id}`)).status, 403);
    assert.equal((await api(viewer).get(`/api/v1/orders/${other.body.id}`)).status, 200);
    assert.equal((await api(viewer).post('/api/v1/orders', { contactId: mine.id, lines: [{ name: 'x', quantity: 1, unitPrice: 1 }] })).status, 403);
    assert.equal((await api(manager).delete(`/api/v1/orders/${own.body.id}`)).status, 204, 'a manager of the team deletes');
    assert.equal((await api(agent).get(`/api/v1/orders/${own.body.id}`)).status, 404);
    assert.equal((await api(owner).post(`/api/v1/orders/${own.body.id}/restore`)).status, 200);
  });

  test('the list filters by customer, status and date, pages by cursor, and sums per currency', async () => {
    const c = await contact();
    const days = ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10', '2025-05-10'];
    for (const [i, d] of days.entries()) {
      const r = await api(owner).post('/api/v1/orders', {
        contactId: c.id,
        orderedAt: `${d}T09:00:00+07:00`,
        status: i === 4 ? 'cancelled' : 'paid',
        lines: [{ name: 'Gạo', quantity: i + 1, unitPrice: 100_000 }],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const base = `/api/v1/orders?filter[contactId][eq]=${c.id}`;
    const all = await api(owner).get(`${base}&limit=2&includeTotal=true`);
    assert.equal(all.body.total, 5);
    assert.deepEqual(all.body.sum, [{ currency: 'VND', total: 1_500_000 }]);
    assert.deepEqual(
      all.body.data.map((o: { orderedAt: string }) => o.orderedAt.slice(0, 10)),
      ['2025-05-10', '2025-04-10'],
      'newest first',
    );
    assert.equal(all.body.data[0].lineCount, 1);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { orderedAt: string }[]; nextCursor: string | null } } = await api(owner).get(
        `${base}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.body.data.map((o) => o.orderedAt.slice(0, 10)));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...days].reverse());
    const paidQ1 = await api(owner).get(`${base}&filter[status][eq]=paid&filter[orderedAt][lt]=2025-04-01T00:00:00Z&sort=orderedAt`);
    assert.deepEqual(
      paidQ1.body.data.map((o: { total: number }) => o.total),
      [100_000, 200_000, 300_000],
    );
    const bad = await api(owner).get(`${base}&filter[status][eq]=shipped`);
    assert.equal(bad.status, 422);
  });
});

describe('orders across workspaces', () => {
  test('another workspace’s customers, products and orders do not exist here', async () => {
    const other = await makeWorkspace(t.core, { name: 'Khác' });
    const theirContact = await client(t.app, other.owner.token).post('/api/v1/contacts', { name: 'Người ngoài' });
    const theirProduct = await client(t.app, other.owner.token).post('/api/v1/products', { sku: 'OUT-1', name: 'Ngoài', price: 1 });
    const theirOrder = await client(t.app, other.owner.token).post('/api/v1/orders', {
      contactId: theirContact.body.id,
      lines: [{ productId: theirProduct.body.id, quantity: 1 }],
    });
    assert.equal(theirOrder.status, 201, JSON.stringify(theirOrder.body));
    assert.equal((await api(owner).get(`/api/v1/orders/${theirOrder.body.id}`)).status, 404);
    assert.equal((await api(owner).get(`/api/v1/products/${theirProduct.body.id}`)).status, 404);
    const c = await contact();
    const r = await api(owner).post('/api/v1/orders', { contactId: theirContact.body.id, lines: [{ productId: theirProduct.body.id, quantity: 1 }] });
    assert.deepEqual(
      r.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/contactId', '/lines/0/productId'],
    );
    const move = await api(owner).patch(`/api/v1/orders/${theirOrder.body.id}`, { contactId: c.id });
    assert.equal(move.status, 404);
    assert.ok(!(await api(owner).get('/api/v1/orders?limit=200')).body.data.some((o: { id: string }) => o.id === theirOrder.body.id));
  });
});
