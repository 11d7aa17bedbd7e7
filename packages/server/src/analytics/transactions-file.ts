import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { dayNumber, PurchaseDaysBuilder } from '@kith/domain/analytics/transactions.ts';

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
async function readPlain(path: string, sink: Sink): Promise<void> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
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

export async function readTransactionsFile(path: string): Promise<{ builder: PurchaseDaysBuilder; rows: number }> {
  try {
    return await readWith(path, readPlain);
  } catch (e) {
    if (e instanceof NeedsCsvParser) return readWith(path, readWithParser);
    throw e;
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;

async function readWith(path: string, reader: (path: string, sink: Sink) => Promise<void>): Promise<{ builder: PurchaseDaysBuilder; rows: number }> {
  const builder = new PurchaseDaysBuilder();
  let cols: Record<(typeof TRANSACTION_COLUMNS)[number], number> | null = null;
  let last = 0;
  let row = 0;
  let rows = 0;
  // Dates repeat (a few thousand days in ten million rows): each is read once.
  const days = new Map<string, number>();
  const header = (rec: string[]) => {
    const names = rec.map((h) => h.toLowerCase());
    const missing = TRANSACTION_COLUMNS.filter((c) => !names.includes(c));
    if (missing.length) throw new TransactionsFileError(`row 1: the header has no column ${missing.map((m) => `"${m}"`).join(', ')} (it needs customer_id,date,amount; found ${rec.map((h) => `"${h}"`).join(',')})`, 1, missing[0]!);
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
    if (!AMOUNT.test(amountText)) throw new TransactionsFileError(`row ${row}, column amount: not a number: "${amountText.slice(0, 40)}" (write it with a . for decimals, no thousands separators)`, row, 'amount');
    const amount = Number(amountText);
    if (amount < 0) throw new TransactionsFileError(`row ${row}, column amount: negative (${amountText}); returns are not purchases`, row, 'amount');
    return amount;
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
        return header(text.slice(start, end).split(',').map((c) => c.trim()));
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
      const day = dayOf(cell(cols.date));
      const amount = amountOf(cell(cols.amount));
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
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) throw new TransactionsFileError(`row ${err.lines ?? row + 1}: not valid CSV (${err.message})`, err.lines ?? row + 1, null);
    throw e;
  }
  if (!cols) throw new TransactionsFileError('the file is empty (it needs a header customer_id,date,amount and one row per purchase)', null, null);
  if (rows === 0) throw new TransactionsFileError('the file has a header but no transactions', null, null);
  return { builder, rows };
}

const AMOUNT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
