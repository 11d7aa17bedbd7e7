import { bgnbdExpectedPurchases, bgnbdExpectedPurchasesNew, compactRepeatData, fitBgNbd, type BgNbdParams } from './bgnbd.ts';
import { summarise, TIME_UNITS, type PurchaseDays, type TimeUnit } from './transactions.ts';

/**
 * The calibration/holdout check of the BG/NBD model (Fader, Hardie & Lee 2005, figures 2–4): fitted on the
 * purchases up to a calibration end only, does it predict what the same customers then did in the holdout
 * period that followed?
 *
 * - **By frequency**: customers grouped by their repeat purchases in the calibration period (0 … 6, 7+);
 *   for each group the mean repeat purchases the model expected in the holdout (conditional expectation,
 *   eq. 10) beside the mean they made.
 * - **Tracking**: cumulative repeat purchases of the calibration cohort over time, actual beside the
 *   model's (each customer's expected repeat purchases since their first, eq. 7, summed) — through the
 *   calibration period and on into the holdout.
 */

export type HoldoutCheck = {
  calibrationEnd: number;
  holdoutEnd: number;
  unit: TimeUnit;
  /** Customers who had bought by the calibration end (the cohort checked). */
  customers: number;
  params: BgNbdParams;
  logLikelihood: number;
  byFrequency: { frequency: string; customers: number; predicted: number; actual: number }[];
  /** Day numbers, each with the cumulative repeat purchases made and expected by then. */
  tracking: { day: number; actual: number; predicted: number }[];
};

const MAX_BUCKET = 7;
const MAX_POINTS = 120;

/** Run the check; null when the cohort is too small or no one bought again (nothing to fit). */
export function holdoutCheck(customers: readonly PurchaseDays[], calibrationEnd: number, holdoutEnd: number, unit: TimeUnit): HoldoutCheck | null {
  const u = TIME_UNITS[unit];
  const cohort: { summary: ReturnType<typeof summarise>; first: number; days: readonly number[] }[] = [];
  for (const c of customers) {
    if (c.days.length === 0 || c.days[0]! > calibrationEnd) continue;
    let n = 0;
    while (n < c.days.length && c.days[n]! <= calibrationEnd) n++;
    cohort.push({
      summary: summarise({ customerId: c.customerId, days: c.days.slice(0, n), amounts: c.amounts.slice(0, n) }, calibrationEnd, unit),
      first: c.days[0]!,
      days: c.days,
    });
  }
  if (cohort.length < 10 || !cohort.some((c) => c.summary.frequency > 0)) return null;
  const fit = fitBgNbd(compactRepeatData(cohort.map((c) => c.summary)));
  const p = fit.params;
  const horizon = (holdoutEnd - calibrationEnd) / u;

  // By frequency: the conditional expectation once per distinct (x, t_x, T).
  const buckets = Array.from({ length: MAX_BUCKET + 1 }, () => ({ customers: 0, predicted: 0, actual: 0 }));
  const cache = new Map<string, number>();
  for (const c of cohort) {
    const s = c.summary;
    const k = `${s.frequency}|${s.recency}|${s.T}`;
    let e = cache.get(k);
    if (e === undefined) cache.set(k, (e = bgnbdExpectedPurchases(p, horizon, s.frequency, s.recency, s.T)));
    let actual = 0;
    for (const d of c.days) if (d > calibrationEnd && d <= holdoutEnd) actual++;
    const b = buckets[Math.min(s.frequency, MAX_BUCKET)]!;
    b.customers++;
    b.predicted += e;
    b.actual += actual;
  }
  const byFrequency = buckets.map((b, i) => ({
    frequency: i === MAX_BUCKET ? `${MAX_BUCKET}+` : String(i),
    customers: b.customers,
    predicted: b.customers ? b.predicted / b.customers : 0,
    actual: b.customers ? b.actual / b.customers : 0,
  }));

  // Tracking: points every `step` days from the cohort's first purchase to the holdout end.
  const start = Math.min(...cohort.map((c) => c.first));
  const step = Math.max(u, Math.ceil((holdoutEnd - start) / MAX_POINTS / u) * u);
  const points: number[] = [];
  for (let d = start + step; d < holdoutEnd; d += step) points.push(d);
  points.push(holdoutEnd);
  // Customers by first-purchase day (the expected curve depends on nothing else), and every repeat purchase day.
  const byFirst = new Map<number, number>();
  const repeats: number[] = [];
  for (const c of cohort) {
    byFirst.set(c.first, (byFirst.get(c.first) ?? 0) + 1);
    for (let i = 1; i < c.days.length && c.days[i]! <= holdoutEnd; i++) repeats.push(c.days[i]!);
  }
  repeats.sort((a, b) => a - b);
  const firsts = [...byFirst];
  let j = 0;
  const tracking = points.map((day) => {
    while (j < repeats.length && repeats[j]! <= day) j++;
    let predicted = 0;
    for (const [first, n] of firsts) if (day > first) predicted += n * bgnbdExpectedPurchasesNew(p, (day - first) / u);
    return { day, actual: j, predicted };
  });
  return { calibrationEnd, holdoutEnd, unit, customers: cohort.length, params: p, logLikelihood: fit.logLikelihood, byFrequency, tracking };
}

/**
 * Where to split a history for the check: the holdout is the last half of the time since the first
 * purchase, at most 52 weeks, in whole weeks; null under 8 weeks of history.
 */
export function holdoutSplit(firstDay: number, asOf: number): { calibrationEnd: number; holdoutEnd: number } | null {
  const span = asOf - firstDay;
  if (span < 56) return null;
  const holdout = Math.min(364, Math.floor(span / 2 / 7) * 7);
  return { calibrationEnd: asOf - holdout, holdoutEnd: asOf };
}
