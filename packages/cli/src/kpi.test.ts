/** `kith kpi …` as an administrator runs it: a real process over a real data directory. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { onPostgres } from '@kith/server/test/test-db.ts';
import { jsonOf, runKith } from '../test/run-kith.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-kpi-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const kith = (args: string[], stdin = '') => runKith(dir, args, { stdin });

describe('kith kpi', { skip: onPostgres() ? 'the CLI tests use SQLite only' : false }, () => {
  test('lists the KPIs, sets targets from a CSV (every row checked first, all or none), reports a period as JSON and CSV, closes it once', async () => {
    jsonOf(
      await kith(
        ['setup', '--workspace', 'Trà Thái Nguyên', '--name', 'Đỗ Văn Chè', '--email', 'che@thainguyen.vn', '--password-stdin', '--json'],
        'a long owner password\n',
      ),
    );
    const list = jsonOf(await kith(['kpi', 'list', '--json']));
    assert.ok(['revenue', 'csat', 'sla_attainment'].every((k) => list.some((d: { key: string }) => d.key === k)));

    const file = join(dir, 'targets.csv');
    writeFileSync(
      file,
      ['kpi;period;user;target', 'revenue;2026-11;che@thainguyen.vn;50 000 000', 'nope;2026-13;ai@dau.vn;x', 'csat;2026-11;che@thainguyen.vn;4.5'].join('\n'),
    );
    const refused = await kith(['kpi', 'targets', 'import', file]);
    assert.equal(refused.code, 1);
    for (const m of [/rows\.2\.kpi: No such KPI/, /rows\.2\.period/, /rows\.2\.target: Must be a number/, /rows\.2\.user: No such member/])
      assert.match(refused.stderr, m);
    assert.equal(
      jsonOf(await kith(['kpi', 'report', '--period', '2026-11', '--format', 'json'])).rows.filter((r: { target: number | null }) => r.target !== null).length,
      0,
      'nothing was written',
    );

    writeFileSync(file, ['kpi,period,user,target', 'revenue,2026-11,CHE@thainguyen.vn,50000000', 'csat,2026-11,che@thainguyen.vn,4.5'].join('\n'));
    assert.deepEqual(jsonOf(await kith(['kpi', 'targets', 'import', file, '--json'])), { written: 2 });
    const report = jsonOf(await kith(['kpi', 'report', '--period', '2026-11', '--kpi', 'revenue,csat', '--format', 'json']));
    assert.deepEqual(
      report.rows.map((r: { kpi: string; target: number }) => [r.kpi, r.target]),
      [
        ['revenue', 50_000_000],
        ['csat', 4.5],
      ],
    );
    const csvFile = join(dir, 'report.csv');
    const wrote = await kith(['kpi', 'report', '--period', '2026-11', '--kpi', 'revenue', '--format', 'csv', '--lang', 'en', '--out', csvFile]);
    assert.equal(wrote.code, 0, wrote.stderr);
    const csv = readFileSync(csvFile, 'utf8');
    assert.ok(csv.startsWith('\uFEFFperiod,member,id,kpi,kpi name,value,n,target'));
    assert.match(csv, /2026-11,Đỗ Văn Chè,[0-9a-f-]{36},revenue,Revenue of customers owned,0,0,50000000/);

    const closed = jsonOf(await kith(['kpi', 'close', '2026-11', '--json']));
    assert.equal(closed.period.period, '2026-11');
    assert.ok(closed.figures > 0);
    const twice = await kith(['kpi', 'close', '2026-11']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /2026-11 is closed/);
    const recount = jsonOf(await kith(['kpi', 'recount', '2026-11', '--json']));
    assert.deepEqual([recount.period.recounts, recount.changed], [1, 0]);
  });
});
