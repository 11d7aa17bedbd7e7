import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../config.ts';
import { buildApp } from '../../app.ts';
import { createCore } from '../../core.ts';
import { MODULES } from '../../modules.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { browser } from '../../../test/browser-session.ts';
import { makeWorkspace, PASSWORD, type TestUser } from '../../../test/factories.ts';
import { onPostgres } from '../../../test/test-db.ts';

const ROOT = join(import.meta.dirname, '../../../../..');

describe('configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-cfg-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a bad value fails with one line naming the variable', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /^PORT must be a number/],
      [{ PORT: '70000' }, /^PORT must be between 0 and 65535/],
      [{ DATABASE_URL: 'mysql://root@localhost/kith' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
      [{ KITH_PUBLIC_URL: 'not a url' }, /^KITH_PUBLIC_URL must be/],
      [{ SMTP_URL: 'http://mail' }, /^SMTP_URL must be an smtp/],
      [{ KITH_SECRET: 'short' }, /^KITH_SECRET must be at least 32 characters$/],
    ];
    for (const [env, re] of cases) {
      assert.throws(
        () => loadConfig({ KITH_DATA_DIR: dir, ...env }),
        (e: unknown) => e instanceof ConfigError && re.test(e.message) && !e.message.includes('\n'),
        JSON.stringify(env),
      );
    }
    assert.throws(
      () => loadConfig({ KITH_DATA_DIR: dir, DATABASE_URL: 'postgres://u:hunter2@db/kith', PORT: 'x' }),
      (e: unknown) => !(e as Error).message.includes('hunter2'),
    );
  });

  test('flags win over the environment; defaults are 127.0.0.1:3000, SQLite under the data directory', () => {
    const c = loadConfig({ KITH_DATA_DIR: dir, PORT: '4000' }, { port: '5000' });
    assert.equal(c.port, 5000);
    assert.equal(c.host, '127.0.0.1');
    assert.deepEqual(c.database, { kind: 'sqlite', file: join(dir, 'kith.db') });
    const pg = loadConfig({ KITH_DATA_DIR: dir, DATABASE_URL: 'postgres://postgres@127.0.0.1/kith' });
    assert.equal(pg.database.kind, 'postgres');
    assert.ok(Object.isFrozen(c));
  });

  test('the server secret is generated once, kept with mode 0600, and reused', () => {
    const d = mkdtempSync(join(tmpdir(), 'kith-secret-'));
    try {
      const a = loadConfig({ KITH_DATA_DIR: d });
      const file = join(d, 'secret.key');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.ok(a.secret.length >= 32);
      assert.equal(readFileSync(file, 'utf8').trim(), a.secret);
      assert.equal(loadConfig({ KITH_DATA_DIR: d }).secret, a.secret);
      assert.equal(loadConfig({ KITH_DATA_DIR: d, KITH_SECRET: 'x'.repeat(40) }).secret, 'x'.repeat(40));
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('HTTP edge', () => {
  let t: TestApp;
  let owner: TestUser;
  const lines: string[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    t = await createTestApp({ log: pino({ level: 'info' }, sink) });
    ({ owner } = await makeWorkspace(t.core));
  });
  after(() => t.close());

  test('bodies over the limit are a 413 problem and write nothing', async () => {
    const r = await client(t.app, owner.token).post('/api/v1/contacts', { name: 'x', notes: 'a'.repeat(1_100_000) });
    assert.equal(r.status, 413);
    assert.match(String(r.headers['content-type']), /problem\+json/);
    const n = await t.core.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  });

  test('every response carries a request id; a sane incoming one is kept', async () => {
    const a = await client(t.app).get('/healthz');
    assert.match(String(a.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const b = await client(t.app).get('/healthz', { 'x-request-id': 'trace-abc-123' });
    assert.equal(b.headers['x-request-id'], 'trace-abc-123');
    const c = await client(t.app).get('/healthz', { 'x-request-id': 'bad id with spaces\n' });
    assert.notEqual(c.headers['x-request-id'], 'bad id with spaces\n');
  });

  test('logs are JSON lines with the route pattern, never personal data, passwords or tokens', async () => {
    const api = client(t.app, owner.token);
    await api.post('/api/v1/contacts', { name: 'Nguyễn Bí Mật', emails: ['bimat@example.com'], phones: ['0912 999 888'] });
    await api.get(`/api/v1/contacts?q=${encodeURIComponent('Nguyễn Bí Mật')}`);
    await browser(t.app).login(owner.email, PASSWORD);
    await browser(t.app).login(owner.email, 'wrong password for the log test');
    await new Promise((r) => setTimeout(r, 50));
    const text = lines.join('');
    assert.ok(lines.length >= 4);
    for (const l of lines) JSON.parse(l);
    assert.ok(text.includes('"route":"/api/v1/contacts"'));
    // Timings, clocks and random ids can spell any digits ("responseTime":3.0912…); the secrets are looked for in the rest.
    const scrubbed = text.replace(/"(time|responseTime|pid)":[0-9.]+/g, '').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '');
    assert.ok(scrubbed.length > text.length / 3, 'the scrub leaves the log text to search');
    for (const secret of ['Bí Mật', 'bimat', 'B%C3%AD', '0912', '84912999888', PASSWORD, 'wrong password', owner.token, owner.email]) {
      assert.ok(!scrubbed.includes(secret), `logs must not contain ${secret}`);
    }
  });

  test('security headers on every response', async () => {
    const r = await client(t.app).get('/healthz');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
  });

  test('readyz answers 503 when the database does not', async () => {
    const t2 = await createTestApp();
    assert.equal((await client(t2.app).get('/readyz')).status, 200);
    await t2.core.dbHandle.close();
    const r = await client(t2.app).get('/readyz');
    assert.equal(r.status, 503);
    assert.equal((await client(t2.app).get('/healthz')).status, 200);
    await t2.app.close();
    await t2.core.cleanup().catch(() => {});
  });
});

describe('graceful shutdown', { skip: onPostgres() ? 'runs the SQLite server process only' : false }, () => {
  test('SIGTERM: the request in flight completes, new connections are refused, the process exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kith-term-'));
    const proc = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/kith.js'), 'start', '--port', '0'], {
      env: { ...process.env, KITH_DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d) => (err += String(d)));
    try {
      const url = await new Promise<string>((ok, ko) => {
        const timer = setTimeout(() => ko(new Error(`no start: ${err}`)), 20_000);
        proc.stderr.on('data', () => {
          const m = /"url":"(http:\/\/[^"]+)"/.exec(err);
          if (m) {
            clearTimeout(timer);
            ok(m[1]!);
          }
        });
      });
      const setup = await fetch(`${url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspace: 'W', name: 'O', email: 'o@example.com', password: PASSWORD }),
      });
      assert.equal(setup.status, 201);
      const tok = (await (
        await fetch(`${url}/api/v1/auth/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'o@example.com', password: PASSWORD, name: 't' }),
        })
      ).json()) as { token: string };
      const items = Array.from({ length: 1000 }, (_, i) => ({
        name: `Khách ${i}`,
        phones: [`0912 ${String(100000 + i)}`.replace(/(\d{3})(\d{3})$/, '$1 $2')],
      }));
      const inflight = fetch(`${url}/api/v1/contacts/bulk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tok.token}` },
        body: JSON.stringify({ items }),
      });
      await new Promise((r) => setTimeout(r, 15));
      const exited = new Promise<number | null>((ok) => proc.on('exit', (code) => ok(code)));
      proc.kill('SIGTERM');
      const res = await inflight;
      assert.equal(res.status, 201, 'the request in flight finishes');
      assert.equal(((await res.json()) as { data: unknown[] }).data.length, 1000);
      assert.equal(await exited, 0);
      await assert.rejects(fetch(`${url}/healthz`), 'nothing listens any more');
      assert.match(err, /"msg":"stopped"/);
    } finally {
      proc.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('scale-out: two server processes on one database', () => {
  test('a session made on one is valid on the other, and they share the login throttle', async () => {
    const a = await createTestApp();
    const core2 = await createCore(a.core.config, { modules: MODULES, log: pino({ level: 'silent' }) });
    const b = await buildApp(core2);
    try {
      const { owner: o } = await makeWorkspace(a.core);
      const onA = browser(a.app, '10.50.0.1');
      assert.equal((await onA.login(o.email, PASSWORD)).status, 200);
      const cookie = [...onA.jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const seen = await b.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
      assert.equal(seen.statusCode, 200);
      const made = await b.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: { cookie, 'x-csrf-token': onA.csrf!, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'Tạo Ở B' }),
      });
      assert.equal(made.statusCode, 201);
      assert.equal((await onA.get(`/api/v1/contacts/${made.json().id}`)).status, 200);
      for (let i = 0; i < 10; i++) await browser(i % 2 ? a.app : b, '10.51.0.1').login(o.email, `wrong guess ${i}`);
      assert.equal((await browser(a.app, '10.51.0.1').login(o.email, PASSWORD)).status, 429);
      assert.equal((await browser(b, '10.51.0.1').login(o.email, PASSWORD)).status, 429);
      assert.equal((await onA.post('/api/v1/auth/logout')).status, 204);
      assert.equal((await b.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode, 401);
    } finally {
      await b.close();
      await core2.close();
      await a.close();
    }
  });
});

describe('slow clients', { skip: onPostgres() ? 'one run is enough' : false }, () => {
  test('headers that never finish are cut off by the header timeout', async () => {
    const { createConnection } = await import('node:net');
    const t = await createTestApp({ config: { requestTimeoutMs: '1000' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (t.app.server.address() as { port: number }).port;
      assert.equal(t.app.server.headersTimeout, 1000);
      const sock = createConnection({ port, host: '127.0.0.1' });
      await new Promise<void>((ok) => sock.on('connect', () => ok()));
      sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      const t0 = Date.now();
      const answer = await new Promise<string>((ok) => {
        let data = '';
        sock.on('data', (d) => (data += String(d)));
        sock.on('close', () => ok(data));
        const drip = setInterval(() => sock.writable && sock.write('X-Slow: 1\r\n'), 200);
        sock.on('close', () => clearInterval(drip));
      });
      assert.ok(Date.now() - t0 < 5_000, `cut off after ${Date.now() - t0} ms`);
      assert.match(answer, /^HTTP\/1\.1 408/);
    } finally {
      await t.close();
    }
  });
});
