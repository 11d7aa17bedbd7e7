import type { Home } from '@kith/domain/home/home.api.ts';
import { periodOf, periodRange, previousPeriod } from '@kith/domain/kpis/kpis.ts';
import { can } from '@kith/domain/permissions/permissions.ts';
import { npsSummary } from '@kith/domain/surveys/survey-stats.ts';
import { timeZoneOf } from '@kith/domain/time/zone.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { peopleScope } from '../../platform/records/people-scope.repository.ts';
import { overallOf } from '../assessment/assessment-report.service.ts';
import { listAll } from '../assessment/assessment.service.ts';
import { buyersOfPeriod, churn, membersAndTeams, orderRevenue } from '../kpis/kpi-compute.repository.ts';
import { kpiReport, workspaceCtx } from '../kpis/kpi.service.ts';
import { taskSummary } from '../tasks/task.service.ts';
import { listTickets } from '../tickets/ticket.service.ts';
import { npsCounts, openDealsByStage, openTasksOf } from './home.repository.ts';

/** The home page (domain home/home.api.ts): each part only for a role that may read it. */

const total = (m: Map<string, { sum: number; n: number }>) => [...m.values()].reduce((a, o) => a + o.sum, 0);
const DAY = 86_400_000;

export async function homeOf(core: Core, actor: Actor): Promise<Home> {
  const db = core.db;
  const ctx = await workspaceCtx(db, actor.workspaceId);
  const now = core.now();
  const month = periodOf('month', now, ctx.timezone);
  const range = periodRange(month, ctx.timezone);
  const role = actor.role;
  const view = role === 'owner' || role === 'admin' ? 'owner' : role === 'manager' ? 'manager' : 'agent';
  const zone = timeZoneOf(ctx.timezone);
  const endOfToday = new Date(zone.wallToUtc((zone.localDay(now.getTime()) + 1) * DAY)).toISOString();

  const queue = can(role, 'tickets.read')
    ? await listTickets(core, actor, { queue: 'mine', status: 'open', limit: 8, offset: 0 }).then((r) => ({ total: r.total, tickets: r.data }))
    : null;
  const tasks = can(role, 'tasks.read') ? await taskSummary(core, actor) : null;
  const pipeline = can(role, 'deals.read')
    ? await openDealsByStage(db, ctx.id, actor.userId, ctx.currency).then((rows) => ({
        open: rows.reduce((a, r) => a + Number(r.deals), 0),
        value: rows.reduce((a, r) => a + Number(r.value ?? 0), 0),
        stages: rows.map((r) => ({ stageId: r.stageId, name: r.name, deals: Number(r.deals), value: Number(r.value ?? 0) })),
      }))
    : null;

  let team: Home['team'] = null;
  if (view !== 'agent') {
    const scope = await peopleScope(db, actor, 'kpis.read');
    const { members } = await membersAndTeams(db, ctx.id);
    const people = members.filter((m) => scope.all || scope.userIds.has(m.userId));
    const breaching = can(role, 'tickets.read') ? await listTickets(core, actor, { queue: 'breaching', status: 'open', limit: 5, offset: 0 }) : null;
    // NPS per month, the last six, of the manager's teams (everyone's for owners and admins).
    const months: string[] = [];
    for (let p = month, i = 0; i < 6; i++, p = previousPeriod(p)) months.unshift(p.key);
    const counts = await npsCounts(db, ctx.id, `${months[0]}-01`, scope.all ? null : [...scope.teamIds]);
    const npsTrend = months.map((m) => {
      const scores: number[] = [];
      for (const c of counts) if (c.day.startsWith(m)) for (let i = 0; i < Number(c.n); i++) scores.push(Number(c.value));
      const s = npsSummary(scores);
      return { month: m, nps: s.nps, n: s.n };
    });
    // Who needs help: behind pace on a target, SLA under 80% or CSAT under 4 (from three answers), tasks overdue.
    const report = await kpiReport(core, actor, { period: month.key, by: 'user', kpi: undefined });
    const taskRows = await openTasksOf(
      db,
      ctx.id,
      people.map((p) => p.userId),
      now.toISOString(),
      endOfToday,
    );
    const taskOf = new Map(taskRows.map((r) => [r.userId!, { open: Number(r.open), overdue: Number(r.overdue ?? 0), today: Number(r.today ?? 0) }]));
    const needsHelp = people
      .filter((p) => p.userId !== actor.userId)
      .map((p) => {
        const rows = report.rows.filter((r) => r.userId === p.userId);
        const reasons: ('behind_pace' | 'sla_low' | 'csat_low' | 'tasks_overdue')[] = [];
        if (rows.some((r) => r.target !== null && r.onPace === false)) reasons.push('behind_pace');
        const sla = rows.find((r) => r.kpi === 'sla_attainment');
        if (sla && sla.value !== null && sla.n >= 3 && sla.value < 0.8) reasons.push('sla_low');
        const csat = rows.find((r) => r.kpi === 'csat');
        if (csat && csat.value !== null && csat.n >= 3 && csat.value < 4) reasons.push('csat_low');
        if ((taskOf.get(p.userId)?.overdue ?? 0) > 0) reasons.push('tasks_overdue');
        return { userId: p.userId, name: p.name, reasons };
      })
      .filter((x) => x.reasons.length > 0);
    team = {
      breaches: breaching?.total ?? 0,
      breached: breaching?.data ?? [],
      npsTrend,
      needsHelp,
      tasks: people.map((p) => ({ userId: p.userId, name: p.name, ...(taskOf.get(p.userId) ?? { open: 0, overdue: 0, today: 0 }) })),
    };
  }

  let business: Home['business'] = null;
  if (view === 'owner' && can(role, 'analytics.read')) {
    const sofar = { from: range.from, to: new Date(Math.min(now.getTime(), Date.parse(range.to))).toISOString() };
    const prev = periodRange(previousPeriod(month), ctx.timezone);
    const lapse = await churn(db, ctx.id, sofar, {});
    const lapsed = total(lapse);
    const active = [...lapse.values()].reduce((a, o) => a + o.n, 0);
    const scores: number[] = [];
    for (const c of await npsCounts(db, ctx.id, `${month.key}-01`, null)) for (let i = 0; i < Number(c.n); i++) scores.push(Number(c.value));
    const nps = npsSummary(scores);
    const latest = (await listAll(core, actor, undefined, overallOf)).find((a) => a.status === 'closed') ?? null;
    business = {
      revenue: total(await orderRevenue(db, ctx.id, sofar, ctx.currency, 'owner', {})),
      revenuePrevious: total(await orderRevenue(db, ctx.id, prev, ctx.currency, 'owner', {})),
      newCustomers: total(await buyersOfPeriod(db, ctx.id, sofar, 'new', {})),
      returningCustomers: total(await buyersOfPeriod(db, ctx.id, sofar, 'repeat', {})),
      retention: active > 0 ? 1 - lapsed / active : null,
      nps: { value: nps.nps, n: nps.n },
      assessment: latest ? { id: latest.id, name: latest.name, framework: latest.framework, overall: latest.overall, closedAt: latest.closedAt ?? null } : null,
    };
  }
  return { view, period: month.key, currency: ctx.currency, queue, tasks, pipeline, team, business };
}
