import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Issue 5's value tiers and needs: each customer's tier (most valuable, most growable, maintain, below zero)
 * with the net value and growth it was ranked by; a workspace's analytics settings (its RFM grid and tier
 * thresholds and costs); and the product affinities (co-purchase lift) of the last refresh.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema.alterTable('customer_scores').addColumn('tier', 'text').execute();
  await db.schema.alterTable('customer_scores').addColumn('net_value', 'double precision').execute();
  await db.schema.alterTable('customer_scores').addColumn('growth', 'double precision').execute();
  await db.schema.createIndex('customer_scores_ws_tier_idx').on('customer_scores').columns(['workspace_id', 'tier']).execute();
  await db.schema.alterTable('workspaces').addColumn('analytics_settings', t.json).execute();
  await db.schema
    .createTable('product_affinities')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('product_id', t.id, (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('other_product_id', t.id, (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('together', 'integer', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('lift', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_affinities_pk', ['workspace_id', 'product_id', 'other_product_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('product_affinities').execute();
  await db.schema.alterTable('workspaces').dropColumn('analytics_settings').execute();
  await db.schema.dropIndex('customer_scores_ws_tier_idx').execute();
  await db.schema.alterTable('customer_scores').dropColumn('growth').execute();
  await db.schema.alterTable('customer_scores').dropColumn('net_value').execute();
  await db.schema.alterTable('customer_scores').dropColumn('tier').execute();
}
