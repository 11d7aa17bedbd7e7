import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * What `kith demo` has made (issue 18): one row per step, written in the step's own transaction, naming the
 * records it made for the demo's people numbered `start`, `start + 1`, … of a seed. A run that stopped is finished
 * by the next one, which makes only the steps missing here; a run after a complete one makes nothing twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('demo_batches')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('ids', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_batches_pk', ['workspace_id', 'seed', 'kind', 'start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_batches').execute();
}
