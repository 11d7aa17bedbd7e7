import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NpsSummary, type QuestionKind, checkAnswer, cesSummary, csatSummary, normalQuantile, npsSummary, trend } from './survey-stats.ts';

const close = (actual: number | null | undefined, expected: number, tolerance: number, what: string) => {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance}`);
};

test('the normal quantile matches reference values in all three of AS 241’s ranges', () => {
  // Reference: scipy.stats.norm.ppf (SciPy 1.17), printed to 17 significant digits.
  const reference: [number, number][] = [
    [0.5, 0],
    [0.6, 0.2533471031357997], // |p − 0.5| ≤ 0.425: the central rational function
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722], // beyond 0.425, r ≤ 5: the intermediate one
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.025, -1.9599639845400545],
    [1 - 1e-12, 7.0344869100478356], // r > 5: the tail
    [1e-10, -6.361340902404056],
    [1e-300, -37.0470962993612],
  ];
  for (const [p, z] of reference) close(normalQuantile(p), z, 1e-14 * Math.max(1, Math.abs(z)), `Φ⁻¹(${p})`);
  assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
  assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY);
  for (const bad of [-0.1, 1.5, Number.NaN]) assert.throws(() => normalQuantile(bad), RangeError);
});

test('checkAnswer takes whole numbers within each scale and says why it refuses the rest', () => {
  const ranges: [QuestionKind, number, number][] = [
    ['nps', 0, 10],
    ['csat', 1, 5],
    ['ces', 1, 7],
    ['rating', 1, 5],
  ];
  for (const [kind, min, max] of ranges) {
    for (let v = min; v <= max; v++) assert.equal(checkAnswer(kind, v), null, `${kind} ${v}`);
    assert.match(checkAnswer(kind, min - 1)!, new RegExp(`from ${min} to ${max}; ${min - 1} is out of range`));
    assert.match(checkAnswer(kind, max + 1)!, new RegExp(`from ${min} to ${max}; ${max + 1} is out of range`));
  }
  assert.equal(checkAnswer('nps', 7.5), 'NPS answers are whole numbers from 0 to 10; 7.5 is not a whole number');
  assert.equal(checkAnswer('csat', 0), 'CSAT answers are whole numbers from 1 to 5; 0 is out of range');
  assert.equal(checkAnswer('csat', 6), 'CSAT answers are whole numbers from 1 to 5; 6 is out of range');
  assert.equal(checkAnswer('ces', 8), 'CES answers are whole numbers from 1 to 7; 8 is out of range');
  assert.match(checkAnswer('rating', 4.0001)!, /not a whole number/);
  assert.match(checkAnswer('nps', Number.NaN)!, /NaN is not a whole number/);
  assert.match(checkAnswer('nps', Number.POSITIVE_INFINITY)!, /Infinity is not a whole number/);
  assert.equal(checkAnswer('nps', '7'), 'NPS answers are whole numbers from 0 to 10, not "7"');
  assert.match(checkAnswer('nps', null)!, /not null$/);
  assert.match(checkAnswer('nps', undefined)!, /not a value of type undefined$/);
  assert.match(checkAnswer('stars' as QuestionKind, 3)!, /^not a question kind: "stars"/);
  // A key every object has must not pass for a kind.
  assert.match(checkAnswer('toString' as QuestionKind, 3)!, /^not a question kind/);
});

test('NPS of ten answers: counts, shares, score and the multinomial interval, by hand', () => {
  const s = npsSummary([10, 10, 9, 8, 7, 6, 5, 0, 9, 10]);
  assert.equal(s.n, 10);
  assert.deepEqual([s.promoters, s.passives, s.detractors], [5, 2, 3]);
  assert.deepEqual([s.promoterShare, s.passiveShare, s.detractorShare], [0.5, 0.2, 0.3]);
  assert.equal(s.nps, 20);
  assert.equal(s.confidence, 0.95);
  // pP = 0.5, pD = 0.3: var = (0.5·0.5 + 0.3·0.7 + 2·0.5·0.3) / 10 = (0.25 + 0.21 + 0.30) / 10 = 0.076,
  // the same as (pP + pD − (pP − pD)²)/n = (0.8 − 0.04)/10. SE = 100·√0.076 = 27.5681 NPS points;
  // z = 1.959964, so the half-width is 54.0325 and the interval 20 ± 54.0325 = [−34.0325, 74.0325].
  close(s.interval?.low, -34.0325, 1e-4, 'low');
  close(s.interval?.high, 74.0325, 1e-4, 'high');

  // At 90% z = 1.644854: half-width 27.5681 · 1.644854 = 45.3455.
  const s90 = npsSummary([10, 10, 9, 8, 7, 6, 5, 0, 9, 10], 0.9);
  close(s90.interval?.low, 20 - 45.3455, 1e-4, 'low at 90%');
  close(s90.interval?.high, 20 + 45.3455, 1e-4, 'high at 90%');
});

test('the NPS interval is cut to −100..100', () => {
  // pP = 0.8, pD = 0.2, n = 5: var = (0.16 + 0.16 + 0.32)/5 = 0.128, half-width 195.9964·√0.128 = 70.1218.
  const s = npsSummary([10, 10, 10, 10, 0]);
  assert.equal(s.nps, 60);
  close(s.interval?.low, 60 - 70.1218, 1e-4, 'low');
  assert.equal(s.interval?.high, 100);
  const low = npsSummary([0, 0, 0, 0, 10]);
  assert.equal(low.nps, -60);
  assert.equal(low.interval?.low, -100);
  close(low.interval?.high, -60 + 70.1218, 1e-4, 'high');
});

test('NPS of no answers is null, not NaN; one answer has a score but no interval', () => {
  const none = npsSummary([]);
  assert.deepEqual(none, {
    n: 0,
    promoters: 0,
    passives: 0,
    detractors: 0,
    promoterShare: null,
    passiveShare: null,
    detractorShare: null,
    nps: null,
    interval: null,
    confidence: 0.95,
  } satisfies NpsSummary);
  const one = npsSummary([8]);
  assert.equal(one.nps, 0);
  assert.equal(one.passives, 1);
  assert.equal(one.interval, null);
  const two = npsSummary([9, 6]);
  assert.equal(two.nps, 0);
  assert.ok(two.interval !== null);
});

test('all promoters: NPS 100, the interval a point but finite', () => {
  const s = npsSummary([9, 10, 10, 9, 10, 9]);
  assert.equal(s.nps, 100);
  assert.deepEqual(s.interval, { low: 100, high: 100 });
  assert.deepEqual(npsSummary([0, 3, 6]).interval, { low: -100, high: -100 });
  assert.deepEqual(npsSummary([7, 8, 7]).interval, { low: 0, high: 0 });
});

test('summaries refuse answers out of the scale and impossible confidence levels', () => {
  assert.throws(() => npsSummary([9, 11]), { name: 'RangeError', message: 'answer 1: NPS answers are whole numbers from 0 to 10; 11 is out of range' });
  assert.throws(() => npsSummary([9.5]), /answer 0: .*not a whole number/);
  assert.throws(() => csatSummary([3, 0]), /answer 1: CSAT/);
  assert.throws(() => cesSummary([7, 8]), /answer 1: CES/);
  for (const c of [0, 1, 95, -0.5, Number.NaN]) {
    assert.throws(() => npsSummary([9, 10], c), { name: 'RangeError', message: new RegExp(`confidence level .* not ${c}`) });
    assert.throws(() => csatSummary([4, 5], c), RangeError);
  }
});

test('CSAT: mean with its interval and the satisfied share with its Wilson interval, by hand', () => {
  const s = csatSummary([5, 5, 4, 4, 4, 5, 4, 5, 2, 1]);
  assert.equal(s.n, 10);
  // Sum 39, mean 3.9. Deviations ±: four 1.1s, four 0.1s, −1.9, −2.9; squares 4.84 + 0.04 + 3.61 + 8.41 = 16.9;
  // s² = 16.9/9 = 1.87778, s = 1.370320; s/√10 = √(16.9/90) = 13/30 = 0.433333; × 1.959964 = 0.849318.
  close(s.mean, 3.9, 1e-12, 'mean');
  close(s.sd, 1.37032, 1e-6, 'sd');
  close(s.meanInterval?.low, 3.9 - 0.849318, 1e-6, 'mean low');
  close(s.meanInterval?.high, 3.9 + 0.849318, 1e-6, 'mean high');
  assert.equal(s.favourable, 8);
  assert.equal(s.favourableShare, 0.8);
  // Wilson 8/10 at 95%: (0.8 + z²/20 ± z·√(0.016 + z²/400)) / (1 + z²/10), z² = 3.841459:
  // (0.992073 ± 1.959964·0.160012) / 1.384146 = [0.490162, 0.943318]; the brief's reference is [0.490, 0.943].
  close(s.favourableInterval?.low, 0.490162, 1e-6, 'share low');
  close(s.favourableInterval?.high, 0.943318, 1e-6, 'share high');
});

test('Wilson keeps a width at 0 and n of n; the mean interval is cut to the scale', () => {
  // k = n: the lower end is n/(n + z²) = 5/8.841459 = 0.565518, the upper exactly 1.
  const all = csatSummary([5, 4, 5, 4, 5]);
  close(all.favourableInterval?.low, 0.565518, 1e-6, 'low at 5/5');
  assert.equal(all.favourableInterval?.high, 1);
  const none = csatSummary([1, 2, 3, 3, 2]);
  assert.equal(none.favourable, 0);
  assert.equal(none.favourableInterval?.low, 0);
  close(none.favourableInterval?.high, 1 - 0.565518, 1e-6, 'high at 0/5');
  // Mean 4, s = 2 (deviations 1, 1, 1, −3: 12/3 = 4), s/√4 = 1: 4 ± 1.96 = [2.04, 5.96], cut at 5.
  const capped = csatSummary([5, 5, 5, 1]);
  close(capped.meanInterval?.low, 4 - 1.959964, 1e-6, 'low');
  assert.equal(capped.meanInterval?.high, 5);
  // Every answer alike: no spread, a point interval at the mean.
  assert.deepEqual(csatSummary([3, 3, 3]).meanInterval, { low: 3, high: 3 });
});

test('CSAT of no answers and of one answer', () => {
  assert.deepEqual(csatSummary([]), {
    n: 0,
    mean: null,
    sd: null,
    meanInterval: null,
    favourable: 0,
    favourableShare: null,
    favourableInterval: null,
    confidence: 0.95,
  });
  const one = csatSummary([4]);
  assert.equal(one.mean, 4);
  assert.equal(one.sd, null);
  assert.equal(one.meanInterval, null);
  // Wilson 1/1 at 95%: 1/(1 + z²) = 1/4.841459 = 0.206549, and 1 at the top.
  close(one.favourableInterval?.low, 0.206549, 1e-6, 'low at 1/1');
  assert.equal(one.favourableInterval?.high, 1);
});

test('CES counts 5–7 as low effort, on a 1–7 scale', () => {
  const s = cesSummary([7, 6, 5, 4, 3, 1]);
  assert.equal(s.favourable, 3);
  assert.equal(s.favourableShare, 0.5);
  close(s.mean, 26 / 6, 1e-12, 'mean');
  // A 4 is the neutral middle, not low effort; under CSAT's rule (4–5) it would count.
  assert.equal(cesSummary([4, 4]).favourable, 0);
  assert.equal(csatSummary([4, 4]).favourable, 2);
  // Mean 6, s = 2 (deviations 1, 1, 1, −3), s/√4 = 1: the interval [4.04, 7.96] is cut at 7, not 5.
  assert.equal(cesSummary([7, 7, 7, 3]).meanInterval?.high, 7);
});

const npsOf = (values: number[]) => npsSummary(values);

test('a month boundary in Asia/Ho_Chi_Minh: 2026-01-31T18:00Z is already February there', () => {
  const answers = [
    { at: '2026-01-31T16:59:59Z', value: 10 }, // 23:59:59 on 31 January in Hồ Chí Minh City
    { at: '2026-01-31T18:00:00Z', value: 0 }, // 01:00 on 1 February there
  ];
  const local = trend(answers, 'month', 'Asia/Ho_Chi_Minh', npsOf);
  assert.deepEqual(
    local.map((b) => [b.key, b.firstDay, b.lastDay, b.summary.n, b.summary.nps]),
    [
      ['2026-01', '2026-01-01', '2026-01-31', 1, 100],
      ['2026-02', '2026-02-01', '2026-02-28', 1, -100],
    ],
  );
  const utc = trend(answers, 'month', 'UTC', npsOf);
  assert.deepEqual(
    utc.map((b) => [b.key, b.summary.n, b.summary.nps]),
    [['2026-01', 2, 0]],
  );
  // The same instant written with an offset is the same answer.
  const offset = trend([{ at: '2026-02-01T01:00:00+07:00', value: 0 }], 'month', 'Asia/Ho_Chi_Minh', npsOf);
  assert.equal(offset[0]!.key, '2026-02');
});

test('months between the first and last answers are there, empty, for a continuous axis', () => {
  const t = trend(
    [
      { at: '2026-02-10T09:00:00Z', value: 5 },
      { at: '2025-11-15T09:00:00Z', value: 4 },
      { at: '2025-11-20T09:00:00Z', value: 2 },
    ],
    'month',
    'UTC',
    (v) => csatSummary(v),
  );
  assert.deepEqual(
    t.map((b) => [b.key, b.lastDay, b.summary.n, b.summary.mean]),
    [
      ['2025-11', '2025-11-30', 2, 3],
      ['2025-12', '2025-12-31', 0, null],
      ['2026-01', '2026-01-31', 0, null],
      ['2026-02', '2026-02-28', 1, 5],
    ],
  );
  assert.equal(trend([{ at: '2028-02-29T12:00:00Z', value: 1 }], 'month', 'UTC', npsOf)[0]!.lastDay, '2028-02-29');
  assert.deepEqual(trend([], 'month', 'UTC', npsOf), []);
});

test('ISO weeks: Monday to Sunday, numbered in the year of their Thursday, gaps filled', () => {
  const t = trend(
    [
      { at: '2026-01-20T10:00:00Z', value: 9 }, // Tuesday of 2026-W04
      { at: '2025-12-30T10:00:00Z', value: 3 }, // Tuesday of 2026-W01, which starts on Monday 29 December
    ],
    'week',
    'UTC',
    npsOf,
  );
  assert.deepEqual(
    t.map((b) => [b.key, b.firstDay, b.lastDay, b.summary.n, b.summary.nps]),
    [
      ['2026-W01', '2025-12-29', '2026-01-04', 1, -100],
      ['2026-W02', '2026-01-05', '2026-01-11', 0, null],
      ['2026-W03', '2026-01-12', '2026-01-18', 0, null],
      ['2026-W04', '2026-01-19', '2026-01-25', 1, 100],
    ],
  );
  // 2026 begins on a Thursday, so it has 53 weeks: Friday 1 January 2027 is in 2026-W53.
  const end = trend(
    [
      { at: '2027-01-01T12:00:00Z', value: 8 },
      { at: '2027-01-04T12:00:00Z', value: 8 },
    ],
    'week',
    'UTC',
    npsOf,
  );
  assert.deepEqual(
    end.map((b) => [b.key, b.firstDay, b.lastDay]),
    [
      ['2026-W53', '2026-12-28', '2027-01-03'],
      ['2027-W01', '2027-01-04', '2027-01-10'],
    ],
  );
});

test('a week boundary falls at local midnight between Sunday and Monday', () => {
  const answers = [
    { at: '2026-01-04T16:30:00Z', value: 10 }, // Sunday 23:30 in Hồ Chí Minh City
    { at: '2026-01-04T17:30:00Z', value: 10 }, // Monday 00:30 there; both Sunday in UTC
  ];
  assert.deepEqual(
    trend(answers, 'week', 'Asia/Ho_Chi_Minh', npsOf).map((b) => [b.key, b.summary.n]),
    [
      ['2026-W01', 1],
      ['2026-W02', 1],
    ],
  );
  assert.deepEqual(
    trend(answers, 'week', 'UTC', npsOf).map((b) => [b.key, b.summary.n]),
    [['2026-W01', 2]],
  );
});

test('months in a zone with summer time use the offset in force at the answer', () => {
  // New York leaves summer time (UTC−4) at 06:00Z on 1 November 2026: midnight is still 04:00Z.
  const t = trend(
    [
      { at: '2026-11-01T03:30:00Z', value: 1 }, // 23:30 EDT on 31 October
      { at: '2026-11-01T04:30:00Z', value: 2 }, // 00:30 EDT on 1 November (23:30 on 31 October at UTC−5)
    ],
    'month',
    'America/New_York',
    (v) => v,
  );
  assert.deepEqual(
    t.map((b) => [b.key, b.summary]),
    [
      ['2026-10', [1]],
      ['2026-11', [2]],
    ],
  );
});

test('trend refuses bad instants, unknown zones and buckets', () => {
  const bad = ['2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-31T24:00:00Z', '2026-01-31T10:00:60Z'];
  // No date-only strings, no zone-less local times, no impossible offsets.
  bad.push('2026-01-31', '2026-01-31T10:00:00', '2026-01-31T10:00:00+24:00', 'yesterday');
  for (const at of bad) {
    assert.throws(
      () =>
        trend(
          [
            { at: '2026-01-01T00:00:00Z', value: 5 },
            { at, value: 5 },
          ],
          'month',
          'UTC',
          npsOf,
        ),
      (e: unknown) => e instanceof RangeError && e.message.startsWith('answer 1: not an ISO 8601 instant') && e.message.endsWith(`: "${at}"`),
      at,
    );
  }
  assert.throws(() => trend([{ at: '2026-01-01T00:00:00Z', value: 5 }], 'month', 'Mars/Olympus_Mons', npsOf), /not an IANA time zone: "Mars\/Olympus_Mons"/);
  assert.throws(() => trend([], 'day' as 'week', 'UTC', npsOf), /by 'week' or 'month', not "day"/);
  // The values are the summary's to check.
  assert.throws(() => trend([{ at: '2026-01-01T00:00:00Z', value: 11 }], 'week', 'UTC', npsOf), /answer 0: NPS .* 11 is out of range/);
});
