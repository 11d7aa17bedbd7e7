import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { dayNumber, PurchaseDaysBuilder, type BuilderColumns } from '@kith/domain/analytics/transactions.ts';

/**
 * A transactions file for the analytics (`kith analytics … --transactions FILE`): CSV with a header holding
 * `customer_id`, `date` (ISO, `YYYY-MM-DD`; a time after it is ignored) and `amount` (a non-negative number
 * written with a `.`); other columns are ignored. Read as a stream into purchase days per customer, so ten
 * million rows never sit in memory as rows. The first bad cell stops the reading with its row (the file's
 * line, the header being row 1) and column named.
 */

export class TransactionsFileError extends Error {
  readonly row: number | null;
  readonly column: string | null;
  constructor(message: string, row: number | null, column: string | null) {
    super(message);
    this.row = row;
    this.column = column;
  }
}

export const TRANSACTION_COLUMNS = ['customer_id', 'date', 'amount'] as const;

/** A plain file (no quoted cells) is read by splitting lines; a quote anywhere sends it to the full CSV parser. */
class NeedsCsvParser extends Error {}

/** What a reader hands on: a record as cells (the CSV parser), or a line where it lies in the text read. */
type Sink = { cells(rec: string[]): void; line(text: string, start: number, end: number): void };

/**
 * The common case, fast: lines split on `,`, cells trimmed, empty lines skipped, a BOM dropped — what the CSV
 * parser does for a file without quotes — without making a string of each line (10,000,000 rows:
 * docs/BENCHMARKS.md).
 */
async function readPlain(path: string, sink: Sink, range?: { start: number; end: number }): Promise<void> {
  const input = createReadStream(path, { highWaterMark: 1 << 20, ...(range ? { start: range.start, end: range.end - 1 } : {}) });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = !range || range.start === 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let text = rest + decoder.write(chunk);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.includes('"')) throw new NeedsCsvParser();
      let at = 0;
      for (let nl = text.indexOf('\n', at); nl !== -1; nl = text.indexOf('\n', at)) {
        sink.line(text, at, nl);
        at = nl + 1;
      }
      rest = text.slice(at);
    }
    const last = rest + decoder.end();
    if (last.includes('"')) throw new NeedsCsvParser();
    if (last) sink.line(last, 0, last.length);
  } finally {
    input.destroy();
  }
}

async function readWithParser(path: string, sink: Sink): Promise<void> {
  const input = createReadStream(path);
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  // pipe() does not pass the file's errors on (a missing file would leave the reading waiting).
  input.on('error', (e) => parser.destroy(e));
  try {
    for await (const rec of parser as AsyncIterable<string[]>) sink.cells(rec);
  } finally {
    input.destroy();
  }
}

/** `parts`: how many threads read the file (1: one reader). */
export async function readTransactionsFile(
  path: string,
  o: { parallel?: boolean } = {},
): Promise<{ builder: PurchaseDaysBuilder; rows: number; parts: number }> {
  const parallel = o.parallel === false ? null : await readInParallel(path);
  if (parallel) return parallel;
  try {
    return { ...(await readWith(path, readPlain)), parts: 1 };
  } catch (e) {
    if (e instanceof NeedsCsvParser) return { ...(await readWith(path, readWithParser)), parts: 1 };
    throw e;
  }
}

type Columns = Record<(typeof TRANSACTION_COLUMNS)[number], number>;

/** A part of a plain file, read by a worker thread (transactions-file.worker.ts): its columns, or why not. */
export async function readRange(path: string, start: number, end: number, cols: Columns, withIndex = false): Promise<BuilderColumns> {
  const { builder } = await readWith(path, (p, sink) => readPlain(p, sink, { start, end }), cols);
  return builder.columns(withIndex);
}

const PARALLEL_FROM = 32 * 2 ** 20;

/**
 * A large plain file is read in parts by worker threads, one per core (up to four), and the parts joined in
 * file order: the same result as one reader. Null — and the file is read by one reader, which words any
 * error with its row — when the file is small, or a part meets a quote or a bad cell.
 */
async function readInParallel(path: string): Promise<{ builder: PurchaseDaysBuilder; rows: number; parts: number } | null> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  const parts = Math.min(4, availableParallelism());
  if (size < PARALLEL_FROM || parts < 2) return null;
  const head = readBytes(path, 0, 1 << 16);
  let at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let header: string | null = null;
  while (at < head.length) {
    const nl = head.indexOf(10, at);
    if (nl === -1) return null;
    const line = head.subarray(at, nl).toString('utf8');
    at = nl + 1;
    if (line.trim() !== '') {
      header = line;
      break;
    }
  }
  if (header === null || header.includes('"')) return null;
  const names = header.split(',').map((h) => h.trim().toLowerCase());
  if (TRANSACTION_COLUMNS.some((c) => !names.includes(c))) return null;
  const cols: Columns = { customer_id: names.indexOf('customer_id'), date: names.indexOf('date'), amount: names.indexOf('amount') };
  const bounds = [at];
  for (let i = 1; i < parts; i++) {
    const p = at + Math.floor(((size - at) * i) / parts);
    const buf = readBytes(path, p, 1 << 16);
    const nl = buf.indexOf(10);
    bounds.push(nl === -1 ? size : p + nl + 1);
  }
  bounds.push(size);
  const results = await Promise.all(
    bounds.slice(0, -1).map(
      (start, i) =>
        new Promise<BuilderColumns | null>((done) => {
          const w = new Worker(new URL('./transactions-file.worker.ts', import.meta.url), {
            workerData: { path, start, end: bounds[i + 1], cols, withIndex: i === 0 },
          });
          w.once('message', (m: { ok: true; columns: BuilderColumns } | { ok: false }) => done(m.ok ? m.columns : null));
          w.once('error', () => done(null));
          w.once('exit', () => done(null));
        }),
    ),
  );
  if (results.some((r) => r === null)) return null;
  const rows = (results as BuilderColumns[]).reduce((t, r) => t + r.start[r.start.length - 1]!, 0);
  const builder = PurchaseDaysBuilder.join(results as BuilderColumns[]);
  return rows > 0 ? { builder, rows, parts: results.length } : null;
}

function readBytes(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, position);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;

async function readWith(
  path: string,
  reader: (path: string, sink: Sink) => Promise<void>,
  preset?: Columns,
): Promise<{ builder: PurchaseDaysBuilder; rows: number }> {
  const builder = new PurchaseDaysBuilder();
  let cols: Columns | null = preset ?? null;
  let last = preset ? Math.max(preset.customer_id, preset.date, preset.amount) : 0;
  let row = 0;
  let rows = 0;
  // Dates repeat (a few thousand days in ten million rows): each is read once.
  const days = new Map<string, number>();
  const header = (rec: string[]) => {
    const names = rec.map((h) => h.toLowerCase());
    const missing = TRANSACTION_COLUMNS.filter((c) => !names.includes(c));
    if (missing.length)
      throw new TransactionsFileError(
        `row 1: the header has no column ${missing.map((m) => `"${m}"`).join(', ')} (it needs customer_id,date,amount; found ${rec.map((h) => `"${h}"`).join(',')})`,
        1,
        missing[0]!,
      );
    cols = { customer_id: names.indexOf('customer_id'), date: names.indexOf('date'), amount: names.indexOf('amount') };
    last = Math.max(cols.customer_id, cols.date, cols.amount);
  };
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (day === undefined) {
      day = dayNumber(/^\d{4}-\d{2}-\d{2}[T ]/.test(date) ? date.slice(0, 10) : date);
      if (Number.isNaN(day)) throw new TransactionsFileError(`row ${row}, column date: not a date: "${date.slice(0, 40)}" (write YYYY-MM-DD)`, row, 'date');
      if (days.size < 100_000) days.set(date, day);
    }
    return day;
  };
  const amountOf = (amountText: string) => {
    if (!AMOUNT.test(amountText))
      throw new TransactionsFileError(
        `row ${row}, column amount: not a number: "${amountText.slice(0, 40)}" (write it with a . for decimals, no thousands separators)`,
        row,
        'amount',
      );
    const amount = Number(amountText);
    if (amount < 0) throw new TransactionsFileError(`row ${row}, column amount: negative (${amountText}); returns are not purchases`, row, 'amount');
    return amount;
  };
  // The usual cells read in place: a date written YYYY-MM-DD (its day looked up by the number it spells) and an
  // amount of up to 15 digits, whole or with decimals; anything else goes through dayOf and amountOf.
  const byYmd = new Map<number, number>();
  const digit = (c: number) => c >= 48 && c <= 57;
  const isoDayAt = (t: string, a: number, b: number): number | null => {
    if (b - a !== 10 || t.charCodeAt(a + 4) !== 45 || t.charCodeAt(a + 7) !== 45) return null;
    let ymd = 0;
    for (let i = a; i < b; i++) {
      if (i === a + 4 || i === a + 7) continue;
      const c = t.charCodeAt(i);
      if (!digit(c)) return null;
      ymd = ymd * 10 + (c - 48);
    }
    const d = byYmd.get(ymd);
    if (d !== undefined) return d;
    const v = dayOf(t.slice(a, b));
    byYmd.set(ymd, v);
    return v;
  };
  // A decimal amount (digits, a point, digits; 15 digits at most) read in place: its digits as a whole number m and
  // its decimals k give m / 10^k, the correctly rounded quotient of two exact doubles — what Number() reads.
  const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
  const decimalAt = (t: string, a: number, b: number): number | null => {
    if (b - a === 0 || b - a > 16) return null;
    let v = 0;
    let point = -1;
    for (let i = a; i < b; i++) {
      const c = t.charCodeAt(i);
      if (c === 46 && point === -1) point = i;
      else if (!digit(c)) return null;
      else v = v * 10 + (c - 48);
    }
    if (point === -1) return b - a > 15 ? null : v;
    // "7." and ".5" are numbers too, but not this path's: they go through amountOf.
    if (point === a || point === b - 1) return null;
    return v / POW10[b - point - 1]!;
  };
  const noId = () => new TransactionsFileError(`row ${row}, column customer_id: empty`, row, 'customer_id');
  // Cell bounds of the line being read, trimmed, for the columns up to the last one needed.
  const from: number[] = [];
  const to: number[] = [];
  const sink: Sink = {
    cells(rec) {
      row++;
      if (!cols) return header(rec);
      const id = rec[cols.customer_id] ?? '';
      if (!id) throw noId();
      const day = dayOf(rec[cols.date] ?? '');
      builder.add(id, day, amountOf(rec[cols.amount] ?? ''));
      rows++;
    },
    line(text, start, end) {
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let blank = true;
      for (let i = start; i < end; i++) {
        if (!isSpace(text.charCodeAt(i))) {
          blank = false;
          break;
        }
      }
      if (blank) return;
      if (!cols) {
        row++;
        return header(
          text
            .slice(start, end)
            .split(',')
            .map((c) => c.trim()),
        );
      }
      row++;
      let n = 0;
      let a = start;
      while (n <= last) {
        let b = text.indexOf(',', a);
        if (b === -1 || b > end) b = end;
        let x = a;
        let y = b;
        while (x < y && isSpace(text.charCodeAt(x))) x++;
        while (y > x && isSpace(text.charCodeAt(y - 1))) y--;
        from[n] = x;
        to[n] = y;
        n++;
        if (b === end) break;
        a = b + 1;
      }
      const cell = (k: number) => (k < n ? text.slice(from[k], to[k]) : '');
      if (cols.customer_id >= n || from[cols.customer_id] === to[cols.customer_id]) throw noId();
      const day = (cols.date < n ? isoDayAt(text, from[cols.date]!, to[cols.date]!) : null) ?? dayOf(cell(cols.date));
      const amount = (cols.amount < n ? decimalAt(text, from[cols.amount]!, to[cols.amount]!) : null) ?? amountOf(cell(cols.amount));
      builder.addIn(text, from[cols.customer_id]!, to[cols.customer_id]!, day, amount);
      rows++;
    },
  };
  try {
    await reader(path, sink);
  } catch (e) {
    if (e instanceof TransactionsFileError || e instanceof NeedsCsvParser) throw e;
    const err = e as NodeJS.ErrnoException & { lines?: number };
    if (err.code === 'ENOENT') throw new TransactionsFileError(`no such file: ${path}`, null, null);
    if (err.code === 'EISDIR') throw new TransactionsFileError(`${path} is a directory, not a file`, null, null);
    if (typeof err.code === 'string' && err.code.startsWith('CSV_'))
      throw new TransactionsFileError(`row ${err.lines ?? row + 1}: not valid CSV (${err.message})`, err.lines ?? row + 1, null);
    throw e;
  }
  if (!cols) throw new TransactionsFileError('the file is empty (it needs a header customer_id,date,amount and one row per purchase)', null, null);
  if (rows === 0) throw new TransactionsFileError('the file has a header but no transactions', null, null);
  return { builder, rows };
}

const AMOUNT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
