import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingsBody, tierProgress, tierWentUp } from './loyalty-model.ts';

const tiers = [
  { key: 'member', name: { vi: 'Thành viên', en: 'Member' }, threshold: 0 },
  { key: 'silver', name: { vi: 'Bạc', en: 'Silver' }, threshold: 500 },
  { key: 'gold', name: { vi: 'Vàng', en: 'Gold' }, threshold: 2000 },
];

test('progress to the next tier is measured from this tier’s threshold', () => {
  assert.equal(tierProgress({ tier: tiers[1]!, next: { tier: tiers[2]!, missing: 750 }, earned12m: 1250 }), 0.5);
  assert.equal(tierProgress({ tier: tiers[0]!, next: { tier: tiers[1]!, missing: 500 }, earned12m: 0 }), 0);
  assert.equal(tierProgress({ tier: tiers[2]!, next: null, earned12m: 9000 }), 1, 'the top tier is full');
});

test('a tier change goes up or down by the thresholds', () => {
  assert.equal(tierWentUp(tiers, 'member', 'silver'), true);
  assert.equal(tierWentUp(tiers, 'gold', 'silver'), false);
  assert.equal(tierWentUp(tiers, 'gone', 'silver'), true);
});

test('the settings form becomes the API’s body: VND amounts typed with thousands separators', () => {
  const b = settingsBody({
    enabled: true,
    amountPerPoint: '10.000',
    earnOn: 'paid',
    expiryMonths: '12',
    tiers: [
      { key: ' member ', vi: 'Thành viên', en: 'Member', threshold: '0' },
      { key: 'gold', vi: 'Vàng', en: 'Gold', threshold: '2 000' },
    ],
    referrerPoints: '200',
    refereePoints: 'x',
  });
  assert.equal(b.amountPerPoint, 10000);
  assert.deepEqual(
    b.tiers.map((t) => [t.key, t.threshold]),
    [
      ['member', 0],
      ['gold', 2000],
    ],
  );
  assert.ok(Number.isNaN(b.referral.refereePoints));
  assert.equal(
    settingsBody({ ...{ enabled: true, earnOn: 'paid', expiryMonths: '0', tiers: [], referrerPoints: '0', refereePoints: '0' }, amountPerPoint: '1,000,000' })
      .amountPerPoint,
    1_000_000,
  );
  assert.equal(
    settingsBody({ ...{ enabled: true, earnOn: 'paid', expiryMonths: '0', tiers: [], referrerPoints: '0', refereePoints: '0' }, amountPerPoint: '2,5' })
      .amountPerPoint,
    2.5,
  );
});
