import type { Readable } from 'node:stream';
import unzipper, { type Entry } from 'unzipper';
import { AppError } from '@kith/domain/errors.ts';
import { fileProblem, MAX_ROW_CHARS } from './source.ts';
import { pacer } from '../../platform/db/pace.ts';

/**
 * A workbook is a zip of XML parts, and a few hundred kilobytes can inflate to gigabytes: one 300 MB cell
 * in a 307 KB file took the server from 367 MB to 2.2 GB (issue 16), because ExcelJS builds each text
 * node, shared string and attribute whole before anyone can look at its length. So before ExcelJS reads a
 * workbook, this guard reads it once with the same zip parser (unzipper, entry by entry in file order,
 * exactly as ExcelJS's streaming reader will) and a streaming XML scanner that keeps no text, and refuses
 * the file — before anything is built — when:
 *
 * - the parts inflate past a budget: all of them together, the shared strings (which ExcelJS keeps in
 *   memory whole), or any other part ExcelJS parses whole (the workbook, its relationships, the styles);
 * - one XML token (a text run, a tag with its attributes, a CDATA section, a comment) is longer than a cell
 *   may be, one shared string or one row is larger than a row may be (the limits of a CSV row), or a cell
 *   sits beyond Excel's last column;
 * - a part declares a DTD (no spreadsheet does; it is how XML entity bombs start).
 *
 * The limits in bytes are a few times the character limits (a character is up to 3 bytes in UTF-8, `&amp;`
 * is 5), so a legitimate row is never refused here; source.ts then applies the exact limits in characters
 * to each row ExcelJS reads, with its row and column.
 */

export type XlsxLimits = {
  /** All parts inflated together. */
  totalBytes: number;
  /** xl/sharedStrings.xml inflated: ExcelJS keeps every shared string in memory. */
  sharedBytes: number;
  /** Any other XML part ExcelJS reads whole (workbook, relationships, styles). */
  partBytes: number;
  /** One text run, tag, CDATA section or comment. */
  tokenBytes: number;
  /** One <si> (a shared string with its rich-text runs) or one <row>. */
  rowBytes: number;
  entries: number;
};

const MiB = 1024 * 1024;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The budgets for a file of this size: generous for a real workbook (text compresses 3–10×), tight for a bomb (1,000×). */
export function xlsxLimits(fileSize: number): XlsxLimits {
  return {
    totalBytes: clamp(100 * fileSize, 256 * MiB, 4096 * MiB),
    sharedBytes: clamp(20 * fileSize, 32 * MiB, 256 * MiB),
    partBytes: 16 * MiB,
    tokenBytes: 6 * MAX_ROW_CHARS,
    rowBytes: 8 * MAX_ROW_CHARS,
    entries: 10_000,
  };
}

/** The parts ExcelJS's streaming reader parses (workbook-reader.js); the rest it drains unread. */
const SHEET = /xl\/worksheets\/sheet\d+[.]xml/;
const SHEET_RELS = /xl\/worksheets\/_rels\/sheet\d+[.]xml.rels/;
const WHOLE_PARTS = new Set(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml']);

type PartKind = 'shared' | 'sheet' | 'part' | 'other';
function kindOf(path: string): PartKind {
  if (path === 'xl/sharedStrings.xml') return 'shared';
  if (SHEET.test(path)) return 'sheet';
  if (WHOLE_PARTS.has(path) || SHEET_RELS.test(path)) return 'part';
  return 'other';
}

const LT = 0x3c;
const GT = 0x3e;
const DQ = 0x22;
const SQ = 0x27;

/** Excel's last column is XFD (16,384). */
export const MAX_XLSX_COLUMNS = 16_384;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * A streaming scanner of one XML part: counts bytes per token, per <si> and per <row>, and reads the few
 * attributes it names problems by (a row's r, a cell's r). Holds at most 256 bytes of any tag.
 */
class XmlScanner {
  private state: 'text' | 'tag' | 'special' = 'text';
  private quote = 0;
  private token = 0;
  private head = Buffer.alloc(256);
  private headLen = 0;
  /** For a special token (<!…>, <?…>): its last three bytes, to find its end. */
  private tail = 0;
  private specialKind: 'comment' | 'cdata' | 'pi' | 'other' | null = null;
  private group = -1; // bytes of the current <si> or <row>, -1 outside one
  private groups = 0;
  row: number | null = null;
  cell: string | null = null;
  private readonly kind: 'shared' | 'sheet' | 'part';
  private readonly limits: XlsxLimits;
  private readonly path: string;

  constructor(kind: 'shared' | 'sheet' | 'part', limits: XlsxLimits, path: string) {
    this.kind = kind;
    this.limits = limits;
    this.path = path;
  }

  private where(): string {
    if (this.kind === 'sheet' && this.row !== null) return this.cell ? `row ${this.row}, column ${this.cell.replace(/\d+$/, '')}` : `row ${this.row}`;
    if (this.kind === 'shared') return `shared text number ${this.groups}`;
    return this.path;
  }

  private tooLong(what: string): never {
    const params: Record<string, string | number> = { limit: MAX_ROW_CHARS };
    if (this.kind === 'sheet' && this.row !== null) params.row = this.row;
    if (this.kind === 'sheet' && this.cell) params.column = this.cell.replace(/\d+$/, '');
    throw fileProblem(
      `The workbook holds ${what} larger than a row may be (${MAX_ROW_CHARS.toLocaleString('en')} characters) at ${this.where()}: a cell this large is not a customer list`,
      'cell_too_long',
      params,
    );
  }

  write(chunk: Buffer): void {
    const n = chunk.length;
    const { tokenBytes, rowBytes } = this.limits;
    let i = 0;
    while (i < n) {
      if (this.state === 'text') {
        const lt = chunk.indexOf(LT, i);
        const end = lt < 0 ? n : lt;
        this.count(end - i, tokenBytes, rowBytes, 'a text');
        if (lt < 0) return;
        this.count(1, tokenBytes, rowBytes, 'a text');
        this.state = 'tag';
        this.token = 1;
        this.headLen = 0;
        this.quote = 0;
        i = lt + 1;
        continue;
      }
      if (this.state === 'tag') {
        // Up to the '>' that is outside quotes (an attribute value may hold a '>').
        let j = i;
        let special = false;
        for (; j < n; j++) {
          const b = chunk[j]!;
          if (this.quote) {
            if (b === this.quote) this.quote = 0;
          } else if (b === DQ || b === SQ) this.quote = b;
          else if (b === GT) break;
          if (this.headLen < 256) this.head[this.headLen++] = b;
          if (this.headLen === 2 && (this.head[0] === 0x21 || this.head[0] === 0x3f)) {
            // <!… or <?…: a comment, CDATA, a processing instruction or a DTD, which end differently.
            this.enterSpecial();
            special = true;
            j++;
            break;
          }
        }
        const len = Math.min(j, n) - i;
        if (special) {
          this.count(len, tokenBytes, rowBytes, 'a tag');
          i = j;
          continue;
        }
        this.count(len, tokenBytes, rowBytes, 'a tag');
        if (j >= n) return;
        this.count(1, tokenBytes, rowBytes, 'a tag');
        this.state = 'text';
        this.token = 0;
        i = j + 1;
        this.onTag();
        continue;
      }
      // special: until its end (--> for a comment, ]]> for CDATA, ?> for a processing instruction).
      let j = i;
      for (; j < n; j++) {
        const b = chunk[j]!;
        this.tail = ((this.tail << 8) | b) & 0xffffff;
        if (b !== GT) continue;
        const k = this.specialKind;
        if (
          (k === 'comment' && this.tail >> 8 === 0x2d2d) ||
          (k === 'cdata' && this.tail >> 8 === 0x5d5d) ||
          (k === 'pi' && ((this.tail >> 8) & 0xff) === 0x3f) ||
          k === 'other'
        )
          break;
      }
      this.count(Math.min(j, n) - i, tokenBytes, rowBytes, k2(this.specialKind));
      if (j >= n) return;
      this.count(1, tokenBytes, rowBytes, k2(this.specialKind));
      this.state = 'text';
      this.token = 0;
      this.specialKind = null;
      i = j + 1;
    }
  }

  private enterSpecial(): void {
    this.state = 'special';
    this.tail = 0;
    const h = this.head;
    if (h[0] === 0x3f) this.specialKind = 'pi';
    else if (h[1] === 0x2d) this.specialKind = 'comment';
    else if (h[1] === 0x5b) this.specialKind = 'cdata';
    else if (h[1] === 0x44 || h[1] === 0x64)
      throw fileProblem(`The workbook's part ${this.path} declares a document type, which no spreadsheet does`, 'invalid_format');
    else this.specialKind = 'other';
  }

  private count(len: number, tokenMax: number, groupMax: number, what: string): void {
    this.token += len;
    if (this.token > tokenMax) this.tooLong(what);
    if (this.group >= 0) {
      this.group += len;
      if (this.group > groupMax) this.tooLong(this.kind === 'shared' ? 'a shared text' : 'a row');
    }
  }

  /** A tag has ended: is it a <si>/<row> opening or closing, a <c r="…">? */
  private onTag(): void {
    const h = this.head;
    let s = 0;
    const closing = h[0] === 0x2f;
    if (closing) s = 1;
    let e = s;
    while (e < this.headLen && h[e] !== 0x20 && h[e] !== 0x2f && h[e] !== 0x09 && h[e] !== 0x0a && h[e] !== 0x0d) e++;
    let name = h.toString('latin1', s, e);
    const colon = name.indexOf(':');
    if (colon >= 0) name = name.slice(colon + 1);
    const selfClosing = this.headLen > 0 && h[this.headLen - 1] === 0x2f;
    const group = this.kind === 'shared' ? 'si' : this.kind === 'sheet' ? 'row' : null;
    if (group && name === group) {
      if (closing) this.group = -1;
      else {
        this.groups++;
        this.group = selfClosing ? -1 : 0;
        if (this.kind === 'sheet') {
          const r = /\sr\s*=\s*["'](\d{1,10})["']/.exec(h.toString('latin1', 0, this.headLen));
          this.row = r ? Number(r[1]) : (this.row ?? 0) + 1;
          this.cell = null;
        }
      }
    } else if (this.kind === 'sheet' && name === 'c' && !closing) {
      const r = /\sr\s*=\s*["']([A-Za-z]{1,10})(\d{0,10})["']/.exec(h.toString('latin1', 0, this.headLen));
      if (r) {
        this.cell = `${r[1]!.toUpperCase()}${r[2]}`;
        if (r[1]!.length > 3 || columnNumber(r[1]!.toUpperCase()) > MAX_XLSX_COLUMNS) {
          throw fileProblem(`The workbook has a cell beyond Excel's last column (${this.cell}, ${this.where()})`, 'too_many_columns', {
            ...(this.row !== null ? { row: this.row } : {}),
            column: r[1]!.toUpperCase(),
          });
        }
      }
    }
  }
}

const k2 = (k: string | null) => (k === 'cdata' ? 'a CDATA section' : k === 'comment' ? 'a comment' : 'a tag');

/** Read the workbook once, inflating under budgets and scanning its XML; throws a 422 problem naming what is too large. */
export async function guardXlsx(input: Readable, fileSize: number, limits: XlsxLimits = xlsxLimits(fileSize)): Promise<{ totalBytes: number }> {
  const zip = input.pipe(unzipper.Parse({ forceStream: true }));
  input.on('error', (e) => zip.destroy(e));
  const pace = pacer();
  let total = 0;
  let entries = 0;
  const refuse = (what: string, limit: number): never => {
    throw fileProblem(
      `The workbook${what} inflates to more than ${(limit / MiB).toFixed(0)} MiB; save it as CSV (or split it) and import that`,
      'file_too_large',
      { limit },
    );
  };
  try {
    for await (const e of zip as AsyncIterable<Entry>) {
      if (++entries > limits.entries)
        throw fileProblem(`The workbook has more than ${limits.entries.toLocaleString('en')} parts, which no spreadsheet has`, 'invalid_format');
      const kind = kindOf(e.path);
      const budget = kind === 'shared' ? limits.sharedBytes : kind === 'part' ? limits.partBytes : Infinity;
      const scanner = kind === 'other' ? null : new XmlScanner(kind, limits, e.path);
      let size = 0;
      for await (const chunk of e as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (size > budget) refuse(kind === 'shared' ? `'s shared text (${e.path})` : `'s part ${e.path}`, budget);
        if (total > limits.totalBytes) refuse('', limits.totalBytes);
        scanner?.write(chunk);
        await pace();
      }
    }
  } catch (err) {
    zip.destroy();
    if (err instanceof AppError) throw err;
    throw fileProblem(`The workbook cannot be read: ${(err as Error).message}`, 'invalid_format');
  } finally {
    input.destroy();
  }
  return { totalBytes: total };
}
