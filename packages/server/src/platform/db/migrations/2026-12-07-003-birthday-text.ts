import { sql, type Kysely } from 'kysely';
import { isPostgres } from './_portable.ts';

/**
 * A birthday may have no year (issue 18): Google Contacts, vCard and Apple export `--12-03` when the year is not
 * known, and Kith stores it so, in the same column. SQLite's column is text already; PostgreSQL's was a `date`,
 * which has no year-less value, so it becomes text holding the same YYYY-MM-DD strings. (Storing a made-up year
 * instead would put an invented age on the page, in the exports and in every date filter.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table contacts alter column birthday type text using to_char(birthday, 'YYYY-MM-DD')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`update contacts set birthday = null where birthday like '--%'`.execute(db);
  await sql`alter table contacts alter column birthday type date using birthday::date`.execute(db);
}
