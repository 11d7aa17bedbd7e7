/**
 * Accounts in the web app, in Debian's Chromium against the real server, in Vietnamese: an invitation
 * accepted by someone new (name and password) and by someone who already has an account (by signing in to
 * it, never by a password typed into the invitation — the page cannot tell which it is), an API token made
 * with the password that shows when it expires, and "sign out everywhere" that also revokes the tokens.
 * Screenshotted and axe-checked; what is on screen is checked against the API.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { openWorkspace, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Nhà sách Phương Nam Nhỏ', name: 'Trần Văn Khoa', email: 'khoa@phuongnam.vn', password: 'mật khẩu nhà sách 2026' };
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
let guest: BrowserContext;
let guestPage: Page;
let current: Page;
const { step, shot, accessible, apiCall } = story(() => current, { failedShot: 'accounts-failed-step', url: () => server.url, token: () => token });

before(async () => {
  w = await openWorkspace(OWNER, { width: 1280, height: 860 });
  ({ page, server, token } = w);
  guest = await w.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 420, height: 860 }, bypassCSP: true });
  guestPage = await guest.newPage();
  current = guestPage;
});
after(() => w?.close());

async function invite(email: string, role: string): Promise<string> {
  const r = await apiCall('POST', '/invitations', { email, role });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.url.replace(/^https?:\/\/[^/]+/, server.url);
}

describe('joining a workspace and keeping credentials in hand', () => {
  step('someone new accepts an invitation with a name and a password and lands in the workspace', async () => {
    const url = await invite('lan.nguyen@phuongnam.vn', 'agent');
    await guestPage.goto(url);
    await guestPage.getByRole('heading', { name: fill(vi.invite.title, { workspace: OWNER.workspace }) }).waitFor();
    // Both ways in are offered: the page does not know (and must not say) whether the address has an account.
    await guestPage.getByRole('button', { name: vi.invite.newAccount }).waitFor();
    await guestPage.getByRole('button', { name: vi.invite.haveAccount }).waitFor();
    await accessible('invitation page');
    await shot('accounts-01-invitation');
    await guestPage.getByLabel(vi.setup.name).fill('Nguyễn Thị Lan');
    await guestPage.getByLabel(vi.auth.password, { exact: true }).fill('sách mới mỗi ngày 2026');
    await guestPage.getByRole('button', { name: vi.invite.accept }).click();
    // Signed in: the home page is the first screen; then to the contacts list.
    await guestPage.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
    await guestPage.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
    await guestPage.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
    const members = (await apiCall('GET', '/members')).body.data as { email: string; role: string }[];
    assert.equal(members.find((m) => m.email === 'lan.nguyen@phuongnam.vn')?.role, 'agent');
    await guest.clearCookies();
  });

  step('someone with an account who fills in the new-account form is sent to sign in; signing in joins them', async () => {
    // Another workspace's owner, made through the API as an operator would.
    const other = await apiCall('POST', '/workspaces', { name: 'Chi nhánh Cần Thơ' });
    assert.equal(other.status, 201);
    const url = await invite('minh.le@phuongnam.vn', 'manager');
    const created = await fetch(`${url.replace('/invite/', '/api/v1/invitations/by-token/')}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lê Minh', password: 'cần thơ mùa nước nổi' }),
    });
    assert.equal(created.status, 200, 'Minh made an account through a first invitation');
    const second = await (async () => {
      // Minh is invited again, by the owner, into the Cần Thơ workspace (a token of that workspace).
      const r = await fetch(`${server.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: OWNER.email, password: OWNER.password, name: 'cần thơ', workspace: other.body.id }),
      });
      const tok = ((await r.json()) as { token: string }).token;
      const inv = await fetch(`${server.url}/api/v1/invitations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
        body: JSON.stringify({ email: 'minh.le@phuongnam.vn', role: 'agent' }),
      });
      return ((await inv.json()) as { url: string }).url.replace(/^https?:\/\/[^/]+/, server.url);
    })();
    await guestPage.goto(second);
    await guestPage.getByRole('heading', { name: fill(vi.invite.title, { workspace: 'Chi nhánh Cần Thơ' }) }).waitFor();
    await guestPage.getByLabel(vi.setup.name).fill('Lê Minh');
    await guestPage.getByLabel(vi.auth.password, { exact: true }).fill('a wrong guess of a password');
    await guestPage.getByRole('button', { name: vi.invite.accept }).click();
    // The answer is the same whatever password was typed: sign in to accept.
    await guestPage.getByRole('alert').filter({ hasText: vi.errors.reasons.sign_in_to_accept }).waitFor();
    assert.equal(await guestPage.getByLabel(vi.auth.email).inputValue(), 'minh.le@phuongnam.vn');
    await shot('accounts-02-sign-in-to-accept');
    await guestPage.getByLabel(vi.invite.existingPassword).fill('cần thơ mùa nước nổi');
    await guestPage.getByRole('button', { name: vi.invite.signInToAccept }).click();
    // Signed in: the home page is the first screen; then to the contacts list.
    await guestPage.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
    await guestPage.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
    await guestPage.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
    const session = await guestPage.evaluate(async () => (await (await fetch('/api/v1/auth/session')).json()) as { workspace: { name: string }; role: string });
    assert.deepEqual([session.workspace.name, session.role], ['Chi nhánh Cần Thơ', 'agent']);
    await guest.clearCookies();
  });

  step('an API token is made with the password, and the list shows when it expires', async () => {
    current = page;
    await page.goto(`${server.url}/settings/tokens`);
    await page.getByLabel(vi.settings.tokenName).fill('Website form');
    await page.getByLabel(vi.settings.tokenExpires).selectOption('30');
    await page.getByLabel(vi.settings.tokenPassword).fill('not my password');
    await page.getByRole('button', { name: vi.settings.createToken }).click();
    await page.getByText('The password is wrong').or(page.getByText(vi.errors.fixFields)).first().waitFor();
    await page.getByLabel(vi.settings.tokenPassword).fill(OWNER.password);
    await page.getByRole('button', { name: vi.settings.createToken }).click();
    const secret = await page.getByTestId('new-token').inputValue();
    assert.match(secret, /^kith_/);
    const me = await fetch(`${server.url}/api/v1/auth/tokens`, { headers: { authorization: `Bearer ${secret}` } });
    const made = ((await me.json()) as { data: { name: string; expiresAt: string }[] }).data.find((x) => x.name === 'Website form')!;
    assert.equal(Math.round((Date.parse(made.expiresAt) - Date.now()) / 86_400_000), 30);
    const row = page.getByRole('row').filter({ hasText: 'Website form' });
    await row.waitFor();
    // As the app formats dates (lib/formatters.ts): the user's language, medium style, the workspace's zone.
    const shown = new Intl.DateTimeFormat('vi', { dateStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(made.expiresAt));
    assert.ok((await row.innerText()).includes(shown), `the expiry ${shown} is in the row: ${await row.innerText()}`);
    await accessible('tokens');
    await shot('accounts-03-tokens');
    (globalThis as { secret?: string }).secret = secret;
  });

  step('sign out everywhere, with the tokens: the token stops working too', async () => {
    const secret = (globalThis as { secret?: string }).secret!;
    await page.goto(`${server.url}/settings/sessions`);
    await page.getByLabel(vi.settings.logoutAllTokens).check();
    await shot('accounts-04-sessions');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: vi.settings.logoutAll }).click();
    await page.getByRole('heading', { name: vi.auth.signInTitle }).waitFor();
    assert.equal((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status, 401);
    assert.equal((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status, 401, 'the story’s own token too');
  });
});
