import type { Command } from 'commander';
import { listSegments } from '@kith/server/features/segments/segment.service.ts';
import { listContacts } from '@kith/server/features/contacts/contact-list.service.ts';
import { print, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

/** `kith segments list`: the workspace's saved segments, how many contacts each matches now. */
export function registerSegmentCommands(program: Command): void {
  const seg = program.command('segments').description('saved segments of contacts (build them in the web app or with POST /api/v1/segments)');
  seg
    .command('list')
    .description('every segment with its id, whether it is shared, and how many contacts match it now (export one with `kith export contacts --segment <id>`)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const rows: { id: string; name: string; shared: boolean; contacts: number; definition: unknown }[] = [];
        for (const s of await listSegments(core, actor)) {
          const r = await listContacts(core, actor, { limit: 1, deleted: 'exclude', includeTotal: true, raw: { segment: s.id } });
          rows.push({ id: s.id, name: s.name, shared: s.shared, contacts: r.total ?? 0, definition: s.definition });
        }
        print(rows, Boolean(opts.json), () =>
          rows.length
            ? rows.map((r) => `${r.id}  ${r.contacts.toLocaleString('en').padStart(9)}  ${r.shared ? 'shared ' : 'private'}  ${r.name}`).join('\n')
            : 'No segments yet.',
        );
      });
    });
}
