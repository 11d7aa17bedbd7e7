/**
 * (f) Exporting every contact (issue 4): `exportContacts` as CSV and as XLSX, written to a sink that counts
 * bytes, with the peak resident memory sampled while it runs.
 *
 * Baseline in the same run: the rows alone — one streaming `select` of the same contacts, each turned into
 * the same CSV by the same library, with no pages, scope, neutralising or JSON decoding — the floor the
 * export's own work sits on.
 */
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Core } from '@kith/server/core.ts';
import { exportContacts } from '@kith/server/features/export/contact-export.ts';
import type { BenchWorkspace } from './lib.ts';

export type ExportResult = {
  rows: number;
  csv: { seconds: number; rowsPerSecond: number; bytes: number; peakRssMb: number };
  xlsx: { seconds: number; rowsPerSecond: number; bytes: number; peakRssMb: number };
  baseline: { seconds: number; rowsPerSecond: number; bytes: number };
  startRssMb: number;
};

function sink(): Writable & { bytes: number } {
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      w.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  w.bytes = 0;
  return w;
}

async function sampled<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - t0) / 1000, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export async function benchExport(core: Core, ws: BenchWorkspace): Promise<ExportResult> {
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const csvOut = sink();
  const csv = await sampled(() => exportContacts(core, ws.actor, { format: 'csv', raw: false, filters: {} }, csvOut));
  const xlsxOut = sink();
  const xlsx = await sampled(() => exportContacts(core, ws.actor, { format: 'xlsx', raw: false, filters: {} }, xlsxOut));

  // Baseline: the same rows straight from one query into the same CSV writer.
  const baseOut = sink();
  const t0 = performance.now();
  const writer = stringify({ bom: true });
  writer.pipe(baseOut);
  let rows = 0;
  const query = core.db
    .selectFrom('contacts')
    .select([
      'id',
      'name',
      'given_name',
      'family_name',
      'emails',
      'phones',
      'gender',
      'birthday',
      'address_line',
      'ward',
      'district',
      'province',
      'country',
      'hometown',
      'occupation',
      'job_title',
      'income_band',
      'education',
      'marital_status',
      'religion',
      'household_size',
      'interests',
      'tags',
      'source',
      'lifecycle_stage',
      'owner_id',
      'notes',
      'created_at',
      'updated_at',
    ])
    .where('workspace_id', '=', ws.workspaceId)
    .where('deleted_at', 'is', null);
  for await (const r of query.stream(1000)) {
    if (!writer.write(Object.values(r).map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)))))
      await new Promise((ok) => writer.once('drain', ok));
    rows++;
  }
  await new Promise<void>((ok) => {
    baseOut.on('finish', () => ok());
    writer.end();
  });
  const baseSeconds = (performance.now() - t0) / 1000;
  return {
    rows: csv.value.rows,
    csv: { seconds: csv.seconds, rowsPerSecond: csv.value.rows / csv.seconds, bytes: csvOut.bytes, peakRssMb: csv.peakRssMb },
    xlsx: { seconds: xlsx.seconds, rowsPerSecond: xlsx.value.rows / xlsx.seconds, bytes: xlsxOut.bytes, peakRssMb: xlsx.peakRssMb },
    baseline: { seconds: baseSeconds, rowsPerSecond: rows / baseSeconds, bytes: baseOut.bytes },
    startRssMb,
  };
}
