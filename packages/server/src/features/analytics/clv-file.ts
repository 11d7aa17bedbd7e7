import { analyseClvColumns, type ClvColumns, type ClvOptions } from '@kith/domain/analytics/clv.ts';
import { readTransactionsFile } from './transactions-file.ts';

/**
 * `kith analytics clv --transactions FILE`: lifetime value from a file, in columns end to end — the file read into
 * the builder's columns, each customer's repeat-purchase summary into typed arrays, both models fitted on the
 * distinct histories, every customer valued — and the JSON written in batches of customers, never one object
 * per customer nor one string of them all. The benchmark (bench/clv.ts) runs this, as the CLI does.
 */

/**
 * The fit and every customer's figures; null when the calibration end is before every purchase in the file. The
 * file is read by one thread: reading a large file in parts (as RFM does, for the time until the answer) costs
 * more CPU time and memory in all — a million customers: 3.1 s and 562 MiB against 2.2 s and 382 MiB (the workers'
 * own heaps, their columns joined) — and lifetime value is held to its CPU time and peak memory (docs/BENCHMARKS.md).
 */
export async function clvOfFile(path: string, calibrationEnd: number, o: ClvOptions): Promise<ClvColumns | null> {
  const { builder } = await readTransactionsFile(path, { parallel: false });
  if (calibrationEnd < builder.firstDay()) return null;
  return analyseClvColumns(builder.repeatSummaries(calibrationEnd, o.unit), o);
}

/** Rounded as the CLI prints a figure: `digits` decimals. */
export const roundTo = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A number as JSON.stringify writes it (null when not finite). */
const json = (x: number) => (Number.isFinite(x) ? String(x) : 'null');

const ZEROS = ['', '0', '00', '000', '0000', '00000'];

/**
 * `json(roundTo(x))` — the same text — from integers: k = round(x·10⁶) is printed as its whole part, a point and
 * six decimals without the trailing zeros, which is the shortest text that reads back as k/10⁶ (two numbers of
 * six decimals differ by far more than the spacing of doubles below 2^53/10⁶), so what String gives for it.
 */
export function json6(x: number): string {
  const k = Math.round(x * 1e6);
  if (!Number.isFinite(k) || Math.abs(k) >= 2 ** 53) return json(roundTo(x));
  const m = Math.abs(k);
  const whole = Math.floor(m / 1e6);
  let frac = m - whole * 1e6;
  const sign = k < 0 ? '-' : '';
  if (frac === 0) return `${sign}${whole}`;
  let digits = 6;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  const f = String(frac);
  return `${sign}${whole}.${ZEROS[digits - f.length]}${f}`;
}

/**
 * The result as the JSON the CLI prints — `{"bgnbd":{…},"gammaGamma":{…},"customers":[{…},…]}` and a line
 * feed, the same text as `JSON.stringify` of it whole — in chunks of `batch` customers, each passed through
 * `safe` (the CLI's escaping of characters a terminal acts on).
 */
export function* clvJsonChunks(r: ClvColumns, safe: (json: string) => string, batch = 256): Generator<string> {
  const b = r.bgnbd;
  const g = r.gammaGamma;
  const head = JSON.stringify({
    bgnbd: { r: roundTo(b.r), alpha: roundTo(b.alpha), a: roundTo(b.a), b: roundTo(b.b), logLikelihood: roundTo(b.logLikelihood, 4) },
    gammaGamma: { p: roundTo(g.p), q: roundTo(g.q), v: roundTo(g.v), logLikelihood: roundTo(g.logLikelihood, 4) },
  });
  let out = `${head.slice(0, -1)},"customers":[`;
  const n = r.ids.length;
  for (let from = 0; from < n; from += batch) {
    const to = Math.min(n, from + batch);
    for (let i = from; i < to; i++) {
      out +=
        `${i ? ',' : ''}{"customerId":${JSON.stringify(r.ids[i])},"frequency":${json(r.frequency[i]!)},"recency":${json6(r.recency[i]!)},` +
        `"T":${json6(r.T[i]!)},"monetary":${json6(r.monetary[i]!)},"pAlive":${json6(r.pAlive[i]!)},` +
        `"expectedPurchases":${json6(r.expectedPurchases[i]!)},"expectedSpend":${json6(r.expectedSpend[i]!)},"clv":${json6(r.clv[i]!)}}`;
    }
    yield safe(out);
    out = '';
  }
  yield safe(`${out}]}\n`);
}

/** What the CLI prints for people: the customers, their expected purchases and value, each figure rounded as printed, summed. */
export function clvTotals(r: ClvColumns): { customers: number; purchases: number; value: number } {
  let purchases = 0;
  let value = 0;
  for (let i = 0; i < r.ids.length; i++) {
    value += roundTo(r.clv[i]!);
    purchases += roundTo(r.expectedPurchases[i]!);
  }
  return { customers: r.ids.length, purchases, value };
}
