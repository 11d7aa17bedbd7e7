/**
 * The acquisition–penetration–retention picture (QCI, docs/models.md): how many customers a business wins
 * each month and through what, how deep it sells into them, and how many it keeps.
 *
 * Fed one purchase at a time (a customer, a day number, an amount, the order's channel and the customer's
 * source), so a workspace's orders are read in pages and never held as rows. Months are calendar months of
 * the day numbers (the caller turns timestamps into days in the workspace's time zone).
 */

export type Purchase = { customerId: string; day: number; amount: number; channel: string | null; source: string | null };

type Customer = {
  first: number;
  last: number;
  firstChannel: string | null;
  source: string | null;
  days: Set<number>;
  months: Set<number>;
  firstDayAmount: number;
  total: number;
};

/** Months since 1970-01 of a day number. */
export const monthIndex = (day: number): number => {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth() - 1970 * 12;
};
/** 'YYYY-MM' of a month index. */
export const monthLabel = (m: number): string => `${1970 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

export type CustomerPicture = {
  months: string[];
  acquisition: {
    /** New customers (first purchase) per month. */
    total: number[];
    bySource: { key: string | null; counts: number[] }[];
    byChannel: { key: string | null; counts: number[] }[];
  };
  revenue: { newCustomers: number[]; repeat: number[] };
  /** Customers buying in each month. */
  active: number[];
  retention: {
    /** Cohorts by first-purchase month: size, and the share of it buying in each following month (0 = the first). */
    cohorts: { month: string; size: number; retained: number[] }[];
    /** Customers with two purchase days or more, of all customers. */
    repeatRate: number;
    /** Customers whose last purchase is more than `churnDays` before the as-of day, of all customers. */
    churnRate: number;
    churnDays: number;
  };
  penetration: {
    /** Revenue from purchase days after a customer's first, of all revenue. */
    repeatRevenueShare: number;
  };
  customers: number;
};

export class CustomerPictureBuilder {
  private readonly by = new Map<string, Customer>();
  private readonly monthRevenue = new Map<number, number>();

  add(p: Purchase): void {
    let c = this.by.get(p.customerId);
    if (!c) {
      c = { first: p.day, last: p.day, firstChannel: p.channel, source: p.source, days: new Set(), months: new Set(), firstDayAmount: 0, total: 0 };
      this.by.set(p.customerId, c);
    }
    if (p.day < c.first) {
      c.first = p.day;
      c.firstChannel = p.channel;
      c.firstDayAmount = 0;
    }
    if (p.day > c.last) c.last = p.day;
    if (p.day === c.first) c.firstDayAmount += p.amount;
    c.total += p.amount;
    c.days.add(p.day);
    const m = monthIndex(p.day);
    c.months.add(m);
    this.monthRevenue.set(m, (this.monthRevenue.get(m) ?? 0) + p.amount);
  }

  /** The picture over the `months` calendar months up to the as-of day (cohorts from the same window). */
  finish(asOf: number, o: { months: number; churnDays: number }): CustomerPicture {
    const lastMonth = monthIndex(asOf);
    const firstMonth = lastMonth - o.months + 1;
    const months = Array.from({ length: o.months }, (_, i) => monthLabel(firstMonth + i));
    const zeros = () => new Array<number>(o.months).fill(0);
    const total = zeros();
    const bySource = new Map<string | null, number[]>();
    const byChannel = new Map<string | null, number[]>();
    const newRevenue = zeros();
    const repeatRevenue = zeros();
    const active = zeros();
    const cohortSize = zeros();
    const cohortActive = Array.from({ length: o.months }, () => zeros());
    let repeaters = 0;
    let churned = 0;
    let all = 0;
    let revenue = 0;
    let repeatRev = 0;
    for (const c of this.by.values()) {
      all++;
      if (c.days.size >= 2) repeaters++;
      if (asOf - c.last > o.churnDays) churned++;
      revenue += c.total;
      repeatRev += c.total - c.firstDayAmount;
      const fm = monthIndex(c.first) - firstMonth;
      if (fm >= 0 && fm < o.months) {
        total[fm]!++;
        bump(bySource, c.source, fm, zeros);
        bump(byChannel, c.firstChannel, fm, zeros);
        cohortSize[fm]!++;
      }
      for (const m of c.months) {
        const i = m - firstMonth;
        if (i < 0 || i >= o.months) continue;
        active[i]!++;
        if (fm >= 0 && fm < o.months && i >= fm) cohortActive[fm]![i - fm]!++;
      }
    }
    // Revenue by month: all of it as bought; the new customers' part is each one's first purchase day.
    for (const [m, v] of this.monthRevenue) {
      const i = m - firstMonth;
      if (i >= 0 && i < o.months) repeatRevenue[i] = v;
    }
    for (const c of this.by.values()) {
      const i = monthIndex(c.first) - firstMonth;
      if (i < 0 || i >= o.months) continue;
      newRevenue[i]! += c.firstDayAmount;
      repeatRevenue[i]! -= c.firstDayAmount;
    }
    const sorted = (m: Map<string | null, number[]>) =>
      [...m].map(([key, counts]) => ({ key, counts })).sort((a, b) => sum(b.counts) - sum(a.counts) || String(a.key).localeCompare(String(b.key)));
    return {
      months,
      acquisition: { total, bySource: sorted(bySource), byChannel: sorted(byChannel) },
      revenue: { newCustomers: newRevenue, repeat: repeatRevenue },
      active,
      retention: {
        cohorts: months.map((month, i) => ({
          month,
          size: cohortSize[i]!,
          retained: cohortActive[i]!.slice(0, o.months - i).map((n) => (cohortSize[i] ? n / cohortSize[i]! : 0)),
        })),
        repeatRate: all ? repeaters / all : 0,
        churnRate: all ? churned / all : 0,
        churnDays: o.churnDays,
      },
      penetration: { repeatRevenueShare: revenue > 0 ? repeatRev / revenue : 0 },
      customers: all,
    };
  }
}

function bump(m: Map<string | null, number[]>, key: string | null, i: number, zeros: () => number[]) {
  let a = m.get(key);
  if (!a) m.set(key, (a = zeros()));
  a[i]!++;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** Categories per customer (penetration): how many bought in 1, 2, 3, 4, 5+ categories, the cross-sell rate, each category's reach. */
export type Penetration = {
  categoriesPerCustomer: { categories: string; customers: number }[];
  /** Customers buying in two categories or more, of the customers with categorised purchases. */
  crossSellRate: number;
  categories: { category: string | null; customers: number; share: number }[];
  customers: number;
};

export function penetration(pairs: Iterable<{ customerId: string; category: string | null }>): Penetration {
  const by = new Map<string, Set<string | null>>();
  for (const p of pairs) {
    let s = by.get(p.customerId);
    if (!s) by.set(p.customerId, (s = new Set()));
    s.add(p.category);
  }
  const hist = [0, 0, 0, 0, 0];
  const reach = new Map<string | null, number>();
  let cross = 0;
  for (const s of by.values()) {
    const n = [...s].filter((x) => x !== null).length;
    if (n > 0) hist[Math.min(n, 5) - 1]!++;
    if (n >= 2) cross++;
    for (const c of s) reach.set(c, (reach.get(c) ?? 0) + 1);
  }
  const customers = by.size;
  return {
    categoriesPerCustomer: hist.map((customers, i) => ({ categories: i === 4 ? '5+' : String(i + 1), customers })),
    crossSellRate: customers ? cross / customers : 0,
    categories: [...reach]
      .map(([category, n]) => ({ category, customers: n, share: customers ? n / customers : 0 }))
      .sort((a, b) => b.customers - a.customers || String(a.category).localeCompare(String(b.category))),
    customers,
  };
}
