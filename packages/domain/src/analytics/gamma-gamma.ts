import gammaln from '@stdlib/math-base-special-gammaln';
import { nelderMead } from './optimize.ts';

/**
 * The Gamma-Gamma model of spend per purchase (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary
 * Value"; Fader, Hardie & Lee 2005, "RFM and CLV"). A customer's purchase amounts are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers; fitted on the customers with repeat purchases, from their number x and
 * the mean amount m̄ of those purchases. It gives each customer's expected spend per purchase: a weighted
 * mean of the population's and their own, the more purchases the more their own.
 */

export type GammaGammaParams = { p: number; q: number; v: number };
export type SpendData = { x: Float64Array; m: Float64Array; weight?: Float64Array };

/** Total log-likelihood over customers with x > 0 (others carry no information on spend and are skipped). */
export function gammaGammaLogLikelihood(par: GammaGammaParams, d: SpendData): number {
  const { p, q, v } = par;
  const lgQ = gammaln(q);
  const qLogV = q * Math.log(v);
  let sum = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i]!;
    const m = d.m[i]!;
    if (!(x > 0) || !(m > 0)) continue;
    const px = p * x;
    const ll = gammaln(px + q) - gammaln(px) - lgQ + qLogV + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(v + x * m);
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
  const f = (w: number[]) => (w.some((x) => Math.abs(x) > 15) ? Number.POSITIVE_INFINITY : -gammaGammaLogLikelihood({ p: Math.exp(w[0]!), q: Math.exp(w[1]!), v: Math.exp(w[2]!) }, d));
  let meanM = 0;
  let n = 0;
  for (let i = 0; i < d.m.length; i++) {
    if (!(d.x[i]! > 0) || !(d.m[i]! > 0)) continue;
    const w = d.weight ? d.weight[i]! : 1;
    meanM += w * d.m[i]!;
    n += w;
  }
  meanM = n ? meanM / n : 1;
  const starts = [
    [0, Math.log(2), Math.log(meanM)],
    [Math.log(5), Math.log(3), Math.log(meanM * 2)],
    [Math.log(0.5), Math.log(1.5), Math.log(Math.max(meanM / 2, 1e-6))],
  ];
  let best: ReturnType<typeof nelderMead> | null = null;
  let evaluations = 0;
  for (const s of starts) {
    const m = nelderMead(f, s, { step: 0.7, tolerance: 1e-12, maxEvaluations: 6000 });
    evaluations += m.evaluations;
    if (!best || m.value < best.value) best = m;
  }
  const w = best!.x;
  return { params: { p: Math.exp(w[0]!), q: Math.exp(w[1]!), v: Math.exp(w[2]!) }, logLikelihood: -best!.value, evaluations };
}
