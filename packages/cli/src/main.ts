import { Command, Option } from 'commander';
import { registerAdminCommands } from './commands/admin.ts';
import { registerAnalyticsCommands } from './commands/analytics.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerDuplicateCommands } from './commands/duplicates.ts';
import { registerMigrateCommands } from './commands/migrate.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerSegmentCommands } from './commands/segments.ts';
import { registerCareCommands } from './commands/care.ts';
import { registerPlaybookCommands } from './commands/playbooks.ts';
import { fail } from './output.ts';

/** `kith`: data on stdout (`--json` where useful), logs and errors on stderr. */
const program = new Command()
  .name('kith')
  .description('Kith — the CRM that runs QCI, IDIC and customer care on your own customer data')
  .version('0.1.0')
  .showHelpAfterError()
  .addOption(new Option('--data-dir <dir>', 'data directory (SQLite database, secrets)').env('KITH_DATA_DIR'))
  .addOption(new Option('--database-url <url>', 'a postgres:// URL to use PostgreSQL instead of SQLite').env('DATABASE_URL'))
  .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent').env('LOG_LEVEL'));

registerStartCommand(program);
registerMigrateCommands(program);
registerAdminCommands(program);
registerBackupCommand(program);
registerDemoCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerDuplicateCommands(program);
registerAnalyticsCommands(program);
registerSegmentCommands(program);
registerCareCommands(program);
registerPlaybookCommands(program);

program.parseAsync(process.argv).catch(fail);
