import { openTicketCounts } from '../tickets/ticket-capacity.repository.ts';
import { invalid, notFound, roleCannot } from '@kith/domain/errors.ts';
import { grantOf, type Role } from '@kith/domain/permissions/permissions.ts';
import type { CapacityPut, Peak, PersonWorkload, TeamWorkload, Workload, WorkloadSettings } from '@kith/domain/workload/workload.api.ts';
import {
  DEFAULT_PEAK_THRESHOLD,
  effectiveCapacities,
  judgeLoad,
  judgeMember,
  onDutyAtInstant,
  peakGrid,
  peakWindow,
  type Capacities,
  type Shift,
  shiftSpan,
  shiftsFromWeek,
} from '@kith/domain/workload/workload.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { peopleScope, seesPerson, seesTeam, type PeopleScope } from '../../platform/records/people-scope.repository.ts';
import { loadCare } from '../tickets/care-settings.service.ts';
import {
  type CapacityRow,
  ensureSettings,
  findCapacities,
  findSettings,
  isMember,
  membersInScope,
  type MemberRow,
  openDealsBy,
  openTasksBy,
  teamExists,
  teamMemberships,
  teamQueues,
  teamsInScope,
  ticketsByQuarter,
  writeCapacity,
  writeSettings,
} from './workload.repository.ts';

/**
 * Workload (issue 20): each person's open tickets, deals and tasks against their capacity, the teams' totals,
 * the peak-time grid, and the capacities and shifts themselves. Whose figures an actor sees is their people
 * scope (records/people-scope.repository.ts): a member themselves, a manager their teams, owners and admins
 * everyone; anyone else is a 404, exactly as if they did not exist.
 */

export type SettingsView = WorkloadSettings & { updatedAt: string | null };

const DEFAULT_SETTINGS: SettingsView = {
  maxTickets: null,
  maxDeals: null,
  maxTasks: null,
  assignOnDutyOnly: false,
  peakThreshold: DEFAULT_PEAK_THRESHOLD,
  updatedAt: null,
};

async function settingsOf(db: Db, workspaceId: string): Promise<SettingsView> {
  const r = await findSettings(db, workspaceId);
  if (!r) return { ...DEFAULT_SETTINGS };
  return {
    maxTickets: r.max_tickets,
    maxDeals: r.max_deals,
    maxTasks: r.max_tasks,
    assignOnDutyOnly: Boolean(r.assign_on_duty_only),
    peakThreshold: Number(r.peak_threshold),
    updatedAt: r.updated_at,
  };
}

const defaultsOf = (s: SettingsView): Capacities => ({ tickets: s.maxTickets, deals: s.maxDeals, tasks: s.maxTasks });

/** Everything a computation of people's loads needs once: settings, care hours, capacities, team memberships. */
type Context = {
  settings: SettingsView;
  timeZone: string;
  careShifts: Shift[];
  capacities: Map<string, CapacityRow>;
  teamsOf: Map<string, string[]>;
  now: Date;
};

async function context(db: Db, workspaceId: string, now: Date, userIds: readonly string[]): Promise<Context> {
  const care = await loadCare(db, workspaceId, now);
  const settings = await settingsOf(db, workspaceId);
  const capacities = new Map((await findCapacities(db, workspaceId, userIds)).map((r) => [r.user_id, r]));
  const teamsOf = new Map<string, string[]>();
  for (const m of await teamMemberships(db, workspaceId)) teamsOf.set(m.userId, [...(teamsOf.get(m.userId) ?? []), m.teamId]);
  return { settings, timeZone: care.settings.calendar.timeZone, careShifts: shiftsFromWeek(care.settings.calendar.week), capacities, teamsOf, now };
}

const shiftsOf = (ctx: Context, userId: string): { shifts: Shift[]; own: boolean } => {
  const own = readJson<Shift[] | null>(ctx.capacities.get(userId)?.shifts, null);
  return own ? { shifts: own, own: true } : { shifts: ctx.careShifts, own: false };
};

async function loads(db: Db, ctx: Context, workspaceId: string, members: readonly MemberRow[]): Promise<PersonWorkload[]> {
  const ids = members.map((m) => m.userId);
  const now = ctx.now.toISOString();
  const [tickets, deals, tasks] = await Promise.all([
    openTicketCounts(db, workspaceId, ids),
    openDealsBy(db, workspaceId, ids),
    openTasksBy(db, workspaceId, ids, now),
  ]);
  return members.map((m) => {
    const row = ctx.capacities.get(m.userId);
    const caps = effectiveCapacities(
      { tickets: row?.max_tickets ?? null, deals: row?.max_deals ?? null, tasks: row?.max_tasks ?? null },
      defaultsOf(ctx.settings),
    );
    const counts = { tickets: tickets.get(m.userId) ?? 0, deals: deals.get(m.userId) ?? 0, tasks: tasks.get(m.userId)?.open ?? 0 };
    const judged = judgeMember(counts, caps);
    const load = (open: number, capacity: number | null) => ({ open, capacity, ...judgeLoad(open, capacity) });
    const { shifts, own } = shiftsOf(ctx, m.userId);
    return {
      userId: m.userId,
      name: m.name,
      role: m.role as Role,
      teamIds: ctx.teamsOf.get(m.userId) ?? [],
      tickets: load(counts.tickets, caps.tickets),
      deals: load(counts.deals, caps.deals),
      tasks: { ...load(counts.tasks, caps.tasks), overdue: tasks.get(m.userId)?.overdue ?? 0 },
      utilisation: judged.utilisation,
      level: judged.level,
      reasons: judged.reasons,
      own: { maxTickets: row?.max_tickets ?? null, maxDeals: row?.max_deals ?? null, maxTasks: row?.max_tasks ?? null },
      shifts,
      ownShifts: own,
      onDutyNow: onDutyAtInstant(shifts, ctx.now, ctx.timeZone),
    };
  });
}

const sumCap = (xs: (number | null)[]): number | null => (xs.some((x) => x !== null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null);

/** A team given to the scope, or a 404 (a team of another workspace or outside a manager's teams is not there). */
async function checkTeam(db: Db, scope: PeopleScope, teamId: string | undefined): Promise<void> {
  if (teamId === undefined) return;
  if (!seesTeam(scope, teamId) || !(await teamExists(db, scope.workspaceId, teamId))) throw notFound('Team');
}

export async function getWorkload(core: Core, actor: Actor, q: { teamId?: string | undefined }): Promise<Workload> {
  const scope = await peopleScope(core.db, actor, 'workload.read');
  await checkTeam(core.db, scope, q.teamId);
  const db = core.db;
  const now = core.now();
  const members = await membersInScope(db, scope);
  const ctx = await context(
    db,
    actor.workspaceId,
    now,
    members.map((m) => m.userId),
  );
  const shown = q.teamId ? members.filter((m) => (ctx.teamsOf.get(m.userId) ?? []).includes(q.teamId!)) : members;
  const people = await loads(db, ctx, actor.workspaceId, members);
  const byId = new Map(people.map((p) => [p.userId, p]));
  const teams = (await teamsInScope(db, scope)).filter((t) => !q.teamId || t.id === q.teamId);
  const queues = await teamQueues(
    db,
    actor.workspaceId,
    teams.map((t) => t.id),
  );
  const teamRows: TeamWorkload[] = teams.map((t) => {
    const ps = people.filter((p) => p.teamIds.includes(t.id));
    return {
      teamId: t.id,
      name: t.name,
      members: ps.length,
      tickets: { open: sum(ps.map((p) => p.tickets.open)), capacity: sumCap(ps.map((p) => p.tickets.capacity)) },
      deals: { open: sum(ps.map((p) => p.deals.open)), capacity: sumCap(ps.map((p) => p.deals.capacity)) },
      tasks: { open: sum(ps.map((p) => p.tasks.open)), overdue: sum(ps.map((p) => p.tasks.overdue)), capacity: sumCap(ps.map((p) => p.tasks.capacity)) },
      queue: queues.get(t.id) ?? 0,
      overloaded: ps.filter((p) => p.level === 'over').length,
      warnings: ps.filter((p) => p.level === 'warning').length,
      onDutyNow: ps.filter((p) => p.onDutyNow).length,
    };
  });
  const list = shown.map((m) => byId.get(m.userId)!);
  return {
    asOf: now.toISOString(),
    timeZone: ctx.timeZone,
    settings: ctx.settings,
    people: list,
    teams: teamRows,
    totals: {
      people: list.length,
      overloaded: list.filter((p) => p.level === 'over').length,
      warnings: list.filter((p) => p.level === 'warning').length,
      tickets: sum(list.map((p) => p.tickets.open)),
      deals: sum(list.map((p) => p.deals.open)),
      tasks: sum(list.map((p) => p.tasks.open)),
      overdueTasks: sum(list.map((p) => p.tasks.overdue)),
    },
  };
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** One member of the workspace in the scope (viewers too: their load is simply none), or a 404. */
async function personIn(core: Core, scope: PeopleScope, userId: string): Promise<PersonWorkload> {
  if (!seesPerson(scope, userId) || !(await isMember(core.db, scope.workspaceId, userId))) throw notFound('Member');
  const [m] = await membersInScope(core.db, scope, { withViewers: true, userIds: [userId] });
  if (!m) throw notFound('Member');
  const ctx = await context(core.db, scope.workspaceId, core.now(), [userId]);
  return (await loads(core.db, ctx, scope.workspaceId, [m]))[0]!;
}

export async function getPersonWorkload(core: Core, actor: Actor, userId: string): Promise<PersonWorkload> {
  return personIn(core, await peopleScope(core.db, actor, 'workload.read'), userId);
}

/** Shifts as stored: sorted, each checked (the schema checked the form; this the wall-clock sense). */
function normaliseShifts(shifts: Shift[] | null): Shift[] | null {
  if (shifts === null) return null;
  shifts.forEach((s, i) => {
    try {
      shiftSpan(s, `shift ${i}`);
    } catch (e) {
      throw invalid([{ path: ['shifts', i], message: (e as Error).message, code: 'invalid' }]);
    }
  });
  return [...shifts].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from));
}

/** Set a member's capacities and shifts (a manager: their teams' members and themselves). Audited. */
export async function setCapacity(core: Core, actor: Actor, userId: string, input: CapacityPut): Promise<PersonWorkload> {
  const scope = await peopleScope(core.db, actor, 'workload.configure');
  if (!seesPerson(scope, userId) || !(await isMember(core.db, actor.workspaceId, userId))) throw notFound('Member');
  const shifts = normaliseShifts(input.shifts);
  // The care settings first (made with their defaults on first use): assignment takes its locks in that order.
  await loadCare(core.db, actor.workspaceId, core.now());
  await core.db.transaction().execute(async (trx) => {
    const now = core.now().toISOString();
    const [before] = await findCapacities(trx, actor.workspaceId, [userId]);
    const was = before
      ? { maxTickets: before.max_tickets, maxDeals: before.max_deals, maxTasks: before.max_tasks, shifts: readJson<Shift[] | null>(before.shifts, null) }
      : { maxTickets: null, maxDeals: null, maxTasks: null, shifts: null };
    const next = { maxTickets: input.maxTickets, maxDeals: input.maxDeals, maxTasks: input.maxTasks, shifts };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(next[k]));
    if (changed.length === 0) return;
    await ensureSettings(trx, actor.workspaceId, { peak_threshold: DEFAULT_PEAK_THRESHOLD }, now);
    await writeCapacity(trx, {
      workspace_id: actor.workspaceId,
      user_id: userId,
      max_tickets: next.maxTickets,
      max_deals: next.maxDeals,
      max_tasks: next.maxTasks,
      shifts: shifts === null ? null : JSON.stringify(shifts),
      updated_by: actor.userId,
      updated_at: now,
    });
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'member_capacity',
        entityId: userId,
        before: Object.fromEntries(changed.map((k) => [k, was[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
      },
      core.now(),
    );
  });
  return personIn(core, scope, userId);
}

export async function getWorkloadSettings(core: Core, actor: Actor): Promise<SettingsView> {
  await peopleScope(core.db, actor, 'workload.read');
  return settingsOf(core.db, actor.workspaceId);
}

/** The workspace's defaults and options: owners and admins only (a manager's grant covers their teams' people). Audited. */
export async function updateWorkloadSettings(core: Core, actor: Actor, input: WorkloadSettings): Promise<SettingsView> {
  if (grantOf(actor.role, 'workload.configure') !== true) throw roleCannot(actor.role, 'workload.configure');
  await loadCare(core.db, actor.workspaceId, core.now());
  return core.db.transaction().execute(async (trx) => {
    const before = await settingsOf(trx, actor.workspaceId);
    const now = core.now().toISOString();
    const keys = ['maxTickets', 'maxDeals', 'maxTasks', 'assignOnDutyOnly', 'peakThreshold'] as const;
    const changed = keys.filter((k) => before[k] !== input[k]);
    if (changed.length === 0 && before.updatedAt !== null) return before;
    await writeSettings(
      trx,
      actor.workspaceId,
      {
        max_tickets: input.maxTickets,
        max_deals: input.maxDeals,
        max_tasks: input.maxTasks,
        assign_on_duty_only: input.assignOnDutyOnly ? 1 : 0,
        peak_threshold: input.peakThreshold,
      },
      now,
    );
    if (changed.length)
      await recordAudit(
        trx,
        {
          ...by(actor),
          action: 'update',
          entityType: 'workload_settings',
          entityId: actor.workspaceId,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, input[k]])),
        },
        core.now(),
      );
    return settingsOf(trx, actor.workspaceId);
  });
}

/**
 * The peak-time grid: tickets by local hour and weekday over the last `weeks`, per week, against the agent-hours
 * on duty. Whose: a team's (in the scope); without one, the workspace's for owners and admins, a manager's teams',
 * or, for a member without teams in scope, the tickets assigned to them against their own shifts.
 */
export async function getPeak(core: Core, actor: Actor, q: { weeks: number; teamId?: string | undefined }): Promise<Peak> {
  const scope = await peopleScope(core.db, actor, 'workload.read');
  await checkTeam(core.db, scope, q.teamId);
  const db = core.db;
  const now = core.now();
  const members = await membersInScope(db, scope);
  const ctx = await context(
    db,
    actor.workspaceId,
    now,
    members.map((m) => m.userId),
  );
  let staff: MemberRow[];
  let only: { teamIds?: string[]; assigneeIds?: string[] };
  if (q.teamId) {
    staff = members.filter((m) => (ctx.teamsOf.get(m.userId) ?? []).includes(q.teamId!));
    only = { teamIds: [q.teamId] };
  } else if (scope.all) {
    staff = members;
    only = {};
  } else if (scope.teamIds.size > 0) {
    staff = members.filter((m) => (ctx.teamsOf.get(m.userId) ?? []).some((t) => scope.teamIds.has(t)));
    only = { teamIds: [...scope.teamIds] };
  } else {
    staff = members.filter((m) => m.userId === actor.userId);
    only = { assigneeIds: [actor.userId] };
  }
  const window = peakWindow(now, ctx.timeZone, q.weeks);
  const created = await ticketsByQuarter(db, core.dialect, actor.workspaceId, window.from, window.to, only);
  const slots = peakGrid(
    created,
    staff.map((m) => shiftsOf(ctx, m.userId).shifts),
    { timeZone: ctx.timeZone, weeks: q.weeks, threshold: ctx.settings.peakThreshold },
  );
  return {
    timeZone: ctx.timeZone,
    weeks: q.weeks,
    from: window.from,
    to: window.to,
    teamId: q.teamId ?? null,
    threshold: ctx.settings.peakThreshold,
    staff: staff.length,
    tickets: sum(created.map((c) => c.n)),
    slots,
  };
}

export type { PeopleScope };
