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

/**
 * A smooth log-likelihood and its gradient, both with respect to the log-parameters: returns the
 * log-likelihood and writes the gradient into `grad` (NaN or ±Infinity where it is not defined).
 */
export type LogLikelihoodWithGradient = (logParams: Float64Array, grad: Float64Array) => number;

const BOUND = 15;

/**
 * Maximise from one start (log-parameters) by quasi-Newton steps (BFGS, the inverse Hessian built from the
 * gradients seen) with a backtracking line search. Converged when a full step moves no log-parameter by more
 * than 1e-10 (a relative change of 1e-10 in every parameter) — or null: a step leaving e^±15, a value or
 * gradient that is not finite, or 200 iterations. A few tens of evaluations where the simplex takes a thousand.
 */
export function maximiseBfgs(
  f: LogLikelihoodWithGradient,
  start: readonly number[],
  inverseHessian?: Float64Array,
): { x: number[]; value: number; evaluations: number; inverseHessian: Float64Array } | null {
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let evaluations = 1;
  // Minimise −f: the gradient is negated on the way in.
  let fx = -f(x, g);
  for (let j = 0; j < n; j++) g[j] = -g[j]!;
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) return null;
  // The inverse Hessian approximation, row-major: the one given (another start's, at its maximum), or the identity
  // scaled by the gradient's size, rescaled at the first step.
  const H = inverseHessian ? Float64Array.from(inverseHessian) : new Float64Array(n * n);
  let scaled = !!inverseHessian;
  if (!inverseHessian) for (let j = 0; j < n; j++) H[j * n + j] = 1 / Math.max(1, maxAbs(g));
  const d = new Float64Array(n);
  const xn = new Float64Array(n);
  let gn = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  for (let iter = 0; iter < 200; iter++) {
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j]! * g[j]!;
      d[i] = v;
    }
    let slope = 0;
    for (let j = 0; j < n; j++) slope += d[j]! * g[j]!;
    if (!(slope < 0)) {
      // Not a descent direction (the approximation went astray): start it again along the gradient.
      H.fill(0);
      for (let j = 0; j < n; j++) H[j * n + j] = 1 / Math.max(1, maxAbs(g));
      scaled = false;
      for (let j = 0; j < n; j++) d[j] = -H[j * n + j]! * g[j]!;
      slope = 0;
      for (let j = 0; j < n; j++) slope += d[j]! * g[j]!;
      if (!(slope < 0)) return { x: [...x], value: -fx, evaluations, inverseHessian: H };
    }
    let t = 1;
    let fn = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 60; k++) {
      let out = false;
      for (let j = 0; j < n; j++) {
        xn[j] = x[j]! + t * d[j]!;
        if (Math.abs(xn[j]!) > BOUND) out = true;
      }
      if (!out) {
        evaluations++;
        fn = -f(xn, gn);
        if (Number.isFinite(fn) && fn <= fx + 1e-4 * t * slope) break;
        // Near the maximum the decrease a step promises is below the rounding of a sum over many customers:
        // the full step is taken on the gradient's word if the value stays within that rounding.
        if (t === 1 && Number.isFinite(fn) && -slope < 1e-11 * (Math.abs(fx) + 1) && fn <= fx + 1e-12 * (Math.abs(fx) + 1)) break;
      }
      fn = Number.POSITIVE_INFINITY;
      t *= 0.5;
    }
    if (!Number.isFinite(fn)) {
      // No decrease along the direction: at the floor of the arithmetic if the step was already tiny.
      return maxAbs(d) < 1e-7 ? { x: [...x], value: -fx, evaluations, inverseHessian: H } : null;
    }
    for (let j = 0; j < n; j++) gn[j] = -gn[j]!;
    if (!gn.every(Number.isFinite)) return null;
    let sy = 0;
    for (let j = 0; j < n; j++) {
      s[j] = xn[j]! - x[j]!;
      y[j] = gn[j]! - g[j]!;
      sy += s[j]! * y[j]!;
    }
    const moved = maxAbs(s);
    [x, g, gn] = [Float64Array.from(xn), gn, g];
    fx = fn;
    if (t === 1 && moved <= 1e-10) return { x: [...x], value: -fx, evaluations, inverseHessian: H };
    if (sy > 1e-300) {
      if (!scaled) {
        // The first update rescales the starting matrix to the curvature seen (Nocedal & Wright 6.20).
        let yy = 0;
        for (let j = 0; j < n; j++) yy += y[j]! * y[j]!;
        H.fill(0);
        for (let j = 0; j < n; j++) H[j * n + j] = sy / yy;
        scaled = true;
      }
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j]! * y[j]!;
        Hy[i] = v;
        yHy += y[i]! * v;
      }
      const c = (1 + yHy / sy) / sy;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i * n + j] = H[i * n + j]! + c * s[i]! * s[j]! - (Hy[i]! * s[j]! + s[i]! * Hy[j]!) / sy;
    }
  }
  return null;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let j = 0; j < v.length; j++) m = Math.max(m, Math.abs(v[j]!));
  return m;
}

/**
 * `fitPositive` with the gradient: each start maximised by `maximiseBfgs`, the best kept. When any start does
 * not converge to an interior maximum (data with none, whose likelihood rises towards a bound), the fit is the
 * simplex's, as `fitPositive` makes it: the same answer on such data as before the gradient was used.
 */
export function fitPositiveSmooth(
  withGradient: LogLikelihoodWithGradient,
  logLikelihood: (params: number[]) => number,
  starts: number[][],
): { params: number[]; logLikelihood: number; evaluations: number; method: 'bfgs' | 'simplex' } {
  let best: { x: number[]; value: number } | null = null;
  let evaluations = 0;
  // The later starts begin with the curvature the first one ended with: the same maxima, in fewer steps.
  let curvature: Float64Array | undefined;
  for (const s of starts) {
    const m = maximiseBfgs(withGradient, s, curvature);
    if (!m) {
      const fit = fitPositive(logLikelihood, starts);
      return { ...fit, evaluations: evaluations + fit.evaluations, method: 'simplex' };
    }
    evaluations += m.evaluations;
    curvature ??= m.inverseHessian;
    if (!best || m.value > best.value) best = m;
  }
  return { params: best!.x.map(Math.exp), logLikelihood: best!.value, evaluations, method: 'bfgs' };
}

/**
 * ψ, the digamma function (the derivative of log Γ) for x > 0: shifted up past 10 by ψ(x) = ψ(x + 1) − 1/x,
 * then its asymptotic series (error below 1e-14 there). For the likelihoods' gradients.
 */
export function digamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}
