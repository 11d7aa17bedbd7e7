import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CustomerPictureBuilder, monthIndex, monthLabel, penetration } from './cohorts.ts';
import { dayNumber } from './transactions.ts';

const d = dayNumber;

describe('acquisition, retention, penetration', () => {
  // Three months, Jan–Mar 2026. a: Jan (web) then Feb and Mar; b: Jan (shop) only; c: Feb (web) twice on one day, then Mar; e: bought in 2025.
  const b = new CustomerPictureBuilder();
  const buy = (customerId: string, date: string, amount: number, channel: string | null, source: string | null) =>
    b.add({ customerId, day: d(date), amount, channel, source });
  buy('a', '2026-01-05', 100, 'web', 'facebook');
  buy('a', '2026-02-10', 50, 'shop', 'facebook');
  buy('a', '2026-03-01', 50, 'web', 'facebook');
  buy('b', '2026-01-20', 80, 'shop', null);
  buy('c', '2026-02-03', 30, 'web', 'zalo');
  buy('c', '2026-02-03', 20, 'web', 'zalo');
  buy('c', '2026-03-30', 40, 'web', 'zalo');
  buy('e', '2025-06-01', 10, 'shop', 'zalo');
  const p = b.finish(d('2026-03-31'), { months: 3, churnDays: 60 });

  test('months, and new customers per month by source and by the channel of their first order', () => {
    assert.deepEqual(p.months, ['2026-01', '2026-02', '2026-03']);
    assert.deepEqual(p.acquisition.total, [2, 1, 0]);
    assert.deepEqual(p.acquisition.bySource.find((x) => x.key === 'facebook')!.counts, [1, 0, 0]);
    assert.deepEqual(p.acquisition.bySource.find((x) => x.key === null)!.counts, [1, 0, 0]);
    assert.deepEqual(p.acquisition.byChannel.find((x) => x.key === 'web')!.counts, [1, 1, 0]);
    assert.equal(p.customers, 4);
  });

  test('revenue split new (first purchase day) and repeat, per month; active customers per month', () => {
    assert.deepEqual(p.revenue.newCustomers, [180, 50, 0]);
    assert.deepEqual(p.revenue.repeat, [0, 50, 90]);
    assert.deepEqual(p.active, [2, 2, 2]);
    // Repeat revenue share over all time: (50 + 50 + 40) of 380.
    assert.ok(Math.abs(p.penetration.repeatRevenueShare - 140 / 380) < 1e-12);
  });

  test('cohort retention: the share of each month’s new customers buying in the months after', () => {
    assert.deepEqual(p.retention.cohorts[0], { month: '2026-01', size: 2, retained: [1, 0.5, 0.5] });
    assert.deepEqual(p.retention.cohorts[1], { month: '2026-02', size: 1, retained: [1, 1] });
    assert.deepEqual(p.retention.cohorts[2], { month: '2026-03', size: 0, retained: [0] });
    // Repeat buyers: a (3 days), c (2 days; two orders on one day count once) of 4. Churned: b (70 days), e.
    assert.equal(p.retention.repeatRate, 0.5);
    assert.equal(p.retention.churnRate, 0.5);
  });

  test('categories per customer and the cross-sell rate', () => {
    const x = penetration([
      { customerId: 'a', category: 'tea' },
      { customerId: 'a', category: 'coffee' },
      { customerId: 'a', category: 'tea' },
      { customerId: 'b', category: 'tea' },
      { customerId: 'c', category: null },
    ]);
    assert.deepEqual(
      x.categoriesPerCustomer.map((h) => h.customers),
      [1, 1, 0, 0, 0],
    );
    assert.equal(x.crossSellRate, 1 / 3);
    assert.deepEqual(x.categories[0], { category: 'tea', customers: 2, share: 2 / 3 });
  });

  test('month arithmetic', () => {
    assert.equal(monthLabel(monthIndex(d('1999-12-31'))), '1999-12');
    assert.equal(monthIndex(d('2026-01-01')) - monthIndex(d('2025-12-31')), 1);
  });
});
