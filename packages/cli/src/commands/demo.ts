import type { Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { seedDemo } from '@kith/server/features/demo/demo.service.ts';
import { print, say, withCore } from '../output.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('fill a workspace with realistic Vietnamese demo data (deterministic by seed) and compute the customers’ scores; sets Kith up first if needed')
    .addHelpText(
      'after',
      `
Safe to run again, and beside a running server (it waits its turn for the SQLite write lock):
  - a run that stopped part way (an error, Ctrl-C) is finished by running the same command again: the
    demo records which of the seed's people it made, in the same transaction as each step, so nothing
    is made twice;
  - a run after a complete one adds nothing and says the demo data is already there (it computes the
    scores again);
  - a larger --customers with the same seed adds the people past those there; another --seed adds others.
Passwords of the accounts it makes are printed on stderr as soon as they are made.`,
    )
    .option('--customers <n>', 'how many contacts', '1000')
    .option('--seed <s>', 'random seed: the same seed gives the same people', '1')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (opts: { customers: string; seed: string; workspace?: string; json?: boolean }, cmd: Command) => {
      const customers = Number(opts.customers);
      const seed = Number(opts.seed);
      if (!Number.isInteger(customers) || customers < 1 || customers > 10_000_000)
        throw new AppError('validation', '--customers must be an integer between 1 and 10,000,000');
      if (!Number.isInteger(seed)) throw new AppError('validation', '--seed must be an integer');
      await withCore(cmd, async (core) => {
        let last = 0;
        const r = await seedDemo(core, {
          customers,
          seed,
          onAccount: (a) => say(`made ${a.role} ${a.email}  password ${a.password}`),
          ...(opts.workspace ? { workspaceId: opts.workspace } : {}),
          onProgress: (done, total) => {
            const pct = Math.floor((done / total) * 100);
            if (pct !== last || done === total) {
              last = pct;
              const width = 30;
              const filled = Math.round((done / total) * width);
              process.stderr.write(
                `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done.toLocaleString('en')} / ${total.toLocaleString('en')} contacts`,
              );
              if (done === total) process.stderr.write('\n');
            }
          },
        });
        print(r, Boolean(opts.json), () =>
          [
            r.alreadyThere
              ? `workspace ${r.workspaceId}: the demo data of seed ${r.seed} is already there (${r.totalContacts.toLocaleString('en')} contacts); nothing added`
              : `workspace ${r.workspaceId}: ${r.resumed ? 'continued the demo data already there — added ' : ''}${r.contacts.toLocaleString('en')} contacts, ${r.companies.toLocaleString('en')} companies, ${r.products} products, ${r.orders.toLocaleString('en')} orders, ${r.interactions.toLocaleString('en')} interactions, ${r.deals.toLocaleString('en')} deals and ${r.tasks.toLocaleString('en')} tasks in ${r.seconds.toFixed(1)} s`,
            `scores of ${r.scores.customers.toLocaleString('en')} customers computed as of ${r.scores.asOf}${r.scores.note ? ` (no lifetime value: ${r.scores.note})` : ''}`,
            `owner ${r.owner.email}${r.owner.password ? `  password ${r.owner.password}` : ''}`,
            ...r.users.map((u) => `${u.role.padEnd(8)} ${u.email}${u.password ? `  password ${u.password}` : ''}`),
          ].join('\n'),
        );
      });
    });
}
