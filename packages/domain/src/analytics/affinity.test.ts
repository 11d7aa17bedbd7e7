import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AffinityCounter, suggestFor } from './affinity.ts';

describe('product affinities', () => {
  // 10 customers. Coffee and filters go together; tea is bought independently of coffee; mugs by everyone.
  const baskets = [
    ['coffee', 'filter', 'mug'],
    ['coffee', 'filter', 'mug'],
    ['coffee', 'filter', 'mug', 'tea'],
    ['coffee', 'mug'],
    ['tea', 'mug'],
    ['tea', 'mug'],
    ['tea', 'mug', 'coffee'],
    ['mug'],
    ['mug', 'filter', 'coffee', 'coffee'], // a repeat in one basket counts once
    ['mug'],
  ];
  const counter = new AffinityCounter();
  for (const b of baskets) counter.addBasket(b);

  test('lift and confidence by hand: coffee → filter', () => {
    // coffee: 6 customers, filter: 4, both: 4, N = 10 → lift 4·10/(6·4) = 1.667, confidence 4/6.
    const a = counter.affinities({ minTogether: 2 });
    const cf = a.find((x) => x.item === 'coffee' && x.other === 'filter')!;
    assert.equal(cf.together, 4);
    assert.ok(Math.abs(cf.lift - 40 / 24) < 1e-12);
    assert.ok(Math.abs(cf.confidence - 4 / 6) < 1e-12);
    const fc = a.find((x) => x.item === 'filter' && x.other === 'coffee')!;
    assert.equal(fc.confidence, 1, 'every filter buyer bought coffee');
    assert.equal(counter.customers, 10);
  });

  test('no lift above 1 is no affinity: mugs (bought by all) and tea with coffee (2·10/(6·4) < 1) are left out', () => {
    const a = counter.affinities({ minTogether: 1 });
    assert.equal(
      a.some((x) => x.other === 'mug' || x.item === 'mug'),
      false,
    );
    assert.equal(
      a.some((x) => (x.item === 'coffee' && x.other === 'tea') || (x.item === 'tea' && x.other === 'coffee')),
      false,
    );
  });

  test('a pair bought together by fewer than minTogether customers is left out', () => {
    assert.equal(counter.affinities({ minTogether: 5 }).length, 0);
    assert.ok(counter.affinities({ minTogether: 4 }).length > 0);
  });

  test('suggestions: what the customer has not bought, from what they have, with the reason', () => {
    const a = counter.affinities({ minTogether: 2 });
    assert.deepEqual(
      suggestFor(['coffee'], a).map((s) => [s.item, s.because]),
      [['filter', 'coffee']],
    );
    assert.deepEqual(suggestFor(['coffee', 'filter'], a), [], 'has both: nothing to offer');
    assert.deepEqual(suggestFor(['tea'], a), []);
  });

  test('a customer with many products: only the first maxItems are paired', () => {
    const c = new AffinityCounter();
    c.addBasket(
      Array.from({ length: 500 }, (_, i) => `p${i}`),
      10,
    );
    c.addBasket(['p0', 'p1']);
    c.addBasket(['p2']);
    const a = c.affinities({ minTogether: 2 });
    assert.deepEqual(
      a.map((x) => `${x.item}>${x.other}`),
      ['p0>p1', 'p1>p0'],
    );
  });
});
