import { sql, type Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Score and aggregate generations (issue 18): a refresh of a workspace's customer scores, or a rebuild of its
 * purchase aggregates, writes a new generation beside the current one in transactions of bounded size, makes it
 * current in one small transaction (`score_runs.generation`, `customer_stats_state.generation`), then deletes the
 * old one in bounded transactions — so no transaction holds SQLite's write lock for long, and a reader, who reads
 * only the current generation, still never sees a half-written refresh. A customer has a row per generation: the
 * primary key becomes (contact_id, generation), which on SQLite means rebuilding the table. The rows there are
 * kept, as generation 0 (the current one of every workspace).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .alterTable('score_runs')
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('customer_stats_state')
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  const scoreColumns = [
    'contact_id',
    'workspace_id',
    'recency',
    'frequency',
    'monetary',
    'r',
    'f',
    'm',
    'segment',
    'p_alive',
    'expected_purchases',
    'expected_spend',
    'clv',
    'tier',
    'net_value',
    'growth',
  ];
  await db.schema
    .createTable('customer_scores_next')
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
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
    .addColumn('tier', 'text')
    .addColumn('net_value', 'double precision')
    .addColumn('growth', 'double precision')
    .addPrimaryKeyConstraint('customer_scores_generation_pk', ['contact_id', 'generation'])
    .execute();
  const cols = sql.join(scoreColumns.map((c) => sql.ref(c)));
  await sql`insert into customer_scores_next (${cols}) select ${cols} from customer_scores`.execute(db);
  await db.schema.dropTable('customer_scores').execute();
  await db.schema.alterTable('customer_scores_next').renameTo('customer_scores').execute();
  await db.schema.createIndex('customer_scores_ws_segment_idx').on('customer_scores').columns(['workspace_id', 'generation', 'segment']).execute();
  await db.schema.createIndex('customer_scores_ws_clv_idx').on('customer_scores').columns(['workspace_id', 'generation', 'clv']).execute();

  const statsColumns = ['contact_id', 'workspace_id', 'first_day', 'first_amount', 'last_day', 'purchase_days', 'spend', 'orders', 'skipped_orders'];
  await db.schema
    .createTable('customer_stats_next')
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_day', 'integer', (c) => c.notNull())
    .addColumn('first_amount', 'double precision', (c) => c.notNull())
    .addColumn('last_day', 'integer', (c) => c.notNull())
    .addColumn('purchase_days', 'integer', (c) => c.notNull())
    .addColumn('spend', 'double precision', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('skipped_orders', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_stats_generation_pk', ['contact_id', 'generation'])
    .execute();
  const scols = sql.join(statsColumns.map((c) => sql.ref(c)));
  await sql`insert into customer_stats_next (${scols}) select ${scols} from customer_stats`.execute(db);
  await db.schema.dropTable('customer_stats').execute();
  await db.schema.alterTable('customer_stats_next').renameTo('customer_stats').execute();
  await db.schema.createIndex('customer_stats_ws_idx').on('customer_stats').columns(['workspace_id', 'generation', 'contact_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('2026-12-07-005-score-generations cannot be undone: a customer may have rows of two generations');
}
