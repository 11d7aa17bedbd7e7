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

/** Purchase days built one transaction at a time (a file of millions is never held as rows). */
export class PurchaseDaysBuilder {
  private readonly by = new Map<string, Map<number, number>>();
  /** `day` is a day number (dayNumber); amounts of one customer's day are summed. */
  add(customerId: string, day: number, amount: number): void {
    let days = this.by.get(customerId);
    if (!days) this.by.set(customerId, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + amount);
  }
  get customers(): number {
    return this.by.size;
  }
  /** The earliest day seen, or +Infinity. */
  firstDay(): number {
    let first = Number.POSITIVE_INFINITY;
    for (const days of this.by.values()) for (const d of days.keys()) if (d < first) first = d;
    return first;
  }
  finish(): PurchaseDays[] {
    const out: PurchaseDays[] = [];
    for (const [customerId, days] of this.by) {
      const sorted = [...days.keys()].sort((a, b) => a - b);
      out.push({ customerId, days: sorted, amounts: sorted.map((d) => days.get(d)!) });
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
