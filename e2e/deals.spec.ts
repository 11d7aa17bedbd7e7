/**
 * Deals in the web app, in Debian's Chromium against the real server: the board of a new workspace's
 * Vietnamese pipeline, a deal dragged from one stage to another (its weighted value following the stage's
 * chance), moved to "won" from the keyboard with the card's stage menu, made into an order, seen in the
 * list view and on the customer's timeline. Screenshotted and axe-checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkspace, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Gốm Bát Tràng Xưa', name: 'Vũ Đức Long', email: 'long@gom.vn', password: 'mật khẩu xưởng gốm 2026' };

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
const ids: Record<string, string> = {};
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'deals-failed-step', url: () => server.url, token: () => token });
let pageErrors: string[] = [];

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page, server, token, pageErrors } = w);
  const customer = await apiCall('POST', '/contacts', { name: 'Khách sạn Sông Hồng', phones: ['0912 123 456'] });
  assert.equal(customer.status, 201, JSON.stringify(customer.body));
  ids.customer = customer.body.id;
  ids.deal = (
    await apiCall('POST', '/deals', { title: 'Bộ ấm chén cho 120 phòng', contactId: ids.customer, amount: 48_000_000, expectedClose: '2027-02-01' })
  ).body.id;
  await apiCall('POST', '/deals', { title: 'Bình hoa sảnh', contactId: ids.customer, amount: 12_000_000 });
});
after(() => w?.close());

describe('deals on the board, in Vietnamese', () => {
  step('the board shows the pipeline’s stages with their deals and values', async () => {
    await page.getByRole('link', { name: vi.nav.deals }).click();
    await page.getByRole('heading', { name: vi.deals.title, level: 1 }).waitFor();
    const first = page.getByTestId('stage-Mới');
    await first.getByText('Bộ ấm chén cho 120 phòng').waitFor();
    await first.getByRole('link', { name: 'Khách sạn Sông Hồng' }).first().waitFor();
    assert.match(await first.innerText(), /60\.000\.000\s?₫/, 'the stage’s value, VND the Vietnamese way');
    await accessible('deal board');
    await shot('k01-deal-board');
  });

  step('a deal dragged to “Đàm phán”: saved, and the weighted value follows', async () => {
    const card = page.getByTestId('deal-card').filter({ hasText: 'Bộ ấm chén cho 120 phòng' });
    await card.dragTo(page.getByTestId('stage-Đàm phán'));
    await page.getByTestId('stage-Đàm phán').getByText('Bộ ấm chén cho 120 phòng').waitFor();
    for (let i = 0; i < 50; i++) {
      if ((await apiCall('GET', `/deals/${ids.deal}`)).body.stageId !== (await apiCall('GET', '/pipelines')).body.data[0].stages[0].id) break;
      await page.waitForTimeout(100);
    }
    const d = await apiCall('GET', `/deals/${ids.deal}`);
    const stages = (await apiCall('GET', '/pipelines')).body.data[0].stages as { id: string; name: string }[];
    assert.equal(stages.find((s) => s.id === d.body.stageId)?.name, 'Đàm phán');
    await page
      .getByTestId('stage-Đàm phán')
      .getByText(/dự kiến 36\.000\.000/)
      .waitFor();
    await shot('k02-deal-dragged');
  });

  step('won from the keyboard with the card’s stage menu, then made into an order', async () => {
    await page.getByLabel(vi.deals.moveTo.replace('{{title}}', 'Bộ ấm chén cho 120 phòng')).selectOption({ label: 'Thắng' });
    const won = page.getByTestId('stage-Thắng');
    await won.getByText('Bộ ấm chén cho 120 phòng').waitFor();
    for (let i = 0; i < 50 && (await apiCall('GET', `/deals/${ids.deal}`)).body.status !== 'won'; i++) await page.waitForTimeout(100);
    await won.getByRole('button', { name: vi.deals.makeOrder }).click();
    await won.getByRole('link', { name: vi.deals.seeOrder }).waitFor();
    const d = await apiCall('GET', `/deals/${ids.deal}`);
    assert.equal(d.body.status, 'won');
    const order = await apiCall('GET', `/orders/${d.body.orderId}`);
    assert.deepEqual([order.body.total, order.body.contactId], [48_000_000, ids.customer]);
    await shot('k03-deal-won-order');
  });

  step('the list view, and the moves on the customer’s timeline', async () => {
    await page.getByRole('button', { name: vi.deals.list }).click();
    const list = page.getByTestId('deal-list');
    await list.getByText('Bình hoa sảnh').waitFor();
    assert.match(await list.innerText(), /Thắng/);
    await accessible('deal list');
    await shot('k04-deal-list');
    await page.goto(`${server.url}/contacts/${ids.customer}`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText(/Bộ ấm chén cho 120 phòng.*Đàm phán → Thắng/).waitFor();
  });

  step('the stages are set in the settings: a stage renamed, its chance changed', async () => {
    await page.goto(`${server.url}/settings/pipelines`);
    await page.getByTestId('stages-table').waitFor();
    await page.getByLabel(vi.settings.stageName.replace('{{n}}', '3')).fill('Đã gửi mẫu');
    await page.getByLabel(vi.settings.stageProbability.replace('{{n}}', '3')).fill('40');
    await accessible('pipeline settings');
    await page.getByRole('button', { name: vi.common.save }).click();
    await page.getByText(vi.settings.pipelineSaved).waitFor();
    const stage = (await apiCall('GET', '/pipelines')).body.data[0].stages[2];
    assert.deepEqual([stage.name, stage.probability], ['Đã gửi mẫu', 40]);
    await shot('k05-pipeline-settings');
    assert.deepEqual(pageErrors, []);
  });
});
