import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/** Deals (issue 4): pipelines of stages with win probabilities, and the deals moving through them. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('pipelines')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pipelines_ws_idx').on('pipelines').columns(['workspace_id', 'position']).execute();
  await db.schema
    .createTable('pipeline_stages')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('pipeline_id', t.id, (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pipeline_stages_pipeline_idx').on('pipeline_stages').columns(['pipeline_id', 'position']).execute();
  await db.schema
    .createTable('deals')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('pipeline_id', t.id, (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_id', t.id, (c) => c.notNull().references('pipeline_stages.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('contact_id', t.id, (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('company_id', t.id, (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('amount', t.bigint, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close', t.date)
    .addColumn('owner_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', t.id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('source', 'text')
    .addColumn('lost_reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'real', (c) => c.notNull())
    .addColumn('order_id', t.id, (c) => c.references('orders.id').onDelete('set null'))
    .addColumn('closed_at', t.ts)
    .addColumn('notes', 'text')
    .addColumn('created_by', t.id)
    .addColumn('updated_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deals_stage_idx').on('deals').columns(['workspace_id', 'stage_id', 'position']).execute();
  await db.schema.createIndex('deals_contact_idx').on('deals').columns(['workspace_id', 'contact_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['deals', 'pipeline_stages', 'pipelines']) await db.schema.dropTable(table).execute();
}
