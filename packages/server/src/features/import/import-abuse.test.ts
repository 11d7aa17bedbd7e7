import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { crc32, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, type TestUser, runJobsUntilIdle } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { createCore } from '../../core.ts';
import { MODULES } from '../../modules.ts';
import { createLogger } from '../../logger.ts';
import { PREVIEW_CHARS, runImport, StopForTest, type RunOptions } from './engine.ts';

/**
 * Issue 16: what an import may make the server do. Stalls (the event loop turns between batches, counted,
 * never timed), oversized workbooks and cells, concurrent imports, out-of-scope matches, and a killed
 * import's lease.
 */

const MAX_BYTES = 4 * 1024 * 1024;
const CONCURRENCY = 2;
let t: TestApp;
before(async () => {
  t = await createTestApp({ config: { importMaxBytes: String(MAX_BYTES), importConcurrency: String(CONCURRENCY) } });
});
after(() => t.close());

const bytes = (s: string) => ({ bytes: Buffer.from(s, 'utf8') });
const run = (u: TestUser, src: { bytes: Uint8Array }, o: Partial<RunOptions> = {}) =>
  runImport(t.core, u.actor, src, { kind: 'contacts', dryRun: false, fileName: 'test.csv', ...o });
const upload = (u: TestUser, payload: Buffer | string, query = 'kind=contacts&fileName=f.csv', type = 'text/csv') =>
  t.app.inject({ method: 'POST', url: `/api/v1/imports?${query}`, headers: { authorization: `Bearer ${u.token}`, 'content-type': type }, payload });
const people = (n: number, prefix = 'Khách') => bytes(`Họ và tên,Ghi chú\n${Array.from({ length: n }, (_, i) => `${prefix} ${i},dòng ${i}`).join('\n')}\n`);

// ------------------------------------------------------------------ a zip written by hand (no dependency)

type Part = { name: string; data: string | (() => Iterable<Buffer>) };

/** A zip of these parts, deflated; a part given as a generator is streamed (hundreds of MB inflate from it, little is held). */
async function zip(parts: Part[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const deflate = createDeflateRaw({ level: 9 });
    const compressed: Buffer[] = [];
    deflate.on('data', (c: Buffer) => compressed.push(c));
    const done = new Promise<void>((ok) => deflate.on('end', () => ok()));
    let crc = 0;
    let size = 0;
    const chunks = typeof p.data === 'string' ? [Buffer.from(p.data, 'utf8')] : p.data();
    for (const c of chunks) {
      crc = crc32(c, crc);
      size += c.length;
      if (!deflate.write(c)) await new Promise<void>((ok) => deflate.once('drain', () => ok()));
    }
    deflate.end();
    await done;
    const data = Buffer.concat(compressed);
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    out.push(local, name, data);
    offset += local.length + name.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cdBytes, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** A workbook of one sheet: its shared strings and sheet data given (as text, or streamed). */
function workbook(shared: Part['data'], sheetData: Part['data']): Promise<Buffer> {
  return zip([
    {
      name: '[Content_Types].xml',
      data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `${XML}<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/sharedStrings.xml', data: shared },
    { name: 'xl/worksheets/sheet1.xml', data: sheetData },
  ]);
}
const sharedOf = (...strings: string[]) => `${XML}<sst ${NS}>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
const sheetOf = (rows: string) => `${XML}<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;
/** Chunks of one character, `total` of them, inside a prefix and a suffix. */
function* filler(prefix: string, total: number, suffix: string, ch = 'a'): Generator<Buffer> {
  yield Buffer.from(prefix);
  const mb = Buffer.alloc(1 << 20, ch);
  for (let left = total; left > 0; left -= mb.length) yield left >= mb.length ? mb : mb.subarray(0, left);
  yield Buffer.from(suffix);
}

/** Peak resident memory while `work` runs (sampled), less what it was before: a coarse bound, not a timing. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; grewMb: number }> {
  globalThis.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, grewMb: (peak - start) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

describe('an import leaves the rest of the server its turn (finding 1)', () => {
  test('the event loop turns between every two batches, and a request sent during the import is answered before it ends', async () => {
    const { owner } = await makeWorkspace(t.core);
    const total = 6;
    let batches = 0;
    // A turn of the event loop (what a waiting request, a timer or SIGTERM needs): which batch count it saw.
    const seen = new Set<number>();
    let ticking = true;
    const tick = () => {
      seen.add(batches);
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    let answeredAt: number | null = null;
    const report = await run(owner, people(total * 100), {
      batchRows: 100,
      onBatch: (n) => {
        batches = n;
        if (n === 1)
          void client(t.app, owner.token)
            .get('/api/v1/contacts?limit=5')
            .then((r) => {
              assert.equal(r.status, 200);
              answeredAt = batches;
            });
      },
    });
    ticking = false;
    assert.equal(report.created, total * 100);
    assert.equal(batches, total);
    for (let k = 1; k < total; k++) assert.ok(seen.has(k), `the event loop turned after batch ${k} (saw ${[...seen].join(', ')})`);
    assert.ok(
      answeredAt !== null && answeredAt < total,
      `a request sent after batch 1 was answered after batch ${answeredAt}, before the import's last (${total})`,
    );
  });

  test('on SQLite batches are sized by time, never all at once: 3,000 rows go in at least four transactions', async (c) => {
    if (t.core.dialect !== 'sqlite') return c.skip('PostgreSQL writes 2,000 rows a batch: its driver does not hold the process');
    const { owner } = await makeWorkspace(t.core);
    let batches = 0;
    // The first batch is small and each is at most twice the one before: 200 + 400 + 800 + 1,600 = 3,000.
    await run(owner, people(3000), {
      onBatch: (n) => {
        batches = n;
      },
    });
    assert.ok(batches >= 4, `${batches} batches`);
  });

  test('a shutdown stops an import between batches: it stops within one batch, keeps what it wrote, and is resumed at once', async () => {
    const { owner } = await makeWorkspace(t.core);
    const stop = new AbortController();
    let abortedAt = 0;
    await assert.rejects(
      run(owner, people(1000, 'Dừng'), {
        batchRows: 100,
        signal: stop.signal,
        onBatch: (n) => {
          if (n === 2) {
            stop.abort();
            abortedAt = n;
          }
        },
      }),
      StopForTest,
    );
    const rec = await t.core.db.selectFrom('imports').selectAll().where('workspace_id', '=', owner.workspaceId).executeTakeFirstOrThrow();
    assert.equal(abortedAt, 2);
    assert.deepEqual([rec.status, rec.rows_done, rec.runner], ['running', 201, null], 'stopped after the batch under way; nobody holds it');
    assert.match(String(rec.message), /shut down.*run it again/);
    const view = await client(t.app, owner.token).get(`/api/v1/imports/${rec.id}`);
    assert.equal(view.body.stalled, true, 'shown as stopped');
    const again = await run(owner, people(1000, 'Dừng'), { batchRows: 100 });
    assert.deepEqual([again.resumedFromRow, again.created], [200, 1000]);
  });
});

describe('a shutdown during a one-call import (finding 1: SIGTERM handled late)', () => {
  test('closing the app stops the import between batches: 503, what was written stays, the same file resumes at once', async () => {
    const own = await createTestApp();
    try {
      const { owner } = await makeWorkspace(own.core);
      const file = people(20_000, 'Tắt').bytes;
      const pending = own.app.inject({
        method: 'POST',
        url: '/api/v1/contacts/import?fileName=t.csv',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
        payload: file,
      });
      // Once a batch is in, close the app (what SIGTERM runs first).
      for (;;) {
        await new Promise((ok) => setTimeout(ok, 5));
        const rec = await own.core.db.selectFrom('imports').select('rows_done').where('workspace_id', '=', owner.workspaceId).executeTakeFirst();
        if (rec && rec.rows_done > 1) break;
      }
      const closing = own.app.close();
      const res = await pending;
      await closing;
      assert.equal(res.statusCode, 503, res.body.slice(0, 300));
      assert.match(res.json().detail, /shutting down.*send the same file again/);
      const rec = await own.core.db.selectFrom('imports').selectAll().where('workspace_id', '=', owner.workspaceId).executeTakeFirstOrThrow();
      assert.ok(rec.rows_done > 1 && rec.rows_done < 20_001, `stopped after row ${rec.rows_done}`);
      assert.deepEqual([rec.status, rec.runner], ['running', null]);
      const r = await runImport(own.core, owner.actor, { bytes: file }, { kind: 'contacts', dryRun: false, fileName: 't.csv' });
      assert.deepEqual([r.resumedFromRow, r.created], [rec.rows_done - 1, 20_000]);
    } finally {
      await own.core.cleanup();
    }
  });
});

describe('workbooks and cells of any size are refused while streaming (finding 2)', () => {
  test('a 300 MB cell in a workbook of a few hundred KB: 422 naming the cell, memory stays put, nothing written', async () => {
    const { owner } = await makeWorkspace(t.core);
    const bomb = await workbook(
      () => filler(`${XML}<sst ${NS}><si><t>Họ và tên</t></si><si><t>Ghi chú</t></si><si><t>An</t></si><si><t>`, 300 * 2 ** 20, '</t></si></sst>'),
      sheetOf(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>',
      ),
    );
    assert.ok(bomb.length < 1024 * 1024, `the file is ${bomb.length} bytes`);
    const { result: res, grewMb } = await rssGrowth(() =>
      upload(owner, bomb, 'kind=contacts&fileName=bom.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    );
    assert.equal(res.statusCode, 422, res.body.slice(0, 300));
    assert.ok(res.body.length < 5000, 'the problem echoes nothing of the cell');
    const p = res.json();
    assert.equal(p.errors[0].code, 'cell_too_long');
    assert.match(p.errors[0].detail, /larger than a row may be \(1,000,000 characters\)/);
    assert.ok(grewMb < 200, `resident memory grew ${grewMb.toFixed(0)} MB`);
    assert.equal((await t.core.db.selectFrom('imports').select('id').where('workspace_id', '=', owner.workspaceId).execute()).length, 0);
  });

  test('a 300 MB inline cell in the sheet itself is refused naming its row and column', async () => {
    const { owner } = await makeWorkspace(t.core);
    const bomb = await workbook(sharedOf('Họ và tên'), () =>
      filler(
        `${XML}<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="7"><c r="C7" t="inlineStr"><is><t>`,
        300 * 2 ** 20,
        '</t></is></c></row></sheetData></worksheet>',
      ),
    );
    const { result, grewMb } = await rssGrowth(() =>
      run(owner, { bytes: bomb }, { fileName: 'bom.xlsx' }).then(
        () => null,
        (e: Error & { issues?: { code?: string; params?: Record<string, unknown> }[] }) => e,
      ),
    );
    assert.ok(result && /row 7, column C/.test(result.message), result?.message);
    assert.deepEqual(result.issues?.[0]?.params, { limit: 1_000_000, row: 7, column: 'C' });
    assert.ok(grewMb < 200, `resident memory grew ${grewMb.toFixed(0)} MB`);
  });

  test('many cells under the limit that together inflate far past the file (shared strings kept in memory): refused by budget', async () => {
    const { owner } = await makeWorkspace(t.core);
    const bomb = await workbook(function* () {
      yield Buffer.from(`${XML}<sst ${NS}><si><t>Họ và tên</t></si>`);
      const one = Buffer.from(`<si><t>${'b'.repeat(500_000)}</t></si>`);
      for (let i = 0; i < 600; i++) yield one; // 300 MB of shared strings
      yield Buffer.from('</sst>');
    }, sheetOf('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>'));
    const { result, grewMb } = await rssGrowth(() =>
      run(owner, { bytes: bomb }, { fileName: 'bom.xlsx' }).then(
        () => null,
        (e: Error & { issues?: { code?: string }[] }) => e,
      ),
    );
    assert.equal(result?.issues?.[0]?.code, 'file_too_large', result?.message);
    assert.match(String(result?.message), /shared text.*inflates to more than 32 MiB/);
    assert.ok(grewMb < 200, `resident memory grew ${grewMb.toFixed(0)} MB`);
  });

  test('a cell beyond Excel’s last column, a DTD, and a row over 1,000,000 characters (the CSV limit) are refused, naming where', async () => {
    const { owner } = await makeWorkspace(t.core);
    const far = await workbook(
      sharedOf('Họ và tên', 'An'),
      sheetOf('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="ZZZZ2" t="s"><v>1</v></c></row>'),
    );
    await assert.rejects(
      run(owner, { bytes: far }, { fileName: 'f.xlsx' }),
      (e: Error & { issues?: { code?: string }[] }) => e.issues?.[0]?.code === 'too_many_columns' && /ZZZZ2/.test(e.message),
    );
    const dtd = await workbook(
      `${XML}<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]><sst ${NS}><si><t>&a;</t></si></sst>`,
      sheetOf('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    );
    await assert.rejects(run(owner, { bytes: dtd }, { fileName: 'f.xlsx' }), /declares a document type/);
    const wide = await workbook(
      sharedOf('Họ và tên', 'Ghi chú', 'c'.repeat(600_000)),
      sheetOf(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>2</v></c></row>',
      ),
    );
    await assert.rejects(
      run(owner, { bytes: wide }, { fileName: 'f.xlsx' }),
      (e: Error & { issues?: { code?: string; params?: Record<string, unknown> }[] }) => {
        assert.equal(e.issues?.[0]?.code, 'row_too_long');
        assert.deepEqual(e.issues?.[0]?.params, { row: 2, column: 'B', limit: 1_000_000 });
        return true;
      },
    );
  });

  test('the preview (the first rows on upload) and the report never echo more than a short piece of a long cell', async () => {
    const { owner } = await makeWorkspace(t.core);
    const long = 'x'.repeat(800_000);
    const csv = await upload(owner, `Họ và tên,Ghi chú,Ngày sinh\nAn,${long},${long.slice(0, 100_000)}\n`);
    assert.equal(csv.statusCode, 201);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Khách');
    ws.addRow(['Họ và tên', 'Ghi chú']);
    ws.addRow(['Bình', 'y'.repeat(500_000)]);
    const xlsx = await upload(
      owner,
      Buffer.from(await wb.xlsx.writeBuffer()),
      'kind=contacts&fileName=k.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.equal(xlsx.statusCode, 201, xlsx.body.slice(0, 300));
    for (const res of [csv, xlsx]) {
      const cells: string[] = res.json().sample.flat();
      assert.ok(cells.length > 0 && cells.every((c) => c.length <= PREVIEW_CHARS), `longest preview cell ${Math.max(...cells.map((c) => c.length))}`);
      assert.ok(res.body.length < 10_000);
    }
    // The dry run reports the refused birthday with its value and message cut short.
    const dry = await client(t.app, owner.token).post(`/api/v1/imports/${csv.json().import.id}/dry-run`, {});
    assert.equal(dry.status, 200);
    const e = dry.body.errors.find((x: { column: string }) => x.column === 'Ngày sinh');
    assert.ok(e && e.value.length <= 500 && e.message.length <= 1000, JSON.stringify(e).slice(0, 200));
  });

  test('fifty uploads at once: at most the workspace’s concurrency start, the others answer 429; then the slots are free again', async () => {
    const { owner } = await makeWorkspace(t.core);
    // Large enough that the accepted ones are still being read while the others arrive.
    const file = people(60_000).bytes;
    const answers = await Promise.all(Array.from({ length: 50 }, () => upload(owner, file)));
    const accepted = answers.filter((a) => a.statusCode === 201).length;
    const refused = answers.filter((a) => a.statusCode === 429);
    assert.ok(accepted >= 1 && accepted <= CONCURRENCY, `${accepted} accepted`);
    assert.equal(accepted + refused.length, 50, JSON.stringify(answers.map((a) => a.statusCode)));
    assert.match(refused[0]!.json().detail, /already has 2 imports in progress/);
    assert.ok(refused[0]!.headers['retry-after']);
    // Another workspace is not held up by this one; and once these are done, this one may upload again.
    const other = (await makeWorkspace(t.core)).owner;
    assert.equal((await upload(other, people(3).bytes)).statusCode, 201);
    assert.equal((await upload(owner, people(3).bytes)).statusCode, 201);
  });

  test('file size by role: an agent may upload a quarter of what an owner may (413 naming the limit)', async () => {
    const { owner } = await makeWorkspace(t.core);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const file = Buffer.concat([Buffer.from('Họ và tên,Ghi chú\n'), Buffer.alloc(MAX_BYTES / 4 + 1000, 'a'), Buffer.from('\n')]);
    const res = await upload(agent, file);
    assert.equal(res.statusCode, 413, res.body.slice(0, 200));
    assert.match(res.json().detail, /an agent may import files of up to 1 MiB|a agent may import files of up to 1 MiB/);
    const one = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'text/csv' },
      payload: file,
    });
    assert.equal(one.statusCode, 413);
    assert.notEqual((await upload(owner, file)).statusCode, 413, 'an owner may');
  });
});

describe('a row matching a record out of the member’s scope reads as matching nothing (finding 3)', () => {
  const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'id' ? '(id)' : v)));

  test('an agent’s row with a colleague’s customer’s email: the same report as for a new person; the colleague’s record untouched; the pair flagged for a manager', async () => {
    const { owner } = await makeWorkspace(t.core);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const colleague = await client(t.app, owner.token).post('/api/v1/contacts', {
      name: 'Của chủ',
      emails: ['chu@x.vn'],
      ownerId: owner.userId,
      notes: 'giữ nguyên',
    });
    assert.equal(colleague.status, 201);
    const send = (csv: string, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/contacts/import?fileName=a.csv${query}`,
        headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'text/csv' },
        payload: Buffer.from(csv),
      });
    const matching = 'Họ và tên,Email,Ghi chú\nNgười lạ,chu@x.vn,ghi đè\n';
    const nothing = 'Họ và tên,Email,Ghi chú\nNgười lạ,khong-ai@x.vn,ghi đè\n';
    for (const query of ['&dryRun=true', '&onExisting=skip&dryRun=true', '']) {
      const a = await send(matching, query);
      const b = await send(nothing, query);
      assert.equal(a.statusCode, 200, a.body);
      assert.deepEqual(strip(a.json()), strip(b.json()), `the two reports differ (${query})`);
      assert.equal(a.json().created, 1);
    }
    // Nothing of the colleague's customer changed; the agent's row is a contact of their own.
    const chu = await client(t.app, owner.token).get(`/api/v1/contacts/${colleague.body.id}`);
    assert.deepEqual([chu.body.name, chu.body.notes, chu.body.version], ['Của chủ', 'giữ nguyên', colleague.body.version]);
    const mine = await t.core.db
      .selectFrom('contacts')
      .select(['id', 'owner_id'])
      .where('workspace_id', '=', owner.workspaceId)
      .where('name', '=', 'Người lạ')
      .execute();
    assert.ok(mine.length === 2 && mine.every((c) => c.owner_id === agent.userId));
    // The duplicate is not silent: the owner sees the pair; the agent, who may not read one of the two, does not.
    const pairs = await client(t.app, owner.token).get('/api/v1/duplicates');
    assert.ok(
      pairs.body.data.some((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].includes(colleague.body.id)),
      'the pair is flagged',
    );
    const agentPairs = await client(t.app, agent.token).get('/api/v1/duplicates');
    assert.ok(!agentPairs.body.data.some((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].includes(colleague.body.id)));
  });

  test('orders and call logs: a colleague’s customer’s phone reads as an unknown phone', async () => {
    const { owner } = await makeWorkspace(t.core);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const theirs = await client(t.app, owner.token).post('/api/v1/contacts', { name: 'Khách của chủ', phones: ['0912 300 400'], ownerId: owner.userId });
    const orders = (phone: string, n: string) => bytes(`Số đơn,Khách hàng,SĐT,Tên sản phẩm,Số lượng,Đơn giá\n${n},Khách mới,${phone},Trà,1,50.000\n`);
    const a = await run(agent, orders('0912 300 400', 'DH-A'), { kind: 'orders', dryRun: true });
    const b = await run(agent, orders('0912 300 999', 'DH-B'), { kind: 'orders', dryRun: true });
    assert.deepEqual(strip({ ...a, errors: a.errors }), strip({ ...b, errors: b.errors }));
    const calls = (phone: string) => bytes(`Thời gian,SĐT,Loại,Nội dung\n01/02/2026 09:00,${phone},Gọi,hỏi giá\n`);
    const c = await run(agent, calls('0912 300 400'), { kind: 'interactions', dryRun: true });
    const d = await run(agent, calls('0912 300 999'), { kind: 'interactions', dryRun: true });
    assert.deepEqual(strip(c.errors.map((e) => ({ ...e, value: null }))), strip(d.errors.map((e) => ({ ...e, value: null }))));
    assert.equal(c.failed, 1);
    // For real: the order goes to a new customer of the agent's, nothing to the colleague's.
    await run(agent, orders('0912 300 400', 'DH-A'), { kind: 'orders' });
    const onTheirs = await t.core.db.selectFrom('orders').select('id').where('contact_id', '=', theirs.body.id).execute();
    assert.equal(onTheirs.length, 0, 'no order on the colleague’s customer');
  });
});

describe('a company out of scope reads as matching nothing too (finding 3)', () => {
  test('an agent’s companies file naming a colleague’s company by tax code: the same report as an unknown one; the company untouched', async () => {
    const { owner } = await makeWorkspace(t.core);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const theirs = await client(t.app, owner.token).post('/api/v1/companies', { name: 'Công ty Của Chủ', taxCode: '0312345678', ownerId: owner.userId });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    const file = (tax: string) => bytes(`Tên công ty,Mã số thuế,Ghi chú\nCông ty Mới,${tax},đổi\n`);
    const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'id' ? '(id)' : v)));
    const a = await run(agent, file('0312345678'), { kind: 'companies', dryRun: true });
    const b = await run(agent, file('0399999999'), { kind: 'companies', dryRun: true });
    assert.deepEqual(strip(a), strip(b));
    assert.deepEqual([a.created, a.updated, a.failed], [1, 0, 0]);
    const real = await run(agent, file('0312345678'), { kind: 'companies' });
    assert.deepEqual([real.created, real.updated, real.failed], [1, 0, 0]);
    const now = await client(t.app, owner.token).get(`/api/v1/companies/${theirs.body.id}`);
    assert.deepEqual([now.body.name, now.body.version], ['Công ty Của Chủ', theirs.body.version]);
  });
});

describe('a killed import is resumed as soon as the server is back (finding 4)', () => {
  /** A process that has really gone: its pid is free. */
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    await new Promise((ok) => child.once('spawn', ok));
    const pid = child.pid!;
    child.kill('SIGKILL');
    await new Promise((ok) => child.once('exit', ok));
    return pid;
  }

  test('killed mid-import (its runner’s pid is gone): a new core on the same database resumes it at once, over the API and by file', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const csv = people(500, 'Chết').bytes;
    const up = await upload(owner, csv);
    const id = up.json().import.id;
    // As a SIGKILL leaves it: two batches in, `running`, a fresh heartbeat, and a runner that no longer exists.
    await assert.rejects(
      runImport(t.core, owner.actor, { bytes: csv }, { kind: 'contacts', dryRun: false, fileName: 'f.csv', importId: id, batchRows: 100, stopAfterBatches: 2 }),
      StopForTest,
    );
    await t.core.db
      .updateTable('imports')
      .set({ runner: `${hostname()}/${await deadPid()}/${randomUUID()}`, heartbeat_at: t.core.now().toISOString() })
      .where('id', '=', id)
      .execute();
    // The restart: a new core and app on the same database.
    const core2 = await createCore(t.core.config, { modules: MODULES, log: createLogger('silent') });
    const app2 = await buildApp(core2, { webDir: null });
    try {
      const view = await client(app2, owner.token).get(`/api/v1/imports/${id}`);
      assert.equal(view.body.stalled, true, 'shown as stopped at once');
      const res = await client(app2, owner.token).post(`/api/v1/imports/${id}/run`, {});
      assert.equal(res.status, 202, JSON.stringify(res.body));
      await runJobsUntilIdle(core2);
      const done = await client(app2, owner.token).get(`/api/v1/imports/${id}`);
      assert.deepEqual([done.body.status, done.body.created], ['done', 500]);
    } finally {
      await app2.close();
      await core2.close();
    }
    // By file (the CLI and the one-call import): the same, without --resume.
    const { owner: o2 } = await makeWorkspace(t.core);
    const file = people(300, 'Tệp');
    await assert.rejects(run(o2, file, { batchRows: 100, stopAfterBatches: 1 }), StopForTest);
    await t.core.db
      .updateTable('imports')
      .set({ runner: `${hostname()}/${await deadPid()}/${randomUUID()}` })
      .where('workspace_id', '=', o2.workspaceId)
      .execute();
    const r = await run(o2, file, { batchRows: 100 });
    assert.deepEqual([r.resumedFromRow, r.created], [100, 300]);
    assert.equal((await api.get(`/api/v1/imports/${id}`)).body.status, 'done');
  });

  test('an import whose runner is alive is not taken over unasked (409), unless told to; once its heartbeat is old it may be', async () => {
    const { owner } = await makeWorkspace(t.core);
    const file = people(300, 'Sống');
    await assert.rejects(run(owner, file, { batchRows: 100, stopAfterBatches: 1 }), StopForTest);
    // A live process on this host (our parent), and a process on another host: alive while the heartbeat is fresh.
    for (const runner of [`${hostname()}/${process.ppid}/${randomUUID()}`, `another-host/4242/${randomUUID()}`]) {
      await t.core.db.updateTable('imports').set({ runner, heartbeat_at: t.core.now().toISOString() }).where('workspace_id', '=', owner.workspaceId).execute();
      await assert.rejects(run(owner, file, { batchRows: 100 }), /being imported right now/);
    }
    await t.core.db
      .updateTable('imports')
      .set({ heartbeat_at: new Date(t.core.now().getTime() - 31_000).toISOString() })
      .where('workspace_id', '=', owner.workspaceId)
      .execute();
    const r = await run(owner, file, { batchRows: 100 });
    assert.equal(r.created, 300);
    // A runner taken over stops at its next batch instead of writing twice.
    const { owner: o2 } = await makeWorkspace(t.core);
    await assert.rejects(
      run(o2, people(300, 'Hai'), {
        batchRows: 100,
        onBatch: async (n) => {
          if (n === 1)
            await t.core.db
              .updateTable('imports')
              .set({ runner: `another-host/1/${randomUUID()}` })
              .where('workspace_id', '=', o2.workspaceId)
              .execute();
        },
      }),
      /Another process took this import over/,
    );
    const n = await t.core.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', o2.workspaceId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 100, 'nothing after the batch before the takeover');
  });
});
