import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stageFromPurchases } from './lifecycle.ts';
import { computeTotals, OrderCreateSchema, ProductCreateSchema } from './order.schema.ts';

const line = (quantity: number, unitPrice: number, discount = 0) => ({ productId: null, sku: null, name: 'x', quantity, unitPrice, discount });

test('totals are computed from the lines: quantity × price − line discount, then order discount and shipping', () => {
  const r = computeTotals([line(2, 150_000), line(1, 99_000, 9_000)], 10_000, 30_000);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(
    r.lines.map((l) => l.lineTotal),
    [300_000, 90_000],
  );
  assert.equal(r.subtotal, 390_000);
  assert.equal(r.total, 410_000);
  assert.deepEqual(
    r.lines.map((l) => l.lineNo),
    [1, 2],
  );
});

test('a discount larger than what it discounts is refused with the field named', () => {
  const r = computeTotals([line(1, 100, 101), line(1, 50)], 0, 0);
  assert.deepEqual(
    r.issues.map((i) => i.path),
    [['lines', 0, 'discount']],
  );
  const o = computeTotals([line(1, 100)], 101, 0);
  assert.deepEqual(
    o.issues.map((i) => [i.path, i.code]),
    [[['discount'], 'too_big']],
  );
});

test('amounts beyond exact integer arithmetic are refused, not rounded', () => {
  const r = computeTotals([line(1_000_000, 9_007_199_254_740)], 0, 0);
  assert.deepEqual(
    r.issues.map((i) => i.path),
    [['lines', 0, 'quantity'], ['total']],
  );
});

test('money must be whole minor units and currencies real', () => {
  const bad = ProductCreateSchema.safeParse({ sku: 'A-1', name: 'Áo', price: 12.5, currency: 'VNX' });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues.map((i) => i.path.join('.')).sort(), ['currency', 'price']);
  assert.equal(ProductCreateSchema.safeParse({ sku: 'A-1', name: 'Áo', price: 125_000, currency: 'VND' }).success, true);
  const o = OrderCreateSchema.safeParse({ contactId: '0190f3a0-0000-7000-8000-000000000001', lines: [{ quantity: 0 }, { quantity: 1.5 }] });
  assert.deepEqual(
    o.error!.issues.map((i) => i.path.join('.')),
    ['lines.0.quantity', 'lines.1.quantity'],
  );
  assert.equal(OrderCreateSchema.safeParse({ contactId: '0190f3a0-0000-7000-8000-000000000001', lines: [] }).success, false);
  assert.equal(ProductCreateSchema.safeParse({ sku: 'A 1', name: 'x', price: 1 }).success, false, 'no spaces in a SKU');
});

test('purchases move a contact up the lifecycle, never down, and win back the ones slipping away', () => {
  assert.equal(stageFromPurchases('lead', 0, 5), null);
  assert.equal(stageFromPurchases('lead', 1, 5), 'new_customer');
  assert.equal(stageFromPurchases('prospect', 2, 5), 'repeat');
  assert.equal(stageFromPurchases('new_customer', 2, 5), 'repeat');
  assert.equal(stageFromPurchases('repeat', 5, 5), 'loyal');
  assert.equal(stageFromPurchases('loyal', 2, 5), null, 'a stage set by hand above the data stays');
  assert.equal(stageFromPurchases('repeat', 2, 5), null);
  assert.equal(stageFromPurchases('at_risk', 3, 5), 'repeat');
  assert.equal(stageFromPurchases('churned', 7, 5), 'loyal');
  assert.equal(stageFromPurchases('lost', 1, 5), 'new_customer');
});
