import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { uuid } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';
import { CUSTOM_KPI_BASES, KPI_AGGREGATES, KPI_FILTER_KEYS, KPI_UNITS, parsePeriod } from './kpis.ts';

/** The KPI API's shapes and operations (api/contract.ts): the server's routes, the web's calls and the CLI use these. */

export const PeriodKey = z
  .string()
  .refine((s) => parsePeriod(s) !== null, { message: 'A period is a month YYYY-MM, a quarter YYYY-Qn or a year YYYY', params: withCode('invalid_format') })
  .describe('A month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`, in the workspace’s time zone');

export const KpiKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'A key is 2–40 lowercase letters, digits and _, starting with a letter' });

const Localised = z.object({ vi: z.string(), en: z.string() });
export const KpiFilterSchema = z.strictObject(
  Object.fromEntries(KPI_FILTER_KEYS.map((k) => [k, z.string().min(1).max(100).optional()])) as Record<
    (typeof KPI_FILTER_KEYS)[number],
    z.ZodOptional<z.ZodString>
  >,
);

export const KpiOut = z
  .object({
    key: z.string(),
    builtin: z.boolean(),
    name: Localised,
    description: Localised,
    unit: z.enum(KPI_UNITS),
    direction: z.enum(['higher', 'lower']),
    aggregate: z.enum(KPI_AGGREGATES),
    cumulative: z.boolean(),
    narrowBy: z.array(z.enum(KPI_FILTER_KEYS)),
    /** A workspace KPI: what it is made from. */
    base: z.enum(CUSTOM_KPI_BASES).nullable(),
    of: z.string().nullable().describe('The built-in a narrowed KPI narrows'),
    filter: KpiFilterSchema,
    segmentId: z.string().nullable(),
    field: z.enum(['count', 'spend', 'orders']).nullable(),
    weight: z.number(),
    version: z.number().int().nullable(),
  })
  .meta({ id: 'Kpi' });
export type Kpi = z.output<typeof KpiOut>;

export const KpiCreate = z.strictObject({
  key: KpiKey,
  name: z.string().trim().min(1).max(100),
  base: z.enum(CUSTOM_KPI_BASES),
  of: z.string().optional().describe('narrowed: the built-in KPI'),
  filter: KpiFilterSchema.default({}),
  segmentId: z.string().min(1).max(100).optional().describe('segment_count / segment_sum: the saved segment'),
  field: z.enum(['spend', 'orders']).optional().describe('segment_sum: the customers’ lifetime spend or orders'),
  direction: z.enum(['higher', 'lower']).optional(),
  weight: z.number().min(0).max(100).optional(),
});
export const KpiUpdate = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  filter: KpiFilterSchema.optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  weight: z.number().min(0).max(100).optional(),
});

export const KpiTargetOut = z
  .object({
    id: z.string(),
    kpi: z.string(),
    period: z.string(),
    userId: z.string().nullable(),
    teamId: z.string().nullable(),
    target: z.number(),
    splitFrom: z.string().nullable(),
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'KpiTarget' });
export type KpiTarget = z.output<typeof KpiTargetOut>;

export const KpiTargetPut = z
  .strictObject({
    kpi: z.string().min(1).max(60),
    period: PeriodKey,
    userId: uuid().optional(),
    teamId: uuid().optional(),
    target: z.number().finite().min(-1e15).max(1e15),
  })
  .superRefine((v, ctx) => {
    if ((v.userId ? 1 : 0) + (v.teamId ? 1 : 0) !== 1)
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Give exactly one of userId and teamId', params: withCode('invalid') });
  });

export const KpiSplit = z.strictObject({
  kpi: z.string().min(1).max(60),
  period: PeriodKey,
  teamId: uuid(),
  method: z.enum(['equal', 'last_period']).default('equal').describe('equal shares, or in proportion to each member’s figure in the period before'),
});

const Interval = z.object({ low: z.number(), high: z.number() }).nullable();

export const KpiReportRow = z.object({
  userId: z.string().optional(),
  teamId: z.string().optional(),
  kpi: z.string(),
  value: z.number().nullable(),
  n: z.number().int(),
  interval: Interval,
  target: z.number().nullable(),
  attainment: z.number().nullable(),
  pace: z.number().nullable(),
  forecast: z.number().nullable(),
  onPace: z.boolean().nullable(),
});
export type KpiReportRowT = z.output<typeof KpiReportRow>;

export const PeriodInfo = z.object({
  key: z.string(),
  from: Timestamp,
  to: Timestamp,
  elapsed: z.number().describe('How far through the period now is, 0 to 1'),
  closed: z.boolean(),
  closedAt: Timestamp.nullable(),
  recounts: z.number().int(),
});

export const KpiReport = z
  .object({
    period: PeriodInfo,
    by: z.enum(['user', 'team']),
    currency: z.string(),
    subjects: z.array(z.object({ id: z.string(), name: z.string() })),
    rows: z.array(KpiReportRow),
    scores: z.array(z.object({ id: z.string(), score: z.number().nullable() })),
  })
  .meta({ id: 'KpiReport' });
export type KpiReportT = z.output<typeof KpiReport>;

export const KpiReportQuery = z.strictObject({
  period: PeriodKey,
  by: z.enum(['user', 'team']).default('user'),
  kpi: z.string().max(2000).optional().describe('Comma-separated KPI keys (default: all)'),
  userId: uuid().optional(),
  teamId: uuid().optional().describe('by=user: only this team’s members'),
});

export const KpiHistory = z.object({
  subject: z.enum(['user', 'team']),
  id: z.string(),
  periods: z.array(z.object({ period: z.string(), closed: z.boolean(), rows: z.array(KpiReportRow), score: z.number().nullable() })),
});

export const KpiPeriodOut = z.object({
  period: z.string(),
  closedAt: Timestamp,
  closedBy: z.string().nullable(),
  recountedAt: Timestamp.nullable(),
  recountedBy: z.string().nullable(),
  recounts: z.number().int(),
});

export const PeriodParams = z.object({ period: PeriodKey });

export const REAP_MEASURES = ['acquisition', 'retention', 'penetration', 'efficiency'] as const;
export const SegmentPlanPut = z.strictObject({
  segmentId: z.string().min(1).max(100),
  period: PeriodKey,
  measure: z.enum(REAP_MEASURES),
  target: z.number().finite().min(0).max(1e15),
});
export const SegmentPlanRow = z.object({
  id: z.string().nullable(),
  segmentId: z.string(),
  segmentName: z.string(),
  measure: z.enum(REAP_MEASURES),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  n: z.number().int(),
  attainment: z.number().nullable(),
});

export const kpiApi = {
  list: contract({
    method: 'GET',
    path: '/kpis',
    tags: ['kpis'],
    summary: 'The KPI definitions: the built-ins and the workspace’s own, with each one’s weight in the score',
    status: 200,
    response: z.array(KpiOut),
  }),
  create: contract({
    method: 'POST',
    path: '/kpis',
    tags: ['kpis'],
    summary: 'Add a workspace KPI: a built-in narrowed by category, segment, customer type or channel, or a count or sum over a saved segment',
    body: KpiCreate,
    status: 201,
    response: KpiOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/kpis/:key',
    tags: ['kpis'],
    summary: 'Change a KPI: a workspace KPI’s name, filter or direction, or any KPI’s weight in the score',
    params: z.object({ key: KpiKey }),
    body: KpiUpdate,
    status: 200,
    response: KpiOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/kpis/:key',
    tags: ['kpis'],
    summary: 'Remove a workspace KPI (closed periods keep its figures)',
    params: z.object({ key: KpiKey }),
    status: 204,
    response: null,
  }),
  report: contract({
    method: 'GET',
    path: '/kpis/report',
    tags: ['kpis'],
    summary: 'KPI figures for a period per person or team in your scope, with targets, pace, forecast and the weighted score; a closed period’s frozen figures',
    query: KpiReportQuery,
    status: 200,
    response: KpiReport,
  }),
  history: contract({
    method: 'GET',
    path: '/kpis/history',
    tags: ['kpis'],
    summary: 'A person’s or team’s KPI figures over the periods before and including this one (a scorecard’s history)',
    query: z.strictObject({
      period: PeriodKey,
      userId: uuid().optional(),
      teamId: uuid().optional(),
      count: z.coerce.number().int().min(1).max(24).default(6),
      kpi: z.string().max(2000).optional(),
    }),
    status: 200,
    response: KpiHistory,
  }),
  targets: contract({
    method: 'GET',
    path: '/kpi-targets',
    tags: ['kpis'],
    summary: 'Targets of a period for the people and teams in your scope',
    query: z.strictObject({ period: PeriodKey, teamId: uuid().optional(), userId: uuid().optional() }),
    status: 200,
    response: z.object({ data: z.array(KpiTargetOut) }),
  }),
  putTarget: contract({
    method: 'PUT',
    path: '/kpi-targets',
    tags: ['kpis'],
    summary: 'Set the target of a KPI for a person or a team and period (replaces the one there)',
    body: KpiTargetPut,
    status: 200,
    response: KpiTargetOut,
  }),
  removeTarget: contract({
    method: 'DELETE',
    path: '/kpi-targets/:id',
    tags: ['kpis'],
    summary: 'Remove a target (a team target takes its members’ shares with it)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  split: contract({
    method: 'POST',
    path: '/kpi-targets/split',
    tags: ['kpis'],
    summary: 'Split a team’s target among its members, equally or by last period’s figures (replaces an earlier split)',
    body: KpiSplit,
    status: 200,
    response: z.object({ data: z.array(KpiTargetOut) }),
  }),
  periods: contract({
    method: 'GET',
    path: '/kpi-periods',
    tags: ['kpis'],
    summary: 'The closed periods',
    status: 200,
    response: z.object({ data: z.array(KpiPeriodOut) }),
  }),
  close: contract({
    method: 'POST',
    path: '/kpi-periods/:period/close',
    tags: ['kpis'],
    summary: 'Close a period: freeze every KPI figure of every person and team (later edits do not change them until a recount)',
    params: PeriodParams,
    status: 200,
    response: z.object({ period: KpiPeriodOut, figures: z.number().int() }),
  }),
  recount: contract({
    method: 'POST',
    path: '/kpi-periods/:period/recount',
    tags: ['kpis'],
    summary: 'Recount a closed period’s frozen figures from the data as it is now (audited with what changed)',
    params: PeriodParams,
    status: 200,
    response: z.object({ period: KpiPeriodOut, figures: z.number().int(), changed: z.number().int() }),
  }),
  plans: contract({
    method: 'GET',
    path: '/segment-plans',
    tags: ['kpis'],
    summary: 'Plans per customer segment (acquisition, retention, penetration, efficiency) against the period’s actuals',
    query: z.strictObject({ period: PeriodKey }),
    status: 200,
    response: z.object({ period: PeriodInfo, data: z.array(SegmentPlanRow) }),
  }),
  putPlan: contract({
    method: 'PUT',
    path: '/segment-plans',
    tags: ['kpis'],
    summary: 'Set a segment’s target for one of the REAP measures and a period',
    body: SegmentPlanPut,
    status: 200,
    response: SegmentPlanRow,
  }),
  removePlan: contract({
    method: 'DELETE',
    path: '/segment-plans/:id',
    tags: ['kpis'],
    summary: 'Remove a segment plan',
    params: IdParams,
    status: 204,
    response: null,
  }),
};
