import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { EXPORT_FORMATS, exportContacts, type ExportFormat } from '@kith/server/features/export/contact-export.ts';
import { exportWorkspace } from '@kith/server/features/export/workspace-export.ts';
import { exportList, LIST_EXPORTS, type ListExport } from '@kith/server/features/export/list-export.ts';
import { dataOut, fail, say, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

/** `kith export contacts`: the workspace's contacts to stdout (or --output), spreadsheet-safe unless --raw. */
export function registerExportCommand(program: Command): void {
  const exp = program.command('export').description('export data (streamed: a million rows in flat memory)');
  exp
    .command('contacts')
    .description('the workspace’s contacts as CSV (UTF-8 with BOM) or XLSX; cells a spreadsheet would run (= + - @ …) get a leading apostrophe unless --raw')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'csv')
    .option('--raw', 'values exactly as stored, for a round trip into another system (not safe to open in a spreadsheet)')
    .option('--q <words>', 'only contacts matching this search')
    .option('--segment <id>', 'only the contacts of this saved segment (`kith segments list`)')
    .option('--filter <field:op:value...>', 'a filter as the API takes it, e.g. valueTier:eq:most_valuable (repeatable)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(
      async (opts: { format: string; raw?: boolean; q?: string; segment?: string; filter?: string[]; workspace?: string; output?: string }, cmd: Command) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new AppError('validation', `--format must be ${EXPORT_FORMATS.join(' or ')}`);
        if (opts.format === 'xlsx' && !opts.output && process.stdout.isTTY)
          throw new AppError('validation', 'An XLSX file is binary: redirect stdout to a file or pass --output');
        await withCore(cmd, async (core) => {
          const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
          const out: Writable = opts.output ? createWriteStream(opts.output) : dataOut('text');
          // `kith export contacts | head`: the reader leaving early is not an error.
          if (!opts.output) process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : fail(e)));
          const filters = { ...cliFilters('contacts', opts.filter ?? []), ...(opts.segment ? { segment: opts.segment } : {}) };
          const r = await exportContacts(
            core,
            actor,
            { format: opts.format as ExportFormat, raw: Boolean(opts.raw), filters, ...(opts.q ? { q: opts.q } : {}) },
            out,
          );
          say(`kith: exported ${r.rows.toLocaleString('en')} contacts${opts.output ? ` to ${opts.output}` : ''}`);
        });
      },
    );

  for (const kind of LIST_EXPORTS) {
    const c = exp
      .command(kind)
      .description(
        `the workspace’s ${kind} as CSV (UTF-8 with BOM) or XLSX${kind === 'orders' ? ', one row per order or (--lines) per line item' : ''}; spreadsheet-safe unless --raw`,
      )
      .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'csv')
      .option('--raw', 'values exactly as stored (not safe to open in a spreadsheet)')
      .option('--q <words>', 'only those matching this search')
      .option('--sort <field>', 'the list’s order, e.g. -createdAt')
      .option('--filter <field:op:value...>', 'a filter as the API takes it, e.g. status:in:paid,delivered (repeatable)')
      .option('--workspace <id>', 'workspace id (default: the only one)')
      .option('-o, --output <file>', 'write to a file instead of stdout');
    if (kind === 'orders') c.option('--lines', 'one row per line item (the shape `kith import orders` reads)');
    c.action(
      async (
        opts: { format: string; raw?: boolean; q?: string; sort?: string; filter?: string[]; lines?: boolean; workspace?: string; output?: string },
        cmd: Command,
      ) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new AppError('validation', `--format must be ${EXPORT_FORMATS.join(' or ')}`);
        if (opts.format === 'xlsx' && !opts.output && process.stdout.isTTY)
          throw new AppError('validation', 'An XLSX file is binary: redirect stdout to a file or pass --output');
        await withCore(cmd, async (core) => {
          const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
          const out: Writable = opts.output ? createWriteStream(opts.output) : dataOut('text');
          if (!opts.output) process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : fail(e)));
          const r = await exportList(
            core,
            actor,
            kind,
            {
              format: opts.format as ExportFormat,
              raw: Boolean(opts.raw),
              q: opts.q,
              sort: opts.sort,
              filters: cliFilters(kind, opts.filter ?? []),
              lines: Boolean(opts.lines),
            },
            out,
          );
          say(
            `kith: exported ${r.rows.toLocaleString('en')} ${kind === 'orders' && opts.lines ? 'order lines' : kind}${opts.output ? ` to ${opts.output}` : ''}`,
          );
        });
      },
    );
  }

  exp
    .command('workspace')
    .description(
      'the whole workspace as JSON Lines (one {"type","data"} record per line): members, custom fields, companies, contacts, products, orders with lines, interactions, tasks; no secrets',
    )
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: { workspace?: string; output?: string }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const out: Writable = opts.output ? createWriteStream(opts.output) : dataOut('json');
        if (!opts.output) process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : fail(e)));
        const counts = await exportWorkspace(core, actor, out);
        if (out !== process.stdout) await new Promise<void>((ok) => out.end(ok));
        say(
          `kith: exported ${
            Object.entries(counts)
              .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
              .join(', ') || 'nothing'
          }`,
        );
      });
    });
}

/** `--filter status:in:paid,delivered` as the API's `filter[status][in]=paid,delivered`; a deal's `stageId:<id>` as its own parameter. */
function cliFilters(kind: ListExport | 'contacts', specs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const parts = spec.split(':');
    if (kind === 'deals') {
      if (parts.length !== 2)
        throw new AppError('validation', `--filter ${spec}: for deals write pipelineId:…, stageId:…, status:open|won|lost or contactId:…`);
      out[parts[0]!] = parts[1];
      continue;
    }
    if (parts.length < 3) throw new AppError('validation', `--filter ${spec}: write field:operator:value, e.g. status:in:paid,delivered`);
    out[`filter[${parts[0]}][${parts[1]}]`] = parts.slice(2).join(':');
  }
  return out;
}
