import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseAllowEntry } from './platform/security/outbound-guard.ts';

/**
 * Configuration is read once, here, from the environment and `kith start` flags (flags win), validated,
 * and frozen. Nothing else in Kith reads process.env.
 */
const allowEntryIsValid = (x: string) => {
  try {
    parseAllowEntry(x);
    return true;
  } catch {
    return false;
  }
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ConfigSchema = z.object({
  port: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535'),
  host: z.string().min(1, 'must not be empty'),
  dataDir: z.string().min(1, 'must not be empty'),
  databaseUrl: z
    .string()
    .refine((s) => /^postgres(ql)?:\/\/.+/.test(s), 'must be a postgres:// URL (leave it unset for the embedded SQLite database)')
    .optional(),
  logLevel: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
  publicUrl: z
    .url({ message: 'must be an absolute http(s) URL' })
    .refine((s) => /^https?:\/\//.test(s), 'must be an http(s) URL')
    .optional(),
  smtpUrl: z
    .string()
    .refine((s) => /^smtps?:\/\/.+/.test(s), 'must be an smtp:// or smtps:// URL')
    .optional(),
  mailFrom: z.string().min(3),
  secret: z.string().min(32, 'must be at least 32 characters').optional(),
  trustProxy: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
  bodyLimit: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024),
  requestTimeoutMs: z.coerce.number().int().min(1000).max(600_000),
  poolSize: z.coerce.number().int().min(1).max(200),
  jobRunner: z.enum(['on', 'off'], { message: 'must be on or off' }).transform((v) => v === 'on'),
  outboundAllow: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine(
      (xs) => xs.every((x) => /^[a-z0-9.\-:\[\]]+$/.test(x) && allowEntryIsValid(x)),
      'must be a comma-separated list of host names or addresses, each optionally with :port ([v6]:port)',
    ),
  tokenTtlDays: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be 0 (never expire) or more')
    .max(3650, 'must be at most 3650'),
  eventRetentionDays: z.coerce.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(3650, 'must be at most 3650'),
  importMaxBytes: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1024, 'must be at least 1024')
    .max(1024 * 1024 * 1024, 'must be at most 1073741824 (1 GiB)'),
  importConcurrency: z.coerce.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(100, 'must be at most 100'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };
  logLevel: (typeof LOG_LEVELS)[number];
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  secret: string;
  trustProxy: boolean;
  bodyLimit: number;
  requestTimeoutMs: number;
  /** Run background jobs in this process (jobs/runner.ts); off for a process that should only serve requests. */
  jobRunner: boolean;
  /**
   * Hosts (name or address, optionally `:port`) that outbound connections (a workspace's SMTP server, later
   * webhooks) may reach although they resolve to loopback, private, link-local or other internal addresses.
   * Empty by default: every internal address is refused (security/outbound-guard.ts).
   */
  outboundAllow: readonly string[];
  /** Days a new API token lives by default (0: no expiry unless the caller asks for one). */
  tokenTtlDays: number;
  /** Days a domain event is kept once every listener has had it (events/prune.ts); then a daily job deletes it. */
  eventRetentionDays: number;
  /** Largest import file (bytes) an owner or admin may upload; managers and agents a quarter of it (import/import-limits.ts). */
  importMaxBytes: number;
  /** Imports (uploads, dry runs, runs) a workspace may have in progress at once in this process; more answer 429. */
  importConcurrency: number;
}>;

/** Names of the environment variables, for error messages that point at what to fix. */
const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'KITH_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  logLevel: 'LOG_LEVEL',
  publicUrl: 'KITH_PUBLIC_URL',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'KITH_MAIL_FROM',
  secret: 'KITH_SECRET',
  trustProxy: 'KITH_TRUST_PROXY',
  bodyLimit: 'KITH_BODY_LIMIT',
  requestTimeoutMs: 'KITH_REQUEST_TIMEOUT_MS',
  poolSize: 'KITH_DB_POOL_SIZE',
  jobRunner: 'KITH_JOB_RUNNER',
  outboundAllow: 'KITH_OUTBOUND_ALLOW',
  tokenTtlDays: 'KITH_TOKEN_TTL_DAYS',
  eventRetentionDays: 'KITH_EVENT_RETENTION_DAYS',
  importMaxBytes: 'KITH_IMPORT_MAX_BYTES',
  importConcurrency: 'KITH_IMPORT_CONCURRENCY',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type ConfigOverrides = Partial<Record<keyof typeof ENV_NAMES, string | number | undefined>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const pick = (key: string, fallback?: string): string | undefined => {
    const o = overrides[key];
    if (o !== undefined && o !== '') return String(o);
    const e = env[ENV_NAMES[key]!];
    return e === undefined || e === '' ? fallback : e;
  };
  const raw = {
    port: pick('port', '3000'),
    host: pick('host', '127.0.0.1'),
    dataDir: pick('dataDir', './data'),
    databaseUrl: pick('databaseUrl'),
    logLevel: pick('logLevel', 'info'),
    publicUrl: pick('publicUrl'),
    smtpUrl: pick('smtpUrl'),
    mailFrom: pick('mailFrom', 'Kith <no-reply@localhost>'),
    secret: pick('secret'),
    trustProxy: pick('trustProxy', 'false'),
    bodyLimit: pick('bodyLimit', String(1024 * 1024)),
    requestTimeoutMs: pick('requestTimeoutMs', '30000'),
    poolSize: pick('poolSize', '10'),
    jobRunner: pick('jobRunner', 'on'),
    outboundAllow: pick('outboundAllow', ''),
    tokenTtlDays: pick('tokenTtlDays', '90'),
    eventRetentionDays: pick('eventRetentionDays', '30'),
    importMaxBytes: pick('importMaxBytes', String(100 * 1024 * 1024)),
    importConcurrency: pick('importConcurrency', '2'),
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    const shown = key === 'secret' || key === 'databaseUrl' || key === 'smtpUrl' ? '' : ` (got "${String((raw as Record<string, unknown>)[key])}")`;
    throw new ConfigError(`${ENV_NAMES[key] ?? key} ${issue.message}${shown}`);
  }
  const c = parsed.data;
  const dataDir = resolve(c.dataDir);
  const secret = c.secret ?? loadOrCreateSecret(dataDir);
  const host = c.host;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return Object.freeze({
    port: c.port,
    host,
    dataDir,
    database: c.databaseUrl
      ? Object.freeze({ kind: 'postgres' as const, url: c.databaseUrl, poolSize: c.poolSize })
      : Object.freeze({ kind: 'sqlite' as const, file: join(dataDir, 'kith.db') }),
    logLevel: c.logLevel,
    publicUrl: (c.publicUrl ?? `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${c.port}`).replace(/\/+$/, ''),
    smtpUrl: c.smtpUrl,
    mailFrom: c.mailFrom,
    secret,
    trustProxy: c.trustProxy,
    bodyLimit: c.bodyLimit,
    requestTimeoutMs: c.requestTimeoutMs,
    jobRunner: c.jobRunner,
    outboundAllow: Object.freeze(c.outboundAllow),
    tokenTtlDays: c.tokenTtlDays,
    eventRetentionDays: c.eventRetentionDays,
    importMaxBytes: c.importMaxBytes,
    importConcurrency: c.importConcurrency,
  });
}

/**
 * Where the server's secret comes from, without creating one (`kith restore` must not make a new secret before it
 * puts back the one in the backup): KITH_SECRET, or the data directory's secret.key (null when there is none yet).
 */
export type SecretSetting = { from: 'KITH_SECRET'; secret: string } | { from: 'file'; file: string; secret: string | null };
export function secretSetting(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): SecretSetting {
  const given = overrides.secret !== undefined && overrides.secret !== '' ? String(overrides.secret) : env.KITH_SECRET || undefined;
  if (given !== undefined) return { from: 'KITH_SECRET', secret: given };
  const dir = overrides.dataDir !== undefined && overrides.dataDir !== '' ? String(overrides.dataDir) : env.KITH_DATA_DIR || './data';
  const file = join(resolve(dir), 'secret.key');
  return { from: 'file', file, secret: existsSync(file) ? readFileSync(file, 'utf8').trim() : null };
}

/** The server's secret (HMAC key for device cookies), generated on first start and kept 0600 in the data directory. */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new ConfigError(`KITH_DATA_DIR cannot be created at ${dataDir}: ${(e as Error).message}`);
  }
  if (existsSync(file)) {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length < 32) throw new ConfigError(`${file} holds a secret shorter than 32 characters; delete it to generate a new one`);
    return s;
  }
  const s = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${s}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw new ConfigError(`KITH_DATA_DIR is not writable (${file}): ${(e as Error).message}`);
  }
  chmodSync(file, 0o600);
  return s;
}
