import { z } from 'zod';
import { IdParams } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { RFM_SEGMENTS } from './rfm.ts';
import { AnalyticsSettingsSchema } from './settings.ts';
import { VALUE_TIERS } from './tiers.ts';

/** The analytics API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

const Keyed = z.array(z.object({ key: z.string().nullable(), counts: z.array(z.number().int()) }));
export const PictureOut = z
  .object({
    asOf: z.string(),
    currency: z.string(),
    orders: z.number().int(),
    skippedOrders: z.number().int(),
    customers: z.number().int(),
    months: z.array(z.string()).describe('YYYY-MM, oldest first; every series below has one value per month'),
    acquisition: z.object({ total: z.array(z.number().int()), bySource: Keyed, byChannel: Keyed.describe('by the channel of the customer’s first order') }),
    revenue: z.object({ newCustomers: z.array(z.number()), repeat: z.array(z.number()) }).describe('revenue of first purchase days and of repeat ones'),
    active: z.array(z.number().int()).describe('customers buying in the month'),
    retention: z.object({
      cohorts: z.array(
        z.object({ month: z.string(), size: z.number().int(), retained: z.array(z.number()).describe('share of the cohort buying in its month + k') }),
      ),
      repeatRate: z.number(),
      churnRate: z.number(),
      churnDays: z.number().int(),
    }),
    penetration: z.object({ repeatRevenueShare: z.number() }),
    categories: z.object({
      categoriesPerCustomer: z.array(z.object({ categories: z.string(), customers: z.number().int() })),
      crossSellRate: z.number().describe('customers buying in two categories or more'),
      categories: z.array(z.object({ category: z.string().nullable(), customers: z.number().int(), share: z.number() })),
      customers: z.number().int(),
    }),
  })
  .meta({ id: 'CustomerPicture' });
/** The customer picture: acquisition, penetration and retention. */
export type CustomerPicture = z.output<typeof PictureOut>;

const ProductRefOut = z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string().nullable() });
export const NeedsOut = z
  .object({
    categories: z
      .array(z.object({ category: z.string().nullable(), orders: z.number().int(), quantity: z.number(), spend: z.number(), share: z.number() }))
      .describe('purchases by category, most spent first'),
    interests: z.array(z.string()),
    tags: z.array(z.string()),
    suggestions: z
      .array(z.object({ product: ProductRefOut, lift: z.number(), confidence: z.number(), because: ProductRefOut }))
      .describe('customers who bought `because` also bought `product` (co-purchase lift > 1), as of the last refresh'),
    surveys: z.array(z.never()).describe('survey answers, when surveys exist'),
  })
  .meta({ id: 'NeedsProfile' });
export type NeedsProfile = z.output<typeof NeedsOut>;

const Cell = z.object({ customers: z.number().int(), revenue: z.number() });
export const RfmSummaryOut = z
  .object({
    asOf: z.string(),
    currency: z.string(),
    customers: z.number().int().describe('customers with a purchase on or before asOf'),
    orders: z.number().int(),
    skippedOrders: z.number().int().describe('orders in another currency than the workspace’s, left out'),
    segments: z.array(z.object({ segment: z.enum(RFM_SEGMENTS), customers: z.number().int(), revenue: z.number() })),
    cells: z.array(z.array(Cell)).describe('cells[r − 1][f − 1]: the R×F grid (5 × 5)'),
  })
  .meta({ id: 'RfmSummary' });
export type RfmSummary = z.output<typeof RfmSummaryOut>;

const Num = z.number().nullable();
const Holdout = z
  .object({
    calibrationEnd: z.string(),
    holdoutEnd: z.string(),
    unit: z.enum(['day', 'week']),
    customers: z.number().int().describe('customers who had bought by the calibration end'),
    params: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }),
    logLikelihood: z.number(),
    byFrequency: z
      .array(z.object({ frequency: z.string(), customers: z.number().int(), predicted: z.number(), actual: z.number() }))
      .describe('mean repeat purchases in the holdout, predicted and made, by repeat purchases in the calibration period'),
    tracking: z
      .array(z.object({ date: z.string(), actual: z.number(), predicted: z.number() }))
      .describe('cumulative repeat purchases of the calibration cohort, made and expected'),
  })
  .meta({ id: 'HoldoutCheck' });
const Models = z.object({
  bgnbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), logLikelihood: z.number() }),
  gammaGamma: z.object({ p: z.number(), q: z.number(), v: z.number(), logLikelihood: z.number() }),
  holdout: Holdout.nullable()
    .optional()
    .describe('the BG/NBD model fitted on the history up to a calibration end and checked against what followed (null: under 8 weeks of history)'),
});
export const RunOut = z
  .object({
    asOf: z.string(),
    customers: z.number().int(),
    models: Models.nullable(),
    note: z.string().nullable().describe('why the value figures are missing, when they are'),
    startedAt: z.string(),
    finishedAt: z.string(),
    seconds: z.number(),
  })
  .meta({ id: 'ScoreRun' });
export const ProgressOut = z
  .object({ phase: z.enum(['reading', 'fitting', 'affinities', 'storing']), done: z.number().int(), total: z.number().int().nullable(), startedAt: z.string() })
  .meta({ id: 'ScoreRefreshProgress' });
/** A refresh of the scores under way. */
export type ScoreRefreshProgress = z.output<typeof ProgressOut>;
export const ScoresOut = z
  .object({
    asOf: z.string(),
    recency: z.number().int().describe('days since the last purchase'),
    frequency: z.number().int().describe('purchase days'),
    monetary: z.number().describe('total spend, in the workspace currency'),
    r: z.number().int(),
    f: z.number().int(),
    m: z.number().int(),
    segment: z.enum(RFM_SEGMENTS),
    pAlive: Num.describe('probability the customer is still a customer (BG/NBD)'),
    expectedPurchases: Num.describe('purchases expected over the horizon'),
    expectedSpend: Num.describe('expected spend per purchase (Gamma-Gamma)'),
    clv: Num.describe('discounted value over the horizon'),
    tier: z.enum(VALUE_TIERS).nullable().describe('value tier: most valuable, most growable, maintain, below zero (cost to serve above value)'),
    netValue: Num.describe('lifetime value less the expected cost to serve (when costs are set)'),
    growth: Num.describe('expected value of the next year less the spend of the past year'),
    horizonWeeks: z.number().int(),
  })
  .meta({ id: 'CustomerScores' });
/** A customer's stored scores. */
export type CustomerScores = z.output<typeof ScoresOut>;

export const ValuePictureOut = z.object({
  asOf: z.string().nullable(),
  customers: z.number().int(),
  currency: z.string(),
  clv: z.array(z.object({ from: z.number(), to: z.number(), customers: z.number().int(), value: z.number() })),
  pAlive: z.array(z.object({ from: z.number(), to: z.number(), customers: z.number().int() })),
  tiers: z.array(z.object({ tier: z.enum(VALUE_TIERS), customers: z.number().int(), value: z.number(), netValue: z.number() })),
  segments: z.array(z.object({ segment: z.enum(RFM_SEGMENTS), customers: z.number().int(), value: z.number(), meanPAlive: z.number().nullable() })),
});

export const MovementOut = z.object({
  from: z.string(),
  to: z.string(),
  flows: z.array(z.object({ from: z.union([z.enum(RFM_SEGMENTS), z.literal('none')]), to: z.enum(RFM_SEGMENTS), customers: z.number().int() })),
  lost: z.array(z.object({ from: z.enum(RFM_SEGMENTS), customers: z.number().int() })),
});

export const analyticsApi = {
  refreshScores: contract({
    method: 'POST',
    path: '/analytics/scores/refresh',
    tags: ['analytics'],
    summary:
      'Start recomputing every customer’s RFM and lifetime value (BG/NBD + Gamma-Gamma fitted on the orders up to asOf, default today; 52 weeks ahead, 10% a year discount) in the background; follow it on GET /analytics/scores. 409 while one is running',
    body: z.strictObject({ asOf: z.iso.date().optional() }).optional(),
    status: 202,
    response: ProgressOut,
  }),
  scores: contract({
    method: 'GET',
    path: '/analytics/scores',
    tags: ['analytics'],
    summary:
      'The stored scores’ last refresh (when, as of which day, how many customers, the fitted models) and the refresh under way, if any, with its progress',
    status: 200,
    response: z.object({ run: RunOut.omit({ seconds: true }).nullable(), running: ProgressOut.nullable() }),
  }),
  contactScores: contract({
    method: 'GET',
    path: '/contacts/:id/scores',
    tags: ['analytics'],
    summary:
      'A customer’s stored scores (RFM, segment, P(alive), expected purchases and spend, lifetime value) as of the last refresh; null when none yet or they had not bought by then',
    params: IdParams,
    status: 200,
    response: z.object({ scores: ScoresOut.nullable(), refreshedAt: z.string().nullable(), note: z.string().nullable() }),
  }),
  contactNeeds: contract({
    method: 'GET',
    path: '/contacts/:id/needs',
    tags: ['analytics'],
    summary:
      'A customer’s needs profile: what they bought by category (share of their spend), their interests and tags, and products customers like them also bought (co-purchase lift, as of the last refresh)',
    params: IdParams,
    status: 200,
    response: NeedsOut,
  }),
  settings: contract({
    method: 'GET',
    path: '/analytics/settings',
    tags: ['analytics'],
    summary: 'The workspace’s RFM grid and value-tier settings (the defaults where none are set)',
    status: 200,
    response: AnalyticsSettingsSchema,
  }),
  saveSettings: contract({
    method: 'PUT',
    path: '/analytics/settings',
    tags: ['analytics'],
    summary: 'Replace the workspace’s RFM grid and value-tier settings; they apply from the next refresh of the scores (audited)',
    body: AnalyticsSettingsSchema,
    status: 200,
    response: AnalyticsSettingsSchema,
  }),
  value: contract({
    method: 'GET',
    path: '/analytics/value',
    tags: ['analytics'],
    summary: 'Distributions of the stored scores: lifetime value and P(alive) histograms, and customers and value by tier and by RFM segment',
    status: 200,
    response: ValuePictureOut,
  }),
  customers: contract({
    method: 'GET',
    path: '/analytics/customers',
    tags: ['analytics'],
    summary:
      'Acquisition (new customers per month by source and by first channel), penetration (categories per customer, cross-sell rate, repeat revenue) and retention (monthly cohorts, repeat-purchase and churn rates) up to a day',
    query: z.strictObject({
      asOf: z.iso.date().optional().describe('YYYY-MM-DD; default today'),
      months: z.coerce.number().int().min(3).max(60).default(12).describe('calendar months shown, ending with asOf’s'),
      churnDays: z.coerce.number().int().min(30).max(1095).default(180).describe('a customer silent for longer counts as churned'),
    }),
    status: 200,
    response: PictureOut,
  }),
  movement: contract({
    method: 'GET',
    path: '/analytics/rfm/movement',
    tags: ['analytics'],
    summary: 'How customers moved between RFM segments from one day to another (each day scored on its own); "none" = not a customer yet at the start',
    query: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
    status: 200,
    response: MovementOut,
  }),
  rfm: contract({
    method: 'GET',
    path: '/analytics/rfm',
    tags: ['analytics'],
    summary: 'RFM of every customer at a date (default today in the workspace’s time zone): segment sizes and revenue, and the R×F grid',
    query: z.strictObject({ asOf: z.iso.date().optional().describe('YYYY-MM-DD') }),
    status: 200,
    response: RfmSummaryOut,
  }),
};
