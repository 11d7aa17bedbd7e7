import { spawn } from 'node:child_process';
import { AppError } from '@kith/domain/errors.ts';

/**
 * PostgreSQL's client programs (pg_dump, pg_restore, psql) for backups. The connection URL goes to them without
 * its password, which travels in PGPASSWORD instead: a command line is readable by every user of the machine.
 */
export function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Run a client program to its end; its stderr is the error. `stdin`/`stdout` may be connected by the caller. */
export function runPgTool(
  program: 'pg_dump' | 'pg_restore' | 'psql',
  args: string[],
  env: NodeJS.ProcessEnv,
  wire?: (p: ReturnType<typeof spawn>) => void,
  stdio: ('ignore' | 'pipe')[] = ['ignore', 'ignore', 'pipe'],
): Promise<void> {
  return new Promise<void>((ok, ko) => {
    const p = spawn(program, args, { stdio: stdio as ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    p.stderr?.on('data', (d) => {
      if (err.length < 4000) err += String(d);
    });
    p.on('error', (e) => ko(new AppError('unavailable', `${program} could not run (${e.message}); install the PostgreSQL client tools (the version of the server or newer)`)));
    p.on('close', (code, signal) => (code === 0 ? ok() : ko(new AppError('unavailable', `${program} failed (${signal ?? `exit ${code}`}): ${err.trim().slice(0, 800)}`))));
    wire?.(p);
  });
}
