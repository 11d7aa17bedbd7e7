/**
 * Formula injection behind a separator: a cell is safe only if no piece of it starts a formula, however a
 * spreadsheet splits it — on the CSV's commas, on `;` (the list separator of Vietnamese Windows and most of
 * Europe), on tabs, line breaks or `|` — while plain numbers and phone numbers stay as they are. Checked on
 * the CSV (read back with csv-parse, then split again as another locale would, then naively as a reader that
 * ignores quotes), on the XLSX (read back with exceljs) and on the import's error file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';
import { contactFileKeys } from '../../../test/contact-file.ts';

/** The file for people's headers (Vietnamese, the workspace's language) read as the columns' keys. */
const keys = contactFileKeys('vi', { Điểm: 'custom.diem' });

const FORMULA_START = /^[=+\-@＝＋－＠\t\r]/;
/**
 * A plain number or phone runs nothing; nor does one followed at once by a quote (what a reader splitting a
 * quoted `+84…; +84…` cell on `;` sees: `+84…",…` — a number then a string with no operator is a syntax error
 * in every spreadsheet's formula grammar).
 */
const isPlainNumber = (s: string) => {
  const n = s.replace(/".*$/s, '');
  return /^[+-]?[\d\s().-]*$/.test(n) && /\d/.test(n) && (n === s || /^\d/.test(n.trimEnd().slice(-1)));
};
const isNumberList = (s: string) => !s.includes('|') && s.split(/[,;\t\r\n]/).every((p) => p.trim() === '' || isPlainNumber(p.trim()));

/** The pieces of one cell a spreadsheet could run: the cell, and every piece between separators, as is and trimmed. */
function runnablePieces(cell: string): string[] {
  const parts = cell.split(/[,;\t\r\n|]/);
  const out: string[] = [];
  if (FORMULA_START.test(cell.trimStart()) && !isNumberList(cell) && !isPlainNumber(cell.trim())) out.push(cell);
  for (const p of [...parts, ...parts.map((x) => x.trim())]) if (FORMULA_START.test(p) && !isPlainNumber(p.trim())) out.push(p);
  return out;
}
function assertSafe(cells: Iterable<unknown>, what: string): number {
  let n = 0;
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    assert.deepEqual(runnablePieces(c), [], `${what}: ${JSON.stringify(c)}`);
    n++;
  }
  return n;
}

let t: TestApp;
let owner: TestUser;
let hostileId = '';
before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const api = client(t.app, owner.token);
  assert.equal((await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'diem', label: 'Điểm', type: 'number' })).status, 201);
  const c = await api.post('/api/v1/contacts', {
    name: 'd;=4+4',
    tags: ['x', '=3+3'],
    emails: ['an@example.vn', "=cmd|'/Ccalc'!A0@example.com"],
    phones: ['+84 90 123 4567'],
    occupation: 'a,=1+1',
    jobTitle: '＝1+1',
    hometown: 'Huế|=2+2',
    addressLine: '-2+3',
    // A value the human file names through its enum (contact sources): one it does not know is written as typed.
    source: '=cmd|x',
    notes: 'dòng một\t=1\nghi chú\n@SUM(A1)\r\n+cmd|x',
    custom: { diem: -5 },
    ownerId: null,
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  hostileId = c.body.id;
  const plain = await api.post('/api/v1/contacts', {
    name: 'Nguyễn Thị Hồng',
    phones: ['0912 345 678', '+84 90 765 4321'],
    tags: ['vip'],
    custom: { diem: 12 },
  });
  assert.equal(plain.status, 201, JSON.stringify(plain.body));
});
after(() => t.close());

/** What each hostile cell becomes: an apostrophe before every piece that starts a formula, nothing else changed. */
const EXPECTED: Record<string, string> = {
  name: "d;'=4+4",
  tags: "x; '=3+3",
  emails: "an@example.vn; '=cmd|'/ccalc'!a0@example.com", // stored lower-cased
  phones: '+84901234567',
  occupation: "a,'=1+1",
  jobTitle: "'＝1+1",
  hometown: "Huế|'=2+2",
  addressLine: "'-2+3",
  source: "'=cmd|x",
  notes: "dòng một\t'=1\nghi chú\n'@SUM(A1)\r\n'+cmd|x",
};

describe('formula cells behind a separator', () => {
  test('CSV: every piece neutralised, such cells quoted, phones and numbers plain; split on ; or , as another locale would, nothing runs', async () => {
    const r = await client(t.app, owner.token).get('/api/v1/contacts/export?format=csv');
    assert.equal(r.status, 200);
    const text: string = r.raw.body;
    const rows = parse(text, { columns: keys, bom: true }) as Record<string, string>[];
    const h = rows.find((x) => x.id === hostileId)!;
    for (const [k, v] of Object.entries(EXPECTED)) assert.equal(h[k], v, k);
    assert.equal(h['custom.diem'], '-5');
    assert.equal(rows.find((x) => x.id !== hostileId)!.phones, '+84912345678; +84907654321', 'a list of phones stays plain');
    const cells = rows.flatMap((x) => Object.values(x));
    assert.ok(assertSafe(cells, 'csv cell') > 30);

    // The neutralised cells are quoted; numbers and phones are not.
    const line = text.split(/\r?\n/).find((l) => l.startsWith(`${hostileId},`))!;
    assert.ok(line.includes(`,"d;'=4+4",`), line);
    assert.ok(line.includes(`,"'＝1+1",`), line);
    assert.ok(line.includes(',+84901234567,'), line);
    assert.match(text, /,-5(,|\r?\n)/, 'a number unquoted');

    // A spreadsheet whose list separator is ; reads the same file with ; as the delimiter (and honours quotes).
    for (const delimiter of [';', ',', '\t', '|']) {
      const split = parse(text.replace(/^\ufeff/, ''), { delimiter, relax_quotes: true, relax_column_count: true, quote: '"' }) as string[][];
      assertSafe(split.flat(), `split on ${JSON.stringify(delimiter)}`);
    }
    // And a reader that ignores quotes altogether: every fragment of the raw text, a leading quote stripped.
    const fragments = text
      .replace(/^\ufeff/, '')
      .split(/[,;\t\r\n|]/)
      .map((f) => f.replace(/^\s*"+/, ''));
    assertSafe(fragments, 'raw fragment');
  });

  test('XLSX: the same text cells, numbers as numbers, no formula anywhere', async () => {
    const r = await client(t.app, owner.token).get('/api/v1/contacts/export?format=xlsx');
    assert.equal(r.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = keys((ws.getRow(1).values as unknown[]).slice(1) as string[]);
    const cells: unknown[] = [];
    let hostile: Record<string, unknown> | null = null;
    ws.eachRow((row, i) => {
      if (i === 1) return;
      const rec: Record<string, unknown> = {};
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `row ${i} ${header[c - 1]}`);
        rec[header[c - 1]!] = cell.value;
        cells.push(cell.value);
      });
      if (rec.id === hostileId) hostile = rec;
    });
    assert.ok(hostile);
    // (XML keeps a line break as LF.)
    for (const [k, v] of Object.entries(EXPECTED)) assert.equal(hostile![k], v.replace(/\r\n/g, '\n'), k);
    assert.equal(hostile!['custom.diem'], -5, 'a number stays a number');
    assertSafe(cells, 'xlsx cell');
    // Text to Columns on ; or , (what a user does with a list cell): still nothing runs.
    assertSafe(
      cells.flatMap((c) => (typeof c === 'string' ? c.split(/[;,]/) : [])),
      'xlsx text to columns',
    );
  });

  test('raw exports stay raw', async () => {
    const r = await client(t.app, owner.token).get('/api/v1/contacts/export?format=csv&raw=true');
    const h = (parse(r.raw.body, { columns: true, bom: true }) as Record<string, string>[]).find((x) => x.id === hostileId)!;
    assert.deepEqual([h.name, h.tags, h.jobTitle], ['d;=4+4', 'x; =3+3', '＝1+1']);
  });

  test('the import’s error file: refused values with formulas behind separators are neutralised and quoted', async () => {
    const file = 'Họ và tên,Email,Ngày sinh\n"Chị A","x;=1+1@","a;=2+2"\n"Chị B","=cmd|\'/Ccalc\'!A0","＋1+1"\n';
    const r = await runImport(t.core, owner.actor, { bytes: Buffer.from(file, 'utf8') }, { kind: 'contacts', dryRun: false, fileName: 'khach.csv' });
    assert.ok(r.failed >= 2, JSON.stringify(r.errors));
    const res = await client(t.app, owner.token).get(`/api/v1/imports/${r.id}/errors`);
    assert.equal(res.status, 200);
    const rows = parse(res.raw.body, { bom: true }) as string[][];
    const values = rows.slice(1).map((x) => x[2]!);
    assert.ok(
      values.some((v) => v.includes("'=1+1") || v.includes("'=2+2")),
      JSON.stringify(values),
    );
    assertSafe(rows.flat(), 'error file cell');
    for (const delimiter of [';', ','])
      assertSafe(
        (parse(res.raw.body.replace(/^\ufeff/, ''), { delimiter, relax_quotes: true, relax_column_count: true }) as string[][]).flat(),
        `error file split on ${delimiter}`,
      );
  });
  test('an apostrophe already before a formula gets another, and the file for people goes back into Kith as it was stored (CSV and XLSX)', async () => {
    const api = client(t.app, owner.token);
    const quoted = await api.post('/api/v1/contacts', { name: "'=đã có dấu nháy", notes: "a; '@SUM(A1)", tags: ["''+1"], ownerId: null });
    assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
    const csv = (await api.get('/api/v1/contacts/export?format=csv')).raw.body;
    const row = (parse(csv, { columns: keys, bom: true }) as Record<string, string>[]).find((x) => x.id === quoted.body.id)!;
    assert.deepEqual([row.name, row.notes, row.tags], ["''=đã có dấu nháy", "a; ''@SUM(A1)", "'''+1"]);
    assertSafe(Object.values(row), 'csv cell');
    // Everything but the record's own id, times and owner (the importer's workspace has its own).
    const rawRows = (text: string) =>
      (parse(text, { columns: true, bom: true }) as Record<string, string>[])
        .map(({ id: _id, createdAt: _c, updatedAt: _u, owner: _o, ...rest }) => rest)
        .sort((a, b) => a.name!.localeCompare(b.name!));
    const stored = rawRows((await api.get('/api/v1/contacts/export?format=csv&raw=true')).raw.body);
    for (const format of ['csv', 'xlsx'] as const) {
      const file = (await api.get(`/api/v1/contacts/export?format=${format}`)).raw.rawPayload;
      const { owner: other } = await makeWorkspace(t.core);
      assert.equal(
        (await client(t.app, other.token).post('/api/v1/custom-fields', { entity: 'contact', key: 'diem', label: 'Điểm', type: 'number' })).status,
        201,
      );
      const r = await runImport(t.core, other.actor, { bytes: file }, { kind: 'contacts', dryRun: false, fileName: `kith.${format}` });
      assert.equal(r.preset?.id, 'kith-contacts-vi');
      assert.equal(r.failed, 0, JSON.stringify(r.errors));
      const back = (await client(t.app, other.token).get('/api/v1/contacts/export?format=csv&raw=true')).raw.body;
      // (XML keeps a line break as LF: a CR LF inside a cell of the XLSX comes back as LF.)
      const want = format === 'xlsx' ? stored.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v.replace(/\r\n/g, '\n')]))) : stored;
      assert.deepEqual(rawRows(back), want, `${format}: every hostile text back as it was stored`);
    }
  });
});
