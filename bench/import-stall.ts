/**
 * (n) What an import costs everyone else (issue 16): the latency of other requests while a
 * KITH_BENCH_STALL_ROWS-row (200,000) contacts CSV is uploaded and imported through the server, beside the
 * same requests without an import, in the same run.
 *
 * The server is the real app (buildApp) on 127.0.0.1 in this process; the import goes the web's way:
 * POST /api/v1/imports with the file as the body (the structure pass, the hash, the file stored), then
 * POST /api/v1/imports/{id}/run (the batches in the background). The load comes from another process
 * (bench/stall-probe.ts), open loop: KITH_BENCH_STALL_RATE (25) requests a second, three
 * GET /api/v1/contacts?limit=50 to one POST /api/v1/contacts, each timed from when it was due, so a stall
 * is counted on every request it delays. Phases: without an import (15 s), during the upload and the run
 * (until the import is done), without an import again (15 s); "without" pools the two quiet phases.
 *
 * Also: this process's event-loop delay in each phase (a signal handler waits that long), the import's own
 * rate beside a raw insert of the rows it wrote (as (g)), and how long a graceful shutdown (what SIGTERM
 * runs) takes in the middle of a second import, and whether that import resumes at once on a new core.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '@kith/server/app.ts';
import { createToken } from '@kith/server/platform/auth/auth.service.ts';
import { createCore } from '@kith/server/core.ts';
import { MODULES } from '@kith/server/modules.ts';
import { createLogger } from '@kith/server/logger.ts';
import { runDueJobs, startJobRunner } from '@kith/server/platform/jobs/runner.ts';
import { contactLines, rawInsertOfContacts, writeLines } from './import.ts';
import { benchWorkspace, devNullFd, dist, env, int, log, ms, openBenchDb, type Dialect, type Dist } from './lib.ts';

export const STALL_ROWS = Number(process.env.KITH_BENCH_STALL_ROWS ?? 200_000);
const RATE = Number(process.env.KITH_BENCH_STALL_RATE ?? 25);
const QUIET_SECONDS = Number(process.env.KITH_BENCH_STALL_QUIET ?? 15);

type Phase = { latency: Dist; errors: number; unanswered: number; loopDelayMax: number; loopDelayP99: number };
/** The longest turns of this process's event loop in a phase: when (s from its start), how long, and where the import was. */
type Gap = { at: number; ms: number; where: string };
export type ImportStallResult = {
  rows: number;
  rate: number;
  quiet: Phase;
  during: Phase;
  /** p99 during the import minus p99 without it. */
  addedP99: number;
  uploadSeconds: number;
  runSeconds: number;
  importRowsPerSecond: number;
  raw: { rowsPerSecond: number };
  ratio: number;
  shutdown: { ms: number; rowsDoneAtStop: number; resumedStatus: number | null } | null;
  /** The five longest event-loop turns during the import. */
  worstGaps: Gap[];
};

type ProbeReply = { label: string; latencies: number[]; errors: number; unanswered: number };

function startProbe(url: string, token: string) {
  const child = fork(new URL('./stall-probe.ts', import.meta.url).pathname, [url, token, String(RATE)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<void>((ok) => child.once('message', () => ok()));
  return {
    ready,
    start(label: string) {
      child.send({ cmd: 'start', label });
    },
    stop(): Promise<ProbeReply> {
      return new Promise((ok) => {
        child.once('message', (m) => ok(m as ProbeReply));
        child.send({ cmd: 'stop' });
      });
    },
    exit() {
      child.send({ cmd: 'exit' });
    },
  };
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export async function benchImportStall(dialect: Dialect): Promise<ImportStallResult> {
  mkdirSync(env.tmp, { recursive: true });
  const file = join(env.tmp, `import-stall-${STALL_ROWS}-${env.seed}.csv`);
  const bytes = await writeLines(file, contactLines(STALL_ROWS));
  log(`   wrote ${file}: ${int(STALL_ROWS)} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB (not timed)`);
  const body = readFileSync(file);
  const db = await openBenchDb(dialect, 'stall', { throwaway: true });
  const rawDb = await openBenchDb(dialect, 'stallraw', { throwaway: true });
  let core = db.core;
  const ws = await benchWorkspace(core);
  const rawWs = await benchWorkspace(rawDb.core);
  const { token } = await createToken(core, ws.userId, ws.workspaceId, 'benchmark', { ip: null, userAgent: null, requestId: null });
  let app = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  // An import run is a job (import.service.ts): this server runs them, as main.ts's does.
  let runner: ReturnType<typeof startJobRunner> | null = startJobRunner(core, { workerId: 'bench-stall' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const probe = startProbe(base, token);
  const auth = { authorization: `Bearer ${token}` };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let appClosed = false;
  // Where the import is (for the gaps): set as it goes.
  let where = 'quiet';
  let gaps: Gap[] = [];
  let phaseStart = performance.now();
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - lastTick > 60) gaps.push({ at: (lastTick - phaseStart) / 1000, ms: now - lastTick, where });
    lastTick = now;
  }, 5);
  try {
    await probe.ready;
    const phase = async (label: string, work: () => Promise<void>): Promise<ProbeReply & { loopMax: number; loopP99: number }> => {
      loop.reset();
      loop.enable();
      gaps = [];
      phaseStart = performance.now();
      probe.start(label);
      await work();
      const r = await probe.stop();
      loop.disable();
      return { ...r, loopMax: loop.max / 1e6, loopP99: loop.percentile(99) / 1e6 };
    };
    // Warm-up: the routes compiled, the statement cache filled.
    await phase('warm-up', () => sleep(2000));
    const before = await phase('quiet-before', () => sleep(QUIET_SECONDS * 1000));
    log(`    without an import: p50 ${ms(dist(before.latencies).p50)}, p99 ${ms(dist(before.latencies).p99)}, ${before.latencies.length} requests`);

    let uploadSeconds = 0;
    let runSeconds = 0;
    let duringGaps: Gap[] = [];
    const during = await phase('import', async () => {
      const t0 = performance.now();
      where = 'upload';
      const up = await fetch(`${base}/api/v1/imports?kind=contacts&fileName=stall.csv`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body,
      });
      if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
      const id = ((await up.json()) as { import: { id: string } }).import.id;
      uploadSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      where = 'run: starting';
      const run = await fetch(`${base}/api/v1/imports/${id}/run`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
      if (run.status !== 202) throw new Error(`run: ${run.status} ${await run.text()}`);
      for (;;) {
        await sleep(250);
        const s = (await (await fetch(`${base}/api/v1/imports/${id}`, { headers: auth })).json()) as {
          status: string;
          rowsDone: number;
          message: string | null;
        };
        where = s.rowsDone >= STALL_ROWS ? 'run: after the last batch' : `run: ${int(s.rowsDone)} rows done`;
        if (s.status === 'done') break;
        if (s.status !== 'running') throw new Error(`import ${s.status}: ${s.message}`);
      }
      runSeconds = (performance.now() - t1) / 1000;
      duringGaps = [...gaps].sort((a, b) => b.ms - a.ms).slice(0, 5);
      where = 'quiet';
    });
    log(
      `    during the import: p50 ${ms(dist(during.latencies).p50)}, p99 ${ms(dist(during.latencies).p99)}, max ${ms(dist(during.latencies).max)}, ${during.latencies.length} requests; upload ${uploadSeconds.toFixed(1)} s, run ${runSeconds.toFixed(1)} s`,
    );
    const after = await phase('quiet-after', () => sleep(QUIET_SECONDS * 1000));
    log(`    without an import again: p50 ${ms(dist(after.latencies).p50)}, p99 ${ms(dist(after.latencies).p99)}`);

    const raw = await rawInsertOfContacts(core, rawDb.core, rawWs);
    const rawRate = raw.rows / (raw.ms / 1000);
    const imported = Number((await core.db.selectFrom('imports').select('created').where('file_name', '=', 'stall.csv').executeTakeFirstOrThrow()).created);
    const importRate = imported / (uploadSeconds + runSeconds);

    // Graceful shutdown in the middle of a second import (new people, so every batch writes), then a new
    // core on the same database resumes it at once.
    let shutdown: ImportStallResult['shutdown'] = null;
    const second = Buffer.from(['Họ và tên,SĐT', ...Array.from({ length: 100_000 }, (_, i) => `Khách dừng ${i},09${String(80_000_000 + i)}`)].join('\n'));
    const up = await fetch(`${base}/api/v1/imports?kind=contacts&fileName=stop.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: second,
    });
    const stopId = ((await up.json()) as { import: { id: string } }).import.id;
    await fetch(`${base}/api/v1/imports/${stopId}/run`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    await sleep(3000);
    const t = performance.now();
    // What main.ts's stop() does on SIGTERM.
    await Promise.all([app.close(), runner.stop()]);
    runner = null;
    appClosed = true;
    await core.close();
    const stopMs = performance.now() - t;
    core = await createCore(core.config, { modules: MODULES, log: createLogger('info', devNullFd()), migrate: false });
    const rowsDoneAtStop = Number((await core.db.selectFrom('imports').select('rows_done').where('id', '=', stopId).executeTakeFirstOrThrow()).rows_done);
    app = await buildApp(core);
    const resumed = await app.inject({
      method: 'POST',
      url: `/api/v1/imports/${stopId}/run`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{}',
    });
    appClosed = false;
    shutdown = { ms: stopMs, rowsDoneAtStop, resumedStatus: resumed.statusCode };
    await runDueJobs(core, 'bench-stall-resume');
    log(
      `    shutdown in the middle of a second import: ${ms(stopMs)} (stopped after row ${int(rowsDoneAtStop)}); resumed on a new core at once: ${resumed.statusCode}`,
    );

    const quietLat = [...before.latencies, ...after.latencies];
    const toPhase = (r: { latencies: number[]; errors: number; unanswered: number; loopMax: number; loopP99: number }): Phase => ({
      latency: dist(r.latencies),
      errors: r.errors,
      unanswered: r.unanswered,
      loopDelayMax: r.loopMax,
      loopDelayP99: r.loopP99,
    });
    const quiet = toPhase({
      latencies: quietLat,
      errors: before.errors + after.errors,
      unanswered: before.unanswered + after.unanswered,
      loopMax: Math.max(before.loopMax, after.loopMax),
      loopP99: Math.max(before.loopP99, after.loopP99),
    });
    const dur = toPhase(during);
    return {
      rows: STALL_ROWS,
      rate: RATE,
      quiet,
      during: dur,
      addedP99: dur.latency.p99 - quiet.latency.p99,
      uploadSeconds,
      runSeconds,
      importRowsPerSecond: importRate,
      raw: { rowsPerSecond: rawRate },
      ratio: importRate / rawRate,
      shutdown,
      worstGaps: duringGaps,
    };
  } finally {
    clearInterval(ticker);
    probe.exit();
    await runner?.stop();
    if (!appClosed) await app.close();
    await core.close();
    await db.drop();
    await rawDb.drop();
    rmSync(file, { force: true });
  }
}
