import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { browser } from '../../../test/browser-session.ts';
import { makeMember, makeWorkspace, PASSWORD, type TestUser } from '../../../test/factories.ts';
import { mailText, startMailCatcher } from '../../../test/mail-catcher.ts';

let t: TestApp;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let owner: TestUser;

before(async () => {
  mail = await startMailCatcher();
  t = await createTestApp({ config: { smtpUrl: mail.url } });
  ({ owner } = await makeWorkspace(t.core));
});
after(async () => {
  await t.close();
  await mail.close();
});

describe('sign-in with cookies', () => {
  test('login sets an HttpOnly SameSite session cookie and answers with the CSRF token', async () => {
    const b = browser(t.app);
    const r = await b.login(owner.email, PASSWORD);
    assert.equal(r.status, 200);
    assert.equal(r.body.user.email, owner.email);
    assert.equal(r.body.role, 'owner');
    assert.equal(typeof r.body.csrfToken, 'string');
    const s = r.cookies.find((c) => c.name === 'kith_session')!;
    assert.equal(s.httpOnly, true);
    assert.equal(s.sameSite, 'Lax');
    assert.equal(s.path, '/');
    assert.equal((await b.get('/api/v1/auth/session')).body.user.email, owner.email);
  });

  test('writes with the session cookie need the CSRF header; reads do not', async () => {
    const b = browser(t.app);
    await b.login(owner.email, PASSWORD);
    assert.equal((await b.get('/api/v1/contacts')).status, 200);
    const no = await b.post('/api/v1/contacts', { name: 'Không CSRF' }, { csrf: false });
    assert.equal(no.status, 403);
    const wrong = await b.post('/api/v1/contacts', { name: 'Sai CSRF' }, { csrf: false, headers: { 'x-csrf-token': 'nope' } });
    assert.equal(wrong.status, 403);
    assert.equal((await b.post('/api/v1/contacts', { name: 'Có CSRF' })).status, 201);
  });

  test('a write from another origin is refused', async () => {
    const b = browser(t.app);
    await b.login(owner.email, PASSWORD);
    const r = await b.post('/api/v1/contacts', { name: 'Cross' }, { headers: { origin: 'https://evil.example' } });
    assert.equal(r.status, 403);
  });

  test('the session id rotates on login: the old cookie stops working', async () => {
    const b = browser(t.app);
    await b.login(owner.email, PASSWORD);
    const first = b.jar.get('kith_session')!;
    await b.login(owner.email, PASSWORD);
    const second = b.jar.get('kith_session')!;
    assert.notEqual(first, second);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `kith_session=${first}` } });
    assert.equal(old.statusCode, 401);
  });

  test('logout ends this session; logout-all ends every session; the session list shows and revokes sessions', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const a = browser(t.app, '10.1.0.1');
    const b = browser(t.app, '10.1.0.2');
    await a.login(u.email, PASSWORD);
    await b.login(u.email, PASSWORD);
    const list = await a.get('/api/v1/auth/sessions');
    assert.equal(list.body.data.length, 2);
    assert.equal(list.body.data.filter((s: { current: boolean }) => s.current).length, 1);
    const other = list.body.data.find((s: { current: boolean }) => !s.current);
    assert.equal((await a.delete(`/api/v1/auth/sessions/${other.id}`)).status, 204);
    assert.equal((await b.get('/api/v1/auth/session')).status, 401);
    await b.login(u.email, PASSWORD);
    assert.equal((await a.post('/api/v1/auth/logout-all')).status, 204);
    assert.equal((await a.get('/api/v1/auth/session')).status, 401);
    assert.equal((await b.get('/api/v1/auth/session')).status, 401);
    await a.login(u.email, PASSWORD);
    assert.equal((await a.post('/api/v1/auth/logout')).status, 204);
    assert.equal((await a.get('/api/v1/auth/session')).status, 401);
  });

  test('wrong password and unknown email give the same 401', async () => {
    const x = await browser(t.app, '10.2.0.1').login(owner.email, 'wrong password here');
    const y = await browser(t.app, '10.2.0.1').login('nobody@example.com', 'wrong password here');
    assert.equal(x.status, 401);
    assert.equal(y.status, 401);
    assert.deepEqual(x.body, y.body);
  });
});

describe('throttling', () => {
  test('many failures from one address are throttled for that address', async () => {
    const victim = await makeMember(t.core, owner.workspaceId, 'agent');
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await browser(t.app, '10.3.0.1').login(victim.email, `wrong-${i}-password`)).status;
    assert.equal(last, 429);
    const r = await browser(t.app, '10.3.0.1').login(victim.email, PASSWORD);
    assert.equal(r.status, 429, 'even the right password waits on a throttled address');
    assert.ok(Number((await browser(t.app, '10.3.0.1').login(victim.email, PASSWORD)).headers['retry-after']) > 0);
  });

  test('an attacker spreading attempts over many addresses cannot lock the owner of the account out of their own browser', async () => {
    const victim = await makeMember(t.core, owner.workspaceId, 'agent');
    const own = browser(t.app, '10.4.0.1');
    assert.equal((await own.login(victim.email, PASSWORD)).status, 200, 'the victim signed in here before: this browser holds a device cookie');
    await own.post('/api/v1/auth/logout');
    for (let i = 0; i < 25; i++) {
      const r = await browser(t.app, `10.5.${i}.1`).login(victim.email, `guess-${i}-password`);
      assert.ok(r.status === 401 || r.status === 429);
    }
    assert.equal((await browser(t.app, '10.6.0.1').login(victim.email, PASSWORD)).status, 429, 'a new browser must wait: the account is under attack');
    assert.equal((await own.login(victim.email, PASSWORD)).status, 200, 'the victim’s own browser still gets in');
  });

  test('one address trying many accounts is throttled', async () => {
    let last = 0;
    for (let i = 0; i < 51; i++) last = (await browser(t.app, '10.7.0.1').login(`user${i}@example.com`, 'some password 1')).status;
    assert.equal(last, 429);
  });
});

describe('API tokens', () => {
  test('POST /auth/tokens with email and password gives a token, shown once, stored hashed, that authenticates', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'manager');
    const r = await client(t.app).post('/api/v1/auth/tokens', { email: u.email, password: PASSWORD, name: 'báo cáo' });
    assert.equal(r.status, 201);
    assert.match(r.body.token, /^kith_[A-Za-z0-9_-]{40,}$/);
    const stored = await t.core.db.selectFrom('api_tokens').select('token_hash').where('id', '=', r.body.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, r.body.token);
    assert.ok(!stored.token_hash.includes(r.body.token.slice(5, 20)));
    const api = client(t.app, r.body.token);
    assert.equal((await api.get('/api/v1/me')).body.email, u.email);
    const list = await api.get('/api/v1/auth/tokens');
    assert.ok(list.body.data.some((x: { id: string; prefix: string }) => x.id === r.body.id && r.body.token.startsWith(x.prefix)));
    assert.ok(!JSON.stringify(list.body).includes(r.body.token));
    assert.equal((await api.delete(`/api/v1/auth/tokens/${r.body.id}`)).status, 204);
    assert.equal((await api.get('/api/v1/me')).status, 401);
  });

  test('a token is bound to one workspace; a member of several must say which', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const made = await client(t.app, u.token).post('/api/v1/workspaces', { name: 'Chi nhánh Đà Nẵng' });
    assert.equal(made.status, 201);
    const ambiguous = await client(t.app).post('/api/v1/auth/tokens', { email: u.email, password: PASSWORD, name: 'x' });
    assert.equal(ambiguous.status, 422);
    assert.equal(ambiguous.body.errors[0].pointer, '/workspace');
    assert.equal(ambiguous.body.workspaces.length, 2);
    const bound = await client(t.app).post('/api/v1/auth/tokens', { email: u.email, password: PASSWORD, name: 'x', workspace: made.body.id });
    assert.equal(bound.status, 201);
    const me = await client(t.app, bound.body.token).get('/api/v1/me');
    assert.equal(me.body.workspaceId, made.body.id);
    assert.equal(me.body.role, 'owner');
    const ws = await client(t.app, bound.body.token).get('/api/v1/workspace');
    assert.equal(ws.body.name, 'Chi nhánh Đà Nẵng');
    assert.equal((await client(t.app, u.token).get('/api/v1/workspace')).body.id, owner.workspaceId, 'the older token still works in its own workspace');
  });

  test('garbage, revoked or foreign tokens are 401 with WWW-Authenticate', async () => {
    for (const h of ['Bearer nope', 'Bearer kith_' + 'a'.repeat(43), 'Basic Zm9vOmJhcg==', 'Bearer']) {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: h } });
      assert.equal(r.statusCode, 401, h);
      assert.match(String(r.headers['www-authenticate']), /Bearer/);
    }
  });
});

describe('passwords', () => {
  test('changing my password ends my other sessions and my tokens; a wrong current password is a 422', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const a = browser(t.app, '10.8.0.1');
    const b = browser(t.app, '10.8.0.2');
    await a.login(u.email, PASSWORD);
    await b.login(u.email, PASSWORD);
    const wrong = await a.post('/api/v1/me/password', { currentPassword: 'not it at all', newPassword: 'another long password 7' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.errors[0].pointer, '/currentPassword');
    const weak = await a.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'password1' });
    assert.equal(weak.status, 422);
    assert.equal(weak.body.errors[0].pointer, '/newPassword');
    assert.equal((await a.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'another long password 7' })).status, 204);
    assert.equal((await a.get('/api/v1/auth/session')).status, 200, 'this session stays');
    assert.equal((await b.get('/api/v1/auth/session')).status, 401, 'the other one ends');
    assert.equal((await client(t.app, u.token).get('/api/v1/me')).status, 401, 'tokens end');
    assert.equal((await browser(t.app, '10.8.0.3').login(u.email, 'another long password 7')).status, 200);
  });

  test('reset by email: the same answer for unknown addresses; the link works once; sessions and tokens end', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const s = browser(t.app, '10.9.0.1');
    await s.login(u.email, PASSWORD);
    const unknown = await client(t.app).post('/api/v1/auth/password-reset', { email: 'ghost@example.com' });
    const known = await client(t.app).post('/api/v1/auth/password-reset', { email: u.email.toUpperCase() });
    assert.equal(unknown.status, 202);
    assert.equal(known.status, 202);
    assert.deepEqual(unknown.body, known.body);
    const m = await mail.waitFor((x) => x.to.includes(u.email));
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mailText(m.raw))?.[1];
    assert.ok(token, 'the mail carries a reset link');
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(!mail.mails.some((x) => x.to.includes('ghost@example.com')), 'nobody is mailed for an unknown address');
    const weak = await client(t.app).post('/api/v1/auth/password-reset/confirm', { token, password: '12345678' });
    assert.equal(weak.status, 422);
    assert.equal((await client(t.app).post('/api/v1/auth/password-reset/confirm', { token, password: 'brand new password 99' })).status, 204);
    assert.equal(
      (await client(t.app).post('/api/v1/auth/password-reset/confirm', { token, password: 'brand new password 98' })).status,
      422,
      'a link works once',
    );
    assert.equal((await s.get('/api/v1/auth/session')).status, 401);
    assert.equal((await client(t.app, u.token).get('/api/v1/me')).status, 401);
    assert.equal((await browser(t.app, '10.9.0.2').login(u.email, 'brand new password 99')).status, 200);
  });
});

describe('credentials end when they should', () => {
  test('one reset, or one change of password, cancels every other outstanding reset link', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const links = async () => {
      await new Promise((r) => setTimeout(r, 50));
      return mail.mails.filter((x) => x.to.includes(u.email)).map((m) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mailText(m.raw))?.[1]!);
    };
    const ask = async (n: number) => {
      assert.equal((await client(t.app).post('/api/v1/auth/password-reset', { email: u.email })).status, 202);
      for (let i = 0; i < 100 && (await links()).length < n; i++);
    };
    await ask(1);
    await ask(2);
    const [first, second] = await links();
    assert.ok(first && second && first !== second);
    assert.equal((await client(t.app).post('/api/v1/auth/password-reset/confirm', { token: second, password: 'brand new password 91' })).status, 204);
    const stale = await client(t.app).post('/api/v1/auth/password-reset/confirm', { token: first, password: 'attacker password 92' });
    assert.equal(stale.status, 422, 'the older link died with the reset');
    assert.equal(stale.body.errors[0].pointer, '/token');
    // A change of password while signed in does the same.
    await ask(3);
    const third = (await links())[2]!;
    const s = browser(t.app, '10.9.1.1');
    assert.equal((await s.login(u.email, 'brand new password 91')).status, 200);
    assert.equal((await s.post('/api/v1/me/password', { currentPassword: 'brand new password 91', newPassword: 'changed again password 93' })).status, 204);
    assert.equal((await client(t.app).post('/api/v1/auth/password-reset/confirm', { token: third, password: 'attacker password 94' })).status, 422);
    assert.equal((await browser(t.app, '10.9.1.2').login(u.email, 'changed again password 93')).status, 200);
  });

  test('API tokens expire after the default lifetime (or the one asked for), and "sign out everywhere" can take them too', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const now = Date.now();
    const days = (iso: string) => Math.round((Date.parse(iso) - now) / 86_400_000);
    const byDefault = await client(t.app).post('/api/v1/auth/tokens', { email: u.email, password: PASSWORD, name: 'mặc định' });
    assert.equal(byDefault.status, 201);
    assert.equal(days(byDefault.body.expiresAt), 90);
    const short = await client(t.app).post('/api/v1/auth/tokens', { email: u.email, password: PASSWORD, name: 'ngắn', expiresInDays: 7 });
    assert.equal(days(short.body.expiresAt), 7);
    assert.equal((await client(t.app).post('/api/v1/auth/tokens', { email: u.email, password: PASSWORD, name: 'x', expiresInDays: 0 })).status, 422);
    // An expired token is refused.
    await t.core.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(now - 1000).toISOString() })
      .where('id', '=', short.body.id)
      .execute();
    assert.equal((await client(t.app, short.body.token).get('/api/v1/me')).status, 401);
    // Signing out everywhere leaves tokens alone unless asked.
    const b = browser(t.app, '10.9.2.1');
    await b.login(u.email, PASSWORD);
    assert.equal((await b.post('/api/v1/auth/logout-all')).status, 204);
    assert.equal((await client(t.app, byDefault.body.token).get('/api/v1/me')).status, 200);
    await b.login(u.email, PASSWORD);
    assert.equal((await b.post('/api/v1/auth/logout-all', { revokeTokens: true })).status, 204);
    assert.equal((await client(t.app, byDefault.body.token).get('/api/v1/me')).status, 401);
    assert.equal((await client(t.app, u.token).get('/api/v1/me')).status, 401);
    assert.equal((await b.get('/api/v1/auth/session')).status, 401);
  });

  test('a signed-in user mints a token only with their password', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const b = browser(t.app, '10.9.3.1');
    await b.login(u.email, PASSWORD);
    const none = await b.post('/api/v1/auth/tokens', { name: 'không mật khẩu' });
    assert.equal(none.status, 422);
    assert.equal(none.body.errors[0].pointer, '/password');
    const wrong = await b.post('/api/v1/auth/tokens', { name: 'sai', password: 'not the password' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.errors[0].pointer, '/password');
    const ok = await b.post('/api/v1/auth/tokens', { name: 'đúng', password: PASSWORD });
    assert.equal(ok.status, 201);
    assert.equal((await client(t.app, ok.body.token).get('/api/v1/me')).body.email, u.email);
  });

  test('a member of several workspaces signs in to the web app in the one they were last in', async () => {
    const u = await makeMember(t.core, owner.workspaceId, 'agent');
    const made = await client(t.app, u.token).post('/api/v1/workspaces', { name: 'Chi nhánh Huế' });
    const b = browser(t.app, '10.9.4.1');
    const first = await b.login(u.email, PASSWORD);
    assert.equal(first.status, 200);
    assert.equal(first.body.workspaces.length, 2);
    assert.equal((await b.put('/api/v1/auth/session/workspace', { workspaceId: made.body.id })).status, 200);
    await b.post('/api/v1/auth/logout');
    // The session's workspace changed after it was made: the next sign-in opens the most recent session's.
    const again = await browser(t.app, '10.9.4.2').login(u.email, PASSWORD);
    assert.equal(again.status, 200);
    assert.equal(again.body.workspace.id, made.body.id);
  });
});

describe('response headers', () => {
  test('API answers are not cached (the session answer carries the CSRF token)', async () => {
    const b = browser(t.app, '10.9.5.1');
    const r = await b.login(owner.email, PASSWORD);
    assert.equal(r.headers['cache-control'], 'no-store');
    const s = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    assert.equal(s.headers['cache-control'], 'no-store');
    assert.equal((await client(t.app).get('/api/v1/contacts')).headers['cache-control'], 'no-store', 'errors too');
    assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
  });

  test('HSTS when the public address is https', async () => {
    const secure = await createTestApp({ config: { publicUrl: 'https://crm.example.vn' } });
    try {
      const r = await client(secure.app).get('/healthz');
      assert.match(String(r.headers['strict-transport-security']), /max-age=\d{7,}/);
    } finally {
      await secure.close();
    }
  });
});

describe('first-run setup', () => {
  test('creates the first workspace and owner once; then 409; weak passwords and bad emails are 422s naming the field', async () => {
    const fresh = await createTestApp();
    try {
      const api = client(fresh.app);
      assert.deepEqual((await api.get('/api/v1/setup')).body, { setUp: false });
      const weak = await api.post('/api/v1/setup', { workspace: 'Shop', name: 'Chủ', email: 'chu@example.com', password: 'password' });
      assert.equal(weak.status, 422);
      assert.equal(weak.body.errors[0].pointer, '/password');
      const bad = await api.post('/api/v1/setup', { workspace: 'Shop', name: 'Chủ', email: 'not-an-email', password: 'a fine long password' });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.errors[0].pointer, '/email');
      const [x, y] = await Promise.all([
        api.post('/api/v1/setup', { workspace: 'Shop A', name: 'Chủ A', email: 'a@example.com', password: 'a fine long password' }),
        api.post('/api/v1/setup', { workspace: 'Shop B', name: 'Chủ B', email: 'b@example.com', password: 'a fine long password' }),
      ]);
      assert.deepEqual([x.status, y.status].sort(), [201, 409]);
      assert.equal((await api.post('/api/v1/setup', { workspace: 'Again', name: 'X', email: 'c@example.com', password: 'a fine long password' })).status, 409);
      const n = await fresh.core.db
        .selectFrom('workspaces')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1);
      assert.deepEqual((await api.get('/api/v1/setup')).body, { setUp: true });
      const winner = x.status === 201 ? x : y;
      const tok = await api.post('/api/v1/auth/tokens', { email: winner.body.user.email, password: 'a fine long password', name: 'first' });
      assert.equal(tok.status, 201);
      assert.equal((await client(fresh.app, tok.body.token).get('/api/v1/me')).body.role, 'owner');
    } finally {
      await fresh.close();
    }
  });
});
