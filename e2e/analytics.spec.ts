/**
 * The analytics page in the web app, in Debian's Chromium against the real server: an empty workspace says
 * where RFM comes from; then, with a year of orders for a dozen customers, the RFM grid and the segments
 * are drawn, their data downloads as CSV, and an earlier as-of date redraws them. Screenshotted and
 * axe-checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkspace, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';
import { enumLabels } from '@kith/domain/labels/enums.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Trà Thái Nguyên', name: 'Hoàng Thu Trang', email: 'trang@tra.vn', password: 'mật khẩu đồi chè 2026' };

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'analytics-failed-step', url: () => server.url, token: () => token });
let pageErrors: string[] = [];

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page, server, token, pageErrors } = w);
});
after(() => w?.close());

describe('analytics, in Vietnamese', () => {
  step('without orders, the page says where the scores come from', async () => {
    await page.getByRole('link', { name: vi.nav.analytics }).click();
    await page.getByRole('heading', { name: vi.analytics.title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: vi.analytics.emptyTitle }).waitFor();
    await accessible('analytics, empty');
    await shot('a01-analytics-empty');
  });

  step('with a year of orders: the RFM grid and the segments, drawn; their data as CSV; an earlier date redraws them', async () => {
    // Twelve customers: customer i buys every (i + 1) × 15 days over 2025, the last ones rarely and long ago.
    for (let i = 0; i < 12; i++) {
      const c = await apiCall('POST', '/contacts', { name: `Khách ${i + 1}` });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      for (let d = 0; d < 360; d += (i + 1) * 15) {
        const at = new Date(Date.UTC(2025, 0, 5) + d * 86_400_000).toISOString();
        const o = await apiCall('POST', '/orders', {
          contactId: c.body.id,
          orderedAt: at,
          lines: [{ name: 'Trà', quantity: 1, unitPrice: 100_000 * (12 - i) }],
        });
        assert.equal(o.status, 201, JSON.stringify(o.body));
      }
    }
    await page.reload();
    await page.getByRole('heading', { name: vi.analytics.title, level: 1 }).waitFor();
    await page.getByTestId('as-of').fill('2026-01-01');
    await page
      .getByTestId('rfm-summary')
      .getByText(/12 khách hàng/)
      .waitFor();
    await page.getByTestId('rfm-heatmap').locator('canvas').first().waitFor();
    await page.getByTestId('rfm-segments').locator('canvas').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: vi.analytics.csv }).first().click()]);
    assert.equal(download.suggestedFilename(), 'kith-rfm-2026-01-01.csv');
    const text = readFileSync(await download.path(), 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff, 'a BOM, so Excel reads UTF-8');
    const csv = text.slice(1).trimEnd().split('\n');
    assert.equal(csv[0], 'r,f,segment,customers,revenue');
    assert.equal(csv.length, 26, 'the header and the 25 cells');
    assert.equal(
      csv.slice(1).reduce((s, l) => s + Number(l.split(',')[3]), 0),
      12,
      'every customer in one cell',
    );
    await accessible('analytics');
    await shot('a02-analytics');
    // Before anyone bought, nobody to score.
    await page.getByTestId('as-of').fill('2025-01-01');
    await page.getByRole('heading', { name: vi.analytics.emptyTitle }).waitFor();
  });

  step('scores are computed and stored; a customer’s page shows their segment, their chance of still being a customer and their lifetime value', async () => {
    await page.getByTestId('score-run').getByText(vi.analytics.noRun).waitFor();
    await page.getByTestId('refresh-scores').click();
    await page
      .getByTestId('score-run')
      .getByText(/Điểm của 12 khách hàng tính đến/)
      .waitFor();
    const customers = (await apiCall('GET', '/contacts?limit=50&sort=name')).body.data as { id: string; name: string }[];
    const first = customers.find((c) => c.name === 'Khách 1')!;
    await page.goto(`${server.url}/contacts/${first.id}`);
    const card = page.getByTestId('customer-value');
    await card.getByTestId('value-segment').waitFor();
    assert.match(await card.getByTestId('value-segment').innerText(), /R\d F5 M\d/, 'the most frequent buyer');
    assert.match(await card.getByTestId('value-alive').innerText(), /^\d+%/);
    assert.match(await card.getByTestId('value-clv').innerText(), /₫/);
    assert.ok(Object.values(enumLabels('valueTier', 'vi')).includes(await card.getByTestId('value-tier').locator('.badge').innerText()), 'a value tier');
    await page.getByTestId('customer-needs').waitFor();
    await card.scrollIntoViewIfNeeded();
    await accessible('customer value');
    await shot('a03-customer-value');
    assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
  });

  step('value and churn: lifetime value and P(alive) distributions, tiers, and the model checked on the second half of the year', async () => {
    // Half of the customers also buy filters, in another category, with their tea: a second category to cross-sell.
    const tea = (await apiCall('POST', '/product-categories', { name: 'Trà' })).body.id;
    const gear = (await apiCall('POST', '/product-categories', { name: 'Dụng cụ' })).body.id;
    const teaP = (await apiCall('POST', '/products', { sku: 'TRA-1', name: 'Trà Tân Cương', price: 100_000, categoryId: tea })).body.id;
    const filter = (await apiCall('POST', '/products', { sku: 'LOC-1', name: 'Phin lọc', price: 20_000, categoryId: gear })).body.id;
    const customers = (await apiCall('GET', '/contacts?limit=50&sort=name')).body.data as { id: string; name: string }[];
    for (const [i, c] of customers.entries()) {
      const lines = [
        { productId: teaP, name: 'Trà Tân Cương', quantity: 1, unitPrice: 100_000 },
        ...(i % 2 === 0 ? [{ productId: filter, name: 'Phin lọc', quantity: 1, unitPrice: 20_000 }] : []),
      ];
      assert.equal((await apiCall('POST', '/orders', { contactId: c.id, orderedAt: '2025-12-20T03:00:00Z', lines })).status, 201);
    }
    await page.goto(`${server.url}/analytics?tab=value`);
    await page.getByTestId('refresh-scores').click();
    await page.getByTestId('refresh-progress').waitFor({ state: 'detached' });
    for (const id of ['clv', 'p-alive', 'tiers', 'holdout', 'tracking']) await page.getByTestId(`chart-${id}`).locator('canvas').first().waitFor();
    assert.match(await page.getByTestId('model-params').innerText(), /BG\/NBD r = [\d,.]+/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('card-p-alive').getByRole('button', { name: vi.analytics.csv }).click(),
    ]);
    const rows = readFileSync(await download.path(), 'utf8')
      .slice(1)
      .trimEnd()
      .split('\n');
    assert.equal(rows[0], 'from,to,customers');
    assert.equal(
      rows.slice(1).reduce((s, l) => s + Number(l.split(',')[2]), 0),
      12,
      'every customer in one bar',
    );
    await accessible('analytics, value');
    await shot('a04-analytics-value');
  });

  step('acquisition, penetration, retention: new customers by source, revenue first and repeat, cohorts, categories per customer', async () => {
    await page.getByTestId('tab-customers').click();
    for (const id of ['acquisition', 'revenue', 'cohorts', 'depth', 'reach']) await page.getByTestId(`chart-${id}`).locator('canvas').first().waitFor();
    assert.match(await page.getByTestId('kpi-cross-sell').innerText(), /50%/, 'half bought in two categories');
    assert.match(await page.getByTestId('kpi-repeat').innerText(), /\d+%/);
    await page.getByTestId('acquisition-by').selectOption('channel');
    await accessible('analytics, customers');
    await shot('a05-analytics-customers');
    // Movement between segments on the RFM tab.
    await page.getByTestId('tab-rfm').click();
    await page.getByTestId('chart-movement').locator('canvas').first().waitFor();
    await page.getByTestId('card-movement').scrollIntoViewIfNeeded();
    await shot('a06-analytics-movement');
  });

  step('settings: the RFM grid is the workspace’s to edit; tier thresholds and costs', async () => {
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('grid-editor').waitFor();
    await page.getByTestId('cell-5-1').selectOption('promising');
    await page.getByTestId('setting-costPerOrder').fill('15000');
    await page.getByTestId('settings-save').click();
    await page.getByText(vi.analytics.settings.saved).waitFor();
    const saved = (await apiCall('GET', '/analytics/settings')).body;
    assert.equal(saved.rfmGrid[4][0], 'promising');
    assert.equal(saved.tiers.costPerOrder, 15000);
    await accessible('analytics, settings');
    await shot('a07-analytics-settings');
    assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
  });

  step('segments: built from AND/OR groups with a live count, saved, opened as a contact list and exported', async () => {
    await page.getByRole('link', { name: vi.nav.segments }).click();
    await page.getByRole('heading', { name: vi.segments.title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: vi.segments.emptyTitle }).waitFor();
    await shot('a08-segments-empty');
    await page.getByTestId('segment-new').click();
    const b = page.getByTestId('segment-builder');
    // Group 1: value tier is most valuable. OR group 2: bought gear AND P(alive) at least 0.1.
    await b.getByTestId('cond-0-0-field').selectOption('valueTier');
    await b.getByTestId('cond-0-0-op').selectOption('eq');
    await b.getByTestId('cond-0-0-value').selectOption('most_valuable');
    await b
      .getByTestId('segment-count')
      .getByText(/liên hệ phù hợp/)
      .waitFor();
    const mvc = Number((await b.getByTestId('segment-count').innerText()).replace(/\D/g, ''));
    assert.equal(mvc, 3, 'the top fifth of twelve');
    await b.getByTestId('add-group').click();
    await b.getByTestId('cond-1-0-field').selectOption('purchasedCategory');
    await b.getByTestId('cond-1-0-value').getByText('Dụng cụ').click();
    await b.getByTestId('add-condition-1').click();
    await b.getByTestId('cond-1-1-field').selectOption('pAlive');
    await b.getByTestId('cond-1-1-op').selectOption('gte');
    await b.getByTestId('cond-1-1-value').fill('0.1');
    // The live count follows: a number of matches again, now larger than the first group's alone.
    await page.waitForFunction("/^(?!3 )\\d+ liên hệ phù hợp/.test(document.querySelector('[data-testid=\"segment-count\"]')?.textContent ?? '')");
    const both = Number((await b.getByTestId('segment-count').innerText()).replace(/\D/g, ''));
    assert.ok(both > 3 && both <= 9, `${both}: the most valuable, or filter buyers still around`);
    await b.getByLabel(vi.segments.name).fill('Khách giá trị hoặc mua phụ kiện');
    await b.getByTestId('segment-sample').waitFor();
    await accessible('segment builder');
    await shot('a09-segment-builder');
    await b.getByTestId('segment-save').click();
    await page.getByTestId('segment-list').getByText('Khách giá trị hoặc mua phụ kiện').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), b.getByTestId('export-csv').click()]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\n');
    assert.equal(lines.length, both + 1, 'the header and the segment’s contacts');
    await b.getByTestId('segment-open').click();
    await page
      .getByTestId('segment-chip')
      .getByText(/Khách giá trị hoặc mua phụ kiện/)
      .waitFor();
    await page
      .getByTestId('contact-total')
      .getByText(new RegExp(`^${both} `))
      .waitFor();
    await shot('a10-segment-contacts');
    assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
  });
});
