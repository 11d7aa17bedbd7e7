import type { PurchaseDays, PurchaseDaysBuilder, RfmInputs } from './transactions.ts';

/**
 * RFM: recency, frequency and monetary value per customer at an as-of date, scored 1–5 by quintile (5 best)
 * and named by the R×F grid (docs/models.md, the customer profile; the segment names of the RFM literature).
 *
 * Scores are SQL's `NTILE(5)` over the customers ordered from worst to best, ties broken by customer id
 * (ascending): recency by days descending, frequency and monetary ascending. Written so, a database
 * computing them with a window function gets the very same scores.
 */

export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'cant_lose_them',
  'at_risk',
  'hibernating',
] as const;
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
  return (
    Array.isArray(g) &&
    g.length === 5 &&
    g.every((row) => Array.isArray(row) && row.length === 5 && row.every((s) => (RFM_SEGMENTS as readonly unknown[]).includes(s)))
  );
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

/**
 * Each customer's place in id order (code unit by code unit, as `<` compares strings), so the three rankings
 * break ties by comparing numbers, not strings. Ids already in order (as read from an index) are their own
 * ranks. Otherwise a most-significant-digit radix sort over the characters the ids use: sorting a million
 * ids by comparing them took 2.8–5 s here, more than the rest of the RFM together.
 */
export function idRanks(ids: readonly string[]): Int32Array {
  const n = ids.length;
  const rank = new Int32Array(n);
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = ids[i - 1]! < ids[i]!;
  if (sorted) {
    for (let i = 0; i < n; i++) rank[i] = i;
    return rank;
  }
  const order = idOrder(ids);
  for (let r = 0; r < n; r++) rank[order[r]!] = r;
  return rank;
}

/**
 * The ids' positions in id order; equal ids keep their order. A range of many ids is split on several
 * characters at once (as many as keep the buckets under 65,536), a small one on one, a tiny one sorted
 * by comparing.
 */
function idOrder(ids: readonly string[]): Int32Array {
  const n = ids.length;
  // The code units the ids use, numbered in order from 1 (0: the id has ended).
  const sym = new Uint16Array(65536);
  let maxLen = 0;
  for (const id of ids) {
    if (id.length > maxLen) maxLen = id.length;
    for (let i = 0; i < id.length; i++) sym[id.charCodeAt(i)] = 1;
  }
  let alphabet = 0;
  for (let c = 0; c < 65536; c++) if (sym[c]) sym[c] = ++alphabet;
  const base = alphabet + 1;
  let wide = 1;
  while (base ** (wide + 1) <= 65536) wide++;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const tmp = new Int32Array(n);
  const key = new Int32Array(n);
  const maxDepth = 256;
  const counts = new Map<string, Int32Array>();
  const countsFor = (depth: number, width: number) => {
    const k = `${depth}:${width}`;
    let c = counts.get(k);
    if (!c) counts.set(k, (c = new Int32Array(base ** width + 1)));
    return c;
  };
  const sortRange = (lo: number, hi: number, depth: number): void => {
    if (depth > maxDepth || hi - lo < 24) {
      // The ids agree on their first `depth` code units, so comparing them whole is right.
      const part = Array.from(order.subarray(lo, hi)).sort((x, y) => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : x - y));
      order.set(part, lo);
      return;
    }
    const width = hi - lo > 4096 ? wide : 1;
    const buckets = base ** width;
    const count = countsFor(depth, width);
    count.fill(0);
    for (let i = lo; i < hi; i++) {
      const id = ids[order[i]!]!;
      let k = 0;
      for (let w = 0; w < width; w++) k = k * base + (depth + w < id.length ? sym[id.charCodeAt(depth + w)]! : 0);
      key[i] = k;
      count[k + 1]!++;
    }
    for (let k = 0; k < buckets; k++) count[k + 1]! += count[k]!;
    // count[k] is where bucket k starts (relative to lo); the scatter keeps the order within a bucket.
    for (let i = lo; i < hi; i++) tmp[lo + count[key[i]!]!++] = order[i]!;
    order.set(tmp.subarray(lo, hi), lo);
    // count[k] is now where bucket k ends. A bucket whose ids ended within these characters holds equal ids.
    let from = lo;
    for (let k = 0; k < buckets; k++) {
      const to = lo + count[k]!;
      if (to - from > 1 && k % base !== 0) sortRange(from, to, depth + width);
      from = to;
    }
  };
  if (maxLen === 0) return order;
  // The first characters of each id and its position packed into one exact number, sorted by the typed
  // array's own sort (no comparator calls); only ids sharing those first characters go on to the radix.
  const idxBits = Math.max(1, Math.ceil(Math.log2(n)));
  let first = 0;
  while (base ** (first + 1) <= 2 ** (53 - idxBits)) first++;
  if (first === 0) {
    sortRange(0, n, 0);
    return order;
  }
  const scale = 2 ** idxBits;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    let v = 0;
    for (let w = 0; w < first; w++) v = v * base + (w < id.length ? sym[id.charCodeAt(w)]! : 0);
    packed[i] = v * scale + i;
  }
  packed.sort();
  for (let pos = 0; pos < n; pos++) {
    const x = packed[pos]!;
    order[pos] = x - Math.floor(x / scale) * scale;
  }
  for (let lo = 0; lo < n; ) {
    const v = Math.floor(packed[lo]! / scale);
    let hi = lo + 1;
    while (hi < n && Math.floor(packed[hi]! / scale) === v) hi++;
    if (hi - lo > 1 && v % base !== 0) sortRange(lo, hi, first);
    lo = hi;
  }
  return order;
}

/**
 * Scores 1–5 for values where higher is better (ties by id), into `out` at each row's position. Whole
 * values (days, purchase days, whole đồng) are ordered by a stable counting sort over the customers in id
 * order — one pass when their span is small, base-2,048 digits from the lowest when not — instead of a
 * comparison sort (a million customers: about 30 ms a score against 230 ms for sorting packed numbers).
 */
function scores(values: Float64Array, rank: Int32Array, out: Uint8Array): void {
  const n = rank.length;
  let whole = n > 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== Math.floor(v)) whole = false;
  }
  whole = whole && max - min < 2 ** 52;
  let order = new Int32Array(n);
  if (whole) {
    for (let i = 0; i < n; i++) order[rank[i]!] = i;
    const span = max - min;
    // Each customer's digit of the pass, the lowest first; the first pass alone when the span is small.
    const digit = new Int32Array(n);
    let tmp = new Int32Array(n);
    const single = span < 2 ** 22;
    const buckets = single ? span + 1 : 2048;
    const count = new Int32Array(buckets + 1);
    for (let p = 1; p <= Math.max(span, 1); p *= 2048) {
      if (single) for (let i = 0; i < n; i++) digit[i] = values[i]! - min;
      else for (let i = 0; i < n; i++) digit[i] = Math.floor((values[i]! - min) / p) % 2048;
      count.fill(0);
      for (let i = 0; i < n; i++) count[digit[i]! + 1]!++;
      for (let d = 0; d < buckets; d++) count[d + 1]! += count[d]!;
      for (let q = 0; q < n; q++) {
        const i = order[q]!;
        tmp[count[digit[i]!]!++] = i;
      }
      [order, tmp] = [tmp, order];
      if (single) break;
    }
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((x, y) => values[x]! - values[y]! || rank[x]! - rank[y]!);
  }
  // NTILE(5): buckets of ⌊n/5⌋ rows, the first n mod 5 of them one row larger.
  let pos = 0;
  for (let t = 1; t <= 5; t++) {
    const end = pos + Math.floor(n / 5) + (t <= n % 5 ? 1 : 0);
    for (; pos < end; pos++) out[order[pos]!] = t;
  }
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
  const recency = new Float64Array(n);
  const later = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    recency[i] = asOf - inputs.last[i]!;
    later[i] = -recency[i]!;
    frequency[i] = inputs.frequency[i]!;
    monetary[i] = Math.round(inputs.spend[i]! * 1e6) / 1e6;
  }
  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  const m = new Uint8Array(n);
  const rank = idRanks(ids);
  scores(later, rank, r);
  scores(frequency, rank, f);
  scores(monetary, rank, m);
  const out = new Array<RfmRow>(n);
  for (let i = 0; i < n; i++)
    out[i] = {
      customerId: ids[i]!,
      recency: recency[i]!,
      frequency: frequency[i]!,
      monetary: monetary[i]!,
      r: r[i]!,
      f: f[i]!,
      m: m[i]!,
      segment: grid[r[i]! - 1]![f[i]! - 1]!,
    };
  return out;
}

/** RFM of everything a builder holds, as of a day (`kith analytics rfm --transactions`). */
export function rfmFromBuilder(b: PurchaseDaysBuilder, asOf: number, grid: RfmGrid = DEFAULT_RFM_GRID): RfmRow[] {
  return scoreRfm(b.rfmInputs(asOf), asOf, grid);
}
