/**
 * Duplicate contacts in the web app, in Debian's Chromium against the real server: two records of one
 * customer (one phone, two spellings of her name), flagged on the contact's page as they are created, the
 * pair reviewed side by side with its reasons, the name chosen from the other record, merged (her order
 * moves to the one that stays), undone, and merged again. Screenshotted and axe-checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkspace, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Tiệm bánh Mai', name: 'Lý Thanh Mai', email: 'mai@banh.vn', password: 'mật khẩu tiệm bánh 2026' };

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
const ids: Record<string, string> = {};
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'duplicates-failed-step', url: () => server.url, token: () => token });
let pageErrors: string[] = [];

before(async () => {
  w = await openWorkspace(OWNER);
  ({ page, server, token, pageErrors } = w);
  ids.old = (await apiCall('POST', '/contacts', { name: 'Nguyen Thi Hong', phones: ['0912 345 678'], birthday: '1990-01-25', tags: ['vip'] })).body.id;
  ids.fresh = (
    await apiCall('POST', '/contacts', { name: 'Nguyễn Thị Hồng', phones: ['+84 912 345 678'], emails: ['hong@example.vn'], occupation: 'Giáo viên' })
  ).body.id;
  const order = await apiCall('POST', '/orders', { contactId: ids.fresh, lines: [{ name: 'Bánh pía', quantity: 2, unitPrice: 45_000 }] });
  assert.equal(order.status, 201);
  ids.order = order.body.id;
});
after(() => w?.close());

describe('one customer, one record, in Vietnamese', () => {
  step('the new record’s page says it may be the same person as the old one', async () => {
    await page.goto(`${server.url}/contacts/${ids.fresh}`);
    const banner = page.getByTestId('duplicate-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Nguyen Thi Hong/);
    await shot('d01-contact-duplicate-banner');
  });

  step('the pair side by side with its reasons; the name taken from the other record; merged, with the order moved', async () => {
    await page.getByTestId('duplicate-banner').getByRole('link', { name: vi.duplicates.review }).click();
    await page.getByRole('heading', { name: vi.duplicates.title, level: 1 }).waitFor();
    const card = page.getByTestId('duplicate-pair');
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, new RegExp(enumLabel('duplicateReason', 'same_phone', 'vi')));
    assert.match(text, new RegExp(enumLabel('duplicateReason', 'same_name', 'vi')));
    await accessible('duplicates review');
    await shot('d02-duplicates-review');
    // The older record stays; its name is the unaccented one: keep the other's spelling.
    await card.getByRole('radio', { name: new RegExp('Nguyễn Thị Hồng') }).check();
    await card.getByTestId('merge-pair').click();
    await page.getByTestId('pair-merged').waitFor();
    const survivor = await apiCall('GET', `/contacts/${ids.old}`);
    assert.equal(survivor.body.name, 'Nguyễn Thị Hồng');
    assert.deepEqual([survivor.body.emails, survivor.body.occupation, survivor.body.tags], [['hong@example.vn'], 'Giáo viên', ['vip']]);
    assert.equal((await apiCall('GET', `/orders/${ids.order}`)).body.contactId, ids.old);
    assert.equal((await apiCall('GET', `/contacts/${ids.fresh}`)).status, 404);
    await shot('d03-duplicates-merged');
  });

  step('undone, then merged again; the contact list holds one record', async () => {
    await page.getByTestId('undo-merge').click();
    await page.getByTestId('duplicate-pair').waitFor();
    assert.equal((await apiCall('GET', `/contacts/${ids.fresh}`)).status, 200);
    assert.equal((await apiCall('GET', `/orders/${ids.order}`)).body.contactId, ids.fresh);
    await page.getByTestId('merge-pair').click();
    await page.getByTestId('pair-merged').waitFor();
    await page.getByRole('link', { name: vi.duplicates.open }).click();
    await page.waitForURL(new RegExp(`/contacts/${ids.old}$`));
    await page.getByTestId('contact-name').filter({ hasText: 'Nguyễn Thị Hồng' }).waitFor();
    assert.equal(await page.getByTestId('duplicate-banner').count(), 0, 'no duplicate left to flag');
    await shot('d04-contact-after-merge');
    const list = await apiCall('GET', '/contacts?includeTotal=true');
    assert.equal(list.body.total, 1);
    assert.deepEqual(pageErrors, []);
  });
});
