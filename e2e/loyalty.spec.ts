/**
 * Loyalty in the web app, in Debian's Chromium against the real server, in Vietnamese: a new customer's
 * referrer recorded by code on their page, their first paid order earning points (and the referral rewarding
 * both), the tier rising to Bạc with the way to Vàng, a redemption (and one refused for more than the
 * balance), the referrer's page, the care reports (members per tier, top referrers), the loyalty settings,
 * and the mail settings with a survey invitation in the outbox. Screenshotted and axe-checked; what is on
 * screen is checked against the API.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { openWorkspace, SCREENSHOTS, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Trà Thái Nguyên Xanh', name: 'Hoàng Thu Trang', email: 'trang@traxanh.vn', password: 'mật khẩu khách thân thiết 2026' };
const CUSTOMER = 'Anh Nguyễn Văn Minh';
const REFERRER = 'Chị Lê Thu Trang';
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));
const n = (x: number) => new Intl.NumberFormat('vi-VN').format(x);

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
const ids: Record<string, string> = {};
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'loyalty-failed-step', url: () => server.url, token: () => token });
let pageErrors: string[] = [];

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page, server, token, pageErrors } = w);
  page.on('dialog', (d) => void d.accept());
  ids.customer = (await apiCall('POST', '/contacts', { name: CUSTOMER, phones: ['0903 111 222'], emails: ['minh.nguyen@example.vn'] })).body.id;
  ids.referrer = (await apiCall('POST', '/contacts', { name: REFERRER, phones: ['0912 333 444'] })).body.id;
  const s = await apiCall('POST', '/surveys', {
    name: 'Sau khi mua trà',
    title: { vi: 'Anh/chị thấy trà Thái Nguyên Xanh thế nào?' },
    questions: [{ type: 'nps', text: 'Anh/chị có giới thiệu chúng tôi cho bạn bè không?' }],
  });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  ids.survey = s.body.id;
});
after(() => w?.close());

describe('loyalty: points, tiers, referrals and the programme’s settings, in Vietnamese', () => {
  step('a new customer’s referrer, recorded by the referrer’s code before the first order', async () => {
    const code = (await apiCall('GET', `/contacts/${ids.referrer}/loyalty`)).body.referralCode as string;
    await page.goto(`${server.url}/contacts/${ids.customer}`);
    const card = page.getByTestId('customer-loyalty');
    await card.getByTestId('loyalty-balance').waitFor();
    assert.equal(await card.getByTestId('loyalty-balance').innerText(), '0');
    assert.equal(await card.getByTestId('loyalty-tier').innerText(), 'Thành viên');
    // A code nobody has: refused beside the field.
    await card.getByRole('button', { name: vi.loyalty.setReferrer }).click();
    await card.getByLabel(vi.loyalty.referrerCode).fill('ZZZZ2222');
    await card.getByRole('button', { name: vi.common.save }).click();
    await card.locator('.field-error').waitFor();
    await card.getByLabel(vi.loyalty.referrerCode).fill(code.toLowerCase());
    await card.getByRole('button', { name: vi.common.save }).click();
    await card.getByRole('link', { name: REFERRER }).waitFor();
    assert.equal((await apiCall('GET', `/contacts/${ids.customer}/loyalty`)).body.referredBy.id, ids.referrer);
  });

  step('the first paid order: points earned, the referral rewarded, the tier up to Bạc with the way to Vàng', async () => {
    const o = await apiCall('POST', '/orders', {
      contactId: ids.customer,
      status: 'paid',
      lines: [{ name: 'Trà Tân Cương đặc biệt 500 g', quantity: 4, unitPrice: 1_300_000 }],
    });
    assert.equal(o.status, 201, JSON.stringify(o.body));
    ids.orderNumber = o.body.number;
    const l = (await apiCall('GET', `/contacts/${ids.customer}/loyalty`)).body;
    // 5,200,000 ₫ at a point per 10,000 ₫, and 100 for being referred.
    assert.deepEqual([l.balance, l.tier.key, l.next.tier.key, l.next.missing], [620, 'silver', 'gold', 1380]);
    await page.reload();
    const card = page.getByTestId('customer-loyalty');
    await card.getByTestId('loyalty-balance').getByText(n(620)).waitFor();
    assert.equal(await card.getByTestId('loyalty-tier').innerText(), 'Bạc');
    assert.match(
      await card.getByTestId('tier-progress').innerText(),
      new RegExp(fill(vi.loyalty.toNext, { missing: n(1380), tier: 'Vàng', earned: n(620) }).replace(/[()]/g, '\\$&')),
    );
    assert.equal(await card.getByRole('progressbar').getAttribute('aria-valuenow'), '8', '(620 − 500) / (2,000 − 500)');
    const timeline = page.getByTestId('timeline');
    await timeline
      .locator('[data-loyalty="earn"]')
      .getByText(fill(vi.timeline.pointsEarned, { points: '+520' }))
      .waitFor();
    await timeline
      .locator('[data-loyalty="earn"]')
      .getByRole('link', { name: `#${ids.orderNumber}` })
      .waitFor();
    await timeline
      .locator('[data-loyalty="referee"]')
      .getByText(fill(vi.timeline.refereeReward, { points: '+100' }))
      .waitFor();
    await timeline
      .locator('[data-loyalty="tier"]')
      .getByText(fill(vi.timeline.tierUp, { tier: 'Bạc' }))
      .waitFor();
    await card.scrollIntoViewIfNeeded();
    await accessible('customer page with loyalty');
    await shot('l01-loyalty-card');
  });

  step('redeeming: never more than the balance; 100 points for a voucher, on the timeline', async () => {
    const card = page.getByTestId('customer-loyalty');
    await card.getByRole('button', { name: vi.loyalty.redeem }).click();
    const dialog = page.getByTestId('points-dialog');
    await dialog.waitFor();
    await page.getByLabel(vi.loyalty.pointsToRedeem).fill('10000');
    await page.getByLabel(vi.loyalty.reason).fill('Đổi voucher 100.000 ₫');
    await page.getByRole('dialog').getByRole('button', { name: vi.loyalty.redeemConfirm }).click();
    await dialog.locator('.field-error').waitFor();
    assert.equal((await apiCall('GET', `/contacts/${ids.customer}/loyalty`)).body.balance, 620, 'nothing redeemed');
    await page.getByLabel(vi.loyalty.pointsToRedeem).fill('100');
    await accessible('redeem dialog');
    await shot('l02-redeem');
    await page.getByRole('dialog').getByRole('button', { name: vi.loyalty.redeemConfirm }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByTestId('loyalty-balance').getByText(n(520)).waitFor();
    await page
      .getByTestId('timeline')
      .locator('[data-loyalty="redeem"]')
      .getByText(fill(vi.timeline.pointsRedeemed, { points: '100' }))
      .waitFor();
    const l = (await apiCall('GET', `/contacts/${ids.customer}/loyalty`)).body;
    assert.equal(l.balance, 520);
    assert.deepEqual(
      l.ledger.filter((e: { kind: string }) => e.kind === 'redeem').map((e: { points: number; reason: string }) => [e.points, e.reason]),
      [[-100, 'Đổi voucher 100.000 ₫']],
    );
    assert.equal(l.tier.key, 'silver', 'the tier is decided by points earned, not spent');
  });

  step('the referrer’s page: the referred customer bought, the reward is on their card', async () => {
    await page.getByTestId('customer-loyalty').getByRole('link', { name: REFERRER }).click();
    await page.getByRole('heading', { name: REFERRER, level: 1 }).waitFor();
    const card = page.getByTestId('customer-loyalty');
    await card.getByTestId('loyalty-balance').getByText(n(200)).waitFor();
    const referrals = card.getByTestId('referrals');
    await referrals.getByRole('link', { name: CUSTOMER }).waitFor();
    assert.match(await referrals.innerText(), new RegExp(vi.loyalty.rewarded));
    await page
      .getByTestId('timeline')
      .locator('[data-loyalty="referral"]')
      .getByText(fill(vi.timeline.referralReward, { points: '+200' }))
      .waitFor();
  });

  step('care reports: members per tier and the top referrers', async () => {
    await page.getByRole('link', { name: vi.nav.surveys, exact: true }).click();
    await page.getByRole('link', { name: vi.surveys.tabs.reports }).click();
    await page.getByRole('heading', { name: vi.careReports.title, level: 1 }).waitFor();
    const board = page.getByTestId('referral-leaderboard');
    await board.getByRole('link', { name: REFERRER }).waitFor();
    const row = board.locator('tr').filter({ hasText: REFERRER });
    assert.deepEqual((await row.locator('td').allInnerTexts()).slice(2), ['1', '1', '200']);
    await page.getByTestId('chart-tiers').locator('canvas').first().waitFor();
    const summary = (await apiCall('GET', '/loyalty/summary')).body;
    assert.deepEqual(
      summary.tiers.map((t: { key: string; members: number }) => [t.key, t.members]),
      [
        ['member', 1],
        ['silver', 1],
        ['gold', 0],
        ['diamond', 0],
      ],
    );
    await page.getByTestId('card-sla').getByText(vi.careReports.sla.empty).waitFor();
    await accessible('care reports');
    await shot('l03-care-reports');
  });

  step('the loyalty settings: a point per 20,000 ₫ from now on', async () => {
    await page.goto(`${server.url}/settings/loyalty`);
    const form = page.getByTestId('loyalty-settings');
    await form.getByTestId('tier-table').waitFor();
    assert.equal(await form.getByLabel(fill(vi.loyaltySettings.tierNameViOf, { n: 4 })).inputValue(), 'Kim cương');
    await form.getByLabel(vi.loyaltySettings.amountPerPoint).fill('20.000');
    await form.getByText(fill(vi.loyaltySettings.amountHint, { amount: '20.000 ₫' })).waitFor();
    await form.getByRole('button', { name: vi.common.save }).click();
    await page.getByText(vi.loyaltySettings.saved).waitFor();
    assert.equal((await apiCall('GET', '/loyalty/settings')).body.amountPerPoint, 20_000);
    // A threshold that does not rise is refused beside it.
    await form.getByLabel(fill(vi.loyaltySettings.thresholdOf, { n: 3 })).fill('400');
    await form.getByRole('button', { name: vi.common.save }).click();
    await form.getByText(vi.loyaltySettings.thresholdRise).waitFor();
    assert.equal((await apiCall('GET', '/loyalty/settings')).body.tiers[2].threshold, 2000);
    await form.getByLabel(fill(vi.loyaltySettings.thresholdOf, { n: 3 })).fill('2000');
    await form.getByRole('button', { name: vi.common.save }).click();
    await form.locator('.field-error').first().waitFor({ state: 'detached' });
    await accessible('loyalty settings');
    await page.getByRole('heading', { name: vi.settings.title, level: 1 }).scrollIntoViewIfNeeded();
    await shot('l04-loyalty-settings');
  });

  step('mail: a survey emailed from the customer’s page waits in the outbox; the SMTP password is write-only', async () => {
    await page.goto(`${server.url}/contacts/${ids.customer}`);
    await page.getByTestId('send-survey').click();
    await page.getByTestId('invite-dialog').waitFor();
    // The workspace has more than one survey by now (the built-in playbooks bring a CSAT survey): pick ours.
    await page.getByTestId('invite-dialog').getByLabel(vi.surveys.invite.survey, { exact: true }).selectOption({ label: 'Sau khi mua trà' });
    await page.getByLabel(vi.surveys.invite.byEmail).check();
    await page.getByRole('button', { name: vi.surveys.invite.sendEmail }).click();
    await page
      .getByTestId('invite-result')
      .getByText(fill(vi.surveys.invite.emailed, { name: CUSTOMER }))
      .waitFor();
    await page.getByRole('button', { name: vi.common.done }).click();

    // The job runner decides the mail's fate within a second or so (no consent: not sent); the page shows where it stands then.
    let mail = (await apiCall('GET', '/mail/outbox')).body.data[0];
    for (let i = 0; i < 50 && ['queued', 'sending'].includes(mail.status); i++) {
      await new Promise((r) => setTimeout(r, 200));
      mail = (await apiCall('GET', '/mail/outbox')).body.data[0];
    }
    await page.goto(`${server.url}/settings/mail`);
    const settings = page.getByTestId('mail-settings');
    await settings.getByTestId('mail-state').getByText(vi.mail.stateNone).waitFor();
    const row = settings.getByTestId('outbox-row').filter({ hasText: 'Anh/chị thấy trà Thái Nguyên Xanh thế nào?' });
    await row.waitFor();
    assert.match(await row.innerText(), /minh\.nguyen@example\.vn/);
    assert.match(await row.innerText(), new RegExp(enumLabel('mailStatus', mail.status, 'vi').replace(/[()]/g, '\\$&')));

    await settings.getByLabel(vi.mail.host, { exact: true }).fill('127.0.0.1');
    await settings.getByLabel(vi.mail.port, { exact: true }).fill('9');
    await settings.getByLabel(vi.mail.user, { exact: true }).fill('cskh@traxanh.vn');
    await settings.getByLabel(vi.mail.password, { exact: true }).fill('mật khẩu smtp bí mật');
    await settings.getByLabel(vi.mail.from, { exact: true }).fill('cskh@traxanh.vn');
    await settings.getByLabel(vi.mail.fromName, { exact: true }).fill('Trà Thái Nguyên Xanh');
    await settings.getByRole('button', { name: vi.common.save }).click();
    await page.getByText(vi.mail.saved).waitFor();
    await settings.getByTestId('mail-state').getByText(vi.mail.stateOwn).waitFor();
    assert.equal(await settings.getByLabel(vi.mail.password, { exact: true }).inputValue(), '', 'the password is never shown again');
    const saved = await apiCall('GET', '/mail/settings');
    assert.equal(saved.body.hasPassword, true);
    assert.ok(!JSON.stringify(saved.body).includes('bí mật'));
    // Nothing listens on port 9: the test message says what went wrong.
    await settings.getByRole('button', { name: vi.mail.sendTest }).click();
    await settings.getByTestId('mail-test-error').waitFor({ timeout: 60_000 });
    assert.match(await settings.getByTestId('mail-test-error').innerText(), new RegExp(`^${fill(vi.mail.testFailed, { detail: '' })}`));
    await accessible('mail settings');
    await page.getByRole('heading', { name: vi.settings.title, level: 1 }).scrollIntoViewIfNeeded();
    await shot('l05-mail-settings');
    await page.locator('.toast').first().waitFor({ state: 'detached' });
    await settings.getByTestId('outbox').screenshot({ path: join(SCREENSHOTS, 'l06-outbox.png') });
    assert.deepEqual(pageErrors, []);
  });
});
