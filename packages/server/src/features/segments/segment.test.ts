import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, runJobsUntilIdle } from '../../../test/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const day = (d: number) => new Date(Date.UTC(2025, 0, 3) + d * 86_400_000).toISOString();

/**
 * A shop of 14 customers: 0–11 buy through 2025 (customer i every (i + 1) × 20 days; 0–5 coffee, 6–11 tea);
 * 12 and 13 never buy. Customers 0, 6 and 12 are tagged vip; 12 and 13 are leads; 3 had a call in 2025.
 */
async function shop() {
  const { owner } = await makeWorkspace(t.core);
  const api = client(t.app, owner.token);
  const drinks = (await api.post('/api/v1/product-categories', { name: 'Cà phê' })).body.id as string;
  const leaves = (await api.post('/api/v1/product-categories', { name: 'Trà' })).body.id as string;
  const coffee = (await api.post('/api/v1/products', { sku: 'CF', name: 'Cà phê', price: 50_000, categoryId: drinks })).body.id as string;
  const tea = (await api.post('/api/v1/products', { sku: 'TEA', name: 'Trà', price: 50_000, categoryId: leaves })).body.id as string;
  const ids: string[] = [];
  for (let i = 0; i < 14; i++) {
    const c = await api.post('/api/v1/contacts', { name: `Khách ${i}`, tags: i % 6 === 0 ? ['vip'] : [], lifecycleStage: i >= 12 ? 'lead' : 'prospect' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    ids.push(c.body.id);
    if (i >= 12) continue;
    for (let d = 0; d < 360; d += (i + 1) * 20) {
      const o = await api.post('/api/v1/orders', {
        contactId: c.body.id,
        orderedAt: day(d),
        lines: [{ productId: i < 6 ? coffee : tea, name: 'x', quantity: 1, unitPrice: 100_000 * (12 - i) }],
      });
      assert.equal(o.status, 201, JSON.stringify(o.body));
    }
  }
  const call = await api.post('/api/v1/interactions', { contactId: ids[3], kind: 'call', direction: 'inbound', occurredAt: day(200), subject: 'Hỏi giá' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  assert.equal((await api.post('/api/v1/analytics/scores/refresh', { asOf: '2026-01-01' })).status, 202);
  await runJobsUntilIdle(t.core);
  return { owner, api, ids, drinks, leaves };
}

const cond = (field: string, op: string, value: string) => ({ field, op, value });
const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

describe('segments', () => {
  test('the builder’s fields: profile, custom, RFM, value, tier, last interaction, purchased category, lifecycle — with operators and values', async () => {
    const { api } = await shop();
    assert.equal(
      (await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'hang', label: 'Hạng', type: 'select', options: [{ value: 'gold', label: 'Vàng' }] }))
        .status,
      201,
    );
    const fields = (await api.get('/api/v1/segments/fields')).body.data as {
      name: string;
      type: string;
      ops: string[];
      values?: string[];
      custom?: { label: string };
    }[];
    const f = (n: string) => fields.find((x) => x.name === n)!;
    assert.deepEqual(f('rfmSegment').values?.slice(0, 2), ['champions', 'loyal']);
    assert.deepEqual(f('valueTier').values, ['most_valuable', 'most_growable', 'maintain', 'below_zero']);
    assert.ok(f('clv').ops.includes('gte') && f('pAlive').type === 'number');
    assert.equal(f('lastInteractionAt').type, 'datetime');
    assert.deepEqual(f('purchasedCategory').ops, ['has']);
    assert.ok(f('lifecycleStage').values!.includes('lead'));
    assert.equal(f('custom.hang').custom!.label, 'Hạng');
    assert.equal(
      fields.some((x) => x.name === 'company'),
      false,
      'sort-only names are not conditions',
    );
  });

  test('AND/OR groups: a live count and a sample; saved, it lists exactly its contacts, follows the data and exports', async () => {
    const { api, ids, drinks } = await shop();
    // (vip AND lead) OR (bought coffee AND value tier most valuable)
    const definition = {
      match: 'any',
      groups: [
        { match: 'all', conditions: [cond('tags', 'has', 'vip'), cond('lifecycleStage', 'eq', 'lead')] },
        { match: 'all', conditions: [cond('purchasedCategory', 'has', drinks), cond('valueTier', 'eq', 'most_valuable')] },
      ],
    };
    const preview = await api.post('/api/v1/segments/preview', { definition });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    // Most valuable: the top 3 of 12 by value (customers 0, 1, 2 buy most, most often) — all coffee buyers; vip leads: 12.
    assert.equal(preview.body.count, 4);
    assert.deepEqual(names(preview.body.sample), ['Khách 0', 'Khách 1', 'Khách 12', 'Khách 2']);
    const saved = await api.post('/api/v1/segments', { name: 'VIP và khách giá trị nhất', description: 'Chăm sóc riêng', definition });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const list = await api.get(`/api/v1/contacts?segment=${saved.body.id}&includeTotal=true`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.equal(list.body.total, 4);
    assert.deepEqual(names(list.body.data), ['Khách 0', 'Khách 1', 'Khách 12', 'Khách 2']);
    // The list's own filters apply on top.
    const leads = await api.get(`/api/v1/contacts?segment=${saved.body.id}&filter[lifecycleStage][eq]=lead`);
    assert.deepEqual(names(leads.body.data), ['Khách 12']);
    // Dynamic: a new vip lead is in it at once.
    assert.equal((await api.post('/api/v1/contacts', { name: 'Khách mới', tags: ['vip'], lifecycleStage: 'lead' })).status, 201);
    assert.equal((await api.get(`/api/v1/contacts?segment=${saved.body.id}&includeTotal=true`)).body.total, 5);
    // Exportable: the contacts export takes the segment.
    const csv = await api.get(`/api/v1/contacts/export?format=csv&segment=${saved.body.id}`);
    assert.equal(csv.status, 200);
    const lines = String(csv.body).trim().split('\n');
    assert.equal(lines.length, 1 + 5, 'a header and the five contacts');
    // Redefined: one OR group of conditions on RFM and P(alive).
    const redefined = await api.patch(`/api/v1/segments/${saved.body.id}`, {
      definition: { match: 'all', groups: [{ match: 'any', conditions: [cond('rfmSegment', 'in', 'champions,loyal'), cond('pAlive', 'lt', '0.2')] }] },
    });
    assert.equal(redefined.status, 200, JSON.stringify(redefined.body));
    const now = (await api.get(`/api/v1/contacts?segment=${saved.body.id}&includeTotal=true`)).body;
    assert.ok(now.total > 0 && now.total < 12, JSON.stringify(now.total));
    // Last interaction: those contacted in 2025.
    const talked = await api.post('/api/v1/segments/preview', {
      definition: { match: 'all', groups: [{ match: 'all', conditions: [cond('lastInteractionAt', 'gte', '2025-01-01')] }] },
    });
    assert.deepEqual(names(talked.body.sample), ['Khách 3']);
    assert.equal(ids.length, 14);
  });

  test('bad conditions are a 422 naming each by its place; nothing is saved', async () => {
    const { api } = await shop();
    const bad = await api.post('/api/v1/segments', {
      name: 'Hỏng',
      definition: {
        match: 'all',
        groups: [
          { match: 'all', conditions: [cond('rfmSegment', 'eq', 'vip'), cond('nope', 'eq', 'x')] },
          { match: 'any', conditions: [cond('clv', 'has', '1')] },
        ],
      },
    });
    assert.equal(bad.status, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    const paths = (bad.body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    assert.deepEqual(paths, ['/definition/groups/0/conditions/0/value', '/definition/groups/0/conditions/1/field', '/definition/groups/1/conditions/0/op']);
    assert.equal((await api.post('/api/v1/segments', { name: 'Rỗng', definition: { match: 'all', groups: [] } })).status, 422);
    assert.deepEqual((await api.get('/api/v1/segments')).body.data, []);
    assert.equal((await api.get('/api/v1/contacts?segment=not-an-id')).status, 404);
  });

  test('who sees what: a personal segment is its author’s; a shared one is everyone’s, changed by its author or an admin; counts stay within the caller’s scope; other workspaces see nothing', async () => {
    const { owner, api } = await shop();
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const manager = await makeMember(t.core, owner.workspaceId, 'manager');
    const definition = { match: 'all', groups: [{ match: 'all', conditions: [cond('lifecycleStage', 'nin', 'lead')] }] };
    const mine = (await api.post('/api/v1/segments', { name: 'Của tôi', definition })).body;
    const shared = (await api.post('/api/v1/segments', { name: 'Chung', shared: true, definition })).body;
    const asAgent = client(t.app, agent.token);
    assert.deepEqual(
      (await asAgent.get('/api/v1/segments')).body.data.map((s: { name: string }) => s.name),
      ['Chung'],
    );
    assert.equal((await asAgent.get(`/api/v1/segments/${mine.id}`)).status, 404);
    assert.equal((await asAgent.get(`/api/v1/contacts?segment=${mine.id}`)).status, 404);
    // The agent owns no customer: the shared segment lists none of the owner's for them.
    assert.equal((await asAgent.get(`/api/v1/contacts?segment=${shared.id}&includeTotal=true`)).body.total, 0);
    assert.equal((await asAgent.post('/api/v1/segments/preview', { definition })).body.count, 0);
    assert.equal((await asAgent.post('/api/v1/segments', { name: 'x', shared: true, definition })).status, 403, 'an agent may not share');
    assert.equal((await asAgent.patch(`/api/v1/segments/${shared.id}`, { name: 'đổi' })).status, 403);
    assert.equal((await client(t.app, manager.token).delete(`/api/v1/segments/${shared.id}`)).status, 403, 'views.manage is an admin’s');
    assert.equal((await api.get(`/api/v1/contacts?segment=${shared.id}&includeTotal=true`)).body.total, 12);
    const other = await makeWorkspace(t.core);
    const outsider = client(t.app, other.owner.token);
    assert.equal((await outsider.get(`/api/v1/segments/${shared.id}`)).status, 404);
    assert.equal((await outsider.get(`/api/v1/contacts?segment=${shared.id}`)).status, 404);
    assert.equal((await api.delete(`/api/v1/segments/${shared.id}`)).status, 204);
    assert.equal((await asAgent.get(`/api/v1/segments/${shared.id}`)).status, 404);
  });

  test('contact lists filter and sort by the stored scores', async () => {
    const { api } = await shop();
    const top = await api.get('/api/v1/contacts?filter[valueTier][eq]=most_valuable&sort=-clv');
    assert.equal(top.status, 200, JSON.stringify(top.body));
    assert.deepEqual(
      top.body.data.map((c: { name: string }) => c.name),
      ['Khách 0', 'Khách 1', 'Khách 2'],
    );
    // Each row carries its scores for the list's columns; descending by value.
    const rows = top.body.data as { scores: { tier: string; clv: number; segment: string; r: number } }[];
    assert.ok(rows.every((c) => c.scores.tier === 'most_valuable' && c.scores.r >= 1 && c.scores.segment.length > 0));
    assert.ok(rows[0]!.scores.clv >= rows[1]!.scores.clv && rows[1]!.scores.clv >= rows[2]!.scores.clv);
    const never = await api.get('/api/v1/contacts?filter[rfmSegment][empty]=true&includeTotal=true');
    assert.equal(never.body.total, 2, 'the two who never bought have no scores');
    assert.ok(never.body.data.every((c: { scores: unknown }) => c.scores === null));
    const bad = await api.get('/api/v1/contacts?filter[pAlive][gte]=often');
    assert.equal(bad.status, 422);
    // Sorting by a score pages with a cursor like any other field.
    const p1 = await api.get('/api/v1/contacts?sort=-totalSpend&limit=5');
    const p2 = await api.get(`/api/v1/contacts?sort=-totalSpend&limit=5&cursor=${encodeURIComponent(p1.body.nextCursor)}`);
    const p3 = await api.get(`/api/v1/contacts?sort=-totalSpend&limit=5&cursor=${encodeURIComponent(p2.body.nextCursor)}`);
    const all = [...p1.body.data, ...p2.body.data, ...p3.body.data].map((c: { name: string }) => c.name);
    assert.equal(new Set(all).size, 14);
    assert.deepEqual(all.slice(-2).sort(), ['Khách 12', 'Khách 13'], 'no spend sorts last');
  });
});
