import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Per-customer purchase aggregates kept current with the orders (issue 5's RFM benchmark): a refresh of the
 * scores ranks a million customers instead of scanning ten million orders. A write to a customer's orders
 * marks the customer dirty; the next reader recomputes the dirty ones from their orders. The state row says
 * in which time zone and currency the days and amounts were counted (a change rebuilds them all).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('customer_stats')
    .addColumn('contact_id', t.id, (c) => c.primaryKey().references('contacts.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('first_day', 'integer', (c) => c.notNull())
    .addColumn('first_amount', 'double precision', (c) => c.notNull())
    .addColumn('last_day', 'integer', (c) => c.notNull())
    .addColumn('purchase_days', 'integer', (c) => c.notNull())
    .addColumn('spend', 'double precision', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('skipped_orders', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_stats_ws_idx').on('customer_stats').columns(['workspace_id', 'contact_id']).execute();
  await db.schema
    .createTable('customer_stats_dirty')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('contact_id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_stats_dirty_pk', ['workspace_id', 'contact_id'])
    .execute();
  await db.schema
    .createTable('customer_stats_state')
    .addColumn('workspace_id', t.id, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('built_at', t.ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_stats_state').execute();
  await db.schema.dropTable('customer_stats_dirty').execute();
  await db.schema.dropTable('customer_stats').execute();
}
