import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { workspaceRfm } from './rfm.service.ts';

let t: TestApp;
let owner: TestUser;
const ids: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const api = client(t.app, owner.token);
  for (const name of ['An', 'Bình', 'Chi', 'Dũng', 'Em', 'Phúc']) {
    const r = await api.post('/api/v1/contacts', { name });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids[name] = r.body.id;
  }
  const order = async (who: string, orderedAt: string, price: number, extra: Record<string, unknown> = {}) => {
    const r = await api.post('/api/v1/orders', { contactId: ids[who], orderedAt, lines: [{ name: 'Trà', quantity: 1, unitPrice: price }], ...extra });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  await order('An', '2026-01-01T03:00:00Z', 100_000);
  await order('An', '2026-01-01T09:00:00Z', 50_000); // the same day in Hà Nội: one purchase
  await order('An', '2026-03-01T03:00:00Z', 10_000);
  await order('Bình', '2025-06-01T03:00:00Z', 1_000_000);
  await order('Chi', '2026-03-30T03:00:00Z', 5_000);
  await order('Chi', '2026-02-01T03:00:00Z', 5_000);
  // 20:00 UTC on 31 January is 03:00 on 1 February in Hà Nội: the same purchase day as the order above.
  await order('Chi', '2026-01-31T20:00:00Z', 5_000);
  await order('Chi', '2026-01-15T03:00:00Z', 5_000);
  await order('Dũng', '2025-12-01T03:00:00Z', 20_000);
  await order('Em', '2026-03-31T03:00:00Z', 70_000);
  await order('Em', '2026-04-05T03:00:00Z', 999_000); // after the as-of date
  await order('Phúc', '2026-02-02T03:00:00Z', 500_000, { status: 'cancelled' }); // not a purchase
  const gone = await order('Phúc', '2026-02-03T03:00:00Z', 500_000);
  assert.equal((await api.delete(`/api/v1/orders/${gone}`)).status, 204);
  await order('Phúc', '2026-02-04T03:00:00Z', 25_00, { currency: 'USD' }); // another currency: left out, counted
});
after(() => t.close());

describe('RFM over the workspace’s orders', () => {
  test('purchase days in the workspace’s time zone, purchases only, the workspace’s currency; scores as the domain gives them, on either database', async () => {
    const r = await workspaceRfm(t.core, owner.actor, '2026-03-31');
    const by = Object.fromEntries(
      r.rows.map((x) => [Object.keys(ids).find((k) => ids[k] === x.customerId)!, [x.recency, x.frequency, x.monetary, x.r, x.f, x.m, x.segment]]),
    );
    assert.deepEqual(by, {
      An: [30, 2, 160_000, 3, 4, 4, 'loyal'],
      Bình: [303, 1, 1_000_000, 1, 1, 5, 'hibernating'],
      // Chi and Dũng spent the same: the tie goes by customer id (Chi's, created first, is the smaller).
      Chi: [1, 3, 20_000, 4, 5, 1, 'loyal'],
      Dũng: [120, 1, 20_000, 2, 2, 2, 'hibernating'],
      Em: [0, 1, 70_000, 5, 3, 3, 'potential_loyalists'],
    });
    assert.deepEqual([r.orders, r.skippedOrders, r.currency], [10, 1, 'VND']);
  });

  test('the API gives the segments and the R×F grid; an agent may not see them', async () => {
    const res = await client(t.app, owner.token).get('/api/v1/analytics/rfm?asOf=2026-03-31');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.customers, 5);
    const seg = Object.fromEntries(
      res.body.segments.map((s: { segment: string; customers: number; revenue: number }) => [s.segment, [s.customers, s.revenue]]),
    );
    assert.deepEqual(seg.loyal, [2, 180_000]);
    assert.deepEqual(seg.hibernating, [2, 1_020_000]);
    assert.deepEqual(seg.champions, [0, 0]);
    assert.deepEqual(res.body.cells[4][2], { customers: 1, revenue: 70_000 }, 'R5 F3: Em');
    assert.equal((await client(t.app, owner.token).get('/api/v1/analytics/rfm?asOf=31/03/2026')).status, 422);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    assert.equal((await client(t.app, agent.token).get('/api/v1/analytics/rfm')).status, 403);
  });
});
