import type { Kysely } from 'kysely';

/**
 * The throttle's counters remember the previous window's count, so limits slide instead of resetting on
 * the window's edge (a fixed window let an attacker try twice the limit around it — and made a test fail
 * when its ten guesses straddled 15:00:00).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('throttle')
    .addColumn('prev_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('throttle').dropColumn('prev_count').execute();
}
