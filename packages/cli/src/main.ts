import { Command, Option } from 'commander';
import { registerCommands } from './commands.ts';
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

registerCommands(program, process.argv.slice(2))
  .then(() => program.parseAsync(process.argv))
  .catch(fail);
