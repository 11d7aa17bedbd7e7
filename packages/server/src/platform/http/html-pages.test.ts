/**
 * The HTML pages the server renders itself (the unsubscribe page, the public survey page and its answered,
 * expired and not-found pages) with hostile workspace, survey and contact names: every value is text, no
 * value reaches a script, and the only elements are the page's own. (The browser version of this, with the
 * DOM, the button and the dialogs, is e2e/hostile-pages.spec.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { unsubscribeUrl } from '../mail/workspace-mail.ts';

const SCRIPT_BREAK = '</script><img src=x onerror=alert(1)><script>alert(1)</script>';
const ATTR_BREAK = `"><svg onload=alert(2)>'<meta http-equiv=refresh content="0;url=https://evil.example">`;
const HOSTILE_WS = `${SCRIPT_BREAK}${ATTR_BREAK}\u2028\u2029{{contact.name}}<!--`;
const HOSTILE = `Chị ${SCRIPT_BREAK} ${ATTR_BREAK} {{survey.url}}`;

/** The elements the pages write themselves; anything else came from a value. */
const OWN_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'h1',
  'p',
  'button',
  'script',
  'form',
  'fieldset',
  'legend',
  'div',
  'label',
  'input',
  'span',
  'small',
  'textarea',
]);

const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

/** Checks that hold for every page whatever the data: returns the scripts' text. */
function assertInert(html: string, what: string): string[] {
  const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
  assert.deepEqual(
    tags.filter((t) => !OWN_TAGS.has(t)),
    [],
    `${what}: only the page's own elements`,
  );
  const openTags = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
  assert.deepEqual(
    openTags.filter((tag) => /\s(on[a-z]+|http-equiv|href|src|action|formaction)\s*=/i.test(tag)),
    [],
    `${what}: no handler, refresh or link attribute`,
  );
  assert.equal((html.match(/<meta\b/g) ?? []).length, 3, `${what}: charset, viewport and robots only`);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, (html.match(/<script\b/g) ?? []).length, `${what}: every script element closes where the page closes it`);
  for (const [, attrs] of scripts) assert.match(attrs!, /^ nonce="[A-Za-z0-9+/=]+"$/, `${what}: a script has the nonce and nothing else`);
  const code = scripts.map((m) => m[2]!);
  for (const c of code)
    for (const marker of ['alert', 'evil', 'onerror', '{{', '\u2028', 'Chị'])
      assert.ok(!c.includes(marker), `${what}: no value in the script (${JSON.stringify(marker)})`);
  return code;
}

let t: TestApp;
let owner: TestUser;
let clock = new Date('2026-12-01T03:00:00Z');
before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core, { name: HOSTILE_WS }));
});
after(() => t.close());
const api = () => client(t.app, owner.token);
const page = (url: string) => t.app.inject({ method: 'GET', url });

describe('server-rendered pages with hostile names', () => {
  test('the unsubscribe page: the workspace name is text, its script holds no value and still finds its message', async () => {
    const c = await api().post('/api/v1/contacts', {
      name: HOSTILE,
      emails: ['hang@example.vn'],
      consents: { email: { status: 'granted', source: 'cửa hàng' } },
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const path = new URL(unsubscribeUrl(t.core, c.body.id)).pathname;
    const r = await page(path);
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/html; charset=utf-8/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1];
    assert.ok(nonce, 'a CSP with a script nonce');
    const [code] = assertInert(r.body, 'unsubscribe');
    assert.ok(code, 'the page has its script');
    assert.ok(r.body.includes(`<script nonce="${nonce}">`));
    // The question shows the name as text, and the confirmation the script shows comes from a data attribute.
    const q = /<p id="q" data-done="([^"]*)">([^<]*)<\/p>/.exec(r.body);
    assert.ok(q, 'the question and its confirmation');
    assert.ok(decode(q[2]!).includes(HOSTILE_WS), 'the name, literally');
    assert.equal(decode(q[1]!), `Bạn sẽ không nhận thư giới thiệu từ ${HOSTILE_WS} nữa.`);
    assert.match(code, /dataset\.done/);

    // Still works: POST withdraws consent (the button's request).
    assert.equal((await t.app.inject({ method: 'POST', url: path })).statusCode, 200);
    assert.equal((await api().get(`/api/v1/contacts/${c.body.id}`)).body.consents.email.status, 'denied');
    // A bad link: the short page, no script.
    const bad = await page(path.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')));
    assert.equal(bad.statusCode, 404);
    assert.deepEqual(assertInert(bad.body, 'unsubscribe 404'), []);
  });

  test('the survey page and its answered, expired and not-found pages: titles, questions, choices and the customer’s name are text', async () => {
    const s = await api().post('/api/v1/surveys', {
      name: HOSTILE,
      title: { vi: `${HOSTILE} tiêu đề`, en: HOSTILE },
      intro: { vi: `${HOSTILE} lời mở đầu` },
      expiresDays: 1,
      questions: [
        { type: 'nps', text: { vi: `${HOSTILE} NPS` } },
        { type: 'single', text: { vi: `${HOSTILE} chọn một` }, options: [{ vi: `${HOSTILE} A` }, { vi: 'B' }] },
        { type: 'multiple', text: { vi: 'chọn nhiều' }, options: [{ vi: ATTR_BREAK }, { vi: SCRIPT_BREAK }], required: false },
        { type: 'text', text: { vi: SCRIPT_BREAK }, required: false },
      ],
    });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    const c = await api().post('/api/v1/contacts', { name: HOSTILE });
    const invite = async () => {
      const inv = await api().post(`/api/v1/surveys/${s.body.id}/invitations`, { contactId: c.body.id });
      assert.equal(inv.status, 201, JSON.stringify(inv.body));
      return inv.body as { url: string; token: string };
    };
    const open = await invite();
    const form = await page(new URL(open.url).pathname);
    assert.equal(form.statusCode, 200);
    const [code] = assertInert(form.body, 'survey');
    assert.ok(code && /dataset/.test(code), 'the script reads its words and URL from data attributes');
    const text = decode(form.body);
    for (const v of [
      `${HOSTILE} tiêu đề`,
      `${HOSTILE} lời mở đầu`,
      `${HOSTILE} NPS`,
      `${HOSTILE} A`,
      ATTR_BREAK,
      SCRIPT_BREAK,
      HOSTILE_WS,
      `Xin chào ${HOSTILE},`,
    ])
      assert.ok(text.includes(v), `shown literally: ${v}`);
    assert.ok(form.body.includes(`data-url="/api/v1/public/surveys/${open.token}/responses"`));

    const answered = await fetchAnswer(open.token, s.body.questions);
    assert.equal(answered.status, 201, JSON.stringify(answered.body));
    const done = await page(new URL(open.url).pathname);
    assert.equal(done.statusCode, 200);
    assert.deepEqual(assertInert(done.body, 'answered'), []);
    assert.ok(decode(done.body).includes(`${HOSTILE} tiêu đề`) && decode(done.body).includes(HOSTILE_WS));

    const late = await invite();
    clock = new Date(clock.getTime() + 3 * 86_400_000);
    const expired = await page(new URL(late.url).pathname);
    assert.equal(expired.statusCode, 410);
    assert.deepEqual(assertInert(expired.body, 'expired'), []);
    assert.ok(decode(expired.body).includes(HOSTILE_WS));

    const missing = await page(`/s/${encodeURIComponent(SCRIPT_BREAK).slice(0, 150)}`);
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(assertInert(missing.body, 'not found'), []);
  });
});

async function fetchAnswer(token: string, questions: { id: string }[]) {
  return client(t.app).post(`/api/v1/public/surveys/${token}/responses`, {
    answers: [
      { questionId: questions[0]!.id, value: 3 },
      { questionId: questions[1]!.id, value: 0 },
    ],
  });
}
