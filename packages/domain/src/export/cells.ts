/**
 * Spreadsheet safety for exports (CSV injection, OWASP). Excel, LibreOffice, Google Sheets and Numbers run
 * a cell as a formula when its text starts with = + - @ (or their full-width forms ＝ ＋ － ＠, which some
 * normalise), possibly after spaces, and OWASP adds a leading tab or carriage return. A cell is not always
 * read whole: a spreadsheet whose list separator is `;` (Vietnamese Windows, most of Europe) splits a CSV
 * line on `;`, Text to Columns splits on `,`, `|` or tabs, and line breaks start new rows. So every *piece*
 * of a cell — from its start or from any of the separators `,` `;` tab CR LF `|` — that would start a formula
 * gets an apostrophe right before its first character: spreadsheets show it as text and run nothing
 * (`=1+1` → `'=1+1`, `vip; =3+3` → `vip; '=3+3`, `d;=4+4` → `d;'=4+4`).
 *
 * The cell read whole must not start a formula either (unless it is only plain numbers between separators).
 *
 * The apostrophe can be taken off again (`restoreCell`, what the import of Kith's own file does): a piece that
 * already starts with apostrophes before a formula character (`'=x`), or a cell that starts with apostrophes
 * before a tab or carriage return, gets one more, so `restoreCell(neutralizeCell(x)) === x` for every text.
 *
 * A piece that is a plain number or phone number (digits, spaces, `( ) . -`, a leading + or -) cannot call a
 * function, reach a reference or another program, so it is left as it is: `+84 90 123 4567` and `-5` stay
 * usable wherever the file goes (a spreadsheet may show the first as a number; it runs nothing).
 *
 * Exports quote every cell with a separator or an added apostrophe (`CSV_QUOTE_MATCH`), so a reader that
 * honours quotes does not split it at all. The raw export (`--raw`, `raw=true`) leaves every value as
 * stored, for round trips into other systems.
 */
const SEPARATORS = /([,;\t\r\n|])/;
const STARTS_FORMULA = /^(\s*)[=+\-@＝＋－＠]/;
/** A piece that starts a formula, or that looks like one already neutralised (`'=x`): escaped once more, so the apostrophes can be taken off again. */
const STARTS_GUARDED = /^(\s*)'*[=+\-@＝＋－＠]/;
/** A cell that starts with a tab or carriage return, perhaps after apostrophes. */
const STARTS_CONTROL = /^'*[\t\r]/;
// Two linear tests (one pattern with a required digit in the middle backtracks quadratically on a long cell).
const NUMBER_CHARS = /^\s*[+-]?[\d\s().-]*$/;
const DIGIT = /\d/;
/** Only digits, spaces, parentheses, dots, dashes and a leading sign, wherever the file goes: a number or a phone. */
const NUMBERS_ONLY = /^[\d\s().+\-,;]*$/;

const isPlainNumber = (piece: string) => NUMBER_CHARS.test(piece) && DIGIT.test(piece);
const isBlank = (piece: string) => piece.trim() === '';

/** Where, in one piece, the apostrophe goes: before its formula's first character; -1 when it is safe. */
function guardAt(piece: string): number {
  const m = STARTS_GUARDED.exec(piece);
  return m && !isPlainNumber(piece) ? m[1]!.length : -1;
}

/** Could any piece start a formula? (One test for the usual cell, which has nothing to neutralise.) */
const CANDIDATE = /^'*[\t\r]|(?:^|[,;\t\r\n|])\s*'*[=+\-@＝＋－＠]/;

export function neutralizeCell(text: string): string {
  if (!CANDIDATE.test(text)) return text;
  if (NUMBERS_ONLY.test(text) && !/^[\t\r]/.test(text) && text.split(/[,;\t\r\n]/).every((p) => isBlank(p) || isPlainNumber(p))) return text;
  // Split keeps the separators at odd indexes: [piece, sep, piece, sep, piece…].
  const parts = text.split(SEPARATORS);
  let out = STARTS_CONTROL.test(text) ? "'" : '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const at = i % 2 === 0 ? guardAt(p) : -1;
    out += at < 0 ? p : `${p.slice(0, at)}'${p.slice(at)}`;
  }
  // The cell read whole (a reader that honours the quotes): a formula unless it is only plain numbers between
  // separators (`+84 91 234 5678; +84 90 123 4567`); `+1\t1+1` is one.
  const whole = STARTS_FORMULA.exec(out);
  if (whole && (out.includes('|') || !parts.every((p, i) => i % 2 === 1 || isBlank(p) || isPlainNumber(p)))) {
    const at = whole[1]!.length;
    out = `${out.slice(0, at)}'${out.slice(at)}`;
  }
  return out;
}

/**
 * A cell of a file Kith wrote for people, as it was before `neutralizeCell`: one apostrophe taken off before
 * each piece that starts (after spaces) with apostrophes and a formula character, and before a leading tab or
 * carriage return. Only for Kith's own files: elsewhere an apostrophe is the text's own.
 */
export function restoreCell(text: string): string {
  if (!text.includes("'")) return text;
  const s = STARTS_CONTROL.test(text) ? text.slice(1) : text;
  const parts = s.split(SEPARATORS);
  for (let i = 0; i < parts.length; i += 2) parts[i] = parts[i]!.replace(RESTORE, '$1$2');
  return parts.join('');
}
const RESTORE = /^(\s*)'('*[=+\-@＝＋－＠])/;

export function isDangerousCell(text: string): boolean {
  return neutralizeCell(text) !== text;
}

/** csv-stringify's `quoted_match`: a cell with a separator in it, or one that starts with a (neutralising) apostrophe. */
export const CSV_QUOTE_MATCH = /[,;\t\r\n|]|^\s*'/;
