import { sql } from 'kysely';
import { timeZoneOf } from '@kith/domain/time/zone.ts';
import { cesSummary, csatSummary, npsSummary, trend, type NpsSummary, type ScoreSummary, type TrendBucket } from '@kith/domain/surveys/survey-stats.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { dayRange, type RollupDim } from './survey-rollup.ts';

/** Survey results: NPS, CSAT and CES over a period with their trend and breakdowns, and the text answers. */

export type Breakdown = 'none' | 'team' | 'agent' | 'category' | 'segment' | 'survey' | 'product';
export type Results = {
  nps: NpsSummary & { trend: TrendBucket<{ n: number; nps: number | null; low: number | null; high: number | null }>[]; distribution: number[] };
  csat: ScoreSummary & { trend: TrendBucket<{ n: number; mean: number | null; satisfied: number | null }>[]; distribution: number[] };
  ces: ScoreSummary & { distribution: number[] };
  groups: { key: string | null; nps: number | null; npsN: number; npsInterval: { low: number; high: number } | null; csat: number | null; csatN: number }[];
  responses: number;
  invited: number;
};

function expand(counts: number[], min: number): number[] {
  const out: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) out.push(i + min);
  });
  return out;
}

/**
 * NPS, CSAT and CES over the answers given on the workspace's local days from `from` to `to` — of one survey
 * or all — with intervals, trends by week or month, and a breakdown by team, agent, category (of the ticket
 * asked about), survey, RFM segment (the customer's when they answered) or product. Totals, trends and all
 * but the product breakdown are sums over the daily counts (survey-rollup.ts: a few thousand rows a year);
 * the product breakdown joins the answers to their orders' lines, over the same days.
 */
export async function surveyResults(
  core: Core,
  actor: Actor,
  o: { surveyId?: string; from: string; to: string; bucket: 'week' | 'month'; by: Breakdown },
): Promise<Results> {
  authorize(actor, 'surveys.read');
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const tz = ws?.timezone ?? 'Asia/Ho_Chi_Minh';
  const { first, last } = dayRange(tz, o.from, o.to);
  const zone = timeZoneOf(tz);
  const counts = (dim: RollupDim) => {
    let q = core.db
      .selectFrom('survey_answer_days')
      .where('workspace_id', '=', actor.workspaceId)
      .where('dim', '=', dim)
      .where('day', '>=', first)
      .where('day', '<=', last);
    if (o.surveyId) q = q.where('survey_id', '=', o.surveyId);
    return q;
  };
  const byDay = (
    await counts('all')
      .select(['type', 'value', 'day', (eb) => eb.fn.sum<number>('n').as('n')])
      .groupBy(['type', 'value', 'day'])
      .execute()
  ).map((r) => ({ type: r.type, v: Number(r.value), d: r.day, n: Number(r.n) }));

  const groups = new Map<string | null, { nps: number[]; csat: number[] }>();
  const add = (key: string | null, type: string, v: number, n: number) => {
    if (type !== 'nps' && type !== 'csat') return;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { nps: Array(11).fill(0), csat: Array(5).fill(0) }));
    const i = v - (type === 'nps' ? 0 : 1);
    g[type][i] = (g[type][i] ?? 0) + n;
  };
  if (o.by === 'team' || o.by === 'agent' || o.by === 'category' || o.by === 'segment') {
    for (const r of await counts(o.by)
      .select(['type', 'value', 'key', (eb) => eb.fn.sum<number>('n').as('n')])
      .groupBy(['type', 'value', 'key'])
      .execute())
      add(r.key === '' ? null : r.key, r.type, Number(r.value), Number(r.n));
  } else if (o.by === 'survey') {
    for (const r of await counts('all')
      .select(['type', 'value', 'survey_id', (eb) => eb.fn.sum<number>('n').as('n')])
      .groupBy(['type', 'value', 'survey_id'])
      .execute())
      add(r.survey_id, r.type, Number(r.value), Number(r.n));
  } else if (o.by === 'product') {
    // The same local days as instants: from the first day's midnight to the midnight after the last.
    const fromAt = new Date(zone.wallToUtc(Date.parse(`${first}T00:00:00Z`))).toISOString();
    const toAt = new Date(zone.wallToUtc(Date.parse(`${last}T00:00:00Z`) + 86_400_000)).toISOString();
    let q = core.db
      .selectFrom('survey_answers')
      .where('survey_answers.workspace_id', '=', actor.workspaceId)
      .where('survey_answers.type', 'in', ['nps', 'csat'])
      .where('survey_answers.answered_at', '>=', fromAt)
      .where('survey_answers.answered_at', '<', toAt);
    if (o.surveyId) q = q.where('survey_answers.survey_id', '=', o.surveyId);
    // By product: an answer about an order counts for each product on it (answers about no order are left out).
    q = q
      .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .innerJoin('survey_invitations', 'survey_invitations.id', 'survey_responses.invitation_id')
      .innerJoin('order_lines', 'order_lines.order_id', 'survey_invitations.order_id')
      .where('order_lines.product_id', 'is not', null) as unknown as typeof q;
    const groupCol = sql<string | null>`order_lines.product_id`;
    const rows = await q
      .select([
        sql<string>`survey_answers.type`.as('type'),
        sql<number>`survey_answers.value_num`.as('v'),
        groupCol.as('g'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy([sql`1`, sql`2`, sql`3`] as never)
      .execute();
    for (const r of rows) add(r.g === null || r.g === undefined ? null : String(r.g), r.type, Number(r.v), Number(r.n));
  }

  const dist = { nps: Array(11).fill(0) as number[], csat: Array(5).fill(0) as number[], ces: Array(7).fill(0) as number[] };
  for (const r of byDay) {
    const d = dist[r.type as 'nps' | 'csat' | 'ces'];
    const i = r.v - (r.type === 'nps' ? 0 : 1);
    d[i] = (d[i] ?? 0) + r.n;
  }
  // Trends: one timed entry per (day, value) row, at local noon of its day, whose value is the row's index, so
  // a bucket's summary adds up the counts.
  const instantOf = (d: string) => new Date(zone.wallToUtc(Date.parse(`${d}T12:00:00Z`))).toISOString();
  const trendOf = <T>(type: 'nps' | 'csat', summarise: (counts: number[]) => T) => {
    const own = byDay.filter((r) => r.type === type);
    const size = type === 'nps' ? 11 : 5;
    const min = type === 'nps' ? 0 : 1;
    return trend(
      own.map((r, i) => ({ at: instantOf(r.d), value: i })),
      o.bucket,
      tz,
      (idx) => {
        const counts = Array(size).fill(0) as number[];
        for (const i of idx) counts[own[i]!.v - min]! += own[i]!.n;
        return summarise(counts);
      },
    );
  };
  const npsAll = npsSummary(expand(dist.nps, 0));
  const csatAll = csatSummary(expand(dist.csat, 1));
  const cesAll = cesSummary(expand(dist.ces, 1));
  const responses = await core.db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('submitted_at', '>=', o.from)
    .where('submitted_at', '<', o.to)
    .$if(Boolean(o.surveyId), (qb) => qb.where('survey_id', '=', o.surveyId!))
    .executeTakeFirstOrThrow();
  const invited = await core.db
    .selectFrom('survey_invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('created_at', '>=', o.from)
    .where('created_at', '<', o.to)
    .$if(Boolean(o.surveyId), (qb) => qb.where('survey_id', '=', o.surveyId!))
    .executeTakeFirstOrThrow();
  return {
    nps: {
      ...npsAll,
      distribution: dist.nps,
      trend: trendOf('nps', (c) => {
        const s = npsSummary(expand(c, 0));
        return { n: s.n, nps: s.nps, low: s.interval?.low ?? null, high: s.interval?.high ?? null };
      }),
    },
    csat: {
      ...csatAll,
      distribution: dist.csat,
      trend: trendOf('csat', (c) => {
        const s = csatSummary(expand(c, 1));
        return { n: s.n, mean: s.mean, satisfied: s.favourableShare };
      }),
    },
    ces: { ...cesAll, distribution: dist.ces },
    groups: [...groups.entries()]
      .map(([key, g]) => {
        const n = npsSummary(expand(g.nps, 0));
        const c = csatSummary(expand(g.csat, 1));
        return { key, nps: n.nps, npsN: n.n, npsInterval: n.interval, csat: c.favourableShare, csatN: c.n };
      })
      .sort((a, b) => b.npsN + b.csatN - (a.npsN + a.csatN)),
    responses: Number(responses.n),
    invited: Number(invited.n),
  };
}

/** Free-text answers, newest first, searchable (case-insensitive substring), with who gave them. */
export async function textAnswers(
  core: Core,
  actor: Actor,
  o: { q?: string; surveyId?: string; limit: number },
): Promise<{ data: { id: string; surveyId: string; contactId: string; contactName: string | null; text: string; answeredAt: string }[] }> {
  authorize(actor, 'surveys.read');
  let q = core.db
    .selectFrom('survey_answers')
    .innerJoin('contacts', 'contacts.id', 'survey_answers.contact_id')
    .select([
      'survey_answers.id',
      'survey_answers.survey_id',
      'survey_answers.contact_id',
      'contacts.name',
      'survey_answers.value_text',
      'survey_answers.answered_at',
    ])
    .where('survey_answers.workspace_id', '=', actor.workspaceId)
    .where('survey_answers.type', '=', 'text')
    .where('survey_answers.value_text', '<>', '');
  if (o.surveyId) q = q.where('survey_answers.survey_id', '=', o.surveyId);
  if (o.q) {
    const like = `%${o.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql`lower(survey_answers.value_text)`, 'like', sql`${like} escape '\\'`);
  }
  const rows = await q.orderBy('survey_answers.answered_at', 'desc').orderBy('survey_answers.id', 'desc').limit(o.limit).execute();
  return {
    data: rows.map((r) => ({
      id: r.id,
      surveyId: r.survey_id,
      contactId: r.contact_id,
      contactName: r.name,
      text: r.value_text ?? '',
      answeredAt: r.answered_at,
    })),
  };
}
