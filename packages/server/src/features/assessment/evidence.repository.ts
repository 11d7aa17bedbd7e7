import { sql } from 'kysely';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { currentScores, currentStats, currentStatsGeneration } from '../analytics/score.repository.ts';

/**
 * The reads behind the assessment's live evidence (evidence.service.ts): a few aggregate queries, each one pass
 * over an index or a table, built for a workspace of a million customers and ten million orders. Customer
 * purchases are read from the per-customer aggregates (`customer_stats`) and the current score generation
 * (`customer_scores`), never by scanning the orders; the orders are touched only through the index on (workspace_id,
 * contact_id, ordered_at), for a random sample of at most EVIDENCE_SAMPLE customers (win-back, categories).
 *
 * Every query takes the workspace; `team` (a team id, or null for the whole business) limits customer-based
 * reads to customers of that team (`contacts.team_id`) and people and ticket reads to that team.
 */

export type Team = string | null;

const n = (v: unknown): number => Number(v ?? 0);

/** A sum of 0/1 cases, portable (PostgreSQL has no boolean sum). */
const count1 = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

/** Live contacts: how many; with an owner; untouched since `staleBefore`; with a consent recorded; key fields filled (0–5 each, summed). */
export async function contactFigures(
  db: Db,
  workspaceId: string,
  team: Team,
  staleBefore: string,
): Promise<{ customers: number; owned: number; stale: number; consented: number; filled: number }> {
  let q = db
    .selectFrom('contacts')
    .select([
      (eb) => eb.fn.countAll<number>().as('customers'),
      count1(sql`owner_id is not null`).as('owned'),
      count1(sql`updated_at < ${staleBefore}`).as('stale'),
      count1(sql`consents is not null and cast(consents as text) not in ('{}', 'null')`).as('consented'),
      sql<number>`sum(
        (case when cast(phones as text) <> '[]' or cast(emails as text) <> '[]' then 1 else 0 end)
        + (case when coalesce(province, '') <> '' then 1 else 0 end)
        + (case when coalesce(gender, '') <> '' then 1 else 0 end)
        + (case when birthday is not null then 1 else 0 end)
        + (case when coalesce(source, '') <> '' then 1 else 0 end))`.as('filled'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null);
  if (team) q = q.where('team_id', '=', team);
  const r = await q.executeTakeFirstOrThrow();
  return { customers: n(r.customers), owned: n(r.owned), stale: n(r.stale), consented: n(r.consented), filled: n(r.filled) };
}

/** The per-customer aggregates in one pass: buyers, and repeat buyers (two purchase days or more). */
export async function purchaseFigures(db: Db, workspaceId: string, team: Team): Promise<{ buyers: number; repeaters: number }> {
  let q = currentStats(db, workspaceId).select([
    count1(sql`customer_stats.purchase_days > 0`).as('buyers'),
    count1(sql`customer_stats.purchase_days >= 2`).as('repeaters'),
  ]);
  if (team) q = q.where(inTeam('customer_stats.contact_id', team, workspaceId));
  const r = await q.executeTakeFirstOrThrow();
  return { buyers: n(r.buyers), repeaters: n(r.repeaters) };
}

/** How many customers have aggregates (the population a sample is drawn from): a count of the aggregates' index. */
export async function statsRows(db: Db, workspaceId: string): Promise<number> {
  return n(
    (
      await currentStats(db, workspaceId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/**
 * A sample of customers: those whose id ends in one of the first `buckets` of 4,096 three-hex-digit endings. Ids
 * are UUIDv7, whose last 62 bits are random, so the sample is a uniform random one, the same on both databases and
 * from one run to the next. Null (everyone) at 4,096 buckets.
 */
export const SAMPLE_BUCKETS = 4096;
export const sampleEnding = (buckets: number): string | null => (buckets >= SAMPLE_BUCKETS ? null : buckets.toString(16).padStart(3, '0'));
const inSample = (column: string, buckets: number) => {
  const below = sampleEnding(buckets);
  return below === null ? sql<boolean>`1 = 1` : sql<boolean>`substr(cast(${sql.ref(column)} as text), 34, 3) < ${below}`;
};

/**
 * The customer is one of the team's: the team's contact ids, read from (workspace_id, team_id, id), drive lookups of
 * the aggregates and scores by their keys — a probe of every contact's row for its team cost 11 s at a million.
 */
const inTeam = (column: string, team: string, workspaceId: string) =>
  sql<boolean>`${sql.ref(column)} in (select c.id from contacts c where c.workspace_id = ${workspaceId} and c.team_id = ${team})`;

/** New customers (first purchase day in [fromDay, toDay]) per day; and how many of them were ever enrolled in a playbook. */
export async function newCustomersByDay(
  db: Db,
  workspaceId: string,
  team: Team,
  fromDay: number,
  toDay: number,
): Promise<{ day: number; customers: number; enrolled: number }[]> {
  let q = currentStats(db, workspaceId)
    .select([
      'customer_stats.first_day as day',
      (eb) => eb.fn.countAll<number>().as('customers'),
      count1(sql`exists (select 1 from playbook_runs pr where pr.workspace_id = customer_stats.workspace_id and pr.contact_id = customer_stats.contact_id)`).as(
        'enrolled',
      ),
    ])
    .where('customer_stats.purchase_days', '>', 0)
    .where('customer_stats.first_day', '>=', fromDay)
    .where('customer_stats.first_day', '<=', toDay);
  if (team) q = q.where(inTeam('customer_stats.contact_id', team, workspaceId));
  const rows = await q.groupBy('customer_stats.first_day').execute();
  return rows.map((r) => ({ day: n(r.day), customers: n(r.customers), enrolled: n(r.enrolled) }));
}

/** A purchase of the customer of `s` placed in [from, to): an index probe on (workspace_id, contact_id, ordered_at). */
const purchaseBetween = (from: string, to: string) =>
  sql`exists (select 1 from orders o where o.workspace_id = customer_stats.workspace_id and o.contact_id = customer_stats.contact_id
    and o.ordered_at >= ${from} and o.ordered_at < ${to} and o.deleted_at is null and o.status in (${sql.join(PURCHASE_STATUSES)}))`;

/**
 * Win-back over a sample of the customers (`buckets`, above): those lapsed at the start of the period — a first
 * purchase before the lapse window [lapseStart, periodStart) and none in it — and of them those back, with a purchase
 * in the period. The aggregates settle most customers (a last purchase before the window: lapsed, not back; in the
 * window: not lapsed); the others need an index probe of their orders in the window, and, when their last purchase is
 * after the period, one in the period.
 */
export async function lapsedReturning(
  db: Db,
  workspaceId: string,
  team: Team,
  o: { lapseDay: number; fromDay: number; toDay: number; lapseStart: string; periodStart: string; periodEnd: string; buckets: number },
): Promise<{ lapsed: number; back: number }> {
  let q = currentStats(db, workspaceId)
    .select([
      (eb) => eb.fn.countAll<number>().as('lapsed'),
      count1(sql`customer_stats.last_day >= ${o.fromDay} and (customer_stats.last_day <= ${o.toDay} or ${purchaseBetween(o.periodStart, o.periodEnd)})`).as(
        'back',
      ),
    ])
    .where('customer_stats.purchase_days', '>', 0)
    .where('customer_stats.first_day', '<', o.lapseDay)
    .where(inSample('customer_stats.contact_id', o.buckets))
    .where(
      sql<boolean>`(customer_stats.last_day < ${o.lapseDay} or (customer_stats.last_day >= ${o.fromDay} and not ${purchaseBetween(o.lapseStart, o.periodStart)}))`,
    );
  if (team) q = q.where(inTeam('customer_stats.contact_id', team, workspaceId));
  const r = await q.executeTakeFirstOrThrow();
  return { lapsed: n(r.lapsed), back: n(r.back) };
}

/**
 * Penetration over the period's purchases, for a sample of the customers (`buckets`): each sampled customer who
 * bought in the period with the number of distinct product categories of their order lines (uncategorised lines
 * add none). Driven from the aggregates (customers whose purchases span the period), each customer's orders in it
 * found on (workspace_id, contact_id, ordered_at).
 */
export async function categoriesPerBuyer(
  db: Db,
  workspaceId: string,
  team: Team,
  o: { fromDay: number; toDay: number; periodStart: string; periodEnd: string; buckets: number },
): Promise<number[]> {
  let q = db
    .selectFrom('customer_stats as s')
    .innerJoin('orders as o', (j) => j.onRef('o.workspace_id', '=', 's.workspace_id').onRef('o.contact_id', '=', 's.contact_id'))
    .innerJoin('order_lines as l', 'l.order_id', 'o.id')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .select(['s.contact_id', sql<number>`count(distinct p.category_id)`.as('cats')])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.generation', '=', currentStatsGeneration(workspaceId))
    .where('s.purchase_days', '>', 0)
    .where('s.last_day', '>=', o.fromDay)
    .where('s.first_day', '<=', o.toDay)
    .where(inSample('s.contact_id', o.buckets))
    .where('o.ordered_at', '>=', o.periodStart)
    .where('o.ordered_at', '<', o.periodEnd)
    .where('o.deleted_at', 'is', null)
    .where('o.status', 'in', PURCHASE_STATUSES);
  if (team) q = q.where(inTeam('s.contact_id', team, workspaceId));
  const rows = await q.groupBy('s.contact_id').execute();
  return rows.map((r) => n(r.cats));
}

/** The current scores: customers scored, with a P(alive), and with a P(alive) below one half; when they were refreshed. */
export async function scoreFigures(
  db: Db,
  workspaceId: string,
  team: Team,
): Promise<{ scored: number; withAlive: number; likelyLost: number; finishedAt: string | null }> {
  let q = currentScores(db, workspaceId).select([
    (eb) => eb.fn.countAll<number>().as('scored'),
    count1(sql`customer_scores.p_alive is not null`).as('with_alive'),
    count1(sql`customer_scores.p_alive < 0.5`).as('lost'),
  ]);
  if (team) q = q.where(inTeam('customer_scores.contact_id', team, workspaceId));
  const [r, run] = await Promise.all([
    q.executeTakeFirstOrThrow(),
    db.selectFrom('score_runs').select('finished_at').where('workspace_id', '=', workspaceId).executeTakeFirst(),
  ]);
  return { scored: n(r.scored), withAlive: n(r.with_alive), likelyLost: n(r.lost), finishedAt: run?.finished_at ?? null };
}

/** The saved segments, and the audiences of the active playbooks (JSON, read by the service). */
export async function segmentUse(db: Db, workspaceId: string): Promise<{ segments: string[]; audiences: unknown[] }> {
  const [segments, playbooks] = await Promise.all([
    db.selectFrom('segments').select('id').where('workspace_id', '=', workspaceId).execute(),
    db
      .selectFrom('playbooks')
      .select('audience')
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'active')
      .where('deleted_at', 'is', null)
      .execute(),
  ]);
  return { segments: segments.map((s) => s.id), audiences: playbooks.map((p) => p.audience) };
}

/** Members who can take tickets (every role but viewer; a team's members for a team) and the open tickets assigned to each. */
export async function openTicketsPerAgent(db: Db, workspaceId: string, team: Team): Promise<{ agents: number; perAgent: number[] }> {
  let members = db.selectFrom('memberships as m').select('m.user_id').where('m.workspace_id', '=', workspaceId).where('m.role', '<>', 'viewer');
  if (team)
    members = members.where((eb) =>
      eb.exists(eb.selectFrom('team_members as tm').select(sql`1`.as('x')).whereRef('tm.user_id', '=', 'm.user_id').where('tm.team_id', '=', team)),
    );
  const agents = (await members.execute()).map((r) => r.user_id);
  if (agents.length === 0) return { agents: 0, perAgent: [] };
  let q = db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['new', 'open', 'waiting_on_customer', 'reopened'])
    .where('assignee_id', 'in', agents);
  if (team) q = q.where('team_id', '=', team);
  const rows = await q.groupBy('assignee_id').execute();
  const by = new Map(rows.map((r) => [r.assignee_id, n(r.n)]));
  return { agents: agents.length, perAgent: agents.map((a) => by.get(a) ?? 0) };
}

/** Duplicate candidates not yet reviewed (for a team: those with a customer of the team). */
export async function openDuplicates(db: Db, workspaceId: string, team: Team): Promise<number> {
  let q = db
    .selectFrom('duplicate_candidates as d')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.workspace_id', '=', workspaceId)
    .where('d.status', '=', 'open');
  if (team)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('contacts as c')
          .select(sql`1`.as('x'))
          .where((w) => w.or([w('c.id', '=', w.ref('d.a_id')), w('c.id', '=', w.ref('d.b_id'))]))
          .where('c.team_id', '=', team),
      ),
    );
  return n((await q.executeTakeFirstOrThrow()).n);
}

/** Imports finished in the period (created in it; undone ones left out): their rows and the rows refused. Imports belong to the workspace, not a team. */
export async function importFigures(
  db: Db,
  workspaceId: string,
  periodStart: string,
  periodEnd: string,
): Promise<{ imports: number; rows: number; failed: number }> {
  const r = await db
    .selectFrom('imports')
    .select([
      (eb) => eb.fn.countAll<number>().as('imports'),
      sql<number>`coalesce(sum(row_count), 0)`.as('rows'),
      sql<number>`coalesce(sum(failed), 0)`.as('failed'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', periodStart)
    .where('created_at', '<', periodEnd)
    .where('status', '=', 'done')
    .executeTakeFirstOrThrow();
  return { imports: n(r.imports), rows: n(r.rows), failed: n(r.failed) };
}

/**
 * SLA targets of the tickets created in the period, decided at `now`: a first response is met when it came by its
 * due time and missed when it came later or is still missing past it; a resolution likewise against its due time
 * (pauses included, `effective_resolution_due_at`). Targets still running count in neither.
 */
export async function slaFigures(
  db: Db,
  workspaceId: string,
  team: Team,
  periodStart: string,
  periodEnd: string,
  now: string,
): Promise<{ met: number; decided: number }> {
  const resDue = sql`coalesce(effective_resolution_due_at, resolution_due_at)`;
  let q = db
    .selectFrom('tickets')
    .select([
      count1(sql`first_response_due_at is not null and first_responded_at is not null and first_responded_at <= first_response_due_at`).as('fr_met'),
      count1(
        sql`first_response_due_at is not null and ((first_responded_at is not null and first_responded_at > first_response_due_at) or (first_responded_at is null and first_response_due_at < ${now}))`,
      ).as('fr_missed'),
      count1(sql`${resDue} is not null and resolved_at is not null and resolved_at <= ${resDue}`).as('res_met'),
      count1(sql`${resDue} is not null and ((resolved_at is not null and resolved_at > ${resDue}) or (resolved_at is null and ${resDue} < ${now}))`).as(
        'res_missed',
      ),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('created_at', '>=', periodStart)
    .where('created_at', '<', periodEnd);
  if (team) q = q.where('team_id', '=', team);
  const r = await q.executeTakeFirstOrThrow();
  const met = n(r.fr_met) + n(r.res_met);
  return { met, decided: met + n(r.fr_missed) + n(r.res_missed) };
}

/** Complaint tickets resolved in the period: when each was created and resolved. */
export async function resolvedComplaints(
  db: Db,
  workspaceId: string,
  team: Team,
  periodStart: string,
  periodEnd: string,
): Promise<{ created_at: string; resolved_at: string }[]> {
  let q = db
    .selectFrom('tickets')
    .select(['created_at', 'resolved_at'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('category', '=', 'complaint')
    .where('resolved_at', '>=', periodStart)
    .where('resolved_at', '<', periodEnd);
  if (team) q = q.where('team_id', '=', team);
  return (await q.execute()) as { created_at: string; resolved_at: string }[];
}

/** Deals closed (won or lost) in the period. */
export async function closedDeals(db: Db, workspaceId: string, team: Team, periodStart: string, periodEnd: string): Promise<{ won: number; closed: number }> {
  let q = db
    .selectFrom('deals')
    .select([count1(sql`status = 'won'`).as('won'), (eb) => eb.fn.countAll<number>().as('closed')])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['won', 'lost'])
    .where('closed_at', '>=', periodStart)
    .where('closed_at', '<', periodEnd);
  if (team) q = q.where('team_id', '=', team);
  const r = await q.executeTakeFirstOrThrow();
  return { won: n(r.won), closed: n(r.closed) };
}

/**
 * Open deals with the time they entered their current stage: the last audited update of the deal that moved it
 * (its audit entry names `toStage`), or its creation.
 */
export async function openDealStages(db: Db, workspaceId: string, team: Team): Promise<{ id: string; since: string }[]> {
  let q = db
    .selectFrom('deals')
    .select(['id', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'open');
  if (team) q = q.where('team_id', '=', team);
  const deals = await q.execute();
  const since = new Map(deals.map((d) => [d.id, d.created_at]));
  const ids = deals.map((d) => d.id);
  for (let i = 0; i < ids.length; i += 500) {
    const moves = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'created_at', 'meta'])
      .where('workspace_id', '=', workspaceId)
      .where('entity_type', '=', 'deal')
      .where('action', '=', 'update')
      .where('entity_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const m of moves) {
      const meta = typeof m.meta === 'string' ? (JSON.parse(m.meta) as Record<string, unknown>) : (m.meta as Record<string, unknown> | null);
      if (!meta || meta.toStage === undefined || !m.entity_id) continue;
      if (m.created_at > (since.get(m.entity_id) ?? '')) since.set(m.entity_id, m.created_at);
    }
  }
  return [...since].map(([id, s]) => ({ id, since: s }));
}

/** Survey invitations sent in the period, and how many were answered. */
export async function invitationFigures(
  db: Db,
  workspaceId: string,
  team: Team,
  periodStart: string,
  periodEnd: string,
): Promise<{ sent: number; answered: number }> {
  let q = db
    .selectFrom('survey_invitations as i')
    .select([(eb) => eb.fn.countAll<number>().as('sent'), count1(sql`i.responded_at is not null`).as('answered')])
    .where('i.workspace_id', '=', workspaceId)
    .where('i.created_at', '>=', periodStart)
    .where('i.created_at', '<', periodEnd);
  if (team) q = q.where(inTeam('i.contact_id', team, workspaceId));
  const r = await q.executeTakeFirstOrThrow();
  return { sent: n(r.sent), answered: n(r.answered) };
}

/**
 * Scale answers (NPS, CSAT, CES) of the period, counted per local day and value: for the whole business from the
 * dashboard's daily counts (`survey_answer_days`, dim 'all'); for a team from the answers of its customers, whose
 * local day the service works out (`at`).
 */
export async function scaleAnswerCounts(
  db: Db,
  workspaceId: string,
  o: { fromDate: string; toDate: string },
): Promise<{ day: string; type: string; value: number; n: number }[]> {
  const rows = await db
    .selectFrom('survey_answer_days')
    .select(['day', 'type', 'value', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('dim', '=', 'all')
    .where('day', '>=', o.fromDate)
    .where('day', '<=', o.toDate)
    .where('type', 'in', ['nps', 'csat', 'ces'])
    .groupBy(['day', 'type', 'value'])
    .execute();
  return rows.map((r) => ({ day: String(r.day), type: r.type, value: Number(r.value), n: n(r.n) }));
}

export async function teamScaleAnswers(
  db: Db,
  workspaceId: string,
  team: string,
  periodStart: string,
  periodEnd: string,
): Promise<{ answered_at: string; type: string; value: number }[]> {
  const rows = await db
    .selectFrom('survey_answers as a')
    .innerJoin('contacts as c', 'c.id', 'a.contact_id')
    .select(['a.answered_at', 'a.type', 'a.value_num'])
    .where('a.workspace_id', '=', workspaceId)
    .where('c.team_id', '=', team)
    .where('a.type', 'in', ['nps', 'csat', 'ces'])
    .where('a.value_num', 'is not', null)
    .where('a.answered_at', '>=', periodStart)
    .where('a.answered_at', '<', periodEnd)
    .execute();
  return rows.map((r) => ({ answered_at: r.answered_at, type: r.type, value: Number(r.value_num) }));
}

/** NPS answers of 0–6 given in the period, with the first response and resolution of the follow-up ticket (if any). */
export async function detractorFollowUps(
  db: Db,
  workspaceId: string,
  team: Team,
  periodStart: string,
  periodEnd: string,
): Promise<{ answered_at: string; responded_at: string | null; resolved_at: string | null }[]> {
  let q = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .leftJoin('tickets as t', 't.id', 'r.follow_up_ticket_id')
    .select(['a.answered_at', 't.first_responded_at as responded_at', 't.resolved_at'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.type', '=', 'nps')
    .where('a.value_num', '<=', 6)
    .where('a.answered_at', '>=', periodStart)
    .where('a.answered_at', '<', periodEnd);
  if (team) q = q.where(inTeam('a.contact_id', team, workspaceId));
  return (await q.execute()) as { answered_at: string; responded_at: string | null; resolved_at: string | null }[];
}

/** The workspace's time zone (days and months are counted in it). */
export async function workspaceZone(db: Db, workspaceId: string): Promise<string | null> {
  const r = await db.selectFrom('workspaces').select('timezone').where('id', '=', workspaceId).executeTakeFirst();
  return r?.timezone ?? null;
}
