/**
 * (m) The NPS/CSAT dashboard over 1,000,000 survey answers (issue 6): `surveyResults` — NPS with its
 * interval, CSAT and CES, the distributions, monthly or weekly trends in the workspace's time zone and a
 * breakdown by team, agent or RFM segment — for the last twelve months of 500,000 responses (an NPS and a
 * CSAT answer each), loaded raw (not timed), then their daily counts recounted (timed, reported: what a change
 * of time zone costs; a response keeps them as it is stored).
 *
 * Baselines in the same run: the floor, one aggregate query that counts the answers by type and value over
 * the same period (what any dashboard must at least read); and the naive way, every answer's value read
 * into the process and summarised there.
 */
import { randomBytes } from 'node:crypto';
import { npsSummary, csatSummary } from '@kith/domain/surveys/survey-stats.ts';
import { createSurvey } from '@kith/server/features/surveys/survey.service.ts';
import { surveyResults, type Breakdown } from '@kith/server/features/surveys/survey-results.service.ts';
import { rebuildRollup } from '@kith/server/features/surveys/survey-rollup.ts';
import { bulkInsert } from '@kith/server/platform/db/bulk-insert.ts';
import { uuidv7 } from '@kith/server/platform/db/ids.ts';
import { refreshPlannerStats } from '@kith/server/platform/db/planner-stats.ts';
import { benchWorkspace, dist, int, log, openBenchDb, rng, type Dialect, type Dist } from './lib.ts';

export const SURVEY_ANSWERS = Number(process.env.KITH_BENCH_ANSWERS ?? 1_000_000);
const RUNS = 7;
const FROM = '2025-12-01T00:00:00.000Z';
const TO = '2026-12-01T00:00:00.000Z';

export type SurveysBenchResult = {
  answers: number;
  loadSeconds: number;
  recountSeconds: number;
  rollupRows: number;
  queries: { name: string; ms: Dist }[];
  floor: Dist;
  naive: Dist;
  nps: number | null;
};

async function timed(runs: number, f: () => Promise<unknown>): Promise<Dist> {
  await f(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    samples.push(performance.now() - t0);
  }
  return dist(samples);
}

export async function benchSurveys(dialect: Dialect, keep = false): Promise<SurveysBenchResult> {
  const db = await openBenchDb(dialect, 'surveys', { throwaway: !keep });
  try {
    const { core } = db;
    const ws = await benchWorkspace(core);
    const survey = await createSurvey(core, ws.actor, {
      name: 'Sau hỗ trợ',
      questions: [
        { type: 'nps', text: { vi: 'Anh/chị có giới thiệu chúng tôi không?' } },
        { type: 'csat', text: { vi: 'Anh/chị hài lòng không?' } },
      ],
      trigger: { kind: 'manual' },
      followUp: { enabled: false, npsMax: 6, csatMax: 2, priority: 'high' },
      expiresDays: 30,
      status: 'active',
    });
    const [npsQ, csatQ] = survey.questions;
    const u = rng(6);
    const t0 = performance.now();
    const customers = 50_000;
    const contactIds: string[] = [];
    const now = new Date().toISOString();
    const contactRows: Record<string, unknown>[] = [];
    for (let i = 0; i < customers; i++) {
      const id = uuidv7();
      contactIds.push(id);
      contactRows.push({
        id,
        workspace_id: ws.workspaceId,
        name: `Khách ${i}`,
        name_key: `khach ${i}`,
        search_text: `khach ${i}`,
        emails: '[]',
        phones: '[]',
        interests: '[]',
        tags: '[]',
        consents: '{}',
        custom: '{}',
        lifecycle_stage: 'repeat',
        owner_id: ws.userId,
        created_at: now,
        updated_at: now,
        created_by: ws.userId,
        updated_by: ws.userId,
        version: 1,
      });
    }
    for (let i = 0; i < contactRows.length; i += 5_000)
      await core.db.transaction().execute((trx) => bulkInsert(trx, 'contacts', contactRows.slice(i, i + 5_000)));
    // RFM segments for the breakdown by segment: one stored score per customer.
    const segments = ['champions', 'loyal', 'potential_loyalists', 'at_risk', 'hibernating', 'lost'];
    const scores = contactIds.map((id, i) => ({
      contact_id: id,
      workspace_id: ws.workspaceId,
      recency: 10,
      frequency: 2,
      monetary: 100,
      r: 3,
      f: 3,
      m: 3,
      segment: segments[i % segments.length]!,
      p_alive: null,
      expected_purchases: null,
      expected_spend: null,
      clv: null,
      tier: null,
      net_value: null,
      growth: null,
    }));
    for (let i = 0; i < scores.length; i += 5_000) await core.db.transaction().execute((trx) => bulkInsert(trx, 'customer_scores', scores.slice(i, i + 5_000)));
    const teams = Array.from({ length: 4 }, () => uuidv7());
    const agents = Array.from({ length: 24 }, () => uuidv7());
    const categories = ['complaint', 'question', 'request', 'incident'];
    const span = Date.parse(TO) - Date.parse(FROM);
    const responses = Math.floor(SURVEY_ANSWERS / 2);
    const BATCH = 5_000;
    for (let start = 0; start < responses; start += BATCH) {
      const inv: Record<string, unknown>[] = [];
      const res: Record<string, unknown>[] = [];
      const ans: Record<string, unknown>[] = [];
      for (let k = start; k < Math.min(responses, start + BATCH); k++) {
        const ci = Math.floor(u() * customers);
        const contact = contactIds[ci]!;
        const at = new Date(Date.parse(FROM) + Math.floor(u() * span)).toISOString();
        const invId = uuidv7();
        const resId = uuidv7();
        const agent = Math.floor(u() * agents.length);
        const team = teams[agent % teams.length]!;
        const category = categories[Math.floor(u() * categories.length)]!;
        inv.push({
          id: invId,
          workspace_id: ws.workspaceId,
          survey_id: survey.id,
          contact_id: contact,
          token_hash: randomBytes(16).toString('hex'),
          locale: 'vi',
          ticket_id: null,
          order_id: null,
          channel: 'link',
          expires_at: at,
          opened_at: at,
          responded_at: at,
          created_by: null,
          created_at: at,
        });
        res.push({
          id: resId,
          workspace_id: ws.workspaceId,
          survey_id: survey.id,
          invitation_id: invId,
          contact_id: contact,
          ticket_id: null,
          follow_up_ticket_id: null,
          submitted_at: at,
        });
        // A skewed but realistic spread: many 8–10, a tail of detractors, better for some agents.
        const mood = u() + (agent % 5) * 0.03;
        const npsValue = mood > 0.45 ? 9 + Math.floor(u() * 2) : mood > 0.2 ? 7 + Math.floor(u() * 2) : Math.floor(u() * 7);
        const csatValue = mood > 0.4 ? 4 + Math.floor(u() * 2) : 1 + Math.floor(u() * 3);
        const common = {
          workspace_id: ws.workspaceId,
          response_id: resId,
          survey_id: survey.id,
          contact_id: contact,
          value_text: null,
          value_choices: null,
          team_id: team,
          agent_id: agents[agent]!,
          category,
          segment: segments[ci % segments.length]!,
          answered_at: at,
        };
        ans.push(
          { id: uuidv7(), question_id: npsQ!.id, type: 'nps', value_num: npsValue, ...common },
          { id: uuidv7(), question_id: csatQ!.id, type: 'csat', value_num: csatValue, ...common },
        );
      }
      await core.db.transaction().execute(async (trx) => {
        await bulkInsert(trx, 'survey_invitations', inv);
        await bulkInsert(trx, 'survey_responses', res);
        await bulkInsert(trx, 'survey_answers', ans);
      });
      if ((start / BATCH) % 20 === 0) log(`   loaded ${int(start + inv.length)} responses`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    log(`   ${int(responses * 2)} answers of ${int(responses)} responses loaded in ${loadSeconds.toFixed(0)} s (not timed)`);
    // Loaded raw, so the daily counts a response keeps are made the way a zone change remakes them.
    const r0 = performance.now();
    const recount = await rebuildRollup(core, ws.workspaceId);
    const recountSeconds = (performance.now() - r0) / 1000;
    log(`   daily counts recounted from the answers in ${recountSeconds.toFixed(1)} s (${int(recount.rows)} rows)`);
    await refreshPlannerStats(core.dbHandle);

    const queries: { name: string; ms: Dist }[] = [];
    let nps: number | null = null;
    for (const [name, bucket, by] of [
      ['NPS/CSAT/CES, monthly trend, no breakdown', 'month', 'none'],
      ['weekly trend, by agent', 'week', 'agent'],
      ['monthly trend, by team', 'month', 'team'],
      ['monthly trend, by RFM segment', 'month', 'segment'],
    ] as const) {
      const ms = await timed(RUNS, async () => {
        const r = await surveyResults(core, ws.actor, { from: FROM, to: TO, bucket, by: by as Breakdown });
        nps = r.nps.nps;
        if (r.nps.n !== responses) throw new Error(`expected ${responses} NPS answers, got ${r.nps.n}`);
      });
      queries.push({ name, ms });
      log(`   ${name}: p50 ${ms.p50.toFixed(0)} ms, max ${ms.max.toFixed(0)} ms`);
    }
    const floor = await timed(RUNS, () =>
      core.db
        .selectFrom('survey_answers')
        .select(['type', 'value_num', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', ws.workspaceId)
        .where('type', 'in', ['nps', 'csat', 'ces'])
        .where('answered_at', '>=', FROM)
        .where('answered_at', '<', TO)
        .groupBy(['type', 'value_num'])
        .execute(),
    );
    log(`   floor (one aggregate: counts by type and value): p50 ${floor.p50.toFixed(0)} ms`);
    const naive = await timed(3, async () => {
      const rows = await core.db
        .selectFrom('survey_answers')
        .select(['type', 'value_num'])
        .where('workspace_id', '=', ws.workspaceId)
        .where('answered_at', '>=', FROM)
        .where('answered_at', '<', TO)
        .execute();
      npsSummary(rows.filter((r) => r.type === 'nps').map((r) => Number(r.value_num)));
      csatSummary(rows.filter((r) => r.type === 'csat').map((r) => Number(r.value_num)));
    });
    log(`   naive (every answer read and summarised in the process): p50 ${naive.p50.toFixed(0)} ms`);
    return { answers: responses * 2, loadSeconds, recountSeconds, rollupRows: recount.rows, queries, floor, naive, nps };
  } finally {
    if (keep) await db.core.close();
    else await db.drop();
  }
}
