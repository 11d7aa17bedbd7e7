import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createDb, type Db, type DbHandle, type DialectName } from './platform/db/create-db.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { refreshPlannerStats } from './platform/db/planner-stats.ts';
import { createLogger } from './logger.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import { jobHandlersOf, type KithModule } from './kith-module.ts';
import type { JobHandler } from './platform/jobs/runner.ts';
import { createOutboundGuard, type OutboundGuard, type Resolve } from './platform/security/outbound-guard.ts';

/**
 * Everything a use case needs, built once per process and shared by the HTTP server and the CLI, so
 * both take the same code path to the database.
 */
export type Core = {
  readonly config: Config;
  readonly db: Db;
  readonly dialect: DialectName;
  readonly dbHandle: DbHandle;
  readonly log: Logger;
  readonly mailer: Mailer;
  /** The one way to connect to a host a user chose (a workspace's SMTP server, webhooks): refuses internal addresses. */
  readonly outbound: OutboundGuard;
  /** The current time; tests may pin it. */
  now(): Date;
  /** The features this process runs (modules.ts, the composition root): their routes, job handlers and listeners. */
  readonly modules: readonly KithModule[];
  /** The handlers of the job kinds this process runs, from the modules (jobs/runner.ts claims only these kinds). */
  readonly jobHandlers: Map<string, JobHandler>;
  close(): Promise<void>;
};

export type CoreOptions = {
  /**
   * The features this process runs: modules.ts's list for the server, the CLI and the tests (core.ts knows no
   * feature). Their listeners run in the transactions of other features' changes, so a process without them
   * would change data differently: there is no default.
   */
  modules: readonly KithModule[];
  log?: Logger;
  /** Apply pending migrations on start (the server does; `kith migrate status` does not). */
  migrate?: boolean;
  mailer?: Mailer;
  now?: () => Date;
  /** How outbound connections resolve host names (dns.lookup); tests answer with a stub, never real DNS. */
  resolve?: Resolve;
};

export async function createCore(config: Config, options: CoreOptions): Promise<Core> {
  const jobHandlers = jobHandlersOf(options.modules);
  const log = options.log ?? createLogger(config.logLevel);
  const outbound = createOutboundGuard({ allow: config.outboundAllow, ...(options.resolve ? { resolve: options.resolve } : {}) });
  const dbHandle = createDb(
    config.database.kind === 'sqlite'
      ? {
          kind: 'sqlite',
          file: config.database.file,
          // Where the long write transactions are found (db/write-lock.ts).
          onSlowWrite: ({ ms, cpuMs, stack }) =>
            log.info({ ms: Math.round(ms), cpuMs: Math.round(cpuMs), stack }, 'a write transaction held the SQLite write lock long'),
        }
      : { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize },
  );
  try {
    if (options.migrate !== false) await migrateToLatest(dbHandle.db);
    // Missing or stale planner statistics made lookups by ids walk a workspace's whole index (db/planner-stats.ts).
    const analysed = await refreshPlannerStats(dbHandle);
    if (analysed.length) log.info({ analysed }, 'planner statistics refreshed');
  } catch (e) {
    await dbHandle.close();
    throw e;
  }
  const mailer = options.mailer ?? createMailer(config.smtpUrl, config.mailFrom, log);
  let closed = false;
  return {
    modules: options.modules,
    jobHandlers,
    config,
    db: dbHandle.db,
    dialect: dbHandle.dialect,
    dbHandle,
    log,
    mailer,
    outbound,
    now: options.now ?? (() => new Date()),
    async close() {
      if (closed) return;
      closed = true;
      // What this process's writes cost others, and waited for (db/write-lock.ts).
      if (dbHandle.writeLock?.transactions) log.info({ writeLock: { ...dbHandle.writeLock } }, 'SQLite write lock: held and waited for');
      mailer.close();
      await dbHandle.close();
    },
  };
}
