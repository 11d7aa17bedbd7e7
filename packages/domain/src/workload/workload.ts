/**
 * Workload (issue 20, "People and measurement"): what each member carries against what they can carry, when
 * they are on duty, and when the tickets come in against who is there to take them.
 *
 * Pure rules, no clock and no database: the server counts, these judge.
 * - A load is a count of open work (tickets, deals, tasks) against a capacity; above 90% of it is a warning,
 *   above it an overload. No capacity, no judgement.
 * - A shift is a weekday and a span of local wall-clock time (`HH:MM` to `HH:MM`, `24:00` for the midnight at
 *   its end); a night shift is two, one each side of midnight. A member without shifts of their own works the
 *   workspace's care hours (its working calendar's week).
 * - The peak-time grid is 7 weekdays × 24 local hours: the tickets created in each slot, averaged per week,
 *   against the agent-hours on duty in it (a member on duty for half the hour counts a half), and the ratio of
 *   the two. A slot with tickets and nobody on duty is uncovered; one whose ratio reaches the threshold is high.
 */
import { timeZoneOf } from '../time/zone.ts';

export const WORKLOAD_KINDS = ['tickets', 'deals', 'tasks'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export const WORKLOAD_LEVELS = ['ok', 'warning', 'over'] as const;
export type WorkloadLevel = (typeof WORKLOAD_LEVELS)[number];

export const PEAK_FLAGS = ['high', 'uncovered'] as const;
export type PeakFlag = (typeof PEAK_FLAGS)[number];

/** Above this share of a capacity, a load is a warning. */
export const WARNING_SHARE = 0.9;
/** Tickets per on-duty agent per hour that mark a peak, unless the workspace says otherwise. */
export const DEFAULT_PEAK_THRESHOLD = 3;
export const DEFAULT_PEAK_WEEKS = 8;
export const MAX_PEAK_WEEKS = 52;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------------
// Loads

export type LoadJudgement = { ratio: number | null; level: WorkloadLevel };

/** One load: `open` against `capacity` (null: none set, never judged). */
export function judgeLoad(open: number, capacity: number | null): LoadJudgement {
  if (!(Number.isInteger(open) && open >= 0)) throw new RangeError(`open: a whole number, 0 or more, not ${open}`);
  if (capacity === null) return { ratio: null, level: 'ok' };
  if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity: a whole number, 1 or more, not ${capacity}`);
  const ratio = open / capacity;
  return { ratio, level: open > capacity ? 'over' : ratio > WARNING_SHARE ? 'warning' : 'ok' };
}

export type Capacities = Record<WorkloadKind, number | null>;
export type Counts = Record<WorkloadKind, number>;
export type LoadReason = { kind: WorkloadKind; open: number; capacity: number; level: Exclude<WorkloadLevel, 'ok'> };

const LEVEL_RANK: Record<WorkloadLevel, number> = { ok: 0, warning: 1, over: 2 };

/**
 * A member's loads together: the highest share of any capacity (null when none is set), the worst level, and
 * why — each load that is a warning or over, worst first.
 */
export function judgeMember(counts: Counts, capacities: Capacities): { utilisation: number | null; level: WorkloadLevel; reasons: LoadReason[] } {
  let utilisation: number | null = null;
  let level: WorkloadLevel = 'ok';
  const reasons: LoadReason[] = [];
  for (const kind of WORKLOAD_KINDS) {
    const cap = capacities[kind];
    const j = judgeLoad(counts[kind], cap);
    if (j.ratio !== null) utilisation = Math.max(utilisation ?? 0, j.ratio);
    if (LEVEL_RANK[j.level] > LEVEL_RANK[level]) level = j.level;
    if (j.level !== 'ok' && cap !== null) reasons.push({ kind, open: counts[kind], capacity: cap, level: j.level });
  }
  reasons.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.open / b.capacity - a.open / a.capacity);
  return { utilisation, level, reasons };
}

/** A member's capacity: their own where set, else the workspace's default. */
export function effectiveCapacities(own: Partial<Capacities> | undefined, defaults: Capacities): Capacities {
  return {
    tickets: own?.tickets ?? defaults.tickets,
    deals: own?.deals ?? defaults.deals,
    tasks: own?.tasks ?? defaults.tasks,
  };
}

/** May automatic assignment give this member one more ticket? Not at or over their capacity. */
export function hasRoomForTicket(open: number, capacity: number | null): boolean {
  return capacity === null || open < capacity;
}

// ---------------------------------------------------------------------------------------------------
// Shifts

export type Shift = { weekday: number; from: string; to: string };

function minutesOf(time: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || !(minutes <= 1440)) throw new RangeError(`${what}: a time is HH:MM, 00:00 to 24:00, not ${JSON.stringify(time)}`);
  return minutes;
}

/** A shift as minutes since its weekday's midnight, checked. */
export function shiftSpan(s: Shift, what = 'shift'): [number, number] {
  if (!(Number.isInteger(s.weekday) && s.weekday >= 0 && s.weekday <= 6)) throw new RangeError(`${what}: a weekday is 0 (Sunday) to 6, not ${s.weekday}`);
  const from = minutesOf(s.from, what);
  const to = minutesOf(s.to, what);
  if (from >= to) throw new RangeError(`${what}: ${s.from}–${s.to} ends before it starts`);
  return [from, to];
}

/** The shifts of a working week (per weekday, Sunday first, its intervals): the care hours as shifts. */
export function shiftsFromWeek(week: readonly (readonly { from: string; to: string }[] | undefined)[]): Shift[] {
  return week.flatMap((day, weekday) => (day ?? []).map((iv) => ({ weekday, from: iv.from, to: iv.to })));
}

/** Is a member with these shifts on duty at `minute` (0–1439) of `weekday`? */
export function onDutyAt(shifts: readonly Shift[], weekday: number, minute: number): boolean {
  return shifts.some((s) => {
    if (s.weekday !== weekday) return false;
    const [from, to] = shiftSpan(s);
    return minute >= from && minute < to;
  });
}

/** The share of the hour `hour` (0–23) of `weekday` a member with these shifts is on duty, 0 to 1 (overlaps once). */
export function dutyShare(shifts: readonly Shift[], weekday: number, hour: number): number {
  const start = hour * 60;
  const end = start + 60;
  const spans = shifts
    .filter((s) => s.weekday === weekday)
    .map((s) => shiftSpan(s))
    .map(([f, t]) => [Math.max(f, start), Math.min(t, end)] as const)
    .filter(([f, t]) => t > f)
    .sort((a, b) => a[0] - b[0]);
  let minutes = 0;
  let covered = start;
  for (const [f, t] of spans) {
    const from = Math.max(f, covered);
    if (t > from) {
      minutes += t - from;
      covered = t;
    }
  }
  return minutes / 60;
}

/** Where an instant falls on a workspace's week: local weekday (0 Sunday), hour and minute of the day. */
export function localSlot(at: Date | string | number, timeZone: string): { weekday: number; hour: number; minute: number } {
  const t = typeof at === 'number' ? at : new Date(at).getTime();
  if (!Number.isFinite(t)) throw new RangeError(`not an instant: ${JSON.stringify(at)}`);
  const wall = t + timeZoneOf(timeZone).offsetAt(t);
  const day = Math.floor(wall / DAY_MS);
  const inDay = wall - day * DAY_MS;
  // 1970-01-01 was a Thursday.
  return { weekday: (((day + 4) % 7) + 7) % 7, hour: Math.floor(inDay / HOUR_MS), minute: Math.floor((inDay % HOUR_MS) / 60_000) };
}

/** Is a member with these shifts on duty at instant `at` in the workspace's zone? */
export function onDutyAtInstant(shifts: readonly Shift[], at: Date | string | number, timeZone: string): boolean {
  const s = localSlot(at, timeZone);
  return onDutyAt(shifts, s.weekday, s.hour * 60 + s.minute);
}

// ---------------------------------------------------------------------------------------------------
// Peak times

/**
 * The last `weeks` weeks up to `now`: from the same local wall-clock time `weeks` × 7 days before (so a clock
 * change in between does not shift the window by an hour), to `now`. Every slot of the week is in it `weeks`
 * times.
 */
export function peakWindow(now: Date, timeZone: string, weeks: number): { from: string; to: string } {
  if (!(Number.isInteger(weeks) && weeks >= 1 && weeks <= MAX_PEAK_WEEKS)) throw new RangeError(`weeks: 1 to ${MAX_PEAK_WEEKS}, not ${weeks}`);
  const zone = timeZoneOf(timeZone);
  const t = now.getTime();
  const wall = t + zone.offsetAt(t);
  return { from: new Date(zone.wallToUtc(wall - weeks * 7 * DAY_MS)).toISOString(), to: now.toISOString() };
}

export type PeakSlot = {
  weekday: number;
  hour: number;
  /** Tickets created in the slot, per week on average. */
  tickets: number;
  /** Agent-hours on duty in the slot in a week (two agents for the whole hour: 2). */
  onDuty: number;
  /** Tickets per on-duty agent-hour; null when nobody is on duty. */
  ratio: number | null;
  flag: PeakFlag | null;
};

/**
 * The week's 168 slots (Sunday 00:00 first): `created` are tickets' creation instants, or counts of them at
 * instants (the server groups them by quarter hour: every zone's offset is a whole number of quarter hours, so
 * a quarter never straddles two local hours); `staff` the shifts of each member counted.
 */
export function peakGrid(
  created: readonly { at: string | number; n: number }[],
  staff: readonly (readonly Shift[])[],
  o: { timeZone: string; weeks: number; threshold: number },
): PeakSlot[] {
  if (!(o.threshold > 0)) throw new RangeError(`threshold: more than 0, not ${o.threshold}`);
  const counts = new Array<number>(168).fill(0);
  const zone = timeZoneOf(o.timeZone);
  for (const c of created) {
    const t = typeof c.at === 'number' ? c.at : Date.parse(c.at);
    if (!Number.isFinite(t)) throw new RangeError(`not an instant: ${JSON.stringify(c.at)}`);
    const wall = t + zone.offsetAt(t);
    const day = Math.floor(wall / DAY_MS);
    const weekday = (((day + 4) % 7) + 7) % 7;
    const hour = Math.floor((wall - day * DAY_MS) / HOUR_MS);
    counts[weekday * 24 + hour]! += c.n;
  }
  const slots: PeakSlot[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const tickets = counts[weekday * 24 + hour]! / o.weeks;
      let onDuty = 0;
      for (const shifts of staff) onDuty += dutyShare(shifts, weekday, hour);
      const ratio = onDuty > 0 ? tickets / onDuty : null;
      const flag: PeakFlag | null = tickets > 0 && onDuty === 0 ? 'uncovered' : ratio !== null && ratio >= o.threshold ? 'high' : null;
      slots.push({ weekday, hour, tickets: round2(tickets), onDuty: round2(onDuty), ratio: ratio === null ? null : round2(ratio), flag });
    }
  }
  return slots;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
