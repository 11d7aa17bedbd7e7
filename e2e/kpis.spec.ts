/**
 * KPIs in the web app, in Debian's Chromium against the real server, in Vietnamese: a shop with a sales team — a
 * manager and two agents who joined through invitations — and this month's paid orders of the customers each agent
 * owns and the calls they logged (seeded through the API). The manager opens the KPI page (no targets yet: it says
 * how to set them), types this month's targets for the team's members in the Targets tab (one mistyped share is
 * refused on its cell, then corrected), reads one member's scorecard (figure, target, progress, the history chart)
 * and the leaderboard (ranked by revenue, the manager's own row marked, downloaded as CSV). Then an agent signs in
 * and sees only their own scorecard; the owner closes last month (its targets then read-only), recounts it, and sets
 * the KPIs' weights, a KPI of the workspace's own and a shared segment's plan. What is on screen is checked against the
 * API; each screen screenshotted and axe-checked.
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
const OWNER = { workspace: 'Gốm sứ Bát Tràng Xưa', name: 'Nguyễn Thị Thanh Hương', email: 'huong@battrangxua.vn', password: 'mật khẩu lò gốm 2026' };
const MANAGER = { name: 'Đỗ Thị Mai Anh', email: 'maianh@battrangxua.vn', password: 'sen hồ tây quản lý 2026', role: 'manager' };
const VINH = { name: 'Phạm Quang Vinh', email: 'vinh@battrangxua.vn', password: 'hoa đào tết bán hàng 2026', role: 'agent' };
const HA = { name: 'Lê Thị Thu Hà', email: 'thuha@battrangxua.vn', password: 'mưa phùn tháng ba 2026', role: 'agent' };
const TEAM = 'Nhóm bán hàng Hà Nội';
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));
const money = (n: number) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(n);
const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
/** A KPI's name and the person in the targets grid: the cell's label. */
const cell = (kpi: string, who: string) => `${kpi} — ${who}`;
type Target = { kpi: string; userId: string | null; teamId: string | null; target: number; splitFrom: string | null };

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
let pageErrors: string[] = [];
const users: Record<string, { id: string; token: string }> = {};
const ids: Record<string, string> = {};
let kpiNames: Record<string, string> = {};
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'kpis-failed-step', url: () => server.url, token: () => token });

/** The API with one colleague's own token. */
async function as(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${users[who]!.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

/** Until the notices have gone (they leave by themselves), so a screenshot shows the page under them. */
const calm = () => page.locator('.toast').first().waitFor({ state: 'detached', timeout: 15_000 });

async function signInAs(p: { name: string; email: string; password: string }, current: string) {
  await page
    .locator('.topbar')
    .getByRole('button', { name: new RegExp(current) })
    .click();
  await page.getByRole('menuitem', { name: vi.nav.signOut }).click();
  await page.getByRole('heading', { name: vi.auth.signInTitle }).waitFor();
  await page.getByLabel(vi.auth.email).fill(p.email);
  await page.getByLabel(vi.auth.password).fill(p.password);
  await page.getByRole('button', { name: vi.auth.signIn, exact: true }).click();
  // Signed in: the home page is the first screen; then to the contacts list.
  await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
  await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
  await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
}

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page, server, token, pageErrors } = w);
  for (const c of [MANAGER, VINH, HA]) {
    const inv = await apiCall('POST', '/invitations', { email: c.email, role: c.role });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const url = `${server.url}${new URL(inv.body.url).pathname}`;
    const accepted = await fetch(`${url.replace('/invite/', '/api/v1/invitations/by-token/')}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: c.name, password: c.password }),
    });
    assert.equal(accepted.status, 200, `${c.name} joins`);
    const tok = await fetch(`${server.url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: c.email, password: c.password, name: 'e2e' }),
    });
    const tokBody = await tok.text();
    assert.equal(tok.status, 201, tokBody);
    const members = (await apiCall('GET', '/members')).body.data as { email: string; userId: string }[];
    users[c.email] = { id: members.find((m) => m.email === c.email)!.userId, token: (JSON.parse(tokBody) as { token: string }).token };
  }
  // The manager leads the sales team: she and both agents are its members.
  const team = await apiCall('POST', '/teams', { name: TEAM });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  ids.team = team.body.id;
  for (const c of [MANAGER, VINH, HA]) assert.equal((await apiCall('PUT', `/teams/${ids.team}/members/${users[c.email]!.id}`)).status, 200);
  // This month's paid orders of the customers each agent owns: Vinh 12,500,000 + 8,000,000 ₫, Hà 35,000,000 ₫.
  const sales: [typeof VINH, string, number][] = [
    [VINH, 'Chị Lê Thu Trang', 12_500_000],
    [VINH, 'Anh Vũ Đức Minh', 8_000_000],
    [HA, 'Cô Hoàng Ngọc Lan', 35_000_000],
  ];
  for (const [i, [who, name, amount]] of sales.entries()) {
    const c = await apiCall('POST', '/contacts', { name, ownerId: users[who.email]!.id, phones: [`09${String(12_345_678 + i * 1_013)}`] });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const o = await apiCall('POST', '/orders', {
      contactId: c.body.id,
      status: 'paid',
      lines: [{ name: 'Bình hút lộc men lam', quantity: 1, unitPrice: amount }],
    });
    assert.equal(o.status, 201, JSON.stringify(o.body));
    ids[`contact${i}`] = c.body.id;
    // Each agent calls their customer, logged with their own token.
    const call = await as(who.email, 'POST', '/interactions', {
      contactId: c.body.id,
      kind: 'call',
      direction: 'outbound',
      body: 'Gọi hỏi thăm sau khi giao hàng',
    });
    assert.equal(call.status, 201, JSON.stringify(call.body));
  }
  const kpis = (await apiCall('GET', '/kpis')).body as { key: string; name: { vi: string } }[];
  kpiNames = Object.fromEntries(kpis.map((k) => [k.key, k.name.vi]));
});
after(() => w?.close());

describe('KPIs: a manager sets her team’s monthly targets and reads the scorecard and the leaderboard; an agent sees only their own', () => {
  step('the manager signs in; without targets the scorecard says how to set them', async () => {
    await signInAs(MANAGER, OWNER.name);
    await page.getByRole('link', { name: vi.nav.kpis, exact: true }).click();
    await page.getByRole('heading', { name: vi.kpis.title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: vi.kpis.empty.noTargetsTitle }).waitFor();
    // The period is this month in the workspace's zone.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date());
    const [y, m] = month.split('-');
    ids.period = `${y}-${m}`;
    assert.match(await page.getByTestId('period-info').innerText(), new RegExp(`^${fill(vi.kpis.period.monthLabel, { month: Number(m), year: y! })}`));
    // A manager's tabs: no KPI settings (owners and admins) and no closing periods, but the targets.
    const tabs = await page.getByRole('tab').allInnerTexts();
    assert.deepEqual(tabs, [vi.kpis.tabs.scorecard, vi.kpis.tabs.leaderboard, vi.kpis.tabs.targets, vi.kpis.tabs.periods, vi.kpis.tabs.plans]);
    await accessible('kpis, no targets');
    await shot('kpis-01-empty');
  });

  step('in the Targets tab she types this month’s targets for her team; a share over 100% is refused on its cell', async () => {
    await page.getByRole('button', { name: vi.kpis.empty.setTargets }).click();
    await page.getByTestId('targets-grid').waitFor();
    await page.getByLabel(cell(kpiNames.revenue!, VINH.name), { exact: true }).fill('50.000.000');
    await page.getByLabel(cell(kpiNames.revenue!, HA.name), { exact: true }).fill('30.000.000');
    await page.getByLabel(cell(kpiNames.interactions_logged!, VINH.name), { exact: true }).fill('10');
    await page.getByLabel(cell(kpiNames.interactions_logged!, HA.name), { exact: true }).fill('4');
    await page.getByLabel(cell(kpiNames.win_rate!, VINH.name), { exact: true }).fill('150');
    await page.getByTestId('save-targets').click();
    // Four cells saved, one refused: the server's message is on that cell.
    const bad = page.getByLabel(cell(kpiNames.win_rate!, VINH.name), { exact: true });
    await page.locator('.kpi-cell-error .field-error').waitFor();
    assert.equal(await bad.getAttribute('aria-invalid'), 'true');
    let saved = (await apiCall('GET', `/kpi-targets?period=${ids.period}&teamId=${ids.team}`)).body.data as Target[];
    assert.equal(saved.length, 4, JSON.stringify(saved));
    await bad.fill('60');
    await page.getByTestId('save-targets').click();
    await page.locator('.kpi-cell-error').waitFor({ state: 'detached' });
    saved = (await apiCall('GET', `/kpi-targets?period=${ids.period}&teamId=${ids.team}`)).body.data;
    const got = Object.fromEntries(saved.map((x) => [`${x.kpi}/${x.userId ?? x.teamId}`, x.target]));
    assert.deepEqual(got, {
      [`revenue/${users[VINH.email]!.id}`]: 50_000_000,
      [`revenue/${users[HA.email]!.id}`]: 30_000_000,
      [`interactions_logged/${users[VINH.email]!.id}`]: 10,
      [`interactions_logged/${users[HA.email]!.id}`]: 4,
      [`win_rate/${users[VINH.email]!.id}`]: 0.6,
    });
    // The inputs read back in Vietnamese.
    assert.equal(await page.getByLabel(cell(kpiNames.revenue!, VINH.name), { exact: true }).inputValue(), '50.000.000');
    assert.equal(await page.getByLabel(cell(kpiNames.win_rate!, VINH.name), { exact: true }).inputValue(), '60');
    // A team target for new customers, split equally among the three members (the manager is one of them).
    await page.getByLabel(cell(kpiNames.new_customers!, vi.kpis.targets.wholeTeam), { exact: true }).fill('9');
    await page.getByTestId('save-targets').click();
    await page.locator('[data-kpi="new_customers"]').getByTestId('split').click();
    await page.getByRole('dialog').getByLabel(new RegExp(vi.kpis.targets.method.equal)).check();
    await page.getByTestId('split-confirm').click();
    await page.getByLabel(cell(kpiNames.new_customers!, HA.name), { exact: true }).and(page.locator('[value="3"]')).waitFor();
    const shares = ((await apiCall('GET', `/kpi-targets?period=${ids.period}&teamId=${ids.team}`)).body.data as Target[])
      .filter((x) => x.kpi === 'new_customers' && x.userId)
      .map((x) => [x.target, x.splitFrom !== null]);
    assert.deepEqual(shares, [
      [3, true],
      [3, true],
      [3, true],
    ]);
    await accessible('targets grid');
    await shot('kpis-02-targets');
  });

  step('Vinh’s scorecard: his revenue against the target, the progress, the pace and the history', async () => {
    await page.getByTestId('tab-scorecard').click();
    await page.getByTestId('subject-select').selectOption({ label: VINH.name });
    const row = page.locator(`[data-testid="kpi-row"][data-kpi="revenue"]`);
    await row.getByTestId('target').filter({ hasText: '50.000.000' }).waitFor();
    assert.equal(norm(await row.getByTestId('value').innerText()), norm(money(20_500_000)));
    assert.equal(norm(await row.getByTestId('target').innerText()), norm(money(50_000_000)));
    assert.equal(await row.getByRole('progressbar').getAttribute('aria-valuenow'), '41');
    await row.getByTestId('pace').waitFor();
    // The KPIs with a target come first.
    const order = await page.getByTestId('kpi-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-kpi')));
    assert.deepEqual(order.slice(0, 4), ['revenue', 'new_customers', 'win_rate', 'interactions_logged']);
    const api = (await apiCall('GET', `/kpis/report?period=${ids.period}&by=user`)).body;
    const mine = api.rows.find((r: { userId: string; kpi: string }) => r.userId === users[VINH.email]!.id && r.kpi === 'revenue');
    assert.deepEqual([mine.value, mine.target, Math.round(mine.attainment * 100)], [20_500_000, 50_000_000, 41]);
    const score = api.scores.find((s: { id: string }) => s.id === users[VINH.email]!.id).score;
    assert.equal(await page.getByTestId('score').innerText(), new Intl.NumberFormat('vi-VN').format(Math.round(score)));
    await accessible('scorecard');
    await calm();
    await shot('kpis-03-scorecard');
    // Below the table: the last six months of the chosen KPI against its targets.
    await page.getByTestId('history-chart').locator('canvas').first().waitFor();
    await page.getByTestId('kpi-history').scrollIntoViewIfNeeded();
    await shot('kpis-03b-history');
  });

  step('the leaderboard by revenue: Hà first, then Vinh, then the manager, whose own row is marked; the CSV is safe for spreadsheets', async () => {
    await page.getByTestId('tab-leaderboard').click();
    await page.getByTestId('rank-by').selectOption('revenue');
    const rows = page.getByTestId('leader-row');
    await rows.first().filter({ hasText: HA.name }).waitFor();
    const names = await rows.locator('th').allInnerTexts();
    assert.deepEqual(
      names.map((n) => n.replace(vi.kpis.you, '').trim()),
      [HA.name, VINH.name, MANAGER.name],
    );
    assert.deepEqual((await rows.getByTestId('leader-value').allInnerTexts()).map(norm), [money(35_000_000), money(20_500_000), money(0)].map(norm));
    assert.equal(await rows.nth(2).getAttribute('data-me'), 'true', 'the manager’s own row');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('leaderboard-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.equal(csv.charCodeAt(0), 0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[1], `1,${HA.name},35000000,30000000,116.7`);
    await accessible('leaderboard');
    await shot('kpis-04-leaderboard');
  });

  step('an agent signs in and sees only his own scorecard', async () => {
    await signInAs(VINH, MANAGER.name);
    await page.getByRole('link', { name: vi.nav.kpis, exact: true }).click();
    await page.getByTestId('scorecard').waitFor();
    assert.deepEqual(await page.getByRole('tab').allInnerTexts(), [vi.kpis.tabs.scorecard, vi.kpis.tabs.periods], 'no leaderboard, targets or plans');
    assert.equal(await page.getByTestId('subject-select').count(), 0, 'no one else to choose');
    const row = page.locator(`[data-testid="kpi-row"][data-kpi="revenue"]`);
    assert.equal(norm(await row.getByTestId('value').innerText()), norm(money(20_500_000)));
    assert.equal(norm(await row.getByTestId('target').innerText()), norm(money(50_000_000)));
    const r = await as(VINH.email, 'GET', `/kpis/report?period=${ids.period}&by=user`);
    assert.deepEqual(
      r.body.subjects.map((s: { name: string }) => s.name),
      [VINH.name],
      'the API gives him only his own row',
    );
    assert.equal((await as(VINH.email, 'GET', `/kpis/report?period=${ids.period}&by=user&userId=${users[HA.email]!.id}`)).status, 404);
    // Hà's scorecard by its address is refused, not shown.
    await page.goto(`${server.url}/kpis?who=user:${users[HA.email]!.id}`);
    await page.getByTestId('not-in-reach').waitFor();
    await page.goto(`${server.url}/kpis`);
    await page.getByTestId('scorecard').waitFor();
    await accessible('agent scorecard');
    await shot('kpis-05-agent');
  });

  step('his home page, the first screen after signing in: his KPIs against their targets, his queue, tasks and deals', async () => {
    await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.home, exact: true }).click();
    await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
    const mine = page.getByTestId('my-kpis');
    await mine.waitFor();
    assert.ok(norm(await mine.innerText()).includes(norm(money(50_000_000))), 'his revenue target is on his home page');
    for (const id of ['home-queue', 'home-tasks', 'home-pipeline']) await page.getByTestId(id).waitFor();
    assert.equal(await page.getByTestId('home-business').count(), 0, 'an agent sees no business figures');
    assert.equal(await page.getByTestId('home-needs-help').count(), 0, 'nor the team’s');
    const home = await as(VINH.email, 'GET', '/home');
    assert.equal(home.body.view, 'agent');
    await accessible('agent home');
    await shot('home-01-agent');
  });

  step('the owner signs in to the business at a glance: revenue, new and returning customers, retention, NPS, the team', async () => {
    await signInAs(OWNER, VINH.name);
    await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.home, exact: true }).click();
    const business = page.getByTestId('home-business');
    await business.waitFor();
    const home = await apiCall('GET', '/home');
    assert.equal(home.body.view, 'owner');
    assert.ok(norm(await business.innerText()).includes(norm(money(home.body.business.revenue))), 'the revenue the API counts is on the card');
    await page.getByTestId('home-needs-help').waitFor();
    await page.getByTestId('home-team-tasks').waitFor();
    await accessible('owner home');
    await shot('home-02-owner');
  });

  step('the owner closes last month, recounts it (nothing changed), and its targets are read-only and say why', async () => {
    const [y, m] = ids.period!.split('-').map(Number) as [number, number];
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const lastLabel = fill(vi.kpis.period.monthLabel, { month: Number(last.slice(5)), year: last.slice(0, 4) });
    await page.goto(`${server.url}/kpis?tab=periods`);
    await page.getByRole('heading', { name: vi.kpis.periods.emptyTitle }).waitFor();
    assert.equal(await page.getByTestId('close-period').inputValue(), last, 'the month that just ended is offered first');
    await page.getByTestId('close-button').click();
    await page
      .getByRole('dialog')
      .getByText(fill(vi.kpis.periods.closeConfirm, { period: lastLabel }))
      .waitFor();
    await page.getByTestId('confirm-period').click();
    const row = page.getByTestId('closed-row').filter({ hasText: lastLabel });
    await row.waitFor();
    const closed = (await apiCall('GET', '/kpi-periods')).body.data as { period: string; recounts: number }[];
    assert.deepEqual(
      closed.map((p) => p.period),
      [last],
    );
    await row.getByTestId('recount').click();
    await page.getByTestId('confirm-period').click();
    await row
      .getByTestId('recount-changed')
      .filter({ hasText: fill(vi.kpis.periods.changed_other, { formatted: 0 }) })
      .waitFor();
    assert.equal((await apiCall('GET', '/kpi-periods')).body.data[0].recounts, 1);
    await accessible('periods');
    await shot('kpis-06-periods');
    // Last month's targets: frozen, the grid read-only and the reason said.
    await row.getByRole('button', { name: lastLabel }).click();
    await page.getByTestId('tab-targets').click();
    await page.getByTestId('targets-closed').waitFor();
    assert.equal(await page.getByLabel(cell(kpiNames.revenue!, VINH.name), { exact: true }).getAttribute('readonly'), '');
    assert.equal(await page.getByTestId('save-targets').count(), 0);
    await accessible('closed targets');
    await shot('kpis-07-closed-targets');
  });

  step('in the KPI settings the owner doubles revenue’s weight and adds a KPI of her own: revenue from loyal customers', async () => {
    await page.getByTestId('tab-settings').click();
    const weight = page.locator('[data-testid="kpi-definition"][data-kpi="revenue"]').getByTestId('weight');
    await weight.fill('2');
    await weight.press('Enter');
    await page.getByText(fill(vi.kpis.settings.weightSaved, { name: kpiNames.revenue!, weight: 2 })).waitFor();
    await page.getByTestId('add-kpi').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(vi.kpis.settings.name).fill('Doanh thu khách thân thiết');
    await dialog.getByLabel(vi.kpis.settings.key).fill('doanh_thu_than_thiet');
    await dialog.getByLabel(enumLabel('kpiFilter', 'lifecycleStage', 'vi')).selectOption('loyal');
    await accessible('add KPI');
    await page.getByTestId('add-kpi-submit').click();
    await page.locator('[data-testid="kpi-definition"][data-kpi="doanh_thu_than_thiet"]').waitFor();
    const kpis = (await apiCall('GET', '/kpis')).body as { key: string; weight: number; of: string | null; filter: Record<string, string> }[];
    assert.equal(kpis.find((k) => k.key === 'revenue')!.weight, 2);
    const own = kpis.find((k) => k.key === 'doanh_thu_than_thiet')!;
    assert.deepEqual([own.of, own.filter], ['revenue', { lifecycleStage: 'loyal' }]);
    await page.locator('[data-testid="kpi-definition"][data-kpi="doanh_thu_than_thiet"]').scrollIntoViewIfNeeded();
    await accessible('KPI settings');
    await calm();
    await shot('kpis-08-settings');
  });

  step('the owner plans a shared segment for this month: new customers to win and the share to keep, against the actuals', async () => {
    const seg = await apiCall('POST', '/segments', {
      name: 'Khách mua lần đầu',
      shared: true,
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'lifecycleStage', op: 'eq', value: 'new_customer' }] }] },
    });
    assert.equal(seg.status, 201, JSON.stringify(seg.body));
    await page.goto(`${server.url}/kpis?tab=plans`);
    await page.getByRole('heading', { name: vi.kpis.plans.emptyTitle }).waitFor();
    await page.getByTestId('plan-add-segment').selectOption({ label: 'Khách mua lần đầu' });
    await page.getByLabel(`Khách mua lần đầu — ${enumLabel('reapMeasure', 'acquisition', 'vi')}`).fill('5');
    await page.getByLabel(`Khách mua lần đầu — ${enumLabel('reapMeasure', 'retention', 'vi')}`).fill('80');
    await page.getByTestId('save-plans').click();
    await page.getByTestId('plan-segment').locator('[data-measure="acquisition"] .kpi-bar').waitFor();
    const plans = (await apiCall('GET', `/segment-plans?period=${ids.period}`)).body.data as { measure: string; target: number; actual: number | null }[];
    assert.deepEqual(plans.map((p) => [p.measure, p.target]).sort(), [
      ['acquisition', 5],
      ['retention', 0.8],
    ]);
    await accessible('segment plans');
    await calm();
    await shot('kpis-09-plans');
    assert.deepEqual(pageErrors, []);
  });
});
