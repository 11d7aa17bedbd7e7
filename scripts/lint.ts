/**
 * `npm run lint`: the conventions ARCHITECTURE.md and AGENTS.md promise, checked rather than hoped for.
 * - file names are kebab-case (a role suffix like .service.ts is fine); no barrel index.ts files;
 * - @kith/domain does no I/O: no node:fs/net/http/child_process, no database or web framework imports
 *   (its tests may: they read reference data and check answers against SQLite);
 * - the domain never imports the server or the CLI; the server never imports the CLI;
 * - only packages/server/src/config.ts reads process.env among the packages (scripts, bench and e2e may);
 * - migrations never import application code;
 * - the web app talks to the server only over HTTP: it imports neither the server, the CLI, a database
 *   driver nor Node's modules (its tests aside);
 * - the server's platform folders never import its feature folders (a feature plugs in through its module,
 *   listed in modules.ts), and the folders of packages/server/src import each other without cycles
 *   (both below, with the exceptions allowed today and why).
 */
import { globSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const problems: string[] = [];
const files = globSync('packages/*/src/**/*.ts').concat(globSync('packages/*/test/**/*.ts'), globSync('packages/web/src/**/*.tsx'));
const importsOf = (src: string) =>
  [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);

for (const f of files) {
  const src = readFileSync(f, 'utf8');
  const base = f.split('/').pop()!;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.tsx?$/.test(base) && !base.startsWith('_')) problems.push(`${f}: file names are kebab-case`);
  if (base === 'index.ts') problems.push(`${f}: no barrel files; import the module you need`);
  const imps = importsOf(src);
  // The domain's tests may read reference files and ask SQLite for a reference answer; the domain may not.
  if (f.startsWith('packages/domain/') && !f.endsWith('.test.ts') && !f.startsWith('packages/domain/test/')) {
    for (const i of imps) {
      if (
        /^(node:)?(fs|net|http|https|child_process|dgram|worker_threads)(\/|$)/.test(i) ||
        /^(pg|better-sqlite3|kysely|fastify|nodemailer|pino)(\/|$)/.test(i)
      )
        problems.push(`${f}: the domain does no I/O (imports ${i})`);
      if (i.startsWith('@kith/server') || i.startsWith('@kith/cli')) problems.push(`${f}: the domain imports nothing of ours (imports ${i})`);
    }
  }
  if (f.startsWith('packages/web/') && !f.endsWith('.test.ts')) {
    for (const i of imps)
      if (/^(@kith\/(server|cli)|pg|better-sqlite3|kysely|fastify)(\/|$)/.test(i) || i.startsWith('node:'))
        problems.push(`${f}: the web app talks to the server over HTTP only (imports ${i})`);
  }
  if (f.startsWith('packages/server/')) for (const i of imps) if (i.startsWith('@kith/cli')) problems.push(`${f}: the server never imports the CLI`);
  if (f.includes('/db/migrations/'))
    for (const i of imps) if (i.startsWith('.') && !i.startsWith('./_')) problems.push(`${f}: migrations import no application code (imports ${i})`);
  if (
    /process\.env/.test(src) &&
    f !== 'packages/server/src/config.ts' &&
    !f.includes('/test/') &&
    !f.endsWith('.test.ts') &&
    f !== 'packages/cli/src/output.ts'
  ) {
    problems.push(`${f}: only config.ts reads process.env`);
  }
}
problems.push(...sqlOutsideRepositories());

// ---------------------------------------------------------------------------------------------------------------
// The server's layout: platform below features, folders without import cycles (ARCHITECTURE.md).

const SERVER = 'packages/server/src/';
/** Platform: what every feature may use and which knows no feature. */
const PLATFORM_FOLDERS = new Set(readdirSync(`${SERVER}platform`));
/** Every folder of the server is under platform/ or features/; the files at the top are the composition root. */
for (const entry of readdirSync(SERVER, { withFileTypes: true }))
  if (entry.isDirectory() && entry.name !== 'platform' && entry.name !== 'features')
    problems.push(`${SERVER}${entry.name}/: a folder of the server lives in platform/ (knows no feature) or features/ (plugs in through its module)`);
for (const f of readdirSync(`${SERVER}features`)) if (PLATFORM_FOLDERS.has(f)) problems.push(`${SERVER}features/${f}: the name is also a platform folder`);
/** A path below src/ without its layer: `platform/db/database.ts` is `db/database.ts` (the names the rules use). */
const layerless = (rel: string) => rel.replace(/^(platform|features)\//, '');
const PLATFORM_FILES = new Set(['core.ts', 'config.ts', 'logger.ts', 'kith-module.ts', 'app.ts']);
/** The composition root: the one place that lists the features (and the process entry that starts them). */
const COMPOSITION_ROOT = new Set(['modules.ts', 'main.ts']);

/**
 * Platform files that import a feature today, and why. Each entry is `file -> feature folder`; an entry that no
 * longer matches an import is itself reported, so the list only shrinks.
 */
const PLATFORM_EXCEPTIONS: Record<string, string> = {
  // Kysely's `Database` type is the whole schema: each feature's row types assembled in one place (types only).
  ...Object.fromEntries(
    [
      'analytics',
      'assessment',
      'commerce',
      'companies',
      'contacts',
      'custom-fields',
      'deals',
      'demo',
      'duplicates',
      'import',
      'interactions',
      'invitations',
      'kpis',
      'loyalty',
      'playbooks',
      'segments',
      'surveys',
      'tasks',
      'teams',
      'tickets',
      'views',
      'workspaces',
      'training',
      'workload',
      'rewards',
    ].map((f) => [`db/database.ts -> ${f}`, "the schema type assembles every feature's row types"]),
  ),
  // Signing in opens the session in a workspace and accepts an invitation: auth's services still read the
  // workspace a session is in and accept the invitation.
  'auth/account.service.ts -> workspaces': 'sign-in names the workspace a session opens in',
  'auth/auth.service.ts -> invitations': 'signing in with an invitation link accepts it',
};

/**
 * Value imports that close a cycle between folders today, and why. Type-only imports (`import type`) are not
 * counted: Node strips them, so they decide no load order, and every layer takes `Core` and the row types.
 */
const CYCLE_EXCEPTIONS: Record<string, string> = {
  // Platform. The authentication hook resolves tokens and sessions through auth's service, and auth's routes use
  // the hook's helpers like every route: the hook would have to move into auth/ (every route file's import).
  'http/auth-hook.ts -> auth': 'the hook that builds the Actor resolves credentials through auth',
  // The two platform exceptions above, which also close cycles (workspaces and invitations use auth).
  'auth/account.service.ts -> workspaces': 'sign-in names the workspace a session opens in',
  'auth/auth.service.ts -> invitations': 'signing in with an invitation link accepts it',
  // Workspaces. The read context (settings and custom-field definitions, cached) is the workspace's, and the
  // custom fields forget it when they change; the workspace's JSON Lines export is served under /workspace.
  'workspaces/read-context.ts -> custom-fields': 'the cached read context holds the custom-field definitions',
  'workspaces/workspace.routes.ts -> export': 'GET /workspace/export is a workspace route over export/',
  // Contacts, the hub: its routes and service call the features built on contacts. Each is a candidate for a
  // module hook or the domain events of issue 17 (contacts/ is being reworked in parallel, so left as it is).
  'contacts/contact.routes.ts -> duplicates': "a contact's duplicate candidates are served under /contacts",
  'contacts/contact.routes.ts -> export': "the contact list's CSV/XLSX export is served under /contacts",
  'contacts/contact-trash.service.ts -> surveys': 'purging a contact who answered surveys recounts the survey dashboard',
  'contacts/contact-list.service.ts -> segments': 'contact lists filter by segment',
  'contacts/contact-list.service.ts -> analytics': 'a contact carries its RFM score summary',
  'contacts/contact.fields.ts -> analytics': 'a contact list filters and sorts by the current generation of the stored scores',
};

type Edge = { from: string; to: string; file: string; target: string; typeOnly: boolean };
const nodeOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel);
const serverEdges: Edge[] = [];
for (const f of globSync(`${SERVER}**/*.ts`)) {
  // Tests may import anything they test with; migrations import no application code (above).
  if (f.endsWith('.test.ts') || f.includes('/db/migrations/')) continue;
  const src = readFileSync(f, 'utf8');
  const rel = layerless(f.slice(SERVER.length));
  for (const m of src.matchAll(/^\s*(import|export)(\s+type)?\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    const target = normalize(join(dirname(f), m[3]!));
    if (!target.startsWith(SERVER)) continue;
    const to = nodeOf(layerless(target.slice(SERVER.length)));
    const from = nodeOf(rel);
    if (from !== to) serverEdges.push({ from, to, file: rel, target: target.slice(SERVER.length), typeOnly: Boolean(m[2]) });
  }
}
const isPlatform = (node: string) => PLATFORM_FOLDERS.has(node) || PLATFORM_FILES.has(node);
const isFeature = (node: string) => !isPlatform(node) && !COMPOSITION_ROOT.has(node) && !node.endsWith('.ts');

const usedPlatformExceptions = new Set<string>();
for (const e of serverEdges) {
  if (!isPlatform(e.from) || !isFeature(e.to)) continue;
  const key = `${e.file} -> ${e.to}`;
  if (key in PLATFORM_EXCEPTIONS) usedPlatformExceptions.add(key);
  else
    problems.push(
      `${SERVER}platform/${e.file}: the platform (${e.from}) imports no feature (imports ${e.target}); a feature plugs in through its module (modules.ts)`,
    );
}
for (const key of Object.keys(PLATFORM_EXCEPTIONS))
  if (!usedPlatformExceptions.has(key)) problems.push(`scripts/lint.ts: the platform exception "${key}" matches no import any more: remove it`);

// Folder cycles over value imports, the allowed ones left out; each strongly connected group is reported once,
// with one of its cycles spelled out file by file.
const usedCycleExceptions = new Set<string>();
const graph = new Map<string, Map<string, Edge>>();
for (const e of serverEdges) {
  if (e.typeOnly) continue;
  const key = `${e.file} -> ${e.to}`;
  if (key in CYCLE_EXCEPTIONS) {
    usedCycleExceptions.add(key);
    continue;
  }
  if (!graph.has(e.from)) graph.set(e.from, new Map());
  if (!graph.get(e.from)!.has(e.to)) graph.get(e.from)!.set(e.to, e);
}
for (const key of Object.keys(CYCLE_EXCEPTIONS))
  if (!usedCycleExceptions.has(key)) problems.push(`scripts/lint.ts: the cycle exception "${key}" matches no import any more: remove it`);
{
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  for (const group of groups) {
    // The shortest cycle through the group's first folder (breadth first, inside the group).
    const inGroup = new Set(group);
    const start = group[0]!;
    const prev = new Map<string, string>();
    const queue = [start];
    let closing: string | null = null;
    while (queue.length && closing === null) {
      const v = queue.shift()!;
      for (const w of graph.get(v)?.keys() ?? []) {
        if (!inGroup.has(w)) continue;
        if (w === start) {
          closing = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [start];
    for (let v = closing!; v !== start; v = prev.get(v)!) path.splice(1, 0, v);
    path.push(start);
    const steps = path
      .slice(1)
      .map((to, i) => graph.get(path[i]!)!.get(to)!)
      .map((e) => `${e.file} -> ${e.target}`);
    problems.push(
      `${SERVER}: import cycle between folders ${path.join(' -> ')} (${group.length} folders in the knot: ${group.join(', ')}): ${steps.join('; ')}`,
    );
  }
}

for (const p of problems) process.stderr.write(`lint: ${p}\n`);
process.stdout.write(`lint: ${files.length} files, ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
process.exit(problems.length ? 1 : 0);

// ── SQL outside repositories: a ratchet ──────────────────────────────────────────────────────────────────────
// AGENTS.md says only repositories write SQL. When this rule was added (issue 17) about 435 of the ~490 query-builder
// calls (`.selectFrom(` `.insertInto(` `.updateTable(` `.deleteFrom(`) in packages/*/src were elsewhere, so the
// rule is a ratchet: scripts/lint-sql-baseline.json holds each file's count, and lint fails when a file's count grows
// or a file not in it gains one. Allowed anywhere: *.repository.ts, packages/server/src/platform/db/ (migrations included),
// and tests (*.test.ts, packages/*/test/), which read the database to check outcomes.
// Lowering it: move a file's queries into a repository, then `node scripts/lint.ts --update-sql-baseline` and
// commit the new baseline with the move. The update also accepts files that were renamed or split, as long as the
// total does not grow; it never accepts new queries.
function sqlOutsideRepositories(): string[] {
  const { globSync: glob, readFileSync: read, writeFileSync: write, existsSync } = process.getBuiltinModule('node:fs');
  const baselineFile = 'scripts/lint-sql-baseline.json';
  const allowed = (f: string) =>
    f.endsWith('.repository.ts') || f.startsWith('packages/server/src/platform/db/') || f.endsWith('.test.ts') || /^packages\/[^/]+\/test\//.test(f);
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
      process.stderr.write(
        `lint: not updating ${baselineFile}: ${total} query-builder calls outside repositories, more than the baseline's ${sum(baseline)}\n`,
      );
      return grown.map(([f, n]) => `${f}: ${n} query-builder calls outside a repository (baseline ${baseline[f] ?? 0})`);
    }
    write(baselineFile, `${JSON.stringify(current, null, 2)}\n`);
    process.stdout.write(`lint: ${baselineFile} updated: ${total} query-builder calls outside repositories (was ${sum(baseline)})\n`);
    return [];
  }
  const lower = Object.keys(baseline).filter((f) => (current[f] ?? 0) < baseline[f]!).length;
  process.stdout.write(
    `lint: ${total} query-builder calls outside repositories in ${Object.keys(current).length} files (baseline ${sum(baseline)})` +
      (lower
        ? `; ${lower} file${lower === 1 ? ' is' : 's are'} below ${lower === 1 ? 'its' : 'their'} baseline: \`node scripts/lint.ts --update-sql-baseline\` lowers it`
        : '') +
      '\n',
  );
  return grown.map(
    ([f, n]) => `${f}: ${n} query-builder calls outside a repository, ${baseline[f] ?? 0} allowed by ${baselineFile}: SQL goes in a *.repository.ts`,
  );
}
