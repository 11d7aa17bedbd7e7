import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { deliverEvents, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { computeRfm } from '@kith/domain/analytics/rfm.ts';
import { workspacePurchases, workspaceRfm } from './rfm.service.ts';
import { freshStats } from './customer-stats.ts';
import { runImport } from '../import/engine.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** RFM of today from the orders themselves (the scan), to compare the aggregates with. */
async function fromOrders(u: TestUser, asOf: string) {
  const p = await workspacePurchases(t.core, u.workspaceId, asOf);
  return { rows: computeRfm(p.customers, p.asOf).sort((a, b) => (a.customerId < b.customerId ? -1 : 1)), orders: p.orders, skippedOrders: p.skippedOrders };
}
async function fromStats(u: TestUser, asOf: string) {
  const r = await workspaceRfm(t.core, u.actor, asOf);
  return { rows: [...r.rows].sort((a, b) => (a.customerId < b.customerId ? -1 : 1)), orders: r.orders, skippedOrders: r.skippedOrders };
}

describe('per-customer aggregates kept current with the orders', () => {
  test('every write to orders keeps RFM from the aggregates equal to RFM from the orders: create, change, cancel, delete, restore, another currency, a merge, an import and its undo, a time-zone change', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const today = '2027-01-01';
    // The customers are marked dirty by a listener of `contact.orders_changed`, once the change is delivered.
    const same = async (what: string) => {
      await deliverEvents(t.core);
      assert.deepEqual(await fromStats(owner, today), await fromOrders(owner, today), what);
    };
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await api.post('/api/v1/contacts', { name: `Khách ${i}`, emails: [`k${i}@x.vn`] })).body.id);
    const order = async (c: number, at: string, price: number, extra: Record<string, unknown> = {}) => {
      const r = await api.post('/api/v1/orders', { contactId: ids[c], orderedAt: at, lines: [{ name: 'Trà', quantity: 1, unitPrice: price }], ...extra });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body as { id: string; version: number };
    };
    for (let i = 0; i < 8; i++) for (let d = 1; d <= i + 1; d++) await order(i, `2026-0${(d % 9) + 1}-1${d % 9}T03:00:00Z`, 10_000 * (i + 1));
    await same('after creating orders (the first read builds the aggregates)');
    assert.equal((await t.core.db.selectFrom('customer_stats').select('contact_id').where('workspace_id', '=', owner.workspaceId).execute()).length, 8);

    const o = await order(0, '2026-12-30T03:00:00Z', 7_000);
    assert.notDeepEqual(await fromStats(owner, today), await fromOrders(owner, today), 'until its event is delivered, the aggregates lag the order');
    await same('a new order: counted once delivered, although the aggregates were read in between');
    const moved = await api.patch(`/api/v1/orders/${o.id}`, { contactId: ids[1], orderedAt: '2026-12-31T03:00:00Z' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await same('an order moved to another customer and another day');
    const o2 = await order(5, '2026-12-29T03:00:00Z', 9_000);
    const cancel = await api.patch(`/api/v1/orders/${o2.id}`, { status: 'cancelled' });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    await same('an order cancelled');
    assert.equal((await api.delete(`/api/v1/orders/${o.id}`)).status, 204);
    await same('an order deleted');
    assert.equal((await api.post(`/api/v1/orders/${o.id}/restore`)).status, 200);
    await same('an order restored');
    await order(7, '2026-11-11T03:00:00Z', 500, { currency: 'USD' });
    await same('an order in another currency: left out, and counted');
    const onlyUsd = (await api.post('/api/v1/contacts', { name: 'Chỉ đô' })).body.id;
    assert.equal(
      (
        await api.post('/api/v1/orders', {
          contactId: onlyUsd,
          orderedAt: '2026-10-10T03:00:00Z',
          currency: 'USD',
          lines: [{ name: 'x', quantity: 1, unitPrice: 100 }],
        })
      ).status,
      201,
    );
    await same('a customer whose only purchase is in another currency');

    const m = await api.post('/api/v1/contacts/merge', { survivorId: ids[2], mergedId: ids[3] });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    await same('a merge moves the orders');
    assert.equal((await api.post(`/api/v1/merges/${m.body.mergeId ?? m.body.id}/undo`)).status, 200);
    await same('the merge undone');

    const csv = [
      'Mã đơn,Ngày,Tên khách,Email khách,Sản phẩm,SL,Đơn giá',
      'DH-1,2026-12-01,Khách 4,k4@x.vn,Trà,1,30000',
      'DH-2,2026-12-02,Khách mới,moi@x.vn,Trà,2,15000',
    ].join('\n');
    const imp = await runImport(t.core, owner.actor, { bytes: new TextEncoder().encode(csv) }, { kind: 'orders', dryRun: false, fileName: 'don.csv' });
    assert.deepEqual([imp.created, imp.failed], [2, 0], JSON.stringify(imp.errors));
    await same('an orders import');
    const undone = await api.post(`/api/v1/imports/${imp.id}/undo`, {});
    assert.equal(undone.status, 200, JSON.stringify(undone.body));
    await same('the import undone');

    assert.equal((await api.patch('/api/v1/workspace', { timezone: 'America/New_York' })).status, 200);
    const r = await freshStats(t.core, owner.workspaceId);
    assert.equal(r.rebuilt, true, 'another time zone: rebuilt');
    await same('days counted in the new time zone');
    assert.deepEqual(await freshStats(t.core, owner.workspaceId), { rebuilt: false, recomputed: 0 }, 'nothing to do');
  });

  test('an as-of day before some purchases is answered from the orders; a customer purged takes their aggregates along', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const a = (await api.post('/api/v1/contacts', { name: 'A' })).body.id;
    const b = (await api.post('/api/v1/contacts', { name: 'B' })).body.id;
    for (const [c, at] of [
      [a, '2026-01-05'],
      [a, '2026-03-05'],
      [b, '2026-02-05'],
    ] as const) {
      assert.equal(
        (await api.post('/api/v1/orders', { contactId: c, orderedAt: `${at}T03:00:00Z`, lines: [{ name: 'x', quantity: 1, unitPrice: 1000 }] })).status,
        201,
      );
    }
    const past = await workspaceRfm(t.core, owner.actor, '2026-02-10');
    assert.deepEqual(
      past.rows.map((x) => [x.customerId === a ? 'a' : 'b', x.frequency]).sort(),
      [
        ['a', 1],
        ['b', 1],
      ],
      'the March purchase is not counted',
    );
    assert.equal((await workspaceRfm(t.core, owner.actor, '2026-12-31')).rows.find((x) => x.customerId === a)!.frequency, 2);
    assert.equal((await api.delete(`/api/v1/contacts/${b}`)).status, 204);
    assert.equal((await api.post(`/api/v1/contacts/${b}/purge`)).status, 204);
    const left = await t.core.db.selectFrom('customer_stats').select('contact_id').where('workspace_id', '=', owner.workspaceId).execute();
    assert.deepEqual(
      left.map((x) => x.contact_id),
      [a],
    );
  });
});
