import type { Command } from 'commander';
import { isAppError } from '@kith/domain/errors.ts';
import { ConfigError, loadConfig, type Config, type ConfigOverrides } from '@kith/server/config.ts';
import { createCore, type Core } from '@kith/server/core.ts';
import { MigrationError } from '@kith/server/db/migrate.ts';
import { createLogger } from '@kith/server/logger.ts';

/** Global options as config overrides (flags win over the environment). */
export function configFrom(cmd: Command, extra: ConfigOverrides = {}): Config {
  const g = cmd.optsWithGlobals<{ dataDir?: string; databaseUrl?: string; logLevel?: string }>();
  return loadConfig(process.env, { dataDir: g.dataDir, databaseUrl: g.databaseUrl, logLevel: g.logLevel, ...extra });
}

/** A core for one CLI command: logs to stderr at warn unless asked otherwise. */
export async function withCore<T>(cmd: Command, fn: (core: Core) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const given = cmd.optsWithGlobals<{ logLevel?: string }>().logLevel || process.env.LOG_LEVEL;
  // The level was validated by loadConfig; a CLI command is quiet (warn) unless a level was given.
  const config = configFrom(cmd, given ? {} : { logLevel: 'warn' });
  const level = config.logLevel;
  const core = await createCore(config, { migrate: opts.migrate ?? true, log: createLogger(level, 2) });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

export function print(data: unknown, json: boolean, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/** One clear line (or a list of offending fields) on stderr, exit code 1; 2 for bad configuration. */
export function fail(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`kith: invalid configuration: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof MigrationError) {
    process.stderr.write(`kith: ${err.message}\n`);
    process.exit(1);
  }
  if (isAppError(err)) {
    process.stderr.write(`kith: ${err.message}\n`);
    for (const i of err.issues) process.stderr.write(`  ${i.path.join('.') || '(input)'}: ${i.message}\n`);
    process.exit(1);
  }
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'EADDRINUSE' || e.code === 'EACCES')) {
    process.stderr.write(`kith: cannot listen: ${e.message}\n`);
    process.exit(1);
  }
  if (e && (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '28P01' || e.code === '3D000')) {
    process.stderr.write(`kith: cannot reach the database: ${e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`kith: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
}
