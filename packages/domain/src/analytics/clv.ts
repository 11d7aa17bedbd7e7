import { bgnbdExpectedPurchases, bgnbdPAlive, bgnbdPurchaseFactor, fitBgNbd, groupHistories, type BgNbdParams, type RepeatData } from './bgnbd.ts';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import { repeatSummaries, TIME_UNITS, type CustomerSummary, type PurchaseDays, type RepeatSummaries, type TimeUnit } from './transactions.ts';

/**
 * Customer lifetime value from the two models: BG/NBD for how many purchases a customer will make (and
 * whether they are still a customer at all), Gamma-Gamma for how much each will be, both fitted on the
 * purchases up to the end of a calibration period. The value over a horizon is the expected spend of the
 * expected purchases in each step of it, discounted to the calibration end.
 */

export type ClvOptions = {
  unit: TimeUnit;
  /** Units ahead (weeks or days). */
  horizon: number;
  /** Yearly discount rate (0.1 = 10% a year), applied per step. */
  annualDiscountRate: number;
};

export type CustomerValue = CustomerSummary & { pAlive: number; expectedPurchases: number; expectedSpend: number; clv: number };

export type ClvResult = {
  bgnbd: BgNbdParams & { logLikelihood: number };
  gammaGamma: GammaGammaParams & { logLikelihood: number };
  customers: CustomerValue[];
};

/** Too few customers, or too few who bought again, for the models to say anything. */
export class NotEnoughData extends Error {}
export const MIN_CUSTOMERS = 10;
export const MIN_REPEATERS = 3;

/** Steps the horizon is discounted in: each unit up to 24 of them, evenly spaced beyond. */
const MAX_STEPS = 24;

/** What BG/NBD says of a customer's (x, t_x, T): shared by every customer with the same history. */
type Outlook = { pAlive: number; expectedPurchases: number; discountedPurchases: number };

function outlook(bg: BgNbdParams, x: number, tx: number, T: number, o: ClvOptions): Outlook {
  const pAlive = bgnbdPAlive(bg, x, tx, T);
  const expectedPurchases = bgnbdExpectedPurchases(bg, o.horizon, x, tx, T);
  const steps = Math.max(1, Math.min(MAX_STEPS, Math.ceil(o.horizon)));
  const perUnit = (1 + o.annualDiscountRate) ** (TIME_UNITS[o.unit] / 365) - 1;
  let discountedPurchases = 0;
  let before = 0;
  for (let k = 1; k <= steps; k++) {
    const t = (o.horizon * k) / steps;
    const e = k === steps ? expectedPurchases : bgnbdExpectedPurchases(bg, t, x, tx, T);
    discountedPurchases += (e - before) / (1 + perUnit) ** t;
    before = e;
  }
  return { pAlive, expectedPurchases, discountedPurchases };
}

function valueOf(s: CustomerSummary, gg: GammaGammaParams, look: Outlook, fallbackSpend: number): CustomerValue {
  // With q ≤ 1 the model's population mean is infinite: a customer without repeats gets the observed mean.
  const modelSpend = gammaGammaExpectedSpend(gg, s.frequency, s.monetary);
  const expectedSpend = Number.isFinite(modelSpend) ? modelSpend : fallbackSpend;
  return { ...s, pAlive: look.pAlive, expectedPurchases: look.expectedPurchases, expectedSpend, clv: look.discountedPurchases * expectedSpend };
}

/** Discounted value over the horizon of one customer under fitted models. */
export function customerValue(bg: BgNbdParams, gg: GammaGammaParams, s: CustomerSummary, o: ClvOptions, fallbackSpend = Number.NaN): CustomerValue {
  return valueOf(s, gg, outlook(bg, s.frequency, s.recency, s.T, o), fallbackSpend);
}

/** The models' figures of every customer, as columns beside their summaries (customer `i`: `ids[i]`, `clv[i]`, …). */
export type ClvColumns = RepeatSummaries & {
  bgnbd: BgNbdParams & { logLikelihood: number };
  gammaGamma: GammaGammaParams & { logLikelihood: number };
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
};

/**
 * Fit both models on repeat-purchase summaries and value every customer, in columns end to end: customers with
 * the same (x, t_x, T) are one weighted row of the BG/NBD fit and share one outlook; the conditional
 * expectation's 2F1 — which does not depend on t_x — is computed once per distinct (x, T) and step of the
 * horizon, and P(alive) once per distinct history. The figures are those of `customerValue` of each customer,
 * to the last bit, at the fitted parameters.
 */
export function analyseClvColumns(s: RepeatSummaries, o: ClvOptions): ClvColumns {
  const n = s.ids.length;
  let repeaters = 0;
  let repeatSpend = 0;
  for (let i = 0; i < n; i++) {
    if (s.frequency[i]! > 0 && s.monetary[i]! > 0) {
      repeaters++;
      repeatSpend += s.monetary[i]!;
    }
  }
  if (n < MIN_CUSTOMERS || repeaters < MIN_REPEATERS) {
    throw new NotEnoughData(
      `${n} customers had bought by the calibration end, ${repeaters} of them more than once: the models need at least ${MIN_CUSTOMERS}, ${MIN_REPEATERS} of them buying again`,
    );
  }
  const { data, group } = groupHistories(s.frequency, s.recency, s.T);
  const bg = fitBgNbd(data);
  const spendX = new Float64Array(repeaters);
  const spendM = new Float64Array(repeaters);
  for (let i = 0, j = 0; i < n; i++) {
    if (s.frequency[i]! > 0 && s.monetary[i]! > 0) {
      spendX[j] = s.frequency[i]!;
      spendM[j++] = s.monetary[i]!;
    }
  }
  const gg = fitGammaGamma({ x: spendX, m: spendM });
  const looks = outlooks(bg.params, data, o);
  // With q ≤ 1 the model's population mean is infinite: a customer without repeats gets the observed mean.
  const fallbackSpend = repeatSpend / repeaters;
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  const clv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    const modelSpend = gammaGammaExpectedSpend(gg.params, s.frequency[i]!, s.monetary[i]!);
    const spend = Number.isFinite(modelSpend) ? modelSpend : fallbackSpend;
    pAlive[i] = looks.pAlive[g]!;
    expectedPurchases[i] = looks.expectedPurchases[g]!;
    expectedSpend[i] = spend;
    clv[i] = looks.discountedPurchases[g]! * spend;
  }
  return {
    ...s,
    bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood },
    gammaGamma: { ...gg.params, logLikelihood: gg.logLikelihood },
    pAlive,
    expectedPurchases,
    expectedSpend,
    clv,
  };
}

/**
 * `outlook` of each distinct history, in columns. E[X(t) | x, t_x, T] is (a+b+x−1)/(a−1) · (1 − term(x, T, t)) ·
 * P(alive | x, t_x, T): the first two factors (the 2F1) per distinct (x, T) and step, multiplied by P(alive)
 * per history in the order `bgnbdExpectedPurchases` multiplies them.
 */
function outlooks(bg: BgNbdParams, d: RepeatData, o: ClvOptions): { pAlive: Float64Array; expectedPurchases: Float64Array; discountedPurchases: Float64Array } {
  const G = d.x.length;
  const steps = Math.max(1, Math.min(MAX_STEPS, Math.ceil(o.horizon)));
  const perUnit = (1 + o.annualDiscountRate) ** (TIME_UNITS[o.unit] / 365) - 1;
  // Per step k (1…steps): its time and discount; the last step's purchases are those over the whole horizon.
  const times = new Float64Array(steps + 1);
  const discount = new Float64Array(steps + 1);
  for (let k = 1; k <= steps; k++) {
    times[k] = (o.horizon * k) / steps;
    discount[k] = (1 + perUnit) ** times[k]!;
  }
  // Distinct (x, T) (grouped as histories whose t_x is their T): their factor at each step, `steps` apart.
  const pairOf = groupHistories(d.x, d.T, d.T);
  const P = pairOf.data.x.length;
  const factor = new Float64Array(P * steps);
  for (let p = 0; p < P; p++) {
    const x = pairOf.data.x[p]!;
    const T = pairOf.data.T[p]!;
    for (let k = 1; k <= steps; k++) factor[p * steps + k - 1] = bgnbdPurchaseFactor(bg, k === steps ? o.horizon : times[k]!, x, T);
  }
  const pAlive = new Float64Array(G);
  const expectedPurchases = new Float64Array(G);
  const discountedPurchases = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const alive = bgnbdPAlive(bg, d.x[g]!, d.tx[g]!, d.T[g]!);
    const at = pairOf.group[g]! * steps;
    let sum = 0;
    let before = 0;
    for (let k = 1; k <= steps; k++) {
      const e = factor[at + k - 1]! * alive;
      sum += (e - before) / discount[k]!;
      before = e;
    }
    pAlive[g] = alive;
    expectedPurchases[g] = before;
    discountedPurchases[g] = sum;
  }
  return { pAlive, expectedPurchases, discountedPurchases };
}

/**
 * Fit both models on the purchases up to `calibrationEnd` (a day number) and value every customer who had
 * bought by then: `analyseClvColumns`, each customer then one object (the server's scores read them by id). The CLI,
 * the scores the server stores and the API that reads them all come from the same columns.
 */
export function analyseClv(customers: readonly PurchaseDays[], calibrationEnd: number, o: ClvOptions): ClvResult {
  const r = analyseClvColumns(repeatSummaries(customers, calibrationEnd, o.unit), o);
  const out = new Array<CustomerValue>(r.ids.length);
  for (let i = 0; i < out.length; i++) out[i] = customerAt(r, i);
  return { bgnbd: r.bgnbd, gammaGamma: r.gammaGamma, customers: out };
}

/** Customer `i` of the columns as one object. */
export function customerAt(r: ClvColumns, i: number): CustomerValue {
  return {
    customerId: r.ids[i]!,
    frequency: r.frequency[i]!,
    recency: r.recency[i]!,
    T: r.T[i]!,
    monetary: r.monetary[i]!,
    pAlive: r.pAlive[i]!,
    expectedPurchases: r.expectedPurchases[i]!,
    expectedSpend: r.expectedSpend[i]!,
    clv: r.clv[i]!,
  };
}
