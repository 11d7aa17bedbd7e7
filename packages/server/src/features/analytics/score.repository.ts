import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/create-db.ts';
import { bulkInsert } from '../../platform/db/bulk-insert.ts';
import type { Insertable } from 'kysely';
import type { CustomerScoreTable, CustomerStatsTable } from './score.table.ts';

/**
 * Generations of a workspace's customer scores and purchase aggregates (issue 18). A refresh (a rebuild) writes
 * its rows as a new generation beside the current one, in transactions of at most GENERATION_WRITE_ROWS rows —
 * on SQLite each transaction holds the one write lock every other writer waits for — then makes it current in one
 * small transaction (`score_runs.generation`, `customer_stats_state.generation`), then deletes the other
 * generations' rows in transactions as small. Readers read only the current generation, through the helpers
 * here, so they see the old rows or the new ones, never a mix.
 */

/** Rows written, or deleted, per transaction of a refresh or a rebuild. */
export const GENERATION_WRITE_ROWS = 1_000;

/** The current generation of a workspace's scores (0 before any refresh), as an expression: `workspace` a value or a column. */
export const currentScoreGeneration = (workspace: string | Expression<string>): RawBuilder<number> =>
  sql<number>`coalesce((select sr.generation from score_runs sr where sr.workspace_id = ${workspace}), 0)`;

/** The current generation of a workspace's purchase aggregates (0 before any rebuild). */
export const currentStatsGeneration = (workspace: string | Expression<string>): RawBuilder<number> =>
  sql<number>`coalesce((select ss.generation from customer_stats_state ss where ss.workspace_id = ${workspace}), 0)`;

/** The workspace's current scores: every reader of customer_scores starts here (`generation` pinned when a reader pages through them). */
export const currentScores = (db: Db, workspaceId: string, generation?: number) =>
  db
    .selectFrom('customer_scores')
    .where('workspace_id', '=', workspaceId)
    .where('generation', '=', generation ?? currentScoreGeneration(workspaceId));

/** One column of a contact's current score, correlated with the contact's row `contactRef` (a contact list's field). */
export const currentScoreColumn = (column: string, contactRef: string): RawBuilder<unknown> =>
  sql`(select s.${sql.ref(column)} from customer_scores s where s.contact_id = ${sql.ref(contactRef)} and s.generation = ${currentScoreGeneration(sql.ref('s.workspace_id'))})`;

/** The workspace's current purchase aggregates, `generation` pinned when a reader pages through them. */
export const currentStats = (db: Db, workspaceId: string, generation?: number) =>
  db
    .selectFrom('customer_stats')
    .where('workspace_id', '=', workspaceId)
    .where('generation', '=', generation ?? currentStatsGeneration(workspaceId));

/** The generation the workspace's scores are read from now, and the one a refresh will write next. */
export async function scoreGenerations(db: Db, workspaceId: string): Promise<{ current: number; next: number }> {
  const r = await db.selectFrom('score_runs').select('generation').where('workspace_id', '=', workspaceId).executeTakeFirst();
  const current = Number(r?.generation ?? 0);
  return { current, next: current + 1 };
}

export async function statsGeneration(db: Db, workspaceId: string): Promise<number> {
  const r = await db.selectFrom('customer_stats_state').select('generation').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return Number(r?.generation ?? 0);
}

/** Write a batch of a new generation's rows (its own transaction, at most GENERATION_WRITE_ROWS of them). */
export async function insertScoreRows(db: Db, rows: Insertable<CustomerScoreTable>[]): Promise<void> {
  await bulkInsert(db, 'customer_scores', rows);
}

export async function insertStatsRows(db: Db, rows: Insertable<CustomerStatsTable>[]): Promise<void> {
  await bulkInsert(db, 'customer_stats', rows);
}

/**
 * Delete up to `limit` of the workspace's rows of any generation but `keep` (the one current, or being written);
 * how many were deleted. Called until it deletes fewer than the limit, each call its own transaction.
 */
export async function dropOtherGenerations(
  db: Db,
  table: 'customer_scores' | 'customer_stats',
  workspaceId: string,
  keep: number,
  limit: number,
): Promise<number> {
  // By the primary key (contact_id, generation): the subquery picks the rows on the workspace's index, the delete
  // finds them by key (filtering on the workspace there too let SQLite scan every row of the workspace per batch).
  const r = await db
    .deleteFrom(table)
    .where('generation', '<>', keep)
    .where(
      'contact_id',
      'in',
      sql<string>`(select g.contact_id from ${sql.table(table)} g where g.workspace_id = ${workspaceId} and g.generation <> ${keep} limit ${limit})`,
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
