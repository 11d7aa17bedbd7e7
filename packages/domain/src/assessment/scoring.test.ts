import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Framework, Practice } from './framework.ts';
import { areaScores, consolidate, contradiction, overallScore, practicePercent, recommendations } from './scoring.ts';
import { benchmarkFrom, deriveSeed, MIN_POOL, percentile, PUBLISHED, quartileOf, seedBenchmark } from './benchmark.ts';

const L = (s: string) => ({ vi: s, en: s });
const practice = (id: string, weight = 1, actions: Practice['actions'] = []): Practice => ({
  id,
  text: L(id),
  intention: L('i'),
  reality: L('r'),
  weight,
  indicators: [],
  actions,
});
/** Two areas: A (a1, a2 of weight 2) and B (b1), B weighing `bWeight`. */
const fw = (bWeight = 1): Framework => ({
  key: 'test',
  version: 1,
  name: L('t'),
  description: L('t'),
  source: L('t'),
  areas: [
    { key: 'a', name: L('A'), summary: L('A'), weight: 1, subComponents: [{ key: 's', name: L('s'), practices: [practice('a1'), practice('a2', 2)] }] },
    {
      key: 'b',
      name: L('B'),
      summary: L('B'),
      weight: bWeight,
      subComponents: [{ key: 's', name: L('s'), practices: [practice('b1', 1, [{ kind: 'quick_win', text: L('do'), screen: 'segments' }])] }],
    },
  ],
});
const all = (f: Framework, i: number, r: number) =>
  f.areas.flatMap((a) => a.subComponents.flatMap((s) => s.practices.map((p) => ({ practiceId: p.id, intention: i, reality: r }))));
const overallOf = (f: Framework, answers: Parameters<typeof consolidate>[1], finals?: Parameters<typeof consolidate>[2]) =>
  overallScore(f, areaScores(f, consolidate(f, answers, finals)));

describe('assessment scoring', () => {
  it('scores a practice as (I + R) / 8', () => {
    assert.equal(practicePercent(4, 4), 100);
    assert.equal(practicePercent(2, 2), 50);
    assert.equal(practicePercent(4, 0), 50);
    assert.equal(practicePercent(3, 1), 50);
    assert.equal(practicePercent(1, 0), 12.5);
  });

  it('gives the contract’s worked results for one respondent scoring every practice alike', () => {
    const f = fw();
    assert.equal(overallOf(f, [all(f, 4, 4)]), 100);
    assert.equal(overallOf(f, [all(f, 2, 2)]), 50);
    assert.equal(overallOf(f, [all(f, 4, 0)]), 50);
    assert.equal(overallOf(f, []), null);
  });

  it('weights practices within an area and areas within the whole', () => {
    const f = fw(3);
    // a1: I=4,R=4 → 100; a2 (weight 2): I=0,R=0 → 0 → area A = (100·1 + 0·2) / 3 = 33.33…
    // b1: I=2,R=2 → 50 → area B = 50, weight 3 → overall = (33.33·1 + 50·3) / 4 = 45.83…
    const answers = [
      [
        { practiceId: 'a1', intention: 4, reality: 4 },
        { practiceId: 'a2', intention: 0, reality: 0 },
        { practiceId: 'b1', intention: 2, reality: 2 },
      ],
    ];
    const areas = areaScores(f, consolidate(f, answers));
    assert.ok(Math.abs((areas[0]?.score ?? 0) - 100 / 3) < 1e-9);
    assert.equal(areas[1]?.score, 50);
    assert.ok(Math.abs((overallScore(f, areas) ?? 0) - (100 / 3 + 150) / 4) < 1e-9);
  });

  it('leaves unscored practices and areas out of the means instead of counting them as 0', () => {
    const f = fw();
    const areas = areaScores(f, consolidate(f, [[{ practiceId: 'a1', intention: 3, reality: 1 }]]));
    assert.equal(areas[0]?.score, 50);
    assert.equal(areas[0]?.scored, 1);
    assert.equal(areas[1]?.score, null);
    assert.equal(overallScore(f, areas), 50);
  });

  it('consolidates several respondents: mean, spread, disagreement, and the assessor’s final score', () => {
    const f = fw();
    const c = consolidate(f, [
      [
        { practiceId: 'a1', intention: 4, reality: 1 },
        { practiceId: 'b1', intention: 2, reality: 2 },
      ],
      [
        { practiceId: 'a1', intention: 4, reality: 3 },
        { practiceId: 'b1', intention: 3, reality: 2 },
      ],
      [{ practiceId: 'a1', intention: 1, reality: 2 }],
    ]);
    const a1 = c.find((x) => x.practiceId === 'a1');
    assert.equal(a1?.n, 3);
    assert.equal(a1?.intention?.mean, 3);
    assert.equal(a1?.intention?.min, 1);
    assert.equal(a1?.intention?.max, 4);
    assert.equal(a1?.reality?.mean, 2);
    assert.equal(a1?.disagreement, true); // intention 1 vs 4, and reality 1 vs 3
    assert.equal(a1?.score, 62.5); // (3 + 2) / 8
    assert.equal(a1?.gap, 1);
    const b1 = c.find((x) => x.practiceId === 'b1');
    assert.equal(b1?.disagreement, false); // 2 vs 3 is one level
    assert.equal(b1?.score, (2.5 + 2) * 12.5);
    assert.equal(c.find((x) => x.practiceId === 'a2')?.score, null);

    const decided = consolidate(f, [[{ practiceId: 'a1', intention: 4, reality: 1 }]], new Map([['a1', { intention: 2, reality: 2, reason: 'evidence' }]]));
    assert.deepEqual(decided[0]?.used, { intention: 2, reality: 2 });
    assert.equal(decided[0]?.score, 50);
    assert.equal(decided[0]?.final?.reason, 'evidence');
  });

  it('ranks recommendations: quick wins where the intention is there and the doing lags, then strategic moves, by weight × shortfall then gap', () => {
    const f = fw();
    const c = consolidate(f, [
      [
        { practiceId: 'a1', intention: 1, reality: 1 }, // strategic, shortfall .75, weight 1 → .75
        { practiceId: 'a2', intention: 2, reality: 0 }, // strategic (intention < 3), shortfall .75, weight 2 → 1.5
        { practiceId: 'b1', intention: 4, reality: 1 }, // quick win: I ≥ 3 and gap 3; shortfall .375
      ],
    ]);
    const r = recommendations(f, c);
    assert.deepEqual(
      r.map((x) => [x.practiceId, x.kind, x.priority]),
      [
        ['b1', 'quick_win', 0.375],
        ['a2', 'strategic', 1.5],
        ['a1', 'strategic', 0.75],
      ],
    );
    assert.equal(r[0]?.actions[0]?.screen, 'segments');
    // A practice at 100% is not recommended; ties on priority go to the larger gap.
    const tie = recommendations(
      f,
      consolidate(f, [
        [
          { practiceId: 'a1', intention: 2, reality: 2 },
          { practiceId: 'a2', intention: 4, reality: 4 },
          { practiceId: 'b1', intention: 3, reality: 1 },
        ],
      ]),
    );
    assert.deepEqual(
      tie.map((x) => x.practiceId),
      ['b1', 'a1'],
    );
  });

  it('flags a Reality two or more levels above what the evidence suggests', () => {
    const s = new Map<string, number | null>([
      ['owner_coverage', 1],
      ['nps', 3],
      ['csat', null],
    ]);
    assert.deepEqual(contradiction(3, ['owner_coverage', 'nps'], s), { suggested: 1, indicators: ['owner_coverage'] });
    assert.equal(contradiction(2, ['owner_coverage'], s), null);
    assert.equal(contradiction(4, ['csat'], s), null); // no value: no contradiction
    assert.equal(contradiction(4, [], s), null);
  });
});

describe('assessment benchmark', () => {
  it('derives the seed from the published aggregates: mean 35%, quartiles ordered around it', () => {
    const d = deriveSeed();
    assert.ok(Math.abs((d.alpha / (d.alpha + d.beta)) * 100 - PUBLISHED.mean) < 1e-9);
    const [q1, q2, q3] = d.cuts;
    assert.ok(q1 < q2 && q2 < q3);
    assert.ok(q1 > PUBLISHED.worst && q3 < PUBLISHED.best);
    // The fitted tails land near the published extremes (a beta with mean 35% cannot hit both exactly).
    assert.ok(d.expectedWorst > 5 && d.expectedWorst < 20, String(d.expectedWorst));
    assert.ok(d.expectedBest > 55 && d.expectedBest < 75, String(d.expectedBest));
    assert.deepEqual(seedBenchmark().cuts, d.cuts);
  });

  it('places a score in its quarter, a cut point belonging to the quarter above', () => {
    const cuts = [30, 40, 50] as const;
    assert.equal(quartileOf(10, cuts), 1);
    assert.equal(quartileOf(30, cuts), 2);
    assert.equal(quartileOf(45, cuts), 3);
    assert.equal(quartileOf(50, cuts), 4);
    assert.equal(quartileOf(null, cuts), null);
  });

  it('uses the pool of opted-in workspaces once it has enough of them', () => {
    assert.equal(benchmarkFrom([10, 20, 30, 40]).source, 'seed');
    const pool = benchmarkFrom([50, 10, 40, 20, 30]);
    assert.equal(MIN_POOL, 5);
    assert.deepEqual(pool, { source: 'pool', n: 5, cuts: [20, 30, 40] });
    assert.equal(percentile([0, 10], 0.25), 2.5);
  });
});
