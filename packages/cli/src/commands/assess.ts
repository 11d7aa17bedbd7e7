import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { langOf, listFrameworks } from '@kith/server/features/assessment/assessment-framework.service.ts';
import { listAll, startAssessment } from '@kith/server/features/assessment/assessment.service.ts';
import { buildReport, consolidationView, overallOf } from '@kith/server/features/assessment/assessment-report.service.ts';
import { importAnswers } from '@kith/server/features/assessment/assessment-import.service.ts';
import { reportCsv, reportHtml } from '@kith/server/features/assessment/assessment-files.ts';
import { AssessmentCreateBody } from '@kith/domain/assessment/assessment.api.ts';
import { dataOut, print, say, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** `kith assess …`: the assessment from the command line (the web app's /assessments, the API's /assessments). */
export function registerAssessCommands(program: Command): void {
  const a = program
    .command('assess')
    .description('assessments of how the business manages its customers (QCI model, IDIC, customer care, Gartner, Payne & Frow, Buttle)');
  a.command('frameworks')
    .description('the frameworks an assessment can use, with their areas and number of practices')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--lang <vi|en>', 'language of the names')
    .option('--json', 'JSON (every practice) instead of a table')
    .action(async (opts: { workspace?: string; lang?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const list = await listFrameworks(core, actor, opts.lang);
        print(list, Boolean(opts.json), () =>
          list
            .map(
              (f) =>
                `${f.key.padEnd(16)} ${String(f.areas.reduce((n, x) => n + x.practices.length, 0)).padStart(4)} practices  ${f.name}\n${f.areas.map((x) => `    ${x.key.padEnd(26)} ${x.name}`).join('\n')}`,
            )
            .join('\n'),
        );
      });
    });
  a.command('list')
    .description('the workspace’s assessments, newest first, with their progress and overall score')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const list = await listAll(core, actor, undefined, overallOf);
        print(list, Boolean(opts.json), () =>
          list.length
            ? list
                .map(
                  (x) =>
                    `${x.id}  ${x.framework.padEnd(12)} ${x.status.padEnd(6)} ${`${x.submitted}/${x.respondents}`.padStart(5)}  ${pct(x.overall).padStart(7)}  ${x.name}`,
                )
                .join('\n')
            : 'No assessments yet: start one with `kith assess start --framework qci --name "…"`.',
        );
      });
    });
  a.command('start')
    .description('start an assessment (as the workspace owner, who does not answer it; invite respondents in the web app or import answers); prints its id')
    .requiredOption('--framework <key>', 'qci, idic, care, gartner, payne_frow, buttle, or a workspace copy’s key')
    .requiredOption('--name <name>', 'its name')
    .option('--team <id>', 'a team (default: the whole business)')
    .option('--from <date>', 'the period it describes, from (YYYY-MM-DD; default: a year before --to)')
    .option('--to <date>', 'to (default: today)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'the assessment as JSON')
    .action(async (opts: { framework: string; name: string; team?: string; from?: string; to?: string; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const body = AssessmentCreateBody.parse({
          framework: opts.framework,
          name: opts.name,
          ...(opts.team ? { teamId: opts.team } : {}),
          ...(opts.from ? { periodFrom: opts.from } : {}),
          ...(opts.to ? { periodTo: opts.to } : {}),
        });
        const x = await startAssessment(core, actor, body, overallOf, false);
        print(x, Boolean(opts.json), () => x.id);
      });
    });
  a.command('import')
    .description(
      'import answers from CSV: columns respondent, email (a member’s makes the row theirs), practice, intention, reality, comment — all checked before anything is written',
    )
    .argument('<assessment>', 'the assessment’s id')
    .argument('<file>', 'the CSV file')
    .option('--submit', 'hand in every respondent of the file (each must have scored every practice)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'the summary as JSON')
    .action(async (id: string, file: string, opts: { submit?: boolean; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await importAnswers(core, actor, id, readFileSync(file, 'utf8'), { submit: Boolean(opts.submit) });
        print(
          r,
          Boolean(opts.json),
          () => `${r.rows} answers of ${r.respondents} respondents imported (${r.created} new respondents${r.submitted ? `, ${r.submitted} submitted` : ''}).`,
        );
      });
    });
  a.command('report')
    .description('the report: JSON (as GET /api/v1/assessments/{id}/report), a printable HTML page, or the CSV of every score')
    .argument('<assessment>', 'the assessment’s id')
    .option('--format <json|html|csv>', 'the format', 'json')
    .option('--lang <vi|en>', 'language of the texts')
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .action(async (id: string, opts: { format: string; lang?: string; out?: string; workspace?: string }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        if (!['json', 'html', 'csv'].includes(opts.format)) throw new Error(`--format must be json, html or csv (not "${opts.format}")`);
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const lang = opts.lang === 'en' ? 'en' : opts.lang === 'vi' ? 'vi' : undefined;
        const r = await buildReport(core, actor, id, lang);
        const language = lang ?? (await langOf(core, actor));
        let text: string;
        if (opts.format === 'json') text = `${JSON.stringify(r, null, 2)}\n`;
        else if (opts.format === 'html') text = reportHtml(r, language);
        else {
          const c = await consolidationView(core, actor, id);
          text = reportCsv(
            r,
            c.practices.flatMap((p) =>
              p.answers.map((x) => ({ practiceId: x.practiceId, respondent: x.respondent, intention: x.intention, reality: x.reality, comment: x.comment })),
            ),
            language,
          );
        }
        if (opts.out) {
          writeFileSync(opts.out, text);
          say(`${opts.format.toUpperCase()} report written to ${opts.out} (overall ${pct(r.overall)})`);
        } else dataOut(opts.format === 'json' ? 'json' : 'text').end(text);
      });
    });
}
