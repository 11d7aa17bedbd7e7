import { StringDecoder } from 'node:string_decoder';
import { Transform, type Writable } from 'node:stream';
import type { Command } from 'commander';
import { isAppError } from '@kith/domain/errors.ts';
import { ConfigError, loadConfig, type Config, type ConfigOverrides } from '@kith/server/config.ts';
import type { Core } from '@kith/server/core.ts';
import { MigrationError } from '@kith/server/platform/db/migration-error.ts';

/** Global options as config overrides (flags win over the environment). */
export function configFrom(cmd: Command, extra: ConfigOverrides = {}): Config {
  const g = cmd.optsWithGlobals<{ dataDir?: string; databaseUrl?: string; logLevel?: string }>();
  return loadConfig(process.env, { dataDir: g.dataDir, databaseUrl: g.databaseUrl, logLevel: g.logLevel, ...extra });
}

/** The environment and the global options, for a command that reads the configuration without opening it (restore). */
export function configSources(cmd: Command): { env: NodeJS.ProcessEnv; overrides: ConfigOverrides } {
  const g = cmd.optsWithGlobals<{ dataDir?: string; databaseUrl?: string; logLevel?: string }>();
  return { env: process.env, overrides: { dataDir: g.dataDir, databaseUrl: g.databaseUrl, logLevel: g.logLevel } };
}

/**
 * A core for one CLI command: logs to stderr at warn unless asked otherwise. What the command changed is followed
 * through before it exits, as a server would after the commit: the domain events it wrote are delivered to their
 * listeners (an imported order's points and the customer's statistics), so the CLI works without a server running.
 * Not for the commands that only read or move the database as it is (migrations, backups: `deliver: false`).
 */
export async function withCore<T>(cmd: Command, fn: (core: Core) => Promise<T>, opts: { migrate?: boolean; deliver?: boolean } = {}): Promise<T> {
  const given = cmd.optsWithGlobals<{ logLevel?: string }>().logLevel || process.env.LOG_LEVEL;
  // The level was validated by loadConfig; a CLI command is quiet (warn) unless a level was given.
  const config = configFrom(cmd, given ? {} : { logLevel: 'warn' });
  const level = config.logLevel;
  // The server is loaded when a command needs it, not when the CLI starts (commands.ts).
  const [{ createCore }, { MODULES }, { createLogger }, { eventListenersOf }, { deliverDueEvents }] = await Promise.all([
    import('@kith/server/core.ts'),
    import('@kith/server/modules.ts'),
    import('@kith/server/logger.ts'),
    import('@kith/server/kith-module.ts'),
    import('@kith/server/platform/events/delivery.ts'),
  ]);
  const core = await createCore(config, { modules: MODULES, migrate: opts.migrate ?? true, log: createLogger(level, 2) });
  try {
    const out = await fn(core);
    if (opts.deliver ?? opts.migrate !== false) await deliverDueEvents(core, eventListenersOf(core.modules));
    return out;
  } finally {
    await core.close();
  }
}

/**
 * What a terminal acts on, or what reorders or hides text, in stored data a command prints (a ticket subject
 * holding `\e[2J\e]0;owned\a` would clear the screen and retitle the window; U+009B is a CSI by itself;
 * U+202E shows `exe.png` as `gnp.exe`): C0 controls but the line feed, DEL, C1 controls, the bidi marks,
 * embeddings, overrides and isolates, the line and paragraph separators, zero-width space, word joiner, BOM.
 */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const hex = (c: string, n: number) => c.charCodeAt(0).toString(16).padStart(n, '0');

/** Human-readable output: each such character as a visible escape (`\x1b`, `\u202e`); line breaks kept. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** JSON with those characters as \u escapes (JSON.stringify leaves DEL, C1 and the rest raw): the same values. */
export function jsonSafe(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${hex(c, 4)}`);
}

/** The one way a command prints a result: JSON for scripts (`--json`) or lines for people, neither driving the terminal. */
export function print(data: unknown, json: boolean, human: () => string): void {
  process.stdout.write(json ? `${jsonSafe(JSON.stringify(data, null, 2))}\n` : `${terminalSafe(human())}\n`);
}

/** A line for people on stderr (progress, summaries, problems). */
export function say(line: string): void {
  process.stderr.write(`${terminalSafe(line)}\n`);
}

/**
 * Where a command streams a file it prints (CSV, JSON Lines): stdout as it is when redirected or piped (the
 * data exactly), and through the same escaping when it is a terminal that a person reads.
 */
export function dataOut(kind: 'text' | 'json'): Writable {
  if (!process.stdout.isTTY) return process.stdout;
  const decoder = new StringDecoder('utf8');
  const safe = kind === 'json' ? jsonSafe : terminalSafe;
  let first = true;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      let text = decoder.write(chunk);
      // The BOM is for spreadsheets; a person reading the terminal does not need to see it.
      if (first && text) {
        first = false;
        text = text.replace(/^\ufeff/, '');
      }
      done(null, safe(text));
    },
    flush(done) {
      done(null, safe(decoder.end()));
    },
  });
  t.pipe(process.stdout, { end: false });
  return t;
}

/** One clear line (or a list of offending fields) on stderr, exit code 1; 2 for bad configuration. */
export function fail(err: unknown): never {
  if (err instanceof ConfigError) {
    say(`kith: invalid configuration: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof MigrationError) {
    say(`kith: ${err.message}`);
    process.exit(1);
  }
  if (isAppError(err)) {
    say(`kith: ${err.message}`);
    for (const i of err.issues) say(`  ${i.path.join('.') || '(input)'}: ${i.message}`);
    process.exit(1);
  }
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'EADDRINUSE' || e.code === 'EACCES')) {
    say(`kith: cannot listen: ${e.message}`);
    process.exit(1);
  }
  if (e && (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '28P01' || e.code === '3D000')) {
    say(`kith: cannot reach the database: ${e.message}`);
    process.exit(1);
  }
  say(`kith: ${(err as Error)?.stack ?? String(err)}`);
  process.exit(1);
}
