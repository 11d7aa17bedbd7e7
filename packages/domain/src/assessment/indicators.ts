/**
 * The live indicators: figures Kith computes from a workspace's own data that bear on how far a practice is
 * really done. A practice names the indicators that bear on it (framework.ts); what each one measures, its unit,
 * and how its value maps to a suggested Reality level is in `indicator-catalogue.ts`; the server computes them
 * (features/assessment/evidence*.ts). An indicator the workspace cannot compute (no orders yet, no surveys, a
 * capability not built yet) says why instead of scoring 0.
 */
export const INDICATOR_KEYS = [
  // Analysis and planning
  'scored_share_30d', // share of customers with RFM/CLV scores refreshed in the last 30 days
  'segments_in_use', // saved segments used by a playbook (or a campaign)
  'segment_targets', // segments with targets (plans per segment)
  // Customer management: acquisition, penetration, retention
  'new_customers_per_month', // first purchases per month in the period, with its trend
  'repeat_purchase_rate', // share of buyers who bought more than once
  'categories_per_customer', // mean product categories per buyer
  'cross_sell_rate', // share of buyers who bought in two or more categories
  'churn_share', // share of buyers whose P(alive) is below one half
  'win_back_rate', // share of lapsed customers who bought again in the period
  // People and organisation
  'owner_coverage', // share of customers with an owner
  'workload_balance', // how evenly open customers/tickets are spread across agents
  'kpi_coverage', // members with KPIs (people issue)
  'training_coverage', // members with a training record (people issue)
  // Information and technology
  'field_completeness', // key fields filled in
  'duplicates_waiting', // duplicate candidates not yet reviewed, per 1,000 customers
  'stale_records', // customers untouched for a year
  'import_error_rate', // rows refused by imports in the period
  'consent_coverage', // customers with a recorded marketing consent (given or refused)
  // Process
  'sla_attainment', // tickets that met their SLA targets
  'stage_conversion', // deals won of deals closed
  'time_in_stage', // median days an open deal has been in its stage
  'playbook_coverage_new', // new customers enrolled in a playbook
  'automations_active', // automation rules running (automation issue)
  // Measurement
  'kpi_targets', // KPIs with targets (people issue)
  'survey_response_rate', // survey invitations answered
  // Customer experience
  'nps', // Net Promoter Score with its interval and trend
  'csat', // mean satisfaction with its interval
  'ces', // mean customer effort
  'complaint_resolution_time', // median hours to resolve a complaint ticket
  'detractor_follow_up', // detractors followed up within a week
] as const;

export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const isIndicatorKey = (k: string): k is IndicatorKey => (INDICATOR_KEYS as readonly string[]).includes(k);

/** Why an indicator has no value: the workspace has no such data yet, or the capability is not built yet. */
export const UNAVAILABLE_REASONS = [
  'no_customers',
  'no_orders',
  'no_scores',
  'no_segments',
  'no_deals',
  'no_tickets',
  'no_surveys',
  'no_imports',
  'no_agents',
  'not_built',
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

/** One indicator's value for a workspace (or a team) over a period, as the server computes it. */
export type EvidenceValue = {
  readonly key: IndicatorKey;
  /** null when it cannot be computed; `reason` then says why. */
  readonly value: number | null;
  readonly reason: UnavailableReason | null;
  /** How many records the value is computed from (customers, tickets, answers…). */
  readonly n: number;
  /** The period it describes (ISO dates, inclusive). */
  readonly from: string;
  readonly to: string;
  /** The Reality level the value suggests (indicator-catalogue.ts), null when there is no value. */
  readonly suggestedReality: 0 | 1 | 2 | 3 | 4 | null;
  /** A 95% interval, where the value is an estimate (NPS, CSAT, CES). */
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** The value per month over the period, oldest first, where a trend means something (new customers, NPS). */
  readonly trend: readonly { readonly month: string; readonly value: number | null }[] | null;
  /** The web app's path to the records behind it. */
  readonly link: string;
};
