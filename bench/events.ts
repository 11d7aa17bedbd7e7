/**
 * Domain events (issue 17): what the outbox costs a write, and how fast events are delivered.
 *
 *   node bench/events.ts [sqlite|postgres]
 *   KITH_BENCH_BASELINE=/path/to/a/checkout/without/the/outbox node bench/events.ts sqlite
 *
 * Writes: contacts created through createContacts — one per transaction (as POST /contacts), and 1,000 per
 * transaction (as an import's batch) — each creation emitting contact.created in its transaction. With
 * KITH_BENCH_BASELINE the same writes run, alternating round by round, through the server code of that checkout
 * (its own module graph and database, e.g. `git archive <commit before the outbox> | tar -x -C /tmp/kith-base` and a copy of node_modules), so the
 * difference is what the outbox insert costs; without it only this tree's figures are printed.
 *
 * Delivery: every contact.created event delivered to one listener that does nothing (deliverDueEvents,
 * concurrency 4), events per second.
 *
 * The machine is shared and noisy: the figures that count are the per-round ratios (median and range).
 *
 * Environment: KITH_BENCH_EVENTS_SINGLES (2,000), KITH_BENCH_EVENTS_BATCHES (20), KITH_BENCH_EVENTS_ROUNDS (20), KITH_BENCH_PG_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

/**
 * One side of the comparison: the code of a checkout (this one, or the baseline's), imported from its own root,
 * so its types are not this file's.
 */
// biome-ignore lint/suspicious/noExplicitAny: a Core, an Actor and createContacts from another checkout
type Foreign = any;
type Side = {
  label: string;
  root: string;
  core: Foreign;
  actor: Foreign;
  createContacts: Foreign;
  drop(): Promise<void>;
  singles: number[];
  batches: number[];
  cpuSingles: number[];
  cpuBatches: number[];
};

const dialect = process.argv.includes('postgres') ? 'postgres' : 'sqlite';
const SINGLES = Number(process.env.KITH_BENCH_EVENTS_SINGLES ?? 2000);
const BATCHES = Number(process.env.KITH_BENCH_EVENTS_BATCHES ?? 20);
const ROUNDS = Number(process.env.KITH_BENCH_EVENTS_ROUNDS ?? 20);
const pgUrl = process.env.KITH_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const baseline = process.env.KITH_BENCH_BASELINE ? resolve(process.env.KITH_BENCH_BASELINE) : null;

async function open(label: string, root: string): Promise<Side> {
  const mod = (p: string) => import(pathToFileURL(join(root, p)).href);
  const { loadConfig } = await mod('packages/server/src/config.ts');
  const { createCore } = await mod('packages/server/src/core.ts');
  const { createLogger } = await mod('packages/server/src/logger.ts');
  const { createContacts } = await mod('packages/server/src/features/contacts/contact.service.ts');
  const { makeWorkspace } = await mod('packages/server/test/factories.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'kith-bench-events-'));
  let dbName: string | null = null;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    dbName = `kith_bench_events_${process.pid}_${label.replace(/\W/g, '')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const config = loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', secret: 'bench-secret-bench-secret-bench-secret-0' });
  const core = await createCore(config, { log: createLogger('silent') });
  const { owner } = await makeWorkspace(core, { phoneRegion: 'VN' });
  return {
    label,
    root,
    core,
    actor: owner.actor,
    createContacts,
    singles: [],
    batches: [],
    cpuSingles: [],
    cpuBatches: [],
    async drop() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) {
        const admin = new pg.Client({ connectionString: pgUrl });
        await admin.connect();
        await admin.query(`drop database if exists "${dbName}" with (force)`);
        await admin.end();
      }
    },
  };
}

let n = 0;
const input = () => {
  const i = ++n;
  return { name: `Nguyễn Văn ${i}`, emails: [`khach${i}@example.vn`], phones: [`09${String(10_000_000 + i).slice(-8)}`], tags: ['bench'] };
};

const sides: Side[] = [];
try {
  sides.push(await open('with outbox', here));
  if (baseline) sides.push(await open('without (baseline)', baseline));
  // Warm-up: statements prepared, caches filled.
  for (const s of sides) for (let i = 0; i < 200; i++) await s.createContacts(s.core, s.actor, [input()], { bulk: false });
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of r % 2 ? [...sides].reverse() : sides) {
      const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      const t0 = performance.now();
      const c0 = cpu();
      for (let i = 0; i < SINGLES / ROUNDS; i++) await s.createContacts(s.core, s.actor, [input()], { bulk: false });
      s.singles.push(performance.now() - t0);
      s.cpuSingles.push(cpu() - c0);
      const inputs = Array.from({ length: 1000 }, input);
      const t1 = performance.now();
      const c1 = cpu();
      for (let b = 0; b < BATCHES / ROUNDS; b++) await s.createContacts(s.core, s.actor, b ? Array.from({ length: 1000 }, input) : inputs, { bulk: true });
      s.batches.push(performance.now() - t1);
      s.cpuBatches.push(cpu() - c1);
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows = sides.map((s) => ({ label: s.label, single: SINGLES / (sum(s.singles) / 1000), batched: (BATCHES * 1000) / (sum(s.batches) / 1000) }));
  process.stdout.write(`\nDomain events on ${dialect} (${SINGLES} single creates, ${BATCHES} batches of 1,000; alternating in ${ROUNDS} rounds)\n`);
  for (const r of rows)
    process.stdout.write(
      `  ${r.label.padEnd(20)} one per transaction: ${r.single.toFixed(0).padStart(6)} contacts/s (${(1000 / r.single).toFixed(3)} ms each)   1,000 per transaction: ${r.batched.toFixed(0).padStart(6)} contacts/s\n`,
    );
  if (sides.length === 2) {
    // Each round's time with the outbox over the baseline's in the same round: the machine's drift cancels out.
    const [w, b] = sides as [Side, Side];
    const ratio = (k: 'singles' | 'batches' | 'cpuSingles' | 'cpuBatches') => w[k].map((t, i) => t / b[k][i]!);
    const show = (xs: number[]) =>
      `median ${((median(xs) - 1) * 100).toFixed(1)}% (rounds ${((Math.min(...xs) - 1) * 100).toFixed(0)}% to ${((Math.max(...xs) - 1) * 100).toFixed(0)}%)`;
    process.stdout.write(
      `  time added by the outbox, per round: one per transaction ${show(ratio('singles'))}; 1,000 per transaction ${show(ratio('batches'))}\n`,
    );
    process.stdout.write(
      `  this process's CPU time added, per round: one per transaction ${show(ratio('cpuSingles'))}; 1,000 per transaction ${show(ratio('cpuBatches'))}\n`,
    );
    process.stdout.write(
      `  CPU per write: ${(((sum(w.cpuSingles) - sum(b.cpuSingles)) / SINGLES) * 1000).toFixed(0)} µs per single create (of ${((sum(b.cpuSingles) / SINGLES) * 1000).toFixed(0)}), ${(((sum(w.cpuBatches) - sum(b.cpuBatches)) / (BATCHES * 1000)) * 1000).toFixed(1)} µs per contact in batches (of ${((sum(b.cpuBatches) / (BATCHES * 1000)) * 1000).toFixed(1)})\n`,
    );
    process.stdout.write(
      `  per write (medians): ${((median(ratio('singles')) - 1) * (1000 / rows[1]!.single) * 1000).toFixed(0)} µs per single create, ${((median(ratio('batches')) - 1) * (1e6 / rows[1]!.batched)).toFixed(1)} µs per contact in batches\n`,
    );
  }
  // Delivery: every contact.created event of this tree's database to a listener that does nothing.
  const w = sides[0]!;
  const { deliverDueEvents } = await import(pathToFileURL(join(here, 'packages/server/src/platform/events/delivery.ts')).href);
  const pending = Number(
    (
      await w.core.db
        .selectFrom('events')
        .select((eb: Foreign) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const t = performance.now();
  const counts = await deliverDueEvents(w.core, [{ id: 'bench.noop', on: ['contact.created'], handle: async () => {} }], { concurrency: 4 });
  const secs = (performance.now() - t) / 1000;
  process.stdout.write(
    `  delivery: ${counts.delivered} of ${pending} events to one no-op listener in ${secs.toFixed(1)} s — ${(counts.delivered / secs).toFixed(0)} events/s (dispatch included)\n`,
  );
} finally {
  for (const s of sides) await s.drop();
}
