/**
 * (l) The job runner (issue 6, decision 0011 step 3): KITH_BENCH_JOBS (default 100,000) scheduled steps run by
 * `startJobRunner` with its defaults (poll every second, claims of up to 50, 4 at a time, 30 s leases renewed) and a
 * trivial handler that records when it ran, in two parts on the same database:
 *
 * - throughput: every step due at once (a backlog), drained by the runner — steps/s from the runner's start
 *   to the last step marked done; beside the floor measured in the same run on the same rows: a bare loop that
 *   selects 50 due ids in due order and marks them done with one update (no handler, no lease, no attempt, no
 *   per-step completion), the median of three runs;
 * - latency: the steps due evenly over KITH_BENCH_JOBS_WINDOW seconds (default 100) while the runner polls —
 *   from each step's run_at to the moment its handler started, p50/p95/p99/max.
 *
 * On PostgreSQL the figures are for two runners, each in its own thread with its own pool (two server
 * processes' worth; a second Node process would add nothing but start-up), and the backlog is drained by one
 * runner too, to show what the second adds. Every step must run exactly once: the run counts every execution
 * per step (in memory shared between the threads) and says so.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { loadConfig } from '@kith/server/config.ts';
import { createCore, type Core } from '@kith/server/core.ts';
import { MODULES } from '@kith/server/modules.ts';
import { createLogger } from '@kith/server/logger.ts';
import { bulkInsert } from '@kith/server/platform/db/bulk-insert.ts';
import { uuidv7 } from '@kith/server/platform/db/ids.ts';
import { registerJobHandler, startJobRunner, type JobRunner } from '@kith/server/platform/jobs/runner.ts';
import { devNullFd, dist, int, log, openBenchDb, type Dialect, type Dist } from './lib.ts';

export const JOBS = Number(process.env.KITH_BENCH_JOBS ?? 100_000);
const WINDOW_S = Number(process.env.KITH_BENCH_JOBS_WINDOW ?? 100);
const KIND = 'bench.step';

/** What every thread's handler writes: when step i started (ms since the epoch) and how often it ran. */
type Shared = { exec: SharedArrayBuffer; runs: SharedArrayBuffer; count: SharedArrayBuffer };
const newShared = (n: number): Shared => ({ exec: new SharedArrayBuffer(n * 8), runs: new SharedArrayBuffer(n * 4), count: new SharedArrayBuffer(4) });

function recordingHandler(core: Core, s: Shared): () => void {
  const exec = new Float64Array(s.exec);
  const runs = new Int32Array(s.runs);
  const count = new Int32Array(s.count);
  return registerJobHandler<{ i: number }>(core, KIND, async (_core, job) => {
    const i = job.payload.i;
    exec[i] = performance.timeOrigin + performance.now();
    Atomics.add(runs, i, 1);
    Atomics.add(count, 0, 1);
  });
}

// ---------------------------------------------------------------- a runner in its own thread

type WorkerInput = { benchJobsRunner: true; dataDir: string; databaseUrl?: string; workerId: string; shared: Shared };

if (!isMainThread && (workerData as WorkerInput | null)?.benchJobsRunner) {
  const d = workerData as WorkerInput;
  const config = loadConfig({}, { dataDir: d.dataDir, databaseUrl: d.databaseUrl, logLevel: 'info', secret: 'bench-secret-bench-secret-bench-secret-0' });
  const core = await createCore(config, { modules: MODULES, log: createLogger('info', devNullFd()), migrate: false });
  const unregister = recordingHandler(core, d.shared);
  let runner: JobRunner | null = null;
  parentPort!.on('message', async (m: string) => {
    if (m === 'go') runner = startJobRunner(core, { workerId: d.workerId });
    if (m === 'stop') {
      await runner?.stop();
      unregister();
      await core.close();
      parentPort!.postMessage('stopped');
      parentPort!.close();
    }
  });
  parentPort!.postMessage('ready');
}

type Runners = { go(): void; stop(): Promise<void> };

/** `n` runners on the database of `core`: the first in this thread, the others each in a thread of its own. */
async function runners(core: Core, n: number, shared: Shared): Promise<Runners> {
  const workers: Worker[] = [];
  for (let k = 1; k < n; k++) {
    const w = new Worker(new URL(import.meta.url), {
      workerData: {
        benchJobsRunner: true,
        dataDir: core.config.dataDir,
        databaseUrl: core.config.database.kind === 'postgres' ? core.config.database.url : undefined,
        workerId: `bench-${k}`,
        shared,
      } satisfies WorkerInput,
    });
    await new Promise<void>((ok, fail) => {
      w.once('message', () => ok());
      w.once('error', fail);
    });
    workers.push(w);
  }
  const unregister = recordingHandler(core, shared);
  let mine: JobRunner | null = null;
  return {
    go() {
      for (const w of workers) w.postMessage('go');
      mine = startJobRunner(core, { workerId: 'bench-0' });
    },
    async stop() {
      await Promise.all([
        mine?.stop(),
        ...workers.map(
          (w) =>
            new Promise<void>((ok) => {
              w.once('message', () => ok());
              w.postMessage('stop');
            }),
        ),
      ]);
      unregister();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

// ---------------------------------------------------------------- the parts

async function resetJobs(core: Core): Promise<void> {
  await core.db.deleteFrom('jobs').execute();
  if (core.dialect === 'postgres') await sql`vacuum analyze jobs`.execute(core.db);
}

/** `n` steps, step i due at dueAt(i); inserted raw (not timed). */
async function schedule(core: Core, n: number, dueAt: (i: number) => number): Promise<void> {
  const created = new Date().toISOString();
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      id: uuidv7(),
      workspace_id: null,
      kind: KIND,
      key: null,
      payload: `{"i":${i}}`,
      run_at: new Date(dueAt(i)).toISOString(),
      attempts: 0,
      max_attempts: 5,
      locked_by: null,
      locked_until: null,
      done_at: null,
      failed_at: null,
      cancelled_at: null,
      last_error: null,
      result: null,
      created_at: created,
    });
    if (rows.length === 10_000) await bulkInsert(core.db, 'jobs', rows.splice(0));
  }
  if (rows.length) await bulkInsert(core.db, 'jobs', rows.splice(0));
  // Each part starts from the same state: the statistics fresh, SQLite's log written back into the file.
  if (core.dialect === 'postgres') await sql`analyze jobs`.execute(core.db);
  else core.dbHandle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
}

async function pending(core: Core): Promise<number> {
  const r = await core.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('done_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every step ran once and is marked done. */
function exactlyOnce(shared: Shared, n: number, left: number): boolean {
  const runs = new Int32Array(shared.runs);
  for (let i = 0; i < n; i++) if (runs[i] !== 1) return false;
  return left === 0;
}

/** Wait until every step has run (shared counter), then until the database has them all done. */
async function drained(core: Core, shared: Shared, n: number): Promise<number> {
  const count = new Int32Array(shared.count);
  while (Atomics.load(count, 0) < n) await sleep(5);
  while ((await pending(core)) > 0) await sleep(5);
  return performance.now();
}

export type BacklogResult = { runners: number; seconds: number; stepsPerSecond: number; exactlyOnce: boolean };

async function backlog(core: Core, n: number, runnerCount: number): Promise<BacklogResult> {
  await resetJobs(core);
  const t0 = Date.now() - 3_600_000;
  await schedule(core, n, (i) => t0 + Math.floor((i * 1000) / n));
  const shared = newShared(n);
  const r = await runners(core, runnerCount, shared);
  const start = performance.now();
  r.go();
  const end = await drained(core, shared, n);
  await r.stop();
  const seconds = (end - start) / 1000;
  return { runners: runnerCount, seconds, stepsPerSecond: n / seconds, exactlyOnce: exactlyOnce(shared, n, await pending(core)) };
}

/** The floor: due ids 50 at a time in due order, marked done by one update each; no handler, lease or attempt. */
async function bareLoop(core: Core, n: number): Promise<{ seconds: number; stepsPerSecond: number; left: number }> {
  await resetJobs(core);
  const t0 = Date.now() - 3_600_000;
  await schedule(core, n, (i) => t0 + Math.floor((i * 1000) / n));
  const start = performance.now();
  for (;;) {
    const now = new Date().toISOString();
    const ids = await core.db
      .selectFrom('jobs')
      .select('id')
      .where('run_at', '<=', now)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .orderBy('run_at')
      .limit(50)
      .execute();
    if (ids.length === 0) break;
    await core.db
      .updateTable('jobs')
      .set({ done_at: now })
      .where(
        'id',
        'in',
        ids.map((r) => r.id),
      )
      .execute();
  }
  const seconds = (performance.now() - start) / 1000;
  return { seconds, stepsPerSecond: n / seconds, left: await pending(core) };
}

export type LatencyResult = { runners: number; windowSeconds: number; seconds: number; latency: Dist; exactlyOnce: boolean };

/** Steps due evenly over the window while the runners poll: run_at → handler start. */
async function scheduled(core: Core, n: number, runnerCount: number, windowS: number): Promise<LatencyResult> {
  await resetJobs(core);
  const shared = newShared(n);
  // Inserting and starting the runners happen before the first step is due.
  const first = Date.now() + 20_000;
  const due = (i: number) => first + Math.floor((i * windowS * 1000) / n);
  await schedule(core, n, due);
  const r = await runners(core, runnerCount, shared);
  r.go();
  const wait = first - Date.now();
  if (wait < 2000) log(`   (only ${wait} ms between the runners' start and the first due step: set a longer lead)`);
  const end = await drained(core, shared, n);
  await r.stop();
  const exec = new Float64Array(shared.exec);
  const latency: number[] = new Array(n);
  for (let i = 0; i < n; i++) latency[i] = exec[i]! - due(i);
  return {
    runners: runnerCount,
    windowSeconds: windowS,
    seconds: (performance.timeOrigin + end - first) / 1000,
    latency: dist(latency),
    exactlyOnce: exactlyOnce(shared, n, await pending(core)),
  };
}

export type JobsResult = {
  jobs: number;
  backlog: BacklogResult;
  /** PostgreSQL: the backlog drained by one runner, beside the two of `backlog`. */
  backlogOne?: BacklogResult;
  baseline: { seconds: number; stepsPerSecond: number; left: number };
  ratio: number;
  scheduled: LatencyResult;
};

export async function benchJobs(dialect: Dialect): Promise<JobsResult> {
  const db = await openBenchDb(dialect, 'jobs', { throwaway: true });
  const runnerCount = dialect === 'postgres' ? 2 : 1;
  try {
    // The floor takes seconds, so a moment's load elsewhere moves it: the median of three.
    const floors = [];
    for (let k = 0; k < 3; k++) floors.push(await bareLoop(db.core, JOBS));
    floors.sort((a, b) => a.stepsPerSecond - b.stepsPerSecond);
    const baseline = floors[1]!;
    log(
      `   bare claim-and-mark loop: ${int(baseline.stepsPerSecond)} steps/s, median of ${floors.map((f) => int(f.stepsPerSecond)).join(', ')} (${baseline.seconds.toFixed(1)} s${floors.some((f) => f.left) ? `, ${int(Math.max(...floors.map((f) => f.left)))} LEFT` : ''})`,
    );
    let backlogOne: BacklogResult | undefined;
    if (runnerCount > 1) {
      backlogOne = await backlog(db.core, JOBS, 1);
      log(
        `   backlog, 1 runner: ${int(backlogOne.stepsPerSecond)} steps/s (${backlogOne.seconds.toFixed(1)} s; ${backlogOne.exactlyOnce ? 'each step once' : 'NOT EXACTLY ONCE'})`,
      );
    }
    const b = await backlog(db.core, JOBS, runnerCount);
    log(
      `   backlog, ${runnerCount} runner${runnerCount > 1 ? 's' : ''}: ${int(b.stepsPerSecond)} steps/s (${b.seconds.toFixed(1)} s; ${b.exactlyOnce ? 'each step once' : 'NOT EXACTLY ONCE'})`,
    );
    const s = await scheduled(db.core, JOBS, runnerCount, WINDOW_S);
    const ms = (x: number) => `${int(x)} ms`;
    log(
      `   due over ${s.windowSeconds} s (${int(JOBS / s.windowSeconds)} steps/s), ${runnerCount} runner${runnerCount > 1 ? 's' : ''} polling every second: due → run p50 ${ms(s.latency.p50)}, p95 ${ms(s.latency.p95)}, p99 ${ms(s.latency.p99)}, max ${ms(s.latency.max)} (last done ${s.seconds.toFixed(1)} s after the first was due; ${s.exactlyOnce ? 'each step once' : 'NOT EXACTLY ONCE'})`,
    );
    return { jobs: JOBS, backlog: b, backlogOne, baseline, ratio: b.stepsPerSecond / baseline.stepsPerSecond, scheduled: s };
  } finally {
    await db.drop();
  }
}
