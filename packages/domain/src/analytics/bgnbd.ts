import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { digamma, fitPositive, fitPositiveSmooth } from './optimize.ts';

/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
 *
 * While alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with
 * probability p ~ Beta(a, b). From a customer's repeat frequency x, recency t_x and age T (in one time
 * unit) the model gives the likelihood (fitted by maximum likelihood over the customers), the probability
 * the customer is still alive, and the purchases to expect over the next t units.
 *
 * Formulas follow the paper (equations 6, 10 and 11) in log space; the conditional expectation uses the
 * Euler transformation of its 2F1, so it stays finite for very frequent buyers (whose 2F1 otherwise
 * diverges as its argument nears 1 while a vanishing power multiplies it).
 */

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

/** Customers as columns (typed arrays); `weight` counts identical customers merged into one row. */
export type RepeatData = { x: Float64Array; tx: Float64Array; T: Float64Array; weight?: Float64Array };

const logAddExp = (u: number, v: number) => (u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v)));

/** The log-likelihood of one customer (paper eq. 6). */
export function bgnbdLogLikelihoodOne(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

/**
 * The customers' distinct values of x, T and t_x with each row's index into them: the terms of the
 * likelihood that depend on one of them alone (log-gammas of x, logs of α + T and α + t_x) are then
 * computed once per distinct value and evaluation instead of once per customer.
 */
type Indexed = { ux: Float64Array; uT: Float64Array; utx: Float64Array; xi: Int32Array; Ti: Int32Array; txi: Int32Array };
const indexes = new WeakMap<RepeatData, Indexed>();

function indexOf(d: RepeatData): Indexed {
  let ix = indexes.get(d);
  if (ix) return ix;
  const distinct = (col: Float64Array) => {
    const u = Float64Array.from(new Set(col)).sort();
    const pos = new Map<number, number>();
    for (let k = 0; k < u.length; k++) pos.set(u[k]!, k);
    const i = new Int32Array(col.length);
    for (let j = 0; j < col.length; j++) i[j] = pos.get(col[j]!)!;
    return { u, i };
  };
  const x = distinct(d.x);
  const T = distinct(d.T);
  const tx = distinct(d.tx);
  ix = { ux: x.u, uT: T.u, utx: tx.u, xi: x.i, Ti: T.i, txi: tx.i };
  indexes.set(d, ix);
  return ix;
}

/** The total log-likelihood over the customers. */
export function bgnbdLogLikelihood(p: BgNbdParams, d: RepeatData): number {
  const { r, alpha, a, b } = p;
  const ix = indexOf(d);
  // Per distinct x: A1 + A2 without their α-terms; log(b + x − 1) for the second term.
  const base = new Float64Array(ix.ux.length);
  const logBX1 = new Float64Array(ix.ux.length);
  const lgR = gammaln(r);
  const lgAB = gammaln(a + b);
  const lgB = gammaln(b);
  const rLogAlpha = r * Math.log(alpha);
  for (let k = 0; k < ix.ux.length; k++) {
    const x = ix.ux[k]!;
    base[k] = gammaln(r + x) - lgR + rLogAlpha + lgAB + gammaln(b + x) - lgB - gammaln(a + b + x);
    logBX1[k] = x > 0 ? Math.log(b + x - 1) : 0;
  }
  const logAT = Float64Array.from(ix.uT, (T) => Math.log(alpha + T));
  const logAtx = Float64Array.from(ix.utx, (tx) => Math.log(alpha + tx));
  const logA = Math.log(a);
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const k = ix.xi[i]!;
    const x = ix.ux[k]!;
    const a3 = -(r + x) * logAT[ix.Ti[i]!]!;
    const ll = x === 0 ? base[k]! + a3 : base[k]! + logAddExp(a3, logA - logBX1[k]! - (r + x) * logAtx[ix.txi[i]!]!);
    sum += d.weight ? d.weight[i]! * ll : ll;
  }
  return sum;
}

/** P(alive | x, t_x, T) (paper eq. 11, in logs so a large x gives 0 rather than NaN). */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * (a+b+x−1)/(a−1) · (1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))): E[purchases in (T, T + t]]
 * of a customer still alive — the same for every t_x, so computed once per (x, T) when many share them.
 */
export function bgnbdPurchaseFactor(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  // ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z) = (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z)  (Euler).
  // The Euler form is the stable one for small a and b; when the fit puts them very large (no heterogeneity in
  // dropout: a, b in the hundreds of thousands), (1−z)^(a−1) underflows while the series overflows, and the
  // direct form — a series in (b/c)·z < z — is the one that converges.
  let term = Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  if (!Number.isFinite(term)) term = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * (1 - term);
}

/** E[purchases in (T, T + t] | x, t_x, T] (paper eq. 10): the factor times P(alive). */
export function bgnbdExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return bgnbdPurchaseFactor(p, t, x, T) * bgnbdPAlive(p, x, tx, T);
}

/** E[purchases in (0, t]] for a customer just born (paper eq. 7): the population's expected curve. */
export function bgnbdExpectedPurchasesNew(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + t);
  let term = Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, z);
  // Euler's transform when the direct series does not give a finite value: (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b−1; z).
  if (!Number.isFinite(term)) term = Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z);
  return ((a + b - 1) / (a - 1)) * (1 - term);
}

export type BgNbdFit = { params: BgNbdParams; logLikelihood: number; evaluations: number; method: 'bfgs' | 'simplex' };

/** The starting points of the fit (log-parameters): the same for either method. */
function bgnbdStarts(d: RepeatData): number[][] {
  const meanT = mean(d.T, d.weight);
  return [
    [0, Math.log(Math.max(meanT, 1e-3)), 0, 0],
    [Math.log(0.5), Math.log(Math.max(meanT / 4, 1e-3)), Math.log(0.5), Math.log(2)],
    [Math.log(2), Math.log(Math.max(meanT * 2, 1e-3)), Math.log(2), Math.log(5)],
  ];
}

const bgnbdOf = (v: ArrayLike<number>): BgNbdParams => ({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! });

/**
 * The total log-likelihood and its gradient with respect to (log r, log α, log a, log b), over weighted rows
 * (distinct histories). With w₃, w₄ the shares of the two terms of the likelihood of a repeat buyer
 * (e^{A₃}, e^{A₄} over their sum; w₃ = 1 without repeats):
 *   ∂/∂r = ψ(r+x) − ψ(r) + log α − w₃ log(α+T) − w₄ log(α+t_x)
 *   ∂/∂α = r/α − (r+x)(w₃/(α+T) + w₄/(α+t_x))
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w₄/a
 *   ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w₄/(b+x−1)
 * Every term that depends on x, T or t_x alone is computed once per distinct value.
 */
export function bgnbdLogLikelihoodWithGradient(logParams: ArrayLike<number>, d: RepeatData, grad: Float64Array): number {
  const r = Math.exp(logParams[0]!);
  const alpha = Math.exp(logParams[1]!);
  const a = Math.exp(logParams[2]!);
  const b = Math.exp(logParams[3]!);
  const ix = indexOf(d);
  const nx = ix.ux.length;
  const base = new Float64Array(nx);
  const logBX1 = new Float64Array(nx);
  const invBX1 = new Float64Array(nx);
  const dr = new Float64Array(nx);
  const da = new Float64Array(nx);
  const db = new Float64Array(nx);
  const lgR = gammaln(r);
  const lgAB = gammaln(a + b);
  const lgB = gammaln(b);
  const logAlpha = Math.log(alpha);
  const rLogAlpha = r * logAlpha;
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  for (let k = 0; k < nx; k++) {
    const x = ix.ux[k]!;
    base[k] = gammaln(r + x) - lgR + rLogAlpha + lgAB + gammaln(b + x) - lgB - gammaln(a + b + x);
    logBX1[k] = x > 0 ? Math.log(b + x - 1) : 0;
    invBX1[k] = x > 0 ? 1 / (b + x - 1) : 0;
    const psiABX = digamma(a + b + x);
    dr[k] = digamma(r + x) - psiR + logAlpha;
    da[k] = psiAB - psiABX;
    db[k] = psiAB + digamma(b + x) - psiB - psiABX;
  }
  const logAT = Float64Array.from(ix.uT, (T) => Math.log(alpha + T));
  const logAtx = Float64Array.from(ix.utx, (tx) => Math.log(alpha + tx));
  const invAT = Float64Array.from(ix.uT, (T) => 1 / (alpha + T));
  const invAtx = Float64Array.from(ix.utx, (tx) => 1 / (alpha + tx));
  const logA = Math.log(a);
  const w = d.weight;
  const xi = ix.xi;
  const Ti = ix.Ti;
  const txiOf = ix.txi;
  const ux = ix.ux;
  const rows = d.x.length;
  const rOverAlpha = r / alpha;
  let sum = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < rows; i++) {
    const k = xi[i]!;
    const x = ux[k]!;
    const ti = Ti[i]!;
    const wi = w ? w[i]! : 1;
    const rx = r + x;
    const lT = logAT[ti]!;
    const a3 = -rx * lT;
    if (x === 0) {
      const ll = base[k]! + a3;
      sum += w ? wi * ll : ll;
      gr += wi * (dr[k]! - lT);
      gAlpha += wi * (rOverAlpha - rx * invAT[ti]!);
      ga += wi * da[k]!;
      gb += wi * db[k]!;
      continue;
    }
    const txi = txiOf[i]!;
    const ltx = logAtx[txi]!;
    const a4 = logA - logBX1[k]! - rx * ltx;
    // logAddExp(a3, a4), and w₄ = e^{a4}/(e^{a3} + e^{a4}) from the same exponential.
    let ll: number;
    let w4: number;
    if (a3 > a4) {
      const e = Math.exp(a4 - a3);
      ll = base[k]! + (a3 + Math.log1p(e));
      w4 = e / (1 + e);
    } else {
      const e = Math.exp(a3 - a4);
      ll = base[k]! + (a4 + Math.log1p(e));
      w4 = 1 / (1 + e);
    }
    const w3 = 1 - w4;
    sum += w ? wi * ll : ll;
    gr += wi * (dr[k]! - w3 * lT - w4 * ltx);
    gAlpha += wi * (rOverAlpha - rx * (w3 * invAT[ti]! + w4 * invAtx[txi]!));
    ga += wi * (da[k]! + w4 / a);
    gb += wi * (db[k]! - w4 * invBX1[k]!);
  }
  grad[0] = r * gr;
  grad[1] = alpha * gAlpha;
  grad[2] = a * ga;
  grad[3] = b * gb;
  return sum;
}

/**
 * Fit by maximum likelihood over log-parameters (so they stay positive), from several starting points; the
 * best is kept. Quasi-Newton steps on the likelihood's gradient (a few tens of evaluations); on data whose
 * likelihood has no interior maximum, the simplex (`fitBgNbdSimplex`), as before the gradient was used.
 * Identical customers should be merged first (`groupHistories`, `compactRepeatData`): a million customers of
 * a shop have far fewer distinct (x, t_x, T).
 */
export function fitBgNbd(d: RepeatData): BgNbdFit {
  const fit = fitPositiveSmooth(
    (u, grad) => bgnbdLogLikelihoodWithGradient(u, d, grad),
    (v) => bgnbdLogLikelihood(bgnbdOf(v), d),
    bgnbdStarts(d),
  );
  return { params: bgnbdOf(fit.params), logLikelihood: fit.logLikelihood, evaluations: fit.evaluations, method: fit.method };
}

/** The fit by the Nelder–Mead simplex alone, on the likelihood's values: the method before the gradient, kept as the fallback. */
export function fitBgNbdSimplex(d: RepeatData): BgNbdFit {
  const fit = fitPositive((v) => bgnbdLogLikelihood(bgnbdOf(v), d), bgnbdStarts(d));
  return { params: bgnbdOf(fit.params), logLikelihood: fit.logLikelihood, evaluations: fit.evaluations, method: 'simplex' };
}

function mean(xs: Float64Array, w?: Float64Array): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * xs[i]!;
    n += wi;
  }
  return n ? s / n : 0;
}

/** Merge customers with the same (x, t_x, T) into one weighted row. */
export function compactRepeatData(rows: readonly { frequency: number; recency: number; T: number }[]): RepeatData {
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  for (const c of rows) {
    const k = `${c.frequency}|${c.recency}|${c.T}`;
    const i = index.get(k);
    if (i !== undefined) w[i]!++;
    else {
      index.set(k, x.length);
      x.push(c.frequency);
      tx.push(c.recency);
      T.push(c.T);
      w.push(1);
    }
  }
  return { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), weight: Float64Array.from(w) };
}

/**
 * Customers' histories as columns, those with the same (x, t_x, T) merged into one weighted row, in the order
 * first seen (as `compactRepeatData` merges them), and each customer's row: `group[i]`. Keyed by the values'
 * bits in an open-addressing table of typed arrays — no string per customer.
 */
export function groupHistories(x: Float64Array, tx: Float64Array, T: Float64Array): { data: RepeatData; group: Int32Array } {
  const n = x.length;
  const group = new Int32Array(n);
  let size = 1 << 10;
  while (size < n * 2) size <<= 1;
  // Per slot: the row's index + 1 (0: empty).
  const slots = new Int32Array(size);
  const mask = size - 1;
  const gx = new Float64Array(n);
  const gtx = new Float64Array(n);
  const gT = new Float64Array(n);
  const w = new Float64Array(n);
  const bits = new Float64Array(3);
  const words = new Int32Array(bits.buffer);
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const txi = tx[i]!;
    const Ti = T[i]!;
    bits[0] = xi;
    bits[1] = txi;
    bits[2] = Ti;
    let h = 0x811c9dc5 | 0;
    for (let j = 0; j < 6; j++) h = Math.imul(h ^ words[j]!, 0x01000193);
    h ^= h >>> 15;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = slots[slot]!;
      if (k === 0) {
        slots[slot] = rows + 1;
        gx[rows] = xi;
        gtx[rows] = txi;
        gT[rows] = Ti;
        w[rows] = 1;
        group[i] = rows++;
        break;
      }
      if (gx[k - 1] === xi && gtx[k - 1] === txi && gT[k - 1] === Ti) {
        w[k - 1]!++;
        group[i] = k - 1;
        break;
      }
    }
  }
  return { data: { x: gx.slice(0, rows), tx: gtx.slice(0, rows), T: gT.slice(0, rows), weight: w.slice(0, rows) }, group };
}
