/**
 * Workload in the web app, in Debian's Chromium against the real server, in Vietnamese: the owner of a cosmetics
 * shop sets capacities (through the API), gives one agent more tickets than she can carry, and a team manager,
 * signed in with her own session, opens "Khối lượng việc": she sees the overloaded agent with the reason, the
 * team's totals and the peak-time heatmap; she lowers a colleague's capacity in the dialog and sees him near
 * capacity. Each screen screenshotted and axe-checked; what is on screen is checked against the API.
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
const OWNER = { workspace: 'Mỹ phẩm Sen Việt', name: 'Lê Thị Bích Ngọc', email: 'ngoc@senviet.vn', password: 'hoa sen trắng chăm khách 2026' };
const MANAGER = { name: 'Võ Thị Hạnh', email: 'hanh@senviet.vn', password: 'trưởng nhóm chăm sóc 2026', role: 'manager' };
const LAN = { name: 'Nguyễn Thị Lan', email: 'lan@senviet.vn', password: 'tổng đài viên số một 2026', role: 'agent' };
const MINH = { name: 'Trần Quốc Minh', email: 'minh@senviet.vn', password: 'tổng đài viên số hai 2026', role: 'agent' };

let w: OpenWorkspace;
let ownerPage: Page;
let page: Page;
let context: BrowserContext;
let token = '';
const ids: Record<string, string> = {};
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'workload-failed-step', url: () => w.server.url, token: () => token });

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 1000 });
  ({ page: ownerPage, token } = w);
  const team = await apiCall('POST', '/teams', { name: 'Chăm sóc khách hàng' });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  ids.team = team.body.id;
  for (const p of [MANAGER, LAN, MINH]) {
    const inv = await apiCall('POST', '/invitations', { email: p.email, role: p.role, teamId: ids.team });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const url = `${w.server.url}${new URL(inv.body.url).pathname}`;
    const accepted = await fetch(`${url.replace('/invite/', '/api/v1/invitations/by-token/')}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: p.name, password: p.password }),
    });
    assert.equal(accepted.status, 200, `${p.name} joins`);
  }
  const members = (await apiCall('GET', '/members')).body.data as { userId: string; email: string }[];
  for (const p of [MANAGER, LAN, MINH]) ids[p.email] = members.find((m) => m.email === p.email)!.userId;
  // Lan carries at most 3 open tickets, Minh 5.
  assert.equal((await apiCall('PUT', `/workload/people/${ids[LAN.email]}`, { maxTickets: 3 })).status, 200);
  assert.equal((await apiCall('PUT', `/workload/people/${ids[MINH.email]}`, { maxTickets: 5 })).status, 200);
  // Five tickets for Lan, two for Minh.
  const customers = ['Chị Phạm Thu Hà', 'Anh Đỗ Văn Nam', 'Cô Trương Mỹ Linh', 'Anh Lý Gia Huy', 'Chị Hồ Ngọc Trâm', 'Anh Mai Xuân Trường', 'Chị Đinh Thảo Vy'];
  for (const [i, name] of customers.entries()) {
    const c = await apiCall('POST', '/contacts', { name });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const who = i < 5 ? LAN : MINH;
    const tk = await apiCall('POST', '/tickets', {
      contactId: c.body.id,
      subject: `Hỏi về đơn hàng kem chống nắng #${i + 1}`,
      teamId: ids.team,
      assigneeId: ids[who.email],
    });
    assert.equal(tk.status, 201, JSON.stringify(tk.body));
  }
  // The manager signs in with her own session, in a browser of her own.
  context = await w.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 1000 }, bypassCSP: true });
  page = await context.newPage();
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  await page.goto(w.server.url);
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

describe('workload: a team manager sees an overloaded agent and the pressure at peak times', () => {
  step('the manager opens Khối lượng việc: Lan is overloaded (5 of 3 tickets), Minh is not', async () => {
    await page.getByRole('link', { name: vi.nav.workload, exact: true }).click();
    await page.getByRole('heading', { name: vi.workload.title, level: 1 }).waitFor();
    const alert = page.getByTestId('workload-overloaded');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, new RegExp(LAN.name));
    assert.match(text, /5\/3 yêu cầu/);
    assert.doesNotMatch(text, new RegExp(MINH.name));
    const lan = page.locator(`[data-testid="workload-person"][data-user="${ids[LAN.email]}"]`);
    assert.equal(await lan.getAttribute('data-level'), 'over');
    assert.match(await lan.innerText(), new RegExp(enumLabel('workloadLevel', 'over', 'vi')));
    const minh = page.locator(`[data-testid="workload-person"][data-user="${ids[MINH.email]}"]`);
    assert.equal(await minh.getAttribute('data-level'), 'ok');
    // What the screen shows is what the API says, for the manager's own scope: her team, not the owner.
    const api = await apiCall('GET', `/workload?teamId=${ids.team}`);
    const lanApi = api.body.people.find((p: { userId: string }) => p.userId === ids[LAN.email]);
    assert.deepEqual([lanApi.tickets.open, lanApi.tickets.capacity, lanApi.level], [5, 3, 'over']);
    const people = await page.getByTestId('workload-person').count();
    assert.equal(people, 3, 'the manager, Lan and Minh: the owner is not in her teams');
    const teams = await page.getByTestId('workload-teams').innerText();
    assert.match(teams, /Chăm sóc khách hàng/);
    await accessible('workload');
    await shot('workload-01-people');
  });

  step('the heatmap shows the tickets per on-duty agent by hour and weekday', async () => {
    const peak = page.getByTestId('workload-peak');
    await peak.scrollIntoViewIfNeeded();
    await peak.getByTestId('peak-heatmap').locator('canvas').first().waitFor();
    const legend = await peak.innerText();
    assert.match(legend, /Asia\/Ho_Chi_Minh/);
    assert.match(legend, /7 yêu cầu trong kỳ/);
    const api = await apiCall('GET', `/workload/peak?teamId=${ids.team}`);
    assert.equal(api.body.tickets, 7);
    assert.equal(api.body.staff, 3);
    // Every ticket came in the last minutes: one hour's slot holds them (two, had an hour turned meanwhile), per week of 8.
    const busy = api.body.slots.filter((s: { tickets: number }) => s.tickets > 0);
    assert.ok(busy.length >= 1 && busy.length <= 2, JSON.stringify(busy));
    assert.ok(Math.abs(busy.reduce((n: number, s: { tickets: number }) => n + s.tickets, 0) - 7 / 8) < 0.02);
    await accessible('workload heatmap');
    await shot('workload-02-heatmap');
  });

  step('the manager lowers Minh’s capacity to 2: he is now near capacity, and the change is recorded', async () => {
    await page.getByRole('button', { name: vi.workload.editFor.replace('{{name}}', MINH.name) }).click();
    const form = page.getByTestId('capacity-form');
    await form.waitFor();
    await form.getByLabel(vi.workload.maxTickets).fill('2');
    await accessible('capacity dialog');
    await shot('workload-03-capacity');
    await page.getByTestId('capacity-save').click();
    await form.waitFor({ state: 'detached' });
    const minh = page.locator(`[data-testid="workload-person"][data-user="${ids[MINH.email]}"]`);
    await page.locator(`[data-testid="workload-person"][data-user="${ids[MINH.email]}"][data-level="warning"]`).waitFor();
    assert.match(await minh.innerText(), /2 \/ 2/);
    const api = await apiCall('GET', `/workload/people/${ids[MINH.email]}`);
    assert.deepEqual([api.body.own.maxTickets, api.body.level], [2, 'warning']);
    const log = await apiCall('GET', '/audit?limit=20');
    const entry = log.body.data.find((e: { entityType: string; entityId: string }) => e.entityType === 'member_capacity' && e.entityId === ids[MINH.email]);
    assert.equal(entry.actorUserId, ids[MANAGER.email]);
    await shot('workload-04-after');
  });

  step('the file of the page is the manager’s people, safe to open in a spreadsheet', async () => {
    const href = await page.getByTestId('export-csv').getAttribute('href');
    assert.match(href!, /^\/api\/v1\/workload\/export\?format=csv/);
    // Downloaded with the manager's own session, as the link does.
    const csv = await page.evaluate(async (h) => {
      const r = await fetch(h!);
      return `${r.status}\n${await r.text()}`;
    }, href);
    assert.ok(csv.startsWith('200\n'), csv.slice(0, 200));
    assert.match(csv, /Nguyễn Thị Lan,Nhân viên,Chăm sóc khách hàng,5,3/);
    assert.ok(!csv.includes(OWNER.name), 'the owner is not in the manager’s teams');
    assert.deepEqual(w.pageErrors, []);
  });
});
