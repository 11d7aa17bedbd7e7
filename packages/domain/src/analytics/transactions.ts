/**
 * Transactions and the per-customer summaries the models read.
 *
 * A transaction is a customer, a calendar day (`YYYY-MM-DD`) and an amount. Several transactions of one
 * customer on one day are one purchase (their amounts summed): this is the standard construction of the
 * BG/NBD and RFM literature, and what the CDNOW summaries are built with.
 */

export type Transaction = { customerId: string; date: string; amount: number };

export const TIME_UNITS = { day: 1, week: 7 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO calendar date, or NaN. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return Number.NaN;
  return t / DAY_MS;
}

/** One customer's purchases: distinct days (ascending) and the amount spent on each. */
export type PurchaseDays = { customerId: string; days: number[]; amounts: number[] };

/**
 * Purchase days built one transaction at a time, in columns (a customer index, a day, an amount per
 * transaction: 16 bytes each) rather than a map per customer, so ten million transactions take 160 MB and
 * grouping them is two passes of a counting sort (docs/BENCHMARKS.md, the RFM benchmark).
 */
/**
 * Customer ids → dense indexes, in an open-addressing table of typed arrays keyed by an FNV-1a hash of the
 * characters. A file's ids are looked up where they lie in the text read (`indexIn`), so only a new id
 * becomes a string of its own: ten million lookups among a million ids took 6.6 s with a Map of strings
 * (each a fresh substring to hash and compare), half of reading a file (docs/BENCHMARKS.md).
 */
export class IdIndex {
  readonly ids: string[];
  constructor(ids: string[] = []) {
    this.ids = ids;
  }
  /** Per slot: the hash, the id's index + 1 (0: empty), where its characters start in `chars`, their count. */
  private table = new Int32Array(4 << 12);
  private chars = new Uint16Array(1 << 16);
  private used = 0;

  get size(): number {
    return this.ids.length;
  }

  /** The index of `text.slice(start, end)`, added if new. */
  indexIn(text: string, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const t = this.table;
    const mask = (t.length >> 2) - 1;
    const len = end - start;
    // One cache line holds a slot's hash, index and the place of its characters; a second, the characters.
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = slot << 2;
      const k = t[e + 1]!;
      if (k === 0) return this.insert(e, h, text, start, end);
      if (t[e] === h && t[e + 3] === len) {
        const off = t[e + 2]!;
        let same = true;
        for (let i = 0; i < len; i++) {
          if (this.chars[off + i] !== text.charCodeAt(start + i)) {
            same = false;
            break;
          }
        }
        if (same) return k - 1;
      }
    }
  }

  indexOf(id: string): number {
    return this.indexIn(id, 0, id.length);
  }

  /** The table as plain arrays (to hand over from a worker thread; the typed arrays' buffers transfer). */
  state(): IdIndexState {
    return { ids: this.ids, table: this.table, chars: this.chars.slice(0, this.used) };
  }

  static fromState(s: IdIndexState): IdIndex {
    const x = new IdIndex(s.ids);
    x.table = s.table;
    x.chars = s.chars.length ? s.chars : new Uint16Array(1 << 16);
    x.used = s.chars.length;
    return x;
  }

  private insert(e: number, h: number, text: string, start: number, end: number): number {
    const len = end - start;
    if (this.used + len > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.used + len));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let i = 0; i < len; i++) this.chars[this.used + i] = text.charCodeAt(start + i);
    const id = this.ids.length;
    // A copy, not a slice that would keep the whole text read alive.
    this.ids.push(start === 0 && end === text.length ? text : (' ' + text.slice(start, end)).slice(1));
    this.table[e] = h;
    this.table[e + 1] = id + 1;
    this.table[e + 2] = this.used;
    this.table[e + 3] = len;
    this.used += len;
    if (this.ids.length * 2 > this.table.length >> 2) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.table;
    const t = new Int32Array(old.length * 2);
    const mask = (t.length >> 2) - 1;
    for (let e = 0; e < old.length; e += 4) {
      if (old[e + 1] === 0) continue;
      let slot = old[e]! & mask;
      while (t[(slot << 2) + 1] !== 0) slot = (slot + 1) & mask;
      t.set(old.subarray(e, e + 4), slot << 2);
    }
    this.table = t;
  }
}

export type IdIndexState = { ids: string[]; table: Int32Array<ArrayBuffer>; chars: Uint16Array<ArrayBuffer> };

export class PurchaseDaysBuilder {
  private index = new IdIndex();
  private ids = this.index.ids;
  private cust = new Int32Array(1 << 12);
  private day = new Int32Array(1 << 12);
  private amount = new Float64Array(1 << 12);
  private n = 0;
  /** The transactions grouped by customer, once asked for (or as joined from parts read apart). */
  private groups: Groups | null = null;

  /** `day` is a day number (dayNumber); amounts of one customer's day are summed. */
  add(customerId: string, day: number, amount: number): void {
    this.addAt(this.index.indexOf(customerId), day, amount);
  }

  /** `add` with the customer's id where it lies in a text being read (no string made for a known id). */
  addIn(text: string, start: number, end: number, day: number, amount: number): void {
    this.addAt(this.index.indexIn(text, start, end), day, amount);
  }

  private addAt(c: number, day: number, amount: number): void {
    if (this.groups) this.ungroup();
    if (this.n === this.cust.length) this.grow(this.n * 2);
    this.cust[this.n] = c;
    this.day[this.n] = day;
    this.amount[this.n] = amount;
    this.n++;
  }

  private grow(size: number): void {
    const cust = new Int32Array(size);
    cust.set(this.cust.subarray(0, this.n));
    const day = new Int32Array(size);
    day.set(this.day.subarray(0, this.n));
    const amount = new Float64Array(size);
    amount.set(this.amount.subarray(0, this.n));
    this.cust = cust;
    this.day = day;
    this.amount = amount;
  }

  /** Back to one row per transaction (a transaction added after the grouping, as to a joined builder). */
  private ungroup(): void {
    const g = this.groups!;
    this.groups = null;
    const size = Math.max(this.n * 2, 1 << 12);
    this.cust = new Int32Array(size);
    this.day = new Int32Array(size);
    this.amount = new Float64Array(size);
    for (let c = 0; c + 1 < g.start.length; c++) this.cust.fill(c, g.start[c]!, g.start[c + 1]!);
    this.day.set(g.day.subarray(0, this.n));
    this.amount.set(g.amount.subarray(0, this.n));
  }

  get customers(): number {
    return this.ids.length;
  }

  /**
   * The transactions grouped by customer and each customer's sorted by day, with the customer ids (and the
   * id table, for the first part): what a worker thread hands over after reading a part of a file (the
   * typed arrays' buffers transfer). Sorting there, in parallel, leaves the joining thread runs to merge.
   */
  columns(withIndex = false): BuilderColumns {
    const g = this.grouped();
    return { ids: this.ids, start: g.start, day: g.day, amount: g.amount, ...(withIndex ? { index: this.index.state() } : {}) };
  }

  /**
   * The builders of consecutive parts of one file, joined as if one had read it all: customers in the order
   * first seen, each one's transactions by day and, within a day, in file order (so every sum is added in
   * the same order). Each part's groups are copied whole, in part order, into the customer's place.
   */
  static join(parts: readonly BuilderColumns[]): PurchaseDaysBuilder {
    const b = new PurchaseDaysBuilder();
    // The first part's index, when it came along, is the joined one's start: its customers keep their numbers.
    if (parts[0]?.index) {
      b.index = IdIndex.fromState(parts[0].index);
      b.ids = b.index.ids;
    }
    // A part's customers are counted by its own groups: the first part's id list is the joined index's, which grows.
    const remaps: Int32Array[] = [];
    for (const p of parts) {
      const own = p.start.length - 1;
      const remap = new Int32Array(own);
      if (p === parts[0] && p.index) for (let i = 0; i < own; i++) remap[i] = i;
      else {
        const pids = p.ids;
        const index = b.index;
        for (let i = 0; i < own; i++) remap[i] = index.indexOf(pids[i]!);
      }
      remaps.push(remap);
    }
    const C = b.ids.length;
    const start = new Int32Array(C + 1);
    for (let k = 0; k < parts.length; k++) {
      const remap = remaps[k]!;
      const ps = parts[k]!.start;
      for (let j = 0; j < remap.length; j++) start[remap[j]! + 1]! += ps[j + 1]! - ps[j]!;
    }
    for (let c = 0; c < C; c++) start[c + 1]! += start[c]!;
    const total = start[C]!;
    const day = new Int32Array(Math.max(total, 1));
    const amount = new Float64Array(Math.max(total, 1));
    const pos = start.slice(0, C);
    for (let k = 0; k < parts.length; k++) copyGroups(parts[k]!, remaps[k]!, pos, day, amount);
    b.n = total;
    b.groups = { start, day, amount };
    // Each customer's runs (one per part, each by day) into one, by day; a stable sort keeps file order within a day.
    if (parts.length > 1) for (let c = 0; c < C; c++) sortGroup(day, amount, start[c]!, start[c + 1]!);
    return b;
  }

  /** The earliest day seen, or +Infinity. */
  firstDay(): number {
    const day = this.groups ? this.groups.day : this.day;
    let first = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.n; k++) if (day[k]! < first) first = day[k]!;
    return first;
  }

  /**
   * The transactions grouped by customer (a counting sort moving the days and amounts themselves, so what
   * reads them after goes through memory in order), each customer's by day, stable: `[start[c], start[c+1])`.
   */
  private grouped(): Groups {
    if (this.groups) return this.groups;
    const C = this.ids.length;
    const n = this.n;
    const start = new Int32Array(C + 1);
    for (let k = 0; k < n; k++) start[this.cust[k]! + 1]!++;
    for (let c = 0; c < C; c++) start[c + 1]! += start[c]!;
    const pos = start.slice(0, C);
    const day = new Int32Array(Math.max(n, 1));
    const amount = new Float64Array(Math.max(n, 1));
    for (let k = 0; k < n; k++) {
      const at = pos[this.cust[k]!]!++;
      day[at] = this.day[k]!;
      amount[at] = this.amount[k]!;
    }
    for (let c = 0; c < C; c++) sortGroup(day, amount, start[c]!, start[c + 1]!);
    this.groups = { start, day, amount };
    // The rows are in the groups now; the row columns are let go (a later add rebuilds them).
    this.cust = new Int32Array(0);
    this.day = new Int32Array(0);
    this.amount = new Float64Array(0);
    return this.groups;
  }

  /** Every customer (in the order first seen) with their distinct purchase days, ascending, and each day's total. */
  finish(): PurchaseDays[] {
    const { start, day, amount } = this.grouped();
    const out = new Array<PurchaseDays>(this.ids.length);
    for (let c = 0; c < this.ids.length; c++) {
      const days: number[] = [];
      const amounts: number[] = [];
      for (let i = start[c]!; i < start[c + 1]!; i++) {
        const d = day[i]!;
        if (days.length > 0 && days[days.length - 1] === d) amounts[amounts.length - 1]! += amount[i]!;
        else {
          days.push(d);
          amounts.push(amount[i]!);
        }
      }
      out[c] = { customerId: this.ids[c]!, days, amounts };
    }
    return out;
  }

  /**
   * The repeat-purchase summaries at `calibrationEnd` of every customer who had bought by then (in the order
   * first seen), as columns — the same figures, summed in the same order, as `summarise` of the purchase days
   * up to that day, without an object or an array per customer.
   */
  repeatSummaries(calibrationEnd: number, unit: TimeUnit): RepeatSummaries {
    const { start, day, amount } = this.grouped();
    const u = TIME_UNITS[unit];
    const C = this.ids.length;
    const ids: string[] = [];
    const frequency = new Float64Array(C);
    const recency = new Float64Array(C);
    const T = new Float64Array(C);
    const monetary = new Float64Array(C);
    let n = 0;
    for (let c = 0; c < C; c++) {
      const from = start[c]!;
      const to = start[c + 1]!;
      if (from === to || day[from]! > calibrationEnd) continue;
      const first = day[from]!;
      let lastDay = first;
      let days = 1;
      let repeat = 0;
      let dayAmount = amount[from]!;
      for (let i = from + 1; i < to; i++) {
        const d = day[i]!;
        if (d > calibrationEnd) break;
        if (d === lastDay) dayAmount += amount[i]!;
        else {
          // The day before is complete: a repeat purchase unless it was the first.
          if (days > 1) repeat += dayAmount;
          lastDay = d;
          dayAmount = amount[i]!;
          days++;
        }
      }
      if (days > 1) repeat += dayAmount;
      const f = days - 1;
      ids.push(this.ids[c]!);
      frequency[n] = f;
      recency[n] = (lastDay - first) / u;
      T[n] = (calibrationEnd - first) / u;
      monetary[n] = f > 0 ? repeat / f : 0;
      n++;
    }
    return { ids, frequency: frequency.slice(0, n), recency: recency.slice(0, n), T: T.slice(0, n), monetary: monetary.slice(0, n) };
  }

  /**
   * What RFM needs of each customer who had bought by `asOf` — last purchase day, purchase days, spend —
   * straight from the columns: the same sums in the same order as `computeRfm(finish(), asOf)`, without a
   * million arrays in between.
   */
  rfmInputs(asOf: number): RfmInputs {
    const { start, day, amount } = this.grouped();
    const ids: string[] = [];
    const last: number[] = [];
    const frequency: number[] = [];
    const spend: number[] = [];
    for (let c = 0; c < this.ids.length; c++) {
      let lastDay = -1;
      let days = 0;
      let total = 0;
      let dayAmount = 0;
      for (let i = start[c]!; i < start[c + 1]!; i++) {
        const d = day[i]!;
        if (d > asOf) break;
        if (d === lastDay) dayAmount += amount[i]!;
        else {
          if (days > 0) total += dayAmount;
          lastDay = d;
          dayAmount = amount[i]!;
          days++;
        }
      }
      if (days === 0) continue;
      total += dayAmount;
      ids.push(this.ids[c]!);
      last.push(lastDay);
      frequency.push(days);
      spend.push(total);
    }
    return { ids, last, frequency, spend };
  }
}

type Groups = { start: Int32Array; day: Int32Array; amount: Float64Array };

/** A part's groups, each to where its customer's next entries go (`pos`, advanced). */
function copyGroups(p: BuilderColumns, remap: Int32Array, pos: Int32Array, day: Int32Array, amount: Float64Array): void {
  const ps = p.start;
  const pd = p.day;
  const pa = p.amount;
  for (let j = 0; j < remap.length; j++) {
    const c = remap[j]!;
    let at = pos[c]!;
    const to = ps[j + 1]!;
    for (let i = ps[j]!; i < to; i++, at++) {
      day[at] = pd[i]!;
      amount[at] = pa[i]!;
    }
    pos[c] = at;
  }
}

/** One customer's transactions `[from, to)` by day, stable: insertion sort for the usual handful, a library sort for many. */
function sortGroup(day: Int32Array, amount: Float64Array, from: number, to: number): void {
  if (to - from > 64) {
    const idx = Array.from({ length: to - from }, (_, i) => from + i).sort((x, y) => day[x]! - day[y]! || x - y);
    const d = idx.map((i) => day[i]!);
    const a = idx.map((i) => amount[i]!);
    day.set(d, from);
    amount.set(a, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const d = day[i]!;
    if (day[i - 1]! <= d) continue;
    const a = amount[i]!;
    let j = i - 1;
    while (j >= from && day[j]! > d) {
      day[j + 1] = day[j]!;
      amount[j + 1] = amount[j]!;
      j--;
    }
    day[j + 1] = d;
    amount[j + 1] = a;
  }
}

/** A part's transactions grouped by its customers (`ids`), each customer's by day: `[start[j], start[j+1])`. */
export type BuilderColumns = { ids: string[]; start: Int32Array; day: Int32Array; amount: Float64Array; index?: IdIndexState };

/** Per customer: the last purchase day (a day number), the purchase days and the total spend. */
export type RfmInputs = { ids: string[]; last: number[]; frequency: number[]; spend: number[] };

/** Group transactions into purchase days per customer (those after `until`, a day number, left out). */
export function purchaseDays(transactions: Iterable<Transaction>, until = Number.POSITIVE_INFINITY): PurchaseDays[] {
  const b = new PurchaseDaysBuilder();
  for (const t of transactions) {
    const d = dayNumber(t.date);
    if (d <= until) b.add(t.customerId, d, t.amount);
  }
  return b.finish();
}

/**
 * The repeat-purchase summary at the end of a calibration period, in the given unit: `frequency` = purchase
 * days − 1 (the first purchase is the customer's birth, not a repeat), `recency` = time from the first to
 * the last purchase (0 without repeats), `T` = time from the first purchase to the calibration end, and
 * `monetary` = the mean amount of the repeat purchase days (0 without repeats).
 */
export type CustomerSummary = { customerId: string; frequency: number; recency: number; T: number; monetary: number };

/** `CustomerSummary` of many customers, as columns: customer `i` is `ids[i]`, `frequency[i]`, …. */
export type RepeatSummaries = { ids: string[]; frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array };

/** The repeat-purchase summaries of purchase days at `calibrationEnd` (those who had not bought by then left out), as columns: `summarise`'s figures. */
export function repeatSummaries(customers: readonly PurchaseDays[], calibrationEnd: number, unit: TimeUnit): RepeatSummaries {
  const u = TIME_UNITS[unit];
  const ids: string[] = [];
  const frequency = new Float64Array(customers.length);
  const recency = new Float64Array(customers.length);
  const T = new Float64Array(customers.length);
  const monetary = new Float64Array(customers.length);
  let n = 0;
  for (const c of customers) {
    let k = 0;
    while (k < c.days.length && c.days[k]! <= calibrationEnd) k++;
    if (k === 0) continue;
    const first = c.days[0]!;
    let repeat = 0;
    for (let i = 1; i < k; i++) repeat += c.amounts[i]!;
    ids.push(c.customerId);
    frequency[n] = k - 1;
    recency[n] = (c.days[k - 1]! - first) / u;
    T[n] = (calibrationEnd - first) / u;
    monetary[n] = k > 1 ? repeat / (k - 1) : 0;
    n++;
  }
  return { ids, frequency: frequency.slice(0, n), recency: recency.slice(0, n), T: T.slice(0, n), monetary: monetary.slice(0, n) };
}

export function summarise(p: PurchaseDays, calibrationEnd: number, unit: TimeUnit): CustomerSummary {
  const u = TIME_UNITS[unit];
  const first = p.days[0]!;
  const last = p.days[p.days.length - 1]!;
  const frequency = p.days.length - 1;
  let repeat = 0;
  for (let i = 1; i < p.amounts.length; i++) repeat += p.amounts[i]!;
  return {
    customerId: p.customerId,
    frequency,
    recency: (last - first) / u,
    T: (calibrationEnd - first) / u,
    monetary: frequency > 0 ? repeat / frequency : 0,
  };
}
