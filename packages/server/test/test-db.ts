import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import { createCore, type Core, type CoreOptions } from '../src/core.ts';
import { createLogger } from '../src/logger.ts';
import { MODULES } from '../src/modules.ts';

/**
 * A real, empty, migrated database for one test file: a SQLite file in a temp directory, or, when
 * KITH_TEST_DATABASE_URL is set, a fresh PostgreSQL database created for this file and dropped after.
 */
export type TestCore = Core & { cleanup(): Promise<void> };

export const onPostgres = (): boolean => Boolean(process.env.KITH_TEST_DATABASE_URL);

/** Options as createCore's; the modules are all of them (modules.ts) unless a test says otherwise. */
export type TestCoreOptions = Partial<CoreOptions> & { config?: Partial<Record<string, string>> };

export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kith-t-'));
  const base = process.env.KITH_TEST_DATABASE_URL;
  let dbName: string | null = null;
  let databaseUrl: string | undefined;
  if (base) {
    dbName = `kith_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const config: Config = loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', secret: 'test-secret-test-secret-test-secret-0123', ...options.config });
  const core = await createCore(config, { log: createLogger(process.env.KITH_TEST_LOG_LEVEL ?? 'silent'), modules: MODULES, ...options });
  return Object.assign(core, {
    async cleanup() {
      await core.close();
      if (dbName && base) {
        const admin = new pg.Client({ connectionString: base });
        await admin.connect();
        await admin.query(`drop database if exists "${dbName}" with (force)`);
        await admin.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
