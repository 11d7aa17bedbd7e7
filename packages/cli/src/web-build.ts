/**
 * `kith start` serves the web app from packages/web/dist and builds it first when the build is missing
 * or older than its sources: a fingerprint of every source file (the web package and the domain
 * package it imports) is kept in dist/.kith-build.json and compared on each start (~100 files, a few ms).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const WEB_DIR = join(ROOT, 'packages/web');
export const WEB_DIST = join(WEB_DIR, 'dist');
const STAMP = join(WEB_DIST, '.kith-build.json');
const SOURCES = [
  join(WEB_DIR, 'index.html'),
  join(WEB_DIR, 'vite.config.ts'),
  join(WEB_DIR, 'package.json'),
  join(WEB_DIR, 'src'),
  join(ROOT, 'packages/domain/src'),
];

function files(p: string): string[] {
  if (!existsSync(p)) return [];
  if (statSync(p).isFile()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(p, e.name)) : e.name.endsWith('.test.ts') ? [] : [join(p, e.name)]))
    .sort();
}

/** A fingerprint of everything that goes into the web build. */
export function webSourceHash(): string {
  const h = createHash('sha256');
  for (const f of SOURCES.flatMap(files)) {
    h.update(relative(ROOT, f));
    h.update('\0');
    h.update(readFileSync(f));
  }
  return h.digest('hex');
}

export type WebBuildState = { state: 'fresh' | 'missing' | 'stale'; hash: string };

export function webBuildState(): WebBuildState {
  const hash = webSourceHash();
  if (!existsSync(join(WEB_DIST, 'index.html'))) return { state: 'missing', hash };
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as { hash?: string };
    return { state: stamp.hash === hash ? 'fresh' : 'stale', hash };
  } catch {
    return { state: 'stale', hash };
  }
}

/**
 * Build the web app if needed. Returns what happened; never throws for a missing Vite when a build
 * exists (an install without dev dependencies serves the build it has).
 */
export function ensureWebBuild(say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): 'fresh' | 'built' | 'stale-kept' | 'unavailable' {
  const s = webBuildState();
  if (s.state === 'fresh') return 'fresh';
  let viteBin: string;
  try {
    // Vite's exports do not expose its bin; find it through its package.json.
    const pkg = createRequire(join(WEB_DIR, 'package.json')).resolve('vite/package.json');
    const bin = (JSON.parse(readFileSync(pkg, 'utf8')) as { bin: string | Record<string, string> }).bin;
    viteBin = join(dirname(pkg), typeof bin === 'string' ? bin : bin.vite!);
  } catch {
    if (s.state === 'stale') {
      say('kith: the web app build is older than its sources, and Vite is not installed to rebuild it (npm ci installs it); serving the existing build');
      return 'stale-kept';
    }
    say('kith: the web app is not built and Vite is not installed (run npm ci); serving the API only');
    return 'unavailable';
  }
  say(s.state === 'missing' ? 'kith: building the web app (first start)…' : 'kith: the web app changed since it was built; rebuilding…');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`the web app build failed (exit ${r.status ?? r.signal}); see the messages above`);
  writeFileSync(STAMP, `${JSON.stringify({ hash: s.hash, builtAt: new Date().toISOString() })}\n`);
  say(`kith: web app built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return 'built';
}
