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
export class PurchaseDaysBuilder {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private cust = new Int32Array(1 << 12);
  private day = new Int32Array(1 << 12);
  private amount = new Float64Array(1 << 12);
  private n = 0;

  /** `day` is a day number (dayNumber); amounts of one customer's day are summed. */
  add(customerId: string, day: number, amount: number): void {
    let c = this.index.get(customerId);
    if (c === undefined) {
      c = this.ids.length;
      this.index.set(customerId, c);
      this.ids.push(customerId);
    }
    if (this.n === this.cust.length) this.grow();
    this.cust[this.n] = c;
    this.day[this.n] = day;
    this.amount[this.n] = amount;
    this.n++;
  }

  private grow(): void {
    const size = this.cust.length * 2;
    const cust = new Int32Array(size);
    cust.set(this.cust);
    const day = new Int32Array(size);
    day.set(this.day);
    const amount = new Float64Array(size);
    amount.set(this.amount);
    this.cust = cust;
    this.day = day;
    this.amount = amount;
  }

  get customers(): number {
    return this.ids.length;
  }

  /** The earliest day seen, or +Infinity. */
  firstDay(): number {
    let first = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.n; k++) if (this.day[k]! < first) first = this.day[k]!;
    return first;
  }

  /** Every customer (in the order first seen) with their distinct purchase days, ascending, and each day's total. */
  finish(): PurchaseDays[] {
    const C = this.ids.length;
    const start = new Int32Array(C + 1);
    for (let k = 0; k < this.n; k++) start[this.cust[k]! + 1]!++;
    for (let c = 0; c < C; c++) start[c + 1]! += start[c]!;
    const pos = start.slice(0, C);
    const order = new Int32Array(this.n);
    for (let k = 0; k < this.n; k++) order[pos[this.cust[k]!]!++] = k;
    const out = new Array<PurchaseDays>(C);
    for (let c = 0; c < C; c++) {
      const from = start[c]!;
      const to = start[c + 1]!;
      // By day: insertion sort for the usual handful of transactions, a library sort for a customer with many.
      if (to - from > 64) {
        const day = this.day;
        order.set(Array.from(order.subarray(from, to)).sort((x, y) => day[x]! - day[y]! || x - y), from);
      } else for (let i = from + 1; i < to; i++) {
        const k = order[i]!;
        const d = this.day[k]!;
        let j = i - 1;
        while (j >= from && this.day[order[j]!]! > d) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = k;
      }
      const days: number[] = [];
      const amounts: number[] = [];
      for (let i = from; i < to; i++) {
        const k = order[i]!;
        const d = this.day[k]!;
        if (days.length > 0 && days[days.length - 1] === d) amounts[amounts.length - 1]! += this.amount[k]!;
        else {
          days.push(d);
          amounts.push(this.amount[k]!);
        }
      }
      out[c] = { customerId: this.ids[c]!, days, amounts };
    }
    return out;
  }
}

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

export function summarise(p: PurchaseDays, calibrationEnd: number, unit: TimeUnit): CustomerSummary {
  const u = TIME_UNITS[unit];
  const first = p.days[0]!;
  const last = p.days[p.days.length - 1]!;
  const frequency = p.days.length - 1;
  let repeat = 0;
  for (let i = 1; i < p.amounts.length; i++) repeat += p.amounts[i]!;
  return { customerId: p.customerId, frequency, recency: (last - first) / u, T: (calibrationEnd - first) / u, monetary: frequency > 0 ? repeat / frequency : 0 };
}
