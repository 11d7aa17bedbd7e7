import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '@kith/domain/errors.ts';
import { detectDelimiter, detectEncoding, type Encoding } from './decode.ts';
import { pacer, yieldToLoop } from '../../platform/db/pace.ts';
import { guardXlsx, MAX_XLSX_COLUMNS } from './xlsx-guard.ts';

/**
 * Reading an import file as records, streamed: a CSV (any of the encodings and separators real files come
 * in) or the first worksheet of an XLSX workbook. Memory stays flat whatever the file's size: the bytes
 * flow through the decoder and the parser, and records are handed on one at a time.
 */

export type Source = { path: string; name?: string } | { bytes: Uint8Array; name?: string };
export type SourceFormat = 'csv' | 'xlsx';
export type SourceInfo = { format: SourceFormat; encoding: Encoding | null; delimiter: ',' | ';' | '\t' | null; size: number };
/** One record: its row in the file (the header is row 1) and its cells as text. */
export type SourceRecord = { row: number; cells: string[] };

/** Longest row accepted (characters), in a CSV and in a workbook alike: a row beyond it is a broken file (an unclosed quote) or not a table. */
export const MAX_ROW_CHARS = 1_000_000;
/** Most columns a file may have (its header's cells). */
export const MAX_COLUMNS = 1_000;
/** Longest column name (characters). */
export const MAX_HEADER_CHARS = 200;

/**
 * The file's bytes as a stream. Bytes in memory go in 64 KB slices: handed over whole, the parser would
 * parse an upload of 100 MB in one synchronous call (every record of it buffered, nothing else running).
 */
function byteStream(src: Source): Readable {
  if ('path' in src) return createReadStream(src.path, { highWaterMark: 1 << 20 });
  const all = Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength);
  return Readable.from(
    (function* () {
      for (let i = 0; i < all.length; i += 1 << 16) yield all.subarray(i, i + (1 << 16));
    })(),
    { objectMode: false },
  );
}

async function headBytes(src: Source, n = 65_536): Promise<{ head: Uint8Array; size: number }> {
  if ('bytes' in src) return { head: src.bytes.subarray(0, n), size: src.bytes.byteLength };
  const fh = await open(src.path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return { head: buf.subarray(0, bytesRead), size: (await stat(src.path)).size };
  } finally {
    await fh.close();
  }
}

/** SHA-256 of the file: an interrupted import of the same file is resumed, not repeated. */
export async function hashSource(src: Source): Promise<string> {
  const h = createHash('sha256');
  if ('bytes' in src) {
    // In 4 MB steps, the event loop turning between them (100 MB hash in one call: about 200 ms of nothing else).
    for (let i = 0; i < src.bytes.byteLength; i += 1 << 22) {
      h.update(src.bytes.subarray(i, i + (1 << 22)));
      await yieldToLoop();
    }
  } else for await (const chunk of createReadStream(src.path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** What the file is: XLSX (a zip) or delimited text, its encoding and separator (detected unless given). */
export async function describeSource(src: Source, o: { encoding?: Encoding | undefined; delimiter?: ',' | ';' | '\t' | undefined } = {}): Promise<SourceInfo> {
  const { head, size } = await headBytes(src);
  if (size === 0) throw fileProblem('The file is empty', 'empty_file');
  if (isZip(head)) return { format: 'xlsx', encoding: null, delimiter: null, size };
  const found = detectEncoding(head, size > head.byteLength);
  const encoding = o.encoding ?? found.encoding;
  const text = decodeChunk(head.subarray(encoding === found.encoding ? found.bomLength : 0), encoding);
  return { format: 'csv', encoding, delimiter: o.delimiter ?? detectDelimiter(text), size };
}

function decodeChunk(bytes: Uint8Array, encoding: Encoding): string {
  return iconv.decode(Buffer.from(bytes), ICONV[encoding]);
}

const ICONV: Record<Encoding, string> = { 'utf-8': 'utf8', 'utf-16le': 'utf16le', 'utf-16be': 'utf16-be', 'windows-1258': 'windows1258' };

export function fileProblem(message: string, code: string, params?: Record<string, string | number | undefined>): AppError {
  message = `${message}; nothing was imported`;
  const clean = params ? Object.fromEntries(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined)) : undefined;
  return new AppError('validation', message, { issues: [{ path: ['file'], message, code, ...(clean ? { params: clean } : {}) }] });
}

/** csv-parse's errors, said for a person: what is wrong and on which line; nothing of a broken file is imported. */
function csvProblem(e: unknown, delimiter: string): AppError {
  const err = e as { code?: string; message: string; lines?: number };
  const line = err.lines;
  const at = line ? ` (line ${line})` : '';
  const sep = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return fileProblem(
        `A quoted cell is never closed: the file ends inside quotes${at}. Check the row where a cell starts with " but has no closing "`,
        'quote_not_closed',
        { line },
      );
    case 'CSV_MAX_RECORD_SIZE':
      return fileProblem(
        `A row is longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters${at}: usually a quote opened and not closed, or a file that is not a table`,
        'row_too_long',
        { line, limit: MAX_ROW_CHARS },
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
      return fileProblem(`A quoted cell is followed by text before the next ${sep}${at}`, 'invalid_quote', { line });
    default:
      return fileProblem(`The file cannot be read as ${sep}-separated text${at}: ${err.message}`, 'invalid_format', { line });
  }
}

/** Every record of the file in order, the header first; stops at the first structural problem (an AppError naming the line). */
export async function* readRecords(src: Source, info: SourceInfo): AsyncGenerator<SourceRecord> {
  if (info.format === 'xlsx') {
    yield* readXlsx(src);
    return;
  }
  const bytes = byteStream(src);
  const decoder = iconv.decodeStream(ICONV[info.encoding ?? 'utf-8'], { stripBOM: true });
  const parser = parse({
    delimiter: info.delimiter ?? ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARS,
    bom: true,
  });
  bytes.on('error', (e) => parser.destroy(e));
  bytes.pipe(decoder).pipe(parser);
  let row = 0;
  const pace = pacer();
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: cells.map((c) => (isAscii(c) ? c : c.normalize('NFC'))) };
      await pace();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw csvProblem(e, info.delimiter ?? ',');
  } finally {
    bytes.destroy();
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test is whether every character is 7-bit ASCII, control characters included
const ASCII = /^[\x00-\x7f]*$/;
const isAscii = (s: string) => ASCII.test(s);

type XlsxValue = ExcelJS.CellValue;

/** A cell as the text a person sees: dates as ISO, formulas as their result, rich text joined (not yet NFC). */
function cellText(v: XlsxValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: XlsxValue }).result ?? null);
    if ('text' in v) return cellText((v as { text: XlsxValue }).text);
    if ('error' in v) return '';
  }
  return String(v);
}

const columnName = (n: number): string => (n <= 0 ? '' : columnName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/**
 * A worksheet row as cells of text, under the limits of a CSV row: at most Excel's 16,384 columns and
 * MAX_ROW_CHARS characters in all, checked cell by cell before anything is normalised or copied (one shared
 * string may be referenced by every cell of a row).
 */
function rowCells(values: XlsxValue[], rowNumber: number): string[] {
  if (values.length > MAX_XLSX_COLUMNS + 1) throw fileProblem(`Row ${rowNumber} has a cell beyond Excel's last column`, 'too_many_columns', { row: rowNumber });
  const cells: string[] = [];
  let chars = 0;
  for (let i = 1; i < values.length; i++) {
    const text = cellText(values[i] ?? null);
    chars += text.length;
    if (chars > MAX_ROW_CHARS) {
      throw fileProblem(
        `Row ${rowNumber} is longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters (at column ${columnName(i)}): a cell this large is not a customer list`,
        'row_too_long',
        { row: rowNumber, column: columnName(i), limit: MAX_ROW_CHARS },
      );
    }
    cells.push(text);
  }
  return cells.map((c) => (isAscii(c) ? c : c.normalize('NFC')));
}

/** A workbook whose parts inflate to more than this is not loaded whole (the streaming reader's fallback). */
const WHOLE_WORKBOOK_BYTES = 16 * 1024 * 1024;

async function* readXlsx(src: Source): AsyncGenerator<SourceRecord> {
  const size = 'path' in src ? (await stat(src.path)).size : src.bytes.byteLength;
  // Nothing of the workbook is built before its parts have been measured (xlsx-guard.ts).
  const { totalBytes } = await guardXlsx(byteStream(src), size);
  const input = byteStream(src);
  const pace = pacer();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  let yielded = 0;
  let race = false;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const cells = rowCells(row.values as XlsxValue[], row.number);
        if (cells.every((c) => c.trim() === '')) continue;
        yielded++;
        yield { row: row.number, cells };
        await pace();
      }
      break; // the first worksheet
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // ExcelJS's streaming reader can reach a worksheet before the workbook part that names the sheets when
    // that part is stored last, as ExcelJS itself writes it (exceljs#3064, intermittent): read it whole then.
    race = yielded === 0 && /reading 'sheets'/.test((e as Error).message);
    if (!race) throw fileProblem(`The workbook cannot be read: ${(e as Error).message}`, 'invalid_format');
  } finally {
    input.destroy();
  }
  if (!race) return;
  if (totalBytes > WHOLE_WORKBOOK_BYTES) {
    throw fileProblem(
      'The workbook stores its parts in an order that cannot be read as a stream, and it is too large to read whole: open it in Excel and save it again, or save it as CSV',
      'invalid_format',
    );
  }
  yield* readXlsxWhole(src);
}

/** The first worksheet of a workbook loaded whole (the streaming reader's fallback). */
async function* readXlsxWhole(src: Source): AsyncGenerator<SourceRecord> {
  const wb = new ExcelJS.Workbook();
  try {
    if ('path' in src) await wb.xlsx.readFile(src.path);
    else await wb.xlsx.load(Buffer.from(src.bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw fileProblem(`The workbook cannot be read: ${(e as Error).message}`, 'invalid_format');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = rowCells(row.values as XlsxValue[], row.number);
    if (cells.every((c) => c.trim() === '')) continue;
    yield { row: row.number, cells };
  }
}
