/** `kith analytics` on plain files, as an analyst runs it: a real process, no database. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { onPostgres } from '@kith/server/test/test-db.ts';
import { sharedData } from '../../domain/test/shared-data.ts';
import { runKith } from '../test/run-kith.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-analytics-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const kith = (args: string[]) => runKith(join(dir, 'unused'), args);
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('kith analytics', { skip: onPostgres() ? 'the CLI tests use SQLite only' : false }, () => {
  test('rfm: one object per customer with the contract’s keys; extra columns ignored; later purchases ignored', async () => {
    const f = file(
      'tx.csv',
      [
        'customer_id,date,amount,store',
        'a,2026-01-01,100,HN',
        'a,2026-01-01,50,HN',
        'a,2026-03-01,10.5,HCM',
        'b,2025-06-01,1000,HN',
        'c,2026-03-30,5,HN',
        'c,2026-02-01,5,HN',
        'c,2026-01-15,5,HN',
        'd,2025-12-01,20,HN',
        'e,2026-03-31,70,HN',
        'f,2026-04-02,999,HN',
        '',
      ].join('\n'),
    );
    const r = await kith(['analytics', 'rfm', '--transactions', f, '--as-of', '2026-03-31', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(rows[0]!), ['customerId', 'recency', 'frequency', 'monetary', 'r', 'f', 'm', 'segment']);
    assert.deepEqual(
      rows.find((x) => x.customerId === 'a'),
      { customerId: 'a', recency: 30, frequency: 2, monetary: 160.5, r: 3, f: 4, m: 4, segment: 'loyal' },
    );
    assert.deepEqual(rows.map((x) => x.customerId).sort(), ['a', 'b', 'c', 'd', 'e']);
    const text = await kith(['analytics', 'rfm', '--transactions', f, '--as-of', '2026-03-31']);
    assert.match(text.stdout, /5 customers at 2026-03-31/);
    assert.match(text.stdout, /loyal\s+2/);
  });

  test('bad input: one line naming the row and the column, exit code 2, nothing on stdout', async () => {
    const cases: [string, string, RegExp][] = [
      ['no-amount.csv', 'customer_id,date,total\na,2026-01-01,1\n', /row 1: the header has no column "amount"/],
      ['bad-date.csv', 'customer_id,date,amount\na,2026-01-01,1\nb,31/01/2026,2\n', /row 3, column date: not a date: "31\/01\/2026"/],
      ['bad-amount.csv', 'customer_id,date,amount\na,2026-01-01,"1,000"\n', /row 2, column amount: not a number: "1,000"/],
      ['not-amount.csv', 'customer_id,date,amount\na,2026-01-01,abc\n', /row 2, column amount: not a number: "abc"/],
      ['negative.csv', 'customer_id,date,amount\na,2026-01-01,5\na,2026-01-02,-5\n', /row 3, column amount: negative/],
      ['empty.csv', '', /the file is empty/],
      ['header-only.csv', 'customer_id,date,amount\n', /no transactions/],
      ['no-id.csv', 'customer_id,date,amount\n,2026-01-01,5\n', /row 2, column customer_id: empty/],
    ];
    for (const [name, text, want] of cases) {
      const r = await kith(['analytics', 'rfm', '--transactions', file(name, text), '--as-of', '2026-03-31', '--json']);
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.equal(r.stdout, '', name);
      assert.match(r.stderr, want, name);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
    }
    const ok = file('ok.csv', 'customer_id,date,amount\na,2026-01-01,5\na,2026-02-01,5\nb,2026-01-10,7\n');
    const early = await kith(['analytics', 'clv', '--transactions', ok, '--calibration-end', '2025-12-31', '--horizon', '10', '--json']);
    assert.deepEqual([early.code, early.stdout], [2, '']);
    assert.match(early.stderr, /--calibration-end 2025-12-31 is before every purchase/);
    const unit = await kith(['analytics', 'clv', '--transactions', ok, '--calibration-end', '2026-03-01', '--unit', 'month', '--horizon', '10', '--json']);
    assert.deepEqual([unit.code, unit.stdout], [2, '']);
    const few = await kith(['analytics', 'clv', '--transactions', ok, '--calibration-end', '2026-03-01', '--horizon', '10', '--json']);
    assert.deepEqual([few.code, few.stdout], [2, '']);
    assert.match(few.stderr, /2 customers had bought by the calibration end, 1 of them more than once: the models need at least 10/);
    const missing = await kith(['analytics', 'rfm', '--transactions', join(dir, 'nope.csv'), '--as-of', '2026-01-01']);
    assert.deepEqual([missing.code, missing.stdout], [2, '']);
    assert.match(missing.stderr, /no such file/);
  });

  const sample = sharedData('cdnow', 'CDNOW_sample.txt');
  test('clv on CDNOW as a file: the published BG/NBD and Gamma-Gamma parameters, and every customer with the contract’s keys', {
    skip: sample ? false : 'the CDNOW reference data is not on this machine',
  }, async () => {
    const lines = readFileSync(sample!, 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.trim().split(/\s+/));
    const f = file(
      'cdnow.csv',
      `customer_id,date,amount\n${lines.map(([, id, d, , amount]) => `${Number(id)},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)},${amount}`).join('\n')}\n`,
    );
    const r = await kith(['analytics', 'clv', '--transactions', f, '--calibration-end', '1997-09-30', '--unit', 'week', '--horizon', '39', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['bgnbd', 'gammaGamma', 'customers']);
    assert.deepEqual(Object.keys(out.bgnbd), ['r', 'alpha', 'a', 'b', 'logLikelihood']);
    assert.deepEqual(Object.keys(out.gammaGamma), ['p', 'q', 'v', 'logLikelihood']);
    assert.deepEqual(
      [out.bgnbd.r.toFixed(3), out.bgnbd.alpha.toFixed(3), out.bgnbd.a.toFixed(3), out.bgnbd.b.toFixed(3)],
      ['0.243', '4.414', '0.793', '2.426'],
    );
    assert.deepEqual([out.gammaGamma.p.toFixed(2), out.gammaGamma.q.toFixed(2), out.gammaGamma.v.toFixed(2)], ['6.25', '3.74', '15.44']);
    assert.equal(out.customers.length, 2357);
    assert.deepEqual(Object.keys(out.customers[0]), [
      'customerId',
      'frequency',
      'recency',
      'T',
      'monetary',
      'pAlive',
      'expectedPurchases',
      'expectedSpend',
      'clv',
    ]);
    const one = out.customers.find((c: { customerId: string }) => c.customerId === '1');
    assert.deepEqual([one.frequency, one.recency.toFixed(2), one.T.toFixed(2)], [2, '30.43', '38.86']);
  });
});
