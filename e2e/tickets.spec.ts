/**
 * Customer care in the web app, in Debian's Chromium against the real server: an agent works a ticket from
 * the inbox to resolved, in Vietnamese — finds it among the unassigned with its SLA clock, takes it, replies
 * with a canned reply (the first-response clock met), waits on the customer (the resolution clock paused),
 * logs the customer's answer and a note, and resolves it with what was done. Then the customer's page lists
 * the ticket, and the care settings add Vietnam's public holidays. Screenshotted and axe-checked; what is on
 * screen is checked against the API.
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
const OWNER = { workspace: 'Điện máy Sài Gòn Xanh', name: 'Lê Thị Hồng Nhung', email: 'nhung@saigonxanh.vn', password: 'mật khẩu chăm sóc khách 2026' };
const SUBJECT = 'Máy lọc nước giao thiếu lõi lọc';
const XSS_SUBJECT = '<img src=x onerror=alert(1)> Hỏi bảo hành';
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
const ids: Record<string, string> = {};
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'tickets-failed-step', url: () => server.url, token: () => token });
let pageErrors: string[] = [];
const dialogs: string[] = [];

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page, server, token, pageErrors } = w);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  ids.me = (await apiCall('GET', '/members')).body.data.find((m: { email: string }) => m.email === OWNER.email).userId;
  const customer = await apiCall('POST', '/contacts', { name: 'Anh Phạm Quốc Bảo', phones: ['0903 456 789'], emails: ['bao.pham@example.vn'] });
  assert.equal(customer.status, 201, JSON.stringify(customer.body));
  ids.customer = customer.body.id;
  const other = await apiCall('POST', '/contacts', { name: 'Chị Đỗ Mai Anh', phones: ['0912 000 111'] });
  const canned = await apiCall('POST', '/canned-replies', {
    title: 'Xin lỗi vì giao thiếu hàng',
    body: 'Dạ em chào {{contact.name}}, em rất xin lỗi vì đơn hàng bị giao thiếu. Bên em sẽ gửi bù lõi lọc trong hôm nay ạ.',
  });
  assert.equal(canned.status, 201, JSON.stringify(canned.body));
  const ticket = await apiCall('POST', '/tickets', {
    contactId: ids.customer,
    subject: SUBJECT,
    priority: 'high',
    category: 'complaint',
    channel: 'phone',
    message: 'Tôi nhận máy hôm qua nhưng trong hộp không có lõi lọc thô. Nhờ shop kiểm tra giúp.',
  });
  assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
  ids.ticket = ticket.body.id;
  // A second ticket whose subject looks like markup: it must show as the text it is.
  assert.equal((await apiCall('POST', '/tickets', { contactId: other.body.id, subject: XSS_SUBJECT, priority: 'low', category: 'question' })).status, 201);
});
after(() => w?.close());

describe('an agent works a ticket from the inbox to resolved, in Vietnamese', () => {
  step('the inbox: nothing is mine yet, two tickets wait unassigned with their SLA clocks', async () => {
    await page.getByRole('link', { name: vi.nav.tickets }).click();
    await page.getByRole('heading', { name: vi.tickets.title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: vi.tickets.empty.mineTitle }).waitFor();
    await page.getByRole('link', { name: fill(vi.tickets.empty.seeUnassigned_other, { formatted: 2 }) }).click();
    const table = page.getByTestId('ticket-table');
    await table.getByRole('link', { name: SUBJECT }).waitFor();
    const row = page.getByTestId('ticket-row').filter({ hasText: SUBJECT });
    assert.match(await row.innerText(), /Anh Phạm Quốc Bảo/);
    assert.match(await row.innerText(), new RegExp(enumLabel('ticketPriority', 'high', 'vi')));
    assert.match(
      await row.getByTestId('sla-firstResponse').innerText(),
      /^Phản hồi · còn (\d+ giờ)?\s?(\d+ phút)?$/,
      'the first-response clock in business time',
    );
    await table.getByText(XSS_SUBJECT).waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'a subject is text, never markup');
    assert.match(await page.getByTestId('queue-unassigned').innerText(), /2/);
    const api = await apiCall('GET', '/tickets?queue=unassigned&status=open');
    assert.equal(api.body.total, 2);
    await accessible('inbox');
    await shot('t01-inbox');
  });

  step('open it and take it: it becomes mine and open', async () => {
    await page.getByTestId('ticket-table').getByRole('link', { name: SUBJECT }).click();
    await page.getByRole('heading', { name: SUBJECT, level: 1 }).waitFor();
    await page.getByTestId('conversation').getByText('trong hộp không có lõi lọc thô').waitFor();
    await page.getByRole('button', { name: vi.tickets.take }).click();
    await page
      .getByTestId('ticket-page')
      .locator('.ticket-meta')
      .getByText(enumLabel('ticketStatus', 'open', 'vi'), { exact: true })
      .waitFor();
    const t = (await apiCall('GET', `/tickets/${ids.ticket}`)).body;
    assert.deepEqual([t.assigneeId, t.status], [ids.me, 'open']);
    await page
      .getByTestId('conversation')
      .getByText(
        new RegExp(
          `${OWNER.name} đổi ${vi.tickets.fields.status.toLowerCase()}: ${enumLabel('ticketStatus', 'new', 'vi')} → ${enumLabel('ticketStatus', 'open', 'vi')}`,
        ),
      )
      .waitFor();
  });

  step('reply with a canned reply: the customer’s name filled in, the first-response clock met', async () => {
    await page.getByLabel(vi.tickets.composer.canned).selectOption({ label: 'Xin lỗi vì giao thiếu hàng' });
    const body = page.getByLabel(vi.tickets.composer.replyLabel);
    assert.match(await body.inputValue(), /^Dạ em chào Anh Phạm Quốc Bảo, em rất xin lỗi/);
    await body.press('End');
    await body.pressSequentially(' Anh cho em xin địa chỉ nhận nhé.');
    await page.getByRole('button', { name: vi.tickets.composer.send, exact: true }).click();
    const reply = page.getByTestId('conversation').locator('[data-kind="reply"]');
    await reply.getByText('Anh cho em xin địa chỉ nhận nhé.').waitFor();
    assert.match(
      await reply.getByTestId('mail-status').innerText(),
      new RegExp(`${vi.tickets.mailStatus.queued}|${vi.tickets.mailStatus.suppressed}|${vi.tickets.mailStatus.sent}`),
    );
    await page.getByTestId('ticket-sla').getByTestId('sla-firstResponse').getByText(vi.tickets.sla.met).waitFor();
    const t = (await apiCall('GET', `/tickets/${ids.ticket}`)).body;
    assert.notEqual(t.firstRespondedAt, null);
    assert.equal(t.sla.firstResponse.met, true);
    const msgs = (await apiCall('GET', `/tickets/${ids.ticket}/messages`)).body.data as { kind: string; body: string }[];
    assert.match(msgs.find((m) => m.kind === 'reply')!.body, /^Dạ em chào Anh Phạm Quốc Bảo.*địa chỉ nhận nhé\.$/s);
  });

  step('wait on the customer: the resolution clock pauses', async () => {
    await page.getByRole('button', { name: vi.tickets.changeStatus }).click();
    await page.getByRole('menuitem', { name: vi.tickets.moveTo.waiting_on_customer }).click();
    await page
      .getByTestId('ticket-page')
      .locator('.ticket-meta')
      .getByText(enumLabel('ticketStatus', 'waiting_on_customer', 'vi'))
      .waitFor();
    const paused = page.getByTestId('ticket-sla').getByTestId('sla-resolution');
    await paused.getByText(/^Tạm dừng, chờ khách · còn /).waitFor();
    assert.equal(await paused.getAttribute('data-tone'), 'paused');
    assert.equal((await apiCall('GET', `/tickets/${ids.ticket}`)).body.status, 'waiting_on_customer');
  });

  step('the customer’s answer logged and a note for colleagues: the ticket is open again', async () => {
    await page.getByRole('tab', { name: vi.tickets.composer.customer }).click();
    await page.getByLabel(vi.tickets.composer.customerLabel).fill('Khách gọi lại: giao tới 12 Nguyễn Huệ, Quận 1, sau 17 giờ.');
    await page.getByRole('button', { name: vi.tickets.composer.logCustomer }).click();
    await page.getByTestId('conversation').getByText('giao tới 12 Nguyễn Huệ').waitFor();
    await page
      .getByTestId('ticket-page')
      .locator('.ticket-meta')
      .getByText(enumLabel('ticketStatus', 'open', 'vi'), { exact: true })
      .waitFor();
    await page.getByRole('tab', { name: vi.tickets.composer.note }).click();
    await page.getByLabel(vi.tickets.composer.noteLabel).fill('Kho Thủ Đức còn 3 lõi lọc thô, đã giữ 1 cho khách.');
    await page.getByRole('button', { name: vi.tickets.composer.addNote }).click();
    const note = page.getByTestId('conversation').locator('[data-kind="note"]');
    await note.getByText('đã giữ 1 cho khách').waitFor();
    assert.match(await note.innerText(), new RegExp(vi.tickets.noteBadge));
    const t = (await apiCall('GET', `/tickets/${ids.ticket}`)).body;
    assert.equal(t.status, 'open');
    const kinds = ((await apiCall('GET', `/tickets/${ids.ticket}/messages`)).body.data as { kind: string }[]).map((m) => m.kind).filter((k) => k !== 'event');
    assert.deepEqual(kinds, ['customer', 'reply', 'customer', 'note']);
    await shot('t02-ticket-conversation');
  });

  step('resolve: a resolution is required, then the ticket is resolved within its SLA', async () => {
    await page.getByRole('button', { name: vi.tickets.moveTo.resolved, exact: true }).click();
    const dialog = page.getByTestId('resolve-dialog');
    await dialog.waitFor();
    const confirm = page.getByRole('button', { name: vi.tickets.resolveConfirm });
    assert.equal(await confirm.isDisabled(), true, 'no resolution, no resolving');
    await page.getByLabel(vi.tickets.fields.resolution, { exact: true }).fill('Đã giao bù lõi lọc thô tận nhà, khách xác nhận máy chạy tốt.');
    await page.getByLabel(vi.tickets.rootCauseOptional).fill('Kho đóng gói thiếu phụ kiện');
    await accessible('resolve dialog');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('ticket-page')
      .locator('.ticket-meta')
      .getByText(enumLabel('ticketStatus', 'resolved', 'vi'))
      .waitFor();
    await page.getByTestId('ticket-resolution').getByText('Đã giao bù lõi lọc thô tận nhà').waitFor();
    await page.getByTestId('ticket-sla').getByTestId('sla-resolution').getByText(vi.tickets.sla.met).waitFor();
    const t = (await apiCall('GET', `/tickets/${ids.ticket}`)).body;
    assert.deepEqual(
      [t.status, t.resolution, t.rootCause, t.sla.resolution.met],
      ['resolved', 'Đã giao bù lõi lọc thô tận nhà, khách xác nhận máy chạy tốt.', 'Kho đóng gói thiếu phụ kiện', true],
    );
    assert.notEqual(t.resolvedAt, null);
    await accessible('ticket page');
    await shot('t03-ticket-resolved');
  });

  step('the resolved ticket in the inbox’s “all” queue and on the customer’s page', async () => {
    await page.getByRole('link', { name: vi.nav.tickets }).click();
    await page.getByTestId('queue-all').click();
    await page.getByLabel(vi.tickets.statusFilter).selectOption('resolved');
    const row = page.getByTestId('ticket-row').filter({ hasText: SUBJECT });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(enumLabel('ticketStatus', 'resolved', 'vi')));
    assert.match(await row.getByTestId('sla-resolution').innerText(), new RegExp(vi.tickets.sla.met));
    await page.getByTestId('ticket-row').filter({ hasText: SUBJECT }).getByRole('link', { name: 'Anh Phạm Quốc Bảo' }).click();
    const card = page.getByTestId('customer-tickets');
    await card.getByRole('link', { name: new RegExp(SUBJECT) }).waitFor();
    assert.match(await card.innerText(), new RegExp(enumLabel('ticketStatus', 'resolved', 'vi')));
    await card.scrollIntoViewIfNeeded();
    await shot('t04-customer-tickets');
  });

  step('a new ticket opened from the customer’s page: the SLA follows its priority', async () => {
    await page.getByTestId('customer-tickets').getByRole('button', { name: vi.tickets.newForCustomer }).click();
    const dialog = page.getByTestId('new-ticket');
    await dialog.waitFor();
    await page.getByLabel(vi.tickets.fields.subject).fill('Hỏi lịch thay lõi lọc định kỳ');
    await page.getByLabel(vi.tickets.fields.priority).selectOption({ label: enumLabel('ticketPriority', 'urgent', 'vi') });
    await page.getByLabel(vi.tickets.fields.category).selectOption({ label: enumLabel('ticketCategory', 'question', 'vi') });
    await page.getByLabel(vi.tickets.fields.message).fill('Bao lâu thì phải thay lõi lọc một lần?');
    await accessible('new ticket dialog');
    await shot('t05-new-ticket');
    await page.getByRole('dialog').getByRole('button', { name: vi.tickets.create }).click();
    await page.getByRole('heading', { name: 'Hỏi lịch thay lõi lọc định kỳ', level: 1 }).waitFor();
    const list = (await apiCall('GET', `/tickets?contactId=${ids.customer}&status=any`)).body;
    const created = list.data.find((x: { subject: string }) => x.subject === 'Hỏi lịch thay lõi lọc định kỳ');
    assert.deepEqual(
      [created.priority, created.category, created.channel, created.assigneeId, created.status],
      ['urgent', 'question', 'phone', ids.me, 'open'],
    );
    // Urgent: a first reply within 30 working minutes.
    assert.match(await page.getByTestId('ticket-sla').getByTestId('sla-firstResponse').innerText(), /còn (30 phút|\d+ phút)/);
  });

  step('care settings: Vietnam’s public holidays added to the working calendar, saved', async () => {
    await page.goto(`${server.url}/settings/care`);
    await page.getByTestId('week-editor').waitFor();
    // A new workspace already lists this year's and next year's holidays: the year after those is added.
    const year = new Date().getFullYear() + 2;
    const before = (await apiCall('GET', '/care/settings')).body.calendar.holidays as { date: string }[];
    assert.ok(!before.some((h) => h.date.startsWith(`${year}-`)));
    await page.getByLabel(vi.care.year, { exact: true }).selectOption(String(year));
    await page.getByRole('button', { name: fill(vi.care.addVietnam, { year }) }).click();
    const [lead, rest] = fill(vi.care.holidaysAdded_other, { count: '#', year }).split('#') as [string, string];
    const toast = page.getByRole('status').filter({ hasText: lead }).filter({ hasText: rest });
    await toast.waitFor();
    await page.getByTestId('holidays').getByText('Giỗ Tổ Hùng Vương').last().waitFor();
    await page.getByRole('button', { name: vi.common.save }).first().click();
    await page.getByText(vi.care.calendarSaved).waitFor();
    const after = (await apiCall('GET', '/care/settings')).body.calendar.holidays as { date: string; name: string }[];
    assert.ok(
      after.some((h) => h.date === `${year}-01-01`),
      'New Year’s Day of the year asked for',
    );
    assert.ok(
      after.some((h) => h.date === `${year}-04-30`),
      'Reunification Day',
    );
    assert.ok(after.length > before.length);
    await accessible('care settings');
    await page.getByRole('heading', { name: vi.settings.title, level: 1 }).scrollIntoViewIfNeeded();
    await shot('t06-care-settings');
    await page.getByTestId('sla-policies').scrollIntoViewIfNeeded();
    await shot('t07-sla-policies');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
