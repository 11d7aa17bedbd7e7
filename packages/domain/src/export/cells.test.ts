import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CSV_QUOTE_MATCH, isDangerousCell, neutralizeCell, restoreCell } from './cells.ts';

/** What a spreadsheet may make of a cell: the cell itself and every piece it could split it into (any separator, trimmed or not). */
function pieces(cell: string): string[] {
  const parts = cell.split(/[,;\t\r\n|]/);
  return [cell, ...parts, ...parts.map((p) => p.trim())];
}
const FORMULA_START = /^[=+\-@＝＋－＠\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().-]*\d[\d\s().-]*$/;
const BLANK_OR_NUMBER = (p: string) => p.trim() === '' || PLAIN_NUMBER.test(p.trim());
/**
 * The pieces a spreadsheet would evaluate: one that starts a formula and is not a plain number; the cell read
 * whole unless it is only plain numbers between separators other than |.
 */
const runnable = (cell: string) =>
  pieces(cell).filter(
    (p) => FORMULA_START.test(p) && !PLAIN_NUMBER.test(p.trim()) && !(p === cell && !cell.includes('|') && cell.split(/[,;\t\r\n]/).every(BLANK_OR_NUMBER)),
  );

test('cells a spreadsheet would execute get a leading apostrophe; everything else is untouched', () => {
  for (const bad of ['=1+1', '=HYPERLINK("http://x","y")', '-2+3', '@SUM(A1)', '＝1+1', '＋1+1', '－A1', '＠SUM(A1)', '-cmd|x', '+ =1']) {
    assert.equal(isDangerousCell(bad), true, bad);
    assert.equal(neutralizeCell(bad), `'${bad}`);
  }
  for (const ok of ['Nguyễn Văn An', '0912 345 678', 'an@example.vn', '', '1-2', 'O’Brien; Lê', 'a=b', '100 000 ₫']) {
    assert.equal(isDangerousCell(ok), false, ok);
    assert.equal(neutralizeCell(ok), ok);
  }
});

test('plain numbers and phone numbers cannot be formulas and stay as they are', () => {
  for (const n of ['+84912345678', '+84 90 123 4567', '-5', '-1.5', '(028) 3823-4567', '+1 (555) 010-9999', '0912 345 678; +84 90 123 4567', '-5, -6']) {
    assert.equal(isDangerousCell(n), false, n);
    assert.equal(neutralizeCell(n), n);
  }
});

test('a formula behind any separator is neutralised too: ; , tab, line breaks and |, with or without spaces', () => {
  const cases: [string, string][] = [
    ['d;=4+4', "d;'=4+4"],
    ['x; =3+3', "x; '=3+3"],
    ['a,=1+1', "a,'=1+1"],
    ['a|=1+1', "a|'=1+1"],
    ['ghi chú\n=1+1', "ghi chú\n'=1+1"],
    ['ghi chú\r\n@SUM(A1)', "ghi chú\r\n'@SUM(A1)"],
    ['\t=1', "'\t'=1"],
    ['\r=1', "'\r'=1"],
    ['+1\t1+1', "'+1\t1+1"],
    ['+84912345678|2', "'+84912345678|2"],
    [' =1', " '=1"],
    ['\u00a0=1', "\u00a0'=1"],
    ["=cmd|'/Ccalc'!A0@example.com", "'=cmd|'/Ccalc'!A0@example.com"],
    ["an@example.vn; =cmd|'/Ccalc'!A0@example.com", "an@example.vn; '=cmd|'/Ccalc'!A0@example.com"],
    ['x;＝1+1;－2', "x;'＝1+1;'－2"],
    ['vip; +84912345678; -A1', "vip; +84912345678; '-A1"],
  ];
  for (const [input, want] of cases) {
    assert.equal(isDangerousCell(input), true, JSON.stringify(input));
    assert.equal(neutralizeCell(input), want, JSON.stringify(input));
    assert.deepEqual(runnable(neutralizeCell(input)), [], `nothing runnable left in ${JSON.stringify(want)}`);
    // Not idempotent on purpose: an apostrophe already before a formula gets another, so the import of the file can take exactly one off.
    assert.equal(restoreCell(neutralizeCell(input)), input, 'the import of the file gets the text back');
  }
});

test('no generated cell keeps a runnable piece (every mix of separators, spaces and triggers)', () => {
  const atoms = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\r', '\n', ',', ';', '|', ' ', '\u00a0', 'a', '1', '(', "'", 'A1'];
  let checked = 0;
  for (const a of atoms)
    for (const b of atoms)
      for (const c of atoms)
        for (const d of ['', '1+1', 'SUM(A1)', '84']) {
          const cell = a + b + c + d;
          const out = neutralizeCell(cell);
          assert.deepEqual(runnable(out), [], `${JSON.stringify(cell)} → ${JSON.stringify(out)}`);
          assert.equal(out.replace(/'/g, ''), cell.replace(/'/g, ''), 'only apostrophes are added');
          checked++;
        }
  assert.equal(checked, atoms.length ** 3 * 4);
});

test('CSV quoting: a cell with a separator or a neutralising apostrophe is quoted', () => {
  for (const q of ["'=1+1", "d;'=4+4", 'a|b', 'a\tb', 'a,b', " '=1"]) assert.ok(new RegExp(CSV_QUOTE_MATCH).test(q), q);
  for (const n of ['Nguyễn Văn An', '+84912345678', "O'Brien"]) assert.ok(!new RegExp(CSV_QUOTE_MATCH).test(n), n);
});

test('the import of Kith’s own file takes the apostrophes off again: restoreCell(neutralizeCell(x)) is x, whatever x', () => {
  for (const [stored, file] of [
    ['=1+1', "'=1+1"],
    ["'=1+1", "''=1+1"],
    ['vip; =3+3', "vip; '=3+3"],
    ["vip; '=3+3", "vip; ''=3+3"],
    ['\t=1', "'\t'=1"],
    ["'\tx", "''\tx"],
    ['+84901234567', '+84901234567'],
    ["O'Brien", "O'Brien"],
    ["'quoted'", "'quoted'"],
  ] as const) {
    assert.equal(neutralizeCell(stored), file, stored);
    assert.equal(restoreCell(file), stored, file);
  }
  const alphabet = fc.constantFrom('=', '+', '-', '@', '＝', "'", "'", ' ', ',', ';', '\t', '\r', '\n', '|', '1', 'a', '(', '.');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
      const s = chars.join('');
      assert.equal(restoreCell(neutralizeCell(s)), s, JSON.stringify(s));
    }),
    { numRuns: 5000 },
  );
});
