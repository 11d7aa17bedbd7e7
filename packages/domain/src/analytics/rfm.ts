import type { PurchaseDays, PurchaseDaysBuilder, RfmInputs } from './transactions.ts';

/**
 * RFM: recency, frequency and monetary value per customer at an as-of date, scored 1–5 by quintile (5 best)
 * and named by the R×F grid (MODELS.md §5; the segment names of the RFM literature).
 *
 * Scores are SQL's `NTILE(5)` over the customers ordered from worst to best, ties broken by customer id
 * (ascending): recency by days descending, frequency and monetary ascending. Written so, a database
 * computing them with a window function gets the very same scores.
 */

export const RFM_SEGMENTS = ['champions', 'loyal', 'potential_loyalists', 'new', 'promising', 'need_attention', 'about_to_sleep', 'cant_lose_them', 'at_risk', 'hibernating'] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** The segment of each R×F cell: GRID[r − 1][f − 1]. A workspace may edit it. */
export type RfmGrid = readonly (readonly RfmSegment[])[];

export const DEFAULT_RFM_GRID: RfmGrid = [
  // f:  1               2                 3                 4                 5
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose_them'], // r = 1
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose_them'], // r = 2
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'], // r = 3
  ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'loyal'], // r = 4
  ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'], // r = 5
];

/** A grid must name a known segment in each of its 25 cells. */
export function isRfmGrid(g: unknown): g is RfmGrid {
  return Array.isArray(g) && g.length === 5 && g.every((row) => Array.isArray(row) && row.length === 5 && row.every((s) => (RFM_SEGMENTS as readonly unknown[]).includes(s)));
}

export type RfmRow = {
  customerId: string;
  /** Days from the last purchase to the as-of date. */
  recency: number;
  /** Purchase days (several orders on one day count once). */
  frequency: number;
  /** Total spend. */
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
};

/**
 * SQL NTILE(k) of the row at 0-based position i of n: buckets of ⌊n/k⌋ rows, the first n mod k of them one
 * row larger.
 */
export function ntile(i: number, n: number, k: number): number {
  const size = Math.floor(n / k);
  const extra = n % k;
  const bigRows = extra * (size + 1);
  if (i < bigRows) return Math.floor(i / (size + 1)) + 1;
  return Math.floor((i - bigRows) / size) + extra + 1;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each customer's place in id order, so the three rankings break ties by comparing numbers, not strings. */
function idRanks(ids: readonly string[]): Int32Array {
  const order = Array.from({ length: ids.length }, (_, i) => i).sort((x, y) => byId(ids[x]!, ids[y]!));
  const rank = new Int32Array(ids.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}

/** Scores 1–5 for values where higher is better (ties by id), into `out` at each row's position. */
function scores(values: ArrayLike<number>, rank: Int32Array, out: Uint8Array): void {
  const n = rank.length;
  // Whole values of moderate size (days, purchase days, whole đồng) and the id rank fit together in one exact
  // double: value · 2^21 + rank, sorted by the typed array's own numeric sort (no comparator calls).
  let maxRank = 0;
  for (let i = 0; i < n; i++) if (rank[i]! > maxRank) maxRank = rank[i]!;
  let packable = maxRank < 2 ** 21;
  for (let i = 0; packable && i < n; i++) packable = Number.isInteger(values[i]) && Math.abs(values[i]!) < 2 ** 31;
  const order = new Int32Array(n);
  if (packable) {
    const byRank = new Int32Array(maxRank + 1);
    for (let i = 0; i < n; i++) byRank[rank[i]!] = i;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = values[i]! * 2 ** 21 + rank[i]!;
    keys.sort();
    for (let pos = 0; pos < n; pos++) {
      const k = keys[pos]!;
      order[pos] = byRank[k - Math.floor(k / 2 ** 21) * 2 ** 21]!;
    }
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((x, y) => values[x]! - values[y]! || rank[x]! - rank[y]!);
  }
  for (let pos = 0; pos < n; pos++) out[order[pos]!] = ntile(pos, n, 5);
}

/**
 * RFM for every customer with a purchase on or before `asOf` (a day number); purchase days after it are
 * not counted.
 */
export function computeRfm(customers: readonly PurchaseDays[], asOf: number, grid: RfmGrid = DEFAULT_RFM_GRID): RfmRow[] {
  const inputs: RfmInputs = { ids: [], last: [], frequency: [], spend: [] };
  for (const c of customers) {
    let last = -1;
    let days = 0;
    let spend = 0;
    for (let i = 0; i < c.days.length && c.days[i]! <= asOf; i++) {
      last = c.days[i]!;
      days++;
      spend += c.amounts[i]!;
    }
    if (days === 0) continue;
    inputs.ids.push(c.customerId);
    inputs.last.push(last);
    inputs.frequency.push(days);
    inputs.spend.push(spend);
  }
  return scoreRfm(inputs, asOf, grid);
}

/** Scores and segments from each customer's last purchase day, purchase days and spend. */
export function scoreRfm(inputs: RfmInputs, asOf: number, grid: RfmGrid = DEFAULT_RFM_GRID): RfmRow[] {
  const { ids } = inputs;
  const n = ids.length;
  const recency = inputs.last.map((d) => asOf - d);
  const monetary = inputs.spend.map((x) => Math.round(x * 1e6) / 1e6);
  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  const m = new Uint8Array(n);
  const rank = idRanks(ids);
  scores(recency.map((x) => -x), rank, r);
  scores(inputs.frequency, rank, f);
  scores(monetary, rank, m);
  const out = new Array<RfmRow>(n);
  for (let i = 0; i < n; i++) out[i] = { customerId: ids[i]!, recency: recency[i]!, frequency: inputs.frequency[i]!, monetary: monetary[i]!, r: r[i]!, f: f[i]!, m: m[i]!, segment: grid[r[i]! - 1]![f[i]! - 1]! };
  return out;
}

/** RFM of everything a builder holds, as of a day (`kith analytics rfm --transactions`). */
export function rfmFromBuilder(b: PurchaseDaysBuilder, asOf: number, grid: RfmGrid = DEFAULT_RFM_GRID): RfmRow[] {
  return scoreRfm(b.rfmInputs(asOf), asOf, grid);
}
