import { accessSync, constants } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { ENCODINGS, type Encoding } from '@kith/server/features/import/decode.ts';
import { runImport, type Progress } from '@kith/server/features/import/engine.ts';
import { errorFile, listImports } from '@kith/server/features/import/import.service.ts';
import { MATCH_KEYS, type MatchKey } from '@kith/server/features/import/kinds.ts';
import { undoImport } from '@kith/server/features/import/undo.ts';
import { DATE_ORDERS } from '@kith/domain/import/import.api.ts';
import { IMPORT_PRESETS } from '@kith/domain/import/presets.ts';
import type { DateOrder } from '@kith/domain/import/values.ts';
import { dataOut, jsonSafe, print, say, terminalSafe, withCore } from '../output.ts';
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

function parseMatchBy(raw: string | undefined): MatchKey[] | undefined {
  if (!raw) return undefined;
  const keys = raw.split(',').map((s) => s.trim());
  for (const k of keys)
    if (!(MATCH_KEYS as readonly string[]).includes(k))
      throw new AppError('validation', `--match-by takes ${MATCH_KEYS.join(', ')} (comma-separated, surest first), not "${k}"`);
  return keys as MatchKey[];
}

/** A progress bar on a terminal; nothing when stderr is a file or a pipe. */
function progressPrinter(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.rowsDone < p.rowCount) return;
    last = now;
    const share = p.rowCount ? p.rowsDone / p.rowCount : 1;
    const width = 30;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    process.stderr.write(
      `\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${p.rowsDone.toLocaleString('en')}/${p.rowCount.toLocaleString('en')} rows · ${p.created} created, ${p.updated} updated, ${p.failed} failed`,
    );
    if (p.rowsDone >= p.rowCount) process.stderr.write('\n');
  };
}

export function registerImportCommand(program: Command): void {
  const imp = program.command('import').description('import data from files; list, undo and the error file of earlier imports');
  for (const kind of ['contacts', 'companies', 'products', 'orders', 'interactions'] as const) {
    imp
      .command(kind)
      .argument('<file>', 'a CSV (UTF-8 with or without BOM, UTF-16, Windows-1258; comma, semicolon or tab) or an XLSX workbook (its first sheet)')
      .description(
        kind === 'contacts'
          ? 'import contacts: each row creates a contact or updates the one it matches (external id, email, phone); headers are recognised in Vietnamese and English (Họ và tên, SĐT, Email, Ngày sinh, …)'
          : kind === 'companies'
            ? 'import companies: matched by tax code, else by name; a match is updated, the rest created'
            : kind === 'products'
              ? 'import the product catalogue: a new SKU creates a product, a known one updates it; categories linked or created'
              : kind === 'interactions'
                ? 'import interactions (calls, meetings, messages, visits, notes): the customer found by id, email or phone; the same customer, kind and time already logged is skipped'
                : 'import orders: one row per line item, grouped by order number (Số đơn, Ngày mua, SĐT, Mã SP, Số lượng, Đơn giá, …); customers found by id, email or phone or created; orders already imported are skipped',
      )
      .option('--map <pairs>', 'column mapping overrides, e.g. "Họ và tên=name,SĐT=phones,Ghi chú="')
      .option('--dry-run', 'check every row and report, change nothing')
      .option('--match-by <keys>', `how a row finds the contact it updates, surest first (default ${MATCH_KEYS.join(',')})`)
      .option('--skip-existing', 'leave contacts that a row matches as they are (default: update them)')
      .option(
        '--preset <id>',
        `the product the file comes from (${
          IMPORT_PRESETS.filter((p) => p.kind === kind)
            .map((p) => p.id)
            .join(', ') || 'none yet'
        }), or "none"; by default recognised from its headers`,
      )
      .option('--date-order <order>', `the order of day-month dates (${DATE_ORDERS.join(', ')}); by default read from the file (a day above 12 decides)`)
      .option('--update-names', 'change the name of a contact a row matches (by default it keeps its name)')
      .option('--resume', 'resume an interrupted import of this file even if it may still be running')
      .option('--encoding <enc>', `force the file's encoding (${ENCODINGS.join(', ')})`)
      .option('--workspace <id>', 'workspace id (default: the only one)')
      .option('--json', 'print {"created","updated","failed","errors":[{"row","column","message"}]} (and the import id, skipped rows)')
      .action(
        async (
          file: string,
          opts: {
            map?: string;
            dryRun?: boolean;
            matchBy?: string;
            skipExisting?: boolean;
            preset?: string;
            dateOrder?: string;
            updateNames?: boolean;
            resume?: boolean;
            encoding?: string;
            workspace?: string;
            json?: boolean;
          },
          cmd: Command,
        ) => {
          if (opts.dateOrder && !(DATE_ORDERS as readonly string[]).includes(opts.dateOrder))
            throw new AppError('validation', `--date-order must be one of ${DATE_ORDERS.join(', ')}`);
          if (opts.encoding && !(ENCODINGS as readonly string[]).includes(opts.encoding))
            throw new AppError('validation', `--encoding must be one of ${ENCODINGS.join(', ')}`);
          try {
            accessSync(file, constants.R_OK);
          } catch (e) {
            throw new AppError('not_found', `Cannot read ${file}: ${(e as Error).message}`);
          }
          await withCore(cmd, async (core) => {
            const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
            const r = await runImport(
              core,
              actor,
              { path: file },
              {
                kind,
                fileName: basename(file),
                map: parseMap(opts.map),
                matchBy: parseMatchBy(opts.matchBy),
                onExisting: opts.skipExisting ? 'skip' : 'update',
                preset: opts.preset,
                dateOrder: opts.dateOrder as DateOrder | undefined,
                updateNames: Boolean(opts.updateNames),
                dryRun: Boolean(opts.dryRun),
                forceResume: Boolean(opts.resume),
                encoding: opts.encoding as Encoding | undefined,
                onProgress: progressPrinter(),
              },
            );
            const format = r.format === 'xlsx' ? 'XLSX' : `${r.encoding}, "${r.delimiter === '\t' ? '\\t' : r.delimiter}"-separated`;
            say(
              `kith: ${opts.dryRun ? 'dry run — nothing written; ' : `import ${r.id}; `}${r.resumedFromRow !== null ? `resumed after row ${r.resumedFromRow}; ` : ''}${format}; columns: ${Object.entries(
                r.mapping,
              )
                .map(([h, f]) => `${h}→${f ?? '(skipped)'}`)
                .join(', ')}`,
            );
            if (r.preset) say(`kith: looks like a ${r.preset.product} export (--preset ${r.preset.id})`);
            if (r.dateOrder)
              say(
                r.dateOrder.ambiguous
                  ? `kith: the dates read both ways${r.dateOrder.example ? ` (${r.dateOrder.example})` : ''}; a run needs --date-order dmy or mdy`
                  : `kith: dates read ${{ dmy: 'day first', mdy: 'month first', ymd: 'year first' }[r.dateOrder.order]} (${{ given: 'as asked', file: 'from the file', preset: 'as the product writes them', language: 'the headers are Vietnamese', default: 'the default' }[r.dateOrder.from]})`,
              );
            if (r.unconfirmed.length)
              say(
                `kith: left out, not sure: ${r.unconfirmed.map((u) => `${u.header}→${u.field}?`).join(', ')} — to use one, pass --map "${r.unconfirmed[0]!.header}=${r.unconfirmed[0]!.field}"`,
              );
            const changed = Object.entries(r.fieldsChanged);
            if (changed.length) say(`kith: fields changed on existing records: ${changed.map(([f, n]) => `${f} ${n}`).join(', ')}`);
            const out = {
              created: r.created,
              updated: r.updated,
              failed: r.failed,
              errors: r.errors.map((e) => ({ row: e.row, column: e.column, message: e.message, ...(e.value !== undefined ? { value: e.value } : {}) })),
              skipped: r.skipped,
              id: r.id,
              preset: r.preset?.id ?? null,
              unconfirmed: r.unconfirmed,
              fieldsChanged: r.fieldsChanged,
              ...(r.dateOrder ? { dateOrder: r.dateOrder.order } : {}),
            };
            process.stdout.write(
              opts.json
                ? `${jsonSafe(JSON.stringify(out))}\n`
                : terminalSafe(
                    `${r.created} created, ${r.updated} updated, ${r.skipped} skipped, ${r.failed} failed\n${r.errors.map((e) => `  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`).join('\n')}${r.errors.length ? '\n' : ''}`,
                  ),
            );
          });
        },
      );
  }

  imp
    .command('list')
    .description('the latest imports of the workspace')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace?: string; limit: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const list = await listImports(core, actor, Math.min(100, Math.max(1, Number(opts.limit) || 20)));
        print(list, Boolean(opts.json), () =>
          list.length
            ? list
                .map(
                  (i) =>
                    `${i.id}  ${i.createdAt.slice(0, 16).replace('T', ' ')}  ${i.kind}  ${i.status}${i.stalled ? ' (stalled)' : ''}  ${i.fileName}  ${i.rowsDone}/${i.rowCount} rows: ${i.created} created, ${i.updated} updated, ${i.skipped} skipped, ${i.failed} failed`,
                )
                .join('\n')
            : 'No imports yet',
        );
      });
    });

  imp
    .command('undo')
    .argument('<id>', 'the import (kith import list)')
    .description('undo an import: delete what it created (restorable), put back what it changed except fields edited since')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await undoImport(core, actor, id);
        print(
          { removed: r.result.removed, restored: r.result.restored, kept: r.result.kept },
          Boolean(opts.json),
          () =>
            `Undone: ${r.result.removed} removed, ${r.result.restored} restored${r.result.kept.length ? `; kept as they are now:\n${r.result.kept.map((k) => `  ${k.id}: ${k.reason}`).join('\n')}` : ''}`,
        );
      });
    });

  imp
    .command('errors')
    .argument('<id>', 'the import (kith import list)')
    .description('the rows an import refused, as CSV on stdout (row, column, value, reason)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .action(async (id: string, opts: { workspace?: string }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const out = dataOut('text');
        out.write((await errorFile(core, actor, id)).csv);
        if (out !== process.stdout) await new Promise<void>((ok) => out.end(ok));
      });
    });
}
