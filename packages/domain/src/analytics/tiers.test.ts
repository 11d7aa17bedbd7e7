import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assignTiers, DEFAULT_TIER_SETTINGS, TierSettingsSchema, type TierInput } from './tiers.ts';

const row = (customerId: string, clv: number, o: Partial<TierInput> = {}): TierInput => ({
  customerId,
  clv,
  expectedPurchases: 2,
  pAlive: 0.9,
  pastYearSpend: 0,
  ...o,
});

describe('value tiers', () => {
  test('the top 20% by value are most valuable; of the rest, alive customers forecast to grow most are most growable; the others are maintained', () => {
    // Ten customers: values 100 … 1000.
    const rows = Array.from({ length: 10 }, (_, i) => row(`c${i}`, (i + 1) * 100, { pastYearSpend: i < 5 ? 0 : (i + 1) * 100 }));
    rows[2] = row('c2', 300, { pAlive: 0.1 }); // would grow, but is probably gone
    const t = assignTiers(rows, DEFAULT_TIER_SETTINGS, 1);
    assert.equal(t.get('c9')!.tier, 'most_valuable');
    assert.equal(t.get('c8')!.tier, 'most_valuable');
    assert.equal(t.get('c7')!.tier, 'maintain', 'valuable, but no growth: already spending what they are worth');
    // Growth = value − past-year spend: c4 (500), c3 (400) lead; c2 is left out for its P(alive).
    assert.equal(t.get('c4')!.tier, 'most_growable');
    assert.equal(t.get('c3')!.tier, 'most_growable');
    assert.equal(t.get('c2')!.tier, 'maintain');
    assert.equal(t.get('c0')!.tier, 'maintain');
    assert.equal([...t.values()].filter((x) => x.tier === 'most_growable').length, 2, 'at most 20% of ten');
    assert.equal(t.get('c4')!.growth, 500);
    assert.equal(
      [...t.values()].some((x) => x.tier === 'below_zero'),
      false,
      'no costs known: nobody is below zero',
    );
  });

  test('with costs known, customers whose cost to serve exceeds their value are below zero, and the ranking is by net value', () => {
    const rows = [
      row('a', 50, { expectedPurchases: 3 }),
      row('b', 1000, { expectedPurchases: 1 }),
      row('c', 400, { expectedPurchases: 30 }),
      row('d', 120, { expectedPurchases: 0.5 }),
    ];
    const t = assignTiers(rows, { ...DEFAULT_TIER_SETTINGS, mgcShare: 0.25, costPerOrder: 20, costPerCustomerYear: 10 }, 1);
    assert.deepEqual(t.get('a'), { tier: 'below_zero', netValue: 50 - 60 - 10, growth: -20 });
    assert.equal(t.get('c')!.tier, 'below_zero', '30 orders at 20 cost more than 400');
    assert.equal(t.get('b')!.tier, 'most_valuable');
    assert.equal(t.get('b')!.netValue, 1000 - 20 - 10);
    assert.equal(t.get('d')!.tier, 'most_growable');
  });

  test('customers without a lifetime value get no tier; ties are broken by id; an empty set is empty', () => {
    const t = assignTiers([row('b', 100), row('a', 100), row('x', Number.NaN), row('c', 1)], { ...DEFAULT_TIER_SETTINGS, mvcShare: 0.25, mgcShare: 0 }, 1);
    assert.equal(t.has('x'), false);
    assert.equal(t.get('a')!.tier, 'most_valuable', 'a before b on a tie');
    assert.equal(t.get('b')!.tier, 'maintain');
    assert.equal(assignTiers([], DEFAULT_TIER_SETTINGS, 1).size, 0);
  });

  test('settings are checked: shares within bounds, costs not negative, nothing unknown', () => {
    assert.equal(TierSettingsSchema.safeParse(DEFAULT_TIER_SETTINGS).success, true);
    assert.equal(TierSettingsSchema.safeParse({ ...DEFAULT_TIER_SETTINGS, mvcShare: 0.9 }).success, false);
    assert.equal(TierSettingsSchema.safeParse({ ...DEFAULT_TIER_SETTINGS, costPerOrder: -1 }).success, false);
    assert.equal(TierSettingsSchema.safeParse({ ...DEFAULT_TIER_SETTINGS, extra: 1 }).success, false);
  });
});
