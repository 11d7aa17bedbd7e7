import { SCREENS } from '@kith/domain/assessment/framework.ts';
import { membersAndTeams } from '../kpis/kpi-compute.repository.ts';
import { segmentsWithPlans, targetCoverage } from '../kpis/kpi.repository.ts';
import { kpiDefinitions } from '../kpis/kpi.service.ts';
import { trainingCoverage } from '../training/training.repository.ts';
import { INDICATORS, suggestedReality } from '@kith/domain/assessment/indicator-catalogue.ts';
import { INDICATOR_KEYS, type EvidenceValue, type IndicatorKey, type UnavailableReason } from '@kith/domain/assessment/indicators.ts';
import { cesSummary, csatSummary, median, npsSummary, wilson } from '@kith/domain/surveys/survey-stats.ts';
import { timeZoneOf } from '@kith/domain/time/zone.ts';
import type { Core } from '../../core.ts';
import {
  categoriesPerBuyer,
  closedDeals,
  contactFigures,
  detractorFollowUps,
  importFigures,
  invitationFigures,
  lapsedReturning,
  newCustomersByDay,
  openDealStages,
  openDuplicates,
  openTicketsPerAgent,
  purchaseFigures,
  SAMPLE_BUCKETS,
  resolvedComplaints,
  scaleAnswerCounts,
  scoreFigures,
  segmentUse,
  statsRows,
  slaFigures,
  teamScaleAnswers,
  workspaceZone,
} from './evidence.repository.ts';

/**
 * The assessment's live evidence (issue 19): every indicator of INDICATOR_KEYS computed from the workspace's own
 * data for the period an assessment describes, each with the records it stands on (`n`), an interval where it is
 * an estimate, a monthly trend where one means something, the Reality level it suggests (indicator-catalogue.ts)
 * and a link to the screen that shows the records. An indicator that cannot be computed says why (`reason`) and
 * has no value — never a 0 that would read as "not done".
 *
 * Customer purchases come from the per-customer aggregates and the current score generation (features/analytics),
 * as they stand now: the evidence does not bring them up to date (the scheduled refresh does), so it costs a few
 * aggregate queries at a million customers (docs/BENCHMARKS.md, (o)).
 */

const DAY = 86_400_000;
/** Days without a purchase after which a customer counts as lapsed (win-back). */
export const LAPSE_DAYS = 180;
/** How recent a score refresh must be, before the period's end, to count (scored_share_30d). */
const SCORES_FRESH_DAYS = 30;
/** A record not changed for this long is stale. */
const STALE_DAYS = 365;
/** A detractor counts as followed up when the follow-up ticket was answered within this many days. */
const FOLLOW_UP_DAYS = 7;

/**
 * Win-back and categories per customer need each customer's orders in a window: above this many buyers they are
 * estimated from a uniform random sample of about this many customers (for a team, the
 * team's customers among them) (evidence.repository.ts), with a 95%
 * interval; at or below it they are exact.
 */
export const EVIDENCE_SAMPLE = 5_000;

export type EvidenceOptions = {
  from: string;
  to: string;
  teamId?: string | null;
  /** The sample size above which win-back and categories are estimated (EVIDENCE_SAMPLE; smaller in tests). */
  sample?: number;
};

type Part = {
  value: number | null;
  reason?: UnavailableReason | null;
  n: number;
  interval?: { low: number; high: number } | null;
  trend?: { month: string; value: number | null }[] | null;
};

const dayOfDate = (d: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) throw new RangeError(`not an ISO date: ${d}`);
  return Date.parse(`${d}T00:00:00Z`) / DAY;
};
const isoDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const monthOfDay = (day: number): string => isoDay(day).slice(0, 7);

/** The calendar months from the one holding `fromDay` to the one holding `toDay`, in order. */
function monthsBetween(fromDay: number, toDay: number): string[] {
  const out: string[] = [];
  const d = new Date(fromDay * DAY);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  const last = monthOfDay(toDay);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
}

/** 1 − the Gini coefficient of non-negative counts (1: all equal); null when they sum to 0. */
export function evenness(xs: readonly number[]): number | null {
  const total = xs.reduce((a, b) => a + b, 0);
  if (xs.length === 0 || total === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  // Σᵢ (2i − n + 1)·xᵢ over ascending xᵢ (i from 0) = ½ Σᵢ Σⱼ |xᵢ − xⱼ|.
  let weighted = 0;
  for (let i = 0; i < s.length; i++) weighted += (2 * i - s.length + 1) * s[i]!;
  return 1 - weighted / (s.length * total);
}

/** Mean categories per buyer, its normal 95% interval, and the buyers of two categories or more. */
function categoryStats(xs: number[]): { mean: number; meanInterval: { low: number; high: number } | null; cross: number } {
  const count = xs.length;
  if (count === 0) return { mean: 0, meanInterval: null, cross: 0 };
  let sum = 0;
  let cross = 0;
  for (const x of xs) {
    sum += x;
    if (x >= 2) cross++;
  }
  const mean = sum / count;
  if (count < 2) return { mean, meanInterval: null, cross };
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  const half = (1.959963984540054 * Math.sqrt(squares / (count - 1))) / Math.sqrt(count);
  return { mean, meanInterval: { low: Math.max(0, mean - half), high: mean + half }, cross };
}

/** Members (the team's, or the workspace's) with a KPI target, KPIs with a target, and saved segments with a plan. */
async function peopleFigures(db: Core['db'], workspaceId: string, team: string | null, periods: string[], segments: string[], at: Date) {
  const { members, teams } = await membersAndTeams(db, workspaceId);
  const ids = team ? (teams.find((t) => t.id === team)?.members ?? []) : members.map((m) => m.userId);
  const cover = await targetCoverage(db, workspaceId, periods, ids);
  const kpis = await kpiDefinitions(db, workspaceId);
  const planned = await segmentsWithPlans(db, workspaceId, periods);
  const training = await trainingCoverage(db, workspaceId, at, ids);
  return {
    trained: training.covered,
    members: ids.length,
    withTargets: cover.users.size,
    kpis: kpis.length,
    kpisWithTargets: kpis.filter((k) => cover.kpis.has(k.key)).length,
    plannedSegments: segments.filter((s) => planned.has(s)).length,
  };
}

/** Every indicator for a workspace (or one team) over a period, in INDICATOR_KEYS order. */
export async function computeEvidence(core: Core, workspaceId: string, opts: EvidenceOptions): Promise<EvidenceValue[]> {
  const db = core.db;
  const team = opts.teamId ?? null;
  const fromDay = dayOfDate(opts.from);
  const toDay = dayOfDate(opts.to);
  if (toDay < fromDay) throw new RangeError(`the period ends (${opts.to}) before it starts (${opts.from})`);
  const zoneName = (await workspaceZone(db, workspaceId)) ?? 'UTC';
  const zone = timeZoneOf(zoneName);
  const instant = (day: number) => new Date(zone.wallToUtc(day * DAY)).toISOString();
  const periodStart = instant(fromDay);
  const periodEnd = instant(toDay + 1);
  const lapseDay = fromDay - LAPSE_DAYS;
  const now = core.now().toISOString();
  const months = monthsBetween(fromDay, toDay);
  const monthsLong = (toDay - fromDay + 1) / (365.25 / 12);

  // The sample is drawn from every customer with aggregates, the team's among them: the orders probed stay about
  // EVIDENCE_SAMPLE customers' whatever the team (a team's share of it is its share of the customers).
  const population = await statsRows(db, workspaceId);
  const sampleSize = opts.sample ?? EVIDENCE_SAMPLE;
  const buckets = population <= sampleSize ? SAMPLE_BUCKETS : Math.max(1, Math.ceil((SAMPLE_BUCKETS * sampleSize) / population));
  const sampled = buckets < SAMPLE_BUCKETS;
  const [purchases, contacts, newByDay, lapsed, perBuyer, scores, segs, workload, dups, imports, sla, complaints, deals, stages, invites, detractors] =
    await Promise.all([
      purchaseFigures(db, workspaceId, team),
      contactFigures(db, workspaceId, team, new Date(Date.parse(periodEnd) - STALE_DAYS * DAY).toISOString()),
      newCustomersByDay(db, workspaceId, team, fromDay, toDay),
      lapsedReturning(db, workspaceId, team, { lapseDay, fromDay, toDay, lapseStart: instant(lapseDay), periodStart, periodEnd, buckets }),
      categoriesPerBuyer(db, workspaceId, team, { fromDay, toDay, periodStart, periodEnd, buckets }),
      scoreFigures(db, workspaceId, team),
      segmentUse(db, workspaceId),
      openTicketsPerAgent(db, workspaceId, team),
      openDuplicates(db, workspaceId, team),
      importFigures(db, workspaceId, periodStart, periodEnd),
      slaFigures(db, workspaceId, team, periodStart, periodEnd, now),
      resolvedComplaints(db, workspaceId, team, periodStart, periodEnd),
      closedDeals(db, workspaceId, team, periodStart, periodEnd),
      openDealStages(db, workspaceId, team),
      invitationFigures(db, workspaceId, team, periodStart, periodEnd),
      detractorFollowUps(db, workspaceId, team, periodStart, periodEnd),
    ]);

  // People and measurement (issue 20): who has KPI targets, which KPIs have one, which saved segments have a plan, in
  // any month, quarter or year the period touches.
  const periodKeys = [...new Set(months.flatMap((m) => [m, `${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}`, m.slice(0, 4)]))];
  // Training valid at the period's end (or now, for a period still running).
  const people = await peopleFigures(db, workspaceId, team, periodKeys, segs.segments, new Date(Math.min(Date.parse(periodEnd) - 1, core.now().getTime())));

  // Scale answers per local day: the dashboard's daily counts, or a team's customers' answers.
  const answers: { day: string; type: string; value: number; n: number }[] = team
    ? (await teamScaleAnswers(db, workspaceId, team, periodStart, periodEnd)).map((a) => ({
        day: isoDay(zone.localDay(Date.parse(a.answered_at))),
        type: a.type,
        value: a.value,
        n: 1,
      }))
    : await scaleAnswerCounts(db, workspaceId, { fromDate: opts.from, toDate: opts.to });
  const scoresOf = (type: string, month?: string): number[] => {
    const out: number[] = [];
    for (const a of answers) if (a.type === type && (!month || a.day.startsWith(month))) for (let i = 0; i < a.n; i++) out.push(a.value);
    return out;
  };

  const share = (k: number, of: number, reason: UnavailableReason): Part => (of > 0 ? { value: k / of, n: of } : { value: null, reason, n: 0 });
  const unbuilt: Part = { value: null, reason: 'not_built', n: 0 };

  const cats = categoryStats(perBuyer);
  const newTotal = newByDay.reduce((a, r) => a + r.customers, 0);
  const newEnrolled = newByDay.reduce((a, r) => a + r.enrolled, 0);
  const used = new Set<string>();
  for (const a of segs.audiences) {
    const x = (typeof a === 'string' ? JSON.parse(a) : a) as { kind?: string; segmentId?: string } | null;
    if (x?.kind === 'segment' && x.segmentId && segs.segments.includes(x.segmentId)) used.add(x.segmentId);
  }
  const freshScores = scores.finishedAt !== null && Date.parse(scores.finishedAt) >= Date.parse(periodEnd) - SCORES_FRESH_DAYS * DAY;
  const balance = evenness(workload.perAgent);
  const openTickets = workload.perAgent.reduce((a, b) => a + b, 0);
  const stageDays = stages.map((d) => Math.max(0, (Date.parse(periodEnd) - Date.parse(d.since)) / DAY));
  const nps = npsSummary(scoresOf('nps'));
  const csat = csatSummary(scoresOf('csat'));
  const ces = cesSummary(scoresOf('ces'));
  const followedUp = detractors.filter((d) => {
    const by = Date.parse(d.answered_at) + FOLLOW_UP_DAYS * DAY;
    return [d.responded_at, d.resolved_at].some((t) => t !== null && Date.parse(t) <= by);
  }).length;

  const parts: { [K in IndicatorKey]: Part } = {
    scored_share_30d:
      purchases.buyers > 0
        ? { value: freshScores ? Math.min(1, scores.scored / purchases.buyers) : 0, n: purchases.buyers }
        : { value: null, reason: 'no_orders', n: 0 },
    segments_in_use: segs.segments.length > 0 ? { value: used.size, n: segs.segments.length } : { value: null, reason: 'no_segments', n: 0 },
    segment_targets:
      segs.segments.length > 0
        ? { value: people.plannedSegments / segs.segments.length, n: segs.segments.length }
        : { value: null, reason: 'no_segments', n: 0 },
    new_customers_per_month:
      purchases.buyers > 0
        ? {
            value: newTotal / monthsLong,
            n: newTotal,
            trend: months.map((m) => ({ month: m, value: newByDay.filter((r) => monthOfDay(r.day) === m).reduce((a, r) => a + r.customers, 0) })),
          }
        : { value: null, reason: 'no_orders', n: 0 },
    repeat_purchase_rate: share(purchases.repeaters, purchases.buyers, 'no_orders'),
    categories_per_customer:
      perBuyer.length > 0 ? { value: cats.mean, n: perBuyer.length, interval: sampled ? cats.meanInterval : null } : { value: null, reason: 'no_orders', n: 0 },
    cross_sell_rate:
      perBuyer.length > 0
        ? { value: cats.cross / perBuyer.length, n: perBuyer.length, interval: sampled ? wilson(cats.cross, perBuyer.length) : null }
        : { value: null, reason: 'no_orders', n: 0 },
    churn_share: share(scores.likelyLost, scores.withAlive, 'no_scores'),
    win_back_rate:
      lapsed.lapsed > 0
        ? { value: lapsed.back / lapsed.lapsed, n: lapsed.lapsed, interval: sampled ? wilson(lapsed.back, lapsed.lapsed) : null }
        : { value: null, reason: 'no_orders', n: 0 },
    owner_coverage: share(contacts.owned, contacts.customers, 'no_customers'),
    workload_balance:
      workload.agents < 2
        ? { value: null, reason: 'no_agents', n: workload.agents }
        : balance === null
          ? { value: null, reason: 'no_tickets', n: 0 }
          : { value: balance, n: openTickets },
    kpi_coverage: people.members > 0 ? { value: people.withTargets / people.members, n: people.members } : { value: null, reason: 'no_agents', n: 0 },
    training_coverage: people.members > 0 ? { value: people.trained / people.members, n: people.members } : { value: null, reason: 'no_agents', n: 0 },
    field_completeness:
      contacts.customers > 0 ? { value: contacts.filled / (5 * contacts.customers), n: contacts.customers } : { value: null, reason: 'no_customers', n: 0 },
    duplicates_waiting: contacts.customers > 0 ? { value: (1000 * dups) / contacts.customers, n: dups } : { value: null, reason: 'no_customers', n: 0 },
    stale_records: share(contacts.stale, contacts.customers, 'no_customers'),
    import_error_rate: share(imports.failed, imports.rows, 'no_imports'),
    consent_coverage: share(contacts.consented, contacts.customers, 'no_customers'),
    sla_attainment: share(sla.met, sla.decided, 'no_tickets'),
    stage_conversion: share(deals.won, deals.closed, 'no_deals'),
    time_in_stage: stageDays.length > 0 ? { value: median(stageDays)!, n: stageDays.length } : { value: null, reason: 'no_deals', n: 0 },
    playbook_coverage_new: share(newEnrolled, newTotal, 'no_orders'),
    // Automation rules come with issue 21.
    automations_active: unbuilt,
    kpi_targets: { value: people.kpisWithTargets / people.kpis, n: people.kpis },
    survey_response_rate: share(invites.answered, invites.sent, 'no_surveys'),
    nps:
      nps.nps === null
        ? { value: null, reason: 'no_surveys', n: 0 }
        : { value: nps.nps, n: nps.n, interval: nps.interval, trend: months.map((m) => ({ month: m, value: npsSummary(scoresOf('nps', m)).nps })) },
    csat: csat.mean === null ? { value: null, reason: 'no_surveys', n: 0 } : { value: csat.mean, n: csat.n, interval: csat.meanInterval },
    ces: ces.mean === null ? { value: null, reason: 'no_surveys', n: 0 } : { value: ces.mean, n: ces.n, interval: ces.meanInterval },
    complaint_resolution_time:
      complaints.length > 0
        ? { value: median(complaints.map((c) => (Date.parse(c.resolved_at) - Date.parse(c.created_at)) / 3_600_000))!, n: complaints.length }
        : { value: null, reason: 'no_tickets', n: 0 },
    detractor_follow_up: share(followedUp, detractors.length, 'no_surveys'),
  };

  return INDICATOR_KEYS.map((key): EvidenceValue => {
    const p = parts[key];
    return {
      key,
      value: p.value,
      reason: p.value === null ? (p.reason ?? 'not_built') : null,
      n: p.n,
      from: opts.from,
      to: opts.to,
      suggestedReality: p.value === null ? null : suggestedReality(key, p.value),
      interval: p.interval ?? null,
      trend: p.trend ?? null,
      link: linkOf(key, opts, months.length),
    };
  });
}

/**
 * The screen behind an indicator, with the query its screen reads where one helps: the survey results over the
 * months of the period, the tickets queue of every agent (resolved ones for complaints), the surveys by team.
 */
function linkOf(key: IndicatorKey, o: EvidenceOptions, months: number): string {
  const base: string = SCREENS[INDICATORS[key].screen];
  const q = new URLSearchParams();
  if (key === 'nps' || key === 'csat' || key === 'ces') {
    q.set('months', String(months));
    q.set('bucket', 'month');
    if (o.teamId) q.set('by', 'team');
  }
  if (key === 'workload_balance') q.set('queue', 'all');
  if (key === 'complaint_resolution_time') {
    q.set('queue', 'all');
    q.set('status', 'resolved');
  }
  const s = q.toString();
  return s ? `${base}${base.includes('?') ? '&' : '?'}${s}` : base;
}
