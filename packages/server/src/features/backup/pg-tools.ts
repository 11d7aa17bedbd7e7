import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@kith/domain/errors.ts';

/**
 * PostgreSQL's client programs (pg_dump, pg_restore, psql) for backups. The connection URL goes to them without
 * its password — a command line is readable by every user of the machine — which is written instead to a
 * password file (0600) in `privateDir` (a folder only this user can read, removed after), named by the URL's
 * `passfile` parameter.
 */
/** The URL without its password, to show. */
export function withoutPassword(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

export function pgConnection(url: string, privateDir: string): { dbname: string } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  if (password) {
    const passfile = join(privateDir, 'pgpass');
    writeFileSync(passfile, `*:*:*:*:${password.replace(/\\/g, '\\\\').replace(/:/g, '\\:')}\n`, { mode: 0o600 });
    u.searchParams.set('passfile', passfile);
  }
  return { dbname: u.toString() };
}

/** Run a client program to its end; its stderr is the error. */
export function runPgTool(program: 'pg_dump' | 'pg_restore' | 'psql', args: string[]): Promise<void> {
  return new Promise<void>((ok, ko) => {
    const p = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => {
      if (err.length < 4000) err += String(d);
    });
    p.on('error', (e) =>
      ko(new AppError('unavailable', `${program} could not run (${e.message}); install the PostgreSQL client tools (the version of the server or newer)`)),
    );
    p.on('close', (code, signal) =>
      code === 0 ? ok() : ko(new AppError('unavailable', `${program} failed (${signal ?? `exit ${code}`}): ${err.trim().slice(0, 800)}`)),
    );
  });
}
