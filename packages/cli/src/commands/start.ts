import { Option, type Command } from 'commander';
import { startServer } from '@kith/server/main.ts';
import { configFrom } from '../output.ts';
import { ensureWebBuild } from '../web-build.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('serve the web app and the REST API (applies pending migrations first)')
    .addOption(new Option('-p, --port <port>', 'port to listen on (default 3000)').env('PORT'))
    .addOption(new Option('-H, --host <host>', 'address to listen on (default 127.0.0.1)').env('HOST'))
    .addOption(new Option('--public-url <url>', 'the URL people use to reach Kith, for links in emails').env('KITH_PUBLIC_URL'))
    .option('--no-web-build', 'serve the web app as built, without checking whether its sources changed')
    .action(async (opts: { port?: string; host?: string; publicUrl?: string; webBuild: boolean }, cmd: Command) => {
      const config = configFrom(cmd, { port: opts.port, host: opts.host, publicUrl: opts.publicUrl });
      if (opts.webBuild) ensureWebBuild();
      await startServer(config);
    });
}
