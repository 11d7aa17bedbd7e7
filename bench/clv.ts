/**
 * (j) Lifetime value of a million customers (issue 5): `analyseClv` — purchase histories summarised at the
 * calibration end, BG/NBD and Gamma-Gamma fitted by maximum likelihood, every customer valued (P(alive),
 * expected purchases over 52 weeks, expected spend, discounted CLV) — on N synthetic customers whose
 * purchases follow the models themselves (the CDNOW parameters, in days: births over 12 weeks, a 39-week
 * calibration), so the fit can also be checked against the truth. Target: under 60 s at 1,000,000.
 *
 * Baseline in the same run: one evaluation of the BG/NBD log-likelihood over every customer, one row each
 * (what a fit without merging identical customers would pay on every one of its hundreds of evaluations).
 */
import { analyseClv } from '@kith/domain/analytics/clv.ts';
import { bgnbdLogLikelihood } from '@kith/domain/analytics/bgnbd.ts';
import { summarise, type PurchaseDays } from '@kith/domain/analytics/transactions.ts';
import { env, rng } from './lib.ts';

const TRUTH = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, v: 15.44 };

/** Gamma(shape, rate) by Marsaglia and Tsang (shape < 1 boosted). */
function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box–Muller normal
      x = Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

export function syntheticCustomers(n: number, seed: number): { customers: PurchaseDays[]; calibrationEnd: number } {
  const u = rng(seed);
  const calibrationEnd = 272;
  const customers: PurchaseDays[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(u, TRUTH.r, TRUTH.alpha) / 7; // purchases a day
    const g1 = gamma(u, TRUTH.a, 1);
    const pDrop = g1 / (g1 + gamma(u, TRUTH.b, 1));
    const nu = gamma(u, TRUTH.q, TRUTH.v);
    const birth = Math.floor(u() * 84);
    const days = [birth];
    const amounts = [Math.round(gamma(u, TRUTH.p, nu) * 100) / 100];
    let t = birth;
    for (;;) {
      t += -Math.log(u() || 1e-300) / lambda;
      if (t > calibrationEnd + 365) break;
      const d = Math.floor(t);
      if (d !== days[days.length - 1]) {
        days.push(d);
        amounts.push(Math.round(gamma(u, TRUTH.p, nu) * 100) / 100);
      }
      if (u() < pDrop) break;
    }
    customers.push({ customerId: `c${i}`, days, amounts });
  }
  return { customers, calibrationEnd };
}

export type ClvBenchResult = {
  customers: number;
  generateSeconds: number;
  seconds: number;
  fitted: { r: number; alpha: number; a: number; b: number; p: number; q: number; v: number };
  truth: typeof TRUTH;
  baselineSeconds: number;
  rssPeakMiB: number;
  heapAfterMiB: number;
};

export async function benchClv(): Promise<ClvBenchResult> {
  const n = env.contacts;
  const t0 = performance.now();
  const { customers, calibrationEnd } = syntheticCustomers(n, env.seed);
  const generateSeconds = (performance.now() - t0) / 1000;
  globalThis.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  // The sampler runs between the steps only (the work is synchronous): yield once so it starts.
  await new Promise((ok) => setTimeout(ok, 60));
  const t1 = performance.now();
  const r = analyseClv(customers, calibrationEnd, { unit: 'week', horizon: 52, annualDiscountRate: 0.1 });
  const seconds = (performance.now() - t1) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  if (r.customers.length !== n) throw new Error(`valued ${r.customers.length} of ${n} customers`);

  // Baseline: one log-likelihood pass over one row per customer.
  const rows = customers.map((c) => {
    const k = c.days.filter((d) => d <= calibrationEnd).length;
    return summarise({ customerId: c.customerId, days: c.days.slice(0, k), amounts: c.amounts.slice(0, k) }, calibrationEnd, 'week');
  });
  const data = {
    x: Float64Array.from(rows.map((x) => x.frequency)),
    tx: Float64Array.from(rows.map((x) => x.recency)),
    T: Float64Array.from(rows.map((x) => x.T)),
  };
  const t2 = performance.now();
  const ll = bgnbdLogLikelihood(r.bgnbd, data);
  const baselineSeconds = (performance.now() - t2) / 1000;
  if (!Number.isFinite(ll)) throw new Error('the baseline log-likelihood is not finite');
  return {
    customers: n,
    generateSeconds,
    seconds,
    fitted: { r: r.bgnbd.r, alpha: r.bgnbd.alpha, a: r.bgnbd.a, b: r.bgnbd.b, p: r.gammaGamma.p, q: r.gammaGamma.q, v: r.gammaGamma.v },
    truth: TRUTH,
    baselineSeconds,
    rssPeakMiB: peak / 2 ** 20,
    heapAfterMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}
