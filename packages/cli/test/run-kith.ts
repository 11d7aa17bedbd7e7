import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The `kith` command line, as the tests run it: a real process over a SQLite data directory. */
export const BIN = join(import.meta.dirname, '../bin/kith.js');

export type Run = { code: number | null; stdout: string; stderr: string };

/** Run `kith ARGS` with KITH_DATA_DIR=`dataDir` (SQLite, default logging), `stdin` fed in; resolves when it exits. */
export function runKith(dataDir: string, args: string[], o: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, KITH_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: '', ...o.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.stdin.end(o.stdin ?? '');
    p.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

/** The JSON a successful run printed (the run's stderr is the message when it failed). */
export function jsonOf(r: Run): any {
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}
