import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Leases for scheduled work (issue 5's daily score refresh): several server processes may share one
 * PostgreSQL, and a job must run in one of them at a time. A process holds a job's lease until a time; another
 * may take it only once that time has passed (a crashed holder's lease simply runs out).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('until', t.ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_leases').execute();
}
