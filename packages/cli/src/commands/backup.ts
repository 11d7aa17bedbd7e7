import type { Command } from 'commander';
import { backup } from '@kith/server/features/backup/backup.service.ts';
import { restore } from '@kith/server/features/backup/restore.service.ts';
import { configSources, print, withCore } from '../output.ts';

/** `kith backup <file>` and its counterpart `kith restore <file>`. */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup <file>')
    .description(
      'write a consistent backup while Kith runs (SQLite online backup + integrity check; pg_dump on PostgreSQL), with the server secret: one file, 0600 — keep it like a password',
    )
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      await withCore(
        cmd,
        async (core) => {
          const r = await backup(core, file);
          print(
            r,
            Boolean(opts.json),
            () =>
              `backup written: ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MiB, ${r.kind}, integrity ${r.integrity}, schema ${r.schema ?? 'empty'}; it holds the server secret: keep it like a password)`,
          );
        },
        { deliver: false },
      );
    });

  program
    .command('restore <file>')
    .description('restore a backup made by `kith backup` (database and server secret) into the configured data directory or DATABASE_URL; stop Kith first')
    .option('--force', 'replace an existing database (and a different secret.key); the replaced SQLite files are kept beside the new ones')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }, cmd: Command) => {
      // Not through withCore: opening the target would migrate it and create a new secret before the backup's is back.
      const { env, overrides } = configSources(cmd);
      const r = await restore(file, env, overrides, { force: Boolean(opts.force) });
      print(r, Boolean(opts.json), () =>
        [
          `restored: ${r.target} (${r.database}, schema ${r.schema ?? 'empty'}, backup of ${r.backupCreatedAt} by Kith ${r.backupKithVersion}, integrity ${r.integrity})`,
          `secret: ${r.secret === 'written' ? 'the backup’s, written to secret.key' : r.secret === 'unchanged' ? 'secret.key already held the backup’s' : 'KITH_SECRET is the backup’s'}`,
          ...(r.replacedExisting ? [`replaced the database that was there${r.database === 'postgres' ? ' (dropped)' : ''}`] : []),
          ...r.replaced.map((x) => `kept: ${x}`),
          'start Kith to apply any newer migrations',
        ].join('\n'),
      );
    });
}
