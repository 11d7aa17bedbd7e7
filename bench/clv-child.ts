/**
 * One measured process of the lifetime-value benchmark (bench/clv.ts), so each size and each step has its own
 * peak memory: `node bench/clv-child.ts MODE FILE CALIBRATION_END`, its figures as JSON on file descriptor 3 when
 * it exits — wall time since the process started (startup included), CPU time (user + system) and max RSS.
 *
 *   baseline  the one pass: the file read and every customer's repeat-purchase summary computed, nothing else
 *   pipeline  what `kith analytics clv --json` runs (clvOfFile, the JSON in batches to /dev/null), without the CLI's own startup
 *   cli       `kith analytics clv --horizon 52 --json` itself, stdout to /dev/null (KITH_BENCH_CLV_CLI: another checkout's bin/kith.js)
 *
 * Imports only what its mode needs: nothing of bench/lib.ts (which loads the server).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { dayNumber } from '@kith/domain/analytics/transactions.ts';

const [mode, file, end] = process.argv.slice(2) as [string, string, string];
const extra: Record<string, unknown> = {};

function report(): void {
  const u = process.resourceUsage();
  writeSync(
    3,
    JSON.stringify({
      mode,
      wallSeconds: performance.now() / 1000,
      cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6,
      maxRssMiB: u.maxRSS / 1024,
      ...extra,
    }),
  );
}

if (mode === 'cli') {
  const bin = process.env.KITH_BENCH_CLV_CLI ?? new URL('../packages/cli/bin/kith.js', import.meta.url).pathname;
  process.argv = [process.argv[0]!, bin, 'analytics', 'clv', '--transactions', file, '--calibration-end', end, '--horizon', '52', '--json'];
  process.on('exit', report);
  await import(bin);
} else if (mode === 'baseline') {
  const { readTransactionsFile } = await import('@kith/server/features/analytics/transactions-file.ts');
  // Read as clvOfFile reads it (one thread).
  const { builder } = await readTransactionsFile(file, { parallel: false });
  const s = builder.repeatSummaries(dayNumber(end), 'week');
  extra.customers = s.ids.length;
  report();
} else if (mode === 'pipeline') {
  const { clvOfFile, clvJsonChunks } = await import('@kith/server/features/analytics/clv-file.ts');
  const r = await clvOfFile(file, dayNumber(end), { unit: 'week', horizon: 52, annualDiscountRate: 0.1 });
  if (!r) throw new Error('the calibration end is before every purchase');
  const out = openSync('/dev/null', 'w');
  let bytes = 0;
  for (const chunk of clvJsonChunks(r, (s) => s)) bytes += writeSync(out, chunk);
  closeSync(out);
  extra.customers = r.ids.length;
  extra.bytes = bytes;
  extra.fitted = { r: r.bgnbd.r, alpha: r.bgnbd.alpha, a: r.bgnbd.a, b: r.bgnbd.b, p: r.gammaGamma.p, q: r.gammaGamma.q, v: r.gammaGamma.v };
  report();
} else throw new Error(`unknown mode ${mode}`);
