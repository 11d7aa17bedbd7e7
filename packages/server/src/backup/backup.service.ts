import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '@kith/domain/errors.ts';
import type { Core } from '../core.ts';

export type BackupResult = { file: string; bytes: number; kind: 'sqlite' | 'pg_dump'; integrity: 'ok' | 'not-checked' };

/**
 * A consistent copy while Kith keeps running: SQLite's online backup API (never a file copy, RELIABILITY.md),
 * verified with PRAGMA integrity_check; on PostgreSQL, pg_dump's custom format. Written beside the target
 * and renamed into place, so a failed backup never leaves a half file under the requested name.
 */
export async function backup(core: Core, target: string): Promise<BackupResult> {
  const file = resolve(target);
  if (existsSync(file)) throw new AppError('conflict', `${file} exists; choose a new file name`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (core.dbHandle.sqlite) {
      await core.dbHandle.sqlite.backup(partial);
      const check = new BetterSqlite3(partial, { readonly: true });
      try {
        const rows = check.pragma('integrity_check') as { integrity_check: string }[];
        if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') throw new AppError('unavailable', `backup failed its integrity check: ${JSON.stringify(rows).slice(0, 300)}`);
      } finally {
        check.close();
      }
      renameSync(partial, file);
      return { file, bytes: statSync(file).size, kind: 'sqlite', integrity: 'ok' };
    }
    if (core.config.database.kind !== 'postgres') throw new AppError('bad_request', 'Unknown database');
    await new Promise<void>((ok, ko) => {
      const p = spawn('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${core.config.database.kind === 'postgres' ? core.config.database.url : ''}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += String(d)));
      p.on('error', (e) => ko(new AppError('unavailable', `pg_dump could not run (${e.message}); install the PostgreSQL client tools`)));
      p.on('close', (code) => (code === 0 ? ok() : ko(new AppError('unavailable', `pg_dump failed: ${err.trim().slice(0, 500)}`))));
    });
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, kind: 'pg_dump', integrity: 'not-checked' };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}
