import { timeZoneOf } from '@kith/domain/time/zone.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { bulkInsert } from '../../platform/db/bulk-insert.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';

/**
 * The dashboard's counts (`survey_answer_days`): scale answers (NPS, CSAT, CES) counted by the workspace's
 * local day, type and value, once overall (dim 'all') and per team, agent and category of the ticket asked
 * about, and per RFM segment of the customer when they answered. A response adds its counts in its own transaction; the dashboard then sums a few thousand rows for
 * a year instead of reading every answer. The counts depend on the workspace's time zone and on the answers
 * kept, so they are rebuilt from the answers (a job) when the zone changes or a customer is purged.
 */

export const ROLLUP_DIMS = ['all', 'team', 'agent', 'category', 'segment'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];
export const SCALE_TYPES = ['nps', 'csat', 'ces'];
export const SURVEY_ROLLUP_JOB = 'survey.rollup';

export type ScaleAnswer = {
  surveyId: string;
  type: string;
  value: number;
  teamId: string | null;
  agentId: string | null;
  category: string | null;
  segment: string | null;
};

/** The local date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(timeZone: string, at: Date | string): string {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(timeZoneOf(timeZone).localDay(t) * 86_400_000).toISOString().slice(0, 10);
}

type Row = { workspace_id: string; dim: string; day: string; survey_id: string; key: string; type: string; value: number; n: number };

function rowsOf(workspaceId: string, day: string, a: ScaleAnswer): Row[] {
  const base = { workspace_id: workspaceId, day, survey_id: a.surveyId, type: a.type, value: a.value, n: 1 };
  return [
    { ...base, dim: 'all', key: '' },
    { ...base, dim: 'team', key: a.teamId ?? '' },
    { ...base, dim: 'agent', key: a.agentId ?? '' },
    { ...base, dim: 'category', key: a.category ?? '' },
    { ...base, dim: 'segment', key: a.segment ?? '' },
  ];
}

/** Count a response's scale answers (inside its transaction). */
export async function countAnswers(trx: Db, workspaceId: string, timeZone: string, at: Date, answers: ScaleAnswer[]): Promise<void> {
  const day = localDate(timeZone, at);
  for (const a of answers) {
    if (!SCALE_TYPES.includes(a.type)) continue;
    for (const r of rowsOf(workspaceId, day, a)) {
      await trx
        .insertInto('survey_answer_days')
        .values(r)
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'dim', 'day', 'survey_id', 'key', 'type', 'value']).doUpdateSet((eb) => ({ n: eb('survey_answer_days.n', '+', 1) })),
        )
        .execute();
    }
  }
}

/**
 * Recount a workspace's answers from scratch, in one transaction (readers see the old counts until it
 * commits). The answers are read in pages and counted here, so the zone's rules (summer time included) are
 * applied the same on both databases.
 */
export async function rebuildRollup(core: Core, workspaceId: string): Promise<{ answers: number; rows: number }> {
  const ws = await findWorkspace(core.db, workspaceId);
  if (!ws) return { answers: 0, rows: 0 };
  const zone = timeZoneOf(ws.timezone);
  // A zone's offset changes only at a quarter hour (every offset is a multiple of 15 minutes): one lookup per
  // quarter hour instead of one per answer.
  const offsets = new Map<number, number>();
  const dayOf = (t: number) => {
    const q = Math.floor(t / 900_000);
    let off = offsets.get(q);
    if (off === undefined) offsets.set(q, (off = zone.offsetAt(q * 900_000)));
    return new Date(Math.floor((t + off) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  };
  const counts = new Map<string, Row>();
  let answers = 0;
  // Read a week at a time through the answers' (workspace, type, time) index: ranges, no sort.
  const span = await core.db
    .selectFrom('survey_answers')
    .select((eb) => [eb.fn.min('answered_at').as('first'), eb.fn.max('answered_at').as('last')])
    .where('workspace_id', '=', workspaceId)
    .where('type', 'in', SCALE_TYPES)
    .executeTakeFirst();
  const WEEK = 7 * 86_400_000;
  if (span?.first && span.last) {
    const last = Date.parse(String(span.last));
    for (let from = Date.parse(String(span.first)); from <= last; from += WEEK) {
      const page = await core.db
        .selectFrom('survey_answers')
        .select(['survey_id', 'type', 'value_num', 'answered_at', 'team_id', 'agent_id', 'category', 'segment'])
        .where('workspace_id', '=', workspaceId)
        .where('type', 'in', SCALE_TYPES)
        .where('answered_at', '>=', new Date(from).toISOString())
        .where('answered_at', '<', new Date(from + WEEK).toISOString())
        .execute();
      for (const r of page) {
        if (r.value_num === null) continue;
        answers++;
        const day = dayOf(Date.parse(r.answered_at));
        for (const row of rowsOf(workspaceId, day, {
          surveyId: r.survey_id,
          type: r.type,
          value: Number(r.value_num),
          teamId: r.team_id,
          agentId: r.agent_id,
          category: r.category,
          segment: r.segment,
        })) {
          const k = `${row.dim}|${row.day}|${row.survey_id}|${row.key}|${row.type}|${row.value}`;
          const x = counts.get(k);
          if (x) x.n++;
          else counts.set(k, row);
        }
      }
    }
  }
  const rows = [...counts.values()];
  await core.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('survey_answer_days').where('workspace_id', '=', workspaceId).execute();
    for (let i = 0; i < rows.length; i += 5_000) await bulkInsert(trx, 'survey_answer_days', rows.slice(i, i + 5_000));
  });
  return { answers, rows: rows.length };
}

/** Schedule a rebuild (once per workspace and minute, however many changes ask for one). */
export async function scheduleRollupRebuild(db: Db, workspaceId: string, now: Date): Promise<void> {
  await enqueue(
    db,
    { kind: SURVEY_ROLLUP_JOB, workspaceId, key: `survey-rollup:${workspaceId}:${now.toISOString().slice(0, 16)}`, payload: { workspaceId } },
    now,
  );
}

/** Local days from `from` (its day) to `to` (the day of its last instant), both included. */
export function dayRange(timeZone: string, from: string, to: string): { first: string; last: string } {
  return { first: localDate(timeZone, from), last: localDate(timeZone, new Date(Date.parse(to) - 1)) };
}
