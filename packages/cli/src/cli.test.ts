/** The `kith` command as a user runs it: a real process over a real data directory. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { contactFieldLabel } from '@kith/domain/labels/field-labels.ts';
import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { buildApp } from '@kith/server/app.ts';
import { loadConfig } from '@kith/server/config.ts';
import { createCore } from '@kith/server/core.ts';
import { MODULES } from '@kith/server/modules.ts';
import { createLogger } from '@kith/server/logger.ts';
import { onPostgres } from '@kith/server/test/test-db.ts';
import { batchRows } from '@kith/server/features/import/engine.ts';
import { isDangerousCell } from '@kith/domain/export/cells.ts';
import { runKith, jsonOf, BIN } from '../test/run-kith.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';

const BATCH_ROWS = batchRows('sqlite');

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kith-cli-'));
  dirs.push(d);
  return d;
};

const kith = (dir: string, args: string[], o: { stdin?: string; env?: Record<string, string> } = {}) => runKith(dir, args, o);
const json = jsonOf;

describe('kith', { skip: onPostgres() ? 'the CLI tests use SQLite only' : false }, () => {
  test('--help lists every command', async () => {
    const r = await kith(dataDir(), ['--help']);
    assert.equal(r.code, 0);
    for (const c of ['start', 'migrate', 'setup', 'workspace', 'user', 'token', 'backup', 'restore', 'demo', 'export', 'import', 'duplicates'])
      assert.match(r.stdout, new RegExp(`^\\s+${c}\\b`, 'm'), c);
  });

  test('migrations, setup, users, tokens and a backup, as an administrator would', async () => {
    const d = dataDir();
    const status = json(await kith(d, ['migrate', 'status', '--json']));
    assert.ok(status.length >= 1 && status.every((m: { executedAt: string | null }) => m.executedAt === null));
    assert.deepEqual(
      json(await kith(d, ['migrate', 'up', '--json'])).applied,
      status.map((m: { name: string }) => m.name),
    );
    assert.equal(statSync(join(d, 'secret.key')).mode & 0o777, 0o600);

    const setup = json(
      await kith(d, ['setup', '--workspace', 'Cửa hàng An', '--name', 'Nguyễn Văn An', '--email', 'An@Example.com', '--password-stdin', '--json'], {
        stdin: 'a long owner password\n',
      }),
    );
    assert.equal(setup.user.email, 'an@example.com');
    assert.equal(setup.password, undefined, 'a password given on stdin is never printed');
    const again = await kith(d, ['setup', '--workspace', 'X', '--name', 'Y', '--email', 'y@example.com', '--password-stdin'], {
      stdin: 'another long password\n',
    });
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim().split('\n').length, 1);
    assert.match(again.stderr, /already set up/);

    const user = json(await kith(d, ['user', 'create', '--email', 'ha@example.com', '--name', 'Lê Thu Hà', '--role', 'manager', '--json']));
    assert.equal(user.role, 'manager');
    assert.ok(user.password.length >= 16, 'a generated password is printed once');
    const reset = json(await kith(d, ['user', 'reset-password', '--email', 'ha@example.com', '--json']));
    assert.notEqual(reset.password, user.password);
    assert.equal((await kith(d, ['user', 'create', '--email', 'ha@example.com', '--name', 'Again'])).code, 1);

    const { token } = json(await kith(d, ['token', 'create', '--email', 'ha@example.com', '--name', 'báo cáo', '--json']));
    assert.match(token, /^kith_/);
    const core = await createCore(loadConfig({}, { dataDir: d, logLevel: 'silent' }), { modules: MODULES, log: createLogger('silent') });
    const app = await buildApp(core);
    try {
      const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().email, 'ha@example.com');
      assert.equal(me.json().role, 'manager');
      const made = await app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'Khách Sao Lưu' }),
      });
      assert.equal(made.statusCode, 201);
    } finally {
      await app.close();
      await core.close();
    }

    const file = join(d, 'backups', 'kith-1.db');
    const b = json(await kith(d, ['backup', file, '--json']));
    assert.equal(b.integrity, 'ok');
    assert.equal(b.secretIncluded, true);
    // The backup holds the secret and every customer: its owner's eyes only, and nothing left beside it.
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(d, 'backups')), ['kith-1.db']);
    const twice = await kith(d, ['backup', file]);
    assert.equal(twice.code, 1, 'an existing file is never overwritten');
    assert.match(twice.stderr, /exists/);
    assert.deepEqual(readdirSync(join(d, 'backups')), ['kith-1.db']);

    // kith restore into another data directory: the database and the secret come back.
    const restored = dataDir();
    const r = json(await kith(restored, ['restore', file, '--json']));
    assert.equal(r.secret, 'written');
    assert.equal(readFileSync(join(restored, 'secret.key'), 'utf8'), readFileSync(join(d, 'secret.key'), 'utf8'));
    assert.equal(statSync(join(restored, 'kith.db')).mode & 0o777, 0o600);
    const copy = new BetterSqlite3(join(restored, 'kith.db'), { readonly: true });
    try {
      assert.deepEqual(copy.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
      assert.deepEqual(copy.prepare('select name from contacts').all(), [{ name: 'Khách Sao Lưu' }]);
    } finally {
      copy.close();
    }
    // Not over a database that is there, unless asked to.
    const over = await kith(restored, ['restore', file]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /--force/);
    assert.equal(json(await kith(restored, ['restore', file, '--force', '--json'])).replacedExisting, true);
  });

  test('demo data is the same for the same seed; data on stdout, progress on stderr', async () => {
    const names = (dir: string) => {
      const db = new BetterSqlite3(join(dir, 'kith.db'), { readonly: true });
      try {
        return db.prepare('select name, emails, phones, province from contacts order by seq').all();
      } finally {
        db.close();
      }
    };
    const one = dataDir();
    const two = dataDir();
    const three = dataDir();
    // Three data directories of their own, filled at the same time.
    const [r1, r2, r3] = await Promise.all([
      kith(one, ['demo', '--customers', '300', '--seed', '7', '--json']),
      kith(two, ['demo', '--customers', '300', '--seed', '7', '--json']),
      kith(three, ['demo', '--customers', '300', '--seed', '8', '--json']),
    ]);
    const out = json(r1);
    assert.equal(out.contacts, 300);
    assert.ok(out.owner.password, 'the owner it set up gets a password, printed once');
    assert.ok(out.scores.customers > 100, 'it ends with the customers’ scores computed');
    assert.match(r1.stderr, /300 \/ 300 contacts/);
    {
      // What the demo wrote was followed through before the command ended, as a server would after the commit: every
      // event dispatched, every listener's cursor caught up, each buyer's statistics marked for a recount.
      const db = new BetterSqlite3(join(one, 'kith.db'), { readonly: true });
      try {
        const q = (text: string) => (db.prepare(text).get() as { n: number }).n;
        assert.ok(q('select count(*) as n from events') > 0, 'the demo wrote events');
        assert.equal(q('select count(*) as n from events where dispatched_at is null'), 0, 'every event dispatched');
        assert.equal(q('select count(*) as n from event_cursors where done_seq < wanted_seq'), 0, 'every listener caught up');
        assert.equal(
          q('select count(*) as n from customer_stats_dirty'),
          q('select count(distinct contact_id) as n from orders where deleted_at is null'),
          "every buyer's statistics marked",
        );
      } finally {
        db.close();
      }
    }
    const out2 = json(r2);
    assert.ok(out.orders > 100 && out.products === 30 && out.interactions > 0 && out.deals > 5 && out.tasks > 5, JSON.stringify(out));
    assert.deepEqual(
      [out2.orders, out2.interactions, out2.deals, out2.tasks],
      [out.orders, out.interactions, out.deals, out.tasks],
      'the same purchases, deals and tasks for the same seed',
    );
    const a = names(one);
    assert.equal(a.length, 300);
    assert.deepEqual(names(two), a);
    json(r3);
    assert.notDeepEqual(names(three), a);

    // The same contacts exported: every one, spreadsheet-safe CSV on stdout, the count on stderr.
    const exp = await kith(one, ['export', 'contacts', '--format', 'csv']);
    assert.equal(exp.code, 0, exp.stderr);
    assert.equal(exp.stdout.charCodeAt(0), 0xfeff);
    const lines = parse(exp.stdout, { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(lines.length, 300);
    // The file for people names its columns in the workspace's language (Vietnamese here).
    const [nameCol, phonesCol] = [contactFieldLabel('name', 'vi'), contactFieldLabel('phones', 'vi')];
    assert.deepEqual(lines.map((l) => l[nameCol]).sort(), (a as { name: string }[]).map((x) => x.name).sort());
    assert.ok(
      lines.every((l) => !l[phonesCol] || /^\+84\d+(; \+84\d+)*$/.test(l[phonesCol]!)),
      'phones in E.164 as they are: a phone number runs nothing in a spreadsheet',
    );
    assert.ok(
      lines.every((l) => Object.values(l).every((v) => !isDangerousCell(v))),
      'no cell with a piece a spreadsheet would run',
    );
    assert.match(exp.stderr, /exported 300 contacts/);
    const raw = parse((await kith(one, ['export', 'contacts', '--raw'])).stdout, { columns: true, bom: true }) as Record<string, string>[];
    assert.ok(
      raw.some((l) => (l.phones ?? '').startsWith('+84')),
      '--raw: as stored',
    );
    const all = await kith(one, ['export', 'workspace']);
    assert.equal(all.code, 0, all.stderr);
    const records = all.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    assert.equal(records.filter((r) => r.type === 'contact').length, 300);
    assert.equal(records.filter((r) => r.type === 'order').length, out.orders);
    assert.match(all.stderr, /300 contact/);
    // The demo's orders, one row per line item, filtered as the API filters; its deals and companies.
    const orderLines = await kith(one, ['export', 'orders', '--lines', '--filter', 'status:in:paid,delivered']);
    assert.equal(orderLines.code, 0, orderLines.stderr);
    const ol = parse(orderLines.stdout, { columns: true, bom: true }) as Record<string, string>[];
    assert.ok(ol.length > out.orders / 2, `${ol.length} lines`);
    assert.ok(
      ol.every((l) => (['paid', 'delivered'] as const).map((x) => enumLabel('orderStatus', x, 'vi')).includes(l.status!)),
      'only paid and delivered orders (named in the workspace’s language)',
    );
    assert.ok(
      ol.every((l) => Number(l['line total']) === Math.max(0, Number(l.quantity) * Number(l['unit price']) - Number(l.discount))),
      'each line’s total from its quantity, price and discount',
    );
    assert.match(orderLines.stderr, /exported [\d,]+ order lines/);
    const deals = parse((await kith(one, ['export', 'deals', '--filter', 'status:open'])).stdout, { columns: true, bom: true }) as Record<string, string>[];
    assert.ok(
      deals.length > 0 && deals.length <= out.deals && deals.every((d) => d.status === enumLabel('stageKind', 'open', 'vi')),
      JSON.stringify(deals.slice(0, 2)),
    );
    const badFilter = await kith(one, ['export', 'orders', '--filter', 'nope:eq:1']);
    assert.equal(badFilter.code, 1);
    assert.match(badFilter.stderr, /filter\[nope\]\[eq\]/);
    // RFM of the demo's customers straight from the database: quintiles of sizes differing by one at most.
    const rfm = await kith(one, ['analytics', 'rfm', '--as-of', '2026-11-01', '--json']);
    assert.equal(rfm.code, 0, rfm.stderr);
    const scored = JSON.parse(rfm.stdout) as { customerId: string; r: number; f: number; m: number; segment: string }[];
    assert.ok(scored.length > 100 && scored.length <= 300, String(scored.length));
    for (const k of ['r', 'f', 'm'] as const) {
      const sizes = [1, 2, 3, 4, 5].map((q) => scored.filter((x) => x[k] === q).length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${k}: ${sizes}`);
    }
    // The stored scores: every buyer's RFM and lifetime value from the demo's three years of orders.
    const refreshed = json(await kith(one, ['analytics', 'refresh', '--as-of', '2026-11-01', '--json']));
    assert.equal(refreshed.customers, scored.length);
    assert.ok(refreshed.models && refreshed.models.bgnbd.r > 0 && refreshed.models.gammaGamma.p > 0, JSON.stringify(refreshed));
    // The scores filter the contacts export: the most valuable fifth of the valued customers.
    const mvc = await kith(one, ['export', 'contacts', '--filter', 'valueTier:eq:most_valuable']);
    assert.equal(mvc.code, 0, mvc.stderr);
    const mvcRows = parse(mvc.stdout, { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(mvcRows.length, Math.ceil(scored.length * 0.2), `${mvcRows.length} of ${scored.length}`);
    assert.deepEqual(JSON.parse((await kith(one, ['segments', 'list', '--json'])).stdout), []);
    const noSegment = await kith(one, ['export', 'contacts', '--segment', '00000000-0000-7000-8000-000000000000']);
    assert.equal(noSegment.code, 1);
    assert.match(noSegment.stderr, /Segment/);
    const bad = await kith(one, ['export', 'contacts', '--format', 'pdf']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--format must be csv or xlsx/);
  });

  test('import contacts: Vietnamese headers, a precise report, a dry run that writes nothing, a re-run that adds nothing, list and undo', async () => {
    const dir = dataDir();
    json(
      await kith(dir, ['setup', '--workspace', 'Tiệm Sen', '--name', 'Chủ', '--email', 'chu@sen.vn', '--password-stdin', '--json'], {
        stdin: 'một mật khẩu đủ dài 2026\n',
      }),
    );
    const file = join(dir, 'khach.csv');
    // UTF-8 with a BOM, semicolons, quoted fields, Vietnamese headers — as Excel saves it.
    const rows = [
      'Họ và tên;SĐT;Email;Ngày sinh;Giới tính;Tỉnh/Thành;Ghi chú',
      'Nguyễn Thị Hồng;0912 345 678;hong@example.vn;25/01/1990;Nữ;Hà Nội;"Khách quen; thích trà"',
      'Trần Văn Ba;0123;;;;;',
      'Lê Minh Khôi;0987 654 321;;31/02/1990;Nam;;',
      'Phạm Thu;;thu@example.vn;;Khác;Thừa Thiên Huế;',
      'Nguyễn Thị Hồng;0912 000 111;HONG@example.vn;;;;',
    ];
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join('\r\n'), 'utf8')]));
    const contacts = () => {
      const db = new BetterSqlite3(join(dir, 'kith.db'), { readonly: true });
      try {
        return db.prepare('select name, phones, province, gender, birthday from contacts where deleted_at is null order by name').all() as {
          name: string;
          phones: string;
          province: string | null;
          gender: string | null;
          birthday: string | null;
        }[];
      } finally {
        db.close();
      }
    };
    const dry = json(await kith(dir, ['import', 'contacts', file, '--dry-run', '--json']));
    const phoneMessage = String(dry.errors[0]?.message);
    assert.match(phoneMessage, /phone/i);
    assert.deepEqual(dry, {
      created: 2,
      updated: 0,
      failed: 2,
      skipped: 1,
      id: null,
      errors: [
        { row: 3, column: 'SĐT', value: '0123', message: phoneMessage },
        { row: 4, column: 'Ngày sinh', value: '31/02/1990', message: 'Not a date: 31/02/1990 (write it as dd/mm/yyyy)' },
      ],
      preset: null,
      unconfirmed: [],
      fieldsChanged: {},
      dateOrder: 'dmy',
    });
    assert.deepEqual(contacts(), [], 'a dry run writes nothing');

    const ran = await kith(dir, ['import', 'contacts', file, '--json']);
    const run = json(ran);
    assert.deepEqual([run.created, run.failed, run.skipped], [2, 2, 1]);
    assert.match(ran.stderr, /utf-8, ";"-separated; columns: Họ và tên→name, SĐT→phones/);
    const made = contacts();
    assert.deepEqual(
      made.map((c) => c.name),
      ['Nguyễn Thị Hồng', 'Phạm Thu'],
    );
    assert.deepEqual(
      [made[0]!.phones, made[0]!.gender, made[0]!.birthday, made[0]!.province],
      ['["+84912345678","+84912000111"]', 'female', '1990-01-25', 'ha-noi'],
      'the two rows of one person are one contact',
    );
    assert.equal(made[1]!.province, 'hue', 'an old province name maps to the merged one');

    const again = json(await kith(dir, ['import', 'contacts', file, '--json']));
    assert.deepEqual([again.created, again.updated, again.skipped], [0, 0, 3], 'the same file again changes nothing');

    const list = json(await kith(dir, ['import', 'list', '--json']));
    assert.deepEqual(
      list.map((i: { status: string; created: number }) => [i.status, i.created]),
      [
        ['done', 0],
        ['done', 2],
      ],
    );
    const errorsCsv = await kith(dir, ['import', 'errors', run.id]);
    assert.match(errorsCsv.stdout, /^\ufeffrow,column,value,reason\n3,SĐT,0123,/);
    // Two rows of one person under two phones: found by the duplicate detection, merged and unmerged.
    const twins = join(dir, 'twins.csv');
    writeFileSync(twins, 'Họ và tên,SĐT,Ngày sinh\nNguyễn Thị Hồng,0912 000 222,25/01/1990\n');
    json(await kith(dir, ['import', 'contacts', twins, '--json']));
    const detect = json(await kith(dir, ['duplicates', 'detect', '--json']));
    assert.equal(detect.candidates, 1);
    const [pair] = json(await kith(dir, ['duplicates', 'list', '--json']));
    assert.deepEqual(pair.reasons, ['same_name', 'same_birthday']);
    const hongs = () => contacts().filter((c) => c.name === 'Nguyễn Thị Hồng');
    const merged = json(await kith(dir, ['duplicates', 'merge', pair.a.id, pair.b.id, '--json']));
    assert.equal(hongs().length, 1);
    assert.equal(JSON.parse(hongs()[0]!.phones).length, 3, 'the phones of both');
    json(await kith(dir, ['duplicates', 'undo', merged.id, '--json']));
    assert.equal(hongs().length, 2);

    const undone = json(await kith(dir, ['import', 'undo', run.id, '--json']));
    assert.deepEqual([undone.removed, undone.restored], [2, 0]);
    assert.deepEqual(
      contacts().map((c) => c.name),
      ['Nguyễn Thị Hồng'],
      'the contact of the later import stays',
    );

    const unterminated = join(dir, 'hong.csv');
    writeFileSync(unterminated, 'Họ và tên,SĐT\n"Nguyễn Văn An,0912345678\n');
    const bad = await kith(dir, ['import', 'contacts', unterminated, '--json']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /never closed.*nothing was imported/);
  });

  test('an import killed with SIGKILL midway: each batch all or nothing, the database intact, and --resume finishes it', async () => {
    const dir = dataDir();
    json(
      await kith(dir, ['setup', '--workspace', 'Kho', '--name', 'Chủ', '--email', 'chu@kho.vn', '--password-stdin', '--json'], {
        stdin: 'một mật khẩu đủ dài 2026\n',
      }),
    );
    const file = join(dir, 'lon.csv');
    const lines = ['Họ và tên,Ghi chú'];
    for (let i = 0; i < 60_000; i++) lines.push(`Khách ${i},ghi chú ${i}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const dbFile = join(dir, 'kith.db');
    const read = <T>(q: string): T => {
      const db = new BetterSqlite3(dbFile, { readonly: true, timeout: 5000 });
      try {
        return db.prepare(q).get() as T;
      } finally {
        db.close();
      }
    };
    const child = spawn(process.execPath, [BIN, 'import', 'contacts', file, '--json'], {
      env: { ...process.env, KITH_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: '' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)));
    // Kill it once a few batches have committed, in the middle of the work.
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const exists = existsSync(dbFile) && read<{ n: number } | undefined>("select count(*) as n from sqlite_master where name = 'imports'");
      if (exists && (read<{ n: number | null }>('select max(rows_done) as n from imports').n ?? 0) > 3 * BATCH_ROWS) break;
    }
    child.kill('SIGKILL');
    assert.equal(await exited, -9, 'killed before it finished');
    assert.equal(read<{ integrity_check: string }>('pragma integrity_check').integrity_check, 'ok');
    const rec = read<{ rows_done: number; status: string; created: number }>('select rows_done, status, created from imports');
    const count = read<{ n: number }>('select count(*) as n from contacts').n;
    assert.equal(rec.status, 'running');
    assert.ok(rec.rows_done < 60_001, 'stopped midway');
    assert.equal(count, rec.rows_done - 1, 'every committed batch whole, nothing of the batch being written');
    // SQLite's batches are sized by time (issue 16), so not a multiple of one size: each committed batch's
    // bookkeeping lists exactly the contacts it wrote.
    const listed = read<{ n: number }>(
      "select coalesce(sum(json_array_length(after)), 0) as n from import_items where action = 'created' and entity_type = 'contact'",
    ).n;
    assert.equal(listed, count);
    assert.equal(rec.created, count);

    // The killed process is gone, so the same command resumes it at once, without --resume (it answered
    // "being imported right now" for a minute before — issue 16).
    const resumed = await kith(dir, ['import', 'contacts', file, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`resumed after row ${count}`));
    assert.equal(json(resumed).created, 60_000);
    assert.equal(read<{ n: number }>('select count(*) as n from contacts').n, 60_000, 'nothing twice, nothing lost');
    assert.equal(read<{ n: number }>('select count(distinct name) as n from contacts').n, 60_000);
    assert.equal(read<{ integrity_check: string }>('pragma integrity_check').integrity_check, 'ok');
  });

  test('a bad configuration is one line on stderr naming the variable, exit code 2', async () => {
    const d = dataDir();
    for (const [env, name] of [
      [{ PORT: 'abc' }, 'PORT'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ] as const) {
      const r = await kith(d, ['start'], { env });
      assert.equal(r.code, 2, JSON.stringify(env));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`^kith: invalid configuration: ${name}`));
    }
    const flag = await kith(d, ['start', '--port', '99999']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /PORT/);
  });

  test('a data directory that cannot be written is a clear error', async () => {
    const d = dataDir();
    const file = join(d, 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await kith(join(file, 'data'), ['migrate', 'status']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /KITH_DATA_DIR/);
  });
});
