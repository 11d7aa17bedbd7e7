import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { AppError } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import {
  ArchiveWriter,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST,
  PGDUMP_ENTRY,
  SECRET_ENTRY,
  SQLITE_ENTRY,
  type Manifest,
  type ManifestFile,
} from './backup-archive.ts';
import { pgConnection, runPgTool } from './pg-tools.ts';

export type BackupResult = {
  file: string;
  bytes: number;
  kind: 'sqlite' | 'pg_dump';
  integrity: 'ok' | 'not-checked';
  /** The last migration applied to the database backed up. */
  schema: string | null;
  /** The backup holds the server's secret: keep it like a password. */
  secretIncluded: true;
};

export const KITH_VERSION: string = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The name of the last migration applied, read from the database given (the copy, for SQLite). */
export function lastMigration(rows: { name: string }[]): string | null {
  return rows.length
    ? rows
        .map((r) => r.name)
        .sort()
        .at(-1)!
    : null;
}

/** fsync a directory, so a rename in it survives a power loss. */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can open a directory; the rename is still atomic.
  }
}

/**
 * A consistent backup while Kith keeps running, in one file (backup-archive.ts): the database — SQLite's online
 * backup API (never a file copy, docs/reliability.md) verified with PRAGMA integrity_check, or pg_dump's custom format
 * — with the server's secret, without which a restored server cannot decrypt the workspaces' SMTP settings nor
 * honour unsubscribe links and device cookies signed before, and a manifest with the checksums.
 *
 * The file is created 0600 (it holds the secret and every customer's data). Everything is assembled in a private
 * directory beside the target (0700) and renamed into place, so a failed backup leaves no partial file, and the
 * SQLite copy is switched out of WAL mode before it is checked, so no -wal/-shm side file is left either.
 */
export async function backup(core: Core, target: string): Promise<BackupResult> {
  const file = resolve(target);
  if (existsSync(file)) throw new AppError('conflict', `${file} exists; choose a new file name`);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const work = mkdtempSync(join(dirname(file), `.${basename(file)}.partial-`));
  try {
    const createdAt = core.now();
    let entry: string;
    let dbFile: string;
    let schema: string | null;
    let integrity: BackupResult['integrity'];
    if (core.dbHandle.sqlite) {
      entry = SQLITE_ENTRY;
      dbFile = join(work, SQLITE_ENTRY);
      await core.dbHandle.sqlite.backup(dbFile);
      const copy = new BetterSqlite3(dbFile);
      try {
        // The copy carries the live database's WAL mode; a rollback journal leaves no side files, here or after a restore.
        copy.pragma('journal_mode = DELETE');
        const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
        if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok')
          throw new AppError('unavailable', `backup failed its integrity check: ${JSON.stringify(rows).slice(0, 300)}`);
        schema = lastMigration(copy.prepare('select name from kith_migrations').all() as { name: string }[]);
      } finally {
        copy.close();
      }
      integrity = 'ok';
    } else if (core.config.database.kind === 'postgres') {
      entry = PGDUMP_ENTRY;
      dbFile = join(work, PGDUMP_ENTRY);
      schema = lastMigration((await sql<{ name: string }>`select name from kith_migrations`.execute(core.db)).rows);
      const pgc = pgConnection(core.config.database.url, work);
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${dbFile}`, `--dbname=${pgc.dbname}`]);
      rmSync(join(work, 'pgpass'), { force: true });
      integrity = 'not-checked';
    } else {
      throw new AppError('bad_request', 'Unknown database');
    }

    const archive = join(work, 'backup.tar');
    const fd = openSync(archive, 'wx', 0o600);
    try {
      const w = new ArchiveWriter(fd, createdAt);
      const files: ManifestFile[] = [
        w.addBuffer(SECRET_ENTRY, Buffer.from(`${core.config.secret}\n`, 'utf8')),
        w.addFile(entry, dbFile, statSync(dbFile).size),
      ];
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        kithVersion: KITH_VERSION,
        database: core.dbHandle.sqlite ? 'sqlite' : 'postgres',
        schema,
        createdAt: createdAt.toISOString(),
        files,
      };
      w.addBuffer(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
      w.finish();
    } finally {
      closeSync(fd);
    }
    // A hard link never replaces a file that appeared meanwhile (rename would); where links are not supported, rename.
    try {
      linkSync(archive, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new AppError('conflict', `${file} exists; choose a new file name`);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      renameSync(archive, file);
    }
    syncDir(dirname(file));
    return { file, bytes: statSync(file).size, kind: core.dbHandle.sqlite ? 'sqlite' : 'pg_dump', integrity, schema, secretIncluded: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
