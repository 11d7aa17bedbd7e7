import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/**
 * The benchmark an area's score is placed against, as quartile cut points (the 25th, 50th and 75th percentiles,
 * in percent). A quartile is 1 (the bottom quarter) to 4 (the top quarter).
 *
 * **The seed** — derived, not measured. The model's published aggregates are for the overall score of about 650
 * assessments: an average of 35%, the best 67%, the worst 17%. Nothing per area is public, so every area uses the
 * same seed. We take a beta distribution on 0–100% with mean 35% and choose its concentration so that the
 * expected lowest and highest of 650 draws (the quantiles at 1/651 and 650/651) fall as close as possible to 17%
 * and 67% (least squares). Its quartiles are the seed's cut points (`SEED`, derived once on first use; the unit
 * test re-derives them and docs/assessment.md prints them). It is labelled "seed (derived from published
 * aggregates)" wherever it is shown.
 *
 * **The pool** — where at least `MIN_POOL` workspaces of one installation have opted in, their latest closed
 * assessment's area scores are pooled (anonymised: only the scores) and the pool's own quartiles replace the seed.
 */

export const PUBLISHED = { mean: 35, best: 67, worst: 17, assessments: 650 } as const;
export const MIN_POOL = 5;

export type Cuts = readonly [number, number, number];
export type Benchmark = { readonly source: 'seed' | 'pool'; readonly n: number; readonly cuts: Cuts };

/** The seed's beta parameters and quartiles. */
export function deriveSeed(): { alpha: number; beta: number; cuts: Cuts; expectedWorst: number; expectedBest: number } {
  const mu = PUBLISHED.mean / 100;
  const n = PUBLISHED.assessments;
  const pLo = 1 / (n + 1);
  const pHi = n / (n + 1);
  const at = (k: number) => ({ lo: betaQuantile(pLo, mu * k, (1 - mu) * k), hi: betaQuantile(pHi, mu * k, (1 - mu) * k) });
  const loss = (logK: number) => {
    const q = at(Math.exp(logK));
    return (q.lo - PUBLISHED.worst / 100) ** 2 + (q.hi - PUBLISHED.best / 100) ** 2;
  };
  // Golden-section search on log(concentration) over [log 2, log 2000].
  let a = Math.log(2);
  let b = Math.log(2000);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 100; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (loss(c) < loss(d)) b = d;
    else a = c;
  }
  const k = Math.exp((a + b) / 2);
  const alpha = mu * k;
  const beta = (1 - mu) * k;
  const q = (p: number) => betaQuantile(p, alpha, beta) * 100;
  const ends = at(k);
  return { alpha, beta, cuts: [q(0.25), q(0.5), q(0.75)], expectedWorst: ends.lo * 100, expectedBest: ends.hi * 100 };
}

let seed: Benchmark | undefined;
export function seedBenchmark(): Benchmark {
  seed ??= { source: 'seed', n: PUBLISHED.assessments, cuts: deriveSeed().cuts };
  return seed;
}

/** A percentile of sorted values, linearly interpolated (the "type 7" definition most tools use). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no values');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The pooled benchmark from scores of opted-in workspaces (one per workspace), or the seed when fewer than MIN_POOL. */
export function benchmarkFrom(pooled: readonly number[]): Benchmark {
  if (pooled.length < MIN_POOL) return seedBenchmark();
  const s = [...pooled].sort((x, y) => x - y);
  return { source: 'pool', n: s.length, cuts: [percentile(s, 0.25), percentile(s, 0.5), percentile(s, 0.75)] };
}

/** 1 (bottom quarter) … 4 (top quarter); a score on a cut point belongs to the quarter above it. null when unscored. */
export function quartileOf(score: number | null, cuts: Cuts): 1 | 2 | 3 | 4 | null {
  if (score === null) return null;
  if (score >= cuts[2]) return 4;
  if (score >= cuts[1]) return 3;
  if (score >= cuts[0]) return 2;
  return 1;
}
