import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { browser } from '../../../test/browser-session.ts';
import { makeMember, makeWorkspace, PASSWORD, type TestUser } from '../../../test/factories.ts';

/**
 * Every route that checks a password (or spends work per guess) against a burst of parallel requests: the
 * throttle counts each attempt before the check, so at most the limit's worth are ever checked and the
 * right password is refused like a wrong one once the limit is reached. On today's database and, below,
 * across two real server processes sharing it.
 */
let t: TestApp;
let owner: TestUser;
before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
});
after(() => t.close());

const BURST = 60;
const LOGIN_PAIR_LIMIT = 10; // per account and address, auth.service.ts loginLimits
const count = (statuses: number[]) => statuses.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});

/** Two real `kith start` processes on the test's database, both answering on loopback. */
async function startServers(n: number): Promise<{ urls: string[]; procs: ChildProcess[] }> {
  const root = join(import.meta.dirname, '../../../../..');
  const db = t.core.config.database;
  const procs: ChildProcess[] = [];
  const urls = await Promise.all(
    Array.from({ length: n }, () => {
      const proc = spawn(process.execPath, [join(root, 'packages/cli/bin/kith.js'), 'start', '--port', '0', '--no-web-build'], {
        env: {
          ...process.env,
          KITH_DATA_DIR: t.core.config.dataDir,
          DATABASE_URL: db.kind === 'postgres' ? db.url : '',
          KITH_SECRET: t.core.config.secret,
          LOG_LEVEL: 'info',
          KITH_JOB_RUNNER: 'off',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      procs.push(proc);
      let err = '';
      return new Promise<string>((ok, ko) => {
        const timer = setTimeout(() => ko(new Error(`no start: ${err}`)), 30_000);
        proc.stderr!.on('data', (d) => {
          err += String(d);
          const m = /"url":"(http:\/\/[^"]+)"/.exec(err);
          if (m) {
            clearTimeout(timer);
            ok(m[1]!);
          }
        });
        proc.on('exit', (code) => ko(new Error(`exited ${code}: ${err}`)));
      });
    }),
  );
  return { urls, procs };
}

// First in the file: the processes are reached from 127.0.0.1, whose address limit the tests below use up.
describe('scale-out', () => {
  test('two server processes sharing the database: 60 parallel wrong passwords split between them check at most the limit', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const { urls, procs } = await startServers(2);
    try {
      const login = (url: string, password: string) =>
        fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: u.email, password }),
        }).then((r) => r.status);
      const statuses = await Promise.all(Array.from({ length: BURST }, (_, i) => login(urls[i % 2]!, `wrong guess ${i}`)));
      const c = count(statuses);
      assert.equal((c[401] ?? 0) + (c[429] ?? 0), BURST, JSON.stringify(c));
      assert.ok((c[401] ?? 0) >= 1 && (c[401] ?? 0) <= LOGIN_PAIR_LIMIT, `checked ${c[401] ?? 0} passwords across two processes`);
      assert.equal(await login(urls[0]!, PASSWORD), 429);
      assert.equal(await login(urls[1]!, PASSWORD), 429);
    } finally {
      for (const p of procs) p.kill('SIGKILL');
    }
  });
});

describe('sign-in', () => {
  test('60 parallel wrong passwords: at most the limit are checked, the rest 429, and the right one is then refused', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const ip = '10.77.0.1';
    const statuses = (await Promise.all(Array.from({ length: BURST }, (_, i) => browser(t.app, ip).login(u.email, `wrong guess ${i}`)))).map((r) => r.status);
    const c = count(statuses);
    assert.equal((c[401] ?? 0) + (c[429] ?? 0), BURST, JSON.stringify(c));
    assert.ok((c[401] ?? 0) <= LOGIN_PAIR_LIMIT, `checked ${c[401]} passwords`);
    const right = await browser(t.app, ip).login(u.email, PASSWORD);
    assert.equal(right.status, 429, 'the right password is not admitted once over the limit');
    assert.ok(Number(right.headers['retry-after']) > 0);
  });

  test('the right password hidden in a burst of wrong ones: checked and wrong together stay within the limit', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const ip = '10.77.0.2';
    const guesses = Array.from({ length: BURST }, (_, i) => (i === BURST - 1 ? PASSWORD : `wrong guess ${i}`));
    const statuses = (await Promise.all(guesses.map((g) => browser(t.app, ip).login(u.email, g)))).map((r) => r.status);
    const c = count(statuses);
    assert.ok((c[401] ?? 0) + (c[200] ?? 0) <= LOGIN_PAIR_LIMIT, JSON.stringify(c));
  });

  test('API tokens by email and password: the same throttle', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const api = client(t.app, undefined);
    const statuses = (
      await Promise.all(Array.from({ length: BURST }, (_, i) => api.post('/api/v1/auth/tokens', { email: u.email, password: `wrong ${i}`, name: 'x' })))
    ).map((r) => r.status);
    const c = count(statuses);
    assert.ok((c[401] ?? 0) <= LOGIN_PAIR_LIMIT, JSON.stringify(c));
    assert.equal((await api.post('/api/v1/auth/tokens', { email: u.email, password: PASSWORD, name: 'x' })).status, 429);
  });

  test('a right password gives its attempt back: a user who signs in often is never locked out by it', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    for (let i = 0; i < LOGIN_PAIR_LIMIT + 5; i++) assert.equal((await browser(t.app, '10.77.0.3').login(u.email, PASSWORD)).status, 200, `sign-in ${i + 1}`);
  });
});

describe('signed-in password checks', () => {
  test('changing the password: 60 parallel wrong current passwords check at most 10, then the right one is refused', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const api = client(t.app, u.token);
    const statuses = (
      await Promise.all(
        Array.from({ length: BURST }, (_, i) => api.post('/api/v1/me/password', { currentPassword: `wrong ${i}`, newPassword: 'a brand new password 77' })),
      )
    ).map((r) => r.status);
    const c = count(statuses);
    assert.ok((c[422] ?? 0) <= 10, JSON.stringify(c));
    assert.equal((c[422] ?? 0) + (c[429] ?? 0), BURST, JSON.stringify(c));
    assert.equal((await api.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new password 77' })).status, 429);
  });

  test('minting an API token while signed in asks for the password, under the same kind of throttle', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const api = client(t.app, u.token);
    const none = await api.post('/api/v1/auth/tokens', { name: 'no password' });
    assert.equal(none.status, 422);
    assert.equal(none.body.errors[0].pointer, '/password');
    const statuses = (await Promise.all(Array.from({ length: BURST }, (_, i) => api.post('/api/v1/auth/tokens', { name: 'x', password: `wrong ${i}` })))).map(
      (r) => r.status,
    );
    const c = count(statuses);
    assert.ok((c[422] ?? 0) <= 10, JSON.stringify(c));
    assert.equal((await api.post('/api/v1/auth/tokens', { name: 'x', password: PASSWORD })).status, 429);
  });
});

describe('public routes that spend work per request', () => {
  test('one survey link answered 60 times at once: one answer counts, and at most 10 refused tries get past the throttle', async () => {
    const api = client(t.app, owner.token);
    const contact = (await api.post('/api/v1/contacts', { name: 'Khách Khảo Sát' })).body.id;
    const survey = (await api.post('/api/v1/surveys', { name: 'Burst', questions: [{ type: 'nps', text: 'NPS?' }] })).body;
    const inv = (await api.post(`/api/v1/surveys/${survey.id}/invitations`, { contactId: contact })).body;
    const qid = survey.questions[0].id;
    const statuses = (
      await Promise.all(
        Array.from({ length: BURST }, () => client(t.app).post(`/api/v1/public/surveys/${inv.token}/responses`, { answers: [{ questionId: qid, value: 9 }] })),
      )
    ).map((r) => r.status);
    const c = count(statuses);
    assert.equal(c[201], 1, JSON.stringify(c));
    // Refused tries count against the link (10); the accepted answer gives its try back.
    assert.ok((c[409] ?? 0) <= 10 && (c[201] ?? 0) + (c[409] ?? 0) + (c[429] ?? 0) === BURST, JSON.stringify(c));
  });

  test('accepting one invitation link: 60 parallel tries, at most 10 get past the throttle', async () => {
    const inv = await client(t.app, owner.token).post('/api/v1/invitations', { email: `burst-${Date.now()}@example.com`, role: 'agent' });
    const token = inv.body.url.split('/invite/')[1];
    const statuses = (
      await Promise.all(
        Array.from({ length: BURST }, () => client(t.app).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Ai Đó', password: 'qwerty' })),
      )
    ).map((r) => r.status);
    const c = count(statuses);
    assert.ok(BURST - (c[429] ?? 0) <= 10, JSON.stringify(c));
  });
});
