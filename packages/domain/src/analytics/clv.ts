import { bgnbdExpectedPurchases, bgnbdPAlive, compactRepeatData, fitBgNbd, type BgNbdParams } from './bgnbd.ts';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import { summarise, TIME_UNITS, type CustomerSummary, type PurchaseDays, type TimeUnit } from './transactions.ts';

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

/** Every customer valued; the BG/NBD outlook computed once per distinct (x, t_x, T). */
export function valueCustomers(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  summaries: readonly CustomerSummary[],
  o: ClvOptions,
  fallbackSpend = Number.NaN,
): CustomerValue[] {
  const looks = new Map<string, Outlook>();
  return summaries.map((s) => {
    const k = `${s.frequency}|${s.recency}|${s.T}`;
    let look = looks.get(k);
    if (!look) looks.set(k, (look = outlook(bg, s.frequency, s.recency, s.T, o)));
    return valueOf(s, gg, look, fallbackSpend);
  });
}

/**
 * Fit both models on the purchases up to `calibrationEnd` (a day number) and value every customer who had
 * bought by then.
 */
export function analyseClv(customers: readonly PurchaseDays[], calibrationEnd: number, o: ClvOptions): ClvResult {
  const summaries: CustomerSummary[] = [];
  for (const c of customers) {
    let n = 0;
    while (n < c.days.length && c.days[n]! <= calibrationEnd) n++;
    if (n === 0) continue;
    summaries.push(summarise({ customerId: c.customerId, days: c.days.slice(0, n), amounts: c.amounts.slice(0, n) }, calibrationEnd, o.unit));
  }
  const repeaters = summaries.filter((s) => s.frequency > 0 && s.monetary > 0);
  if (summaries.length < MIN_CUSTOMERS || repeaters.length < MIN_REPEATERS) {
    throw new NotEnoughData(
      `${summaries.length} customers had bought by the calibration end, ${repeaters.length} of them more than once: the models need at least ${MIN_CUSTOMERS}, ${MIN_REPEATERS} of them buying again`,
    );
  }
  const bg = fitBgNbd(compactRepeatData(summaries));
  const gg = fitGammaGamma({ x: Float64Array.from(repeaters.map((s) => s.frequency)), m: Float64Array.from(repeaters.map((s) => s.monetary)) });
  return {
    bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood },
    gammaGamma: { ...gg.params, logLikelihood: gg.logLikelihood },
    customers: valueCustomers(bg.params, gg.params, summaries, o, repeaters.reduce((t, x) => t + x.monetary, 0) / repeaters.length),
  };
}
