/**
 * Stored data printed by `kith` never drives the terminal: a ticket subject, a customer's or a workspace's
 * name holding ESC sequences (clear the screen, set the window title), BEL, C1 controls (U+009B is CSI on
 * its own) or bidi overrides reaches stdout and stderr as visible escapes (`\x1b`, `\u202e`), in tables,
 * in error messages and in the import report; `--json` stays JSON with the same values.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '@kith/server/config.ts';
import { createCore } from '@kith/server/core.ts';
import { MODULES } from '@kith/server/modules.ts';
import { createLogger } from '@kith/server/logger.ts';
import { onPostgres } from '@kith/server/test/test-db.ts';
import { createContacts } from '@kith/server/features/contacts/contact.service.ts';
import { createTicket } from '@kith/server/features/tickets/ticket-create.service.ts';
import { createSurvey } from '@kith/server/features/surveys/survey.service.ts';
import { ownerActor } from './commands/admin.ts';
import { terminalSafe } from './output.ts';
import { runKith, BIN } from '../test/run-kith.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-tty-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const kith = (args: string[], stdin = '') => runKith(dir, args, { stdin });

/** The command in a pseudo-terminal (util-linux `script`), as a person at a terminal runs it. */
function inTerminal(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((ok) => {
    const p = spawn('/usr/bin/script', ['-qec', cmd, '/dev/null'], {
      env: { ...process.env, KITH_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stdin.end();
    p.on('close', (code) => ok({ code, stdout }));
  });
}

/** Everything a terminal acts on, or that reorders or hides text: C0 but LF, DEL, C1, bidi controls, line/paragraph separators. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const assertClean = (s: string, what: string) => {
  const m = CONTROL.exec(s);
  assert.equal(
    m,
    null,
    `${what}: a raw U+${m?.[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${m?.index} in ${JSON.stringify(s.slice(Math.max(0, (m?.index ?? 0) - 20), (m?.index ?? 0) + 20))}`,
  );
};

const SUBJECT = 'Đơn \u001b[2J\u001b]0;owned\u0007 giao chậm \u009b31m đỏ \u202egnp.exe\u202c';
const NAME = 'Chị \u001b[1;31mXuân\u001b[0m\u0008\u0008\u0008 \u0085 \u2028';
const WORKSPACE = 'Trà \u001b]0;kith\u0007 Thái \u009d8;;http://evil.example\u009c';

describe('kith prints stored data without control characters', { skip: onPostgres() ? 'the CLI tests use SQLite only' : false }, () => {
  test('the escaping itself: controls and bidi as visible escapes, text and line breaks kept', () => {
    assert.equal(terminalSafe('a\u001b[2Jb\u0007c\u009bd\u202ee\n f\tg\r'), 'a\\x1b[2Jb\\x07c\\x9bd\\u202ee\n f\\x09g\\x0d');
    assert.equal(terminalSafe('Nguyễn Thị Hồng — 100.000 ₫ 👩‍👩‍👧'), 'Nguyễn Thị Hồng — 100.000 ₫ 👩‍👩‍👧');
  });

  test('tables, lists, the import report and error messages show escapes; --json keeps the values', async () => {
    assert.equal(
      (await kith(['setup', '--workspace', 'Trà', '--name', 'Chủ', '--email', 'chu@tra.vn', '--password-stdin', '--json'], 'một mật khẩu đủ dài 2026\n')).code,
      0,
    );
    const core = await createCore(loadConfig({}, { dataDir: dir, logLevel: 'silent' }), { modules: MODULES, log: createLogger('silent') });
    try {
      const ws = (await core.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
      const actor = await ownerActor(core, ws);
      const [c] = await createContacts(core, actor, [{ name: 'Chị Xuân', emails: ['xuan@example.vn'] } as never], { bulk: false });
      const t = await createTicket(core, actor, { contactId: c!.id, subject: 'Trà bị ẩm', priority: 'high', channel: 'phone', category: 'complaint' });
      await createSurvey(core, actor, {
        name: 'Sau mua',
        questions: [{ type: 'nps', text: { vi: 'NPS', en: 'NPS' } }],
        trigger: { kind: 'manual' },
        followUp: { enabled: false, npsMax: 6, csatMax: 2, priority: 'normal' },
        expiresDays: 30,
        status: 'active',
      });
      // As data stored before any input check, or brought in by an import or another program.
      await core.db.updateTable('tickets').set({ subject: SUBJECT }).where('id', '=', t.id).execute();
      await core.db.updateTable('contacts').set({ name: NAME }).where('id', '=', c!.id).execute();
      await core.db.updateTable('surveys').set({ name: SUBJECT }).execute();
      await core.db.updateTable('workspaces').set({ name: WORKSPACE }).execute();
    } finally {
      await core.close();
    }

    const table = await kith(['tickets', 'list']);
    assert.equal(table.code, 0, table.stderr);
    assertClean(table.stdout, 'tickets list');
    assert.ok(table.stdout.includes('Đơn \\x1b[2J\\x1b]0;owned\\x07 giao chậm \\x9b31m đỏ \\u202egnp.exe\\u202c'), table.stdout);
    assert.ok(table.stdout.includes('Chị \\x1b[1;31mXuân\\x1b[0m\\x08\\x08\\x08 \\x85 \\u2028'), table.stdout);
    const asJson = await kith(['tickets', 'list', '--json']);
    assertClean(asJson.stdout, 'tickets list --json');
    const parsed = JSON.parse(asJson.stdout);
    assert.equal(parsed.data[0].subject, SUBJECT, 'the JSON holds the value exactly');
    assert.equal(parsed.data[0].contactName, NAME);

    for (const args of [
      ['surveys', 'list'],
      ['surveys', 'list', '--json'],
      ['workspace', 'list'],
      ['workspace', 'list', '--json'],
    ]) {
      const r = await kith(args);
      assert.equal(r.code, 0, r.stderr);
      assertClean(r.stdout, args.join(' '));
      assertClean(r.stderr, args.join(' '));
    }
    assert.ok((await kith(['workspace', 'list'])).stdout.includes('Trà \\x1b]0;kith\\x07 Thái \\x9d8;;http://evil.example\\x9c'));

    // A file's headers and values come back in the import report (stderr and stdout) and the error list.
    const file = join(dir, 'khach.csv');
    writeFileSync(file, `Họ và tên,SĐT \u001b[2J,Ngày sinh\nAn,0912 345 678,\u001b]0;x\u0007 \u009b2J\nBình,0912 345 679,01/01/1990\n`);
    const imp = await kith(['import', 'contacts', file]);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /1 created.*1 failed/s);
    assertClean(imp.stdout, 'import report');
    assertClean(imp.stderr, 'import mapping line');
    assert.ok(imp.stderr.includes('SĐT \\x1b[2J'), imp.stderr);
    const impJson = await kith(['import', 'contacts', file, '--json', '--dry-run']);
    assertClean(impJson.stdout, 'import --json');
    assert.equal(JSON.parse(impJson.stdout).errors[0].value, '\u001b]0;x\u0007 \u009b2J');
    const list = await kith(['import', 'list']);
    assertClean(list.stdout, 'import list');

    // Files printed to stdout: exactly the data when piped; escaped when a person reads them in a terminal.
    const piped = await kith(['export', 'contacts']);
    assert.ok(piped.stdout.includes(NAME), 'piped: the data as it is');
    const importId = JSON.parse((await kith(['import', 'list', '--json'])).stdout)[0].id as string;
    if (existsSync('/usr/bin/script')) {
      for (const args of [
        ['export', 'contacts'],
        ['export', 'workspace'],
        ['import', 'errors', importId],
      ]) {
        const tty = await inTerminal(args);
        assert.equal(tty.code, 0, tty.stdout);
        // (The terminal turns each line feed into CR LF.)
        assertClean(tty.stdout.replace(/\r\n/g, '\n'), `${args.join(' ')} in a terminal`);
      }
      assert.ok((await inTerminal(['export', 'contacts'])).stdout.includes('Chị \\x1b[1;31mXuân'));
    }

    // An error message naming a stored value (the workspace, when there is more than one) or an argument.
    const bad = await kith(['tickets', 'sla-report', '--from', 'x\u001b[2J\u009b']);
    assert.equal(bad.code, 1);
    assertClean(bad.stderr, 'error message');
    assert.ok(bad.stderr.includes('x\\x1b[2J\\x9b'), bad.stderr);
  });
});
