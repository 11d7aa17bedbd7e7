import type { Command } from 'commander';
import { migrateToLatest, migrationStatus } from '@kith/server/platform/db/migrate.ts';
import { print, withCore } from '../output.ts';

export function registerMigrateCommands(program: Command): void {
  const migrate = program.command('migrate').description('database migrations');
  migrate
    .command('status')
    .description('list migrations and whether each is applied')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withCore(
        cmd,
        async (core) => {
          const list = await migrationStatus(core.db);
          print(list, Boolean(opts.json), () =>
            list.map((m) => `${m.executedAt ? 'applied ' : 'pending '} ${m.name}${m.executedAt ? `  (${m.executedAt})` : ''}`).join('\n'),
          );
        },
        { migrate: false },
      );
    });
  migrate
    .command('up')
    .description('apply every pending migration')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withCore(
        cmd,
        async (core) => {
          const r = await migrateToLatest(core.db);
          const applied = (r.results ?? []).filter((x) => x.status === 'Success').map((x) => x.migrationName);
          print({ applied }, Boolean(opts.json), () => (applied.length ? applied.map((n) => `applied ${n}`).join('\n') : 'the database is up to date'));
        },
        { migrate: false },
      );
    });
}
