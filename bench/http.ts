/**
 * (c) GET /api/v1/contacts?limit=50 through the real app (buildApp: every hook, API-token authentication,
 * zod validation and serialisation, request logging at the production level `info` into /dev/null)
 * vs a bare Fastify route in the same process returning the same 50 rows of the same database with one
 * plain SELECT and JSON.stringify. Both listen on 127.0.0.1 (free ports); the load comes from autocannon
 * in a separate process. Each side gets a warm-up, then three alternating runs; the figure is their median
 * (this machine's run-to-run noise is ±20%, alternating and taking medians keeps the ratio fair).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '@kith/server/app.ts';
import { createToken } from '@kith/server/platform/auth/auth.service.ts';
import type { Core } from '@kith/server/core.ts';
import { env, log, type BenchWorkspace } from './lib.ts';

const RUNS = 3;
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export type LoadRun = { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number };

/** Run autocannon in its own process (the server keeps this process's event loop). */
function load(url: string, seconds: number, headers: Record<string, string>): Promise<LoadRun> {
  const args = [AUTOCANNON, '-c', String(env.httpConnections), '-d', String(seconds), '-j'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      const j = JSON.parse(out.trim().split('\n').pop()!);
      resolve({
        rps: j.requests.total / seconds,
        p50: j.latency.p50,
        p99: j.latency.p99,
        requests: j.requests.total,
        non2xx: j.non2xx,
        errors: j.errors + j.timeouts,
      });
    });
  });
}

export type HttpResult = {
  connections: number;
  seconds: number;
  app: LoadRun[];
  bare: LoadRun[];
  appNoLog: LoadRun;
  appRps: number;
  bareRps: number;
  ratio: number;
};

export async function benchHttp(core: Core, ws: BenchWorkspace): Promise<HttpResult> {
  const { token } = await createToken(core, ws.userId, ws.workspaceId, 'benchmark', { ip: null, userAgent: null, requestId: null });
  const app = await buildApp(core);
  const bare = Fastify({ logger: false });
  bare.get('/contacts', async (_req, reply) => {
    // The same 50 rows as the API's default sort (-createdAt, ties by id).
    const r = await sql`select * from contacts where workspace_id = ${ws.workspaceId} order by created_at desc, id desc limit 50`.execute(core.db);
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(r.rows);
  });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const port = (s: typeof bare) => (s.server.address() as { port: number }).port;
    const appUrl = `http://127.0.0.1:${port(app as unknown as typeof bare)}/api/v1/contacts?limit=50`;
    const bareUrl = `http://127.0.0.1:${port(bare)}/contacts`;
    const auth = { authorization: `Bearer ${token}` };

    // Both answer, with the same 50 contacts.
    const a = (await (await fetch(appUrl, { headers: auth })).json()) as { data: { id: string }[] };
    const b = (await (await fetch(bareUrl)).json()) as { id: string }[];
    if (a.data?.length !== 50 || b.length !== 50 || a.data.some((x, i) => x.id !== b[i]!.id))
      throw new Error('the app and the bare route do not return the same 50 contacts');

    const s = env.httpSeconds;
    log(`    warm-up (3 s each)`);
    await load(appUrl, 3, auth);
    await load(bareUrl, 3, {});
    const appRuns: LoadRun[] = [];
    const bareRuns: LoadRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      appRuns.push(await load(appUrl, s, auth));
      log(`    app   ${appRuns.at(-1)!.rps.toFixed(0)} req/s`);
      bareRuns.push(await load(bareUrl, s, {}));
      log(`    bare  ${bareRuns.at(-1)!.rps.toFixed(0)} req/s`);
    }
    // For the analysis: the same app with request logging off.
    const level = app.log.level;
    app.log.level = 'silent';
    const appNoLog = await load(appUrl, s, auth);
    app.log.level = level;
    log(`    app, logging off  ${appNoLog.rps.toFixed(0)} req/s`);
    for (const r of [...appRuns, ...bareRuns, appNoLog])
      if (r.non2xx || r.errors) throw new Error(`load run had ${r.non2xx} non-2xx answers and ${r.errors} errors`);
    const median = (xs: LoadRun[]) => xs.map((x) => x.rps).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const appRps = median(appRuns);
    const bareRps = median(bareRuns);
    return { connections: env.httpConnections, seconds: s, app: appRuns, bare: bareRuns, appNoLog, appRps, bareRps, ratio: appRps / bareRps };
  } finally {
    await app.close();
    await bare.close();
  }
}
