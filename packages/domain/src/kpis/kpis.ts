import { timeZoneOf } from '../time/zone.ts';
import { csatSummary, type Interval, median, npsSummary, wilson } from '../surveys/survey-stats.ts';

/**
 * KPIs: what Kith measures about the people who serve the customers (QCI's "people & organisation" and
 * "measuring the effect", the care model's "evaluating effectiveness"). Each built-in KPI is declared once here —
 * its name, unit, direction, who it is credited to, how its observations combine and what may narrow it; the
 * server computes the observations (features/kpis/kpi-compute.repository.ts), this file turns them into figures.
 * A workspace adds its own KPIs as data (a built-in narrowed by a filter, or a count or sum over a saved segment).
 */

export type Localised = { readonly vi: string; readonly en: string };

export const KPI_UNITS = ['money', 'count', 'share', 'minutes', 'score', 'nps'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

/**
 * How observations combine into a figure (and a team's from its members'):
 * - sum: a total (`sum`), `n` items counted;
 * - rate: `sum` successes of `n` tries (value = sum ÷ n);
 * - median / mean / nps: over the observed values.
 */
export const KPI_AGGREGATES = ['sum', 'rate', 'median', 'mean', 'nps'] as const;
export type KpiAggregate = (typeof KPI_AGGREGATES)[number];

/** Who a KPI's figure is credited to. */
export const KPI_CREDITS = ['owner', 'taker', 'deal_owner', 'author', 'assignee', 'served', 'segment_owner'] as const;
export type KpiCredit = (typeof KPI_CREDITS)[number];

/** What may narrow a KPI: the product category of the lines, the customer's segment or type (lifecycle stage), a channel, an interaction kind, a ticket category. */
export const KPI_FILTER_KEYS = ['productCategoryId', 'segmentId', 'lifecycleStage', 'channel', 'interactionKind', 'ticketCategory'] as const;
export type KpiFilterKey = (typeof KPI_FILTER_KEYS)[number];
export type KpiFilter = Partial<Record<KpiFilterKey, string>>;

export type KpiDef = {
  readonly name: Localised;
  readonly description: Localised;
  readonly unit: KpiUnit;
  readonly direction: 'higher' | 'lower';
  readonly aggregate: KpiAggregate;
  readonly credit: KpiCredit;
  readonly narrowBy: readonly KpiFilterKey[];
  /** A target may be a plan to reach by the period's end (pace and forecast mean something): totals do, rates and medians do not. */
  readonly cumulative: boolean;
};

const CUSTOMER: readonly KpiFilterKey[] = ['segmentId', 'lifecycleStage'];

/** The built-in KPIs, by key (the keys are public: the API, the CLI, CSV files and saved targets use them). */
export const BUILTIN_KPIS = {
  revenue: {
    name: { vi: 'Doanh thu khách phụ trách', en: 'Revenue of customers owned' },
    description: {
      vi: 'Tổng giá trị các đơn đã thanh toán (đã trả hoặc đã giao) trong kỳ của khách hàng người đó phụ trách, theo tiền tệ của không gian làm việc.',
      en: 'Total of the paid (paid or delivered) orders of the period of the customers the person owns, in the workspace’s currency.',
    },
    unit: 'money',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'owner',
    narrowBy: ['productCategoryId', 'channel', ...CUSTOMER],
    cumulative: true,
  },
  revenue_taken: {
    name: { vi: 'Doanh thu đơn tự lên', en: 'Revenue of orders taken' },
    description: {
      vi: 'Tổng giá trị các đơn đã thanh toán trong kỳ do người đó tạo.',
      en: 'Total of the paid orders of the period that the person entered.',
    },
    unit: 'money',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'taker',
    narrowBy: ['productCategoryId', 'channel', ...CUSTOMER],
    cumulative: true,
  },
  new_customers: {
    name: { vi: 'Khách hàng mới', en: 'New customers' },
    description: {
      vi: 'Khách hàng người đó phụ trách có lần mua đầu tiên trong kỳ.',
      en: 'Customers the person owns whose first purchase falls in the period.',
    },
    unit: 'count',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'owner',
    narrowBy: ['channel', ...CUSTOMER],
    cumulative: true,
  },
  repeat_customers: {
    name: { vi: 'Khách mua lại', en: 'Repeat customers' },
    description: {
      vi: 'Khách hàng người đó phụ trách mua trong kỳ và đã từng mua trước kỳ.',
      en: 'Customers the person owns who bought in the period and had bought before it.',
    },
    unit: 'count',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'owner',
    narrowBy: ['channel', ...CUSTOMER],
    cumulative: true,
  },
  churn_rate: {
    name: { vi: 'Tỷ lệ rời bỏ', en: 'Churn rate' },
    description: {
      vi: 'Trong các khách hàng người đó phụ trách còn hoạt động đầu kỳ (mua trong 180 ngày trước), tỷ lệ vượt 180 ngày không mua trong kỳ.',
      en: 'Of the customers the person owns who were active at the period’s start (bought in the 180 days before), the share who passed 180 days without a purchase during it.',
    },
    unit: 'share',
    direction: 'lower',
    aggregate: 'rate',
    credit: 'owner',
    narrowBy: CUSTOMER,
    cumulative: false,
  },
  deals_won: {
    name: { vi: 'Cơ hội thắng', en: 'Deals won' },
    description: { vi: 'Số cơ hội người đó phụ trách chốt thắng trong kỳ.', en: 'Deals the person owns won in the period.' },
    unit: 'count',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'deal_owner',
    narrowBy: CUSTOMER,
    cumulative: true,
  },
  deals_won_value: {
    name: { vi: 'Giá trị cơ hội thắng', en: 'Value of deals won' },
    description: { vi: 'Tổng giá trị các cơ hội thắng trong kỳ.', en: 'Total amount of the deals won in the period.' },
    unit: 'money',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'deal_owner',
    narrowBy: CUSTOMER,
    cumulative: true,
  },
  win_rate: {
    name: { vi: 'Tỷ lệ thắng', en: 'Win rate' },
    description: { vi: 'Số thắng trên số cơ hội đã đóng (thắng hoặc thua) trong kỳ.', en: 'Won of the deals closed (won or lost) in the period.' },
    unit: 'share',
    direction: 'higher',
    aggregate: 'rate',
    credit: 'deal_owner',
    narrowBy: CUSTOMER,
    cumulative: false,
  },
  interactions_logged: {
    name: { vi: 'Tương tác đã ghi', en: 'Interactions logged' },
    description: {
      vi: 'Cuộc gọi, cuộc gặp, tin nhắn… người đó ghi lại trong kỳ (lọc theo loại hoặc kênh).',
      en: 'Calls, meetings, messages… the person logged in the period (narrow by kind or channel).',
    },
    unit: 'count',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'author',
    narrowBy: ['interactionKind', 'channel', ...CUSTOMER],
    cumulative: true,
  },
  tasks_on_time: {
    name: { vi: 'Việc xong đúng hạn', en: 'Tasks done on time' },
    description: {
      vi: 'Tỷ lệ việc được giao hoàn thành trong kỳ đúng hạn (hoặc không có hạn).',
      en: 'Of the tasks assigned to the person done in the period, the share done by their due time (or without one).',
    },
    unit: 'share',
    direction: 'higher',
    aggregate: 'rate',
    credit: 'assignee',
    narrowBy: [],
    cumulative: false,
  },
  tickets_resolved: {
    name: { vi: 'Yêu cầu đã giải quyết', en: 'Tickets resolved' },
    description: { vi: 'Số yêu cầu hỗ trợ người đó giải quyết trong kỳ.', en: 'Tickets assigned to the person resolved in the period.' },
    unit: 'count',
    direction: 'higher',
    aggregate: 'sum',
    credit: 'assignee',
    narrowBy: ['ticketCategory', 'channel', ...CUSTOMER],
    cumulative: true,
  },
  first_response_minutes: {
    name: { vi: 'Thời gian phản hồi đầu (trung vị)', en: 'First response time (median)' },
    description: {
      vi: 'Trung vị số phút làm việc từ khi mở yêu cầu đến phản hồi đầu tiên, các yêu cầu được phản hồi trong kỳ.',
      en: 'Median working minutes from a ticket’s opening to its first response, over the tickets first answered in the period.',
    },
    unit: 'minutes',
    direction: 'lower',
    aggregate: 'median',
    credit: 'assignee',
    narrowBy: ['ticketCategory', 'channel', ...CUSTOMER],
    cumulative: false,
  },
  resolution_minutes: {
    name: { vi: 'Thời gian giải quyết (trung vị)', en: 'Resolution time (median)' },
    description: {
      vi: 'Trung vị số phút làm việc từ khi mở đến khi giải quyết, các yêu cầu giải quyết trong kỳ.',
      en: 'Median working minutes from a ticket’s opening to its resolution, over the tickets resolved in the period.',
    },
    unit: 'minutes',
    direction: 'lower',
    aggregate: 'median',
    credit: 'assignee',
    narrowBy: ['ticketCategory', 'channel', ...CUSTOMER],
    cumulative: false,
  },
  sla_attainment: {
    name: { vi: 'Đạt SLA', en: 'SLA attainment' },
    description: {
      vi: 'Tỷ lệ mục tiêu SLA (phản hồi đầu và giải quyết) đạt được, trên các yêu cầu giải quyết trong kỳ.',
      en: 'Share of SLA targets (first response and resolution) met, over the tickets resolved in the period.',
    },
    unit: 'share',
    direction: 'higher',
    aggregate: 'rate',
    credit: 'assignee',
    narrowBy: ['ticketCategory', 'channel', ...CUSTOMER],
    cumulative: false,
  },
  csat: {
    name: { vi: 'CSAT khách được phục vụ', en: 'CSAT of customers served' },
    description: {
      vi: 'Điểm hài lòng trung bình (1–5) trả lời trong kỳ về yêu cầu người đó xử lý, hoặc của khách người đó phụ trách.',
      en: 'Mean satisfaction (1–5) answered in the period about the tickets the person handled, or by the customers they own.',
    },
    unit: 'score',
    direction: 'higher',
    aggregate: 'mean',
    credit: 'served',
    narrowBy: CUSTOMER,
    cumulative: false,
  },
  nps: {
    name: { vi: 'NPS khách được phục vụ', en: 'NPS of customers served' },
    description: {
      vi: 'Chỉ số NPS (−100 đến 100) các câu trả lời trong kỳ về yêu cầu người đó xử lý, hoặc của khách người đó phụ trách.',
      en: 'Net promoter score (−100 to 100) of the answers of the period about the tickets the person handled, or by the customers they own.',
    },
    unit: 'nps',
    direction: 'higher',
    aggregate: 'nps',
    credit: 'served',
    narrowBy: CUSTOMER,
    cumulative: false,
  },
  survey_response_rate: {
    name: { vi: 'Tỷ lệ phản hồi khảo sát', en: 'Survey response rate' },
    description: {
      vi: 'Trong các lời mời khảo sát gửi trong kỳ về yêu cầu người đó xử lý hoặc khách người đó phụ trách, tỷ lệ được trả lời.',
      en: 'Of the survey invitations sent in the period about the person’s tickets or customers, the share answered.',
    },
    unit: 'share',
    direction: 'higher',
    aggregate: 'rate',
    credit: 'served',
    narrowBy: CUSTOMER,
    cumulative: false,
  },
} as const satisfies Record<string, KpiDef>;

export type BuiltinKpiKey = keyof typeof BUILTIN_KPIS;
export const BUILTIN_KPI_KEYS = Object.keys(BUILTIN_KPIS) as BuiltinKpiKey[];
export const isBuiltinKpi = (k: string): k is BuiltinKpiKey => Object.hasOwn(BUILTIN_KPIS, k);

/** A workspace's own KPI: a built-in narrowed, or a count (or sum of a number field) of a saved segment's customers each person owns. */
export const CUSTOM_KPI_BASES = ['narrowed', 'segment_count', 'segment_sum'] as const;
export type CustomKpiBase = (typeof CUSTOM_KPI_BASES)[number];

/** Customers lapse after this many days without a purchase (churn_rate). */
export const CHURN_DAYS = 180;

// ------------------------------------------------------------------------------------------------ periods

/** A period: a month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`. */
export type PeriodKind = 'month' | 'quarter' | 'year';
export type Period = { key: string; kind: PeriodKind; year: number /** 0-based first month */; month: number; months: number };

const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

export function parsePeriod(key: string): Period | null {
  const m = PERIOD_RE.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2]) return { key, kind: 'month', year, month: Number(m[2]) - 1, months: 1 };
  if (m[3]) return { key, kind: 'quarter', year, month: (Number(m[3]) - 1) * 3, months: 3 };
  return { key, kind: 'year', year, month: 0, months: 12 };
}

/** The instants [from, to) of a period in a time zone: local midnight of its first day to local midnight after its last. */
export function periodRange(p: Period, timeZone: string): { from: string; to: string } {
  const z = timeZoneOf(timeZone);
  const from = z.wallToUtc(Date.UTC(p.year, p.month, 1));
  const to = z.wallToUtc(Date.UTC(p.year, p.month + p.months, 1));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The period of a given kind holding an instant, in a zone. */
export function periodOf(kind: PeriodKind, at: Date, timeZone: string): Period {
  const z = timeZoneOf(timeZone);
  const d = new Date(z.localDay(at.getTime()) * 86_400_000);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  if (kind === 'year') return parsePeriod(String(y))!;
  if (kind === 'quarter') return parsePeriod(`${y}-Q${Math.floor(mo / 3) + 1}`)!;
  return parsePeriod(`${y}-${String(mo + 1).padStart(2, '0')}`)!;
}

/** The months `YYYY-MM` a period spans. */
export function monthsOf(p: Period): string[] {
  return Array.from({ length: p.months }, (_, i) => `${p.year}-${String(p.month + i + 1).padStart(2, '0')}`);
}

/** The period before (same kind). */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return parsePeriod(String(p.year - 1))!;
  if (p.kind === 'quarter') return p.month === 0 ? parsePeriod(`${p.year - 1}-Q4`)! : parsePeriod(`${p.year}-Q${p.month / 3}`)!;
  return p.month === 0 ? parsePeriod(`${p.year - 1}-12`)! : parsePeriod(`${p.year}-${String(p.month).padStart(2, '0')}`)!;
}

/** How far through the period `now` is, 0 to 1 (by time, in the zone's instants). */
export function elapsedFraction(range: { from: string; to: string }, now: Date): number {
  const a = Date.parse(range.from);
  const b = Date.parse(range.to);
  return Math.min(1, Math.max(0, (now.getTime() - a) / (b - a)));
}

// ------------------------------------------------------------------------------------------------ figures

/** What the server observed for one person (or team) and KPI: a total or successes (`sum`), a count (`n`), and for medians, means and NPS the values. */
export type Observations = { sum: number; n: number; values?: number[] };

export const emptyObservations = (withValues: boolean): Observations => (withValues ? { sum: 0, n: 0, values: [] } : { sum: 0, n: 0 });

/** Add `b` into `a` (a team's observations are its members’, each counted once). */
export function mergeInto(a: Observations, b: Observations): void {
  a.sum += b.sum;
  a.n += b.n;
  if (b.values) (a.values ??= []).push(...b.values);
}

export type Figure = { value: number | null; n: number; interval: Interval | null };

/** The figure of a KPI from its observations: null when there is nothing to measure (a rate of no tries, a median of nothing). */
export function figureOf(aggregate: KpiAggregate, o: Observations): Figure {
  switch (aggregate) {
    case 'sum':
      return { value: o.sum, n: o.n, interval: null };
    case 'rate':
      return { value: o.n > 0 ? o.sum / o.n : null, n: o.n, interval: o.n > 0 ? wilson(o.sum, o.n) : null };
    case 'median':
      return { value: median(o.values ?? []), n: (o.values ?? []).length, interval: null };
    case 'mean': {
      const s = csatSummary(o.values ?? []);
      return { value: s.mean, n: s.n, interval: s.meanInterval };
    }
    case 'nps': {
      const s = npsSummary(o.values ?? []);
      return { value: s.nps, n: s.n, interval: s.interval };
    }
  }
}

/**
 * Where a figure stands against its target: `attainment` (1 = on target; for a KPI where lower is better, target ÷
 * value), the `pace` (where a cumulative total should be by now: target × elapsed) and a straight-line `forecast`
 * to the period's end (value ÷ elapsed); for non-cumulative KPIs pace is the target and the forecast the value.
 */
export function progress(
  def: Pick<KpiDef, 'direction' | 'cumulative'>,
  value: number | null,
  target: number | null,
  elapsed: number,
): { attainment: number | null; pace: number | null; forecast: number | null; onPace: boolean | null } {
  const forecast = value === null ? null : def.cumulative ? (elapsed > 0 ? value / elapsed : null) : value;
  if (target === null) return { attainment: null, pace: null, forecast, onPace: null };
  const pace = def.cumulative ? target * elapsed : target;
  let attainment: number | null = null;
  if (value !== null) {
    if (def.direction === 'higher') attainment = target === 0 ? (value >= 0 ? 1 : 0) : value / target;
    else attainment = value <= 0 ? 1 : target / value;
  }
  const onPace = value === null ? null : def.direction === 'higher' ? value >= pace : value <= pace;
  return { attainment, pace, forecast, onPace };
}

/** Attainment counts toward a score up to 150% (one KPI far above target cannot hide the others). */
export const ATTAINMENT_CAP = 1.5;

/** The weighted score, 0–150, of the KPIs with a target and a figure; null when none has both. */
export function weightedScore(items: readonly { attainment: number | null; weight: number }[]): number | null {
  let w = 0;
  let s = 0;
  for (const i of items) {
    if (i.attainment === null || !(i.weight > 0)) continue;
    w += i.weight;
    s += i.weight * Math.min(ATTAINMENT_CAP, Math.max(0, i.attainment));
  }
  return w > 0 ? (100 * s) / w : null;
}

/**
 * A team target split among its members: equally, or in proportion to weights (e.g. last period's figures);
 * money and counts are split into whole units, the remainder going to the largest shares first so the parts add up.
 */
export function splitTarget(total: number, members: readonly string[], weights?: ReadonlyMap<string, number>, whole = true): Map<string, number> {
  const out = new Map<string, number>();
  if (members.length === 0) return out;
  const ws = members.map((m) => Math.max(0, weights?.get(m) ?? 0));
  const sumW = ws.reduce((a, b) => a + b, 0);
  const shares = members.map((_, i) => (sumW > 0 ? ws[i]! / sumW : 1 / members.length));
  if (!whole) {
    members.forEach((m, i) => out.set(m, total * shares[i]!));
    return out;
  }
  const raw = shares.map((s) => total * s);
  const floors = raw.map((r) => Math.floor(r));
  let left = Math.round(total - floors.reduce((a, b) => a + b, 0));
  const order = raw.map((r, i) => ({ i, frac: r - floors[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const o of order) {
    if (left <= 0) break;
    floors[o.i]!++;
    left--;
  }
  members.forEach((m, i) => out.set(m, floors[i]!));
  return out;
}
