import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sharedData } from '../../test/shared-data.ts';
import { analyseClv, customerValue, NotEnoughData } from './clv.ts';
import { dayNumber, purchaseDays, type Transaction } from './transactions.ts';
import { bgnbdExpectedPurchasesNew } from './bgnbd.ts';

const sig3 = (actual: number, published: number, what: string) =>
  assert.ok(Math.abs(actual - published) <= 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(published))) - 2), `${what}: ${actual} vs published ${published}`);

describe('customer value', () => {
  test('no purchases expected, no value; discounting lowers it; a longer horizon raises it', () => {
    const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const gg = { p: 6.25, q: 3.74, v: 15.44 };
    const s = { customerId: 'x', frequency: 3, recency: 30, T: 38, monetary: 40 };
    const o = { unit: 'week' as const, horizon: 52, annualDiscountRate: 0 };
    const flat = customerValue(bg, gg, s, o);
    assert.ok(Math.abs(flat.clv - flat.expectedPurchases * flat.expectedSpend) < 1e-9, 'undiscounted: purchases × spend');
    const discounted = customerValue(bg, gg, s, { ...o, annualDiscountRate: 0.15 });
    assert.ok(discounted.clv < flat.clv && discounted.clv > flat.clv * 0.85, `${discounted.clv} vs ${flat.clv}`);
    assert.ok(customerValue(bg, gg, s, { ...o, horizon: 104 }).clv > flat.clv);
    assert.equal(customerValue(bg, gg, s, { ...o, horizon: 0 }).clv, 0);
  });
});

describe('small and odd data', () => {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  test('too few customers or repeat buyers: said, not fitted', () => {
    const few = purchaseDays([
      { customerId: 'a', date: day(0), amount: 5 },
      { customerId: 'a', date: day(9), amount: 5 },
      { customerId: 'b', date: day(3), amount: 7 },
    ]);
    assert.throws(() => analyseClv(few, dayNumber(day(60)), { unit: 'week', horizon: 10, annualDiscountRate: 0.1 }), NotEnoughData);
  });

  test('a dozen customers, some buying daily for years: every figure finite', () => {
    const tx: Transaction[] = [];
    for (let c = 0; c < 12; c++) {
      const every = c < 3 ? 1 : c < 6 ? 30 : 400;
      for (let d = 0; d < 1500; d += every) tx.push({ customerId: `c${c}`, date: day(d + c), amount: 10 + c });
    }
    // The calibration ends on the daily buyer's last purchase (silent for three weeks, the model would rightly call them gone).
    const r = analyseClv(purchaseDays(tx), dayNumber(day(1499)), { unit: 'day', horizon: 365, annualDiscountRate: 0.1 });
    assert.equal(r.customers.length, 12);
    for (const v of [r.bgnbd.r, r.bgnbd.alpha, r.bgnbd.a, r.bgnbd.b, r.bgnbd.logLikelihood, r.gammaGamma.p, r.gammaGamma.q, r.gammaGamma.v])
      assert.ok(Number.isFinite(v), JSON.stringify(r.bgnbd));
    for (const c of r.customers)
      for (const v of [c.pAlive, c.expectedPurchases, c.expectedSpend, c.clv]) assert.ok(Number.isFinite(v) && v >= 0, JSON.stringify(c));
    const daily = r.customers.find((c) => c.customerId === 'c0')!;
    const rare = r.customers.find((c) => c.customerId === 'c11')!;
    assert.ok(
      daily.expectedPurchases > 100 && daily.expectedPurchases > rare.expectedPurchases * 10,
      `${daily.expectedPurchases} vs ${rare.expectedPurchases}`,
    );
  });
});

const sample = sharedData('cdnow', 'CDNOW_sample.txt');
const summary = sharedData('cdnow', 'cdnow_customers_summary.csv');

describe('from raw CDNOW transactions', { skip: sample && summary ? false : 'the CDNOW reference data (../shared/data/cdnow) is not on this machine' }, () => {
  // CDNOW_sample.txt: master id, sample id (the summaries' ID), YYYYMMDD, CDs, dollars.
  const tx = (): Transaction[] =>
    readFileSync(sample!, 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.trim().split(/\s+/))
      .map(([, id, d, , amount]) => ({
        customerId: String(Number(id)),
        date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
        amount: Number(amount),
      }));

  test('the 39-week calibration summaries match the published ones; the fits match the published parameters; the holdout is predicted', () => {
    const customers = purchaseDays(tx());
    const end = dayNumber('1997-09-30');
    const r = analyseClv(customers, end, { unit: 'week', horizon: 39, annualDiscountRate: 0 });
    assert.equal(r.customers.length, 2357);
    const published = new Map(
      readFileSync(summary!, 'utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(','))
        .map(([id, x, tx, T]) => [id!, [Number(x), Number(tx), Number(T)]]),
    );
    for (const c of r.customers) {
      const p = published.get(c.customerId)!;
      assert.deepEqual([c.frequency, Math.round(c.recency * 100) / 100, Math.round(c.T * 100) / 100], p, c.customerId);
    }
    sig3(r.bgnbd.r, 0.243, 'r');
    sig3(r.bgnbd.alpha, 4.414, 'alpha');
    sig3(r.bgnbd.a, 0.793, 'a');
    sig3(r.bgnbd.b, 2.426, 'b');
    // Unrounded times: the log-likelihood is within a unit of the published −9582.4 (fitted on times rounded to 2 dp).
    assert.ok(Math.abs(r.bgnbd.logLikelihood - -9582.4) < 1, String(r.bgnbd.logLikelihood));
    sig3(r.gammaGamma.p, 6.25, 'p');
    sig3(r.gammaGamma.q, 3.74, 'q');
    sig3(r.gammaGamma.v, 15.44, 'γ');
    // Holdout, 1997-10-01 … 1998-06-30: 1,882 repeat purchase days happened. Summed over customers the
    // conditional expectations give 1,653 — the model's known shortfall on these data for customers with 1–2
    // repeats (FHL 2005, figure 4) — and agree with the population curve E[X(t)] summed over birth dates.
    const holdout = new Map(customers.map((c) => [c.customerId, c.days.filter((d) => d > end).length]));
    const expected = r.customers.reduce((s, c) => s + c.expectedPurchases, 0);
    const population = r.customers.reduce((s, c) => s + bgnbdExpectedPurchasesNew(r.bgnbd, c.T + 39) - bgnbdExpectedPurchasesNew(r.bgnbd, c.T), 0);
    assert.equal(
      [...holdout.values()].reduce((s, x) => s + x, 0),
      1882,
    );
    assert.ok(Math.abs(expected - population) / population < 0.02, `${expected} vs ${population}`);
    assert.ok(expected > 1882 * 0.85 && expected < 1882, `expected ${expected.toFixed(0)} vs 1,882 actual`);
    const none = r.customers.filter((c) => c.frequency === 0);
    const noneActual = none.reduce((s, c) => s + holdout.get(c.customerId)!, 0) / none.length;
    const nonePredicted = none.reduce((s, c) => s + c.expectedPurchases, 0) / none.length;
    assert.equal(none.length, 1411);
    assert.ok(Math.abs(nonePredicted - noneActual) < 0.02, `customers without repeats: ${nonePredicted} predicted vs ${noneActual} actual`);
    for (const c of r.customers) assert.ok(Number.isFinite(c.clv) && c.clv >= 0 && c.pAlive > 0 && c.pAlive <= 1, JSON.stringify(c));
  });
});
