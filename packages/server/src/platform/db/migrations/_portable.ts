/**
 * Column types for migrations that run on both databases. Frozen with the migrations: never import
 * application code from here or from a migration.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function portableTypes(db: Kysely<any>) {
  const pg = isPostgres(db);
  return {
    pg,
    id: (pg ? 'uuid' : 'text') as 'uuid' | 'text',
    ts: (pg ? sql`timestamptz` : sql`text`) as RawBuilder<unknown>,
    date: (pg ? 'date' : 'text') as 'date' | 'text',
    json: (pg ? 'jsonb' : 'text') as 'jsonb' | 'text',
    bool: (pg ? 'boolean' : 'integer') as 'boolean' | 'integer',
    bigint: (pg ? 'bigint' : 'integer') as 'bigint' | 'integer',
  };
}
