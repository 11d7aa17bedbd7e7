import { availableParallelism } from 'node:os';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTransactionsFile, TransactionsFileError } from './transactions-file.ts';
import { rfmFromBuilder } from '@kith/domain/analytics/rfm.ts';
import { dayNumber } from '@kith/domain/analytics/transactions.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-tx-'));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const read = async (p: string) => {
  const { builder, rows } = await readTransactionsFile(p);
  return { rows, customers: builder.finish() };
};

test('a plain file (BOM, CRLF, spaces, extra columns, empty lines, a time after the date) is read line by line', async () => {
  const r = await read(
    file('plain.csv', '\ufeffstore, customer_id ,date,amount\r\nA, c1 ,2026-01-01,10\r\n\r\nA,c1,2026-01-01T09:30:00,5.5\r\nB,c2,2026-01-03,1e2\r\n'),
  );
  assert.equal(r.rows, 3);
  assert.deepEqual(r.customers, [
    { customerId: 'c1', days: [20454], amounts: [15.5] },
    { customerId: 'c2', days: [20456], amounts: [100] },
  ]);
});

test('a quoted cell anywhere (even past the first megabyte) sends the whole file to the CSV parser, with the same result', async () => {
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < 60_000; i++) lines.push(`c${i % 7},2026-02-${String((i % 28) + 1).padStart(2, '0')},1`);
  lines.push('"c,quoted",2026-03-01,"2.5"');
  const r = await read(file('quoted.csv', lines.join('\n')));
  assert.equal(r.rows, 60_001);
  assert.deepEqual(
    r.customers.find((c) => c.customerId === 'c,quoted'),
    { customerId: 'c,quoted', days: [20513], amounts: [2.5] },
  );
  assert.equal(r.customers.length, 8);
  assert.equal(
    r.customers.reduce((s, c) => s + c.amounts.reduce((a, b) => a + b, 0), 0),
    60_000 + 2.5,
  );
});

test('multi-byte characters split across chunks are read whole', async () => {
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < 80_000; i++) lines.push(`Nguyễn Thị Ánh ${i % 3},2026-01-01,1`);
  const r = await read(file('utf8.csv', lines.join('\n')));
  assert.deepEqual(r.customers.map((c) => c.customerId).sort(), ['Nguyễn Thị Ánh 0', 'Nguyễn Thị Ánh 1', 'Nguyễn Thị Ánh 2']);
});

test('the first bad cell names its row and column, on either path', async () => {
  for (const [name, text, row, column] of [
    ['bad-date.csv', 'customer_id,date,amount\nc1,2026-01-01,1\nc2,01/02/2026,1\n', 3, 'date'],
    ['bad-amount.csv', 'customer_id,date,amount\nc1,2026-01-01,"1,5"\n', 2, 'amount'],
    ['hex.csv', 'customer_id,date,amount\nc1,2026-01-01,0x10\n', 2, 'amount'],
    ['negative.csv', 'customer_id,date,amount\nc1,2026-01-01,-3\n', 2, 'amount'],
    ['no-id.csv', 'customer_id,date,amount\n,2026-01-01,3\n', 2, 'customer_id'],
  ] as const) {
    await assert.rejects(read(file(name, text)), (e: unknown) => e instanceof TransactionsFileError && e.row === row && e.column === column, name);
  }
  await assert.rejects(read(file('empty.csv', '')), /empty/);
  await assert.rejects(read(file('header.csv', 'customer_id,date,amount\n')), /no transactions/);
  await assert.rejects(read(file('cols.csv', 'id,day,value\n1,2026-01-01,1\n')), /no column "customer_id"/);
  await assert.rejects(read(join(dir, 'missing.csv')), /no such file/);
});

test('a large file is read in parts by worker threads with the very result of one reader; a bad cell in a later part is still named by its row', async () => {
  const lines = ['customer_id,date,amount'];
  let seed = 3;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  // About 40 MB: past the size from which the parts are read in parallel; ids with Vietnamese letters; customers
  // first seen in the later parts.
  for (let i = 0; i < 1_300_000; i++)
    lines.push(
      `Khách ${i < 1_000_000 ? Math.floor(rnd() * 50_000) : 50_000 + Math.floor(rnd() * 1000)} Đặng,2025-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')},${Math.floor(rnd() * 1e6) / 100}`,
    );
  const big = file('big.csv', `${lines.join('\n')}\n`);
  const parallel = await readTransactionsFile(big);
  const single = await readTransactionsFile(big, { parallel: false });
  assert.equal(parallel.rows, 1_300_000);
  assert.ok(parallel.parts > 1 || availableParallelism() < 2, `read in parts (${parallel.parts}), not by one reader after the parts failed`);
  assert.equal(single.parts, 1);
  assert.deepEqual(parallel.builder.finish(), single.builder.finish());
  assert.deepEqual(rfmFromBuilder(parallel.builder, dayNumber('2026-01-01')), rfmFromBuilder(single.builder, dayNumber('2026-01-01')), 'the same scores');
  lines[1_250_000] = 'Khách 1 Đặng,2025-13-01,5';
  await assert.rejects(
    readTransactionsFile(file('big-bad.csv', `${lines.join('\n')}\n`)),
    (e: unknown) => e instanceof TransactionsFileError && e.row === 1_250_001 && e.column === 'date',
  );
});
