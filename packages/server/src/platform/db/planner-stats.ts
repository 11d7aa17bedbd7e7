import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { DbHandle } from './create-db.ts';
import { yieldToLoop } from './pace.ts';
import { whenUnlocked } from './write-lock.ts';

/**
 * Statistics for SQLite's query planner.
 *
 * Without them SQLite assumes that an equality on an index's first column finds about ten rows. Every
 * Kith query is scoped `workspace_id = ?`, so a lookup of 500 contacts by id (`workspace_id = ? and id in
 * (…)`) walked the workspace's whole `(workspace_id, updated_at, id)` index instead of probing the 500 ids:
 * 290 ms instead of 4 ms at a million contacts (measured), and the contacts import slowed as the table grew.
 * ANALYZE gives the planner the real figures (a full one: a sampled one, `analysis_limit`, still guessed a
 * few hundred rows per workspace).
 *
 * A table is analysed again when it has at least MIN_ROWS rows and its size has doubled or halved since
 * its statistics were taken: at a million contacts the whole database takes about 2 s, each table under 1 s.
 *
 * PostgreSQL's autovacuum analyses on its own, but not at once: straight after a million contacts were
 * written it still planned the name walk of duplicate detection as a bitmap scan and a sort of every
 * remaining row, 1 s a page instead of 34 ms. The same rule applies there, from its own counters of rows
 * changed since the last analysis (ANALYZE samples 30,000 rows: well under a second).
 */
const MIN_ROWS = 5_000;
const GROWTH = 2;

/** Names of the tables whose statistics are stale, with their row counts. */
function staleTables(sqlite: BetterSqlite3.Database): { table: string; rows: number }[] {
  const known = new Map<string, number>();
  if (sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = 'sqlite_stat1'`).get()) {
    for (const r of sqlite.prepare('select tbl, max(cast(stat as integer)) as n from sqlite_stat1 group by tbl').all() as { tbl: string; n: number }[])
      known.set(r.tbl, r.n);
  }
  // Tables with an index of their own (the planner has a choice to make), not FTS shadow tables.
  const tables = sqlite
    .prepare(
      `select distinct t.name from sqlite_master t join sqlite_master i on i.type = 'index' and i.tbl_name = t.name
       where t.type = 'table' and t.name not like 'sqlite_%' and t.name not like '%_fts_%' and t.name not like 'kith_migrations%'`,
    )
    .all() as { name: string }[];
  const out: { table: string; rows: number }[] = [];
  for (const { name } of tables) {
    const rows = (sqlite.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    const was = known.get(name);
    if (rows >= MIN_ROWS && (was === undefined || rows > was * GROWTH || rows < was / GROWTH)) out.push({ table: name, rows });
  }
  return out;
}

/**
 * Analyse the tables whose statistics are missing or stale; returns what was analysed. On SQLite one index
 * at a time, the event loop turning between them: ANALYZE runs on this thread and nothing else does meanwhile
 * (the three tables a 160,000-contact import had grown took 476 ms in one go; their largest index 127 ms at
 * 200,000 contacts — at a million, about five times that).
 */
export async function refreshPlannerStats(h: Pick<DbHandle, 'db' | 'dialect' | 'sqlite'>): Promise<{ table: string; rows: number }[]> {
  if (h.sqlite) {
    const stale = staleTables(h.sqlite);
    for (const { table } of stale) {
      const indexes = h.sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = ?`).all(table) as { name: string }[];
      for (const { name } of indexes) {
        const analyse = `analyze "${name.replace(/"/g, '""')}"`;
        await whenUnlocked(() => h.sqlite!.exec(analyse));
        await yieldToLoop();
      }
    }
    return stale;
  }
  const { rows } = await sql<{ table: string; rows: number; changed: number }>`
    select relname as "table", n_live_tup::int as rows, n_mod_since_analyze::int as changed
    from pg_stat_user_tables where schemaname = current_schema()`.execute(h.db);
  const stale = rows.filter((r) => r.changed >= MIN_ROWS && r.changed * GROWTH >= r.rows).map(({ table, rows }) => ({ table, rows }));
  for (const { table } of stale) await sql`analyze ${sql.table(table)}`.execute(h.db);
  return stale;
}

/** SQLite's part of refreshPlannerStats. */
export function refreshSqliteStats(sqlite: BetterSqlite3.Database): { table: string; rows: number }[] {
  const stale = staleTables(sqlite);
  for (const { table } of stale) sqlite.exec(`analyze "${table.replace(/"/g, '""')}"`);
  return stale;
}
