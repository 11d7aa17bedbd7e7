import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { createCore } from './core.ts';
import { randomUUID } from 'node:crypto';
import { startJobRunner } from './platform/jobs/runner.ts';
import { MODULES } from './modules.ts';
import { eventListenersOf } from './kith-module.ts';
import { startEventDelivery } from './platform/events/delivery.ts';

export type RunningServer = { url: string; stop(): Promise<void> };

/**
 * Start Kith: migrate, listen, and shut down gracefully on SIGTERM/SIGINT (stop accepting, let in-flight
 * requests finish, close the database). A second signal exits at once.
 */
export async function startServer(config: Config, opts: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  const core = await createCore(config, { migrate: true, modules: MODULES });
  const app = await buildApp(core);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  core.log.info({ url, database: core.dialect, dataDir: config.dataDir }, 'Kith is listening');
  // Scheduled work in `jobs` (SLA checks, mail, survey triggers, the hourly score refresh), claimed by whichever
  // process polls first.
  const jobRunner = config.jobRunner ? startJobRunner(core, { workerId: `${process.pid}-${randomUUID()}` }) : null;
  // Domain events (the outbox written with each change) delivered to the modules' listeners, where jobs run too.
  const listeners = eventListenersOf(core.modules);
  const delivery = config.jobRunner && listeners.length ? startEventDelivery(core, listeners) : null;

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      core.log.info('shutting down: no new requests; finishing those in flight');
      const timer = setTimeout(() => {
        core.log.error('in-flight requests did not finish in 25 s; exiting');
        process.exit(1);
      }, 25_000);
      timer.unref();
      // The runner stops claiming at once, signals its handlers and waits for them, while requests finish.
      await Promise.all([app.close(), jobRunner?.stop(), delivery?.stop()]);
      await core.close();
      clearTimeout(timer);
      core.log.info('stopped');
      core.log.flush();
    })());

  if (opts.handleSignals !== false) {
    let signals = 0;
    const onSignal = (sig: NodeJS.Signals) => {
      if (++signals > 1) process.exit(130);
      core.log.info({ signal: sig }, 'signal received');
      stop().then(
        () => process.exit(0),
        (err) => {
          core.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { url: `${url}`, stop };
}
