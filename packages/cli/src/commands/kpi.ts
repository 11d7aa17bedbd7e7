import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { closePeriod, importTargets, kpiDefinitions, kpiReport, listKpis, recountPeriod } from '@kith/server/features/kpis/kpi.service.ts';
import { reportCsv } from '@kith/server/features/kpis/kpi-files.ts';
import { dataOut, print, say, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

const fmt = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3));

/** `kith kpi …`: KPIs from the command line (the web app's KPI page, the API's /kpis). */
export function registerKpiCommands(program: Command): void {
  const k = program.command('kpi').description('KPIs per person and team: definitions, targets from a file, reports for a period, closing a period');
  k.command('list')
    .description('the KPI definitions: built-ins and the workspace’s own, with their weights')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--lang <vi|en>', 'language of the names', 'vi')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { workspace?: string; lang: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const list = await listKpis(core, actor);
        print(list, Boolean(opts.json), () =>
          list
            .map(
              (d) =>
                `${d.key.padEnd(24)} ${d.unit.padEnd(8)} ${d.direction.padEnd(6)} w=${String(d.weight).padEnd(4)} ${opts.lang === 'en' ? d.name.en : d.name.vi}`,
            )
            .join('\n'),
        );
      });
    });
  k.command('report')
    .description('the figures of a period per member or team, with targets, pace, forecast and score (JSON as GET /api/v1/kpis/report)')
    .requiredOption('--period <period>', 'a month YYYY-MM, a quarter YYYY-Qn or a year YYYY, in the workspace’s time zone')
    .option('--by <user|team>', 'per member or per team', 'user')
    .option('--kpi <keys>', 'comma-separated KPI keys (default: all)')
    .option('--format <table|csv|json>', 'the format', 'table')
    .option('--lang <vi|en>', 'language of the CSV header and names', 'vi')
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .action(async (opts: { period: string; by: string; kpi?: string; format: string; lang: string; out?: string; workspace?: string }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        if (!['table', 'csv', 'json'].includes(opts.format)) throw new Error(`--format must be table, csv or json (not "${opts.format}")`);
        if (!['user', 'team'].includes(opts.by)) throw new Error(`--by must be user or team (not "${opts.by}")`);
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await kpiReport(core, actor, { period: opts.period, by: opts.by as 'user' | 'team', kpi: opts.kpi });
        let text: string;
        if (opts.format === 'json') text = `${JSON.stringify(r, null, 2)}\n`;
        else if (opts.format === 'csv') text = reportCsv(r, await kpiDefinitions(core.db, actor.workspaceId), opts.lang === 'en' ? 'en' : 'vi');
        else {
          const name = new Map(r.subjects.map((s) => [s.id, s.name]));
          const score = new Map(r.scores.map((s) => [s.id, s.score]));
          const lines = [`${r.period.key}${r.period.closed ? ' (closed)' : ` (${Math.round(r.period.elapsed * 100)}% elapsed)`}`];
          for (const s of r.subjects) {
            lines.push(`\n${name.get(s.id)}  score ${fmt(score.get(s.id) ?? null)}`);
            for (const x of r.rows.filter((y) => (y.userId ?? y.teamId) === s.id))
              lines.push(`  ${x.kpi.padEnd(24)} ${fmt(x.value).padStart(14)}  target ${fmt(x.target).padStart(12)}  n=${x.n}`);
          }
          text = `${lines.join('\n')}\n`;
        }
        if (opts.out) {
          writeFileSync(opts.out, text);
          say(`${opts.format.toUpperCase()} report of ${r.period.key} written to ${opts.out} (${r.rows.length} figures)`);
        } else dataOut(opts.format === 'json' ? 'json' : 'text').end(text);
      });
    });
  const t = k.command('targets').description('targets per member or team and period');
  t.command('import')
    .description('set targets from a CSV file with the columns kpi, period, user (an email) or team (a name), target — all rows or none')
    .argument('<file>', 'the CSV file (UTF-8, comma or semicolon separated)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON result')
    .action(async (file: string, opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
        const delimiter = (text.split('\n')[0] ?? '').includes(';') ? ';' : ',';
        const rows = parse(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, delimiter, trim: true }) as Record<
          string,
          string
        >[];
        const r = await importTargets(
          core,
          actor,
          rows.map((x) => ({ kpi: x.kpi ?? '', period: x.period ?? '', user: x.user ?? x.email, team: x.team, target: x.target ?? '' })),
        );
        print(r, Boolean(opts.json), () => `${r.written} target(s) set from ${file}`);
      });
    });
  k.command('close')
    .description('close a finished period: freeze every figure of every member and team (a later recount is explicit and audited)')
    .argument('<period>', 'YYYY-MM, YYYY-Qn or YYYY')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON result')
    .action(async (period: string, opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await closePeriod(core, actor, period);
        print(r, Boolean(opts.json), () => `${r.period.period} closed: ${r.figures} figures frozen`);
      });
    });
  k.command('recount')
    .description('recount a closed period from the data as it is now (audited with every figure that changed)')
    .argument('<period>', 'YYYY-MM, YYYY-Qn or YYYY')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON result')
    .action(async (period: string, opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await recountPeriod(core, actor, period);
        print(r, Boolean(opts.json), () => `${r.period.period} recounted (${r.period.recounts}): ${r.changed} of ${r.figures} figures changed`);
      });
    });
}
