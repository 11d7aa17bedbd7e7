import { BUILTIN_KPIS, monthsOf, parsePeriod, type BuiltinKpiKey, type KpiUnit, type PeriodKind } from '../kpis/kpis.ts';
import { minorDigits } from '../money/money.ts';

/**
 * The reward and penalty record (issue 20, "people and measurement"; the care model's "a transparent reward and
 * penalty mechanism"): entries about a member — a recognition, a bonus, a warning or a penalty — each with its
 * reason, an amount (bonus and penalty, in minor units of the workspace's currency) and/or points, and what
 * justifies it (a KPI's figure of a period, or a record: a ticket, a deal, an order, a survey response, an
 * interaction). A manager proposes, an owner or admin decides (never on their own proposal); rules turn the KPI
 * figures of a closed period into proposals. The person always sees their own approved entries.
 */

export const REWARD_KINDS = ['recognition', 'bonus', 'warning', 'penalty'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

/** proposed → approved | rejected (by an owner or admin), or withdrawn (by the proposer). */
export const REWARD_STATUSES = ['proposed', 'approved', 'rejected', 'withdrawn'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** What justifies an entry: a KPI's figure, or a record (named as `rewardJustification` in labels/enums.ts). */
export const JUSTIFICATION_TYPES = ['kpi', 'ticket', 'deal', 'order', 'survey_response', 'interaction'] as const;
export type JustificationType = (typeof JUSTIFICATION_TYPES)[number];
/** The records among them (their names are the justification types'). */
export const REWARD_RECORD_TYPES = ['ticket', 'deal', 'order', 'survey_response', 'interaction'] as const satisfies readonly JustificationType[];
export type RewardRecordType = (typeof REWARD_RECORD_TYPES)[number];

/** A rule's comparison of a KPI's value with its threshold. */
export const RULE_COMPARATORS = ['lt', 'lte', 'gt', 'gte'] as const;
export type RuleComparator = (typeof RULE_COMPARATORS)[number];

/** Which closes a rule runs at: a month's, a quarter's or a year's (a rule for months does not also fire at the quarter). */
export const RULE_PERIOD_KINDS = ['month', 'quarter', 'year'] as const satisfies readonly PeriodKind[];

/** Kinds that carry money: a bonus paid, a penalty deducted. Recognitions and warnings carry points at most. */
export const MONEY_KINDS: readonly RewardKind[] = ['bonus', 'penalty'];
/** Kinds that count against the person: their points are subtracted from the total. */
export const NEGATIVE_KINDS: readonly RewardKind[] = ['warning', 'penalty'];
export const carriesMoney = (k: RewardKind): boolean => MONEY_KINDS.includes(k);
export const sign = (k: RewardKind): 1 | -1 => (NEGATIVE_KINDS.includes(k) ? -1 : 1);

/** Rules ignore figures built on fewer observations than this unless they say otherwise (a CSAT of one answer is no figure). */
export const DEFAULT_MIN_N = 5;

export function compare(c: RuleComparator, value: number, threshold: number): boolean {
  switch (c) {
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
  }
}

export type RuleLike = { kpi: string; periodKind: PeriodKind; comparator: RuleComparator; threshold: number; minN: number; active: boolean };

/** Does a rule fire on this figure of a closed period? Only an active rule, of the period's kind, on a measured value with enough observations. */
export function ruleFires(rule: RuleLike, periodKind: PeriodKind, r: { kpi: string; value: number | null; n: number }): boolean {
  if (!rule.active || rule.kpi !== r.kpi || rule.periodKind !== periodKind) return false;
  if (r.value === null || !Number.isFinite(r.value)) return false;
  if (!(r.n >= rule.minN)) return false;
  return compare(rule.comparator, r.value, rule.threshold);
}

/** The month an entry counts toward: a month itself, or the last month of a quarter or year (when it closes). */
export function monthOfPeriod(period: string): string | null {
  const p = parsePeriod(period);
  if (!p) return null;
  return monthsOf(p).at(-1)!;
}

/** Is this a month key `YYYY-MM` (an entry's own period)? */
export const isMonth = (s: string): boolean => parsePeriod(s)?.kind === 'month';

/** The months `YYYY-MM` a filter period (a month, quarter or year) covers. */
export function monthsIn(period: string): string[] | null {
  const p = parsePeriod(period);
  return p ? monthsOf(p) : null;
}

// ------------------------------------------------------------------------------------------------ how values read

const SYMBOLS: Record<RuleComparator, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥' };
export const comparatorSymbol = (c: RuleComparator): string => SYMBOLS[c];

/** A KPI's value as people read it, in 'vi' or 'en': shares as percentages, scores to one decimal, money in the currency. */
export function formatKpiValue(unit: KpiUnit, value: number, lang: 'vi' | 'en', currency = 'VND'): string {
  const locale = lang === 'en' ? 'en-US' : 'vi-VN';
  const num = (v: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  switch (unit) {
    case 'share':
      return `${num(value * 100, 1)}%`;
    case 'score':
      return num(value, 2);
    case 'minutes':
      return `${num(value, 0)} ${lang === 'en' ? 'min' : 'phút'}`;
    case 'money':
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value / 10 ** (minorDigits(currency) ?? 0));
      } catch {
        return num(value, 0);
      }
    case 'nps':
      return num(value, 0);
    case 'count':
      return num(value, 2);
  }
}

/** The words a rule's reason template may use: {{kpi}}, {{value}}, {{threshold}}, {{comparator}}, {{period}}, {{n}}, {{person}}. */
// Placeholders written as code in templates, never shown as words.
export const TEMPLATE_WORDS = ['kpi', 'value', 'threshold', 'comparator', 'period', 'n', 'person'] as const satisfies readonly string[];

/** A rule's reason for one person and figure: each {{word}} filled, an unknown one left as written. */
export function renderReason(template: string, words: Partial<Record<(typeof TEMPLATE_WORDS)[number], string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(words, name) ? String(words[name as keyof typeof words]) : whole));
}

/** The words of a rule's reason, in a language. */
export function reasonWords(
  rule: { kpi: BuiltinKpiKey; comparator: RuleComparator; threshold: number },
  r: { value: number; n: number; period: string; person: string },
  lang: 'vi' | 'en',
  currency: string,
) {
  const def = BUILTIN_KPIS[rule.kpi];
  return {
    kpi: def.name[lang],
    value: formatKpiValue(def.unit, r.value, lang, currency),
    threshold: formatKpiValue(def.unit, rule.threshold, lang, currency),
    comparator: comparatorSymbol(rule.comparator),
    period: r.period,
    n: r.n,
    person: r.person,
  };
}

// ------------------------------------------------------------------------------------------------ totals

export type TotalsEntry = { kind: RewardKind; amount: number | null; points: number | null; period: string };
export type Totals = {
  /** Points of recognitions and bonuses less those of warnings and penalties. */
  points: number;
  /** Bonus paid and penalties deducted, in minor units (each a positive total). */
  bonus: number;
  penalty: number;
  counts: Record<RewardKind, number>;
};

export const emptyTotals = (): Totals => ({ points: 0, bonus: 0, penalty: 0, counts: { recognition: 0, bonus: 0, warning: 0, penalty: 0 } });

export function addTo(t: Totals, e: TotalsEntry): void {
  t.points += sign(e.kind) * (e.points ?? 0);
  if (e.kind === 'bonus') t.bonus += e.amount ?? 0;
  if (e.kind === 'penalty') t.penalty += e.amount ?? 0;
  t.counts[e.kind]++;
}

/** Approved entries' totals per month, for each month of [from, to] (empty months included), and over all of them. */
export function totalsByMonth(entries: readonly TotalsEntry[], months: readonly string[]): { months: (Totals & { month: string })[]; totals: Totals } {
  const by = new Map(months.map((m) => [m, { month: m, ...emptyTotals() }]));
  const totals = emptyTotals();
  for (const e of entries) {
    const m = by.get(e.period);
    if (!m) continue;
    addTo(m, e);
    addTo(totals, e);
  }
  return { months: [...by.values()], totals };
}

/** The months from `from` to `to` (both `YYYY-MM`, inclusive), at most `max` of them. */
export function monthRange(from: string, to: string, max = 36): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < max) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The month `n` months before `month` (`YYYY-MM`). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
