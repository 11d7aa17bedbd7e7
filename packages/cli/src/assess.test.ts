/** `kith assess …` as an administrator runs it: a real process over a real data directory. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { onPostgres } from '@kith/server/test/test-db.ts';
import { jsonOf, runKith } from '../test/run-kith.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-assess-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const kith = (args: string[], stdin = '') => runKith(dir, args, { stdin });

describe('kith assess', { skip: onPostgres() ? 'the CLI tests use SQLite only' : false }, () => {
  test('lists the frameworks, starts an assessment, imports answers from CSV (checked first, re-runnable), reports as JSON, HTML and CSV', async () => {
    jsonOf(
      await kith(
        ['setup', '--workspace', 'Gốm Bát Tràng', '--name', 'Lê Thị Gốm', '--email', 'gom@battrang.vn', '--password-stdin', '--json'],
        'a long owner password\n',
      ),
    );
    const frameworks = jsonOf(await kith(['assess', 'frameworks', '--json']));
    assert.deepEqual(
      frameworks.map((f: { key: string }) => f.key),
      ['qci', 'idic', 'care', 'gartner', 'payne_frow', 'buttle'],
    );
    const idic = frameworks.find((f: { key: string }) => f.key === 'idic');
    const practices: string[] = idic.areas.flatMap((a: { practices: { id: string }[] }) => a.practices.map((p) => p.id));

    const started = jsonOf(
      await kith(['assess', 'start', '--framework', 'idic', '--name', 'IDIC quý 4', '--from', '2026-01-01', '--to', '2026-11-30', '--json']),
    );
    assert.equal(started.periodFrom, '2026-01-01');
    assert.equal(started.respondents, 0, 'started from the command line, nobody answers yet');
    const bad = await kith(['assess', 'start', '--framework', 'nope', '--name', 'x']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /framework/);

    const rows = ['người trả lời,email,thực hành,ý định,thực tế,ghi chú'];
    for (const p of practices) rows.push(`Hà Tư Vấn,,${p},4,2,=1+1`, `Minh Bán Hàng,,${p},2,2,`);
    const file = join(dir, 'answers.csv');
    writeFileSync(file, [...rows, `Hà Tư Vấn,,${practices[0]},7,2,`, 'Hà Tư Vấn,,idic.none,1,1,'].join('\n'));
    const refused = await kith(['assess', 'import', started.id, file]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Row \d+: intention must be a whole number from 0 to 4/);
    assert.match(refused.stderr, /no practice "idic\.none"/);
    assert.equal(jsonOf(await kith(['assess', 'list', '--json']))[0].respondents, 0, 'nothing was imported');

    writeFileSync(file, rows.join('\n'));
    const first = jsonOf(await kith(['assess', 'import', started.id, file, '--json']));
    assert.deepEqual(first, { rows: practices.length * 2, respondents: 2, created: 2, submitted: 0 });
    const again = jsonOf(await kith(['assess', 'import', started.id, file, '--submit', '--json']));
    assert.deepEqual(again, { rows: practices.length * 2, respondents: 2, created: 0, submitted: 2 });

    const report = jsonOf(await kith(['assess', 'report', started.id]));
    // Hà: (4 + 2) / 8 = 75%; Minh: (2 + 2) / 8 = 50%; the means give (3 + 2) / 8 = 62.5% everywhere.
    assert.equal(report.overall, 62.5);
    assert.ok(report.recommendations.length > 0);
    const html = join(dir, 'report.html');
    const wrote = await kith(['assess', 'report', started.id, '--format', 'html', '--lang', 'en', '--out', html]);
    assert.equal(wrote.code, 0, wrote.stderr);
    const page = readFileSync(html, 'utf8');
    assert.ok(page.includes('<svg') && page.includes('IDIC quý 4') && page.includes('Overall'));
    const csv = await kith(['assess', 'report', started.id, '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.ok(csv.stdout.includes("'=1+1"), 'a formula in a comment is neutralised');
    assert.ok(!/,=1\+1/.test(csv.stdout));
  });
});
