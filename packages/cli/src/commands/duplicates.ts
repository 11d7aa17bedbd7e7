import type { Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { detectDuplicates } from '@kith/server/features/duplicates/duplicate-detect.service.ts';
import { mergeContacts, MERGE_FIELDS, undoMerge, type MergeField } from '@kith/server/features/duplicates/duplicate-merge.service.ts';
import { listCandidates } from '@kith/server/features/duplicates/duplicate.service.ts';
import { print, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

/** "birthday=merged,name=survivor" → { birthday: 'merged', name: 'survivor' } */
function parsePrefer(raw: string | undefined): Partial<Record<MergeField, 'survivor' | 'merged'>> {
  const out: Partial<Record<MergeField, 'survivor' | 'merged'>> = {};
  for (const part of (raw ?? '').split(',').filter(Boolean)) {
    const [f, v] = part.split('=').map((x) => x.trim()) as [string, string | undefined];
    if (!(MERGE_FIELDS as readonly string[]).includes(f) || (v !== 'survivor' && v !== 'merged'))
      throw new AppError('validation', `--prefer wants field=survivor|merged pairs (fields: ${MERGE_FIELDS.join(', ')}), not "${part}"`);
    out[f as MergeField] = v;
  }
  return out;
}

export function registerDuplicateCommands(program: Command): void {
  const dup = program.command('duplicates').description('find, review, merge and unmerge duplicate contacts');
  dup
    .command('detect')
    .description('find duplicate contacts in the workspace (same phone, email or customer id; same name with the same birthday, company or province)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await detectDuplicates(core, actor);
        print(
          r,
          Boolean(opts.json),
          () =>
            `${r.candidates} pairs to review (${r.added} new) among ${r.contacts.toLocaleString('en')} contacts; ${r.pairsCompared.toLocaleString('en')} pairs compared in ${r.seconds.toFixed(1)} s`,
        );
      });
    });
  dup
    .command('list')
    .description('the open pairs, likeliest first')
    .option('--limit <n>', 'how many', '20')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await listCandidates(core, actor, { limit: Math.min(100, Math.max(1, Number(opts.limit) || 20)) });
        print(r.data, Boolean(opts.json), () =>
          r.data.length
            ? r.data.map((p) => `${p.score.toFixed(2)}  ${p.a.name} (${p.a.id})  ⇄  ${p.b.name} (${p.b.id})  — ${p.reasons.join(', ')}`).join('\n')
            : 'No duplicates to review',
        );
      });
    });
  dup
    .command('merge')
    .argument('<survivor>', 'the contact that stays')
    .argument('<merged>', 'the contact merged into it')
    .description(
      'merge two contacts: the survivor keeps its values (or --prefer the other’s), phones, emails and tags are joined, orders, interactions and tasks move to it',
    )
    .option('--prefer <pairs>', 'per field, whose value to keep, e.g. "birthday=merged,name=survivor"')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (survivorId: string, mergedId: string, opts: { prefer?: string; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await mergeContacts(core, actor, { survivorId, mergedId, prefer: parsePrefer(opts.prefer) });
        print(
          { id: r.id, survivorId: r.survivorId, mergedId: r.mergedId, moved: r.moved },
          Boolean(opts.json),
          () =>
            `Merged into ${r.contact.name} (${r.survivorId}); moved ${r.moved.orders} orders, ${r.moved.interactions} interactions, ${r.moved.tasks} tasks. Undo: kith duplicates undo ${r.id}`,
        );
      });
    });
  dup
    .command('undo')
    .argument('<merge>', 'the merge id (printed by merge)')
    .description('undo a merge (refused when the survivor changed since)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (mergeId: string, opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await undoMerge(core, actor, mergeId);
        print(
          { survivorId: r.survivor.id, restoredId: r.restored.id },
          Boolean(opts.json),
          () => `Unmerged: ${r.survivor.name} and ${r.restored.name} are two contacts again`,
        );
      });
    });
}
