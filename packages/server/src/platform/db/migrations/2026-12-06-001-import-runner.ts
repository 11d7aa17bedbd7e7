import type { Kysely } from 'kysely';

/**
 * The process running an import (`host/pid/boot id`), recorded when it claims the import and cleared when it
 * stops: a process started after a crash can tell that the import's runner is gone (its pid is dead on this
 * host, or it is this very pid in an earlier life) and resume it at once, instead of waiting for the
 * heartbeat to go stale. Null: nobody runs it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').addColumn('runner', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('runner').execute();
}
