import { sql } from 'kysely';
import type { Db } from '../../platform/db/create-db.ts';

/** What the home page reads that no other feature's query gives: a member's open deals by stage, a team's open tasks per person, the NPS answers per month. */

export async function openDealsByStage(db: Db, ws: string, ownerId: string, currency: string) {
  return db
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .where('d.workspace_id', '=', ws)
    .where('d.owner_id', '=', ownerId)
    .where('d.status', '=', 'open')
    .where('d.deleted_at', 'is', null)
    .select([
      'd.stage_id as stageId',
      's.name',
      's.position',
      sql<string>`count(*)`.as('deals'),
      sql<string>`sum(case when d.currency = ${currency} then d.amount else 0 end)`.as('value'),
    ])
    .groupBy(['d.stage_id', 's.name', 's.position'])
    .orderBy('s.position')
    .execute();
}

/** Open tasks of these members: how many, overdue (due before now) and due today (before `endOfToday`). */
export async function openTasksOf(db: Db, ws: string, userIds: readonly string[], now: string, endOfToday: string) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('tasks')
    .where('workspace_id', '=', ws)
    .where('assignee_id', 'in', [...userIds])
    .where('done_at', 'is', null)
    .where('deleted_at', 'is', null)
    .select([
      'assignee_id as userId',
      sql<string>`count(*)`.as('open'),
      sql<string>`sum(case when due_at < ${now} then 1 else 0 end)`.as('overdue'),
      sql<string>`sum(case when due_at >= ${now} and due_at < ${endOfToday} then 1 else 0 end)`.as('today'),
    ])
    .groupBy('assignee_id')
    .execute();
}

/** NPS answers counted per local day and value (the survey dashboard's counts), overall or for some teams. */
export async function npsCounts(db: Db, ws: string, fromDay: string, teamIds: readonly string[] | null) {
  let q = db
    .selectFrom('survey_answer_days')
    .where('workspace_id', '=', ws)
    .where('type', '=', 'nps')
    .where('day', '>=', fromDay)
    .select(['day', 'value', sql<string>`sum(n)`.as('n')])
    .groupBy(['day', 'value']);
  q = teamIds ? q.where('dim', '=', 'team').where('key', 'in', teamIds.length ? [...teamIds] : ['']) : q.where('dim', '=', 'all');
  return q.execute();
}
