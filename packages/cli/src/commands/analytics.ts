import { once } from 'node:events';
import type { Command } from 'commander';
import { rfmFromBuilder, RFM_SEGMENTS, type RfmRow } from '@kith/domain/analytics/rfm.ts';
import { NotEnoughData } from '@kith/domain/analytics/clv.ts';
import { dayNumber, TIME_UNITS, type TimeUnit } from '@kith/domain/analytics/transactions.ts';
import { readTransactionsFile, TransactionsFileError } from '@kith/server/features/analytics/transactions-file.ts';
import { clvJsonChunks, clvOfFile, clvTotals, roundTo as num } from '@kith/server/features/analytics/clv-file.ts';
import { workspaceRfm } from '@kith/server/features/analytics/rfm.service.ts';
import { refreshScores, scoreLease } from '@kith/server/features/analytics/score.service.ts';
import { releaseLease, takeLease } from '@kith/server/features/analytics/leases.ts';
import { AppError } from '@kith/domain/errors.ts';
import { jsonSafe, say, terminalSafe, withCore } from '../output.ts';
import { ownerActor, resolveWorkspace } from './admin.ts';

/**
 * `kith analytics rfm|clv --transactions FILE`: the models on a plain file of purchases, no database needed
 * — an analyst can run Kith on another system's export. Bad input is one line on stderr naming the row
 * and the column, exit code 2, nothing on stdout.
 */

class UsageError extends Error {}

function bad(e: unknown): never {
  if (e instanceof TransactionsFileError || e instanceof UsageError || e instanceof NotEnoughData) {
    say(`kith: ${e.message}`);
    process.exit(2);
  }
  throw e;
}

function dateOption(name: string, v: string | undefined): number {
  const d = dayNumber(v ?? '');
  if (Number.isNaN(d)) throw new UsageError(`${name} must be a date written YYYY-MM-DD (got "${v ?? ''}")`);
  return d;
}

const out = (v: unknown) => process.stdout.write(`${jsonSafe(JSON.stringify(v))}\n`);
const line = (s: string) => process.stdout.write(`${terminalSafe(s)}\n`);

export function registerAnalyticsCommands(program: Command): void {
  const a = program.command('analytics').description('RFM, lifetime value and churn risk (on a transactions file: CSV customer_id,date,amount)');

  a.command('rfm')
    .description(
      'recency, frequency, monetary per customer at a date, scored 1–5 by quintile (5 best) and named by segment — from a file, or from the workspace’s orders',
    )
    .option('--transactions <file>', 'CSV with a header customer_id,date,amount (ISO dates; other columns ignored); without it, the workspace’s orders')
    .requiredOption('--as-of <date>', 'the date the scores are for (YYYY-MM-DD); later purchases are ignored')
    .option('--workspace <id>', 'workspace id, when reading the database (default: the only one)')
    .option('--json', 'one JSON array, an object per customer')
    .action(async (opts: { transactions?: string; asOf: string; workspace?: string; json?: boolean }, cmd: Command) => {
      let rows: RfmRow[];
      try {
        const asOf = dateOption('--as-of', opts.asOf);
        if (opts.transactions) {
          const { builder } = await readTransactionsFile(opts.transactions);
          if (asOf < builder.firstDay()) throw new UsageError(`--as-of ${opts.asOf} is before every purchase in the file`);
          rows = rfmFromBuilder(builder, asOf);
        } else {
          rows = await withCore(
            cmd,
            async (core) => (await workspaceRfm(core, await ownerActor(core, await resolveWorkspace(core, opts.workspace)), opts.asOf)).rows,
          );
        }
      } catch (e) {
        bad(e);
      }
      if (opts.json) {
        out(rows);
        return;
      }
      const by = new Map(RFM_SEGMENTS.map((s) => [s, { n: 0, spend: 0 }]));
      for (const r of rows) {
        const s = by.get(r.segment)!;
        s.n++;
        s.spend += r.monetary;
      }
      line(`${rows.length.toLocaleString('en')} customers at ${opts.asOf}`);
      for (const [seg, s] of by)
        line(`  ${seg.padEnd(20)} ${String(s.n).padStart(9)}  ${s.spend.toLocaleString('en', { maximumFractionDigits: 2 }).padStart(16)}`);
    });

  a.command('refresh')
    .description('recompute and store every customer’s RFM and lifetime value from the workspace’s orders (what the customer pages show)')
    .option('--as-of <date>', 'the day the scores are for (YYYY-MM-DD; default today in the workspace’s time zone)')
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--json', 'the run as JSON')
    .action(async (opts: { asOf?: string; workspace?: string; json?: boolean }, cmd: Command) => {
      try {
        if (opts.asOf) dateOption('--as-of', opts.asOf);
      } catch (e) {
        bad(e);
      }
      await withCore(cmd, async (core) => {
        const actor = await ownerActor(core, await resolveWorkspace(core, opts.workspace));
        // The same lease as a refresh started from the web: one at a time per workspace.
        const holder = `cli-${process.pid}`;
        if (!(await takeLease(core, scoreLease(actor.workspaceId), holder, core.now(), 60 * 60_000)))
          throw new AppError('conflict', 'The scores are already being computed; wait for that to finish');
        let run;
        try {
          run = await refreshScores(core, actor, opts.asOf ? { asOf: opts.asOf } : {});
        } finally {
          await releaseLease(core, scoreLease(actor.workspaceId), holder, core.now());
        }
        if (opts.json) return out(run);
        line(
          `${run.customers.toLocaleString('en')} customers scored as of ${run.asOf} in ${run.seconds.toFixed(1)} s${run.note ? ` (no lifetime value: ${run.note})` : ''}`,
        );
      });
    });

  a.command('clv')
    .description(
      'BG/NBD and Gamma-Gamma fitted on the purchases up to the calibration end: P(alive), expected purchases and spend, lifetime value per customer',
    )
    .requiredOption('--transactions <file>', 'CSV with a header customer_id,date,amount (ISO dates; other columns ignored)')
    .requiredOption('--calibration-end <date>', 'the last day the models learn from (YYYY-MM-DD)')
    .option('--unit <unit>', 'the time unit: day or week (7 days)', 'week')
    .requiredOption('--horizon <n>', 'how many units ahead expected purchases and value cover')
    .option('--discount-rate <rate>', 'yearly discount rate for the value (0.1 = 10%)', '0.1')
    .option('--json', 'the fitted parameters and one object per customer, as JSON')
    .action(async (opts: { transactions: string; calibrationEnd: string; unit: string; horizon: string; discountRate: string; json?: boolean }) => {
      try {
        const end = dateOption('--calibration-end', opts.calibrationEnd);
        if (!(opts.unit in TIME_UNITS)) throw new UsageError(`--unit must be day or week (got "${opts.unit}")`);
        const horizon = Number(opts.horizon);
        if (!(horizon > 0) || !Number.isFinite(horizon)) throw new UsageError(`--horizon must be a positive number of units (got "${opts.horizon}")`);
        const rate = Number(opts.discountRate);
        if (!(rate >= 0) || !Number.isFinite(rate)) throw new UsageError(`--discount-rate must be a number from 0 (got "${opts.discountRate}")`);
        const r = await clvOfFile(opts.transactions, end, { unit: opts.unit as TimeUnit, horizon, annualDiscountRate: rate });
        if (!r) throw new UsageError(`--calibration-end ${opts.calibrationEnd} is before every purchase in the file`);
        if (opts.json) {
          // In batches of customers, each written when the last has drained: no string of them all.
          for (const chunk of clvJsonChunks(r, jsonSafe)) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
          return;
        }
        const b = r.bgnbd;
        const g = r.gammaGamma;
        line(`BG/NBD      r ${num(b.r)}  alpha ${num(b.alpha)}  a ${num(b.a)}  b ${num(b.b)}  log-likelihood ${num(b.logLikelihood, 4)}`);
        line(`Gamma-Gamma p ${num(g.p)}  q ${num(g.q)}  v ${num(g.v)}  log-likelihood ${num(g.logLikelihood, 4)}`);
        const t = clvTotals(r);
        line(
          `${t.customers.toLocaleString('en')} customers: ${t.purchases.toFixed(0)} purchases expected in the next ${horizon} ${opts.unit}s, value ${t.value.toLocaleString('en', { maximumFractionDigits: 0 })}`,
        );
      } catch (e) {
        bad(e);
      }
    });
}
