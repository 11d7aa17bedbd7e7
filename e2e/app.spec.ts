/**
 * The web app, end to end, in Debian's Chromium against the real server and its built app: a new
 * business sets Kith up, signs in, adds a contact (fixing what the server refused), finds it again
 * by typing without diacritics, edits it in place, meets a concurrent edit, switches language, acts on
 * several contacts at once and signs out. Every page is screenshotted and checked with axe-core.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startTestServer } from './browser.ts';
import { story } from './steps.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { ACTIONS } from '@kith/domain/permissions/permissions.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/en.json'), 'utf8'));

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const OWNER = { workspace: 'Cửa hàng Hoa Sen', name: 'Trần Minh Quân', email: 'quan@hoasen.vn', password: 'một mật khẩu đủ dài 2026' };
let token = '';
const dialogs: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 860 }, bypassCSP: true });
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'failed-step', url: () => server.url, token: () => token });

describe('a new business, in Vietnamese', () => {
  step('setup creates the workspace and its owner, then lands in the app', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: vi.setup.title }).waitFor();
    assert.equal(await page.evaluate<string>('document.documentElement.lang'), 'vi', 'the browser’s language picks Vietnamese');
    await accessible('setup');
    await shot('01-setup');
    await page.getByLabel(vi.setup.workspace).fill(OWNER.workspace);
    await page.getByLabel(vi.setup.name).fill(OWNER.name);
    await page.getByLabel(vi.auth.email).fill(OWNER.email);
    await page.getByLabel(vi.auth.password).fill('123');
    await page.getByRole('button', { name: vi.setup.submit }).click();
    await page.locator('.field-error').first().waitFor();
    assert.match(await page.locator('.field-error').first().innerText(), /8/, 'the password rule comes back beside the field');
    await page.getByLabel(vi.auth.password).fill(OWNER.password);
    await page.getByRole('button', { name: vi.setup.submit }).click();
    // Signed in: the home page is the first screen; then to the contacts list.
    await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
    await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
    assert.equal(await page.getByTestId('workspace-name').innerText(), OWNER.workspace);
    await page.getByRole('heading', { name: vi.contacts.emptyTitle }).waitFor();
    await accessible('contacts, empty');
    await shot('02-contacts-empty');
  });

  step('sign out, then sign in again (a wrong password is refused first)', async () => {
    await page.getByRole('button', { name: new RegExp(OWNER.name) }).click();
    await page.getByRole('menuitem', { name: vi.nav.signOut }).click();
    await page.getByRole('heading', { name: vi.auth.signInTitle }).waitFor();
    await accessible('sign-in');
    await shot('03-sign-in');
    await page.getByLabel(vi.auth.email).fill(OWNER.email);
    await page.getByLabel(vi.auth.password).fill('sai mật khẩu rồi');
    await page.getByRole('button', { name: vi.auth.signIn, exact: true }).click();
    await page.getByText(vi.auth.wrongCredentials).waitFor();
    await page.getByLabel(vi.auth.password).fill(OWNER.password);
    await page.getByRole('button', { name: vi.auth.signIn, exact: true }).click();
    // Signed in: the home page is the first screen; then to the contacts list.
    await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
    await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
    const r = await fetch(`${server.url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OWNER.email, password: OWNER.password, name: 'e2e' }),
    });
    assert.equal(r.status, 201);
    token = ((await r.json()) as { token: string }).token;
  });

  step('a new contact: the server’s message for a bad phone shows beside it, and the fixed contact is saved', async () => {
    await page.getByRole('button', { name: vi.contacts.new }).first().click();
    const dialog = page.getByRole('dialog', { name: vi.contacts.new });
    await dialog.getByLabel(vi.contactFields.name).fill('Nguyễn Thị Hồng Nhung');
    await dialog.getByLabel(vi.contactFields.phone).fill('0912 34');
    await dialog.getByLabel(vi.contactFields.email).fill(' Nhung.Nguyen@Example.com ');
    await shot('04-new-contact');
    await dialog.getByRole('button', { name: vi.common.create }).click();
    const err = dialog.locator('.field-error');
    await err.waitFor();
    assert.ok((await err.innerText()).length > 3, 'a message names what is wrong with the phone');
    assert.equal(await dialog.getByLabel(vi.contactFields.phone).getAttribute('aria-invalid'), 'true');
    await accessible('new contact with an error');
    await shot('05-new-contact-error');
    await dialog.getByLabel(vi.contactFields.phone).fill('0912 345 678');
    await dialog.getByRole('button', { name: vi.common.create }).click();
    await page.getByTestId('contact-name').waitFor();
    assert.equal(await page.getByTestId('contact-name').innerText(), 'Nguyễn Thị Hồng Nhung');
    const list = await apiCall('GET', '/contacts?q=0912345678');
    assert.equal(list.body.data.length, 1);
    assert.deepEqual(list.body.data[0].phones, ['+84912345678']);
    assert.deepEqual(list.body.data[0].emails, ['nhung.nguyen@example.com']);
  });

  step('typed without diacritics, the global search finds her; markup in a name stays text', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      name: `Khách Mẫu ${String(i + 1).padStart(2, '0')}`,
      phones: [`09${String(10000000 + i * 7919).slice(0, 8)}`],
      tags: i % 3 === 0 ? ['sỉ'] : [],
    }));
    items.push({ name: '<img src=x onerror=alert(1)> Bobby', phones: [], tags: [] });
    const bulk = await apiCall('POST', '/contacts/bulk', { items });
    assert.equal(bulk.status, 201, JSON.stringify(bulk.body));
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('contact-row').first().waitFor();
    const search = page.getByRole('combobox', { name: vi.search.label });
    await page.keyboard.press('/');
    assert.equal(await search.evaluate((el) => el === el.ownerDocument.activeElement), true, '"/" focuses the search box');
    await page.keyboard.type('nguyen thi hong nh', { delay: 40 });
    const option = page.getByRole('option', { name: /Nguyễn Thị Hồng Nhung/ });
    await option.waitFor();
    await shot('06-global-search');
    await page.keyboard.press('Enter');
    await page.getByTestId('contact-name').waitFor();
    assert.match(page.url(), /\/contacts\/[0-9a-f-]{36}$/);

    await page.goto(`${server.url}/contacts`);
    await page.getByRole('searchbox', { name: vi.contacts.search }).fill('bobby');
    await page.getByRole('link', { name: '<img src=x onerror=alert(1)> Bobby' }).waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was made from the name');
    assert.deepEqual(dialogs, [], 'no script ran');
  });

  step('the contacts list: total, sort, filter and columns', async () => {
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('contact-row').first().waitFor();
    await page.getByTestId('contact-total').getByText('42').waitFor();
    await accessible('contacts list');
    await shot('07-contacts');
    await page.getByRole('button', { name: new RegExp(`^${vi.contactFields.name}`) }).click();
    await page.locator('[role="columnheader"][aria-sort="ascending"]').waitFor();
    const first = await page.getByTestId('contact-row').first().getByRole('link').first().innerText();
    assert.equal(first, '<img src=x onerror=alert(1)> Bobby', 'sorted by name, A first');
    await page.getByRole('button', { name: vi.filters.add }).click();
    const panel = page.getByRole('dialog', { name: vi.filters.add });
    await panel.getByLabel(vi.filters.field).selectOption('tags');
    await panel.getByLabel(vi.filters.value).fill('sỉ');
    await panel.getByRole('button', { name: vi.filters.apply }).click();
    await page.getByTestId('contact-total').getByText('14').waitFor();
    assert.equal(await page.getByTestId('contact-row').count(), 14);
    await shot('08-contacts-filtered');
    await page.getByRole('button', { name: vi.filters.clearAll }).click();
    await page.getByTestId('contact-total').getByText('42').waitFor();
  });

  step('inline edit saves one field; a concurrent change is shown, never overwritten, and reload brings it', async () => {
    const found = await apiCall('GET', '/contacts?q=nhung');
    const id = found.body.data[0].id as string;
    await page.goto(`${server.url}/contacts/${id}`);
    await page.getByTestId('contact-name').waitFor();
    await accessible('contact page');
    await shot('09-contact');
    await page.getByTestId('field-occupation').click();
    await page.getByTestId('field-occupation-input').fill('Kế toán');
    await page.keyboard.press('Enter');
    await page.getByTestId('field-occupation').getByText('Kế toán').waitFor();
    assert.equal((await apiCall('GET', `/contacts/${id}`)).body.occupation, 'Kế toán');

    await page.getByTestId('field-householdSize').click();
    await page.getByTestId('field-householdSize-input').fill('1000');
    await page.keyboard.press('Enter');
    await page.getByTestId('field-householdSize-error').waitFor();
    await page.waitForFunction("document.activeElement?.getAttribute('data-testid') === 'field-householdSize-input'", null, { timeout: 2000 });
    await shot('10-contact-field-error');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('field-householdSize-error').count(), 0, 'Escape cancels the edit and its error');

    // Someone else changes her while the page is open.
    const cur = await apiCall('GET', `/contacts/${id}`);
    const other = await apiCall('PATCH', `/contacts/${id}`, { jobTitle: 'Trưởng phòng' }, { 'if-match': cur.etag! });
    assert.equal(other.status, 200);
    await page.getByTestId('field-source').click();
    await page.getByTestId('field-source-input').fill('Facebook');
    await page.keyboard.press('Enter');
    await page.getByTestId('conflict').waitFor();
    await shot('11-contact-conflict');
    const after = await apiCall('GET', `/contacts/${id}`);
    assert.equal(after.body.source, null, 'the stale edit was not written');
    assert.equal(after.body.jobTitle, 'Trưởng phòng');
    await page.getByTestId('conflict').getByRole('button', { name: vi.record.reload }).click();
    await page.getByTestId('field-jobTitle').getByText('Trưởng phòng').waitFor();
    assert.equal(await page.getByTestId('conflict').count(), 0);
    await page.getByTestId('timeline').getByText(vi.timeline.actions.update).first().waitFor();
  });

  step('English and back: every screen follows, and the choice is remembered on the account', async () => {
    await page.goto(`${server.url}/contacts`);
    await page.getByRole('button', { name: new RegExp(OWNER.name) }).click();
    await page.getByRole('menuitem', { name: `${vi.settings.language}: English` }).click();
    await page.getByRole('heading', { name: en.contacts.title, level: 1 }).waitFor();
    assert.equal(await page.evaluate<string>('document.documentElement.lang'), 'en');
    const session = await page.evaluate(async () => (await (await fetch('/api/v1/auth/session')).json()) as { user: { locale: string } });
    assert.equal(session.user.locale, 'en');
    await page.getByTestId('contact-row').first().waitFor();
    await shot('12-contacts-english');
    await page.goto(`${server.url}/settings/profile`);
    await page.getByRole('heading', { name: en.settings.title }).waitFor();
    await accessible('settings (en)');
    await page.getByLabel(en.settings.language).selectOption('vi');
    await page.getByRole('heading', { name: vi.settings.title }).waitFor();
  });

  step('a bulk action reports the contact it could not change, and does the others', async () => {
    await page.goto(`${server.url}/contacts`);
    await page.getByRole('searchbox', { name: vi.contacts.search }).fill('khach mau');
    await page.getByTestId('contact-total').getByText('40').waitFor();
    const rows = page.getByTestId('contact-row');
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      names.push(await rows.nth(i).getByRole('link').first().innerText());
      await rows.nth(i).getByRole('checkbox').check();
    }
    await page.getByRole('region', { name: vi.bulk.region }).waitFor();
    // One of them is deleted by someone else before the action runs.
    const gone = (await apiCall('GET', `/contacts?q=${encodeURIComponent(names[1]!)}`)).body.data[0].id;
    assert.equal((await apiCall('DELETE', `/contacts/${gone}`)).status, 204);
    await page.getByRole('button', { name: vi.bulk.addTag }).click();
    await page.getByRole('dialog').getByLabel(vi.bulk.tags, { exact: true }).fill('vip');
    await shot('13-bulk-tag');
    await page.getByRole('dialog').getByRole('button', { name: vi.common.apply }).click();
    const report = page.getByTestId('bulk-report');
    await report.waitFor();
    assert.match(await report.innerText(), new RegExp(names[1]!));
    await shot('14-bulk-report');
    await page.getByRole('dialog', { name: vi.bulk.reportTitle }).getByRole('button', { name: vi.common.close }).last().click();
    for (const n of [names[0]!, names[2]!]) {
      const c = (await apiCall('GET', `/contacts?q=${encodeURIComponent(n)}`)).body.data[0];
      assert.ok(c.tags.includes('vip'), `${n} was tagged`);
    }
  });

  step('companies and settings pages render and pass axe', async () => {
    const co = await apiCall('POST', '/companies', { name: 'Công ty TNHH Sen Vàng', domain: 'senvang.vn' });
    assert.equal(co.status, 201);
    // Link a contact to it from the contact's page: type part of the name, without diacritics, and pick it.
    const person = (await apiCall('GET', '/contacts?limit=1')).body.data[0];
    await page.goto(`${server.url}/contacts/${person.id}`);
    await page.getByTestId('field-company').click();
    await page.getByTestId('field-company-input').fill('sen vang');
    const option = page.getByRole('option', { name: 'Công ty TNHH Sen Vàng' });
    await option.waitFor();
    await accessible('company lookup');
    await shot('15-company-lookup');
    await option.click();
    await page.getByTestId('field-company').getByText('Công ty TNHH Sen Vàng').waitFor();
    assert.equal((await apiCall('GET', `/contacts/${person.id}`)).body.companyId, co.body.id);
    await page.goto(`${server.url}/companies`);
    await page.getByRole('link', { name: 'Công ty TNHH Sen Vàng' }).click();
    await page.getByRole('heading', { name: 'Công ty TNHH Sen Vàng' }).waitFor();
    await page.getByRole('link', { name: person.name }).waitFor();
    await accessible('company page');
    await shot('15-company');
    for (const tab of ['workspace', 'members', 'teams', 'roles', 'fields', 'tokens', 'sessions'] as const) {
      await page.goto(`${server.url}/settings/${tab}`);
      await page.getByRole('link', { name: vi.settings.tabs[tab] }).and(page.locator('[aria-current="page"]')).waitFor();
      await page.waitForLoadState('networkidle');
      await accessible(`settings/${tab}`);
      await shot(`16-settings-${tab}`);
      if (tab === 'roles') {
        // Every permission by its name, none as a raw key (permissions.deals_read) or a code (deals.read).
        const text = await page.locator('main').innerText();
        for (const action of Object.keys(ACTIONS)) assert.ok(text.includes(enumLabel('permission', action, 'vi')), action);
        assert.doesNotMatch(text, /permissions\.|\b[a-z_]+\.(read|write|manage|update|create|delete)\b/);
      }
    }
  });

  step('the dark theme: chosen in the profile, remembered, and as accessible', async () => {
    await page.goto(`${server.url}/settings/profile`);
    await page.getByLabel(vi.settings.theme).selectOption('dark');
    assert.equal(await page.evaluate<string | undefined>('document.documentElement.dataset.theme'), 'dark');
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('contact-row').first().waitFor();
    assert.equal(await page.evaluate<string | undefined>('document.documentElement.dataset.theme'), 'dark', 'kept across a reload');
    await accessible('contacts (dark)');
    await shot('17-contacts-dark');
    await page.getByTestId('contact-row').first().getByRole('link').first().click();
    await page.getByTestId('contact-name').waitFor();
    await accessible('contact page (dark)');
    await shot('18-contact-dark');
    await page.goto(`${server.url}/settings/profile`);
    await page.getByLabel(vi.settings.theme).selectOption('light');
  });

  step('sign out ends the session', async () => {
    await page.goto(`${server.url}/contacts`);
    await page.getByRole('button', { name: new RegExp(OWNER.name) }).click();
    await page.getByRole('menuitem', { name: vi.nav.signOut }).click();
    await page.getByRole('heading', { name: vi.auth.signInTitle }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).status);
    assert.equal(status, 401);
    assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
  });
});
