import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bgnbdLogLikelihoodWithGradient, compactRepeatData, fitBgNbdSimplex, groupHistories } from './bgnbd.ts';
import { analyseClv, analyseClvColumns, customerValue } from './clv.ts';
import { fitGammaGammaSimplex, gammaGammaLogLikelihoodWithGradient } from './gamma-gamma.ts';
import { PurchaseDaysBuilder, repeatSummaries, summarise, type CustomerSummary } from './transactions.ts';

/**
 * Issue 18: lifetime value in columns, the fits on the gradient. The fit must be the one the simplex found before,
 * to six significant digits, and every score what the per-customer formulas give at the fitted parameters.
 */

/** A small xorshift generator: the data set is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Gamma(shape, 1) by Marsaglia and Tsang. */
function gamma(u: () => number, shape: number): number {
  if (shape < 1) return gamma(u, shape + 1) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(u() || 1e-300) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Transactions of `n` customers who buy as BG/NBD and Gamma-Gamma say (CDNOW-like parameters, in days), some
 * several times a day (one purchase day, amounts summed), added out of order, as a file would give them.
 */
function generated(n: number, seed: number): { builder: PurchaseDaysBuilder; end: number } {
  const u = rng(seed);
  const end = 20_272;
  const rows: [string, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(u, 0.243) / 4.414 / 7;
    const g1 = gamma(u, 0.793);
    const drop = g1 / (g1 + gamma(u, 2.426));
    const scale = 15.44 / gamma(u, 3.74);
    let t = 20_000 + Math.floor(u() * 84);
    const buy = (day: number) => rows.push([`c${i}`, day, Math.round(gamma(u, 6.25) * scale * 100) / 100]);
    buy(t);
    for (;;) {
      t += -Math.log(u() || 1e-300) / lambda;
      if (t > end + 200) break;
      buy(Math.floor(t));
      if (u() < 0.1) buy(Math.floor(t));
      if (u() < drop) break;
    }
  }
  for (let i = rows.length - 1; i > 0; i -= 7) {
    const j = Math.floor(u() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const builder = new PurchaseDaysBuilder();
  for (const [id, day, amount] of rows) builder.add(id, day, amount);
  return { builder, end };
}

/**
 * Equal to six significant digits, as a relative difference of at most 2·10⁻⁶: the simplex stops on the spread of
 * its values (10⁻¹² of the log-likelihood), which on the flat top of a likelihood of 10⁵ customers leaves its
 * parameters about 10⁻⁶ from the maximum — so the sixth digit of one of its parameters may sit one unit off the
 * maximum's, while the gradient's fit ends where the gradient is nil (checked below).
 */
const sig6 = (actual: number, expected: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= 2e-6 * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (relative ${Math.abs(actual - expected) / Math.abs(expected)})`,
  );

const o = { unit: 'week' as const, horizon: 52, annualDiscountRate: 0.1 };

describe('lifetime value in columns', () => {
  const { builder, end } = generated(20_000, 7);
  const days = builder.finish();

  test('the summaries from the builder’s columns are summarise()’s, to the bit, customer by customer', () => {
    const s = builder.repeatSummaries(end, 'week');
    const objects: CustomerSummary[] = [];
    for (const c of days) {
      const k = c.days.filter((d) => d <= end).length;
      if (k) objects.push(summarise({ customerId: c.customerId, days: c.days.slice(0, k), amounts: c.amounts.slice(0, k) }, end, 'week'));
    }
    assert.equal(s.ids.length, objects.length);
    assert.ok(objects.some((x) => x.frequency > 3) && objects.some((x) => x.frequency === 0));
    const fromDays = repeatSummaries(days, end, 'week');
    objects.forEach((x, i) => {
      assert.deepEqual([s.ids[i], s.frequency[i], s.recency[i], s.T[i], s.monetary[i]], [x.customerId, x.frequency, x.recency, x.T, x.monetary], x.customerId);
      assert.deepEqual([fromDays.ids[i], fromDays.frequency[i], fromDays.monetary[i]], [x.customerId, x.frequency, x.monetary]);
    });
  });

  test('distinct histories: the same rows and weights as compactRepeatData, each customer pointing at its own', () => {
    const s = builder.repeatSummaries(end, 'week');
    const { data, group } = groupHistories(s.frequency, s.recency, s.T);
    const objects = s.ids.map((customerId, i) => ({ customerId, frequency: s.frequency[i]!, recency: s.recency[i]!, T: s.T[i]!, monetary: 0 }));
    const old = compactRepeatData(objects);
    assert.ok(data.x.length < s.ids.length / 2, `${data.x.length} distinct of ${s.ids.length}`);
    assert.deepEqual([data.x, data.tx, data.T, data.weight], [old.x, old.tx, old.T, old.weight]);
    for (let i = 0; i < s.ids.length; i += 13)
      assert.deepEqual([data.x[group[i]!], data.tx[group[i]!], data.T[group[i]!]], [s.frequency[i], s.recency[i], s.T[i]]);
  });

  test('the gradients are the derivatives of the log-likelihoods (central differences)', () => {
    const s = builder.repeatSummaries(end, 'week');
    const { data } = groupHistories(s.frequency, s.recency, s.T);
    const bgAt = [Math.log(0.3), Math.log(5), Math.log(0.9), Math.log(2.1)];
    const grad = new Float64Array(4);
    const scratch = new Float64Array(4);
    bgnbdLogLikelihoodWithGradient(bgAt, data, grad);
    for (let j = 0; j < 4; j++) {
      const up = [...bgAt];
      const down = [...bgAt];
      up[j]! += 1e-5;
      down[j]! -= 1e-5;
      const fd = (bgnbdLogLikelihoodWithGradient(up, data, scratch) - bgnbdLogLikelihoodWithGradient(down, data, scratch)) / 2e-5;
      assert.ok(Math.abs(fd - grad[j]!) <= 1e-5 * Math.max(1, Math.abs(grad[j]!)), `BG/NBD ∂${j}: ${grad[j]} vs ${fd}`);
    }
    const rep = [...s.frequency.keys()].filter((i) => s.frequency[i]! > 0);
    const spend = { x: Float64Array.from(rep, (i) => s.frequency[i]!), m: Float64Array.from(rep, (i) => s.monetary[i]!) };
    const ggAt = [Math.log(5), Math.log(3), Math.log(12)];
    const g3 = new Float64Array(3);
    const s3 = new Float64Array(3);
    gammaGammaLogLikelihoodWithGradient(ggAt, spend, g3);
    for (let j = 0; j < 3; j++) {
      const up = [...ggAt];
      const down = [...ggAt];
      up[j]! += 1e-5;
      down[j]! -= 1e-5;
      const fd = (gammaGammaLogLikelihoodWithGradient(up, spend, s3) - gammaGammaLogLikelihoodWithGradient(down, spend, s3)) / 2e-5;
      assert.ok(Math.abs(fd - g3[j]!) <= 1e-5 * Math.max(1, Math.abs(g3[j]!)), `Gamma-Gamma ∂${j}: ${g3[j]} vs ${fd}`);
    }
  });

  test('the fit equals the simplex’s of before to six significant digits, and every score follows from it', () => {
    const r = analyseClvColumns(builder.repeatSummaries(end, 'week'), o);
    // The way before: summaries as objects, compacted by string keys, each model fitted by the simplex.
    const objects = r.ids.map((customerId, i) => ({ customerId, frequency: r.frequency[i]!, recency: r.recency[i]!, T: r.T[i]!, monetary: r.monetary[i]! }));
    const bgOld = fitBgNbdSimplex(compactRepeatData(objects));
    const repeaters = objects.filter((c) => c.frequency > 0 && c.monetary > 0);
    const ggOld = fitGammaGammaSimplex({ x: Float64Array.from(repeaters, (c) => c.frequency), m: Float64Array.from(repeaters, (c) => c.monetary) });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) sig6(r.bgnbd[k], bgOld.params[k], k);
    for (const k of ['p', 'q', 'v'] as const) sig6(r.gammaGamma[k], ggOld.params[k], k);
    // At the gradient's fit the gradient is nil: the maximum, not a point near it.
    const grad = new Float64Array(4);
    bgnbdLogLikelihoodWithGradient([r.bgnbd.r, r.bgnbd.alpha, r.bgnbd.a, r.bgnbd.b].map(Math.log), groupHistories(r.frequency, r.recency, r.T).data, grad);
    for (const g of grad) assert.ok(Math.abs(g) < 1e-6, `gradient ${[...grad]}`);
    sig6(r.bgnbd.logLikelihood, bgOld.logLikelihood, 'BG/NBD log-likelihood');
    sig6(r.gammaGamma.logLikelihood, ggOld.logLikelihood, 'Gamma-Gamma log-likelihood');
    // Scores: at the old parameters by the per-customer formulas, to six digits; at the new ones, to the bit.
    const fallback = repeaters.reduce((t, c) => t + c.monetary, 0) / repeaters.length;
    for (let i = 0; i < r.ids.length; i += 37) {
      const before = customerValue(bgOld.params, ggOld.params, objects[i]!, o, fallback);
      const now = customerValue(r.bgnbd, r.gammaGamma, objects[i]!, o, fallback);
      for (const k of ['pAlive', 'expectedPurchases', 'expectedSpend', 'clv'] as const) {
        assert.equal(r[k][i], now[k], `${k} of ${r.ids[i]}`);
        if (before[k] > 1e-9) sig6(r[k][i]!, before[k], `${k} of ${r.ids[i]}`);
      }
    }
    // The object form (the server's) is the columns, customer by customer.
    const objectsNow = analyseClv(days, end, o);
    assert.deepEqual(objectsNow.bgnbd, r.bgnbd);
    assert.equal(objectsNow.customers.length, r.ids.length);
    assert.equal(objectsNow.customers[123]!.clv, r.clv[123]);
  });
});
