import type { Command } from 'commander';
import { backup } from '@kith/server/backup/backup.service.ts';
import { print, withCore } from '../output.ts';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup <file>')
    .description('write a consistent backup while Kith runs (SQLite online backup + integrity check; pg_dump on PostgreSQL)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const r = await backup(core, file);
        print(r, Boolean(opts.json), () => `backup written: ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MiB, ${r.kind}, integrity ${r.integrity})`);
      });
    });
}
