import { z } from 'zod';
import { Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { uuid } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';
import { ROLES } from '../permissions/permissions.ts';
import { DEFAULT_PEAK_WEEKS, MAX_PEAK_WEEKS, PEAK_FLAGS, WORKLOAD_KINDS, WORKLOAD_LEVELS } from './workload.ts';

/** The workload API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

const hhmm = z.string().refine((s) => /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(s), {
  message: 'Must be a time of day as HH:MM (24:00 for midnight at the end)',
  params: withCode('invalid_format'),
});

export const ShiftSchema = z.strictObject({ weekday: z.number().int().min(0).max(6), from: hhmm, to: hhmm }).refine((s) => s.from < s.to, {
  message: 'Must end after it starts (a night shift is two: one each side of midnight)',
  params: withCode('invalid'),
  path: ['to'],
});

export const ShiftsSchema = z
  .array(ShiftSchema)
  .max(70)
  .superRefine((list, ctx) => {
    for (let i = 0; i < list.length; i++)
      for (let j = 0; j < i; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.weekday === b.weekday && a.from < b.to && b.from < a.to)
          ctx.addIssue({ code: 'custom', message: 'Shifts of one weekday must not overlap', path: [i, 'from'], params: withCode('invalid') });
      }
  });

/** A capacity: how many open items at most; null for none (or, on a member, the workspace's default). */
const capacity = z.number().int().min(1).max(100_000).nullable();

export const CapacityPutSchema = z.strictObject({
  maxTickets: capacity.default(null),
  maxDeals: capacity.default(null),
  maxTasks: capacity.default(null),
  /** The member's weekly shifts; null: the workspace's care hours. An empty list: never on duty. */
  shifts: ShiftsSchema.nullable().default(null),
});
export type CapacityPut = z.output<typeof CapacityPutSchema>;

export const WorkloadSettingsSchema = z.strictObject({
  /** The capacities of a member who has none of their own. */
  maxTickets: capacity,
  maxDeals: capacity,
  maxTasks: capacity,
  /** Automatic ticket assignment gives tickets only to members on duty (by their shifts) at that moment. */
  assignOnDutyOnly: z.boolean(),
  /** Tickets per on-duty agent per hour at which the peak-time view marks an hour as high. */
  peakThreshold: z.number().min(0.1).max(1000),
});
export type WorkloadSettings = z.output<typeof WorkloadSettingsSchema>;

const Shift = z.object({ weekday: z.number().int(), from: z.string(), to: z.string() });
const Level = z.enum(WORKLOAD_LEVELS);
const LoadOut = z.object({ open: z.number().int(), capacity: z.number().int().nullable(), ratio: z.number().nullable(), level: Level });
const TaskLoadOut = LoadOut.extend({ overdue: z.number().int() });

export const PersonWorkloadOut = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    teamIds: z.array(z.string()),
    tickets: LoadOut,
    deals: LoadOut,
    tasks: TaskLoadOut,
    /** The highest share of any capacity (1 = full); null when no capacity applies. */
    utilisation: z.number().nullable(),
    level: Level,
    /** Each load that is a warning or over, worst first. */
    reasons: z.array(z.object({ kind: z.enum(WORKLOAD_KINDS), open: z.number().int(), capacity: z.number().int(), level: z.enum(['warning', 'over']) })),
    /** What is set for the member themselves (null: the workspace's default applies). */
    own: z.object({ maxTickets: z.number().int().nullable(), maxDeals: z.number().int().nullable(), maxTasks: z.number().int().nullable() }),
    /** Their weekly shifts, and whether they are their own (false: the workspace's care hours). */
    shifts: z.array(Shift),
    ownShifts: z.boolean(),
    onDutyNow: z.boolean(),
  })
  .meta({ id: 'PersonWorkload' });
export type PersonWorkload = z.output<typeof PersonWorkloadOut>;

const Sum = z.object({ open: z.number().int(), capacity: z.number().int().nullable() });
export const TeamWorkloadOut = z.object({
  teamId: z.string(),
  name: z.string(),
  members: z.number().int(),
  tickets: Sum,
  deals: Sum,
  tasks: Sum.extend({ overdue: z.number().int() }),
  /** Open tickets of the team that nobody has yet (the team's queue). */
  queue: z.number().int(),
  overloaded: z.number().int(),
  warnings: z.number().int(),
  onDutyNow: z.number().int(),
});
export type TeamWorkload = z.output<typeof TeamWorkloadOut>;

export const WorkloadSettingsOut = WorkloadSettingsSchema.extend({ updatedAt: Timestamp.nullable() });

export const WorkloadOut = z.object({
  asOf: Timestamp,
  timeZone: z.string(),
  settings: WorkloadSettingsOut,
  people: z.array(PersonWorkloadOut),
  teams: z.array(TeamWorkloadOut),
  totals: z.object({
    people: z.number().int(),
    overloaded: z.number().int(),
    warnings: z.number().int(),
    tickets: z.number().int(),
    deals: z.number().int(),
    tasks: z.number().int(),
    overdueTasks: z.number().int(),
  }),
});
export type Workload = z.output<typeof WorkloadOut>;

export const PeakOut = z.object({
  timeZone: z.string(),
  weeks: z.number().int(),
  from: Timestamp,
  to: Timestamp,
  teamId: z.string().nullable(),
  threshold: z.number(),
  /** How many members' shifts were counted. */
  staff: z.number().int(),
  /** Tickets created in the window. */
  tickets: z.number().int(),
  slots: z.array(
    z.object({
      weekday: z.number().int(),
      hour: z.number().int(),
      tickets: z.number(),
      onDuty: z.number(),
      ratio: z.number().nullable(),
      flag: z.enum(PEAK_FLAGS).nullable(),
    }),
  ),
});
export type Peak = z.output<typeof PeakOut>;

const UserParams = z.object({ userId: uuid() });
const TeamQuery = z.strictObject({ teamId: uuid().optional() });

export const workloadApi = {
  get: contract({
    method: 'GET',
    path: '/workload',
    tags: ['workload'],
    summary: 'Open tickets, deals and tasks per person in your scope against their capacities, with overload warnings and team totals',
    query: TeamQuery,
    status: 200,
    response: WorkloadOut,
  }),
  person: contract({
    method: 'GET',
    path: '/workload/people/:userId',
    tags: ['workload'],
    summary: 'One person’s workload, capacities and shifts (404 outside your people scope)',
    params: UserParams,
    status: 200,
    response: PersonWorkloadOut,
  }),
  setCapacity: contract({
    method: 'PUT',
    path: '/workload/people/:userId',
    tags: ['workload'],
    summary: 'Set a person’s capacities and weekly shifts (null: the workspace’s default, the care hours); audited',
    params: UserParams,
    body: CapacityPutSchema,
    status: 200,
    response: PersonWorkloadOut,
  }),
  peak: contract({
    method: 'GET',
    path: '/workload/peak',
    tags: ['workload'],
    summary: 'Tickets by local hour and weekday over the last weeks, per week, against the agents on duty; high and uncovered hours flagged',
    query: z.strictObject({ weeks: z.coerce.number().int().min(1).max(MAX_PEAK_WEEKS).default(DEFAULT_PEAK_WEEKS), teamId: uuid().optional() }),
    status: 200,
    response: PeakOut,
  }),
  settings: contract({
    method: 'GET',
    path: '/workload/settings',
    tags: ['workload'],
    summary: 'The workspace’s default capacities, whether assignment skips members off duty, and the peak threshold',
    status: 200,
    response: WorkloadSettingsOut,
  }),
  updateSettings: contract({
    method: 'PUT',
    path: '/workload/settings',
    tags: ['workload'],
    summary: 'Change the workspace’s workload settings (owners and admins); audited',
    body: WorkloadSettingsSchema,
    status: 200,
    response: WorkloadSettingsOut,
  }),
};

export const WORKLOAD_EXPORT_PATH = '/workload/export';
