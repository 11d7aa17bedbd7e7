import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './create-db.ts';
import { MigrationError } from './migration-error.ts';
import * as m001 from './migrations/2026-11-22-001-initial.ts';
import * as m002 from './migrations/2026-11-23-001-saved-views.ts';
import * as m003 from './migrations/2026-11-23-002-commerce.ts';
import * as m004 from './migrations/2026-11-23-003-contacts-updated-index.ts';
import * as m005 from './migrations/2026-11-23-004-interactions.ts';
import * as m006 from './migrations/2026-11-23-005-tasks.ts';
import * as m007 from './migrations/2026-11-23-006-throttle-sliding.ts';
import * as m008 from './migrations/2026-11-29-001-imports.ts';
import * as m009 from './migrations/2026-11-29-002-duplicates.ts';
import * as m010 from './migrations/2026-11-29-003-deals.ts';
import * as m011 from './migrations/2026-11-29-004-customer-scores.ts';
import * as m012 from './migrations/2026-11-30-001-job-leases.ts';
import * as m013 from './migrations/2026-11-30-002-value-tiers.ts';
import * as m014 from './migrations/2026-11-30-003-segments.ts';
import * as m015 from './migrations/2026-11-30-004-customer-stats.ts';
import * as m016 from './migrations/2026-11-30-005-care.ts';
import * as m017 from './migrations/2026-11-30-006-playbooks-loyalty.ts';
import * as m018 from './migrations/2026-12-06-001-import-runner.ts';
import * as m019 from './migrations/2026-12-07-001-events.ts';
import * as m020 from './migrations/2026-12-07-002-segment-members.ts';
import * as m021 from './migrations/2026-12-07-003-birthday-text.ts';
import * as m022 from './migrations/2026-12-07-004-demo-batches.ts';
import * as m023 from './migrations/2026-12-07-005-score-generations.ts';
import * as m024 from './migrations/2026-12-07-006-assessments.ts';
import * as m025 from './migrations/2026-12-07-007-contacts-team-index.ts';
import * as m026 from './migrations/2026-12-08-001-kpis.ts';
import * as m027 from './migrations/2026-12-08-002-training.ts';
import * as m028 from './migrations/2026-12-08-003-workload.ts';
import * as m029 from './migrations/2026-12-08-004-rewards.ts';

/** Every migration, in order. Names are date-prefixed; a migration never changes once released. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-22-001-initial': m001,
  '2026-11-23-001-saved-views': m002,
  '2026-11-23-002-commerce': m003,
  '2026-11-23-003-contacts-updated-index': m004,
  '2026-11-23-004-interactions': m005,
  '2026-11-23-005-tasks': m006,
  '2026-11-23-006-throttle-sliding': m007,
  '2026-11-29-001-imports': m008,
  '2026-11-29-002-duplicates': m009,
  '2026-11-29-003-deals': m010,
  '2026-11-29-004-customer-scores': m011,
  '2026-11-30-001-job-leases': m012,
  '2026-11-30-002-value-tiers': m013,
  '2026-11-30-003-segments': m014,
  '2026-11-30-004-customer-stats': m015,
  '2026-11-30-005-care': m016,
  '2026-11-30-006-playbooks-loyalty': m017,
  '2026-12-06-001-import-runner': m018,
  '2026-12-07-001-events': m019,
  '2026-12-07-002-segment-members': m020,
  '2026-12-07-003-birthday-text': m021,
  '2026-12-07-004-demo-batches': m022,
  '2026-12-07-005-score-generations': m023,
  '2026-12-07-006-assessments': m024,
  '2026-12-07-007-contacts-team-index': m025,
  '2026-12-08-001-kpis': m026,
  '2026-12-08-002-training': m027,
  '2026-12-08-003-workload': m028,
  '2026-12-08-004-rewards': m029,
};

function migrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'kith_migrations',
    migrationLockTableName: 'kith_migrations_lock',
  });
}

export { MigrationError };

/** Apply every pending migration. Each runs in a transaction, under the migrator's lock (safe when several processes start together). */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${(result.error as Error).message}`, { cause: result.error });
  }
  return result;
}

export async function migrationStatus(db: Db): Promise<{ name: string; executedAt: string | null }[]> {
  const list = await migrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ? m.executedAt.toISOString() : null }));
}
