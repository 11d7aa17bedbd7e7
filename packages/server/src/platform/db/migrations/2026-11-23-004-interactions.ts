import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/** Interactions with customers (calls, meetings, messages, visits, notes), for the one timeline (issue 4). */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('interactions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('company_id', t.id, (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('direction', 'text')
    .addColumn('occurred_at', t.ts, (c) => c.notNull())
    .addColumn('duration_seconds', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('author_id', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interactions_contact_idx').on('interactions').columns(['workspace_id', 'contact_id', 'occurred_at', 'id']).execute();
  await db.schema.createIndex('interactions_ws_idx').on('interactions').columns(['workspace_id', 'occurred_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('interactions').execute();
}
