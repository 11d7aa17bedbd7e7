/**
 * Training in the web app, in Debian's Chromium against the real server, in Vietnamese: the owner sets up the
 * catalogue through the API (a complaint-handling course valid 12 months and a product course, both required of
 * the care team's agents) and records the product course for the agent; the team's manager signs in, finds the
 * agent's complaint-handling cell missing in the competency matrix, records the course with a score and evidence
 * (an http link refused beside its field, then an https one), and sees the cell turn valid and the coverage reach
 * 100%. Screenshotted and axe-checked; what is on screen is checked against the API.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { openWorkspace, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Điện máy Sông Hàn', name: 'Võ Thị Ngọc Ánh', email: 'anh@dienmaysonghan.vn', password: 'mật khẩu đào tạo 2026 sông hàn' };
const MANAGER = { name: 'Trần Thu Hà', email: 'ha@dienmaysonghan.vn', password: 'quản lý chăm sóc khách 2026', role: 'manager' };
const AGENT = { name: 'Lê Văn Nam', email: 'nam@dienmaysonghan.vn', password: 'nhân viên tổng đài 2026 nam', role: 'agent' };
const COMPLAINTS = 'Kỹ năng xử lý khiếu nại';
const PRODUCT = 'Kiến thức sản phẩm điều hòa 2026';
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));
/** A day some days ago, in Vietnam (the workspace's time zone), as YYYY-MM-DD. */
const daysAgo = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - n * 86_400_000),
  );

let w: OpenWorkspace;
let ownerPage: Page;
let page: Page;
let context: BrowserContext;
let server: OpenWorkspace['server'];
let token = '';
let pageErrors: string[] = [];
const ids: Record<string, string> = {};
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'training-failed-step', url: () => server.url, token: () => token });

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page: ownerPage, server, token, pageErrors } = w);
  const team = await apiCall('POST', '/teams', { name: 'Chăm sóc khách hàng' });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  ids.team = team.body.id;
  for (const c of [MANAGER, AGENT]) {
    const inv = await apiCall('POST', '/invitations', { email: c.email, role: c.role, teamId: ids.team });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const url = `${server.url}${new URL(inv.body.url).pathname}`;
    const accepted = await fetch(`${url.replace('/invite/', '/api/v1/invitations/by-token/')}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: c.name, password: c.password }),
    });
    assert.equal(accepted.status, 200, `${c.name} joins`);
  }
  const members = (await apiCall('GET', '/members')).body.data as { userId: string; email: string }[];
  ids.agent = members.find((m) => m.email === AGENT.email)!.userId;
  ids.manager = members.find((m) => m.email === MANAGER.email)!.userId;
  const competency = await apiCall('POST', '/training/competencies', { name: 'Xử lý khiếu nại' });
  const complaints = await apiCall('POST', '/training/courses', { name: COMPLAINTS, validityMonths: 12, competencyIds: [competency.body.id] });
  const product = await apiCall('POST', '/training/courses', { name: PRODUCT, validityMonths: null });
  assert.equal(complaints.status, 201, JSON.stringify(complaints.body));
  ids.complaints = complaints.body.id;
  ids.product = product.body.id;
  for (const courseId of [ids.complaints, ids.product])
    assert.equal((await apiCall('POST', '/training/requirements', { role: 'agent', courseId, teamId: ids.team })).status, 201);
  const rec = await apiCall('POST', `/training/people/${ids.agent}/records`, { courseId: ids.product, completedOn: daysAgo(30), result: 'passed', score: 88 });
  assert.equal(rec.status, 201, JSON.stringify(rec.body));
  // The manager signs in in a browser of their own.
  context = await w.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 900 }, bypassCSP: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.getByLabel(vi.auth.email).fill(MANAGER.email);
  await page.getByLabel(vi.auth.password).fill(MANAGER.password);
  await page.getByRole('button', { name: vi.auth.signIn, exact: true }).click();
  // Signed in: the home page is the first screen; then to the contacts list.
  await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
  await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
  await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
  assert.ok(ownerPage);
});
after(async () => {
  await context?.close();
  await w?.close();
});

const cellOf = (person: string, column: number) => page.getByTestId('training-row').filter({ hasText: person }).getByTestId('training-cell').nth(column);

describe('training: a manager records a course and the competency matrix turns valid, in Vietnamese', () => {
  step('the matrix: the agent holds the product course, the complaint-handling course is missing', async () => {
    await page.getByRole('link', { name: vi.nav.training, exact: true }).click();
    await page.getByRole('heading', { name: vi.training.title, level: 1 }).waitFor();
    await page.getByTestId('training-matrix').waitFor();
    // Columns: the two courses by name (Kiến thức … before Kỹ năng …).
    assert.equal(await cellOf(AGENT.name, 0).getAttribute('data-state'), 'valid');
    assert.equal(await cellOf(AGENT.name, 1).getAttribute('data-state'), 'missing');
    assert.match(await cellOf(AGENT.name, 1).innerText(), new RegExp(enumLabel('trainingCellState', 'missing', 'vi')));
    assert.equal(await cellOf(MANAGER.name, 1).getAttribute('data-state'), 'not_required');
    assert.equal(await page.getByTestId('training-coverage-text').innerText(), fill(vi.training.coverageText, { satisfied: 1, required: 2, percent: '50' }));
    // The owner of the workspace is outside the manager's scope.
    assert.equal(await page.getByTestId('training-row').filter({ hasText: OWNER.name }).count(), 0);
    await accessible('training matrix, a cell missing');
    await shot('training-01-matrix-missing');
  });

  step('the manager records the course for the agent: an http link is refused beside its field, an https one taken', async () => {
    await page.getByTestId('training-row').filter({ hasText: AGENT.name }).getByRole('button', { name: AGENT.name }).click();
    const form = page.getByTestId('training-record-form');
    await form.waitFor();
    assert.match(await form.innerText(), new RegExp(fill(vi.training.recordFor, { name: AGENT.name })));
    await form.getByLabel(vi.training.course, { exact: true }).selectOption({ label: COMPLAINTS });
    await form.getByLabel(vi.training.completedOn, { exact: true }).fill(daysAgo(2));
    await form.getByLabel(vi.training.score, { exact: true }).fill('92,5');
    await form.getByLabel(vi.training.evidenceNote).fill('Chứng nhận số 45/2026 — lớp tại Đà Nẵng');
    await form.getByLabel(vi.training.evidenceUrl).fill('http://drive.example.vn/chung-nhan-45.pdf');
    await form.getByRole('button', { name: vi.training.record }).click();
    await form.locator('.field-error').waitFor();
    assert.equal((await apiCall('GET', `/training/people/${ids.agent}/records`)).body.data.length, 1, 'nothing recorded');
    await form.getByLabel(vi.training.evidenceUrl).fill('https://drive.example.vn/chung-nhan-45.pdf');
    await form.getByRole('button', { name: vi.training.record }).click();
    const row = page.getByTestId('training-record').filter({ hasText: COMPLAINTS });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(enumLabel('trainingRecordState', 'valid', 'vi')));
    const records = (await apiCall('GET', `/training/people/${ids.agent}/records`)).body.data as {
      courseId: string;
      score: number;
      recordedBy: string;
      evidenceUrl: string;
    }[];
    const made = records.find((r) => r.courseId === ids.complaints)!;
    assert.deepEqual([made.score, made.recordedBy, made.evidenceUrl], [92.5, ids.manager, 'https://drive.example.vn/chung-nhan-45.pdf']);
    await accessible('training records of the agent');
    await shot('training-02-records');
  });

  step('the matrix cell turns valid and the coverage is complete', async () => {
    await page.getByTestId('training-tab-matrix').click();
    await page.getByTestId('training-matrix').waitFor();
    assert.equal(await cellOf(AGENT.name, 1).getAttribute('data-state'), 'valid');
    assert.match(await cellOf(AGENT.name, 1).innerText(), new RegExp(enumLabel('trainingCellState', 'valid', 'vi')));
    assert.equal(await page.getByTestId('training-coverage-text').innerText(), fill(vi.training.coverageText, { satisfied: 2, required: 2, percent: '100' }));
    const m = (await apiCall('GET', '/training/matrix')).body;
    assert.deepEqual(m.coverage, { required: 2, satisfied: 2, percent: 100 });
    await accessible('training matrix, all held');
    await shot('training-03-matrix-valid');
    assert.deepEqual(pageErrors, []);
  });
});
