import { AppError, type FieldIssue, invalid, notFound } from '@kith/domain/errors.ts';
import type { Kpi, KpiReportRowT, KpiReportT, KpiTarget } from '@kith/domain/kpis/kpi.api.ts';
import {
  BUILTIN_KPIS,
  type BuiltinKpiKey,
  elapsedFraction,
  emptyObservations,
  figureOf,
  isBuiltinKpi,
  type KpiAggregate,
  type KpiFilter,
  mergeInto,
  type Observations,
  type Period,
  parsePeriod,
  periodRange,
  previousPeriod,
  progress,
  splitTarget,
  weightedScore,
} from '@kith/domain/kpis/kpis.ts';
import { slaState } from '@kith/domain/tickets/tickets.ts';
import { businessMinutesBetween, type WorkingCalendar } from '@kith/domain/time/business-hours.ts';
import type { Core } from '../../core.ts';
import { defineHook, emit } from '../../kith-module.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { type PeopleScope, peopleScope, seesPerson, seesTeam } from '../../platform/records/people-scope.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { loadCare } from '../tickets/care-settings.service.ts';
import { pausesOf } from '../tickets/ticket.service.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import {
  buyersOfPeriod,
  churn,
  dealsClosed,
  interactionsLogged,
  invitationsAnswered,
  memberEmails,
  membersAndTeams,
  orderRevenue,
  type Only,
  type Range,
  scaleAnswers,
  segmentOwned,
  tasksDone,
  ticketsOfPeriod,
} from './kpi-compute.repository.ts';
import {
  definitionFilter,
  type DefinitionRow,
  findPeriodRow,
  findTargetBySubject,
  findTargetRow,
  insertPeriodRow,
  listDefinitionRows,
  listPeriodRows,
  listResultRows,
  listTargetRows,
  listWeights,
  markRecount,
  replaceResultRows,
  type TargetRow,
  deleteSplitRows,
  deleteTargetRow,
  upsertTargetRow,
} from './kpi.repository.ts';

/**
 * KPIs per person and team and period (issue 20, docs/kpis.md). Figures are computed from what Kith records for an
 * open period, and read from the frozen rows for a closed one; targets give attainment, pace and a forecast; the
 * weights give each person's score. Who sees whose figures is the people scope (docs/permissions.md).
 */

/** A period closed (or recounted): its frozen figures, in the close's transaction (the reward rules listen). */
export type KpiPeriodClosed = {
  workspaceId: string;
  period: string;
  closedBy: string;
  recount: boolean;
  results: { userId: string; kpi: string; value: number | null; n: number }[];
};
export const kpiPeriodClosedHook = defineHook<KpiPeriodClosed>('kpis.period-closed');

export type WsCtx = { id: string; timezone: string; currency: string };

export async function workspaceCtx(db: Db, workspaceId: string): Promise<WsCtx> {
  const ws = await findWorkspace(db, workspaceId);
  if (!ws) throw notFound('Workspace');
  return { id: ws.id, timezone: ws.timezone, currency: ws.currency };
}

// ------------------------------------------------------------------------------------------------ definitions

function builtinOut(key: BuiltinKpiKey, weights: Map<string, number>): Kpi {
  const d = BUILTIN_KPIS[key];
  return {
    key,
    builtin: true,
    name: d.name,
    description: d.description,
    unit: d.unit,
    direction: d.direction,
    aggregate: d.aggregate,
    cumulative: d.cumulative,
    narrowBy: [...d.narrowBy],
    base: null,
    of: null,
    filter: {},
    segmentId: null,
    field: null,
    weight: weights.get(key) ?? 1,
    version: null,
  };
}

export function customOut(r: DefinitionRow, weights: Map<string, number>): Kpi {
  const name = { vi: r.name, en: r.name };
  if (r.base === 'narrowed' && r.builtin && isBuiltinKpi(r.builtin)) {
    const d = BUILTIN_KPIS[r.builtin];
    return {
      ...builtinOut(r.builtin, weights),
      key: r.key,
      builtin: false,
      name,
      direction: r.direction as 'higher' | 'lower',
      base: 'narrowed',
      of: r.builtin,
      filter: definitionFilter(r),
      narrowBy: [...d.narrowBy],
      weight: weights.get(r.key) ?? 1,
      version: r.version,
    };
  }
  const sum = r.base === 'segment_sum';
  return {
    key: r.key,
    builtin: false,
    name,
    description: {
      vi: sum ? 'Tổng của khách trong phân khúc đã lưu mà người đó phụ trách.' : 'Số khách trong phân khúc đã lưu mà người đó phụ trách.',
      en: sum ? 'Sum over the customers of a saved segment the person owns.' : 'Customers of a saved segment the person owns.',
    },
    unit: sum && r.field === 'spend' ? 'money' : 'count',
    direction: r.direction as 'higher' | 'lower',
    aggregate: 'sum',
    cumulative: false,
    narrowBy: [],
    base: r.base as 'segment_count' | 'segment_sum',
    of: null,
    filter: {},
    segmentId: r.segment_id,
    field: sum ? (r.field as 'spend' | 'orders') : 'count',
    weight: weights.get(r.key) ?? 1,
    version: r.version,
  };
}

/** Every KPI of the workspace: the built-ins, then its own. */
export async function kpiDefinitions(db: Db, workspaceId: string): Promise<Kpi[]> {
  const weights = await listWeights(db, workspaceId);
  const own = await listDefinitionRows(db, workspaceId);
  return [...(Object.keys(BUILTIN_KPIS) as BuiltinKpiKey[]).map((k) => builtinOut(k, weights)), ...own.map((r) => customOut(r, weights))];
}

export async function listKpis(core: Core, actor: Actor): Promise<Kpi[]> {
  authorize(actor, 'kpis.read');
  return kpiDefinitions(core.db, actor.workspaceId);
}

// ------------------------------------------------------------------------------------------------ computing

/** What each KPI's observations are, per member (the key '' holds what is credited to nobody). */
export type Observed = Map<string, Map<string, Observations>>;

const baseOf = (k: Kpi): BuiltinKpiKey | null => (k.builtin ? (k.key as BuiltinKpiKey) : k.base === 'narrowed' ? (k.of as BuiltinKpiKey) : null);

/**
 * Observe the KPIs over one range: each distinct query once (the deal, ticket and survey KPIs share theirs). The
 * tickets' working-time figures are counted here in the workspace's care calendar.
 */
export async function observe(core: Core, ctx: WsCtx, kpis: readonly Kpi[], r: Range, only: Only = null): Promise<Observed> {
  const db = core.db;
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) memo.set(key, (p = f()));
    return p;
  };
  let calendar: WorkingCalendar | null = null;
  const tickets = (f: KpiFilter) =>
    once(`tickets${JSON.stringify(f)}`, async () => {
      calendar ??= (await loadCare(db, ctx.id, core.now())).calendar;
      return ticketFigures(calendar, await ticketsOfPeriod(db, ctx.id, r, f, only), r, core.now());
    });
  const deals = (f: KpiFilter) => once(`deals${JSON.stringify(f)}`, () => dealsClosed(db, ctx.id, r, ctx.currency, f, only));

  // How each built-in is observed; a narrowed workspace KPI is its built-in with the filter.
  const by: Record<BuiltinKpiKey, (f: KpiFilter) => Promise<Map<string, Observations>>> = {
    revenue: (f) => orderRevenue(db, ctx.id, r, ctx.currency, 'owner', f, only),
    revenue_taken: (f) => orderRevenue(db, ctx.id, r, ctx.currency, 'taker', f, only),
    new_customers: (f) => buyersOfPeriod(db, ctx.id, r, 'new', f, only),
    repeat_customers: (f) => buyersOfPeriod(db, ctx.id, r, 'repeat', f, only),
    churn_rate: (f) => churn(db, ctx.id, r, f, only),
    deals_won: async (f) => (await deals(f)).won,
    deals_won_value: async (f) => (await deals(f)).value,
    win_rate: async (f) => (await deals(f)).rate,
    interactions_logged: (f) => interactionsLogged(db, ctx.id, r, f, only),
    tasks_on_time: () => tasksDone(db, ctx.id, r, only),
    tickets_resolved: async (f) => (await tickets(f)).resolved,
    first_response_minutes: async (f) => (await tickets(f)).firstResponse,
    resolution_minutes: async (f) => (await tickets(f)).resolution,
    sla_attainment: async (f) => (await tickets(f)).sla,
    csat: (f) => scaleAnswers(db, ctx.id, r, 'csat', f, only),
    nps: (f) => scaleAnswers(db, ctx.id, r, 'nps', f, only),
    survey_response_rate: (f) => invitationsAnswered(db, ctx.id, r, f, only),
  };
  const out: Observed = new Map();
  for (const k of kpis) {
    const b = baseOf(k);
    if (k.base === 'segment_count' || k.base === 'segment_sum')
      out.set(k.key, await segmentOwned(db, ctx.id, k.segmentId ?? '', k.field === 'spend' || k.field === 'orders' ? k.field : 'count', only));
    else out.set(k.key, b ? await by[b](k.filter as KpiFilter) : new Map());
  }
  return out;
}

const within = (t: string | null, r: Range): boolean => t !== null && Date.parse(t) >= Date.parse(r.from) && Date.parse(t) < Date.parse(r.to);

/** The ticket KPIs from the tickets answered or resolved in the range, in working minutes of the care calendar. */
export function ticketFigures(
  calendar: WorkingCalendar,
  rows: readonly {
    assignee_id: string | null;
    created_at: string;
    first_responded_at: string | null;
    resolved_at: string | null;
    first_response_due_at: string | null;
    resolution_due_at: string | null;
    sla_pauses: unknown;
  }[],
  r: Range,
  now: Date,
): Record<'resolved' | 'firstResponse' | 'resolution' | 'sla', Map<string, Observations>> {
  const resolved = new Map<string, Observations>();
  const firstResponse = new Map<string, Observations>();
  const resolution = new Map<string, Observations>();
  const sla = new Map<string, Observations>();
  const at = (m: Map<string, Observations>, u: string, values: boolean) => {
    let o = m.get(u);
    if (!o) m.set(u, (o = emptyObservations(values)));
    return o;
  };
  for (const t of rows) {
    const u = t.assignee_id ?? '';
    if (within(t.first_responded_at, r)) {
      const o = at(firstResponse, u, true);
      o.values!.push(businessMinutesBetween(calendar, t.created_at, t.first_responded_at!));
      o.n++;
    }
    if (!within(t.resolved_at, r)) continue;
    const c = at(resolved, u, false);
    c.sum++;
    c.n++;
    const o = at(resolution, u, true);
    o.values!.push(businessMinutesBetween(calendar, t.created_at, t.resolved_at!));
    o.n++;
    const s = slaState(
      calendar,
      {
        createdAt: t.created_at,
        firstResponseDueAt: t.first_response_due_at,
        resolutionDueAt: t.resolution_due_at,
        firstRespondedAt: t.first_responded_at,
        resolvedAt: t.resolved_at,
        pauses: pausesOf(t),
      },
      now,
    );
    const a = at(sla, u, false);
    for (const x of [s.firstResponse, s.resolution]) {
      if (!x) continue;
      if (x.met === true) {
        a.sum++;
        a.n++;
      } else if (x.met === false || x.breached) a.n++;
    }
  }
  return { resolved, firstResponse, resolution, sla };
}

const aggregateOf = (k: Kpi): KpiAggregate => k.aggregate;

/** A team's observations: its members', each counted once. */
function teamObservations(m: Map<string, Observations>, members: readonly string[], withValues: boolean): Observations {
  const o = emptyObservations(withValues);
  for (const u of new Set(members)) {
    const x = m.get(u);
    if (x) mergeInto(o, x);
  }
  return o;
}

export type Frozen = {
  kpi: string;
  subject: 'user' | 'team';
  subjectId: string;
  value: number | null;
  n: number;
  interval: { low: number; high: number } | null;
};

/** Every figure of every KPI for every member and team of the workspace (what a close freezes). */
export async function computeFigures(core: Core, ctx: WsCtx, kpis: readonly Kpi[], r: Range): Promise<Frozen[]> {
  const observed = await observe(core, ctx, kpis, r);
  const { members, teams } = await membersAndTeams(core.db, ctx.id);
  const out: Frozen[] = [];
  for (const k of kpis) {
    const m = observed.get(k.key) ?? new Map();
    const withValues = ['median', 'mean', 'nps'].includes(k.aggregate);
    for (const p of members) {
      const f = figureOf(aggregateOf(k), m.get(p.userId) ?? emptyObservations(withValues));
      out.push({ kpi: k.key, subject: 'user', subjectId: p.userId, value: f.value, n: f.n, interval: f.interval });
    }
    for (const t of teams) {
      const f = figureOf(aggregateOf(k), teamObservations(m, t.members, withValues));
      out.push({ kpi: k.key, subject: 'team', subjectId: t.id, value: f.value, n: f.n, interval: f.interval });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ the report

export function checkPeriod(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw invalid([{ path: ['period'], message: 'A period is a month YYYY-MM, a quarter YYYY-Qn or a year YYYY', code: 'invalid_format' }]);
  return p;
}

function pickKpis(all: readonly Kpi[], list: string | undefined): Kpi[] {
  if (!list) return [...all];
  const keys = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = keys.filter((k) => !all.some((d) => d.key === k));
  if (unknown.length) throw invalid([{ path: ['kpi'], message: `No such KPI: ${unknown.join(', ')}`, code: 'not_found' }]);
  return all.filter((d) => keys.includes(d.key));
}

type Subject = { id: string; name: string; members: string[] };
const membersOf = (subjects: readonly Subject[]): string[] => [...new Set(subjects.flatMap((s) => s.members))];

/** The people or teams of the report, in the caller's scope (one asked for outside it is a 404). */
async function subjectsOf(core: Core, actor: Actor, scope: PeopleScope, q: { by: 'user' | 'team'; userId?: string | undefined; teamId?: string | undefined }) {
  const { members, teams } = await membersAndTeams(core.db, actor.workspaceId);
  if (q.teamId && !teams.some((t) => t.id === q.teamId && seesTeam(scope, t.id))) throw notFound('Team');
  if (q.userId && !(members.some((m) => m.userId === q.userId) && seesPerson(scope, q.userId))) throw notFound('Member');
  if (q.by === 'team') {
    return teams.filter((t) => seesTeam(scope, t.id) && (!q.teamId || t.id === q.teamId)).map((t): Subject => ({ id: t.id, name: t.name, members: t.members }));
  }
  const team = q.teamId ? teams.find((t) => t.id === q.teamId) : null;
  return members
    .filter((m) => seesPerson(scope, m.userId) && (!team || team.members.includes(m.userId)) && (!q.userId || m.userId === q.userId))
    .map((m): Subject => ({ id: m.userId, name: m.name, members: [m.userId] }));
}

async function periodInfo(core: Core, ctx: WsCtx, p: Period) {
  const range = periodRange(p, ctx.timezone);
  const row = await findPeriodRow(core.db, ctx.id, p.key);
  return {
    range,
    info: {
      key: p.key,
      from: range.from,
      to: range.to,
      elapsed: row ? 1 : elapsedFraction(range, core.now()),
      closed: !!row,
      closedAt: row?.closed_at ?? null,
      recounts: row ? Number(row.recounts) : 0,
    },
  };
}

/** The figures of one period for these subjects: computed when open, frozen when closed. */
async function figuresFor(core: Core, ctx: WsCtx, kpis: readonly Kpi[], p: Period, by: 'user' | 'team', subjects: readonly Subject[], only: Only) {
  const { range, info } = await periodInfo(core, ctx, p);
  const figures = new Map<string, Frozen>();
  const id = (kpi: string, s: string) => `${kpi}\u0000${s}`;
  if (info.closed) {
    for (const r of await listResultRows(core.db, ctx.id, [p.key], by))
      figures.set(id(r.kpi, r.subject_id), {
        kpi: r.kpi,
        subject: by,
        subjectId: r.subject_id,
        value: r.value === null ? null : Number(r.value),
        n: Number(r.n),
        interval: r.interval_low === null || r.interval_high === null ? null : { low: Number(r.interval_low), high: Number(r.interval_high) },
      });
  } else if (subjects.length > 0) {
    const observed = await observe(core, ctx, kpis, range, only);
    for (const k of kpis) {
      const m = observed.get(k.key) ?? new Map();
      const withValues = ['median', 'mean', 'nps'].includes(k.aggregate);
      for (const s of subjects) {
        const f = figureOf(k.aggregate, by === 'user' ? (m.get(s.id) ?? emptyObservations(withValues)) : teamObservations(m, s.members, withValues));
        figures.set(id(k.key, s.id), { kpi: k.key, subject: by, subjectId: s.id, value: f.value, n: f.n, interval: f.interval });
      }
    }
  }
  const targets = await listTargetRows(core.db, ctx.id, { periods: [p.key], subjectIds: subjects.map((s) => s.id) });
  const targetOf = new Map(targets.filter((t) => t.subject === by).map((t) => [id(t.kpi, t.subject_id), Number(t.target)]));
  const rows: KpiReportRowT[] = [];
  const scores: { id: string; score: number | null }[] = [];
  for (const s of subjects) {
    const items: { attainment: number | null; weight: number }[] = [];
    for (const k of kpis) {
      const f = figures.get(id(k.key, s.id));
      const value = f?.value ?? (k.aggregate === 'sum' && !info.closed ? 0 : null);
      const target = targetOf.get(id(k.key, s.id)) ?? null;
      const pr = progress(k, value, target, info.elapsed);
      items.push({ attainment: pr.attainment, weight: k.weight });
      rows.push({
        ...(by === 'user' ? { userId: s.id } : { teamId: s.id }),
        kpi: k.key,
        value,
        n: f?.n ?? 0,
        interval: f?.interval ?? null,
        target,
        ...pr,
      });
    }
    scores.push({ id: s.id, score: weightedScore(items) });
  }
  return { info, rows, scores };
}

export async function kpiReport(
  core: Core,
  actor: Actor,
  q: { period: string; by: 'user' | 'team'; kpi?: string | undefined; userId?: string | undefined; teamId?: string | undefined },
): Promise<KpiReportT> {
  const scope = await peopleScope(core.db, actor, 'kpis.read');
  const p = checkPeriod(q.period);
  const ctx = await workspaceCtx(core.db, actor.workspaceId);
  const kpis = pickKpis(await kpiDefinitions(core.db, ctx.id), q.kpi);
  const subjects = await subjectsOf(core, actor, scope, q);
  // A scorecard of some people works out only theirs; everyone's when the caller asked for the whole workspace.
  const only = scope.all && !q.userId && !q.teamId ? null : membersOf(subjects);
  const { info, rows, scores } = await figuresFor(core, ctx, kpis, p, q.by, subjects, only);
  return { period: info, by: q.by, currency: ctx.currency, subjects: subjects.map((s) => ({ id: s.id, name: s.name })), rows, scores };
}

/** A person's or team's figures over `count` periods up to this one (closed ones frozen). */
export async function kpiHistory(
  core: Core,
  actor: Actor,
  q: { period: string; userId?: string | undefined; teamId?: string | undefined; count: number; kpi?: string | undefined },
) {
  const scope = await peopleScope(core.db, actor, 'kpis.read');
  let p = checkPeriod(q.period);
  if ((q.userId ? 1 : 0) + (q.teamId ? 1 : 0) !== 1) throw invalid([{ path: ['userId'], message: 'Give exactly one of userId and teamId', code: 'invalid' }]);
  const by = q.userId ? 'user' : 'team';
  const ctx = await workspaceCtx(core.db, actor.workspaceId);
  const kpis = pickKpis(await kpiDefinitions(core.db, ctx.id), q.kpi);
  const subjects = await subjectsOf(core, actor, scope, by === 'user' ? { by, userId: q.userId } : { by, teamId: q.teamId });
  const s = subjects.find((x) => x.id === (q.userId ?? q.teamId));
  if (!s) throw notFound(by === 'user' ? 'Member' : 'Team');
  const periods: Period[] = [];
  for (let i = 0; i < q.count; i++, p = previousPeriod(p)) periods.unshift(p);
  const out = [];
  for (const x of periods) {
    const f = await figuresFor(core, ctx, kpis, x, by, [s], membersOf([s]));
    out.push({ period: x.key, closed: f.info.closed, rows: f.rows, score: f.scores[0]?.score ?? null });
  }
  return { subject: by, id: s.id, periods: out };
}

// ------------------------------------------------------------------------------------------------ targets

const targetOut = (r: TargetRow): KpiTarget => ({
  id: r.id,
  kpi: r.kpi,
  period: r.period,
  userId: r.subject === 'user' ? r.subject_id : null,
  teamId: r.subject === 'team' ? r.subject_id : null,
  target: Number(r.target),
  splitFrom: r.split_from,
  updatedAt: r.updated_at,
  version: Number(r.version),
});

/** What is wrong with a target for this KPI, in its unit (null: nothing): the API and a targets file check the same. */
function targetProblem(def: Kpi, target: number): string | null {
  if (def.unit === 'share' && (target < 0 || target > 1)) return 'A share is between 0 and 1';
  if (def.unit === 'nps' && (target < -100 || target > 100)) return 'An NPS is between −100 and 100';
  if (def.unit !== 'nps' && target < 0) return 'Must not be negative';
  if (def.unit === 'money' && !Number.isInteger(target)) return 'Money is a whole number of the currency’s smallest unit';
  return null;
}

export const periodClosed = (period: string) =>
  new AppError('conflict', `The period ${period} is closed: its figures and targets are frozen (recount it to change them)`, {
    reason: 'period_closed',
    params: { period },
  });

export async function listTargets(core: Core, actor: Actor, q: { period: string; userId?: string | undefined; teamId?: string | undefined }) {
  const scope = await peopleScope(core.db, actor, 'kpis.read');
  checkPeriod(q.period);
  const { members, teams } = await membersAndTeams(core.db, actor.workspaceId);
  const ids = [
    ...members.filter((m) => seesPerson(scope, m.userId)).map((m) => m.userId),
    ...teams.filter((t) => seesTeam(scope, t.id)).map((t) => t.id),
  ].filter((x) => (!q.userId || x === q.userId) && (!q.teamId || x === q.teamId || teams.find((t) => t.id === q.teamId)?.members.includes(x)));
  const rows = await listTargetRows(core.db, actor.workspaceId, { periods: [q.period], subjectIds: ids });
  return { data: rows.map(targetOut) };
}

/** Check a target's subject: a member or a team of the workspace, in the caller's scope for kpi_targets.manage. */
async function checkSubject(core: Core, actor: Actor, scope: PeopleScope, userId: string | undefined, teamId: string | undefined) {
  const { members, teams } = await membersAndTeams(core.db, actor.workspaceId);
  if (userId) {
    if (!members.some((m) => m.userId === userId) || !seesPerson(scope, userId))
      throw invalid([{ path: ['userId'], message: 'No such member (or not one whose targets you set)', code: 'not_found' }]);
    return { subject: 'user' as const, id: userId, team: null };
  }
  const team = teams.find((t) => t.id === teamId);
  if (!team || !seesTeam(scope, team.id)) throw invalid([{ path: ['teamId'], message: 'No such team (or not one whose targets you set)', code: 'not_found' }]);
  return { subject: 'team' as const, id: team.id, team };
}

export async function putTarget(
  core: Core,
  actor: Actor,
  input: { kpi: string; period: string; userId?: string | undefined; teamId?: string | undefined; target: number },
) {
  const scope = await peopleScope(core.db, actor, 'kpi_targets.manage');
  const p = checkPeriod(input.period);
  const kpis = await kpiDefinitions(core.db, actor.workspaceId);
  const issues: FieldIssue[] = [];
  const def = kpis.find((k) => k.key === input.kpi);
  if (!def) issues.push({ path: ['kpi'], message: 'No such KPI', code: 'not_found' });
  else {
    const wrong = targetProblem(def, input.target);
    if (wrong) issues.push({ path: ['target'], message: wrong, code: 'invalid' });
  }
  if (issues.length) throw invalid(issues);
  const s = await checkSubject(core, actor, scope, input.userId, input.teamId);
  return core.db.transaction().execute(async (trx) => {
    if (await findPeriodRow(trx, actor.workspaceId, p.key)) throw periodClosed(p.key);
    const key = { kpi: input.kpi, period: p.key, subject: s.subject, subjectId: s.id };
    const before = await findTargetBySubject(trx, actor.workspaceId, key);
    const at = core.now().toISOString();
    await upsertTargetRow(trx, {
      id: uuidv7(),
      workspace_id: actor.workspaceId,
      kpi: input.kpi,
      period: p.key,
      subject: s.subject,
      subject_id: s.id,
      target: input.target,
      split_from: null,
      created_by: actor.userId,
      updated_by: actor.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    const after = (await findTargetBySubject(trx, actor.workspaceId, key))!;
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: before ? 'update' : 'create',
        entityType: 'kpi_target',
        entityId: after.id,
        before: before ? { target: Number(before.target) } : undefined,
        after: { kpi: after.kpi, period: after.period, [s.subject === 'user' ? 'userId' : 'teamId']: s.id, target: Number(after.target) },
      },
      core.now(),
    );
    return targetOut(after);
  });
}

export async function removeTarget(core: Core, actor: Actor, id: string): Promise<void> {
  const scope = await peopleScope(core.db, actor, 'kpi_targets.manage');
  const row = await findTargetRow(core.db, actor.workspaceId, id);
  if (!row || !(row.subject === 'user' ? seesPerson(scope, row.subject_id) : seesTeam(scope, row.subject_id))) throw notFound('Target');
  await core.db.transaction().execute(async (trx) => {
    if (await findPeriodRow(trx, actor.workspaceId, row.period)) throw periodClosed(row.period);
    if (!(await deleteTargetRow(trx, actor.workspaceId, id))) throw notFound('Target');
    const shares = row.subject === 'team' ? await deleteSplitRows(trx, actor.workspaceId, id) : 0;
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'delete',
        entityType: 'kpi_target',
        entityId: id,
        before: { kpi: row.kpi, period: row.period, target: Number(row.target) },
        meta: { shares },
      },
      core.now(),
    );
  });
}

/** Split a team's target among its members (equally, or by each one's figure in the period before). */
export async function splitTeamTarget(core: Core, actor: Actor, input: { kpi: string; period: string; teamId: string; method: 'equal' | 'last_period' }) {
  const scope = await peopleScope(core.db, actor, 'kpi_targets.manage');
  const p = checkPeriod(input.period);
  const s = await checkSubject(core, actor, scope, undefined, input.teamId);
  const team = s.team!;
  const teamTarget = await findTargetBySubject(core.db, actor.workspaceId, { kpi: input.kpi, period: p.key, subject: 'team', subjectId: team.id });
  if (!teamTarget) throw invalid([{ path: ['kpi'], message: 'The team has no target for this KPI and period; set one first', code: 'not_found' }]);
  const def = (await kpiDefinitions(core.db, actor.workspaceId)).find((k) => k.key === input.kpi);
  if (!def) throw invalid([{ path: ['kpi'], message: 'No such KPI', code: 'not_found' }]);
  if (!def.cumulative)
    throw invalid([{ path: ['kpi'], message: 'Only a total (revenue, counts) splits among members; set a rate or a median for each member', code: 'invalid' }]);
  const members = team.members.filter((m) => seesPerson(scope, m));
  if (members.length === 0) throw invalid([{ path: ['teamId'], message: 'The team has no members', code: 'invalid' }]);
  let weights: Map<string, number> | undefined;
  if (input.method === 'last_period') {
    const ctx = await workspaceCtx(core.db, actor.workspaceId);
    const prev = previousPeriod(p);
    const f = await figuresFor(
      core,
      ctx,
      [def],
      prev,
      'user',
      members.map((m) => ({ id: m, name: '', members: [m] })),
      members,
    );
    weights = new Map(f.rows.map((r) => [r.userId!, r.value ?? 0]));
  }
  const shares = splitTarget(Number(teamTarget.target), members, weights, def.unit === 'money' || def.unit === 'count');
  return core.db.transaction().execute(async (trx) => {
    if (await findPeriodRow(trx, actor.workspaceId, p.key)) throw periodClosed(p.key);
    await deleteSplitRows(trx, actor.workspaceId, teamTarget.id);
    const at = core.now().toISOString();
    for (const [userId, target] of shares)
      await upsertTargetRow(trx, {
        id: uuidv7(),
        workspace_id: actor.workspaceId,
        kpi: def.key,
        period: p.key,
        subject: 'user',
        subject_id: userId,
        target,
        split_from: teamTarget.id,
        created_by: actor.userId,
        updated_by: actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'kpi_target',
        entityId: teamTarget.id,
        after: { split: Object.fromEntries(shares), method: input.method },
      },
      core.now(),
    );
    const rows = await listTargetRows(trx, actor.workspaceId, { periods: [p.key], subjectIds: members });
    return { data: rows.filter((r) => r.kpi === def.key && r.subject === 'user').map(targetOut) };
  });
}

// ------------------------------------------------------------------------------------------------ closing a period

const periodOut = (r: {
  period: string;
  closed_at: string;
  closed_by: string | null;
  recounted_at: string | null;
  recounted_by: string | null;
  recounts: number;
}) => ({
  period: r.period,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  recountedAt: r.recounted_at,
  recountedBy: r.recounted_by,
  recounts: Number(r.recounts),
});

const resultRow = (ws: string, period: string, targets: Map<string, number>) => (f: Frozen) => ({
  workspace_id: ws,
  period,
  kpi: f.kpi,
  subject: f.subject,
  subject_id: f.subjectId,
  value: f.value,
  n: f.n,
  interval_low: f.interval?.low ?? null,
  interval_high: f.interval?.high ?? null,
  target: targets.get(`${f.kpi}\u0000${f.subject}\u0000${f.subjectId}`) ?? null,
});

async function freeze(core: Core, actor: Actor, periodKey: string) {
  const p = checkPeriod(periodKey);
  const ctx = await workspaceCtx(core.db, actor.workspaceId);
  const range = periodRange(p, ctx.timezone);
  if (Date.parse(range.to) > core.now().getTime())
    throw invalid([{ path: ['period'], message: 'A period closes once it has ended (in the workspace’s time zone)', code: 'invalid' }]);
  const kpis = await kpiDefinitions(core.db, ctx.id);
  const figures = await computeFigures(core, ctx, kpis, range);
  const targets = new Map(
    (await listTargetRows(core.db, ctx.id, { periods: [p.key] })).map((t) => [`${t.kpi}\u0000${t.subject}\u0000${t.subject_id}`, Number(t.target)]),
  );
  return { p, ctx, figures, rows: figures.map(resultRow(ctx.id, p.key, targets)) };
}

const userResults = (figures: readonly Frozen[]) =>
  figures.filter((f) => f.subject === 'user').map((f) => ({ userId: f.subjectId, kpi: f.kpi, value: f.value, n: f.n }));

/**
 * Closes and recounts running in this process, by workspace and period: a second one is refused before it computes
 * anything (fifty at once compute once). Across processes the transaction's claim decides.
 */
const running = new Set<string>();
async function once<T>(actor: Actor, period: string, work: () => Promise<T>): Promise<T> {
  const key = `${actor.workspaceId}\u0000${period}`;
  if (running.has(key)) throw new AppError('conflict', `The period ${period} is being closed or recounted right now`, { reason: 'record_busy' });
  running.add(key);
  try {
    return await work();
  } finally {
    running.delete(key);
  }
}

/** Close a period: the figures are computed first (the slow part), then frozen in one transaction that claims the close — of two closes at once, one wins and the other is a 409. */
export async function closePeriod(core: Core, actor: Actor, periodKey: string) {
  authorize(actor, 'kpi_periods.close');
  const p0 = checkPeriod(periodKey);
  if (await findPeriodRow(core.db, actor.workspaceId, p0.key)) throw periodClosed(p0.key);
  return once(actor, p0.key, () => closeNow(core, actor, periodKey));
}

async function closeNow(core: Core, actor: Actor, periodKey: string) {
  const { p, ctx, figures, rows } = await freeze(core, actor, periodKey);
  return core.db.transaction().execute(async (trx) => {
    const at = core.now().toISOString();
    if (!(await insertPeriodRow(trx, ctx.id, p.key, actor.userId, at))) throw periodClosed(p.key);
    await replaceResultRows(trx, ctx.id, p.key, rows);
    await recordAudit(
      trx,
      { ...by(actor), action: 'period.close', entityType: 'kpi_period', entityId: null, after: { period: p.key, figures: rows.length } },
      core.now(),
    );
    await emit(trx, core, kpiPeriodClosedHook, { workspaceId: ctx.id, period: p.key, closedBy: actor.userId, recount: false, results: userResults(figures) });
    return { period: periodOut((await findPeriodRow(trx, ctx.id, p.key))!), figures: rows.length };
  });
}

/** Recount a closed period from the data as it is now; audited with every figure that changed. */
export async function recountPeriod(core: Core, actor: Actor, periodKey: string) {
  authorize(actor, 'kpi_periods.close');
  const p = checkPeriod(periodKey);
  const row = await findPeriodRow(core.db, actor.workspaceId, p.key);
  if (!row) throw new AppError('conflict', `The period ${p.key} is not closed; its figures are live`, { reason: 'period_open', params: { period: p.key } });
  return once(actor, p.key, () => recountNow(core, actor, periodKey, row));
}

async function recountNow(core: Core, actor: Actor, periodKey: string, row: NonNullable<Awaited<ReturnType<typeof findPeriodRow>>>) {
  const p = checkPeriod(periodKey);
  const { ctx, figures, rows } = await freeze(core, actor, periodKey);
  return core.db.transaction().execute(async (trx) => {
    const at = core.now().toISOString();
    if (!(await markRecount(trx, ctx.id, p.key, Number(row.recounts), actor.userId, at))) throw periodClosed(p.key);
    const old = new Map((await listResultRows(trx, ctx.id, [p.key])).map((r) => [`${r.kpi}\u0000${r.subject}\u0000${r.subject_id}`, r]));
    const changes: { kpi: string; subject: string; id: string; before: number | null; after: number | null }[] = [];
    for (const r of rows) {
      const o = old.get(`${r.kpi}\u0000${r.subject}\u0000${r.subject_id}`);
      const before = o?.value === null || o?.value === undefined ? null : Number(o.value);
      if (before !== r.value && !(before !== null && r.value !== null && Math.abs(before - r.value) < 1e-9))
        changes.push({ kpi: r.kpi, subject: r.subject, id: r.subject_id, before, after: r.value });
    }
    await replaceResultRows(trx, ctx.id, p.key, rows);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'period.recount',
        entityType: 'kpi_period',
        entityId: null,
        before: { period: p.key, recounts: Number(row.recounts) },
        after: { period: p.key, figures: rows.length, changed: changes.length, changes: changes.slice(0, 500) },
      },
      core.now(),
    );
    await emit(trx, core, kpiPeriodClosedHook, { workspaceId: ctx.id, period: p.key, closedBy: actor.userId, recount: true, results: userResults(figures) });
    return { period: periodOut((await findPeriodRow(trx, ctx.id, p.key))!), figures: rows.length, changed: changes.length };
  });
}

export async function listPeriods(core: Core, actor: Actor) {
  authorize(actor, 'kpis.read');
  return { data: (await listPeriodRows(core.db, actor.workspaceId)).map(periodOut) };
}

// ------------------------------------------------------------------------------------------------ targets from a file

export type TargetRowIn = { kpi: string; period: string; user?: string | undefined; team?: string | undefined; target: string };

/**
 * Targets from a file (the CLI's `kith kpi targets import`): each row names a KPI, a period, a member by email or a
 * team by name, and the target. Every row is checked first — a problem names its row (1 = the first data row) and
 * field — and then all are written in one transaction, or none.
 */
export async function importTargets(core: Core, actor: Actor, rows: readonly TargetRowIn[]): Promise<{ written: number }> {
  const scope = await peopleScope(core.db, actor, 'kpi_targets.manage');
  const ws = actor.workspaceId;
  const kpis = await kpiDefinitions(core.db, ws);
  const { teams } = await membersAndTeams(core.db, ws);
  const emails = new Map((await memberEmails(core.db, ws)).map((m) => [m.email.toLowerCase(), m.userId]));
  const issues: FieldIssue[] = [];
  const ok: { kpi: string; period: string; subject: 'user' | 'team'; id: string; target: number }[] = [];
  const closed = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const row = i + 1;
    const bad = (field: string, message: string, code = 'invalid') => issues.push({ path: ['rows', row, field], message, code });
    const def = kpis.find((k) => k.key === r.kpi?.trim());
    if (!def) bad('kpi', `No such KPI: ${r.kpi}`, 'not_found');
    const p = parsePeriod(r.period?.trim() ?? '');
    if (!p) bad('period', 'A period is a month YYYY-MM, a quarter YYYY-Qn or a year YYYY', 'invalid_format');
    else if (!closed.has(p.key) && (await findPeriodRow(core.db, ws, p.key))) closed.add(p.key);
    if (p && closed.has(p.key)) bad('period', `The period ${p.key} is closed`, 'period_closed');
    const target = Number(String(r.target ?? '').replace(/[\s_]/g, ''));
    if (!String(r.target ?? '').trim() || !Number.isFinite(target)) bad('target', 'Must be a number', 'invalid');
    else if (def && targetProblem(def, target)) bad('target', targetProblem(def, target)!, 'invalid');
    let subject: { subject: 'user' | 'team'; id: string } | null = null;
    if (r.user?.trim() && r.team?.trim()) bad('user', 'Give a member or a team, not both');
    else if (r.user?.trim()) {
      const id = emails.get(r.user.trim().toLowerCase());
      if (!id || !seesPerson(scope, id)) bad('user', 'No such member (or not one whose targets you set)', 'not_found');
      else subject = { subject: 'user', id };
    } else if (r.team?.trim()) {
      const t = teams.find((x) => x.name.toLowerCase() === r.team!.trim().toLowerCase());
      if (!t || !seesTeam(scope, t.id)) bad('team', 'No such team (or not one whose targets you set)', 'not_found');
      else subject = { subject: 'team', id: t.id };
    } else bad('user', 'Give a member’s email or a team’s name', 'required');
    if (def && p && subject && Number.isFinite(target)) ok.push({ kpi: def.key, period: p.key, ...subject, target });
  }
  if (issues.length) throw invalid(issues.slice(0, 200), `${issues.length} problem(s) in the file; nothing was written`);
  await core.db.transaction().execute(async (trx) => {
    const at = core.now().toISOString();
    for (const x of ok) {
      if (await findPeriodRow(trx, ws, x.period)) throw periodClosed(x.period);
      await upsertTargetRow(trx, {
        id: uuidv7(),
        workspace_id: ws,
        kpi: x.kpi,
        period: x.period,
        subject: x.subject,
        subject_id: x.id,
        target: x.target,
        split_from: null,
        created_by: actor.userId,
        updated_by: actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    }
    await recordAudit(
      trx,
      { ...by(actor), action: 'create', entityType: 'kpi_target', entityId: null, after: { imported: ok.length }, meta: { rows: rows.length } },
      core.now(),
    );
  });
  return { written: ok.length };
}
