import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { buildApp } from '../../app.ts';
import { deviceCookieFor } from '../../platform/auth/auth.service.ts';
import { loadConfig } from '../../config.ts';
import { createCore, type Core } from '../../core.ts';
import { MODULES } from '../../modules.ts';
import { createLogger } from '../../logger.ts';
import { unsubscribeUrl } from '../../platform/mail/workspace-mail.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, PASSWORD, type TestUser } from '../../../test/factories.ts';
import { onPostgres } from '../../../test/test-db.ts';
import { backup } from './backup.service.ts';
import { restore } from './restore.service.ts';

/**
 * The backup → restore drill (issue 16), on SQLite and, when KITH_TEST_DATABASE_URL is set, PostgreSQL: a workspace
 * with SMTP settings (stored encrypted under the server's secret), a contact with an unsubscribe link (signed with
 * it), a signed-in session with its device cookie (signed with it) and an API token; backed up; restored into a
 * fresh data directory and database; a server started on the restored data must honour every one of them.
 */

const dirs: string[] = [];
const databases: string[] = [];
const tmp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

/** A fresh, empty PostgreSQL database (PostgreSQL tier), dropped after the file; undefined on SQLite. */
async function freshDatabase(): Promise<string | undefined> {
  const base = process.env.KITH_TEST_DATABASE_URL;
  if (!base) return undefined;
  const name = `kith_t_${process.pid}_r${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  databases.push(name);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The restored server: a core and the app over the data directory and database given, as `kith start` would open them. */
async function open(
  dataDir: string,
  databaseUrl: string | undefined,
  env: NodeJS.ProcessEnv = {},
): Promise<{ core: Core; app: Awaited<ReturnType<typeof buildApp>>; close(): Promise<void> }> {
  const core = await createCore(loadConfig(env, { dataDir, databaseUrl, logLevel: 'silent' }), {
    modules: MODULES,
    log: createLogger(process.env.KITH_TEST_LOG_LEVEL ?? 'silent'),
  });
  const app = await buildApp(core, { webDir: null });
  await app.ready();
  return {
    core,
    app,
    async close() {
      await app.close();
      await core.close();
    },
  };
}

const mode = (f: string) => statSync(f).mode & 0o777;
const cookieOf = (setCookie: string | string[] | undefined, name: string): string => {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = list.find((x) => x.startsWith(`${name}=`));
  assert.ok(c, `a ${name} cookie is set`);
  return decodeURIComponent(c.slice(name.length + 1).split(';')[0]!);
};

let src: TestApp;
let owner: TestUser;
let contactId: string;
let unsubscribePath: string;
let session: string;
let device: string;
/** The backup every test restores (made once). */
let file: string;

before(async () => {
  // The secret from the data directory's secret.key, as a server without KITH_SECRET has it.
  src = await createTestApp({ config: { secret: '' } });
  assert.ok(existsSync(join(src.core.config.dataDir, 'secret.key')));
  ({ owner } = await makeWorkspace(src.core));
  const api = client(src.app, owner.token);
  const put = await api.put('/api/v1/mail/settings', {
    host: 'smtp.gomxua.vn',
    port: 587,
    secure: false,
    user: 'cskh',
    password: 'mật-khẩu-smtp-rất-bí-mật',
    from: 'cskh@gomxua.vn',
    fromName: 'Gốm Xưa',
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.configured, true);
  const c = await api.post('/api/v1/contacts', {
    name: 'Chị Hằng',
    emails: ['hang@example.vn'],
    consents: { email: { status: 'granted', source: 'cửa hàng' } },
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  contactId = c.body.id;
  unsubscribePath = new URL(unsubscribeUrl(src.core, contactId)).pathname;
  assert.equal((await src.app.inject({ method: 'GET', url: unsubscribePath })).statusCode, 200);
  const login = await src.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email: owner.email, password: PASSWORD }),
  });
  assert.equal(login.statusCode, 200, login.body);
  session = cookieOf(login.headers['set-cookie'], 'kith_session');
  device = cookieOf(login.headers['set-cookie'], 'kith_device');

  const out = tmp('kith-backup-');
  file = join(out, 'kith-backup.tar');
  const r = await backup(src.core, file);
  assert.equal(r.file, file);
  assert.equal(r.secretIncluded, true);
});

after(async () => {
  await src?.close();
  if (databases.length) {
    const admin = new pg.Client({ connectionString: process.env.KITH_TEST_DATABASE_URL });
    await admin.connect();
    for (const d of databases) await admin.query(`drop database if exists "${d}" with (force)`);
    await admin.end();
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('backup and restore', () => {
  test('the backup is one file, readable by its owner only, and leaves nothing else behind (no .partial, -wal or -shm files)', async () => {
    assert.equal(mode(file), 0o600);
    const dir = join(file, '..');
    assert.deepEqual(readdirSync(dir), ['kith-backup.tar']);
    // A second backup into the same folder: still only what was asked for.
    const second = join(dir, 'second.tar');
    await backup(src.core, second);
    assert.deepEqual(readdirSync(dir).sort(), ['kith-backup.tar', 'second.tar']);
    assert.equal(mode(second), 0o600);
    await assert.rejects(backup(src.core, second), /exists/);
    assert.deepEqual(readdirSync(dir).sort(), ['kith-backup.tar', 'second.tar'], 'a refused backup leaves nothing either');
  });

  test('drill: restored into a fresh data directory and database, mail settings, unsubscribe links, sessions, device cookies and tokens all work', async () => {
    const dataDir = tmp('kith-restored-');
    const databaseUrl = await freshDatabase();
    const r = await restore(file, {}, { dataDir, databaseUrl });
    assert.equal(r.database, onPostgres() ? 'postgres' : 'sqlite');
    assert.equal(r.secret, 'written');
    assert.deepEqual(r.replaced, []);
    assert.equal(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim(), src.core.config.secret, 'the backup’s secret is back');
    assert.equal(mode(join(dataDir, 'secret.key')), 0o600);
    if (!onPostgres()) {
      assert.equal(mode(join(dataDir, 'kith.db')), 0o600);
      assert.deepEqual(readdirSync(dataDir).sort(), ['kith.db', 'secret.key'], 'no partial or side files');
    } else assert.deepEqual(readdirSync(dataDir), ['secret.key']);

    const s = await open(dataDir, databaseUrl);
    try {
      const api = client(s.app, owner.token);
      const mail = await api.get('/api/v1/mail/settings');
      assert.equal(mail.status, 200, 'the API token still authenticates');
      assert.deepEqual(
        {
          configured: mail.body.configured,
          host: mail.body.host,
          port: mail.body.port,
          user: mail.body.user,
          hasPassword: mail.body.hasPassword,
          from: mail.body.from,
          fromName: mail.body.fromName,
        },
        { configured: true, host: 'smtp.gomxua.vn', port: 587, user: 'cskh', hasPassword: true, from: 'cskh@gomxua.vn', fromName: 'Gốm Xưa' },
        'the SMTP settings (password included) decrypt under the restored secret',
      );
      const page = await s.app.inject({ method: 'GET', url: unsubscribePath });
      assert.equal(page.statusCode, 200, 'the unsubscribe link made before the backup still works');
      assert.equal(new URL(unsubscribeUrl(s.core, contactId)).pathname, unsubscribePath);
      const me = await s.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { kith_session: session } });
      assert.equal(me.statusCode, 200, 'the session cookie still signs in');
      assert.equal(JSON.parse(me.body).email, owner.email);
      assert.equal(deviceCookieFor(s.core, owner.userId), device, 'the remembered device is still recognised');
      const contact = await api.get(`/api/v1/contacts/${contactId}`);
      assert.equal(contact.body.name, 'Chị Hằng');
    } finally {
      await s.close();
    }
  });

  test('KITH_SECRET set to another secret: refused, saying what would break; nothing is written', async () => {
    const dataDir = tmp('kith-restored-');
    const databaseUrl = await freshDatabase();
    await assert.rejects(
      restore(file, { KITH_SECRET: 'another-secret-another-secret-another-1' }, { dataDir, databaseUrl }),
      (e: Error) => /KITH_SECRET/.test(e.message) && /SMTP/.test(e.message) && /unsubscribe/.test(e.message),
    );
    assert.deepEqual(readdirSync(dataDir), []);
    if (databaseUrl) {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      assert.equal((await c.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`)).rows[0].n, 0);
      await c.end();
    }
    // The same secret in KITH_SECRET: restored, and secret.key is not needed.
    const r = await restore(file, { KITH_SECRET: src.core.config.secret }, { dataDir, databaseUrl });
    assert.equal(r.secret, 'KITH_SECRET');
    assert.equal(existsSync(join(dataDir, 'secret.key')), false);
  });

  test('an existing database is replaced only with force, never while a server has it open; a different secret.key likewise', async () => {
    const dataDir = tmp('kith-restored-');
    const databaseUrl = await freshDatabase();
    // A server that ran there: its own database and its own secret.
    const other = await open(dataDir, databaseUrl);
    const otherSecret = other.core.config.secret;
    assert.notEqual(otherSecret, src.core.config.secret);
    await makeWorkspace(other.core, { name: 'Cửa hàng khác' });
    await assert.rejects(restore(file, {}, { dataDir, databaseUrl }), /pass --force/);
    await assert.rejects(restore(file, {}, { dataDir, databaseUrl }, { force: true }), /in use/, 'the server still has it open');
    await other.close();
    assert.equal(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim(), otherSecret, 'nothing changed');

    const r = await restore(file, {}, { dataDir, databaseUrl }, { force: true });
    assert.equal(r.secret, 'written');
    const files = readdirSync(dataDir).sort();
    if (!onPostgres()) {
      assert.equal(files.length, 4, files.join(' '));
      assert.ok(files.some((f) => f.startsWith('kith.db.replaced-')));
    }
    assert.ok(
      files.some((f) => f.startsWith('secret.key.replaced-')),
      'the replaced secret is kept',
    );
    const s = await open(dataDir, databaseUrl);
    try {
      const names = (await s.core.db.selectFrom('workspaces').select('name').execute()).map((w) => w.name);
      assert.equal(names.includes('Cửa hàng khác'), false, 'what was there before is gone');
      assert.equal((await client(s.app, owner.token).get('/api/v1/mail/settings')).body.configured, true);
    } finally {
      await s.close();
    }
  });

  test('a damaged backup is refused before anything changes, and leaves no partial file', async () => {
    const dataDir = tmp('kith-restored-');
    const databaseUrl = await freshDatabase();
    const bad = join(tmp('kith-bad-'), 'bad.tar');
    const bytes = readFileSync(file);
    writeFileSync(bad, bytes, { mode: 0o600 });
    // A byte in the middle of the database entry (after the 512-byte header and the secret's block, plus the next header).
    const fd = openSync(bad, 'r+');
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, 4096);
    one[0] = one[0]! ^ 0xff;
    writeSync(fd, one, 0, 1, 4096);
    closeSync(fd);
    await assert.rejects(restore(bad, {}, { dataDir, databaseUrl }), /damaged|checksum/);
    assert.deepEqual(readdirSync(dataDir), [], 'no database, no secret, no partial file');
    // Cut short.
    writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await assert.rejects(restore(bad, {}, { dataDir, databaseUrl }), /not a Kith backup|damaged|truncated/);
    assert.deepEqual(readdirSync(dataDir), []);
    // Not an archive at all.
    writeFileSync(bad, 'hello');
    await assert.rejects(restore(bad, {}, { dataDir, databaseUrl }), /not a Kith backup/);
  });

  test('a backup from before backups carried the secret (a bare database file) is refused, loudly', async () => {
    const dataDir = tmp('kith-restored-');
    const old = join(tmp('kith-old-'), 'old.db');
    writeFileSync(old, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]));
    await assert.rejects(restore(old, {}, { dataDir }), (e: Error) => /before Kith kept the server's secret/.test(e.message) && /SMTP/.test(e.message));
    assert.deepEqual(readdirSync(dataDir), []);
  });

  test('a backup restores only into the kind of database it was made from', async () => {
    const dataDir = tmp('kith-restored-');
    const base = process.env.KITH_TEST_DATABASE_URL;
    // SQLite tier: a PostgreSQL URL configured (nothing is reached: the kind is compared first); PostgreSQL tier: none.
    const databaseUrl = onPostgres() ? undefined : base || 'postgres://nobody@127.0.0.1:1/none';
    await assert.rejects(restore(file, {}, { dataDir, databaseUrl }), /same kind/);
    assert.deepEqual(readdirSync(dataDir), []);
  });
});
