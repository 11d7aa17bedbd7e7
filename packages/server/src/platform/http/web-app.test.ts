import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/build-test-app.ts';

let t: TestApp;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kith-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kith</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("kith")');
  t = await createTestApp({ webDir: dir });
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, accept = 'text/html') => t.app.inject({ method: 'GET', url, headers: { accept } });

describe('the web app', () => {
  test('the front door and every app route answer with index.html, never cached, under a strict CSP', async () => {
    for (const url of ['/', '/contacts', '/contacts/0190a1b2-0000-7000-8000-000000000000', '/settings/tokens?x=1', '/invite/abcdefghijklmnopqrstuvwxyz']) {
      const r = await get(url);
      assert.equal(r.statusCode, 200, url);
      assert.match(r.headers['content-type'] as string, /text\/html/);
      assert.match(r.body, /<div id="root">/);
      assert.equal(r.headers['cache-control'], 'no-cache');
      assert.match(r.headers['content-security-policy'] as string, /default-src 'self'.*script-src 'self'/);
      assert.equal(r.headers['x-frame-options'], 'DENY');
    }
  });

  test('the page preloads what its first screen asks for: the session always; signed in, the home page’s figures or the contacts list', async () => {
    const preloads = (r: { headers: Record<string, unknown> }) =>
      [...String(r.headers.link ?? '').matchAll(/<([^>]+)>; rel=preload; as=fetch; crossorigin/g)].map((m) => m[1]);
    assert.deepEqual(preloads(await get('/contacts')), ['/api/v1/auth/session', '/api/v1/setup']);
    const signedIn = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: 'theme=dark; kith_session=abc' } });
    assert.deepEqual(preloads(await signedIn('/')), ['/api/v1/auth/session', '/api/v1/setup', '/api/v1/home']);
    for (const url of ['/contacts', '/contacts/'])
      assert.deepEqual(preloads(await signedIn(url)), ['/api/v1/auth/session', '/api/v1/setup', '/api/v1/contacts?limit=100'], url);
    for (const url of ['/companies', '/contacts/0190a1b2-0000-7000-8000-000000000000'])
      assert.deepEqual(preloads(await signedIn(url)), ['/api/v1/auth/session', '/api/v1/setup'], url);
  });

  test('hashed assets are cached for a year', async () => {
    const r = await get('/assets/index-abc123.js', '*/*');
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-type'] as string, /javascript/);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test('the API keeps its own answers: JSON, problem documents for unknown routes, never the app page', async () => {
    assert.equal((await get('/api/v1/setup', 'application/json')).statusCode, 200);
    for (const url of ['/api/v1/nope', '/api/nope', '/assets/missing.js', '/favicon.ico']) {
      const r = await get(url);
      assert.equal(r.statusCode, 404, url);
      assert.match(r.headers['content-type'] as string, /application\/problem\+json/, url);
    }
    const r = await t.app.inject({ method: 'POST', url: '/contacts', headers: { 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(r.statusCode, 404, 'only GET serves the app');
    assert.equal((await get('/api/docs', 'text/html')).statusCode, 200, 'the API docs still answer');
  });
});
