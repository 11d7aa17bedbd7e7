import type { Command } from 'commander';

/**
 * The CLI's command modules and the top-level commands each registers. `kith <command>` loads only the module of
 * its command: loading all of them loads the whole server (1.2–1.5 s of CPU and 200 MiB before any work, more
 * than `kith analytics clv` needs for 100,000 customers — BENCHMARKS (j)). Help and unknown commands load all.
 * commands.test.ts checks each module registers exactly the names listed here.
 */
export const COMMAND_MODULES: readonly { names: readonly string[]; load: () => Promise<(program: Command) => void> }[] = [
  { names: ['start'], load: async () => (await import('./commands/start.ts')).registerStartCommand },
  { names: ['migrate'], load: async () => (await import('./commands/migrate.ts')).registerMigrateCommands },
  { names: ['setup', 'workspace', 'user', 'token'], load: async () => (await import('./commands/admin.ts')).registerAdminCommands },
  { names: ['backup', 'restore'], load: async () => (await import('./commands/backup.ts')).registerBackupCommand },
  { names: ['demo'], load: async () => (await import('./commands/demo.ts')).registerDemoCommand },
  { names: ['export'], load: async () => (await import('./commands/export.ts')).registerExportCommand },
  { names: ['import'], load: async () => (await import('./commands/import.ts')).registerImportCommand },
  { names: ['duplicates'], load: async () => (await import('./commands/duplicates.ts')).registerDuplicateCommands },
  { names: ['analytics'], load: async () => (await import('./commands/analytics.ts')).registerAnalyticsCommands },
  { names: ['segments'], load: async () => (await import('./commands/segments.ts')).registerSegmentCommands },
  { names: ['tickets', 'surveys', 'loyalty', 'jobs'], load: async () => (await import('./commands/care.ts')).registerCareCommands },
  { names: ['playbooks'], load: async () => (await import('./commands/playbooks.ts')).registerPlaybookCommands },
  { names: ['assess'], load: async () => (await import('./commands/assess.ts')).registerAssessCommands },
  { names: ['kpi'], load: async () => (await import('./commands/kpi.ts')).registerKpiCommands },
];

/** The program's options that take a value (`--data-dir DIR`): skipped when looking for the command's name. */
const VALUE_OPTIONS = new Set(['--data-dir', '--database-url', '--log-level']);

/** The command a command line runs (`kith --data-dir d import …` → import), or null (help, a version, nothing). */
export function commandOf(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return null;
}

/** Register the modules the command line needs: its command's, or every one. */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const name = commandOf(args);
  const one = COMMAND_MODULES.find((m) => name !== null && m.names.includes(name));
  for (const m of one ? [one] : COMMAND_MODULES) (await m.load())(program);
}
