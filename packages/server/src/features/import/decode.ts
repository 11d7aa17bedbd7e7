import iconv from 'iconv-lite';
import { IMPORT_ENCODINGS } from '@kith/domain/import/import.api.ts';

/**
 * Turning an uploaded file's bytes into text: real Vietnamese files come as UTF-8 with or without a BOM,
 * UTF-16 (Excel's "Unicode text", usually tab-separated) and Windows-1258 (legacy Windows; its tone marks
 * are separate combining characters, so the text is normalised to NFC after decoding).
 */
/** The encodings an upload may name (the imports' contract lists them). */
export const ENCODINGS = IMPORT_ENCODINGS;
export type Encoding = (typeof ENCODINGS)[number];

/** `truncated`: the bytes are the start of a longer file (a character may be cut at their end). */
export function detectEncoding(bytes: Uint8Array, truncated = false): { encoding: Encoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (zeroOdd > sample.length / 4 && zeroEven < sample.length / 50) return { encoding: 'utf-16le', bomLength: 0 };
  if (zeroEven > sample.length / 4 && zeroOdd < sample.length / 50) return { encoding: 'utf-16be', bomLength: 0 };
  // Valid UTF-8 in the first 64 KB (a character cut at the end of the sample is not an error).
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 65_536)), { stream: truncated || bytes.length > 65_536 });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1258', bomLength: 0 };
  }
}

/** The file as NFC text (the encoding detected unless given), without its BOM. */
export function decodeText(bytes: Uint8Array, encoding?: Encoding): { text: string; encoding: Encoding } {
  const found = detectEncoding(bytes);
  const enc = encoding ?? found.encoding;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(enc === found.encoding ? found.bomLength : 0);
  const text =
    enc === 'windows-1258' ? iconv.decode(body, 'windows1258') : enc === 'utf-16be' ? iconv.decode(body, 'utf16-be') : new TextDecoder(enc).decode(body);
  return { text: text.normalize('NFC'), encoding: enc };
}

/** The separator of a delimited text: the one of , ; tab that splits the first lines into the same number of fields. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const lines: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 10; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (cur) lines.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur && lines.length < 10) lines.push(cur);
  const count = (line: string, d: string) => {
    let n = 0;
    let q = false;
    for (const ch of line) {
      if (ch === '"') q = !q;
      else if (!q && ch === d) n++;
    }
    return n;
  };
  let best: ',' | ';' | '\t' = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t'] as const) {
    const counts = lines.map((l) => count(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
