import type { Kysely } from 'kysely';

/**
 * A team's customers found from the team (issue 19): the assessment of one team reads its customers' aggregates and
 * scores by their ids, driven from this index, instead of probing each of the workspace's million contacts for its
 * team (15.6 s against a 5 s target, BENCHMARKS (o)).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('contacts_ws_team_idx').on('contacts').columns(['workspace_id', 'team_id', 'id']).execute();
}
