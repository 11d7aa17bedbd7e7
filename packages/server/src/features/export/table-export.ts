import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { CSV_QUOTE_MATCH, neutralizeCell } from '@kith/domain/export/cells.ts';
import { enumLabel, type EnumName } from '@kith/domain/labels/enums.ts';

/**
 * Writing a list as a file, for every list Kith exports (contacts, companies, products, orders, deals):
 * CSV (UTF-8 with a BOM, so Excel reads Vietnamese) or XLSX, from pages of rows, waiting for the stream
 * when it is full, so memory stays flat however many rows there are. Text a spreadsheet would execute
 * (`=`, `+`, `-`, `@`… first, or after any separator: `@kith/domain/export/cells.ts`) is neutralised unless the
 * export is raw, and a CSV cell with a separator or a neutralising apostrophe is quoted. A column that holds
 * an enumerated value names its enum: the file for people shows the value's name in the workspace's language
 * (`@kith/domain/labels/enums.ts`); the raw file, for other systems, keeps the stored code.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `plain`: the column's values are normalised so that none can be a formula (phone numbers): written as they are. */
export type ExportColumn<T> = { key: string; header: string; value: (row: T) => unknown; enum?: EnumName; plain?: boolean };

export const joinList = (xs: readonly unknown[]) => xs.map(String).join('; ');

/** One cell: text neutralised unless raw; numbers stay numbers; nothing is empty. */
export function exportCell(v: unknown, raw: boolean): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return raw ? s : neutralizeCell(s);
}

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function writeTable<T>(
  out: Writable,
  o: { format: ExportFormat; raw: boolean; sheet: string; locale?: string | null },
  cols: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]>,
): Promise<{ rows: number }> {
  let rows = 0;
  const valueOf = (col: ExportColumn<T>, r: T): unknown => {
    const v = col.value(r);
    return col.enum && !o.raw && typeof v === 'string' ? enumLabel(col.enum, v, o.locale) : v;
  };
  if (o.format === 'csv') {
    const csv = stringify({
      header: true,
      columns: cols.map((c) => ({ key: c.key, header: c.header })),
      bom: true,
      quoted_match: CSV_QUOTE_MATCH,
      cast: { boolean: (b) => (b ? 'true' : 'false') },
    });
    // stdout is never ended (nor does it 'finish'); a file or an HTTP response is.
    const endOut = out !== process.stdout;
    csv.pipe(out, { end: endOut });
    for await (const data of pages) {
      for (const r of data) {
        const record = Object.fromEntries(cols.map((col) => [col.key, exportCell(valueOf(col, r), o.raw || col.plain === true)]));
        if (!csv.write(record)) await once(csv, 'drain');
        rows++;
      }
    }
    const ended = once(csv, 'end');
    csv.end();
    await ended;
    if (endOut && !out.writableFinished) await once(out, 'finish');
    return { rows };
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(o.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: Math.min(40, Math.max(10, c.header.length + 2)) }));
  ws.getRow(1).font = { bold: true };
  for await (const data of pages) {
    for (const r of data) {
      ws.addRow(cols.map((col) => exportCell(valueOf(col, r), o.raw || col.plain === true))).commit();
      rows++;
    }
    // Wait for the zip to take in this page before the next: ExcelJS writes each sheet into the zip
    // without heeding back-pressure (its StreamBuf ignores write()'s return), so on SQLite, whose pages are
    // read without yielding, the whole file piled up in memory (1.5 GB for a million rows).
    // (The zip's input is a readable-stream PassThrough: its state says whether it is over its mark.)
    const sheet = (ws as unknown as { stream?: { pipes?: (Writable & { _writableState?: { needDrain?: boolean } })[] } }).stream?.pipes?.[0];
    while (sheet?._writableState?.needDrain) await once(sheet, 'drain');
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  ws.commit();
  await wb.commit();
  return { rows };
}

/** Every page of a cursor-paginated list. */
export async function* cursorPages<T>(page: (cursor: string | null) => Promise<{ data: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let cursor: string | null = null;
  do {
    const p: { data: T[]; nextCursor: string | null } = await page(cursor);
    yield p.data;
    cursor = p.nextCursor;
  } while (cursor);
}
