import type { Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { enrollContact } from '@kith/server/features/playbooks/playbook-run.service.ts';
import { listPlaybooks } from '@kith/server/features/playbooks/playbook.service.ts';
import { print, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

/**
 * `kith playbooks`: the workspace's care playbooks (the built-in ones are made on first use), and enrolling a
 * customer in one by hand. Acts as the workspace's owner, like the other admin commands; the steps run in
 * the server's job runner (or with `kith jobs run`).
 */
export function registerPlaybookCommands(program: Command): void {
  const pb = program.command('playbooks').description('care playbooks: steps (tasks, emails, surveys) for new, potential, loyal… customers');
  pb.command('list')
    .description('playbooks with their ids, audience, steps and how many customers are on them')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await listPlaybooks(core, actor);
        print(r.data, Boolean(opts.json), () => {
          if (!r.data.length) return 'No playbooks.';
          return r.data
            .map((p) => {
              const audience = p.audience.kind === 'lifecycle' ? p.audience.stages.join(',') : `segment ${p.audience.segmentId}`;
              const steps = p.steps.map((s) => `d${s.delayDays} ${s.action}`).join(' → ');
              return `${p.id}  ${p.status.padEnd(6)} ${p.autoEnroll ? 'auto  ' : 'manual'}  running ${String(p.runs.running).padStart(5)}  done ${String(p.runs.completed).padStart(5)}  ${p.name} [${audience}]  ${steps}`;
            })
            .join('\n');
        });
      });
    });
  pb.command('run')
    .description('enrol a customer in a playbook: its steps are scheduled from now')
    .argument('<playbookId>', 'the playbook (see `kith playbooks list`)')
    .argument('<contactId>', 'the customer')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a summary')
    .action(async (playbookId: string, contactId: string, opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
        if (!id.test(playbookId)) throw new AppError('validation', `<playbookId> must be an id, not "${playbookId}"`);
        if (!id.test(contactId)) throw new AppError('validation', `<contactId> must be an id, not "${contactId}"`);
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const run = await enrollContact(core, actor, playbookId.toLowerCase(), contactId.toLowerCase());
        print(run, Boolean(opts.json), () =>
          [`Enrolled in ${run.playbookName} (run ${run.id}):`, ...run.steps.map((s) => `  ${s.dueAt}  ${s.action.padEnd(6)} ${s.title ?? ''}`)].join('\n'),
        );
      });
    });
}
