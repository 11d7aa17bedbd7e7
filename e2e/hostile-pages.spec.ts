/**
 * Hostile names on every page the server renders itself and on the web app's pages a stranger opens from a
 * link, in Debian's Chromium against the real server: a workspace, survey, question, choice and customer
 * named with `</script>`, `"><svg onload=…>`, a meta refresh, `{{…}}` and U+2028. On each page the names show
 * literally and nothing of them became an element: no img, svg, meta refresh, extra script or event handler,
 * no dialog, no navigation. The pages are opened with the CSP bypassed, so an injection would run rather
 * than be blocked; the unsubscribe button is also used with the CSP on, and it still withdraws consent.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '../packages/server/src/core.ts';
import { unsubscribeUrl } from '../packages/server/src/platform/mail/workspace-mail.ts';
import { launchBrowser, startClockedServer } from './browser.ts';
import { story } from './steps.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));

const SCRIPT_BREAK = '</script><img src=x onerror=alert(1)><script>alert(1)</script>';
const ATTR_BREAK = '"><svg onload=alert(2)>';
const REFRESH = `'><meta http-equiv="refresh" content="0;url=about:blank">`;
/** The workspace's name as stored (U+2028 and U+2029 too: data from before the input was cleaned, or an import). */
const WORKSPACE = `${SCRIPT_BREAK}${ATTR_BREAK}${REFRESH} {{email}} {{workspace}}\u2028\u2029Gốm`;
const CUSTOMER = `Chị ${SCRIPT_BREAK} {{contact.name}}`;
const TITLE = `${ATTR_BREAK}${REFRESH} Khảo sát`;
const INTRO = `${SCRIPT_BREAK} {{survey.url}}`;
const QUESTION = `${SCRIPT_BREAK} Anh/chị có giới thiệu không?`;
const CHOICE = `${ATTR_BREAK} Zalo`;
const OWNER = { workspace: 'Gốm Xưa', name: 'Chủ tiệm', email: 'chu@gomxua.vn', password: 'mật khẩu đủ dài cho tiệm gốm 2026' };

let shiftMs = 0;
let server: { url: string; core: Core; cleanup(): Promise<void> };
let browser: Browser;
/** CSP bypassed: an injected handler or script would run, and be seen. */
let hostile: BrowserContext;
let page: Page;
let token = '';
const ids: Record<string, string> = {};
const dialogs: string[] = [];
const pageErrors: string[] = [];
const navigations: string[] = [];
const { step, shot, apiCall } = story(() => page, { failedShot: 'hostile-failed-step', url: () => server.url, token: () => token });

function watch(p: Page, label: string): Page {
  p.on('dialog', (d) => {
    dialogs.push(`${label}: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  p.on('pageerror', (e) => pageErrors.push(`${label}: ${e.message}`));
  p.on('framenavigated', (f) => {
    if (f === p.mainFrame()) navigations.push(f.url());
  });
  return p;
}

type Dom = { handlers: string[]; imgs: number; svgs: string[]; refresh: number; scripts: number; inlineScripts: string[] };
/** Everything an injection would have added, read from the DOM. */
const dom = (p: Page) =>
  p.evaluate<Dom>(`(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 80)),
      imgs: document.querySelectorAll('img').length,
      svgs: [...document.querySelectorAll('svg')].map((s) => s.outerHTML.slice(0, 80)),
      refresh: document.querySelectorAll('meta[http-equiv]').length,
      scripts: document.querySelectorAll('script').length,
      inlineScripts: [...document.querySelectorAll('script:not([src])')].map((s) => (s.textContent ?? '').slice(0, 60)),
    };
  })()`);

/** A page the server renders itself: no image, no svg, no refresh, its own script only (or none), no handler. */
async function assertServerPageInert(p: Page, what: string, ownScripts: number): Promise<void> {
  const d = await dom(p);
  assert.deepEqual(d.handlers, [], `${what}: no event handler attribute`);
  assert.deepEqual([d.imgs, d.svgs, d.refresh], [0, [], 0], `${what}: no img, svg or meta refresh`);
  assert.equal(d.scripts, ownScripts, `${what}: only the page's own script`);
  for (const s of d.inlineScripts) assert.ok(!/alert/.test(s), `${what}: a script with a value in it: ${s}`);
}

/** A web app page: no handler attributes, no injected img/svg (the app draws none with a handler), no inline script, no refresh. */
async function assertAppPageInert(p: Page, what: string): Promise<void> {
  const d = await dom(p);
  assert.deepEqual(d.handlers, [], `${what}: no event handler attribute`);
  assert.equal(d.refresh, 0, `${what}: no meta refresh`);
  assert.deepEqual(d.inlineScripts, [], `${what}: no inline script (the app's code is its own files)`);
  assert.equal(await p.locator('img[src="x"]').count(), 0, `${what}: no injected img`);
  assert.deepEqual(
    d.svgs.filter((s) => /alert|onload/.test(s)),
    [],
    `${what}: no injected svg`,
  );
}

before(async () => {
  server = await startClockedServer(() => shiftMs);
  assert.equal(
    (await fetch(`${server.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) })).status,
    201,
  );
  const tok = await fetch(`${server.url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password, name: 'e2e' }),
  });
  token = ((await tok.json()) as { token: string }).token;
  // The API cleans names (U+2028 becomes a space); the stored name here is what an old row or another program may hold.
  await server.core.db.updateTable('workspaces').set({ name: WORKSPACE }).execute();

  const c = await apiCall('POST', '/contacts', {
    name: CUSTOMER,
    emails: ['khach@example.vn'],
    consents: { email: { status: 'granted', source: 'cửa hàng' } },
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  ids.customer = c.body.id;
  const c2 = await apiCall('POST', '/contacts', {
    name: 'Anh Hai',
    emails: ['hai@example.vn'],
    consents: { email: { status: 'granted', source: 'cửa hàng' } },
  });
  ids.second = c2.body.id;
  const s = await apiCall('POST', '/surveys', {
    name: `${SCRIPT_BREAK} nội bộ`,
    title: { vi: TITLE },
    intro: { vi: INTRO },
    expiresDays: 1,
    questions: [
      { type: 'nps', text: { vi: QUESTION } },
      { type: 'single', text: { vi: `${REFRESH} Liên hệ qua đâu?` }, options: [{ vi: CHOICE }, { vi: SCRIPT_BREAK }] },
    ],
  });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  ids.survey = s.body.id;

  browser = await launchBrowser();
  hostile = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 900, height: 800 }, bypassCSP: true });
  page = watch(await hostile.newPage(), 'page');
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('hostile names on the pages a customer or an invited person opens', () => {
  step('the unsubscribe page: the workspace name is text, the page has its one script, and the button withdraws consent', async () => {
    const link = `${server.url}${new URL(unsubscribeUrl(server.core, ids.customer!)).pathname}`;
    navigations.length = 0;
    await page.goto(link);
    await page.locator('#b').waitFor();
    await assertServerPageInert(page, 'unsubscribe', 1);
    assert.equal(await page.locator('#q').textContent(), `Bạn không muốn nhận thư giới thiệu và ưu đãi từ ${WORKSPACE} nữa?`, 'the name, literally');
    assert.equal(await page.title(), 'Hủy nhận thư');
    await shot('hostile-unsubscribe');
    assert.equal((await apiCall('GET', `/contacts/${ids.customer}`)).body.consents.email.status, 'granted');
    await page.locator('#b').click();
    await page.locator('#b').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#q').textContent(), `Bạn sẽ không nhận thư giới thiệu từ ${WORKSPACE} nữa.`);
    assert.equal((await apiCall('GET', `/contacts/${ids.customer}`)).body.consents.email.status, 'denied', 'the button worked');
    await assertServerPageInert(page, 'unsubscribe, after the click', 1);
    await shot('hostile-unsubscribe-done');
    assert.deepEqual(navigations, [link], 'no navigation but the one the test made');
  });

  step('with the page’s CSP on (as customers get it), the button works too', async () => {
    const strict = await browser.newContext({ locale: 'vi-VN' });
    try {
      const p = watch(await strict.newPage(), 'csp');
      const violations: string[] = [];
      p.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await p.goto(`${server.url}${new URL(unsubscribeUrl(server.core, ids.second!)).pathname}`);
      await p.locator('#b').click();
      await p.locator('#b').waitFor({ state: 'detached' });
      assert.equal((await apiCall('GET', `/contacts/${ids.second}`)).body.consents.email.status, 'denied');
      assert.deepEqual(violations, [], 'nothing on the page was refused by the CSP: nothing was injected');
    } finally {
      await strict.close();
    }
  });

  step('the survey page: title, introduction, questions, choices and the customer’s name are text; the answer goes in', async () => {
    const inv = await apiCall('POST', `/surveys/${ids.survey}/invitations`, { contactId: ids.customer, locale: 'vi' });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    ids.link = `${server.url}${new URL(inv.body.url).pathname}`;
    navigations.length = 0;
    await page.goto(ids.link);
    await page.locator('#f').waitFor();
    await assertServerPageInert(page, 'survey', 1);
    assert.equal(await page.locator('h1').textContent(), TITLE);
    assert.equal(await page.title(), TITLE);
    assert.equal(await page.locator('.org').textContent(), WORKSPACE);
    assert.equal(await page.locator('.intro').textContent(), `Xin chào ${CUSTOMER}, ${INTRO}`);
    assert.equal(await page.locator('legend').first().textContent(), `1. ${QUESTION}`);
    assert.deepEqual(await page.locator('fieldset[data-type="single"] label').allTextContents(), [CHOICE, SCRIPT_BREAK]);
    await page.locator('fieldset[data-type="nps"] label').filter({ hasText: /^9$/ }).click();
    await page.locator('fieldset[data-type="single"] label').first().click();
    await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await page.getByText('Cảm ơn anh/chị đã dành thời gian trả lời!').waitFor();
    await shot('hostile-survey-thanks');
    await page.goto(ids.link);
    await page.getByText('Khảo sát này đã được trả lời. Cảm ơn anh/chị!').waitFor();
    await assertServerPageInert(page, 'answered', 0);
    assert.equal(await page.locator('h1').textContent(), TITLE);
    assert.equal(await page.locator('.org').textContent(), WORKSPACE);
    assert.deepEqual(navigations, [ids.link, ids.link]);
  });

  step('an expired link and a link that does not exist say so, with the names as text', async () => {
    const inv = await apiCall('POST', `/surveys/${ids.survey}/invitations`, { contactId: ids.second, locale: 'vi' });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    shiftMs = 3 * 86_400_000;
    try {
      await page.goto(`${server.url}${new URL(inv.body.url).pathname}`);
      await page.getByText('Đường dẫn khảo sát này đã hết hạn.').waitFor();
      await assertServerPageInert(page, 'expired', 0);
      assert.equal(await page.locator('h1').textContent(), TITLE);
      assert.equal(await page.locator('.org').textContent(), WORKSPACE);
    } finally {
      shiftMs = 0;
    }
    await page.goto(`${server.url}/s/${encodeURIComponent(SCRIPT_BREAK)}`);
    await page.locator('.done').waitFor();
    await assertServerPageInert(page, 'not found', 0);
  });

  step('the invitation page of the web app: the workspace name in its title is text', async () => {
    const inv = await apiCall('POST', '/invitations', { email: 'moi@gomxua.vn', role: 'admin' });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const link = `${server.url}${new URL(inv.body.url).pathname}`;
    navigations.length = 0;
    await page.goto(link);
    const heading = page.getByRole('heading', { level: 1 });
    await page.getByRole('button', { name: vi.invite.accept }).waitFor();
    assert.equal(await heading.textContent(), vi.invite.title.replace('{{workspace}}', WORKSPACE), 'the name literally, {{…}} not filled in');
    await assertAppPageInert(page, 'invitation');
    await shot('hostile-invitation');
    // Accepted with a hostile name of one's own: signed in, the app shows both as text.
    await page.getByLabel(vi.setup.name).fill(`${ATTR_BREAK} Nhân viên`);
    await page.getByLabel(vi.auth.password).fill('mật khẩu của nhân viên mới 2026');
    await page.getByRole('button', { name: vi.invite.accept }).click();
    // Signed in: the home page is the first screen; then to the contacts list.
    await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
    await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
    await page.getByText(CUSTOMER).first().waitFor();
    assert.equal(await page.getByTestId('workspace-name').textContent(), WORKSPACE);
    await assertAppPageInert(page, 'contacts, signed in');
    await shot('hostile-app-contacts');
  });

  step('the reset-password page with a hostile token: the refusal is text', async () => {
    const link = `${server.url}/reset-password?token=${encodeURIComponent(`${SCRIPT_BREAK}${ATTR_BREAK}`)}`;
    const fresh = watch(await hostile.newPage(), 'reset');
    try {
      await fresh.context().clearCookies();
      await fresh.goto(link);
      await fresh.getByRole('heading', { name: vi.auth.resetTitle, level: 1 }).waitFor();
      await fresh.getByLabel(vi.auth.newPassword).fill('một mật khẩu mới đủ dài 2026');
      await fresh.getByRole('button', { name: vi.auth.setPassword }).click();
      await fresh.getByRole('alert').waitFor();
      await assertAppPageInert(fresh, 'reset password');
    } finally {
      await fresh.close();
    }
  });

  step('no dialog opened and no page error on any page', async () => {
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });
});
