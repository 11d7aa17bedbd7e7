import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { ENCODINGS, type Encoding } from '@kith/server/import/decode.ts';
import { importContacts } from '@kith/server/import/contact-import.ts';
import { withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

/** "Họ và tên=name,SĐT=phones" → { "Họ và tên": "name", "SĐT": "phones" }; "Ghi chú=" skips a column. */
function parseMap(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  const out: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const eq = part.lastIndexOf('=');
    if (eq < 1) throw new AppError('validation', `--map wants "Header=field" pairs separated by commas, not "${part}"`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export function registerImportCommand(program: Command): void {
  const imp = program.command('import').description('import data from files');
  imp
    .command('contacts')
    .argument('<file>', 'a CSV file (UTF-8 with or without BOM, UTF-16, Windows-1258; comma, semicolon or tab)')
    .description('import contacts; headers are recognised in Vietnamese and English (Họ và tên, SĐT, Email, Ngày sinh, …); rows whose email or phone is already a contact’s are skipped')
    .option('--map <pairs>', 'column mapping overrides, e.g. "Họ và tên=name,SĐT=phones,Ghi chú="')
    .option('--dry-run', 'check every row and report, change nothing')
    .option('--encoding <enc>', `force the file's encoding (${ENCODINGS.join(', ')})`)
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'print {"created","updated","failed","errors":[{"row","column","message"}]}')
    .action(async (file: string, opts: { map?: string; dryRun?: boolean; encoding?: string; workspace?: string; json?: boolean }, cmd: Command) => {
      if (opts.encoding && !(ENCODINGS as readonly string[]).includes(opts.encoding)) throw new AppError('validation', `--encoding must be one of ${ENCODINGS.join(', ')}`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        throw new AppError('not_found', `Cannot read ${file}: ${(e as Error).message}`);
      }
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await importContacts(core, actor, bytes, { map: parseMap(opts.map), dryRun: Boolean(opts.dryRun), ...(opts.encoding ? { encoding: opts.encoding as Encoding } : {}) });
        process.stderr.write(`kith: ${opts.dryRun ? 'dry run — nothing written; ' : ''}${r.encoding}, "${r.delimiter === '\t' ? '\\t' : r.delimiter}"-separated; columns: ${Object.entries(r.mapping).map(([h, f]) => `${h}→${f ?? '(skipped)'}`).join(', ')}; ${r.skipped} rows already known, skipped\n`);
        const out = { created: r.created, updated: r.updated, failed: r.failed, errors: r.errors };
        process.stdout.write(opts.json ? `${JSON.stringify(out)}\n` : `${r.created} created, ${r.updated} updated, ${r.skipped} skipped, ${r.failed} failed\n${r.errors.map((e) => `  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`).join('\n')}${r.errors.length ? '\n' : ''}`);
      });
    });
}
