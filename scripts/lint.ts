/**
 * `npm run lint`: the conventions ARCHITECTURE.md and AGENTS.md promise, checked rather than hoped for.
 * - file names are kebab-case (a role suffix like .service.ts is fine); no barrel index.ts files;
 * - @kith/domain does no I/O: no node:fs/net/http/child_process, no database or web framework imports
 *   (its tests may: they read reference data and check answers against SQLite);
 * - the domain never imports the server or the CLI; the server never imports the CLI;
 * - only packages/server/src/config.ts reads process.env among the packages (scripts, bench and e2e may);
 * - migrations never import application code;
 * - the web app talks to the server only over HTTP: it imports neither the server, the CLI, a database
 *   driver nor Node's modules (its tests aside).
 */
import { globSync, readFileSync } from 'node:fs';

const problems: string[] = [];
const files = globSync('packages/*/src/**/*.ts').concat(globSync('packages/*/test/**/*.ts'), globSync('packages/web/src/**/*.tsx'));
const importsOf = (src: string) => [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);

for (const f of files) {
  const src = readFileSync(f, 'utf8');
  const base = f.split('/').pop()!;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.tsx?$/.test(base) && !base.startsWith('_')) problems.push(`${f}: file names are kebab-case`);
  if (base === 'index.ts') problems.push(`${f}: no barrel files; import the module you need`);
  const imps = importsOf(src);
  // The domain's tests may read reference files and ask SQLite for a reference answer; the domain may not.
  if (f.startsWith('packages/domain/') && !f.endsWith('.test.ts') && !f.startsWith('packages/domain/test/')) {
    for (const i of imps) {
      if (/^(node:)?(fs|net|http|https|child_process|dgram|worker_threads)(\/|$)/.test(i) || /^(pg|better-sqlite3|kysely|fastify|nodemailer|pino)(\/|$)/.test(i)) problems.push(`${f}: the domain does no I/O (imports ${i})`);
      if (i.startsWith('@kith/server') || i.startsWith('@kith/cli')) problems.push(`${f}: the domain imports nothing of ours (imports ${i})`);
    }
  }
  if (f.startsWith('packages/web/') && !f.endsWith('.test.ts')) {
    for (const i of imps) if (/^(@kith\/(server|cli)|pg|better-sqlite3|kysely|fastify)(\/|$)/.test(i) || i.startsWith('node:')) problems.push(`${f}: the web app talks to the server over HTTP only (imports ${i})`);
  }
  if (f.startsWith('packages/server/')) for (const i of imps) if (i.startsWith('@kith/cli')) problems.push(`${f}: the server never imports the CLI`);
  if (f.includes('/db/migrations/')) for (const i of imps) if (i.startsWith('.') && !i.startsWith('./_')) problems.push(`${f}: migrations import no application code (imports ${i})`);
  if (/process\.env/.test(src) && f !== 'packages/server/src/config.ts' && !f.includes('/test/') && !f.endsWith('.test.ts') && f !== 'packages/cli/src/output.ts') {
    problems.push(`${f}: only config.ts reads process.env`);
  }
}
problems.push(...sqlOutsideRepositories());
for (const p of problems) process.stderr.write(`lint: ${p}\n`);
process.stdout.write(`lint: ${files.length} files, ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
process.exit(problems.length ? 1 : 0);

// ── SQL outside repositories: a ratchet ──────────────────────────────────────────────────────────────────────
// AGENTS.md says only repositories write SQL. When this rule was added (issue 17) about 435 of the ~490 query-builder
// calls (`.selectFrom(` `.insertInto(` `.updateTable(` `.deleteFrom(`) in packages/*/src were elsewhere, so the
// rule is a ratchet: scripts/lint-sql-baseline.json holds each file's count, and lint fails when a file's count grows
// or a file not in it gains one. Allowed anywhere: *.repository.ts, packages/server/src/db/ (migrations included),
// and tests (*.test.ts, packages/*/test/), which read the database to check outcomes.
// Lowering it: move a file's queries into a repository, then `node scripts/lint.ts --update-sql-baseline` and
// commit the new baseline with the move. The update also accepts files that were renamed or split, as long as the
// total does not grow; it never accepts new queries.
function sqlOutsideRepositories(): string[] {
  const { globSync: glob, readFileSync: read, writeFileSync: write, existsSync } = process.getBuiltinModule('node:fs');
  const baselineFile = 'scripts/lint-sql-baseline.json';
  const allowed = (f: string) => f.endsWith('.repository.ts') || f.startsWith('packages/server/src/db/') || f.endsWith('.test.ts') || /^packages\/[^/]+\/test\//.test(f);
  const current: Record<string, number> = {};
  for (const f of glob('packages/*/src/**/*.{ts,tsx}').sort()) {
    if (allowed(f)) continue;
    const n = (read(f, 'utf8').match(/\.(selectFrom|insertInto|updateTable|deleteFrom)\(/g) ?? []).length;
    if (n > 0) current[f] = n;
  }
  const baseline: Record<string, number> = existsSync(baselineFile) ? JSON.parse(read(baselineFile, 'utf8')) : {};
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  const total = sum(current);
  const grown = Object.entries(current).filter(([f, n]) => n > (baseline[f] ?? 0));
  if (process.argv.includes('--update-sql-baseline')) {
    if (existsSync(baselineFile) && total > sum(baseline)) {
      process.stderr.write(`lint: not updating ${baselineFile}: ${total} query-builder calls outside repositories, more than the baseline's ${sum(baseline)}\n`);
      return grown.map(([f, n]) => `${f}: ${n} query-builder calls outside a repository (baseline ${baseline[f] ?? 0})`);
    }
    write(baselineFile, `${JSON.stringify(current, null, 2)}\n`);
    process.stdout.write(`lint: ${baselineFile} updated: ${total} query-builder calls outside repositories (was ${sum(baseline)})\n`);
    return [];
  }
  const lower = Object.keys(baseline).filter((f) => (current[f] ?? 0) < baseline[f]!).length;
  process.stdout.write(
    `lint: ${total} query-builder calls outside repositories in ${Object.keys(current).length} files (baseline ${sum(baseline)})` +
      (lower ? `; ${lower} file${lower === 1 ? ' is' : 's are'} below ${lower === 1 ? 'its' : 'their'} baseline: \`node scripts/lint.ts --update-sql-baseline\` lowers it` : '') +
      '\n',
  );
  return grown.map(([f, n]) => `${f}: ${n} query-builder calls outside a repository, ${baseline[f] ?? 0} allowed by ${baselineFile}: SQL goes in a *.repository.ts`);
}
