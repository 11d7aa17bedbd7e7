/**
 * A ticket's rules, apart from storage: which status may follow which, which SLA policy applies, when its
 * targets fall due and how its clocks stand, and who is next to be assigned one.
 *
 * The tickets service stores what these return (due times as instants, so the inbox sorts on an index) and
 * asks them again when a ticket changes; nothing here reads a clock or a database, so every rule is tested
 * with the times written out.
 */
import { type WorkingCalendar, addBusinessMinutes, businessMinutesBetween } from '../time/business-hours.ts';

// ---------------------------------------------------------------------------------------------------
// Statuses

export const TICKET_STATUSES = ['new', 'open', 'waiting_on_customer', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof TICKET_PRIORITIES)[number];

/** What opened a ticket by itself (a ticket's `source`; one a person opened has none). */
export const TICKET_SOURCES = ['survey_response'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** How the customer reached us. */
export const TICKET_CHANNELS = ['email', 'phone', 'chat', 'zalo', 'web', 'in_person', 'survey', 'other'] as const;

export function isTicketStatus(value: unknown): value is TicketStatus {
  return (TICKET_STATUSES as readonly unknown[]).includes(value);
}

export function isPriority(value: unknown): value is Priority {
  return (TICKET_PRIORITIES as readonly unknown[]).includes(value);
}

/**
 * The statuses each may move to. A resolved ticket is closed or reopened, never worked on as it stands, so
 * that a resolution is a point the clocks and the survey can count on; a closed one can only be reopened; a
 * customer's reply moves a ticket waiting on them back to open. Nothing returns to `new`.
 */
const MOVES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'waiting_on_customer', 'resolved', 'closed'],
  open: ['waiting_on_customer', 'resolved', 'closed'],
  waiting_on_customer: ['open', 'resolved', 'closed'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['open', 'waiting_on_customer', 'resolved', 'closed'],
};

/**
 * Why a ticket may not move from `from` to `to`, or null when it may: the reason is meant for the API's
 * 409 (or 400 for a status that does not exist), since callers pass what a client sent.
 */
export function checkMove(from: TicketStatus, to: TicketStatus): string | null {
  if (!isTicketStatus(from)) return `not a ticket status: ${JSON.stringify(from)}`;
  if (!isTicketStatus(to)) return `not a ticket status: ${JSON.stringify(to)}`;
  if (from === to) return `the ticket is already ${from}`;
  const allowed = MOVES[from];
  if (!allowed.includes(to)) return `from ${from} a ticket can move to ${allowed.join(', ')}, not to ${to}`;
  return null;
}

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return checkMove(from, to) === null;
}

// ---------------------------------------------------------------------------------------------------
// SLA policies

/** A row of the workspace's SLA table: null priority or category matches any; null minutes sets no target. */
export type SlaPolicy = {
  priority: Priority | null;
  category: string | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
};

/**
 * The policy for a ticket: the most specific row that matches, a row naming both the priority and the
 * category before one naming the priority only, then the category only, then neither (priority ranks
 * above category because it is what the customer was promised by tier). Among equally specific rows the
 * first listed wins, so the settings page's order decides; null when no row matches.
 */
export function pickPolicy<P extends SlaPolicy>(policies: readonly P[], priority: Priority, category: string | null): P | null {
  let best: P | null = null;
  let bestScore = -1;
  for (const p of policies) {
    if (p.priority !== null && p.priority !== priority) continue;
    if (p.category !== null && p.category !== category) continue;
    const score = (p.priority !== null ? 2 : 0) + (p.category !== null ? 1 : 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------
// SLA clocks

export type SlaDue = { firstResponseDueAt: string | null; resolutionDueAt: string | null };

function targetMinutes(minutes: number | null, what: string): number | null {
  if (minutes === null) return null;
  if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError(`${what}: a target is a positive number of minutes or null, not ${minutes}`);
  return minutes;
}

/**
 * When a ticket created at `createdAt` must be first answered and resolved under `policy`, as ISO instants
 * in UTC, counted in the calendar's working time; null for a target the policy does not set, or both
 * without a policy (the public contract's `sla` fields are null then).
 */
export function slaDue(calendar: WorkingCalendar, policy: SlaPolicy | null, createdAt: Date | string): SlaDue {
  const first = targetMinutes(policy?.firstResponseMinutes ?? null, 'first response');
  const resolution = targetMinutes(policy?.resolutionMinutes ?? null, 'resolution');
  return {
    firstResponseDueAt: first === null ? null : addBusinessMinutes(calendar, createdAt, first),
    resolutionDueAt: resolution === null ? null : addBusinessMinutes(calendar, createdAt, resolution),
  };
}

/** A span the ticket waited on the customer; `to` is null while it still does. */
export type SlaPause = { from: string; to: string | null };

export type SlaTicket = {
  createdAt: string;
  /** As `slaDue` gave them when the ticket was created or last re-prioritised: before any pause. */
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  /** The latest resolution; null while unresolved, and again once reopened. */
  resolvedAt: string | null;
  pauses: readonly SlaPause[];
};

export type SlaTargetState = {
  /** The due time, the resolution's pushed back by the working time spent waiting on the customer. */
  dueAt: string;
  /**
   * Working minutes from now (or from when the target was met or missed) to `dueAt`; negative once past.
   * A target missed at a closing time shows 0 until the next opening, since no working time has passed.
   */
  remainingMinutes: number;
  /** Past due: while running, `now` is after `dueAt`; once stopped, it stopped after `dueAt`. */
  breached: boolean;
  /** Null while the clock runs; then whether the response or resolution came by `dueAt`. */
  met: boolean | null;
  /**
   * Running, not yet breached, and at most the warning fraction of the target left: the cue for the
   * warning job. A breach is the escalation's cue instead, so the two never fire for the same moment.
   */
  warn: boolean;
};

export type SlaState = { firstResponse: SlaTargetState | null; resolution: SlaTargetState | null };

function ms(at: string, what: string): number {
  // The business-hours functions refuse a time without an offset; check here too, for a message that names the field.
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(at) ? Date.parse(at) : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${what}: not an instant (an ISO date-time with Z or an offset): ${JSON.stringify(at)}`);
  return t;
}

/** Working minutes spent waiting on the customer before `end`; overlapping pauses count once. */
function pausedMinutes(calendar: WorkingCalendar, pauses: readonly SlaPause[], end: number): number {
  const spans = pauses.map((p, i) => {
    const from = ms(p.from, `pause ${i}, from`);
    const to = p.to === null ? end : ms(p.to, `pause ${i}, to`);
    if (to < from) throw new RangeError(`pause ${i}: ends (${p.to}) before it starts (${p.from})`);
    return [from, Math.min(to, end)] as [number, number];
  });
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let covered = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    const start = Math.max(from, covered);
    if (to > start) {
      total += businessMinutesBetween(calendar, new Date(start), new Date(to));
      covered = to;
    }
  }
  return total;
}

function targetState(calendar: WorkingCalendar, dueAt: number, target: number, stoppedAt: number | null, now: number, warnFraction: number): SlaTargetState {
  const at = stoppedAt ?? now;
  // `+ 0` turns the -0 that a past due time with no working time since gives into 0.
  const remainingMinutes = businessMinutesBetween(calendar, new Date(at), new Date(dueAt)) + 0;
  const breached = at > dueAt;
  const running = stoppedAt === null;
  return {
    dueAt: new Date(dueAt).toISOString(),
    remainingMinutes,
    breached,
    met: running ? null : !breached,
    warn: running && !breached && remainingMinutes <= warnFraction * target,
  };
}

/**
 * How a ticket's SLA clocks stand at `now`. The first response runs from creation to the first reply; the
 * resolution from creation to `resolvedAt`, less the working time spent waiting on the customer (a pause
 * still open counts up to `now`, so a waiting ticket's remaining time stands still), which pushes its due
 * time back by exactly that much. The target a warning is measured against is the working time from
 * creation to the stored due time, the policy's minutes, pauses aside.
 */
export function slaState(calendar: WorkingCalendar, ticket: SlaTicket, now: Date | string, options: { warnFraction?: number } = {}): SlaState {
  const warnFraction = options.warnFraction ?? 0.2;
  if (!(warnFraction >= 0 && warnFraction <= 1)) throw new RangeError(`warnFraction: a fraction of the target, 0 to 1, not ${warnFraction}`);
  const nowMs = now instanceof Date ? now.getTime() : ms(now, 'now');
  if (!Number.isFinite(nowMs)) throw new RangeError('now: an invalid Date');
  ms(ticket.createdAt, 'createdAt'); // checked here so that a bad one is named as the ticket's field
  const responded = ticket.firstRespondedAt === null ? null : ms(ticket.firstRespondedAt, 'firstRespondedAt');
  const resolved = ticket.resolvedAt === null ? null : ms(ticket.resolvedAt, 'resolvedAt');

  let firstResponse: SlaTargetState | null = null;
  if (ticket.firstResponseDueAt !== null) {
    const due = ms(ticket.firstResponseDueAt, 'firstResponseDueAt');
    const target = businessMinutesBetween(calendar, ticket.createdAt, ticket.firstResponseDueAt);
    firstResponse = targetState(calendar, due, target, responded, nowMs, warnFraction);
  }

  let resolution: SlaTargetState | null = null;
  if (ticket.resolutionDueAt !== null) {
    const stored = ms(ticket.resolutionDueAt, 'resolutionDueAt');
    const target = businessMinutesBetween(calendar, ticket.createdAt, ticket.resolutionDueAt);
    const paused = pausedMinutes(calendar, ticket.pauses, resolved ?? nowMs);
    // Only a positive extension walks forward: adding 0 to a due time at closing would move it to the next opening.
    const due = paused > 0 ? ms(addBusinessMinutes(calendar, ticket.resolutionDueAt, paused), 'resolution due time') : stored;
    resolution = targetState(calendar, due, target, resolved, nowMs, warnFraction);
  }

  return { firstResponse, resolution };
}

// ---------------------------------------------------------------------------------------------------
// Assignment

function checkAgents(agents: readonly string[]): void {
  const seen = new Set<string>();
  for (const a of agents) {
    if (seen.has(a)) throw new RangeError(`agent ${JSON.stringify(a)} is listed twice: the rotation would favour them`);
    seen.add(a);
  }
}

/** The agents in turn after `lastAssigned`, wrapping; from the first when it is null or no longer listed. */
function rotation(agents: readonly string[], lastAssigned: string | null): string[] {
  const start = lastAssigned === null ? 0 : agents.indexOf(lastAssigned) + 1;
  return [...agents.slice(start), ...agents.slice(0, start)];
}

/**
 * The next agent after the one last assigned, wrapping round; null with no agents. With `eligible`, the next one
 * it accepts (one at capacity or off duty is passed over, keeping their place in the turn); null when it accepts
 * none.
 */
export function roundRobin(agents: readonly string[], lastAssigned: string | null, eligible?: (agent: string) => boolean): string | null {
  checkAgents(agents);
  const order = rotation(agents, lastAssigned);
  return (eligible ? order.find(eligible) : order[0]) ?? null;
}

/**
 * The agent with the fewest open tickets (one missing from `openCounts` has none), ties going to whoever
 * comes first in the round-robin order after `lastAssigned`, so equal loads still take turns; null with
 * no agents. With `eligible`, only among the agents it accepts (null when it accepts none).
 */
export function leastOpen(
  agents: readonly string[],
  openCounts: ReadonlyMap<string, number>,
  lastAssigned: string | null,
  eligible?: (agent: string) => boolean,
): string | null {
  checkAgents(agents);
  let best: string | null = null;
  let fewest = Number.POSITIVE_INFINITY;
  for (const agent of rotation(agents, lastAssigned)) {
    const open = openCounts.get(agent) ?? 0;
    if (!(Number.isInteger(open) && open >= 0)) throw new RangeError(`open tickets of ${JSON.stringify(agent)}: a whole number, 0 or more, not ${open}`);
    if (eligible && !eligible(agent)) continue;
    if (open < fewest) {
      best = agent;
      fewest = open;
    }
  }
  return best;
}
