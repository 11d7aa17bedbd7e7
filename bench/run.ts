/**
 * `npm run bench`: Kith's benchmarks, each beside a baseline measured in the same run.
 *
 *   insert   (a) createContacts in batches of 1,000 vs a raw batched insert of the same rows   target ≥ 30% of raw
 *   search   (b) search latency through listContacts vs the index query alone and a PK lookup   target p95 < 50 ms (SQLite)
 *   http     (c) GET /api/v1/contacts?limit=50 through the app vs a bare Fastify route          target ≥ 50% of bare
 *   ui       (d) the web app in Chromium: first page of /contacts, search as you type, bundle size
 *                (first page < 1 s, results < 300 ms after the last keystroke, first-screen JS < 250 KB gz)
 *   sort     (e) the list sorted by each kind of column, first page and fifth page, vs the default order (recorded)
 *   export   (f) every contact exported as CSV and XLSX (rows/s, peak memory) vs the same rows straight from one query into CSV
 *   import   (g) a CSV of N contacts imported from disk (rows/s, RSS at every tenth) vs a raw batched insert of the parsed rows   target ≥ 40%, flat memory
 *   duplicates (i) duplicate detection over every contact vs reading them in name order   target < 60 s at 1M
 *   clv      (j) kith analytics clv on files of 100,000 and 1,000,000 synthetic customers (KITH_BENCH_CLV_SIZES), a process each, vs the one pass and lifetimes' figures   target half its CPU, ≤ its memory
 *   rfm      (k) RFM over KITH_BENCH_TRANSACTIONS (10,000,000) transactions of N customers, from a file and from the database, vs DuckDB in the same run   target within 2×
 *   orders   (h) a CSV of KITH_BENCH_ORDER_LINES order lines (default 10,000,000) imported as orders vs a raw insert of them (recorded)
 *   surveys  (m) the NPS/CSAT dashboard over KITH_BENCH_ANSWERS (1,000,000) survey answers: trends and breakdowns, vs one aggregate query (the floor) and reading every answer
 *   jobs     (l) 100,000 scheduled steps run by the job runner: throughput (steps/s) and latency from due time to execution, vs a bare claim-and-mark loop
 *   evidence (o) the assessment's live evidence at N customers and KITH_BENCH_TRANSACTIONS (10,000,000) orders (SQLite), vs the score refresh it builds on   target < 5 s
 *   kpis     (p) KPI scorecards of KITH_BENCH_STAFF (200) members for the current month over KITH_BENCH_KPI_ORDERS (10,000,000) orders, KITH_BENCH_KPI_CUSTOMERS (1,000,000) customers, KITH_BENCH_KPI_INTERACTIONS (1,000,000) interactions and KITH_BENCH_KPI_TICKETS (500,000) tickets, each query alone, vs the plain SQL of the three largest KPIs and a count of the month's orders   target < 1 s
 *   stall    (n) p99 latency of other requests while a 200,000-row contacts CSV is uploaded and imported through the server, vs the same requests without it   target ≤ 200 ms added, import ≥ 40% of a raw insert
 *
 * KITH_BENCH_RFM=file|db runs one half of (k); KITH_BENCH_TRANSACTIONS sets its size.
 * `npm run bench -- search` runs one (or several); `npm run bench -- sqlite` one database. Each database
 * is a throwaway: a SQLite file under /tmp/kith-bench, a PostgreSQL database created and dropped.
 *
 * Environment: KITH_BENCH_CONTACTS (default 1000000), KITH_BENCH_SEED (1), KITH_BENCH_PG_URL
 * (postgres://postgres@127.0.0.1:5432/postgres, an account that may create databases),
 * KITH_BENCH_HTTP_SECONDS (10), KITH_BENCH_HTTP_CONNECTIONS (32), KITH_BENCH_SEARCH_PASSES (3),
 * KITH_BENCH_OUT (write the results as JSON there), KITH_BENCH_KEEP=1 (keep the databases and reuse
 * them for `search`/`http`; for investigating only).
 */
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { benchHttp, type HttpResult } from './http.ts';
import { benchInsert, populate, type InsertResult } from './insert.ts';
import { benchSearch, type SearchResult } from './search.ts';
import { benchSort, type SortResult } from './sort.ts';
import { benchExport, type ExportResult } from './export.ts';
import { benchUi, type UiResult } from './ui.ts';
import { benchImport, benchImportOrders, type ImportResult, type OrderImportResult } from './import.ts';
import { benchDuplicates, type DuplicatesResult } from './duplicates.ts';
import { benchClv, clvSizes, type ClvBenchResult, type ClvProcess } from './clv.ts';
import { benchRfmDb, benchRfmFile, RFM_TRANSACTIONS, type RfmDbResult, type RfmFileResult } from './rfm.ts';
import { benchJobs, JOBS, type JobsResult } from './jobs.ts';
import { benchSurveys, SURVEY_ANSWERS, type SurveysBenchResult } from './surveys.ts';
import { benchImportStall, STALL_ROWS, type ImportStallResult } from './import-stall.ts';
import { benchEvidence, EVIDENCE_ORDERS, type EvidenceBenchResult } from './assessment-evidence.ts';
import { benchKpis, KPI_SIZES, type KpisBenchResult } from './kpis.ts';
import {
  benchWorkspace,
  countContacts,
  env,
  int,
  log,
  machine,
  ms,
  openBenchDb,
  pct,
  pgReachable,
  table,
  type BenchDb,
  type BenchWorkspace,
  type Dialect,
} from './lib.ts';

const BENCHES = [
  'insert',
  'search',
  'http',
  'ui',
  'sort',
  'export',
  'duplicates',
  'import',
  'orders',
  'clv',
  'rfm',
  'jobs',
  'surveys',
  'stall',
  'evidence',
  'kpis',
] as const;
/** These make their own databases; the others share one filled with N contacts. */
const STANDALONE: readonly Bench[] = ['import', 'orders', 'clv', 'rfm', 'jobs', 'surveys', 'stall', 'evidence', 'kpis'];
type Bench = (typeof BENCHES)[number];
const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

const args = process.argv.slice(2);
const unknown = args.filter((a) => !(BENCHES as readonly string[]).includes(a) && !(DIALECTS as string[]).includes(a));
if (unknown.length) {
  process.stderr.write(`Unknown argument(s): ${unknown.join(', ')}. Use any of: ${[...BENCHES, ...DIALECTS].join(', ')}\n`);
  process.exit(2);
}
const benches = BENCHES.filter((b) => args.length === 0 || args.includes(b) || !args.some((a) => (BENCHES as readonly string[]).includes(a)));
const askedDialects = DIALECTS.filter((d) => args.includes(d));
let dialects = askedDialects.length ? askedDialects : DIALECTS;
const skipped: string[] = [];
if (dialects.includes('postgres') && !(await pgReachable())) {
  if (askedDialects.includes('postgres')) {
    process.stderr.write(`PostgreSQL is not reachable at ${env.pgUrl} (set KITH_BENCH_PG_URL)\n`);
    process.exit(2);
  }
  dialects = dialects.filter((d) => d !== 'postgres');
  skipped.push(`postgres: not reachable at ${env.pgUrl} (set KITH_BENCH_PG_URL)`);
}

type Results = {
  evidence?: EvidenceBenchResult;
  kpis?: KpisBenchResult;
  stall?: ImportStallResult;
  surveys?: SurveysBenchResult;
  jobs?: JobsResult;
  rfm?: RfmDbResult;
  insert?: InsertResult;
  search?: SearchResult;
  http?: HttpResult;
  ui?: UiResult;
  sort?: SortResult;
  export?: ExportResult;
  import?: ImportResult;
  orders?: OrderImportResult;
  duplicates?: DuplicatesResult;
};
const results: Partial<Record<Dialect, Results>> = {};
const info = await machine(dialects.includes('postgres'));
const started = performance.now();

log(`Kith benchmarks — ${int(env.contacts)} contacts, seed ${env.seed}, ${benches.join(' + ')} on ${dialects.join(' + ')}`);
for (const [k, v] of Object.entries(info)) log(`  ${k.padEnd(9)} ${v}`);

// (j) needs no database: run once, before them.
let clv: ClvBenchResult | undefined;
if (benches.includes('clv')) {
  log(
    `\n-- clv: kith analytics clv --json on files of ${clvSizes().map(int).join(' and ')} synthetic customers, a process per measure, vs the one pass (read + summaries) and lifetimes' figures (issue 18)`,
  );
  const fmt = (p: ClvProcess) => `${p.cpuSeconds.toFixed(2)} s CPU (${p.wallSeconds.toFixed(2)} s wall), ${p.maxRssMiB.toFixed(0)} MiB`;
  clv = await benchClv((s) => {
    const f = s.fitted;
    const ref = s.reference;
    log(`   ${int(s.customers)} customers (${int(s.transactions)} transactions, ${s.fileMiB.toFixed(0)} MiB of CSV):`);
    log(`     kith analytics clv   ${fmt(s.cli)}`);
    log(`     without CLI startup  ${fmt(s.pipeline)}`);
    log(`     one pass (baseline)  ${fmt(s.baseline)}`);
    if (ref) {
      const cpu = ref.cpuSeconds[0] === ref.cpuSeconds[1] ? `${ref.cpuSeconds[0]} s` : `${ref.cpuSeconds[0]}–${ref.cpuSeconds[1]} s`;
      log(
        `     lifetimes (fixed)    ${cpu} CPU, ${ref.maxRssMiB} MiB; target ≤ ${ref.targetCpuSeconds} s, ≤ ${ref.maxRssMiB} MiB: CLI ${s.met!.cli ? 'met' : 'missed'}, without startup ${s.met!.pipeline ? 'met' : 'missed'}`,
      );
    }
    log(
      `     fitted r ${f.r.toFixed(3)} α ${f.alpha.toFixed(3)} a ${f.a.toFixed(3)} b ${f.b.toFixed(3)} · p ${f.p.toFixed(2)} q ${f.q.toFixed(2)} γ ${f.v.toFixed(2)} (truth r 0.243 α 4.414 a 0.793 b 2.426 · p 6.25 q 3.74 γ 15.44)`,
    );
  });
}

// (k) from a file needs no database either.
let rfmFile: RfmFileResult | undefined;
// KITH_BENCH_RFM=file or =db runs one half of (k).
if (benches.includes('rfm') && process.env.KITH_BENCH_RFM !== 'db') {
  log(`\n-- rfm: RFM of ${int(RFM_TRANSACTIONS)} transactions of ${int(env.contacts)} customers from a CSV file, vs DuckDB reading the same file`);
  rfmFile = await benchRfmFile();
  const x = rfmFile;
  log(
    `   ours ${x.seconds.map((v) => `${v.toFixed(1)} s`).join(', ')}; DuckDB ${x.duckSeconds.map((v) => `${v.toFixed(1)} s`).join(', ')}: ${x.ratio.toFixed(2)}× (best of two each; target ≤ 2×); ${int(x.customers)} customers, scores ${x.agree ? 'identical' : 'DIFFERENT'}; peak RSS ${x.rssPeakMiB.toFixed(0)} MiB`,
  );
}

for (const dialect of benches.every((b) => b === 'clv') ? [] : dialects) {
  const res: Results = (results[dialect] = {});
  let db: BenchDb | undefined;
  let ws: BenchWorkspace;
  log(`\n== ${dialect}`);
  try {
    if (benches.includes('import')) {
      log(`-- import: a CSV of ${int(env.contacts)} contacts from disk, vs a raw batched insert of the parsed rows`);
      const x = await benchImport(dialect);
      res.import = x;
      log(
        `   import ${int(x.rowsPerSecond)} rows/s (${x.seconds.toFixed(1)} s, ${int(x.created)} created); raw insert ${int(x.raw.rowsPerSecond)} rows/s: ${pct(x.ratio)} (target ≥ 40%)`,
      );
      log(
        `   RSS at each tenth of the file: ${x.rss.atTenth.map((m) => m.toFixed(0)).join(', ')} MiB (start ${x.rss.start.toFixed(0)}, peak ${x.rss.peak.toFixed(0)})`,
      );
      log(`   JS heap at each tenth: ${x.heapAtTenth.map((m) => m.toFixed(0)).join(', ')} MiB`);
    }
    if (benches.includes('orders')) {
      const target = Number(process.env.KITH_BENCH_ORDER_LINES ?? 10_000_000);
      log(`-- orders: a CSV of ${int(target)} order lines imported as orders, vs a raw insert of the orders and lines`);
      const x = await benchImportOrders(dialect, target);
      res.orders = x;
      log(
        `   import ${int(x.linesPerSecond)} lines/s (${x.seconds.toFixed(0)} s; ${int(x.orders)} orders, ${int(x.customers)} customers); raw insert ${int(x.raw.linesPerSecond)} lines/s: ${pct(x.ratio)}`,
      );
      log(
        `   RSS at each tenth of the file: ${x.rss.atTenth.map((m) => m.toFixed(0)).join(', ')} MiB (start ${x.rss.start.toFixed(0)}, peak ${x.rss.peak.toFixed(0)})`,
      );
    }
    if (benches.includes('rfm') && process.env.KITH_BENCH_RFM !== 'file') {
      log(`-- rfm: the same transactions as orders in the database; RFM as of today vs DuckDB over a table of them`);
      const x = await benchRfmDb(dialect);
      res.rfm = x;
      log(
        `   ours ${x.seconds.map((v) => `${v.toFixed(1)} s`).join(', ')} (${int(x.dirty)} customers with new orders recomputed first); DuckDB ${x.duckSeconds.map((v) => `${v.toFixed(1)} s`).join(', ')}: ${x.ratio.toFixed(2)}× (target ≤ 2×); ${int(x.customers)} customers, recency/frequency/spend ${x.agree ? 'identical' : 'DIFFERENT'}`,
      );
    }
    if (benches.includes('jobs')) {
      log(`-- jobs: ${int(JOBS)} scheduled steps run by the job runner (a backlog, then due over a window), vs a bare claim-and-mark loop`);
      res.jobs = await benchJobs(dialect);
    }
    if (benches.includes('surveys')) {
      log(`-- surveys: the NPS/CSAT dashboard over ${int(SURVEY_ANSWERS)} answers, vs one aggregate query and reading every answer`);
      res.surveys = await benchSurveys(dialect);
    }
    if (benches.includes('evidence') && dialect === 'sqlite') {
      log(
        `-- evidence: the assessment's live evidence at ${int(env.contacts)} customers and ${int(EVIDENCE_ORDERS)} orders, vs the score refresh it builds on`,
      );
      res.evidence = await benchEvidence();
    }
    if (benches.includes('kpis')) {
      const k = KPI_SIZES;
      log(
        `-- kpis: the current month's KPI scorecards of ${int(k.staff)} members over ${int(k.orders)} orders, ${int(k.customers)} customers, ${int(k.interactions)} interactions and ${int(k.tickets)} tickets, vs the plain SQL of the three largest KPIs`,
      );
      res.kpis = await benchKpis(dialect);
    }
    if (benches.includes('stall')) {
      log(`-- stall: other requests' latency while a ${int(STALL_ROWS)}-row contacts CSV is uploaded and imported through the server, vs without it`);
      const x = await benchImportStall(dialect);
      res.stall = x;
      log(
        `   without: p50 ${ms(x.quiet.latency.p50)}, p99 ${ms(x.quiet.latency.p99)}, max ${ms(x.quiet.latency.max)} (${x.quiet.latency.n} requests); event loop delay max ${ms(x.quiet.loopDelayMax)}`,
      );
      log(
        `   during:  p50 ${ms(x.during.latency.p50)}, p99 ${ms(x.during.latency.p99)}, max ${ms(x.during.latency.max)} (${x.during.latency.n} requests, ${x.during.errors} errors, ${x.during.unanswered} unanswered); event loop delay max ${ms(x.during.loopDelayMax)}, p99 ${ms(x.during.loopDelayP99)}`,
      );
      log(`   longest event-loop turns during the import: ${x.worstGaps.map((g) => `${ms(g.ms)} at ${g.at.toFixed(1)} s (${g.where})`).join('; ')}`);
      log(
        `   p99 added ${ms(x.addedP99)} (target ≤ 200 ms); import ${int(x.importRowsPerSecond)} rows/s (upload ${x.uploadSeconds.toFixed(1)} s + run ${x.runSeconds.toFixed(1)} s) vs raw insert ${int(x.raw.rowsPerSecond)} rows/s: ${pct(x.ratio)} (target ≥ 40%)`,
      );
    }
    if (benches.every((b) => STANDALONE.includes(b))) continue;
    if (benches.includes('insert')) {
      log(`-- insert: ${int(env.contacts)} contacts in batches of 1,000, service vs raw (alternating batches)`);
      const r = await benchInsert(dialect);
      db = r.db;
      ws = r.ws;
      res.insert = r.result;
      const x = r.result;
      log(
        `   service ${int(x.serviceRate)} rows/s (${x.serviceSeconds.toFixed(1)} s; batch p50 ${ms(x.serviceBatchMs.p50)}, max ${ms(x.serviceBatchMs.max)}; also wrote ${int(x.keyRows)} lookup keys and ${int(x.auditRows)} audit rows)`,
      );
      log(`   raw     ${int(x.rawRate)} rows/s (${x.rawSeconds.toFixed(1)} s; batch p50 ${ms(x.rawBatchMs.p50)}, max ${ms(x.rawBatchMs.max)})`);
      log(`   ratio   ${pct(x.ratio)} of raw (target ≥ 30%)`);
    } else {
      db = await openBenchDb(dialect, 'main');
      ws = await benchWorkspace(db.core);
      const n = await countContacts(db.core);
      if (n !== env.contacts) {
        if (n > env.contacts) throw new Error(`${db.location} holds ${int(n)} contacts, more than KITH_BENCH_CONTACTS=${int(env.contacts)}`);
        log(`-- populating ${db.location}: ${int(env.contacts - n)} contacts through the service (not a figure)`);
        await populate(db.core, ws, env.contacts, n);
      }
    }
    if (dialect === 'postgres' && (benches.includes('search') || benches.includes('http') || benches.includes('sort'))) {
      // What autovacuum would have done by the time a million contacts are searched: fresh planner statistics.
      await sql`analyze`.execute(db.core.db);
    }
    if (benches.includes('search')) {
      log(`-- search: listContacts(q, limit 50) over ${int(env.contacts)} contacts`);
      const s = await benchSearch(db.core, ws, env.contacts);
      res.search = s;
      log(`   ${s.queries} queries × ${s.passes} timed passes (after one warm-up pass)`);
      log(
        table([
          ['', 'n', 'p50', 'p95', 'p99', 'max'],
          ['listContacts (API path)', String(s.api.n), ms(s.api.p50), ms(s.api.p95), ms(s.api.p99), ms(s.api.max)],
          ['index query alone (baseline)', String(s.index.n), ms(s.index.p50), ms(s.index.p95), ms(s.index.p99), ms(s.index.max)],
          ['primary-key lookup (baseline)', String(s.pk.n), ms(s.pk.p50), ms(s.pk.p95), ms(s.pk.p99), ms(s.pk.max)],
        ]).replace(/^/gm, '   '),
      );
      log('   by kind of query (API path):');
      log(
        table([['kind', 'queries', 'p50', 'p95', 'max'], ...s.byKind.map((k) => [k.kind, String(k.n), ms(k.p50), ms(k.p95), ms(k.max)])]).replace(/^/gm, '   '),
      );
      log('   slowest queries (median of the timed runs):');
      log(
        table([
          ['query', 'kind', 'median', 'index alone', 'rows'],
          ...s.worst.map((w) => [JSON.stringify(w.q), w.kind, ms(w.medianMs), Number.isNaN(w.indexMedianMs) ? '—' : ms(w.indexMedianMs), String(w.hits)]),
        ]).replace(/^/gm, '   '),
      );
    }
    if (benches.includes('http')) {
      log(`-- http: GET /api/v1/contacts?limit=50, ${env.httpConnections} connections, ${env.httpSeconds} s per run`);
      const h = await benchHttp(db.core, ws);
      res.http = h;
      log(`   app ${int(h.appRps)} req/s vs bare ${int(h.bareRps)} req/s: ${pct(h.ratio)} (target ≥ 50%); app with logging off ${int(h.appNoLog.rps)} req/s`);
    }
    if (benches.includes('ui')) {
      log(`-- ui: the web app in Chromium over ${int(env.contacts)} contacts`);
      const u = await benchUi(db.core, ws);
      res.ui = u;
      log(`   first page of /contacts on screen: p50 ${ms(u.firstPage.p50)}, max ${ms(u.firstPage.max)} (API request alone p50 ${ms(u.firstPageApi.p50)})`);
      log(
        `   search, last keystroke to results: p50 ${ms(u.search.p50)}, p95 ${ms(u.search.p95)}, max ${ms(u.search.max)} (API search alone p50 ${ms(u.searchApi.p50)}; includes the 90 ms debounce)`,
      );
      log(
        `   first-screen JavaScript ${(u.bundle.firstScreenGzip / 1024).toFixed(1)} KB gzipped (${u.bundle.files.map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)} KB`).join(', ')}); all JavaScript ${(u.bundle.allJsGzip / 1024).toFixed(1)} KB`,
      );
    }
    if (benches.includes('sort')) {
      log(`-- sort: listContacts(sort, limit 100) over ${int(env.contacts)} contacts, first page and page 5 (2 timed runs after a warm-up)`);
      const s = await benchSort(db.core, ws);
      res.sort = s;
      log(
        table([
          ['sort', 'first page p50', 'max', 'page 5 p50', 'max'],
          ...s.map((x) => [x.sort, ms(x.first.p50), ms(x.first.max), ms(x.deep.p50), ms(x.deep.max)]),
        ]).replace(/^/gm, '   '),
      );
    }
    if (benches.includes('duplicates')) {
      log(`-- duplicates: detection over ${int(env.contacts)} contacts, vs reading them in name order`);
      const d = await benchDuplicates(db.core, ws);
      res.duplicates = d;
      log(
        `   detection ${d.seconds.toFixed(1)} s (${int(d.stats.blocks)} blocks, ${int(d.stats.pairsCompared)} pairs compared, ${int(d.stats.candidates)} to review); reading alone ${d.baselineSeconds.toFixed(1)} s (target < 60 s)`,
      );
      log(
        `   steps: shared keys (with their scoring) ${d.stats.steps.keys.toFixed(1)} s, name walk and scoring ${d.stats.steps.names.toFixed(1)} s, storing ${d.stats.steps.store.toFixed(1)} s`,
      );
    }
    if (benches.includes('export')) {
      log(`-- export: every contact as CSV and XLSX (to a byte-counting sink), vs the rows straight into CSV`);
      const e = await benchExport(db.core, ws);
      res.export = e;
      log(
        `   csv   ${int(e.csv.rowsPerSecond)} rows/s (${e.csv.seconds.toFixed(1)} s, ${(e.csv.bytes / 2 ** 20).toFixed(0)} MiB, peak RSS ${e.csv.peakRssMb.toFixed(0)} MiB from ${e.startRssMb.toFixed(0)} MiB)`,
      );
      log(
        `   xlsx  ${int(e.xlsx.rowsPerSecond)} rows/s (${e.xlsx.seconds.toFixed(1)} s, ${(e.xlsx.bytes / 2 ** 20).toFixed(0)} MiB, peak RSS ${e.xlsx.peakRssMb.toFixed(0)} MiB)`,
      );
      log(
        `   baseline (one select into CSV) ${int(e.baseline.rowsPerSecond)} rows/s (${e.baseline.seconds.toFixed(1)} s); csv export at ${pct(e.csv.rowsPerSecond / e.baseline.rowsPerSecond)} of it`,
      );
    }
  } finally {
    await db?.drop();
  }
}

// ---------------------------------------------------------------- summary
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const rows: string[][] = [['database', 'benchmark', 'figure', 'baseline (same run)', 'ratio', 'target', 'verdict']];
for (const dialect of dialects) {
  const r = results[dialect];
  if (!r) continue;
  if (r.insert) {
    const x = r.insert;
    rows.push([
      dialect,
      'insert 1k batches',
      `service ${int(x.serviceRate)} rows/s`,
      `raw insert ${int(x.rawRate)} rows/s`,
      pct(x.ratio),
      '≥ 30%',
      verdict(x.ratio >= 0.3),
    ]);
  }
  if (r.search) {
    const s = r.search;
    rows.push([
      dialect,
      'search (listContacts)',
      `p50 ${ms(s.api.p50)}, p95 ${ms(s.api.p95)}, p99 ${ms(s.api.p99)}`,
      `index alone p95 ${ms(s.index.p95)}; PK lookup p95 ${ms(s.pk.p95)}`,
      '',
      dialect === 'sqlite' ? 'p95 < 50 ms' : '(recorded)',
      dialect === 'sqlite' ? verdict(s.api.p95 < 50) : '—',
    ]);
  }
  if (r.http) {
    const h = r.http;
    rows.push([
      dialect,
      'GET /contacts?limit=50',
      `app ${int(h.appRps)} req/s`,
      `bare route ${int(h.bareRps)} req/s`,
      pct(h.ratio),
      '≥ 50%',
      verdict(h.ratio >= 0.5),
    ]);
  }
  if (r.export) {
    const e = r.export;
    rows.push([
      dialect,
      `export ${int(e.rows)} contacts`,
      `csv ${int(e.csv.rowsPerSecond)} rows/s, xlsx ${int(e.xlsx.rowsPerSecond)} rows/s; peak RSS ${e.csv.peakRssMb.toFixed(0)} / ${e.xlsx.peakRssMb.toFixed(0)} MiB`,
      `one select into CSV ${int(e.baseline.rowsPerSecond)} rows/s`,
      pct(e.csv.rowsPerSecond / e.baseline.rowsPerSecond),
      '(recorded)',
      '—',
    ]);
  }
  if (r.import) {
    const x = r.import;
    rows.push([
      dialect,
      `import ${int(x.rows)}-row contacts CSV`,
      `${int(x.rowsPerSecond)} rows/s; RSS ${Math.min(...x.rss.atTenth).toFixed(0)}–${Math.max(...x.rss.atTenth).toFixed(0)} MiB over the file`,
      `raw insert of the parsed rows ${int(x.raw.rowsPerSecond)} rows/s`,
      pct(x.ratio),
      '≥ 40%',
      verdict(x.ratio >= 0.4),
    ]);
  }
  if (r.stall) {
    const x = r.stall;
    rows.push([
      dialect,
      `other requests during a ${int(x.rows)}-row import`,
      `p99 ${ms(x.during.latency.p99)} (+${ms(x.addedP99)}), max ${ms(x.during.latency.max)}; import ${int(x.importRowsPerSecond)} rows/s${x.shutdown ? `; shutdown mid-import ${ms(x.shutdown.ms)}` : ''}`,
      `p99 ${ms(x.quiet.latency.p99)} without; raw insert ${int(x.raw.rowsPerSecond)} rows/s`,
      pct(x.ratio),
      '≤ 200 ms added; ≥ 40%',
      verdict(x.addedP99 <= 200 && x.ratio >= 0.4),
    ]);
  }
  if (r.orders) {
    const x = r.orders;
    rows.push([
      dialect,
      `import ${int(x.lines)} order lines`,
      `${int(x.linesPerSecond)} lines/s (${int(x.orders)} orders); RSS ${Math.min(...x.rss.atTenth).toFixed(0)}–${Math.max(...x.rss.atTenth).toFixed(0)} MiB`,
      `raw insert ${int(x.raw.linesPerSecond)} lines/s`,
      pct(x.ratio),
      '(recorded)',
      '—',
    ]);
  }
  if (r.jobs) {
    const j = r.jobs;
    const n = j.backlog.runners;
    rows.push([
      dialect,
      `job runner, ${int(j.jobs)} steps (${n} runner${n > 1 ? 's' : ''})`,
      `${int(j.backlog.stepsPerSecond)} steps/s${j.backlogOne ? ` (1 runner ${int(j.backlogOne.stepsPerSecond)})` : ''}; due → run p50 ${int(j.scheduled.latency.p50)} ms, p99 ${int(j.scheduled.latency.p99)} ms${j.backlog.exactlyOnce && j.scheduled.exactlyOnce && (j.backlogOne?.exactlyOnce ?? true) ? '' : '; NOT EXACTLY ONCE'}`,
      `bare claim-and-mark loop ${int(j.baseline.stepsPerSecond)} steps/s`,
      pct(j.ratio),
      '(recorded)',
      '—',
    ]);
  }
  if (r.surveys) {
    const x = r.surveys;
    const first = x.queries[0]!;
    rows.push([
      dialect,
      `NPS/CSAT dashboard, ${int(x.answers)} answers`,
      `${x.queries.map((q) => `${q.name}: ${int(q.ms.p50)} ms`).join('; ')} (daily counts recounted in ${x.recountSeconds.toFixed(1)} s)`,
      `one aggregate ${int(x.floor.p50)} ms; every answer read ${int(x.naive.p50)} ms`,
      `${(first.ms.p50 / x.floor.p50).toFixed(1)}× the floor`,
      '(recorded)',
      '—',
    ]);
  }
  if (r.duplicates) {
    const d = r.duplicates;
    rows.push([
      dialect,
      `duplicate detection, ${int(d.stats.contacts)} contacts`,
      `${d.seconds.toFixed(1)} s (${int(d.stats.pairsCompared)} pairs compared, ${int(d.stats.candidates)} to review)`,
      `reading them in name order ${d.baselineSeconds.toFixed(1)} s`,
      '',
      '< 60 s',
      verdict(d.seconds < 60),
    ]);
  }
  if (r.sort) {
    const base = r.sort[0]!;
    const worst = r.sort.reduce((a, b) => (b.first.p50 > a.first.p50 ? b : a));
    rows.push([
      dialect,
      'sorted list, first page',
      `slowest: ${worst.sort} p50 ${ms(worst.first.p50)}`,
      `default order p50 ${ms(base.first.p50)}`,
      '',
      '(recorded)',
      '—',
    ]);
  }
  if (r.ui) {
    const u = r.ui;
    rows.push([
      dialect,
      'web: first page on screen',
      `p50 ${ms(u.firstPage.p50)}, max ${ms(u.firstPage.max)}`,
      `API request alone p50 ${ms(u.firstPageApi.p50)}`,
      '',
      '< 1000 ms',
      verdict(u.firstPage.max < 1000),
    ]);
    rows.push([
      dialect,
      'web: search as you type',
      `p50 ${ms(u.search.p50)}, p95 ${ms(u.search.p95)}`,
      `API search alone p50 ${ms(u.searchApi.p50)}`,
      '',
      '< 300 ms',
      verdict(u.search.p95 < 300),
    ]);
    rows.push([
      dialect,
      'web: first-screen JS',
      `${(u.bundle.firstScreenGzip / 1024).toFixed(1)} KB gzipped`,
      `all JS ${(u.bundle.allJsGzip / 1024).toFixed(1)} KB gzipped`,
      '',
      '< 250 KB',
      verdict(u.bundle.firstScreenGzip < 250 * 1024),
    ]);
  }
}
if (rfmFile)
  rows.push([
    '—',
    `RFM of ${int(rfmFile.transactions)} transactions from a file`,
    `${Math.min(...rfmFile.seconds).toFixed(1)} s; peak RSS ${rfmFile.rssPeakMiB.toFixed(0)} MiB`,
    `DuckDB ${Math.min(...rfmFile.duckSeconds).toFixed(1)} s`,
    `${rfmFile.ratio.toFixed(2)}×`,
    '≤ 2×',
    verdict(rfmFile.ratio <= 2 && rfmFile.agree),
  ]);
for (const [dialect, r] of Object.entries(results)) {
  if (r?.rfm)
    rows.push([
      dialect,
      `RFM of ${int(r.rfm.orders)} orders as of today`,
      `${r.rfm.seconds[0]!.toFixed(1)} s with ${int(r.rfm.dirty)} customers recomputed (aggregates built once in ${r.rfm.buildSeconds.toFixed(0)} s)`,
      `DuckDB table ${Math.min(...r.rfm.duckSeconds).toFixed(1)} s`,
      `${r.rfm.ratio.toFixed(2)}×`,
      '≤ 2×',
      verdict(r.rfm.ratio <= 2 && r.rfm.agree),
    ]);
  if (r?.kpis) {
    const x = r.kpis;
    const naive = x.naive.reduce((a, q) => a + q.ms.p50, 0);
    rows.push([
      dialect,
      `KPI scorecards ${x.period}, ${int(x.sizes.staff)} members, ${int(x.sizes.orders)} orders, ${int(x.sizes.customers)} customers, ${int(x.sizes.interactions)} interactions, ${int(x.sizes.tickets)} tickets`,
      `all members p50 ${ms(x.scorecard.p50)}, max ${ms(x.scorecard.max)}; one person ${ms(x.person.p50)}; by team ${ms(x.team.p50)}`,
      `3 plain KPI queries ${ms(naive)}; month's orders counted ${ms(x.floor.p50)}`,
      `${(x.scorecard.p50 / naive).toFixed(1)}× the plain queries`,
      '< 1 s',
      verdict(x.met),
    ]);
  }
  if (r?.evidence) {
    const x = r.evidence;
    const worst = Math.max(...x.seconds, x.teamSeconds);
    rows.push([
      dialect,
      `assessment evidence, ${int(x.customers)} customers and ${int(x.orders)} orders`,
      `${x.seconds.map((s) => `${s.toFixed(2)} s`).join(', ')}; one team ${x.teamSeconds.toFixed(2)} s`,
      `aggregates built ${x.statsSeconds === null ? '(kept database)' : `${x.statsSeconds.toFixed(0)} s`}; score refresh ${x.refreshSeconds === null ? 'not run' : `${x.refreshSeconds.toFixed(0)} s`}`,
      '',
      '< 5 s',
      verdict(worst < 5),
    ]);
  }
}
for (const c of clv?.sizes ?? [])
  rows.push([
    '—',
    `kith analytics clv, ${int(c.customers)} customers (BG/NBD + Gamma-Gamma)`,
    `${c.cli.cpuSeconds.toFixed(2)} s CPU, ${c.cli.maxRssMiB.toFixed(0)} MiB (without startup ${c.pipeline.cpuSeconds.toFixed(2)} s, ${c.pipeline.maxRssMiB.toFixed(0)} MiB)`,
    `one pass ${c.baseline.cpuSeconds.toFixed(2)} s, ${c.baseline.maxRssMiB.toFixed(0)} MiB; lifetimes ${c.reference ? `${c.reference.cpuSeconds[0]} s, ${c.reference.maxRssMiB} MiB` : '—'}`,
    '',
    c.reference ? `≤ ${c.reference.targetCpuSeconds} s, ≤ ${c.reference.maxRssMiB} MiB` : '',
    c.met ? verdict(c.met.cli) : '',
  ]);
log(`\n== summary (${int(env.contacts)} contacts; ${((performance.now() - started) / 60_000).toFixed(1)} min)`);
log(table(rows));
for (const s of skipped) log(`skipped ${s}`);
if (process.env.KITH_BENCH_OUT) {
  writeFileSync(process.env.KITH_BENCH_OUT, JSON.stringify({ machine: info, contacts: env.contacts, seed: env.seed, results }, null, 2));
  log(`results written to ${process.env.KITH_BENCH_OUT}`);
}
