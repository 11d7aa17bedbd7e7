import { createReadStream } from 'node:fs';
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

export async function readTransactionsFile(path: string): Promise<{ builder: PurchaseDaysBuilder; rows: number }> {
  const builder = new PurchaseDaysBuilder();
  const input = createReadStream(path);
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  // pipe() does not pass the file's errors on (a missing file would leave the reading waiting).
  input.on('error', (e) => parser.destroy(e));
  let cols: Record<(typeof TRANSACTION_COLUMNS)[number], number> | null = null;
  let row = 0;
  let rows = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      row++;
      if (!cols) {
        const header = rec.map((h) => h.toLowerCase());
        const missing = TRANSACTION_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length) throw new TransactionsFileError(`row 1: the header has no column ${missing.map((m) => `"${m}"`).join(', ')} (it needs customer_id,date,amount; found ${rec.map((h) => `"${h}"`).join(',')})`, 1, missing[0]!);
        cols = { customer_id: header.indexOf('customer_id'), date: header.indexOf('date'), amount: header.indexOf('amount') };
        continue;
      }
      const id = rec[cols.customer_id] ?? '';
      const date = rec[cols.date] ?? '';
      const amountText = rec[cols.amount] ?? '';
      if (!id) throw new TransactionsFileError(`row ${row}, column customer_id: empty`, row, 'customer_id');
      const day = dayNumber(/^\d{4}-\d{2}-\d{2}[T ]/.test(date) ? date.slice(0, 10) : date);
      if (Number.isNaN(day)) throw new TransactionsFileError(`row ${row}, column date: not a date: "${date.slice(0, 40)}" (write YYYY-MM-DD)`, row, 'date');
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(amountText)) throw new TransactionsFileError(`row ${row}, column amount: not a number: "${amountText.slice(0, 40)}" (write it with a . for decimals, no thousands separators)`, row, 'amount');
      const amount = Number(amountText);
      if (amount < 0) throw new TransactionsFileError(`row ${row}, column amount: negative (${amountText}); returns are not purchases`, row, 'amount');
      builder.add(id, day, amount);
      rows++;
    }
  } catch (e) {
    input.destroy();
    if (e instanceof TransactionsFileError) throw e;
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
