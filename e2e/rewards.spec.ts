/**
 * Rewards and penalties in the web app, in Debian's Chromium against the real server, in Vietnamese: a care team's
 * manager proposes a bonus for one of her agents, justified by the agent's CSAT of last month; an admin (not the
 * proposer: four eyes) approves it with a note; the agent signs in and finds it in her own record, with the points
 * and the money counted and the chart by month. Each screen screenshotted and axe-checked; what is on screen is
 * checked against the API.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { openWorkspace, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Trà Thái Nguyên Xanh', name: 'Hoàng Minh Đức', email: 'duc@trathainguyen.vn', password: 'đồi chè tân cương 2026' };
const PEOPLE = {
  manager: { name: 'Trần Thị Thu Trang', email: 'trang@trathainguyen.vn', password: 'sáng sớm hái chè 2026', role: 'manager' },
  admin: { name: 'Phạm Văn Quyết', email: 'quyet@trathainguyen.vn', password: 'duyệt thưởng công bằng 2026', role: 'admin' },
  agent: { name: 'Lê Thu Hà', email: 'ha@trathainguyen.vn', password: 'khách hàng là bạn 2026', role: 'agent' },
} as const;
type Who = keyof typeof PEOPLE;
const REASON = 'Khách khen tận tình suốt tháng, CSAT cao nhất đội';
const NOTE = 'Đúng quy chế thưởng chăm sóc khách hàng';
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
let pageErrors: string[] = [];
const ids: Record<string, string> = {};
const contexts: BrowserContext[] = [];
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'rewards-failed-step', url: () => server.url, token: () => token });

/** Last month, `YYYY-MM`, on the Hồ Chí Minh City calendar (the KPI period the proposal points at). */
function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A member signs in to the web app in a browser of their own. */
async function signIn(who: Who): Promise<void> {
  const context = await w.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 900 }, bypassCSP: true });
  contexts.push(context);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByLabel(vi.auth.email).fill(PEOPLE[who].email);
  await page.getByLabel(vi.auth.password).fill(PEOPLE[who].password);
  await page.getByRole('button', { name: vi.auth.signIn, exact: true }).click();
  // Signed in: the home page is the first screen; then to the contacts list.
  await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
  await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
  await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
}

async function openRewards(): Promise<void> {
  await page.getByRole('link', { name: vi.nav.rewards, exact: true }).click();
  await page.getByRole('heading', { name: vi.rewards.title, level: 1 }).waitFor();
}

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ server, token, pageErrors } = w);
  page = w.page;
  const team = await apiCall('POST', '/teams', { name: 'Chăm sóc khách hàng' });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  // Three colleagues join through invitations; the manager and the agent are on the care team.
  for (const who of Object.keys(PEOPLE) as Who[]) {
    const c = PEOPLE[who];
    const inv = await apiCall('POST', '/invitations', { email: c.email, role: c.role });
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
  for (const who of Object.keys(PEOPLE) as Who[]) ids[who] = members.find((m) => m.email === PEOPLE[who].email)!.userId;
  for (const who of ['manager', 'agent'] as const) assert.equal((await apiCall('PUT', `/teams/${team.body.id}/members/${ids[who]}`)).status, 200);
  // The rule everyone can read: CSAT of 4.5 or more, on five answers at least.
  const rule = await apiCall('POST', '/reward-rules', {
    name: 'CSAT từ 4,5 trở lên',
    kpi: 'csat',
    comparator: 'gte',
    threshold: 4.5,
    minN: 5,
    kind: 'bonus',
    amount: 300_000,
    points: 5,
    reasonTemplate: '{{person}}: CSAT {{value}} kỳ {{period}} ({{n}} câu trả lời)',
  });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await w?.close();
});

describe('rewards: a manager proposes a bonus, an admin approves it, the agent sees it in her record', () => {
  step('the manager opens Khen thưởng & kỷ luật: nothing yet, and the empty list says how to start', async () => {
    await signIn('manager');
    await openRewards();
    await page.getByRole('heading', { name: vi.rewards.empty.title }).waitFor();
    await accessible('rewards, empty');
    await shot('rewards-01-empty');
  });

  step('she proposes a bonus for Lê Thu Hà, justified by her CSAT of last month', async () => {
    await page.getByTestId('propose-reward').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: vi.rewards.proposeTitle }).waitFor();
    // Only herself and her team are offered: not the admin, not the owner.
    const offered = await dialog.getByLabel(vi.rewards.fields.person).locator('option').allInnerTexts();
    assert.deepEqual(offered.slice(1).sort(), [PEOPLE.agent.name, PEOPLE.manager.name].sort());
    await dialog.getByLabel(vi.rewards.fields.person).selectOption({ label: PEOPLE.agent.name });
    await dialog.getByLabel(vi.rewards.fields.kind).selectOption({ label: enumLabel('rewardKind', 'bonus', 'vi') });
    await dialog.getByLabel(vi.rewards.fields.reason).fill(REASON);
    await dialog.getByLabel(fill(vi.rewards.form.amount, { currency: 'VND' })).fill('500.000');
    await dialog.getByLabel(vi.rewards.fields.points, { exact: true }).fill('10');
    await dialog.getByRole('radio', { name: vi.rewards.form.basisOptions.kpi }).check();
    await dialog.getByRole('combobox', { name: vi.rewards.form.kpi, exact: true }).selectOption('csat');
    await dialog.getByLabel(vi.rewards.form.kpiPeriod).fill(lastMonth());
    await dialog.getByLabel(vi.rewards.form.kpiValue).fill('4,8');
    await accessible('propose dialog');
    await shot('rewards-02-propose');
    await page.getByTestId('submit-proposal').click();
    const row = page.getByTestId('reward-row').filter({ hasText: REASON });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, new RegExp(enumLabel('rewardStatus', 'proposed', 'vi')));
    assert.match(text, /\+500\.000\s₫/);
    assert.match(text, /\+10/);
    assert.match(text, new RegExp(`CSAT khách được phục vụ kỳ ${lastMonth()}: 4,8`));
    // A manager decides nothing: no approve button for her.
    assert.equal(await row.getByTestId('approve-reward').count(), 0);
    const list = await apiCall('GET', `/rewards?personId=${ids.agent}`);
    assert.equal(list.body.data.length, 1);
    const e = list.body.data[0];
    assert.deepEqual(
      [e.kind, e.status, e.amount, e.points, e.proposedBy, e.justification.type, e.justification.kpi, e.justification.period, e.justification.value],
      ['bonus', 'proposed', 500_000, 10, ids.manager, 'kpi', 'csat', lastMonth(), 4.8],
    );
    ids.entry = e.id;
    await accessible('rewards, proposed');
    await shot('rewards-03-proposed');
  });

  step('before it is approved, the agent does not see it', async () => {
    const agentToken = await fetch(`${server.url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: PEOPLE.agent.email, password: PEOPLE.agent.password, name: 'e2e' }),
    });
    const tok = ((await agentToken.json()) as { token: string }).token;
    const r = await fetch(`${server.url}/api/v1/rewards/${ids.entry}`, { headers: { authorization: `Bearer ${tok}` } });
    assert.equal(r.status, 404);
  });

  step('the admin approves it with a note', async () => {
    await signIn('admin');
    await openRewards();
    const row = page.getByTestId('reward-row').filter({ hasText: REASON });
    await row.waitFor();
    await row.getByTestId('approve-reward').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: fill(vi.rewards.approveTitle, { name: PEOPLE.agent.name }) }).waitFor();
    await dialog.getByTestId('decision-note').fill(NOTE);
    await accessible('approve dialog');
    await shot('rewards-04-approve');
    await page.getByTestId('confirm-decision').click();
    await page
      .getByTestId('reward-row')
      .filter({ hasText: REASON })
      .filter({ hasText: enumLabel('rewardStatus', 'approved', 'vi') })
      .waitFor();
    assert.match(await page.getByTestId('reward-row').filter({ hasText: REASON }).innerText(), new RegExp(`${PEOPLE.admin.name}: ${NOTE}`));
    const e = await apiCall('GET', `/rewards/${ids.entry}`);
    assert.deepEqual([e.body.status, e.body.decidedBy, e.body.decisionNote, e.body.version], ['approved', ids.admin, NOTE, 2]);
    const audit = await apiCall('GET', `/audit?entityType=reward&entityId=${ids.entry}`);
    assert.deepEqual(
      audit.body.data.map((a: { action: string }) => a.action),
      ['approve', 'create'],
    );
    await shot('rewards-05-approved');
  });

  step('the agent signs in and finds it in her record: the bonus, the points, the chart by month', async () => {
    await signIn('agent');
    await openRewards();
    // An agent proposes nothing and lands on her own record.
    assert.equal(await page.getByTestId('propose-reward').count(), 0);
    await page.getByTestId('my-record').waitFor();
    const entry = page.getByTestId('record-entry').filter({ hasText: REASON });
    await entry.waitFor();
    assert.match(await entry.innerText(), new RegExp(enumLabel('rewardKind', 'bonus', 'vi')));
    assert.equal((await page.getByTestId('total-points').innerText()).trim(), '+10');
    assert.match(await page.getByTestId('total-bonus').innerText(), /500\.000\s₫/);
    await page.getByTestId('chart-points-by-month').waitFor();
    await accessible('my record');
    await shot('rewards-06-agent-record');
    // The list holds her approved entry only; the rules are published to her too.
    await page.getByTestId('tab-entries').click();
    await page.getByTestId('reward-row').filter({ hasText: REASON }).waitFor();
    assert.equal(await page.getByTestId('reward-row').count(), 1);
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('rule-row').filter({ hasText: 'CSAT từ 4,5 trở lên' }).waitFor();
    assert.equal(await page.getByTestId('add-rule').count(), 0, 'an agent reads the rules, does not write them');
    await accessible('rules, read by the agent');
    await shot('rewards-07-agent-rules');
    assert.deepEqual(pageErrors, []);
  });
});
