import gammaln from '@stdlib/math-base-special-gammaln';
import { digamma, fitPositive, fitPositiveSmooth } from './optimize.ts';

/**
 * The Gamma-Gamma model of spend per purchase (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary
 * Value"; Fader, Hardie & Lee 2005, "RFM and CLV"). A customer's purchase amounts are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers; fitted on the customers with repeat purchases, from their number x and
 * the mean amount m̄ of those purchases. It gives each customer's expected spend per purchase: a weighted
 * mean of the population's and their own, the more purchases the more their own.
 */

export type GammaGammaParams = { p: number; q: number; v: number };
export type SpendData = { x: Float64Array; m: Float64Array; weight?: Float64Array };

/** Per data set: the rows that count (x > 0, m̄ > 0), their log m̄ and log x, and the distinct x. */
type Prepared = { rows: Int32Array; logM: Float64Array; logX: Float64Array; ux: Float64Array; xi: Int32Array };
const prepared = new WeakMap<SpendData, Prepared>();

function prepare(d: SpendData): Prepared {
  let p = prepared.get(d);
  if (p) return p;
  let n = 0;
  for (let i = 0; i < d.x.length; i++) if (d.x[i]! > 0 && d.m[i]! > 0) n++;
  // Plain loops over typed arrays: a mapping Float64Array.from goes through the iterator protocol, a call per row.
  const rows = new Int32Array(n);
  const logM = new Float64Array(n);
  const logX = new Float64Array(n);
  const seen = new Set<number>();
  for (let i = 0, j = 0; i < d.x.length; i++) {
    if (!(d.x[i]! > 0 && d.m[i]! > 0)) continue;
    rows[j] = i;
    logM[j] = Math.log(d.m[i]!);
    logX[j++] = Math.log(d.x[i]!);
    seen.add(d.x[i]!);
  }
  const ux = Float64Array.from(seen).sort();
  const pos = new Map<number, number>();
  for (let k = 0; k < ux.length; k++) pos.set(ux[k]!, k);
  const xi = new Int32Array(n);
  for (let j = 0; j < n; j++) xi[j] = pos.get(d.x[rows[j]!]!)!;
  p = { rows, logM, logX, ux, xi };
  prepared.set(d, p);
  return p;
}

/** Total log-likelihood over customers with x > 0 (others carry no information on spend and are skipped). */
export function gammaGammaLogLikelihood(par: GammaGammaParams, d: SpendData): number {
  const { p, q, v } = par;
  const pr = prepare(d);
  // Per distinct x: log Γ(px + q) − log Γ(px).
  const lg = Float64Array.from(pr.ux, (x) => gammaln(p * x + q) - gammaln(p * x));
  const c = q * Math.log(v) - gammaln(q);
  let sum = 0;
  for (let j = 0; j < pr.rows.length; j++) {
    const i = pr.rows[j]!;
    const x = d.x[i]!;
    const px = p * x;
    const ll = lg[pr.xi[j]!]! + c + (px - 1) * pr.logM[j]! + px * pr.logX[j]! - (px + q) * Math.log(v + x * d.m[i]!);
    sum += d.weight ? d.weight[i]! * ll : ll;
  }
  return sum;
}

/** E[spend per purchase | x, m̄]; for a customer without repeat purchases, the population mean γp/(q−1). */
export function gammaGammaExpectedSpend(par: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = par;
  if (!(x > 0)) return q > 1 ? (v * p) / (q - 1) : Number.NaN;
  return (p * (v + x * m)) / (p * x + q - 1);
}

/**
 * The total log-likelihood and its gradient with respect to (log p, log q, log γ):
 *   ∂/∂p = x(ψ(px+q) − ψ(px) + log m̄ + log x − log(γ + x m̄))
 *   ∂/∂q = ψ(px+q) − ψ(q) + log γ − log(γ + x m̄)
 *   ∂/∂γ = q/γ − (px+q)/(γ + x m̄)
 * the digammas once per distinct x, one logarithm and one division per customer.
 */
export function gammaGammaLogLikelihoodWithGradient(logParams: ArrayLike<number>, d: SpendData, grad: Float64Array): number {
  const p = Math.exp(logParams[0]!);
  const q = Math.exp(logParams[1]!);
  const v = Math.exp(logParams[2]!);
  const pr = prepare(d);
  const nx = pr.ux.length;
  const lg = new Float64Array(nx);
  const dp = new Float64Array(nx);
  const dq = new Float64Array(nx);
  const psiQ = digamma(q);
  for (let k = 0; k < nx; k++) {
    const px = p * pr.ux[k]!;
    lg[k] = gammaln(px + q) - gammaln(px);
    const psiPXQ = digamma(px + q);
    dp[k] = psiPXQ - digamma(px);
    dq[k] = psiPXQ - psiQ;
  }
  const logV = Math.log(v);
  const c = q * logV - gammaln(q);
  let sum = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  for (let j = 0; j < pr.rows.length; j++) {
    const i = pr.rows[j]!;
    const x = d.x[i]!;
    const k = pr.xi[j]!;
    const px = p * x;
    const vxm = v + x * d.m[i]!;
    const logVXM = Math.log(vxm);
    const ll = lg[k]! + c + (px - 1) * pr.logM[j]! + px * pr.logX[j]! - (px + q) * logVXM;
    const w = d.weight ? d.weight[i]! : 1;
    sum += d.weight ? w * ll : ll;
    gp += w * x * (dp[k]! + pr.logM[j]! + pr.logX[j]! - logVXM);
    gq += w * (dq[k]! + logV - logVXM);
    gv += w * (q / v - (px + q) / vxm);
  }
  grad[0] = p * gp;
  grad[1] = q * gq;
  grad[2] = v * gv;
  return sum;
}

export type GammaGammaFit = { params: GammaGammaParams; logLikelihood: number; evaluations: number; method: 'bfgs' | 'simplex' };

function gammaGammaStarts(d: SpendData): number[][] {
  let meanM = 0;
  let n = 0;
  for (let i = 0; i < d.m.length; i++) {
    if (!(d.x[i]! > 0) || !(d.m[i]! > 0)) continue;
    const w = d.weight ? d.weight[i]! : 1;
    meanM += w * d.m[i]!;
    n += w;
  }
  meanM = n ? meanM / n : 1;
  return [
    [0, Math.log(2), Math.log(meanM)],
    [Math.log(5), Math.log(3), Math.log(meanM * 2)],
    [Math.log(0.5), Math.log(1.5), Math.log(Math.max(meanM / 2, 1e-6))],
  ];
}

const gammaGammaOf = (v: ArrayLike<number>): GammaGammaParams => ({ p: v[0]!, q: v[1]!, v: v[2]! });

/** Maximum likelihood from three starts by quasi-Newton steps on the gradient; the simplex where there is no interior maximum. */
export function fitGammaGamma(d: SpendData): GammaGammaFit {
  const fit = fitPositiveSmooth(
    (u, grad) => gammaGammaLogLikelihoodWithGradient(u, d, grad),
    (v) => gammaGammaLogLikelihood(gammaGammaOf(v), d),
    gammaGammaStarts(d),
  );
  return { params: gammaGammaOf(fit.params), logLikelihood: fit.logLikelihood, evaluations: fit.evaluations, method: fit.method };
}

/** The fit by the Nelder–Mead simplex alone: the method before the gradient, kept as the fallback. */
export function fitGammaGammaSimplex(d: SpendData): GammaGammaFit {
  const fit = fitPositive((v) => gammaGammaLogLikelihood(gammaGammaOf(v), d), gammaGammaStarts(d));
  return { params: gammaGammaOf(fit.params), logLikelihood: fit.logLikelihood, evaluations: fit.evaluations, method: 'simplex' };
}
