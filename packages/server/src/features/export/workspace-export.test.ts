import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  agent = await makeMember(t.core, owner.workspaceId, 'agent');
});
after(() => t.close());

test('the whole workspace as JSON Lines: every kind of record, orders with their lines, nothing secret', async () => {
  const api = client(t.app, owner.token);
  const co = await api.post('/api/v1/companies', { name: 'Công ty Sen' });
  const c = await api.post('/api/v1/contacts', { name: 'Nguyễn Văn "Xuất" Khẩu', companyId: co.body.id, notes: 'dòng một\ndòng hai' });
  const p = await api.post('/api/v1/products', { sku: 'X-1', name: 'Trà', price: 100_000 });
  await api.post('/api/v1/orders', { contactId: c.body.id, lines: [{ productId: p.body.id, quantity: 2 }] });
  await api.post('/api/v1/interactions', { contactId: c.body.id, kind: 'call' });
  await api.post('/api/v1/tasks', { title: 'Gọi lại', contactId: c.body.id });
  const other = await makeWorkspace(t.core, { name: 'Khác' });
  await client(t.app, other.owner.token).post('/api/v1/contacts', { name: 'Người ngoài' });

  const r = await api.get('/api/v1/workspace/export');
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-type']), /application\/x-ndjson/);
  const lines = r.raw.body
    .trimEnd()
    .split('\n')
    .map((l: string) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
  assert.equal(lines[0]!.type, 'export');
  assert.equal((lines[0]!.data.workspace as { id: string }).id, owner.workspaceId);
  const types = lines.map((l) => l.type);
  for (const k of ['member', 'company', 'contact', 'product', 'order', 'interaction', 'task']) assert.ok(types.includes(k), k);
  const contact = lines.find((l) => l.type === 'contact')!.data;
  assert.equal(contact.name, 'Nguyễn Văn "Xuất" Khẩu');
  assert.equal(contact.notes, 'dòng một\ndòng hai', 'one record per line, whatever the text holds');
  const order = lines.find((l) => l.type === 'order')!.data as { total: number; lines: unknown[] };
  assert.equal(order.total, 200_000);
  assert.equal(order.lines.length, 1);
  assert.ok(!r.raw.body.includes('Người ngoài'), 'another workspace stays out');
  assert.ok(!/password|token_hash|\$argon2/.test(r.raw.body), 'no secrets');
  const refused = await client(t.app, agent.token).get('/api/v1/workspace/export');
  assert.equal(refused.status, 403);
});
