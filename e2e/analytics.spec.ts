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
        const o = await apiCall('POST', '/orders', { contactId: c.body.id, orderedAt: at, lines: [{ name: 'Trà', quantity: 1, unitPrice: 100_000 * (12 - i) }] });
        assert.equal(o.status, 201, JSON.stringify(o.body));
      }
    }
    await page.reload();
    await page.getByRole('heading', { name: vi.analytics.title, level: 1 }).waitFor();
    await page.locator('input[type="date"]').fill('2026-01-01');
    await page.getByTestId('rfm-summary').getByText(/12 khách hàng/).waitFor();
    await page.getByTestId('rfm-heatmap').locator('canvas').first().waitFor();
    await page.getByTestId('rfm-segments').locator('canvas').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: vi.analytics.csv }).first().click()]);
    assert.equal(download.suggestedFilename(), 'kith-rfm-2026-01-01.csv');
    const text = readFileSync(await download.path(), 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff, 'a BOM, so Excel reads UTF-8');
    const csv = text.slice(1).trimEnd().split('\n');
    assert.equal(csv[0], 'r,f,segment,customers,revenue');
    assert.equal(csv.length, 26, 'the header and the 25 cells');
    assert.equal(csv.slice(1).reduce((s, l) => s + Number(l.split(',')[3]), 0), 12, 'every customer in one cell');
    await accessible('analytics');
    await shot('a02-analytics');
    // Before anyone bought, nobody to score.
    await page.locator('input[type="date"]').fill('2025-01-01');
    await page.getByRole('heading', { name: vi.analytics.emptyTitle }).waitFor();
  });

  step('scores are computed and stored; a customer’s page shows their segment, their chance of still being a customer and their lifetime value', async () => {
    await page.getByTestId('score-run').getByText(vi.analytics.noRun).waitFor();
    await page.getByTestId('refresh-scores').click();
    await page.getByTestId('score-run').getByText(/Điểm của 12 khách hàng tính đến/).waitFor();
    const customers = (await apiCall('GET', '/contacts?limit=50&sort=name')).body.data as { id: string; name: string }[];
    const first = customers.find((c) => c.name === 'Khách 1')!;
    await page.goto(`${server.url}/contacts/${first.id}`);
    const card = page.getByTestId('customer-value');
    await card.getByTestId('value-segment').waitFor();
    assert.match(await card.getByTestId('value-segment').innerText(), /R\d F5 M\d/, 'the most frequent buyer');
    assert.match(await card.getByTestId('value-alive').innerText(), /^\d+%/);
    assert.match(await card.getByTestId('value-clv').innerText(), /₫/);
    await card.scrollIntoViewIfNeeded();
    await accessible('customer value');
    await shot('a03-customer-value');
    assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
  });
});
