import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, runJobsUntilIdle } from '../../../test/factories.ts';
import { DEFAULT_ANALYTICS_SETTINGS } from '@kith/domain/analytics/settings.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const day = (d: number) => new Date(Date.UTC(2025, 0, 3) + d * 86_400_000).toISOString();

/**
 * 12 customers of a coffee shop. Customers 0–5 buy coffee and filters (and 0–2 a mug too), 6–11 tea; customer i
 * buys every (i + 1) × 20 days through 2025, for 100,000 × (12 − i) each time.
 */
async function shop() {
  const { owner } = await makeWorkspace(t.core);
  const api = client(t.app, owner.token);
  const cat = async (name: string) => (await api.post('/api/v1/product-categories', { name })).body.id as string;
  const drinks = await cat('Đồ uống');
  const gear = await cat('Dụng cụ');
  const product = async (sku: string, name: string, categoryId: string, o: Record<string, unknown> = {}) => {
    const r = await api.post('/api/v1/products', { sku, name, price: 100_000, categoryId, ...o });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const p = {
    coffee: await product('CF', 'Cà phê', drinks),
    filter: await product('FL', 'Phin lọc', gear),
    tea: await product('TEA', 'Trà', drinks),
    mug: await product('MUG', 'Cốc', gear),
  };
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const c = await api.post('/api/v1/contacts', { name: `Khách ${i + 1}`, interests: i < 6 ? ['cà phê'] : ['trà'] });
    ids.push(c.body.id);
    for (let d = 0; d < 360; d += (i + 1) * 20) {
      const lines =
        i < 6
          ? [
              { productId: p.coffee, name: 'Cà phê', quantity: 2, unitPrice: 50_000 * (12 - i) },
              ...(d === 0 ? [{ productId: p.filter, name: 'Phin lọc', quantity: 1, unitPrice: 10_000 }] : []),
              ...(i < 3 && d === 0 ? [{ productId: p.mug, name: 'Cốc', quantity: 1, unitPrice: 5_000 }] : []),
            ]
          : [{ productId: p.tea, name: 'Trà', quantity: 1, unitPrice: 100_000 * (12 - i) }];
      const o = await api.post('/api/v1/orders', { contactId: c.body.id, orderedAt: day(d), lines });
      assert.equal(o.status, 201, JSON.stringify(o.body));
    }
  }
  return { owner, api, ids, p };
}

async function refresh(api: ReturnType<typeof client>) {
  const started = await api.post('/api/v1/analytics/scores/refresh', { asOf: '2026-01-01' });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  await runJobsUntilIdle(t.core);
}

describe('value tiers, needs and affinities', () => {
  test('a refresh gives every valued customer a tier: the top 20% by value most valuable, the alive and growing most growable, the rest maintained', async () => {
    const { api, ids } = await shop();
    await refresh(api);
    const scores = await Promise.all(ids.map(async (id) => (await api.get(`/api/v1/contacts/${id}/scores`)).body.scores));
    const tiers = scores.map((s) => s.tier);
    assert.equal(tiers.filter((x) => x === 'most_valuable').length, 3, 'ceil(20% of 12)');
    const byValue = [...scores].sort((a, b) => b.netValue - a.netValue);
    assert.deepEqual(
      byValue.slice(0, 3).map((s) => s.tier),
      ['most_valuable', 'most_valuable', 'most_valuable'],
    );
    assert.ok(tiers.filter((x) => x === 'most_growable').length <= 2, 'at most floor(20% of 12)');
    assert.equal(tiers.includes('below_zero'), false, 'no costs set');
    for (const s of scores) {
      if (s.tier === 'most_growable') assert.ok(s.growth > 0 && s.pAlive >= 0.5, JSON.stringify(s));
      assert.ok(Number.isFinite(s.netValue) && Number.isFinite(s.growth));
    }
  });

  test('the pictures: value and P(alive) distributions, tiers, the model’s holdout check; acquisition, retention, penetration; movement between segments', async () => {
    const { owner, api } = await shop();
    await refresh(api);
    const run = (await api.get('/api/v1/analytics/scores')).body.run;
    const h = run.models.holdout;
    assert.ok(h, 'a year of history: the model is checked on its second half');
    assert.equal(h.holdoutEnd, '2026-01-01');
    assert.equal(
      h.byFrequency.reduce((s: number, b: { customers: number }) => s + b.customers, 0),
      12,
    );
    assert.ok(h.tracking.length > 5 && h.tracking.at(-1).date === '2026-01-01' && h.tracking.at(-1).actual > 0);

    const v = (await api.get('/api/v1/analytics/value')).body;
    assert.equal(v.customers, 12);
    assert.equal(
      v.clv.reduce((s: number, b: { customers: number }) => s + b.customers, 0),
      12,
    );
    assert.equal(
      v.pAlive.reduce((s: number, b: { customers: number }) => s + b.customers, 0),
      12,
    );
    assert.equal(v.pAlive.length, 10);
    assert.equal(v.tiers.find((x: { tier: string }) => x.tier === 'most_valuable').customers, 3);
    for (const b of v.clv) assert.ok(b.to > b.from);

    const p = (await api.get('/api/v1/analytics/customers?asOf=2026-01-01&months=13')).body;
    assert.equal(p.months.length, 13);
    assert.deepEqual([p.months[0], p.months.at(-1)], ['2025-01', '2026-01']);
    assert.equal(p.acquisition.total[0], 12, 'all twelve first bought in January 2025');
    assert.equal(p.retention.cohorts[0].size, 12);
    assert.equal(p.retention.cohorts[0].retained[0], 1);
    assert.equal(p.retention.repeatRate, 1, 'every one of them bought at least twice');
    assert.equal(p.categories.crossSellRate, 0.5, 'coffee buyers also bought gear; tea buyers only tea');
    assert.equal(p.customers, 12);
    assert.ok(p.penetration.repeatRevenueShare > 0.5 && p.penetration.repeatRevenueShare < 1);
    assert.equal((await api.get('/api/v1/analytics/customers?months=2')).status, 422);

    const m = (await api.get('/api/v1/analytics/rfm/movement?from=2025-03-01&to=2026-01-01')).body;
    assert.equal(
      m.flows.reduce((s: number, f: { customers: number }) => s + f.customers, 0),
      12,
    );
    assert.equal(
      m.flows.some((f: { from: string }) => f.from === 'none'),
      false,
      'all were customers by March',
    );
    const fromStart = (await api.get('/api/v1/analytics/rfm/movement?from=2024-12-31&to=2026-01-01')).body;
    assert.equal(
      fromStart.flows.filter((f: { from: string }) => f.from === 'none').reduce((s: number, f: { customers: number }) => s + f.customers, 0),
      12,
      'none of them a customer yet at the start',
    );
    assert.equal((await api.get('/api/v1/analytics/rfm/movement?from=2026-01-01&to=2025-01-01')).status, 422);
    const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
    assert.equal((await client(t.app, viewer.token).get('/api/v1/analytics/customers')).status, 200);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    assert.equal((await client(t.app, agent.token).get('/api/v1/analytics/value')).status, 403);
  });

  test('settings: an edited grid renames segments and a cost to serve puts customers below zero, from the next refresh; bad settings are a 422 naming the field; only managers and up may change them', async () => {
    const { owner, api, ids } = await shop();
    const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    assert.deepEqual((await api.get('/api/v1/analytics/settings')).body, DEFAULT_ANALYTICS_SETTINGS);
    const grid = DEFAULT_ANALYTICS_SETTINGS.rfmGrid.map((row) => row.map(() => 'loyal'));
    const costly = { rfmGrid: grid, tiers: { ...DEFAULT_ANALYTICS_SETTINGS.tiers, costPerOrder: 5_000_000, costPerCustomerYear: 0 } };
    assert.equal((await client(t.app, viewer.token).put('/api/v1/analytics/settings', costly)).status, 403);
    assert.equal((await client(t.app, agent.token).put('/api/v1/analytics/settings', costly)).status, 403);
    const bad = await api.put('/api/v1/analytics/settings', { ...costly, tiers: { ...costly.tiers, mvcShare: 2 } });
    assert.equal(bad.status, 422);
    assert.match(JSON.stringify(bad.body), /mvcShare/);
    const badGrid = await api.put('/api/v1/analytics/settings', { ...costly, rfmGrid: [['loyal']] });
    assert.equal(badGrid.status, 422);
    const ok = await api.put('/api/v1/analytics/settings', costly);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual((await client(t.app, viewer.token).get('/api/v1/analytics/settings')).body, costly);
    await refresh(api);
    const s0 = (await api.get(`/api/v1/contacts/${ids[0]}/scores`)).body.scores;
    assert.equal(s0.segment, 'loyal', 'every cell of the edited grid');
    assert.equal(s0.tier, 'below_zero', '5,000,000 an order costs more than any of them brings');
    assert.ok(s0.netValue < 0);
    const rfm = (await api.get('/api/v1/analytics/rfm?asOf=2026-01-01')).body;
    assert.equal(rfm.segments.find((x: { segment: string }) => x.segment === 'loyal').customers, 12, 'the RFM page reads the grid too');
    const audit = await t.core.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('workspace_id', '=', owner.workspaceId)
      .where('entity_type', '=', 'workspace')
      .execute();
    assert.equal(audit.length, 1, 'the change is audited');
  });

  test('needs: categories by share of spend, interests, and "customers like this also bought" from co-purchase lift; scoped to what the caller may see', async () => {
    const { owner, api, ids, p } = await shop();
    // Before any refresh: the profile, without suggestions.
    const before = (await api.get(`/api/v1/contacts/${ids[4]}/needs`)).body;
    assert.deepEqual(before.suggestions, []);
    assert.deepEqual(before.interests, ['cà phê']);
    await refresh(api);
    const pairs = await t.core.db.selectFrom('product_affinities').selectAll().where('workspace_id', '=', owner.workspaceId).execute();
    // coffee (6 buyers) and filter (6): together 6 of 12 → lift 2; mug (3, all with coffee and filter) → lift 4 with each.
    const lift = (a: string, b: string) => Number(pairs.find((x) => x.product_id === a && x.other_product_id === b)?.lift);
    assert.equal(lift(p.coffee, p.filter), 2);
    assert.equal(lift(p.filter, p.mug), 2, '3·12/(6·3)');
    assert.equal(
      pairs.some((x) => x.product_id === p.tea || x.other_product_id === p.tea),
      false,
      'tea goes with nothing',
    );
    // Customer 4 bought coffee and filters, not the mug: customers like them bought one.
    const needs = (await api.get(`/api/v1/contacts/${ids[4]}/needs`)).body;
    assert.deepEqual(
      needs.suggestions.map((s: { product: { sku: string } }) => s.product.sku),
      ['MUG'],
    );
    assert.ok(['CF', 'FL'].includes(needs.suggestions[0].because.sku));
    assert.equal(needs.categories[0].category, 'Đồ uống');
    assert.ok(Math.abs(needs.categories.reduce((t: number, c: { share: number }) => t + c.share, 0) - 1) < 1e-9);
    assert.equal(needs.categories.find((c: { category: string }) => c.category === 'Dụng cụ').orders, 1);
    assert.deepEqual((await api.get(`/api/v1/contacts/${ids[0]}/needs`)).body.suggestions, [], 'has bought everything that goes together');
    // An inactive product is not offered.
    assert.equal((await api.patch(`/api/v1/products/${p.mug}`, { active: false })).status, 200);
    assert.deepEqual((await api.get(`/api/v1/contacts/${ids[4]}/needs`)).body.suggestions, []);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    assert.equal((await client(t.app, agent.token).get(`/api/v1/contacts/${ids[4]}/needs`)).status, 404, 'not in the agent’s scope');
    const other = await makeWorkspace(t.core);
    assert.equal((await client(t.app, other.owner.token).get(`/api/v1/contacts/${ids[4]}/needs`)).status, 404, 'another workspace');
  });
});
