/**
 * Care playbooks in the web app, in Debian's Chromium against the real server (its job runner in the same
 * process), in Vietnamese: a manager opens the built-in new-customer playbook, rewords a step and saves it
 * (the steps keep their ids, so customers already on it are not skipped), starts it for a customer from the
 * customer's page, sees day 0's thank-you email done by the job runner and the later steps scheduled, is told
 * the customer is already on it when starting it again, and stops it: the remaining steps are stopped.
 * Screenshotted and axe-checked; what is on screen is checked against the API.
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
const OWNER = { workspace: 'Nội thất Gỗ Việt', name: 'Võ Thị Thanh Hương', email: 'huong@goviet.vn', password: 'mật khẩu kịch bản chăm sóc 2026' };
const CUSTOMER = 'Chị Nguyễn Thị Lan';
const PLAYBOOK = 'Chăm sóc khách hàng mới';
const NEW_TITLE = 'Gọi hỏi thăm {{contact.firstName}} về bộ bàn ăn vừa giao';
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
const ids: Record<string, string> = {};
let stepIdsBefore: string[] = [];
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'playbooks-failed-step', url: () => server.url, token: () => token });
let pageErrors: string[] = [];
const dialogs: string[] = [];

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page, server, token, pageErrors } = w);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  const me = (await apiCall('GET', '/members')).body.data.find((m: { email: string }) => m.email === OWNER.email).userId;
  const customer = await apiCall('POST', '/contacts', {
    name: CUSTOMER,
    givenName: 'Lan',
    phones: ['0908 123 456'],
    emails: ['lan.nguyen@example.vn'],
    lifecycleStage: 'new_customer',
    ownerId: me,
  });
  assert.equal(customer.status, 201, JSON.stringify(customer.body));
  ids.customer = customer.body.id;
});
after(() => w?.close());

describe('a manager rewords the new-customer playbook and takes a customer through it, in Vietnamese', () => {
  step('the list: the three built-in playbooks, in Vietnamese, with who each is for', async () => {
    await page.getByRole('link', { name: vi.nav.playbooks }).click();
    await page.getByRole('heading', { name: vi.playbooks.title, level: 1 }).waitFor();
    const table = page.getByTestId('playbook-table');
    await table.getByRole('link', { name: PLAYBOOK }).waitFor();
    assert.equal(await page.getByTestId('playbook-row').count(), 3);
    const row = page.getByTestId('playbook-row').filter({ hasText: PLAYBOOK });
    const text = await row.innerText();
    assert.match(text, new RegExp(enumLabel('lifecycleStage', 'new_customer', 'vi')));
    assert.match(text, new RegExp(enumLabel('playbookStatus', 'active', 'vi')));
    assert.match(text, new RegExp(vi.playbooks.autoEnrollOff));
    assert.match(text, /\b4\b/, 'four steps');
    await page
      .getByTestId('playbook-row')
      .filter({ hasText: 'Chăm sóc khách hàng tiềm năng' })
      .getByText(`${enumLabel('lifecycleStage', 'lead', 'vi')}, ${enumLabel('lifecycleStage', 'prospect', 'vi')}`)
      .waitFor();
    const list = (await apiCall('GET', '/playbooks')).body.data as { id: string; key: string; steps: { id: string }[] }[];
    const pb = list.find((p) => p.key === 'new_customer')!;
    ids.playbook = pb.id;
    stepIdsBefore = pb.steps.map((s) => s.id);
    await accessible('playbook list');
    await shot('p01-playbooks');
  });

  step('the editor: reword the day-3 call and save; the steps keep their ids', async () => {
    await page.getByTestId('playbook-table').getByRole('link', { name: PLAYBOOK }).click();
    await page.getByRole('heading', { name: PLAYBOOK, level: 1 }).waitFor();
    const steps = page.getByTestId('playbook-step');
    assert.equal(await steps.count(), 4);
    assert.deepEqual(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))), ['email', 'task', 'survey', 'email']);
    assert.equal(await page.getByLabel(fill(vi.playbooks.editor.day, { n: 2 })).inputValue(), '3');
    // The survey step sends the built-in CSAT survey.
    assert.match(
      await page
        .getByLabel(fill(vi.playbooks.editor.survey, { n: 3 }))
        .locator('option:checked')
        .innerText(),
      /CSAT/,
    );
    await page.getByText('{{contact.firstName}}', { exact: true }).waitFor();
    const title = page.getByTestId('step-2-title');
    await title.fill(NEW_TITLE);
    await page.getByTestId('step-2-body').fill('Hỏi chị đã lắp đặt xong chưa, bàn ghế có trầy xước gì không.');
    await accessible('playbook editor');
    await page.getByRole('heading', { name: PLAYBOOK, level: 1 }).scrollIntoViewIfNeeded();
    await shot('p02-editor');
    await page.getByTestId('save-playbook').click();
    await page.getByText(fill(vi.playbooks.editor.saved, { name: PLAYBOOK })).waitFor();
    const after = (await apiCall('GET', `/playbooks/${ids.playbook}`)).body as { version: number; steps: { id: string; title: string; body: string | null }[] };
    assert.deepEqual(
      after.steps.map((s) => s.id),
      stepIdsBefore,
      'every step kept its id',
    );
    assert.equal(after.steps[1]!.title, NEW_TITLE);
    assert.equal(after.steps[1]!.body, 'Hỏi chị đã lắp đặt xong chưa, bàn ghế có trầy xước gì không.');
    assert.equal(after.version, 2);
  });

  step('the customer’s page: start the playbook; day 0’s email is done, the call is scheduled for day 3', async () => {
    await page.goto(`${server.url}/contacts/${ids.customer}`);
    await page.getByTestId('contact-name').getByText(CUSTOMER).waitFor();
    const card = page.getByTestId('customer-playbooks');
    await card.getByText(vi.playbooks.runs.none).waitFor();
    await card.getByLabel(vi.playbooks.runs.startLabel).selectOption({ label: PLAYBOOK });
    await card.getByRole('button', { name: vi.playbooks.runs.start }).click();
    const run = card.getByTestId('playbook-run');
    await run.waitFor();
    assert.equal(await run.getAttribute('data-status'), 'running');
    // The job runner (in the server's process) performs day 0 within a poll; the card refreshes while a step is due.
    await run.locator('[data-testid="run-step"][data-status="done"]').first().waitFor({ timeout: 20_000 });
    const rows = run.getByTestId('run-step');
    assert.equal(await rows.count(), 4);
    const first = await rows.nth(0).innerText();
    assert.match(first, new RegExp(`${fill(vi.playbooks.dayN, { n: 0 })}`));
    assert.match(first, /Cảm ơn anh\/chị đã tin chọn Nội thất Gỗ Việt/, 'the title as the customer reads it, variables filled in');
    await rows.nth(0).getByTestId('step-mail').waitFor();
    const second = await rows.nth(1).innerText();
    assert.match(second, new RegExp(fill(vi.playbooks.dayN, { n: 3 })));
    assert.match(second, new RegExp(enumLabel('playbookStepStatus', 'scheduled', 'vi')));
    assert.match(second, /Gọi hỏi thăm Lan về bộ bàn ăn vừa giao/, 'the new wording, greeting her by her given name');
    const api = (await apiCall('GET', `/contacts/${ids.customer}/playbook-runs`)).body.data as {
      id: string;
      status: string;
      steps: { status: string; outcome: { mailId?: string } | null }[];
    }[];
    assert.equal(api.length, 1);
    ids.run = api[0]!.id;
    assert.deepEqual(
      api[0]!.steps.map((s) => s.status),
      ['done', 'scheduled', 'scheduled', 'scheduled'],
    );
    assert.ok(api[0]!.steps[0]!.outcome?.mailId, 'day 0 queued an email');
    await accessible('customer runs');
    await card.scrollIntoViewIfNeeded();
    await shot('p03-customer-run');
  });

  step('starting it again says the customer is already on it (409)', async () => {
    const card = page.getByTestId('customer-playbooks');
    await card.getByLabel(vi.playbooks.runs.startLabel).selectOption({ label: PLAYBOOK });
    await card.getByRole('button', { name: vi.playbooks.runs.start }).click();
    await card.getByTestId('start-error').getByText(vi.playbooks.runs.alreadyRunning).waitFor();
    assert.equal((await apiCall('GET', `/contacts/${ids.customer}/playbook-runs`)).body.data.length, 1);
  });

  step('stop it: the remaining steps are stopped and will not run', async () => {
    const card = page.getByTestId('customer-playbooks');
    await card.getByRole('button', { name: fill(vi.playbooks.runs.stopNamed, { name: PLAYBOOK }) }).click();
    await card.locator('[data-testid="playbook-run"][data-status="stopped"]').waitFor();
    assert.deepEqual(dialogs, [fill(vi.playbooks.runs.confirmStop, { name: PLAYBOOK })]);
    const statuses = await card.getByTestId('run-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    assert.deepEqual(statuses, ['done', 'stopped', 'stopped', 'stopped']);
    await card.getByRole('button', { name: fill(vi.playbooks.runs.stopNamed, { name: PLAYBOOK }) }).waitFor({ state: 'detached' });
    const run = (await apiCall('GET', `/contacts/${ids.customer}/playbook-runs`)).body.data[0] as { status: string; steps: { status: string }[] };
    assert.equal(run.status, 'stopped');
    assert.deepEqual(
      run.steps.map((s) => s.status),
      ['done', 'stopped', 'stopped', 'stopped'],
    );
    const listed = (await apiCall('GET', `/playbooks/${ids.playbook}`)).body.runs;
    assert.deepEqual(listed, { running: 0, completed: 0, stopped: 1 });
    await accessible('stopped run');
    await card.scrollIntoViewIfNeeded();
    await shot('p04-customer-run-stopped');
    assert.deepEqual(pageErrors, []);
  });
});
