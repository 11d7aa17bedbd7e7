/**
 * Minimising a smooth function of a few variables without its gradient: the Nelder–Mead simplex method
 * (Lagarias et al. 1998 coefficients), restarted from its own best point until a restart no longer
 * improves it — a restart rebuilds the simplex and escapes the premature collapses Nelder–Mead is known
 * for. Used to fit the lifetime-value models by maximum likelihood on log-parameters.
 */

export type Minimum = { x: number[]; value: number; evaluations: number };

export function nelderMead(f: (x: number[]) => number, start: number[], o: { step?: number; tolerance?: number; maxEvaluations?: number } = {}): Minimum {
  const n = start.length;
  const step = o.step ?? 0.5;
  const tol = o.tolerance ?? 1e-10;
  const max = o.maxEvaluations ?? 4000;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let best: { x: number[]; v: number } = { x: [...start], v: value(start) };
  for (let restart = 0; restart < 20 && evaluations < max; restart++) {
    const simplex: { x: number[]; v: number }[] = [best];
    for (let i = 0; i < n; i++) {
      const x = [...best.x];
      x[i] = x[i]! + step;
      simplex.push({ x, v: value(x) });
    }
    while (evaluations < max) {
      simplex.sort((a, b) => a.v - b.v);
      const lo = simplex[0]!;
      const hi = simplex[n]!;
      if (Math.abs(hi.v - lo.v) <= tol * (Math.abs(lo.v) + tol) && spread(simplex) < 1e-9) break;
      const centroid = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]!.x[j]! / n;
      const along = (t: number) => centroid.map((c, j) => c + t * (hi.x[j]! - c));
      const r = along(-1);
      const vr = value(r);
      if (vr < lo.v) {
        const e = along(-2);
        const ve = value(e);
        simplex[n] = ve < vr ? { x: e, v: ve } : { x: r, v: vr };
      } else if (vr < simplex[n - 1]!.v) {
        simplex[n] = { x: r, v: vr };
      } else {
        const c = vr < hi.v ? along(-0.5) : along(0.5);
        const vc = value(c);
        if (vc < Math.min(vr, hi.v)) simplex[n] = { x: c, v: vc };
        else {
          // Shrink towards the best point.
          for (let i = 1; i <= n; i++) {
            const x = simplex[i]!.x.map((xi, j) => lo.x[j]! + 0.5 * (xi - lo.x[j]!));
            simplex[i] = { x, v: value(x) };
          }
        }
      }
    }
    simplex.sort((a, b) => a.v - b.v);
    const improved = best.v - simplex[0]!.v;
    best = simplex[0]!;
    if (restart > 0 && improved <= tol * (Math.abs(best.v) + tol)) break;
  }
  return { x: best.x, value: best.v, evaluations };
}

function spread(simplex: { x: number[] }[]): number {
  let s = 0;
  const first = simplex[0]!.x;
  for (const p of simplex) for (let j = 0; j < first.length; j++) s = Math.max(s, Math.abs(p.x[j]! - first[j]!));
  return s;
}

/**
 * Maximum likelihood over positive parameters: `logLikelihood` is maximised over their logarithms (so they
 * stay positive) from each starting point (given as log-parameters), and the best fit is kept. Parameters
 * stay within e^±15: data with no interior maximum (a handful of customers) gives a finite fit, not infinity.
 */
export function fitPositive(logLikelihood: (params: number[]) => number, starts: number[][]): { params: number[]; logLikelihood: number; evaluations: number } {
  const f = (v: number[]) => (v.some((x) => Math.abs(x) > 15) ? Number.POSITIVE_INFINITY : -logLikelihood(v.map(Math.exp)));
  let best: Minimum | null = null;
  let evaluations = 0;
  for (const s of starts) {
    const m = nelderMead(f, s, { step: 0.7, tolerance: 1e-12, maxEvaluations: 6000 });
    evaluations += m.evaluations;
    if (!best || m.value < best.value) best = m;
  }
  return { params: best!.x.map(Math.exp), logLikelihood: -best!.value, evaluations };
}
