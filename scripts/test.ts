/**
 * `npm test`: every tier, one summary. Tiers:
 *   unit      pure domain tests (packages/domain) and the web app's own checks (packages/web: translations)
 *   sqlite    integration tests against a real SQLite database (packages/server, packages/cli)
 *   postgres  the same integration tests against PostgreSQL, when KITH_TEST_DATABASE_URL is set
 *   browser   e2e/*.spec.ts in Debian's Chromium, when /usr/bin/chromium exists
 * `npm test -- sqlite postgres` runs some tiers; `KITH_TEST_FILTER=<regex>` runs matching files only.
 * The last line is always `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

type Tier = 'unit' | 'sqlite' | 'postgres' | 'browser';
const ALL: Tier[] = ['unit', 'sqlite', 'postgres', 'browser'];
const asked = process.argv.slice(2).filter((a): a is Tier => (ALL as string[]).includes(a));
const tiers = asked.length ? asked : ALL;
const filter = process.env.KITH_TEST_FILTER ? new RegExp(process.env.KITH_TEST_FILTER) : null;

const files = (patterns: string[]) =>
  patterns
    .flatMap((p) => globSync(p))
    .filter((f) => !f.includes('node_modules') && (!filter || filter.test(f)))
    .sort();

const plan: Record<Tier, { files: string[]; env: Record<string, string>; skip?: string; concurrency: number }> = {
  unit: { files: files(['packages/domain/src/**/*.test.ts', 'packages/web/src/**/*.test.ts']), env: {}, concurrency: availableParallelism() },
  sqlite: {
    files: files(['packages/server/src/**/*.test.ts', 'packages/server/test/**/*.test.ts', 'packages/cli/src/**/*.test.ts']),
    env: { KITH_TEST_DATABASE_URL: '' },
    concurrency: Math.max(2, availableParallelism()),
  },
  postgres: {
    files: files(['packages/server/src/**/*.test.ts', 'packages/server/test/**/*.test.ts', 'packages/cli/src/**/*.test.ts']),
    env: {},
    concurrency: Math.max(2, availableParallelism()),
    ...(process.env.KITH_TEST_DATABASE_URL ? {} : { skip: 'KITH_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)' }),
  },
  browser: {
    files: files(['e2e/**/*.spec.ts']),
    env: {},
    concurrency: 1,
    ...(existsSync(process.env.KITH_CHROMIUM ?? '/usr/bin/chromium') ? {} : { skip: 'Chromium is not installed (apt-get install chromium)' }),
  },
};

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'kith-test-'));
for (const tier of tiers) {
  const p = plan[tier];
  if (p.skip) {
    process.stdout.write(`\n== ${tier}: skipped — ${p.skip}\n`);
    continue;
  }
  if (p.files.length === 0) {
    process.stdout.write(`\n== ${tier}: no test files\n`);
    continue;
  }
  process.stdout.write(`\n== ${tier}: ${p.files.length} files\n`);
  const counts = join(tmp, `${tier}.json`);
  const r = spawnSync(
    process.execPath,
    [
      '--test',
      `--test-concurrency=${p.concurrency}`,
      '--test-timeout=300000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/count-reporter.ts',
      `--test-reporter-destination=${counts}`,
      ...p.files,
    ],
    // Every test file is its own process that compiles the server again: Node's compile cache shares that work.
    { stdio: 'inherit', env: { NODE_COMPILE_CACHE: join(tmpdir(), 'kith-compile-cache'), ...process.env, ...p.env, KITH_TEST_TIER: tier } },
  );
  let c = { passed: 0, failed: 0, skipped: 0, failures: [] as { name: string; file?: string; message?: string }[] };
  try {
    c = JSON.parse(readFileSync(counts, 'utf8'));
  } catch {
    c.failed = 1;
    c.failures.push({ name: `${tier}: the test runner crashed (exit ${r.status ?? r.signal})` });
  }
  if (r.status !== 0 && c.failed === 0) {
    c.failed = 1;
    c.failures.push({ name: `${tier}: node --test exited with ${r.status ?? r.signal} although no test failed` });
  }
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  for (const f of c.failures)
    failures.push(`[${tier}] ${f.name}${f.file ? ` (${f.file.replace(process.cwd() + '/', '')})` : ''}${f.message ? `: ${f.message.split('\n')[0]}` : ''}`);
  process.stdout.write(`== ${tier}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}\n`);
}
rmSync(tmp, { recursive: true, force: true });
if (failures.length) process.stdout.write(`\nFailures:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
if (skipped) process.stdout.write(`(${skipped} skipped)\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
