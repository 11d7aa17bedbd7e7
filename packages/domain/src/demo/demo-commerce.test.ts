import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PRODUCTS, demoPurchases, seasonWeight } from './demo-commerce.ts';

const END = Date.parse('2026-11-23T00:00:00Z');
const START = END - 3 * 365 * 86_400_000;

test('purchases are deterministic by seed and customer, inside the three-year window, oldest first', () => {
  assert.deepEqual(demoPurchases(1, 42, END), demoPurchases(1, 42, END));
  for (let i = 0; i < 500; i++) {
    const p = demoPurchases(3, i, END);
    const ts = p.map((o) => Date.parse(o.orderedAt));
    assert.deepEqual(
      ts,
      [...ts].sort((a, b) => a - b),
    );
    for (const t of ts) assert.ok(t >= START && t < END);
    for (const o of p) for (const l of o.lines) assert.ok(l.productIndex >= 0 && l.productIndex < DEMO_PRODUCTS.length && l.quantity >= 1 && l.discount >= 0);
  }
});

test('the shape a CRM sees in real shops: a third never buy, most buyers buy once, a loyal core buys often, Tết is busy', () => {
  const counts = Array.from({ length: 5000 }, (_, i) => demoPurchases(1, i, END).length);
  const buyers = counts.filter((n) => n > 0);
  assert.ok(buyers.length / counts.length > 0.55 && buyers.length / counts.length < 0.75, `buyers ${buyers.length}`);
  assert.ok(buyers.filter((n) => n === 1).length / buyers.length > 0.6, 'mostly one-off buyers');
  assert.ok(buyers.filter((n) => n >= 5).length / buyers.length > 0.03, 'a loyal core');
  const months = new Map<string, number>();
  for (let i = 0; i < 5000; i++) for (const o of demoPurchases(1, i, END)) months.set(o.orderedAt.slice(0, 7), (months.get(o.orderedAt.slice(0, 7)) ?? 0) + 1);
  assert.ok(months.get('2026-01')! > months.get('2026-03')!, 'the weeks before Tết 2026 (17 Feb) outsell March');
  assert.equal(seasonWeight(Date.parse('2026-02-10T00:00:00Z')), 3);
  assert.ok(seasonWeight(Date.parse('2026-02-19T00:00:00Z')) < 1, 'closed for Tết');
});
