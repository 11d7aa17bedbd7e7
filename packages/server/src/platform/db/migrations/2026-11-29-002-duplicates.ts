import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Identity resolution (issue 4): the candidate pairs found by duplicate detection (kept when dismissed,
 * so a dismissed pair does not come back), and every merge with what it needs to be undone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema.alterTable('contacts').addColumn('merged_into', t.id).execute();

  await db.schema
    .createTable('duplicate_candidates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('a_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('b_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detected_at', t.ts, (c) => c.notNull())
    .addColumn('resolved_at', t.ts)
    .addColumn('resolved_by', t.id)
    .execute();
  await db.schema.createIndex('duplicate_candidates_pair_idx').on('duplicate_candidates').columns(['workspace_id', 'a_id', 'b_id']).unique().execute();
  await db.schema.createIndex('duplicate_candidates_status_idx').on('duplicate_candidates').columns(['workspace_id', 'status', 'score']).execute();

  await db.schema
    .createTable('merges')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('survivor_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('merged_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('survivor_before', t.json, (c) => c.notNull())
    .addColumn('survivor_after_version', 'integer', (c) => c.notNull())
    .addColumn('moved', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('undone_at', t.ts)
    .addColumn('undone_by', t.id)
    .execute();
  await db.schema.createIndex('merges_ws_idx').on('merges').columns(['workspace_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('merges').execute();
  await db.schema.dropTable('duplicate_candidates').execute();
  await db.schema.alterTable('contacts').dropColumn('merged_into').execute();
}
