import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LOYALTY, earns, expiringPoints, LoyaltySettingsSchema, nextTier, pointsFor, referralCode, tierFor } from './loyalty.ts';

test('points: whole points per amount, rounded down, none for nothing', () => {
  assert.equal(pointsFor(30_000, 10_000), 3);
  assert.equal(pointsFor(0.3 * 100_000, 10_000), 3, 'a total that is a hair under in binary still earns its points');
  assert.equal(pointsFor(99_999, 10_000), 9);
  assert.equal(pointsFor(-5, 10_000), 0);
  assert.equal(pointsFor(Number.NaN, 10_000), 0);
  assert.throws(() => pointsFor(1, 0), RangeError);
});

test('which statuses earn', () => {
  assert.deepEqual(
    ['placed', 'paid', 'delivered', 'cancelled', 'returned'].map((s) => earns(s, 'paid')),
    [false, true, true, false, false],
  );
  assert.deepEqual(
    ['paid', 'delivered'].map((s) => earns(s, 'delivered')),
    [false, true],
  );
});

test('tiers by points of the last 12 months, and what is missing to the next', () => {
  const tiers = DEFAULT_LOYALTY.tiers;
  assert.equal(tierFor(0, tiers).key, 'member');
  assert.equal(tierFor(499, tiers).key, 'member');
  assert.equal(tierFor(500, tiers).key, 'silver');
  assert.equal(tierFor(10_000, tiers).key, 'diamond');
  assert.deepEqual(nextTier(1_500, tiers), { tier: tiers[2], missing: 500 });
  assert.equal(nextTier(50_000, tiers), null);
});

test('expiry is first in, first out, and expires nothing twice', () => {
  const entries = [
    { points: 100, at: '2025-01-10T00:00:00Z' },
    { points: 50, at: '2025-06-01T00:00:00Z' },
    { points: -30, at: '2025-07-01T00:00:00Z' }, // redeemed: used the oldest points
    { points: 80, at: '2026-02-01T00:00:00Z' },
  ];
  assert.equal(expiringPoints(entries, '2025-03-01T00:00:00Z'), 70, 'of the first 100, 30 were spent');
  assert.equal(expiringPoints([...entries, { points: -70, at: '2026-03-01T00:00:00Z' }], '2025-03-01T00:00:00Z'), 0, 'once recorded, nothing more');
  assert.equal(expiringPoints([...entries, { points: -70, at: '2026-03-01T00:00:00Z' }], '2025-12-31T00:00:00Z'), 50);
  assert.equal(
    expiringPoints(
      [
        { points: 10, at: '2025-01-01T00:00:00Z' },
        { points: -40, at: '2025-02-01T00:00:00Z' },
      ],
      '2025-12-01T00:00:00Z',
    ),
    0,
    'never negative',
  );
});

test('settings: tiers start at 0 and rise; the defaults are valid', () => {
  assert.equal(LoyaltySettingsSchema.safeParse(DEFAULT_LOYALTY).success, true);
  const bad = LoyaltySettingsSchema.safeParse({
    ...DEFAULT_LOYALTY,
    tiers: [
      { ...DEFAULT_LOYALTY.tiers[0]!, threshold: 5 },
      { ...DEFAULT_LOYALTY.tiers[1]!, threshold: 5 },
    ],
  });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues.map((i) => i.path.join('.')).sort(), ['tiers.0.threshold', 'tiers.1.threshold']);
});

test('referral codes: 8 characters without look-alikes', () => {
  const code = referralCode(new Uint8Array([0, 1, 2, 3, 250, 251, 252, 255]));
  assert.match(code, /^[2-9A-HJKMNP-Z]{8}$/);
  assert.equal(code.length, 8);
});
