import { z } from 'zod';
import { IdParams, page, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { BUILTIN_KPI_KEYS, isBuiltinKpi, parsePeriod } from '../kpis/kpis.ts';
import { MAX_MINOR } from '../money/money.ts';
import { withCode } from '../schema/issues.ts';
import { text, uuid } from '../schema/fields.ts';
import { JUSTIFICATION_TYPES, REWARD_KINDS, REWARD_RECORD_TYPES, REWARD_STATUSES, RULE_COMPARATORS, RULE_PERIOD_KINDS } from './rewards.ts';

/**
 * The reward and penalty record's API (api/contract.ts): entries (propose, change while proposed, approve, reject,
 * withdraw), a member's record (approved entries and their totals by month), the rules that propose entries when a
 * KPI period closes, and CSV files of both. Who sees what: docs/permissions.md, "People scope" and the rewards rows.
 */

const TAGS = ['rewards'] as const;

/** A period key of the KPI catalogue: `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
const periodKey = () =>
  z.string().refine((s) => parsePeriod(s) !== null, { message: 'Must be a period: YYYY-MM, YYYY-Qn or YYYY', params: withCode('invalid_format') });
/** A month `YYYY-MM` (what an entry counts toward). */
const monthKey = () => z.string().refine((s) => parsePeriod(s)?.kind === 'month', { message: 'Must be a month: YYYY-MM', params: withCode('invalid_format') });
const kpiKey = () => z.string().refine(isBuiltinKpi, { message: 'Must be one of the built-in KPIs', params: withCode('invalid_choice') });

const amount = () => z.number().int().min(1).max(MAX_MINOR);
const points = () => z.number().int().min(1).max(1_000_000);

/** What justifies an entry: a KPI's value in a period (as it was when proposed), or a record of the workspace. */
export const JustificationIn = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('kpi'), kpi: kpiKey(), period: periodKey(), value: z.number().finite(), n: z.number().int().min(0).optional() }),
  z.strictObject({ type: z.enum(REWARD_RECORD_TYPES), id: uuid() }),
]);
export type JustificationInput = z.output<typeof JustificationIn>;

export const JustificationOut = z.object({
  type: z.enum(JUSTIFICATION_TYPES),
  /** A KPI's: its key, period, value then and how many observations it stood on. */
  kpi: z.string().nullable(),
  period: z.string().nullable(),
  value: z.number().nullable(),
  n: z.number().int().nullable(),
  /** A record's: its id and what it was called when proposed (a ticket's number and subject, a deal's title…). */
  recordId: z.string().nullable(),
  label: z.string().nullable(),
});

export const RewardOut = z
  .object({
    id: z.string(),
    personId: z.string(),
    personName: z.string().nullable(),
    kind: z.enum(REWARD_KINDS),
    reason: z.string(),
    /** Bonus or penalty money, in minor units of `currency` (the workspace's when proposed). */
    amount: z.number().int().nullable(),
    currency: z.string().nullable(),
    points: z.number().int().nullable(),
    /** The month the entry counts toward, `YYYY-MM`. */
    period: z.string(),
    justification: JustificationOut.nullable(),
    /** The rule that proposed it at a period's close, if one did. */
    ruleId: z.string().nullable(),
    status: z.enum(REWARD_STATUSES),
    proposedBy: z.string().nullable(),
    proposedByName: z.string().nullable(),
    proposedAt: Timestamp,
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: Timestamp.nullable(),
    decisionNote: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Reward' });
export type Reward = z.output<typeof RewardOut>;

export const RewardCreateSchema = z.strictObject({
  personId: uuid(),
  kind: z.enum(REWARD_KINDS),
  reason: text(1000, 1),
  amount: amount().nullable().optional(),
  points: points().nullable().optional(),
  /** The month it counts toward; this month (the workspace's calendar) when left out, the KPI's last month when justified by one. */
  period: monthKey().optional(),
  justification: JustificationIn.nullable().optional(),
});
export type RewardCreateInput = z.output<typeof RewardCreateSchema>;

export const RewardUpdateSchema = RewardCreateSchema.omit({ personId: true }).partial();
export type RewardUpdateInput = z.output<typeof RewardUpdateSchema>;

const Note = z.strictObject({ note: text(1000).nullable().optional() });
const RequiredNote = z.strictObject({ note: text(1000, 1) });

const Filters = {
  personId: uuid().optional(),
  kind: z.enum(REWARD_KINDS).optional(),
  status: z.enum(REWARD_STATUSES).optional(),
  /** Entries counting toward a month, or any month of a quarter or year. */
  period: periodKey().optional(),
  /** Only the entries I proposed. */
  mine: z.enum(['true', 'false']).optional(),
};
export const RewardListQuery = z.strictObject({
  ...Filters,
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type RewardListQueryInput = z.output<typeof RewardListQuery>;
export const RewardExportQuery = z.strictObject({ ...Filters, lang: z.enum(['vi', 'en']).optional() });

const MonthTotals = z.object({
  month: z.string(),
  points: z.number(),
  bonus: z.number(),
  penalty: z.number(),
  counts: z.object({ recognition: z.number().int(), bonus: z.number().int(), warning: z.number().int(), penalty: z.number().int() }),
});

export const RecordOut = z
  .object({
    person: z.object({ id: z.string(), name: z.string().nullable() }),
    currency: z.string(),
    from: z.string(),
    to: z.string(),
    /** Approved entries only, counted by the month each counts toward; every month of the range is listed. */
    months: z.array(MonthTotals),
    totals: MonthTotals.omit({ month: true }),
    entries: z.array(RewardOut),
  })
  .meta({ id: 'RewardRecord' });
export type RewardRecord = z.output<typeof RecordOut>;

// ------------------------------------------------------------------------------------------------ rules

export const RuleOut = z
  .object({
    id: z.string(),
    name: z.string(),
    kpi: z.string(),
    periodKind: z.enum(RULE_PERIOD_KINDS),
    comparator: z.enum(RULE_COMPARATORS),
    /** In the KPI's own unit: a share as a fraction (0.8 = 80%), money in minor units, minutes, a 1–5 score… */
    threshold: z.number(),
    /** Figures built on fewer observations are ignored. */
    minN: z.number().int(),
    kind: z.enum(REWARD_KINDS),
    amount: z.number().int().nullable(),
    points: z.number().int().nullable(),
    reasonTemplate: z.string(),
    active: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'RewardRule' });
export type RewardRule = z.output<typeof RuleOut>;

const ruleFields = {
  name: text(120, 1),
  kpi: z.enum(BUILTIN_KPI_KEYS as [string, ...string[]]),
  periodKind: z.enum(RULE_PERIOD_KINDS),
  comparator: z.enum(RULE_COMPARATORS),
  threshold: z.number().finite(),
  minN: z.number().int().min(0).max(1_000_000),
  kind: z.enum(REWARD_KINDS),
  amount: amount().nullable(),
  points: points().nullable(),
  reasonTemplate: text(500, 1),
  active: z.boolean(),
};
export const RuleCreateSchema = z.strictObject({
  ...ruleFields,
  periodKind: ruleFields.periodKind.optional(),
  minN: ruleFields.minN.optional(),
  amount: ruleFields.amount.optional(),
  points: ruleFields.points.optional(),
  active: ruleFields.active.optional(),
});
export type RuleCreateInput = z.output<typeof RuleCreateSchema>;
export const RuleUpdateSchema = z.strictObject(ruleFields).partial();
export type RuleUpdateInput = z.output<typeof RuleUpdateSchema>;

export const UserParams = z.object({ userId: uuid() });
const RecordQuery = z.strictObject({ from: monthKey().optional(), to: monthKey().optional() });

export const rewardApi = {
  list: contract({
    method: 'GET',
    path: '/rewards',
    tags: TAGS,
    summary: 'Reward and penalty entries you may see, newest first: your own approved ones; a manager’s team’s; owners and admins all',
    query: RewardListQuery,
    status: 200,
    response: page(RewardOut),
  }),
  create: contract({
    method: 'POST',
    path: '/rewards',
    tags: TAGS,
    summary: 'Propose an entry for a member in your people scope (audited); an owner or admin decides it',
    body: RewardCreateSchema,
    status: 201,
    response: RewardOut,
  }),
  get: contract({ method: 'GET', path: '/rewards/:id', tags: TAGS, summary: 'One entry', params: IdParams, status: 200, response: RewardOut }),
  update: contract({
    method: 'PATCH',
    path: '/rewards/:id',
    tags: TAGS,
    summary: 'Change a proposal you made while it waits for a decision (If-Match honoured)',
    params: IdParams,
    body: RewardUpdateSchema,
    status: 200,
    response: RewardOut,
  }),
  approve: contract({
    method: 'POST',
    path: '/rewards/:id/approve',
    tags: TAGS,
    summary: 'Approve a proposal (not your own, unless you are the workspace’s only owner or admin); 409 once decided (If-Match honoured)',
    params: IdParams,
    body: Note,
    status: 200,
    response: RewardOut,
  }),
  reject: contract({
    method: 'POST',
    path: '/rewards/:id/reject',
    tags: TAGS,
    summary: 'Reject a proposal, saying why; 409 once decided (If-Match honoured)',
    params: IdParams,
    body: RequiredNote,
    status: 200,
    response: RewardOut,
  }),
  withdraw: contract({
    method: 'POST',
    path: '/rewards/:id/withdraw',
    tags: TAGS,
    summary: 'Withdraw a proposal you made; 409 once decided (If-Match honoured)',
    params: IdParams,
    status: 200,
    response: RewardOut,
  }),
  record: contract({
    method: 'GET',
    path: '/rewards/people/:userId/record',
    tags: TAGS,
    summary: 'A member’s record: approved entries and their totals by month (the last 12 months unless from/to say otherwise)',
    params: UserParams,
    query: RecordQuery,
    status: 200,
    response: RecordOut,
  }),
  rules: contract({
    method: 'GET',
    path: '/reward-rules',
    tags: TAGS,
    summary: 'The rules that propose entries when a KPI period closes',
    status: 200,
    response: z.object({ data: z.array(RuleOut) }),
  }),
  createRule: contract({
    method: 'POST',
    path: '/reward-rules',
    tags: TAGS,
    summary: 'Add a rule (audited)',
    body: RuleCreateSchema,
    status: 201,
    response: RuleOut,
  }),
  getRule: contract({ method: 'GET', path: '/reward-rules/:id', tags: TAGS, summary: 'One rule', params: IdParams, status: 200, response: RuleOut }),
  updateRule: contract({
    method: 'PATCH',
    path: '/reward-rules/:id',
    tags: TAGS,
    summary: 'Change a rule (If-Match honoured; audited)',
    params: IdParams,
    body: RuleUpdateSchema,
    status: 200,
    response: RuleOut,
  }),
  deleteRule: contract({
    method: 'DELETE',
    path: '/reward-rules/:id',
    tags: TAGS,
    summary: 'Delete a rule (audited); the entries it proposed stay',
    params: IdParams,
    status: 204,
    response: null,
  }),
};
