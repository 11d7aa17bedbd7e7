import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Customer scores (issue 5): each customer's RFM and lifetime-value figures as of the workspace's last
 * refresh, one row per customer, replaced as a whole by each refresh; and the refresh itself (when, as of
 * which day, the fitted parameters) on the workspace's row of `score_runs`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('customer_scores')
    .addColumn('contact_id', t.id, (c) => c.primaryKey().references('contacts.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('recency', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'integer', (c) => c.notNull())
    .addColumn('monetary', 'double precision', (c) => c.notNull())
    .addColumn('r', 'integer', (c) => c.notNull())
    .addColumn('f', 'integer', (c) => c.notNull())
    .addColumn('m', 'integer', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('p_alive', 'double precision')
    .addColumn('expected_purchases', 'double precision')
    .addColumn('expected_spend', 'double precision')
    .addColumn('clv', 'double precision')
    .execute();
  await db.schema.createIndex('customer_scores_ws_segment_idx').on('customer_scores').columns(['workspace_id', 'segment']).execute();
  await db.schema.createIndex('customer_scores_ws_clv_idx').on('customer_scores').columns(['workspace_id', 'clv']).execute();

  await db.schema
    .createTable('score_runs')
    .addColumn('workspace_id', t.id, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addColumn('models', t.json)
    .addColumn('note', 'text')
    .addColumn('started_at', t.ts, (c) => c.notNull())
    .addColumn('finished_at', t.ts, (c) => c.notNull())
    .addColumn('run_by', t.id)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('score_runs').execute();
  await db.schema.dropTable('customer_scores').execute();
}
