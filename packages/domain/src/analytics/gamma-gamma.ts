import gammaln from '@stdlib/math-base-special-gammaln';
import { fitPositive } from './optimize.ts';

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
  const rows: number[] = [];
  for (let i = 0; i < d.x.length; i++) if (d.x[i]! > 0 && d.m[i]! > 0) rows.push(i);
  const ux = [...new Set(rows.map((i) => d.x[i]!))].sort((a, b) => a - b);
  const pos = new Map(ux.map((v, k) => [v, k]));
  p = {
    rows: Int32Array.from(rows),
    logM: Float64Array.from(rows, (i) => Math.log(d.m[i]!)),
    logX: Float64Array.from(rows, (i) => Math.log(d.x[i]!)),
    ux: Float64Array.from(ux),
    xi: Int32Array.from(rows, (i) => pos.get(d.x[i]!)!),
  };
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

export type GammaGammaFit = { params: GammaGammaParams; logLikelihood: number; evaluations: number };

export function fitGammaGamma(d: SpendData): GammaGammaFit {
  let meanM = 0;
  let n = 0;
  for (let i = 0; i < d.m.length; i++) {
    if (!(d.x[i]! > 0) || !(d.m[i]! > 0)) continue;
    const w = d.weight ? d.weight[i]! : 1;
    meanM += w * d.m[i]!;
    n += w;
  }
  meanM = n ? meanM / n : 1;
  const fit = fitPositive(
    ([p, q, v]) => gammaGammaLogLikelihood({ p: p!, q: q!, v: v! }, d),
    [
      [0, Math.log(2), Math.log(meanM)],
      [Math.log(5), Math.log(3), Math.log(meanM * 2)],
      [Math.log(0.5), Math.log(1.5), Math.log(Math.max(meanM / 2, 1e-6))],
    ],
  );
  const [p, q, v] = fit.params as [number, number, number];
  return { params: { p, q, v }, logLikelihood: fit.logLikelihood, evaluations: fit.evaluations };
}
