/**
 * Products and orders in the web app, in Debian's Chromium against the real server: a manager adds a
 * product, records an order for a customer with a catalogue line and a hand-typed line (fixing the line
 * the server refused), sees the totals worked out as they type, marks it paid, finds it on the
 * customer's page with the customer's stage moved by the purchase, and logs a call that joins the same
 * timeline. Every page is screenshotted and axe-checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startTestServer } from './browser.ts';
import { story } from './steps.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Tiệm trà Lá Sen', name: 'Phạm Thu Hà', email: 'ha@lasen.vn', password: 'mật khẩu của tiệm trà 2026' };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let token = '';
let customerId = '';
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'commerce-failed-step', url: () => server.url, token: () => token });
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  const setup = await fetch(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace: OWNER.workspace, name: OWNER.name, email: OWNER.email, password: OWNER.password }),
  });
  assert.equal(setup.status, 201);
  const tok = await fetch(`${server.url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password, name: 'e2e' }),
  });
  token = ((await tok.json()) as { token: string }).token;
  const c = await apiCall('POST', '/contacts', { name: 'Lê Minh Khôi', phones: ['0912 000 111'], lifecycleStage: 'prospect' });
  assert.equal(c.status, 201);
  customerId = c.body.id;
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 860 }, bypassCSP: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByLabel(vi.auth.email).fill(OWNER.email);
  await page.getByLabel(vi.auth.password).fill(OWNER.password);
  await page.getByRole('button', { name: vi.auth.signIn, exact: true }).click();
  // Signed in: the home page is the first screen; then to the contacts list.
  await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
  await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
  await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('products and orders, in Vietnamese', () => {
  step('empty states say what to do; a product is added with its price typed the Vietnamese way', async () => {
    await page.getByRole('link', { name: vi.nav.orders }).click();
    await page.getByRole('heading', { name: vi.orders.emptyTitle }).waitFor();
    await accessible('orders, empty');
    await shot('c01-orders-empty');
    await page.getByRole('link', { name: vi.nav.products }).click();
    await page.getByRole('heading', { name: vi.products.emptyTitle }).waitFor();
    await page.getByRole('button', { name: vi.products.new }).first().click();
    await page.getByLabel(vi.productFields.sku).fill('TRA-SEN-100');
    await page.getByLabel(vi.productFields.name).fill('Trà sen Tây Hồ 100g');
    await page.getByLabel(new RegExp(`^${vi.productFields.price}`)).fill('350.000');
    await accessible('product dialog');
    await shot('c02-product-dialog');
    await page.getByRole('button', { name: vi.common.create }).click();
    const table = page.getByTestId('products-table');
    await table.getByText('Trà sen Tây Hồ 100g').waitFor();
    assert.match(await table.innerText(), /350\.000\s?₫/, 'VND without decimals, Vietnamese grouping');
    await accessible('products');
    await shot('c03-products');
  });

  step('an order: a catalogue line and a typed line, totals as you type, the refused line named, then recorded', async () => {
    await page.goto(`${server.url}/orders`);
    await page.getByRole('button', { name: vi.orders.new }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('order-customer').fill('le minh');
    await dialog.getByRole('option', { name: 'Lê Minh Khôi' }).click();
    await dialog.getByText('Lê Minh Khôi').waitFor();
    const lines = dialog.getByTestId('order-line');
    await lines.nth(0).getByRole('button', { name: vi.orders.pickProduct }).click();
    await lines.nth(0).getByRole('combobox').fill('tra sen');
    await dialog.getByRole('option', { name: /Trà sen Tây Hồ 100g/ }).click();
    await lines.nth(0).getByLabel(vi.orders.quantity).fill('2');
    await dialog.getByRole('button', { name: vi.orders.addLine }).click();
    await lines.nth(1).getByPlaceholder(vi.orders.itemPlaceholder).fill('Hộp quà Tết');
    await dialog.getByLabel(vi.orders.shipping).fill('30.000');
    await dialog
      .getByTestId('order-totals')
      .getByText(/730\.000/)
      .waitFor();
    // The typed line has no price: the server refuses, naming that line's field; nothing is recorded.
    await dialog.getByRole('button', { name: vi.orders.record }).click();
    await lines.nth(1).locator('.field-error').waitFor();
    assert.equal((await apiCall('GET', '/orders')).body.data.length, 0);
    await accessible('order dialog with an error');
    await shot('c04-order-dialog-error');
    await lines.nth(1).getByLabel(vi.orders.unitPrice).fill('120.000');
    await lines.nth(1).getByLabel(vi.orders.lineDiscount).fill('20.000');
    await dialog
      .getByTestId('order-totals')
      .getByText(/830\.000/)
      .waitFor();
    await dialog.getByRole('button', { name: vi.orders.record }).click();
    await page.getByTestId('order-lines').waitFor();
    assert.match(await page.getByTestId('order-totals').innerText(), /830\.000/);
    const orders = (await apiCall('GET', '/orders')).body.data;
    assert.equal(orders.length, 1);
    assert.equal(orders[0].total, 830_000, 'the server computed the same total');
    await accessible('order page');
    await shot('c05-order');
  });

  step('the order moves along its statuses, and the purchase moved the customer’s stage', async () => {
    await page.getByRole('button', { name: vi.orders.moveTo.paid }).click();
    await page
      .getByRole('heading', { level: 1 })
      .getByText(enumLabel('orderStatus', 'paid', 'vi'))
      .waitFor();
    await page.getByRole('link', { name: 'Lê Minh Khôi' }).click();
    const card = page.getByTestId('customer-orders');
    await card.getByTestId('order-row').first().waitFor();
    assert.match(await card.innerText(), /830\.000/);
    assert.equal((await apiCall('GET', `/contacts/${customerId}`)).body.lifecycleStage, 'new_customer');
    await page
      .getByText(enumLabel('lifecycleStage', 'new_customer', 'vi'))
      .first()
      .waitFor();
    await accessible('contact page with orders');
    await shot('c06-contact-orders');
  });

  step('a call is logged on the customer’s page and joins the one timeline, with the order and the stage change', async () => {
    await page.getByRole('button', { name: vi.interactions.log }).click();
    const form = page.getByTestId('log-interaction');
    assert.equal(await form.getByLabel(vi.interactions.kind).inputValue(), 'call');
    assert.equal(await form.getByLabel(vi.interactions.channel).inputValue(), 'phone', 'a call is on the phone');
    await form.getByLabel(vi.interactions.minutes).fill('-3');
    await form.getByRole('button', { name: vi.interactions.save }).click();
    await form.locator('.field-error').waitFor();
    await form.getByLabel(vi.interactions.minutes).fill('4,5');
    await form.getByLabel(vi.interactions.outcome).fill('Hẹn giao thêm trước Tết');
    await form.getByLabel(vi.interactions.body).fill('Khách hỏi hộp quà <b>cao cấp</b>');
    await form.getByRole('button', { name: vi.interactions.save }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.locator('[data-kind="interaction"]').first().waitFor();
    const call = timeline.locator('[data-kind="interaction"]').first();
    assert.match(await call.innerText(), /Cuộc gọi · Điện thoại · Mình liên hệ · 4,5 phút · Hẹn giao thêm trước Tết/);
    assert.match(await call.innerText(), /<b>cao cấp<\/b>/, 'markup stays text');
    assert.equal(await timeline.locator('[data-kind="order"]').count(), 1);
    assert.ok((await timeline.locator('[data-kind="change"]').count()) >= 2, 'created, and moved by the order');
    await page
      .getByRole('group', { name: vi.timeline.show })
      .getByRole('button', { name: enumLabel('timelineKind', 'interaction', 'vi'), exact: true })
      .click();
    await timeline.locator('[data-kind="order"]').waitFor({ state: 'detached' });
    // The filtered page replaces the whole list: wait for it before counting what it holds.
    await timeline.locator('li[data-kind="interaction"]').waitFor();
    assert.equal(await timeline.locator('li[data-kind]').count(), 1);
    const calls = (await apiCall('GET', `/contacts/${customerId}/timeline?kinds=interaction`)).body.data;
    assert.equal(calls[0].interaction.durationSeconds, 270);
    await accessible('timeline with a call');
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    await shot('c08-timeline');
  });

  step('a task for today reminds on the navigation until it is ticked off', async () => {
    await page.goto(`${server.url}/tasks`);
    await page.getByRole('heading', { name: vi.tasks.emptyTitle }).waitFor();
    const form = page.getByTestId('new-task');
    await form.getByLabel(vi.tasks.newTitle).fill('Gọi lại cho anh Khôi về hộp quà Tết');
    await form.getByLabel(vi.tasks.due).fill('2020-01-01T09:00');
    await form.getByRole('button', { name: vi.tasks.add }).click();
    await page.getByTestId('tasks-overdue').getByText('Gọi lại cho anh Khôi về hộp quà Tết').waitFor();
    await page
      .getByTestId('task-badge')
      .getByText('1')
      .waitFor({ timeout: 70_000 })
      .catch(async () => {
        await page.reload();
        await page.getByTestId('task-badge').getByText('1').waitFor();
      });
    await accessible('tasks');
    await shot('c09-tasks');
    await page.getByRole('checkbox', { name: /Gọi lại cho anh Khôi/ }).click();
    await page.getByRole('heading', { name: vi.tasks.emptyTitle }).waitFor();
    const done = (await apiCall('GET', '/tasks?done=true')).body.data;
    assert.equal(done.length, 1);
    // A follow-up about the customer, from their page.
    await page.goto(`${server.url}/contacts/${customerId}`);
    const card = page.getByTestId('customer-tasks');
    await card.getByText(vi.tasks.noneForCustomer).waitFor();
    await card.getByRole('button', { name: vi.tasks.add }).click();
    await card.getByLabel(vi.tasks.newTitle).fill('Giao hộp quà trước 25 tháng Chạp');
    await card.getByRole('button', { name: vi.common.save }).click();
    await card.getByTestId('customer-task').getByText('Giao hộp quà trước 25 tháng Chạp').waitFor();
    const open = (await apiCall('GET', `/tasks?assignee=any&contactId=${customerId}`)).body.data;
    assert.equal(open[0].contactName, 'Lê Minh Khôi');
    await accessible('contact page with a follow-up');
  });

  step('the contact and order lists download as spreadsheet-safe CSV with what they show', async () => {
    await apiCall('POST', '/contacts', { name: '=1+1 Khách lạ', tags: ['lạ'] });
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('contact-row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    assert.match(download.suggestedFilename(), /^kith-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.match(text, /Lê Minh Khôi/);
    assert.match(text, /'=1\+1 Khách lạ/, 'a formula-looking name is neutralised');
    await page.goto(`${server.url}/orders`);
    await page
      .getByTestId('orders-summary')
      .getByText(/830\.000/)
      .waitFor();
    await accessible('orders');
    await shot('c07-orders');
    // The orders list downloads too, one row per line item: the file the orders import reads.
    const [lines] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-lines').click()]);
    assert.match(lines.suggestedFilename(), /^kith-orders-lines-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await lines.path(), 'utf8');
    assert.match(csv.split('\n')[0]!, /^\ufefforder number,order date,customer,phone,email,sku,product,quantity,unit price,discount,line total/);
    assert.equal(csv.trimEnd().split('\n').length, 3, 'a header and the order’s two lines');
    assert.match(csv, /TRA-SEN-100/);
    assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
  });
});
