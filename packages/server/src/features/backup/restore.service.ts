import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { AppError } from '@kith/domain/errors.ts';
import { loadConfig, secretSetting, type Config, type ConfigOverrides } from '../../config.ts';
import { MIGRATIONS } from '../../platform/db/migrate.ts';
import {
  ArchiveReader,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST,
  PGDUMP_ENTRY,
  SECRET_ENTRY,
  SQLITE_ENTRY,
  sha256,
  type Manifest,
} from './backup-archive.ts';
import { lastMigration, syncDir } from './backup.service.ts';
import { pgConnection, runPgTool, withoutPassword } from './pg-tools.ts';

/**
 * `kith restore <file>`: put a backup made by `kith backup` (backup.service.ts) back, with its secret.
 *
 * - Everything is checked before anything is changed: the archive's headers, the manifest (format, database kind,
 *   a schema this Kith knows), the size and SHA-256 of every file in it, and the secret — a backup without one is
 *   refused, and so is one whose secret differs from a KITH_SECRET set for this server (restored under another
 *   secret, the workspaces' SMTP settings read as unconfigured, and unsubscribe links in mail already sent and
 *   remembered devices stop working).
 * - An existing database (or another secret.key) is replaced only with `force`, never while a server uses it: on
 *   SQLite a process holding the file open is detected by its lock, on PostgreSQL by its session. The replaced
 *   SQLite database and secret are kept beside the new ones (`….replaced-<time>`).
 * - SQLite: the database is written to a private directory beside the target (0600), checked with PRAGMA
 *   integrity_check, and renamed into place; a failure leaves nothing behind. PostgreSQL: pg_restore's script runs
 *   in one transaction (psql --single-transaction), so a failure leaves the database as it was.
 * - The secret goes to the data directory's secret.key (0600), unless KITH_SECRET (the same one) is set.
 */

export type RestoreOptions = { force?: boolean; now?: Date };
export type RestoreResult = {
  database: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL without its password. */
  target: string;
  schema: string | null;
  backupCreatedAt: string;
  backupKithVersion: string;
  /** What became of the secret: written to secret.key, already there, or given by KITH_SECRET. */
  secret: 'written' | 'unchanged' | 'KITH_SECRET';
  /** A database was there and was replaced (force). */
  replacedExisting: boolean;
  /** Files moved aside to make room (force): the replaced SQLite database, the replaced secret.key. */
  replaced: string[];
  integrity: 'ok' | 'not-checked';
};

const refuse = (message: string) => new AppError('conflict', message);
const SECRET_MATTERS =
  'Restored under another secret, the workspaces’ SMTP settings read as unconfigured (their passwords cannot be decrypted), and the unsubscribe links in mail already sent and the remembered devices of signed-in users stop working.';

function readManifest(reader: ArchiveReader): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(reader.read(MANIFEST).toString('utf8')) as Manifest;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad_request', `${reader.file}: its manifest is not valid JSON`);
  }
  if (m?.format !== BACKUP_FORMAT) throw new AppError('bad_request', `${reader.file} is not a Kith backup (no ${BACKUP_FORMAT} manifest)`);
  if (typeof m.formatVersion !== 'number' || m.formatVersion > BACKUP_FORMAT_VERSION)
    throw new AppError(
      'bad_request',
      `${reader.file} was made by a newer Kith (backup format ${m.formatVersion}, Kith ${m.kithVersion}); restore it with that version or newer`,
    );
  if (m.database !== 'sqlite' && m.database !== 'postgres') throw new AppError('bad_request', `${reader.file}: unknown database kind ${String(m.database)}`);
  if (!Array.isArray(m.files)) throw new AppError('bad_request', `${reader.file}: its manifest lists no files`);
  for (const f of m.files) {
    if (reader.size(f.name) !== f.bytes)
      throw new AppError('bad_request', `${reader.file} is damaged: ${f.name} has ${reader.size(f.name)} bytes, the manifest says ${f.bytes}`);
  }
  if (m.schema !== null && !(m.schema in MIGRATIONS))
    throw new AppError(
      'bad_request',
      `${reader.file} holds a database of a newer Kith (schema ${m.schema}, Kith ${m.kithVersion}); upgrade Kith first, then restore`,
    );
  return m;
}

function readSecret(reader: ArchiveReader, m: Manifest): string {
  const listed = m.files.find((f) => f.name === SECRET_ENTRY);
  if (!listed || !reader.has(SECRET_ENTRY)) throw refuse(`${reader.file} holds no server secret (secret.key), so it is refused. ${SECRET_MATTERS}`);
  const raw = reader.read(SECRET_ENTRY);
  if (sha256(raw) !== listed.sha256) throw new AppError('bad_request', `${reader.file} is damaged: secret.key does not match its checksum`);
  const secret = raw.toString('utf8').trim();
  if (secret.length < 32) throw new AppError('bad_request', `${reader.file} holds a secret shorter than 32 characters`);
  return secret;
}

/** A backup from before backups carried the secret: a bare SQLite file or pg_dump file. */
function legacyKind(file: string): string | null {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(16);
    readSync(fd, b, 0, 16, 0);
    if (b.toString('latin1') === 'SQLite format 3\0') return 'a bare SQLite database';
    if (b.toString('latin1', 0, 5) === 'PGDMP') return 'a bare pg_dump file';
    return null;
  } finally {
    closeSync(fd);
  }
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * Is a SQLite database in use? A connection in WAL mode holds a shared lock on the file for as long as it is open
 * (a server, a CLI command), so an exclusive lock that cannot be had at once means someone has it open. When it
 * can be had, the log is checkpointed into the file before the lock is let go, so the file stands on its own.
 */
function assertSqliteUnused(file: string): void {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('begin exclusive');
    db.exec('commit');
    if ((db.pragma('journal_mode', { simple: true }) as string) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw refuse(`${file} is in use (a Kith server or command has it open): stop it, then restore`);
    throw refuse(`${file} cannot be opened to replace it (${(e as Error).message}); move it away by hand if it is not a database`);
  } finally {
    db?.close();
  }
}

function removeSideFiles(file: string): void {
  for (const s of ['-wal', '-shm', '-journal']) rmSync(`${file}${s}`, { force: true });
}

async function restoreSqlite(
  reader: ArchiveReader,
  m: Manifest,
  config: Config,
  opts: RestoreOptions,
  now: Date,
): Promise<{ target: string; replaced: string[]; replacedExisting: boolean }> {
  if (config.database.kind !== 'sqlite') throw new Error('unreachable');
  const target = config.database.file;
  const dir = dirname(target);
  const listed = m.files.find((f) => f.name === SQLITE_ENTRY);
  if (!listed || !reader.has(SQLITE_ENTRY)) throw new AppError('bad_request', `${reader.file} holds no ${SQLITE_ENTRY}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const existing = [target, `${target}-wal`].some((f) => existsSync(f) && statSync(f).size > 0);
  if (existing && !opts.force)
    throw refuse(`${target} already holds a database; stop Kith and pass --force to replace it (the current one is kept beside it as kith.db.replaced-<time>)`);
  if (existing) assertSqliteUnused(target);

  const work = mkdtempSync(join(dir, '.kith.db.restore-'));
  try {
    const tmp = join(work, SQLITE_ENTRY);
    const fd = openSync(tmp, 'wx', 0o600);
    let hash: string;
    try {
      hash = reader.copyTo(SQLITE_ENTRY, fd);
    } finally {
      closeSync(fd);
    }
    if (hash !== listed.sha256) throw new AppError('bad_request', `${reader.file} is damaged: ${SQLITE_ENTRY} does not match its checksum`);
    const check = new BetterSqlite3(tmp, { readonly: true });
    try {
      const rows = check.pragma('integrity_check') as { integrity_check: string }[];
      if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok')
        throw new AppError('bad_request', `${reader.file}: the database in it fails its integrity check: ${JSON.stringify(rows).slice(0, 300)}`);
      const schema = lastMigration(check.prepare('select name from kith_migrations').all() as { name: string }[]);
      if (schema !== m.schema)
        throw new AppError('bad_request', `${reader.file} is inconsistent: its database is at schema ${schema}, the manifest says ${m.schema}`);
    } finally {
      check.close();
    }
    removeSideFiles(tmp);

    const replaced: string[] = [];
    if (existing) {
      // Checked again just before: a server started since would otherwise lose its file under it.
      assertSqliteUnused(target);
      const aside = `${target}.replaced-${stamp(now)}`;
      renameSync(target, aside);
      replaced.push(aside);
    }
    removeSideFiles(target);
    renameSync(tmp, target);
    syncDir(dir);
    return { target, replaced, replacedExisting: existing };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Drops every object in schema public: tables (with their triggers), views, sequences, functions and types. */
const DROP_PUBLIC = `do $$ declare r record; begin
  for r in select format('drop view if exists public.%I cascade', viewname) as s from pg_views where schemaname = 'public' loop execute r.s; end loop;
  for r in select format('drop materialized view if exists public.%I cascade', matviewname) as s from pg_matviews where schemaname = 'public' loop execute r.s; end loop;
  for r in select format('drop table if exists public.%I cascade', tablename) as s from pg_tables where schemaname = 'public' loop execute r.s; end loop;
  for r in select format('drop sequence if exists public.%I cascade', sequencename) as s from pg_sequences where schemaname = 'public' loop execute r.s; end loop;
  for r in select format('drop function if exists %s cascade', p.oid::regprocedure) as s from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' loop execute r.s; end loop;
  for r in select format('drop type if exists public.%I cascade', t.typname) as s from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = 'public' and t.typtype in ('e', 'd', 'c', 'r') and not exists (select 1 from pg_class c where c.reltype = t.oid) loop execute r.s; end loop;
end $$;
`;

async function restorePostgres(
  reader: ArchiveReader,
  m: Manifest,
  config: Config,
  opts: RestoreOptions,
): Promise<{ target: string; replaced: string[]; replacedExisting: boolean }> {
  if (config.database.kind !== 'postgres') throw new Error('unreachable');
  const url = config.database.url;
  const listed = m.files.find((f) => f.name === PGDUMP_ENTRY);
  if (!listed || !reader.has(PGDUMP_ENTRY)) throw new AppError('bad_request', `${reader.file} holds no ${PGDUMP_ENTRY}`);
  const shown = withoutPassword(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let objects: number;
  try {
    objects = Number(
      (
        await client.query<{ n: string }>(
          `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
        )
      ).rows[0]!.n,
    );
    const sessions = async () =>
      Number(
        (
          await client.query<{ n: string }>(
            `select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
          )
        ).rows[0]!.n,
      );
    // A server stopped a moment ago: its sessions end a little after it closed them.
    let others = await sessions();
    for (let i = 0; others > 0 && i < 20; i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      others = await sessions();
    }
    if (objects > 0 && !opts.force)
      throw refuse(`the database ${shown} is not empty; stop Kith and pass --force to replace what it holds, or restore into an empty database`);
    if (others > 0) throw refuse(`the database ${shown} is in use (${others} other session${others > 1 ? 's' : ''}: a Kith server?); stop it, then restore`);
  } finally {
    await client.end();
  }

  const work = mkdtempSync(join(tmpdir(), 'kith-restore-'));
  try {
    const pgc = pgConnection(url, work);
    const dump = join(work, PGDUMP_ENTRY);
    const fd = openSync(dump, 'wx', 0o600);
    let hash: string;
    try {
      hash = reader.copyTo(PGDUMP_ENTRY, fd);
    } finally {
      closeSync(fd);
    }
    if (hash !== listed.sha256) throw new AppError('bad_request', `${reader.file} is damaged: ${PGDUMP_ENTRY} does not match its checksum`);
    // pg_restore writes the script, psql runs it in one transaction: all of it, or (on any error) nothing.
    const script = join(work, 'restore.sql');
    await runPgTool('pg_restore', ['--no-owner', '--no-privileges', `--file=${script}`, dump]);
    const prelude = join(work, 'prelude.sql');
    writeFileSync(prelude, objects > 0 ? DROP_PUBLIC : '', { mode: 0o600 });
    await runPgTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', `--file=${prelude}`, `--file=${script}`, `--dbname=${pgc.dbname}`]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    const schema = lastMigration((await check.query<{ name: string }>('select name from kith_migrations')).rows);
    if (schema !== m.schema) throw new AppError('unavailable', `the restored database is at schema ${schema}, the backup's manifest says ${m.schema}`);
  } finally {
    await check.end();
  }
  return { target: shown, replaced: [], replacedExisting: objects > 0 };
}

/** Write a secret.key (0600) by renaming a complete file into place. */
function writeSecret(file: string, secret: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.restore-${process.pid}`;
  try {
    writeFileSync(tmp, `${secret}\n`, { mode: 0o600, flag: 'w' });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  syncDir(dirname(file));
}

/**
 * Restore `file` into the database and data directory that `env` and `overrides` configure (as `kith start` would
 * read them). Throws AppError (nothing changed) when anything is wrong.
 */
export async function restore(file: string, env: NodeJS.ProcessEnv, overrides: ConfigOverrides, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const src = resolve(file);
  if (!existsSync(src) || !statSync(src).isFile()) throw new AppError('not_found', `${src} does not exist`);
  const legacy = legacyKind(src);
  if (legacy)
    throw refuse(
      `${src} is ${legacy}: a backup from before Kith kept the server's secret in its backups, so it is refused. ${SECRET_MATTERS} To restore it anyway, stop Kith, put it in place by hand (SQLite: as kith.db in the data directory; PostgreSQL: pg_restore), with the secret.key or KITH_SECRET of the server it came from.`,
    );
  const reader = new ArchiveReader(src);
  try {
    const m = readManifest(reader);
    const secret = readSecret(reader, m);
    const setting = secretSetting(env, overrides);
    if (setting.from === 'KITH_SECRET' && setting.secret !== secret)
      throw refuse(
        `KITH_SECRET is set to another secret than the one in the backup, so the backup is refused. ${SECRET_MATTERS} Unset KITH_SECRET (the backup's secret then goes to secret.key in the data directory) or set it to the backup's (tar -xOf ${src} secret.key), and restore again.`,
      );
    if (setting.from === 'file' && setting.secret !== null && setting.secret !== secret && !opts.force)
      throw refuse(
        `${setting.file} holds another secret than the backup; pass --force to replace it with the backup's (the current one is kept beside it). ${SECRET_MATTERS}`,
      );
    const config = loadConfig(env, { ...overrides, secret, logLevel: 'silent' });
    if (config.database.kind !== m.database)
      throw new AppError(
        'bad_request',
        `${src} is a backup of a ${m.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database, and this server is configured for ${config.database.kind === 'sqlite' ? 'SQLite (DATABASE_URL is not set)' : 'PostgreSQL (DATABASE_URL)'}; restore it into the same kind`,
      );
    const now = opts.now ?? new Date();
    const r = m.database === 'sqlite' ? await restoreSqlite(reader, m, config, opts, now) : await restorePostgres(reader, m, config, opts);
    let secretOutcome: RestoreResult['secret'] = 'KITH_SECRET';
    if (setting.from === 'file') {
      if (setting.secret === secret) secretOutcome = 'unchanged';
      else {
        if (setting.secret !== null) {
          const aside = `${setting.file}.replaced-${stamp(now)}`;
          renameSync(setting.file, aside);
          r.replaced.push(aside);
        }
        writeSecret(setting.file, secret);
        secretOutcome = 'written';
      }
    }
    return {
      database: m.database,
      target: r.target,
      schema: m.schema,
      backupCreatedAt: m.createdAt,
      backupKithVersion: m.kithVersion,
      secret: secretOutcome,
      replacedExisting: r.replacedExisting,
      replaced: r.replaced,
      integrity: m.database === 'sqlite' ? 'ok' : 'not-checked',
    };
  } finally {
    reader.close();
  }
}
