import { sql, type Expression, type SqlBool } from 'kysely';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import { CHURN_DAYS, type KpiFilter, type Observations } from '@kith/domain/kpis/kpis.ts';
import type { Db } from '../../platform/db/create-db.ts';

/**
 * The observations behind each built-in KPI for one period, per member credited (the user id is the map's key),
 * read from what Kith records. The ranges are instants [from, to) — the period's local midnights in the workspace's
 * zone (kpis.ts periodRange). Every query starts from the workspace. Figures are made from these in kpi.service.ts;
 * the tests recompute each KPI with their own plain SQL.
 */

export type Range = { from: string; to: string };
type PerUser = Map<string, Observations>;

const PAID = ['paid', 'delivered'] as const;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** What nobody is credited with (an unowned customer, an unassigned ticket) is kept under '' for the workspace's totals. */
function add(out: PerUser, who: string | null, sum: number, n: number): void {
  const user = who ?? '';
  const o = out.get(user);
  if (o) {
    o.sum += sum;
    o.n += n;
  } else out.set(user, { sum, n });
}

function addValue(out: PerUser, who: string | null, value: number, times = 1): void {
  const user = who ?? '';
  let o = out.get(user);
  if (!o) out.set(user, (o = { sum: 0, n: 0, values: [] }));
  for (let i = 0; i < times; i++) o.values!.push(value);
  o.n += times;
}

/** The customer conditions of a filter (segment, lifecycle stage) on the contacts table aliased `c`. */
function customerWhere(workspaceId: string, f: KpiFilter): Expression<SqlBool> {
  const ands = [sql`c.deleted_at is null`];
  if (f.lifecycleStage) ands.push(sql`c.lifecycle_stage = ${f.lifecycleStage}`);
  if (f.segmentId)
    ands.push(
      sql`exists (select 1 from segment_members sm where sm.workspace_id = ${workspaceId} and sm.segment_id = ${f.segmentId} and sm.contact_id = c.id)`,
    );
  return sql<SqlBool>`(${sql.join(ands, sql` and `)})`;
}

/** Only these members' figures (null: everyone's) — a personal or team scorecard does not work out the workspace's. */
export type Only = readonly string[] | null;
const among = (col: string, only: Only) =>
  only === null ? sql<boolean>`1 = 1` : only.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${sql.ref(col)} in (${sql.join([...only])})`;

/** Revenue of the paid (paid or delivered) orders of the period in the workspace's currency, credited to the customer's owner or to whoever entered the order. */
export async function orderRevenue(
  db: Db,
  ws: string,
  r: Range,
  currency: string,
  credit: 'owner' | 'taker',
  f: KpiFilter,
  only: Only = null,
): Promise<PerUser> {
  const who = credit === 'owner' ? sql.ref<string | null>('c.owner_id') : sql.ref<string | null>('o.created_by');
  let q = db
    .selectFrom('orders as o')
    .innerJoin('contacts as c', 'c.id', 'o.contact_id')
    .where('o.workspace_id', '=', ws)
    .where('o.deleted_at', 'is', null)
    .where('o.status', 'in', [...PAID])
    .where('o.currency', '=', currency)
    .where('o.ordered_at', '>=', r.from)
    .where('o.ordered_at', '<', r.to)
    .where(customerWhere(ws, f))
    .where(among(credit === 'owner' ? 'c.owner_id' : 'o.created_by', only));
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  const out: PerUser = new Map();
  if (f.productCategoryId) {
    const rows = await q
      .innerJoin('order_lines as ol', 'ol.order_id', 'o.id')
      .innerJoin('products as p', 'p.id', 'ol.product_id')
      .where('p.category_id', '=', f.productCategoryId)
      .select([who.as('u'), sql<string>`sum(ol.line_total)`.as('s'), sql<string>`count(distinct o.id)`.as('n')])
      .groupBy(who)
      .execute();
    for (const x of rows) add(out, x.u, num(x.s), num(x.n));
    return out;
  }
  const rows = await q
    .select([who.as('u'), sql<string>`sum(o.total)`.as('s'), sql<string>`count(*)`.as('n')])
    .groupBy(who)
    .execute();
  for (const x of rows) add(out, x.u, num(x.s), num(x.n));
  return out;
}

/** Customers owned with a purchase in the period, new (no purchase before) or returning (one before). */
export async function buyersOfPeriod(db: Db, ws: string, r: Range, kind: 'new' | 'repeat', f: KpiFilter, only: Only = null): Promise<PerUser> {
  const before = sql<boolean>`exists (select 1 from orders o2 where o2.workspace_id = ${ws} and o2.contact_id = o.contact_id and o2.deleted_at is null and o2.status in (${sql.join([...PURCHASE_STATUSES])}) and o2.ordered_at < ${r.from})`;
  let q = db
    .selectFrom('orders as o')
    .innerJoin('contacts as c', 'c.id', 'o.contact_id')
    .where('o.workspace_id', '=', ws)
    .where('o.deleted_at', 'is', null)
    .where('o.status', 'in', [...PURCHASE_STATUSES])
    .where('o.ordered_at', '>=', r.from)
    .where('o.ordered_at', '<', r.to)
    .where(customerWhere(ws, f))
    .where(among('c.owner_id', only))
    .where(kind === 'new' ? sql<boolean>`not ${before}` : before);
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  const rows = await q
    .select([sql.ref<string | null>('c.owner_id').as('u'), sql<string>`count(distinct o.contact_id)`.as('n')])
    .groupBy('c.owner_id')
    .execute();
  const out: PerUser = new Map();
  for (const x of rows) add(out, x.u, num(x.n), num(x.n));
  return out;
}

/**
 * Churn: of the customers owned who were active when the period began (a purchase in the CHURN_DAYS before), those
 * whose latest purchase before the period's end is more than CHURN_DAYS before that end — they passed the line
 * during the period without buying again. `sum` churned of `n` active.
 */
export async function churn(db: Db, ws: string, r: Range, f: KpiFilter, only: Only = null): Promise<PerUser> {
  const start = new Date(Date.parse(r.from) - CHURN_DAYS * 86_400_000).toISOString();
  const line = new Date(Date.parse(r.to) - CHURN_DAYS * 86_400_000).toISOString();
  const last = db
    .selectFrom('orders as o')
    .where('o.workspace_id', '=', ws)
    .where('o.deleted_at', 'is', null)
    .where('o.status', 'in', [...PURCHASE_STATUSES])
    .where('o.ordered_at', '>=', start)
    .where('o.ordered_at', '<', r.to)
    .where(
      only === null
        ? sql<boolean>`1 = 1`
        : sql<boolean>`o.contact_id in (select oc.id from contacts oc where oc.workspace_id = ${ws} and ${among('oc.owner_id', only)})`,
    )
    .groupBy('o.contact_id')
    .having(sql<boolean>`min(o.ordered_at) < ${r.from}`)
    .select(['o.contact_id', sql<string>`max(o.ordered_at)`.as('last_at')]);
  const rows = await db
    .selectFrom(last.as('l'))
    .innerJoin('contacts as c', 'c.id', 'l.contact_id')
    .where(customerWhere(ws, f))
    .where(among('c.owner_id', only))
    .select([
      sql.ref<string | null>('c.owner_id').as('u'),
      sql<string>`count(*)`.as('n'),
      sql<string>`sum(case when l.last_at < ${line} then 1 else 0 end)`.as('s'),
    ])
    .groupBy('c.owner_id')
    .execute();
  const out: PerUser = new Map();
  for (const x of rows) add(out, x.u, num(x.s), num(x.n));
  return out;
}

/** Deals closed in the period by their owner: won count and value (workspace currency), and won of closed. */
export async function dealsClosed(
  db: Db,
  ws: string,
  r: Range,
  currency: string,
  f: KpiFilter,
  only: Only = null,
): Promise<{ won: PerUser; value: PerUser; rate: PerUser }> {
  let q = db
    .selectFrom('deals as d')
    .where('d.workspace_id', '=', ws)
    .where('d.deleted_at', 'is', null)
    .where('d.status', 'in', ['won', 'lost'])
    .where('d.closed_at', '>=', r.from)
    .where('d.closed_at', '<', r.to)
    .where(among('d.owner_id', only));
  if (f.segmentId || f.lifecycleStage) q = q.innerJoin('contacts as c', 'c.id', 'd.contact_id').where(customerWhere(ws, f));
  const rows = await q
    .select([
      'd.owner_id as u',
      'd.status',
      sql<string>`count(*)`.as('n'),
      sql<string>`sum(case when d.currency = ${currency} then d.amount else 0 end)`.as('s'),
    ])
    .groupBy(['d.owner_id', 'd.status'])
    .execute();
  const won: PerUser = new Map();
  const value: PerUser = new Map();
  const rate: PerUser = new Map();
  for (const x of rows) {
    const n = num(x.n);
    if (x.status === 'won') {
      add(won, x.u, n, n);
      add(value, x.u, num(x.s), n);
      add(rate, x.u, n, n);
    } else add(rate, x.u, 0, n);
  }
  return { won, value, rate };
}

/** Interactions each member logged in the period (narrowed by kind, channel or customer). */
export async function interactionsLogged(db: Db, ws: string, r: Range, f: KpiFilter, only: Only = null): Promise<PerUser> {
  let q = db
    .selectFrom('interactions as i')
    .where('i.workspace_id', '=', ws)
    .where('i.deleted_at', 'is', null)
    .where('i.occurred_at', '>=', r.from)
    .where('i.occurred_at', '<', r.to)
    .where(among('i.author_id', only));
  if (f.interactionKind) q = q.where('i.kind', '=', f.interactionKind);
  if (f.channel) q = q.where('i.channel', '=', f.channel);
  if (f.segmentId || f.lifecycleStage) q = q.innerJoin('contacts as c', 'c.id', 'i.contact_id').where(customerWhere(ws, f));
  const rows = await q
    .select(['i.author_id as u', sql<string>`count(*)`.as('n')])
    .groupBy('i.author_id')
    .execute();
  const out: PerUser = new Map();
  for (const x of rows) add(out, x.u, num(x.n), num(x.n));
  return out;
}

/** Tasks done in the period by their assignee: `sum` on time (by the due time, or without one) of `n` done. */
export async function tasksDone(db: Db, ws: string, r: Range, only: Only = null): Promise<PerUser> {
  const rows = await db
    .selectFrom('tasks as t')
    .where('t.workspace_id', '=', ws)
    .where('t.deleted_at', 'is', null)
    .where('t.done_at', '>=', r.from)
    .where('t.done_at', '<', r.to)
    .where(among('t.assignee_id', only))
    .select([
      't.assignee_id as u',
      sql<string>`count(*)`.as('n'),
      sql<string>`sum(case when t.due_at is null or t.done_at <= t.due_at then 1 else 0 end)`.as('s'),
    ])
    .groupBy('t.assignee_id')
    .execute();
  const out: PerUser = new Map();
  for (const x of rows) add(out, x.u, num(x.s), num(x.n));
  return out;
}

export type TicketRow = {
  id: string;
  assignee_id: string | null;
  created_at: string;
  first_responded_at: string | null;
  resolved_at: string | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  sla_pauses: unknown;
};

/** The tickets first answered or resolved in the period (the SLA and time KPIs are worked out from them in the service, in working time). */
export async function ticketsOfPeriod(db: Db, ws: string, r: Range, f: KpiFilter, only: Only = null): Promise<TicketRow[]> {
  let q = db
    .selectFrom('tickets as t')
    .where('t.workspace_id', '=', ws)
    .where('t.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('t.resolved_at', '>=', r.from), eb('t.resolved_at', '<', r.to)]),
        eb.and([eb('t.first_responded_at', '>=', r.from), eb('t.first_responded_at', '<', r.to)]),
      ]),
    )
    .where(among('t.assignee_id', only));
  if (f.ticketCategory) q = q.where('t.category', '=', f.ticketCategory);
  if (f.channel) q = q.where('t.channel', '=', f.channel);
  if (f.segmentId || f.lifecycleStage) q = q.innerJoin('contacts as c', 'c.id', 't.contact_id').where(customerWhere(ws, f));
  return (await q
    .select([
      't.id',
      't.assignee_id',
      't.created_at',
      't.first_responded_at',
      't.resolved_at',
      't.first_response_due_at',
      't.resolution_due_at',
      't.sla_pauses',
    ])
    .execute()) as TicketRow[];
}

/** Who a survey answer or invitation is credited to: the agent of the ticket it is about, else the customer's owner. */
const servedBy = sql<string | null>`coalesce(a.agent_id, c.owner_id)`;

/** Scale answers (csat or nps) of the period, credited to whoever served the customer, as counts per value. */
export async function scaleAnswers(db: Db, ws: string, r: Range, type: 'csat' | 'nps', f: KpiFilter, only: Only = null): Promise<PerUser> {
  const rows = await db
    .selectFrom('survey_answers as a')
    .innerJoin('contacts as c', 'c.id', 'a.contact_id')
    .where('a.workspace_id', '=', ws)
    .where('a.type', '=', type)
    .where('a.value_num', 'is not', null)
    .where('a.answered_at', '>=', r.from)
    .where('a.answered_at', '<', r.to)
    .where(customerWhere(ws, f))
    .where(only === null ? sql<boolean>`1 = 1` : only.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${servedBy} in (${sql.join([...only])})`)
    .select([servedBy.as('u'), 'a.value_num as v', sql<string>`count(*)`.as('n')])
    .groupBy([servedBy, 'a.value_num'])
    .execute();
  const out: PerUser = new Map();
  for (const x of rows) addValue(out, x.u, Number(x.v), num(x.n));
  return out;
}

/** Survey invitations sent in the period: `sum` answered of `n` sent, credited to the ticket's assignee or the customer's owner. */
export async function invitationsAnswered(db: Db, ws: string, r: Range, f: KpiFilter, only: Only = null): Promise<PerUser> {
  const who = sql<string | null>`coalesce(t.assignee_id, c.owner_id)`;
  const rows = await db
    .selectFrom('survey_invitations as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .leftJoin('tickets as t', 't.id', 'i.ticket_id')
    .where('i.workspace_id', '=', ws)
    .where('i.created_at', '>=', r.from)
    .where('i.created_at', '<', r.to)
    .where(customerWhere(ws, f))
    .where(only === null ? sql<boolean>`1 = 1` : only.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${who} in (${sql.join([...only])})`)
    .select([who.as('u'), sql<string>`count(*)`.as('n'), sql<string>`count(i.responded_at)`.as('s')])
    .groupBy(who)
    .execute();
  const out: PerUser = new Map();
  for (const x of rows) add(out, x.u, num(x.s), num(x.n));
  return out;
}

/** A saved segment's customers each member owns now: how many, or the sum of their lifetime spend or orders (customer_stats). */
export async function segmentOwned(db: Db, ws: string, segmentId: string, field: 'count' | 'spend' | 'orders', only: Only = null): Promise<PerUser> {
  let q = db
    .selectFrom('segment_members as sm')
    .innerJoin('contacts as c', 'c.id', 'sm.contact_id')
    .where('sm.workspace_id', '=', ws)
    .where('sm.segment_id', '=', segmentId)
    .where('c.deleted_at', 'is', null)
    .where(among('c.owner_id', only));
  const out: PerUser = new Map();
  if (field === 'count') {
    const rows = await q
      .select([sql.ref<string | null>('c.owner_id').as('u'), sql<string>`count(*)`.as('n')])
      .groupBy('c.owner_id')
      .execute();
    for (const x of rows) add(out, x.u, num(x.n), num(x.n));
    return out;
  }
  q = q.leftJoin('customer_stats as s', (j) => j.onRef('s.contact_id', '=', 'sm.contact_id').on('s.workspace_id', '=', ws));
  const col = field === 'spend' ? sql`coalesce(s.spend, 0)` : sql`coalesce(s.orders, 0)`;
  const rows = await q
    .select([sql.ref<string | null>('c.owner_id').as('u'), sql<string>`sum(${col})`.as('s'), sql<string>`count(*)`.as('n')])
    .groupBy('c.owner_id')
    .execute();
  for (const x of rows) add(out, x.u, num(x.s), num(x.n));
  return out;
}

/** The workspace's members with their teams (a team's figures are its members'). */
export async function membersAndTeams(
  db: Db,
  ws: string,
): Promise<{ members: { userId: string; name: string; role: string }[]; teams: { id: string; name: string; members: string[] }[] }> {
  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.workspace_id', '=', ws)
    .select(['m.user_id as userId', 'u.name', 'm.role'])
    .orderBy('u.name')
    .execute();
  const teams = await db.selectFrom('teams').where('workspace_id', '=', ws).select(['id', 'name']).orderBy('name').execute();
  const links = await db.selectFrom('team_members').where('workspace_id', '=', ws).select(['team_id', 'user_id']).execute();
  return {
    members,
    teams: teams.map((t) => ({ ...t, members: links.filter((l) => l.team_id === t.id).map((l) => l.user_id) })),
  };
}

/** The workspace's members' emails (targets from a file name people by email). */
export async function memberEmails(db: Db, ws: string): Promise<{ userId: string; email: string }[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.workspace_id', '=', ws)
    .select(['m.user_id as userId', 'u.email'])
    .execute();
}
