/**
 * (j) Lifetime value (issues 5 and 18): `kith analytics clv --transactions FILE --json` on files of N synthetic
 * customers whose purchases follow the models themselves (the CDNOW parameters, in days: births over 12 weeks, a
 * 39-week calibration, purchases for a year after it), at 100,000 and 1,000,000 customers
 * (KITH_BENCH_CLV_SIZES=100000,1000000). Each measure is its own process (bench/clv-child.ts), so one size's
 * memory does not count in the next: the CLI itself, what it runs without its startup (read, summaries, both
 * fits, every customer valued, the JSON written), and the one-pass baseline (the file read and the summaries
 * computed, nothing else), in the same run. Beside them the fixed reference figures of the vectorised Python
 * implementation (lifetimes, NumPy/SciPy) measured on the same files for issue 18 — Python is not installable
 * here. Target: half its CPU time, no more than its peak memory.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PurchaseDays } from '@kith/domain/analytics/transactions.ts';
import { env, rng } from './lib.ts';

const TRUTH = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, v: 15.44 };

/** Gamma(shape, rate) by Marsaglia and Tsang (shape < 1 boosted). */
function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box–Muller normal
      x = Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

export function syntheticCustomers(n: number, seed: number): { customers: PurchaseDays[]; calibrationEnd: number } {
  const u = rng(seed);
  const calibrationEnd = 272;
  const customers: PurchaseDays[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(u, TRUTH.r, TRUTH.alpha) / 7; // purchases a day
    const g1 = gamma(u, TRUTH.a, 1);
    const pDrop = g1 / (g1 + gamma(u, TRUTH.b, 1));
    const nu = gamma(u, TRUTH.q, TRUTH.v);
    const birth = Math.floor(u() * 84);
    const days = [birth];
    const amounts = [Math.round(gamma(u, TRUTH.p, nu) * 100) / 100];
    let t = birth;
    for (;;) {
      t += -Math.log(u() || 1e-300) / lambda;
      if (t > calibrationEnd + 365) break;
      const d = Math.floor(t);
      if (d !== days[days.length - 1]) {
        days.push(d);
        amounts.push(Math.round(gamma(u, TRUTH.p, nu) * 100) / 100);
      }
      if (u() < pDrop) break;
    }
    customers.push({ customerId: `c${i}`, days, amounts });
  }
  return { customers, calibrationEnd };
}

/**
 * Issue 18's figures for lifetimes (vectorised BG/NBD + Gamma-Gamma) on the same files — CPU seconds and peak MiB —
 * and its targets: half that CPU time (as the issue rounds it), no more than that memory.
 */
export type ClvReference = { cpuSeconds: [number, number]; maxRssMiB: number; targetCpuSeconds: number };
export const CLV_REFERENCE: Record<number, ClvReference> = {
  100000: { cpuSeconds: [1.7, 2.2], maxRssMiB: 164, targetCpuSeconds: 0.9 },
  1000000: { cpuSeconds: [23, 23], maxRssMiB: 643, targetCpuSeconds: 11.5 },
};

export type ClvProcess = { mode: string; wallSeconds: number; cpuSeconds: number; maxRssMiB: number; customers?: number; fitted?: ClvBenchSize['fitted'] };
export type ClvBenchSize = {
  customers: number;
  transactions: number;
  fileMiB: number;
  cli: ClvProcess;
  pipeline: ClvProcess;
  baseline: ClvProcess;
  fitted: { r: number; alpha: number; a: number; b: number; p: number; q: number; v: number };
  reference: ClvReference | null;
  /** The target met (CPU time and peak memory): by the CLI's process, and by the pipeline's. */
  met: { cli: boolean; pipeline: boolean } | null;
};
export type ClvBenchResult = { sizes: ClvBenchSize[]; truth: typeof TRUTH };

const DAY0 = 20_000; // 2024-10-04: the synthetic days are counted from it in the file
const iso = (d: number) => new Date((DAY0 + d) * 86_400_000).toISOString().slice(0, 10);

/** The synthetic customers as a CSV file customer_id,date,amount; its transaction count. */
function writeTransactions(customers: PurchaseDays[], path: string): number {
  const fd = openSync(path, 'w');
  let rows = 0;
  let buf = 'customer_id,date,amount\n';
  for (const c of customers) {
    for (let i = 0; i < c.days.length; i++) buf += `${c.customerId},${iso(c.days[i]!)},${c.amounts[i]}\n`;
    rows += c.days.length;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return rows;
}

/** One child process (bench/clv-child.ts), its figures read from its file descriptor 3. */
export function measureClv(mode: 'cli' | 'pipeline' | 'baseline', file: string, calibrationEnd: string): Promise<ClvProcess> {
  return new Promise((done, fail) => {
    const devNull = openSync('/dev/null', 'w');
    const child = spawn(process.execPath, [new URL('./clv-child.ts', import.meta.url).pathname, mode, file, calibrationEnd], {
      stdio: ['ignore', devNull, 'inherit', 'pipe'],
    });
    let out = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      closeSync(devNull);
      if (code !== 0 || !out) fail(new Error(`clv ${mode} exited with ${code}`));
      else done(JSON.parse(out) as ClvProcess);
    });
  });
}

const meets = (p: ClvProcess, ref: ClvReference) => p.cpuSeconds <= ref.targetCpuSeconds && p.maxRssMiB <= ref.maxRssMiB;

export const clvSizes = (): number[] => (process.env.KITH_BENCH_CLV_SIZES ?? '100000,1000000').split(',').map(Number);

export async function benchClv(onSize?: (s: ClvBenchSize) => void): Promise<ClvBenchResult> {
  const dir = join(env.tmp, `clv_${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const sizes: ClvBenchSize[] = [];
  try {
    for (const n of clvSizes()) {
      const file = join(dir, `transactions-${n}.csv`);
      let transactions: number;
      let calibrationEnd: string;
      {
        const g = syntheticCustomers(n, env.seed);
        transactions = writeTransactions(g.customers, file);
        calibrationEnd = iso(g.calibrationEnd);
      }
      const { size } = statSync(file);
      const baseline = await measureClv('baseline', file, calibrationEnd);
      const pipeline = await measureClv('pipeline', file, calibrationEnd);
      const cli = await measureClv('cli', file, calibrationEnd);
      if (pipeline.customers !== n || baseline.customers !== n) throw new Error(`valued ${pipeline.customers} of ${n} customers`);
      const reference = CLV_REFERENCE[n] ?? null;
      const s: ClvBenchSize = {
        customers: n,
        transactions,
        fileMiB: size / 2 ** 20,
        cli,
        pipeline,
        baseline,
        fitted: pipeline.fitted!,
        reference,
        met: reference ? { cli: meets(cli, reference), pipeline: meets(pipeline, reference) } : null,
      };
      sizes.push(s);
      onSize?.(s);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { sizes, truth: TRUTH };
}
