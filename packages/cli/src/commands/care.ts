import type { Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { QUEUES, type Queue } from '@kith/domain/tickets/ticket.api.ts';
import { listTickets } from '@kith/server/features/tickets/ticket.service.ts';
import { slaReport } from '@kith/server/features/tickets/sla-report.service.ts';
import { createInvitation } from '@kith/server/features/surveys/survey-invitation.service.ts';
import { listSurveys } from '@kith/server/features/surveys/survey.service.ts';
import { surveyResults, type Breakdown } from '@kith/server/features/surveys/survey-results.service.ts';
import { getLoyalty } from '@kith/server/features/loyalty/loyalty-account.service.ts';
import { referralLeaderboard } from '@kith/server/features/loyalty/loyalty-referral.service.ts';
import { runDueJobs } from '@kith/server/platform/jobs/runner.ts';
import { rebuildRollup } from '@kith/server/features/surveys/survey-rollup.ts';
import { print, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

/**
 * Customer care from the command line (issue 6): the ticket queues and SLA attainment, survey results and
 * invitation links, a customer's points and the referral leaderboard, and the background jobs. Each acts
 * as the workspace's owner, like the other admin commands; `--json` for scripts.
 */

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));
const isoOr = (v: string | undefined, fallback: string, what: string) => {
  if (v === undefined) return fallback;
  const t = Date.parse(/T/.test(v) ? v : `${v}T00:00:00Z`);
  if (Number.isNaN(t)) throw new AppError('validation', `${what} must be a date (YYYY-MM-DD) or a date-time, not "${v}"`);
  return new Date(t).toISOString();
};

export function registerCareCommands(program: Command): void {
  const tickets = program.command('tickets').description('support tickets and their SLAs');
  tickets
    .command('list')
    .description('tickets by the next SLA target: a queue (all, unassigned, breaching) and a status')
    .option('--queue <queue>', `one of ${QUEUES.join(', ')}`, 'all')
    .option('--status <status>', 'open, resolved, closed or any', 'open')
    .option('--limit <n>', 'at most this many', '50')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { queue: string; status: string; limit: string; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        if (!(QUEUES as readonly string[]).includes(opts.queue)) throw new AppError('validation', `--queue must be one of ${QUEUES.join(', ')}`);
        if (!['open', 'resolved', 'closed', 'any'].includes(opts.status)) throw new AppError('validation', '--status must be open, resolved, closed or any');
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await listTickets(core, actor, {
          queue: opts.queue as Queue,
          status: opts.status as 'open',
          limit: Math.min(500, Math.max(1, Number(opts.limit) || 50)),
          offset: 0,
        });
        print(r, Boolean(opts.json), () => {
          if (!r.data.length) return 'No tickets.';
          const lines = r.data.map((t) => {
            const s = t.firstRespondedAt ? t.sla.resolution : t.sla.firstResponse;
            const clock = !s
              ? 'no SLA'
              : s.met !== null
                ? s.met
                  ? 'met'
                  : 'missed'
                : s.breached
                  ? `late ${Math.round(Math.abs(s.remainingMinutes))} min`
                  : `${Math.round(s.remainingMinutes)} min left`;
            return `#${String(t.number).padEnd(6)} ${t.priority.padEnd(7)} ${t.status.padEnd(20)} ${clock.padEnd(16)} ${t.subject} — ${t.contactName ?? ''}`;
          });
          return [...lines, `${r.total} ticket(s)`].join('\n');
        });
      });
    });
  tickets
    .command('sla-report')
    .description('SLA attainment of the tickets created in a period, per team, agent or category')
    .option('--by <what>', 'team, agent or category', 'team')
    .option('--from <date>', 'start (default: 30 days ago)')
    .option('--to <date>', 'end (default: now)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { by: string; from?: string; to?: string; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        if (!['team', 'agent', 'category'].includes(opts.by)) throw new AppError('validation', '--by must be team, agent or category');
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const now = core.now();
        const r = await slaReport(core, actor, {
          by: opts.by as 'team',
          from: isoOr(opts.from, new Date(now.getTime() - 30 * 86_400_000).toISOString(), '--from'),
          to: isoOr(opts.to, new Date(now.getTime() + 60_000).toISOString(), '--to'),
        });
        print(r, Boolean(opts.json), () =>
          r.data.length
            ? r.data
                .map(
                  (g) =>
                    `${(g.key ?? '(none)').padEnd(38)} ${String(g.tickets).padStart(6)} tickets  attainment ${pct(g.attainment).padStart(6)}  first response ${g.firstResponse.met}/${g.firstResponse.met + g.firstResponse.missed}  resolution ${g.resolution.met}/${g.resolution.met + g.resolution.missed}`,
                )
                .join('\n')
            : 'No tickets in this period.',
        );
      });
    });

  const surveys = program.command('surveys').description('NPS, CSAT and CES surveys');
  surveys
    .command('list')
    .description('surveys with their ids, how many were invited and answered')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await listSurveys(core, actor);
        print(r.data, Boolean(opts.json), () =>
          r.data.length
            ? r.data
                .map((s) => `${s.id}  ${s.status.padEnd(8)} ${String(s.stats.responded).padStart(6)}/${String(s.stats.invited).padEnd(6)} ${s.name}`)
                .join('\n')
            : 'No surveys yet.',
        );
      });
    });
  surveys
    .command('results')
    .description('NPS and CSAT with 95% intervals, by month or week, of one survey or all')
    .option('--survey <id>', 'one survey (default: all)')
    .option('--from <date>', 'start (default: a year ago)')
    .option('--to <date>', 'end (default: now)')
    .option('--bucket <b>', 'week or month', 'month')
    .option('--by <what>', 'none, team, agent, category, segment, survey or product', 'none')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a summary')
    .action(async (opts: { survey?: string; from?: string; to?: string; bucket: string; by: string; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        if (!['week', 'month'].includes(opts.bucket)) throw new AppError('validation', '--bucket must be week or month');
        if (!['none', 'team', 'agent', 'category', 'segment', 'survey', 'product'].includes(opts.by))
          throw new AppError('validation', '--by must be none, team, agent, category, segment, survey or product');
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const now = core.now();
        const r = await surveyResults(core, actor, {
          ...(opts.survey ? { surveyId: opts.survey } : {}),
          from: isoOr(opts.from, new Date(now.getTime() - 365 * 86_400_000).toISOString(), '--from'),
          to: isoOr(opts.to, new Date(now.getTime() + 60_000).toISOString(), '--to'),
          bucket: opts.bucket as 'month',
          by: opts.by as Breakdown,
        });
        print(r, Boolean(opts.json), () => {
          const lines = [
            `NPS  ${fixed(r.nps.nps)} (95% ${r.nps.interval ? `${fixed(r.nps.interval.low)} to ${fixed(r.nps.interval.high)}` : '—'}) from ${r.nps.n} answers: ${r.nps.promoters} promoters, ${r.nps.passives} passives, ${r.nps.detractors} detractors`,
            `CSAT ${pct(r.csat.favourableShare)} satisfied, mean ${fixed(r.csat.mean, 2)} from ${r.csat.n} answers`,
            `CES  ${pct(r.ces.favourableShare)} low effort, mean ${fixed(r.ces.mean, 2)} from ${r.ces.n} answers`,
            `${r.responses} responses to ${r.invited} invitations in the period`,
            '',
            ...r.nps.trend.map((b) => `${b.key.padEnd(9)} NPS ${fixed(b.summary.nps).padStart(6)}  n=${b.summary.n}`),
            ...(r.groups.length
              ? [
                  '',
                  ...r.groups.map((g) => `${(g.key ?? '(none)').padEnd(38)} NPS ${fixed(g.nps).padStart(6)} (n=${g.npsN})  CSAT ${pct(g.csat)} (n=${g.csatN})`),
                ]
              : []),
          ];
          return lines.join('\n');
        });
      });
    });
  surveys
    .command('invite <surveyId> <contactId>')
    .description('make a personal survey link for a customer (to paste into Zalo or SMS); --email also emails it')
    .option('--email', 'email the link to the customer')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of the link')
    .action(async (surveyId: string, contactId: string, opts: { email?: boolean; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await createInvitation(core, actor, surveyId, { contactId, channel: opts.email ? 'email' : 'link' });
        print(r, Boolean(opts.json), () => `${r.url}\n(expires ${r.expiresAt})`);
      });
    });

  surveys
    .command('recount')
    .description('recount the dashboard’s daily survey counts from the answers (after restoring a backup or changing the time zone by hand)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a line')
    .action(async (opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const r = await rebuildRollup(core, await resolveWorkspace(core, opts.workspace));
        print(r, Boolean(opts.json), () => `${r.answers} answers counted into ${r.rows} daily rows`);
      });
    });

  const loyalty = program.command('loyalty').description('loyalty points, tiers and referrals');
  loyalty
    .command('show <contactId>')
    .description('a customer’s points, tier, referral code and recent ledger')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a summary')
    .action(async (contactId: string, opts: { workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const l = await getLoyalty(core, actor, contactId);
        print(l, Boolean(opts.json), () =>
          [
            `${l.balance} points · ${l.tier.name.vi} / ${l.tier.name.en} · ${l.earned12m} earned in 12 months${l.next ? ` · ${l.next.missing} to ${l.next.tier.name.vi}` : ''}`,
            `referral code ${l.referralCode}`,
            ...l.ledger.slice(0, 20).map((e) => `${e.createdAt}  ${e.kind.padEnd(8)} ${String(e.points).padStart(7)}  ${e.reason ?? ''}`),
          ].join('\n'),
        );
      });
    });
  loyalty
    .command('leaderboard')
    .description('referrers by referred customers who bought')
    .option('--limit <n>', 'at most this many', '20')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { limit: string; workspace?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        const r = await referralLeaderboard(core, actor, Math.min(200, Math.max(1, Number(opts.limit) || 20)));
        print(r.data, Boolean(opts.json), () =>
          r.data.length
            ? r.data
                .map(
                  (x, i) =>
                    `${String(i + 1).padStart(3)}. ${(x.name ?? x.contactId).padEnd(40)} ${x.rewarded} bought / ${x.referred} referred · ${x.points} points`,
                )
                .join('\n')
            : 'No referrals yet.',
        );
      });
    });

  const jobs = program.command('jobs').description('background jobs (SLA checks, email, surveys, playbooks, points)');
  jobs
    .command('status')
    .description('jobs waiting, due, failed and done, by kind')
    .option('--json', 'JSON instead of a table')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const now = core.now().toISOString();
        const rows = await core.db
          .selectFrom('jobs')
          .select((eb) => [
            'kind',
            eb.fn
              .sum<number>(
                eb
                  .case()
                  .when(eb.and([eb('done_at', 'is', null), eb('failed_at', 'is', null), eb('cancelled_at', 'is', null), eb('run_at', '>', now)]))
                  .then(1)
                  .else(0)
                  .end(),
              )
              .as('waiting'),
            eb.fn
              .sum<number>(
                eb
                  .case()
                  .when(eb.and([eb('done_at', 'is', null), eb('failed_at', 'is', null), eb('cancelled_at', 'is', null), eb('run_at', '<=', now)]))
                  .then(1)
                  .else(0)
                  .end(),
              )
              .as('due'),
            eb.fn.sum<number>(eb.case().when('failed_at', 'is not', null).then(1).else(0).end()).as('failed'),
            eb.fn.sum<number>(eb.case().when('done_at', 'is not', null).then(1).else(0).end()).as('done'),
          ])
          .groupBy('kind')
          .orderBy('kind')
          .execute();
        const data = rows.map((r) => ({ kind: r.kind, waiting: Number(r.waiting), due: Number(r.due), failed: Number(r.failed), done: Number(r.done) }));
        print(data, Boolean(opts.json), () =>
          data.length
            ? data
                .map(
                  (r) =>
                    `${r.kind.padEnd(18)} waiting ${String(r.waiting).padStart(7)}  due ${String(r.due).padStart(6)}  failed ${String(r.failed).padStart(5)}  done ${String(r.done).padStart(8)}`,
                )
                .join('\n')
            : 'No jobs.',
        );
      });
    });
  jobs
    .command('run')
    .description('run the jobs that are due now, in this process, and exit (the server runs them on its own)')
    .option('--json', 'JSON instead of a line')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const r = await runDueJobs(core, `cli-${process.pid}`);
        print(r, Boolean(opts.json), () => `${r.done} done, ${r.retried} to retry, ${r.failed} failed`);
      });
    });
}
