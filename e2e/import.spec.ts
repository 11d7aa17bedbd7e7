/**
 * Importing a customer list in the web app, in Debian's Chromium against the real server: from the empty
 * contacts list to the import page, a CSV as Excel saves it (UTF-8 with a BOM, semicolons, Vietnamese
 * headers), the columns suggested and one changed by hand, the dry run naming the refused row, the
 * import with its progress, the summary with the error file, the contacts in the list — and the undo.
 * Every page is screenshotted and axe-checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkspace, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Nhà sách Cây Bàng', name: 'Đoàn Minh Thư', email: 'thu@caybang.vn', password: 'mật khẩu nhà sách 2026' };
const CSV = [
  'Họ và tên;SĐT;Email;Ngày sinh;Ghi chú nội bộ;Mã KH',
  'Nguyễn Thị Hồng;0912 345 678;hong@example.vn;25/01/1990;khách quen;KH-001',
  'Trần Văn Ba;0123;;;;KH-002',
  'Lê Minh Khôi;0987 654 321;khoi@example.vn;;không nhập;KH-003',
  'Phạm Thu;0903 111 222;;12/12/1988;;KH-004',
  'Võ Thị Sáu;;sau@example.vn;;;KH-005',
].join('\r\n');

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'import-failed-step', url: () => server.url, token: () => token });
let pageErrors: string[] = [];

before(async () => {
  w = await openWorkspace(OWNER);
  ({ page, server, token, pageErrors } = w);
});
after(() => w?.close());

describe('importing a customer list, in Vietnamese', () => {
  let importId = '';

  step('the empty contact list offers the import; the import page says what files it takes', async () => {
    await page.getByRole('heading', { name: vi.contacts.emptyTitle }).waitFor();
    await page.getByRole('link', { name: vi.imports.importButton }).last().click();
    await page.getByRole('heading', { name: vi.imports.title, level: 1 }).waitFor();
    await page.getByText(vi.imports.dropTitle).waitFor();
    await page.getByText(vi.imports.noHistory).waitFor();
    await accessible('import, upload');
    await shot('i01-import-upload');
  });

  step('the file’s columns are suggested; one is changed by hand; the dry run names the refused row and writes nothing', async () => {
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'khách hàng.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]) });
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    assert.match(await mapping.innerText(), /5 dòng · UTF-8 · “;”/);
    const value = (col: number) => page.getByTestId(`map-${col}`).inputValue();
    assert.deepEqual([await value(0), await value(1), await value(2), await value(3), await value(5)], ['name', 'phones', 'emails', 'birthday', 'externalId']);
    // “Ghi chú nội bộ” only contains a name of notes: a guess, offered beside an empty choice until confirmed.
    assert.equal(await value(4), '', 'a guess is not used on its own');
    const confirm = page.getByTestId('confirm-4');
    assert.equal(await confirm.innerText(), vi.imports.confirmGuess.replace('{{field}}', vi.contactFields.notes));
    await shot('i02a-import-guess');
    await confirm.click();
    assert.equal(await value(4), 'notes', 'confirmed, the guess is used');
    await page.getByLabel(`${vi.imports.fieldFor.replace('{{column}}', 'Ghi chú nội bộ')}`).selectOption('');
    assert.equal(await page.getByTestId('import-run').isDisabled(), true, 'the import waits for a check');
    await page.getByTestId('import-check').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.equal(await report.getByTestId('count-created').innerText(), '4');
    assert.equal(await report.getByTestId('count-failed').innerText(), '1');
    const errors = await page.getByTestId('import-errors').innerText();
    assert.match(errors, new RegExp(`3\\s+SĐT\\s+0123\\s+${vi.validation.invalid_phone}`), 'the reason in Vietnamese');
    const list = await apiCall('GET', '/contacts?includeTotal=true');
    assert.equal(list.body.total, 0, 'a dry run writes nothing');
    await accessible('import, mapping and dry run');
    await shot('i02-import-mapping-report');
  });

  step('the import runs with its progress; the summary counts it, offers the error file; the contacts are in the list', async () => {
    await page.getByTestId('import-run').click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    importId = page.url().split('/').pop()!;
    await page.getByTestId('import-status').filter({ hasText: vi.imports.status.done }).waitFor();
    assert.equal(await page.getByRole('progressbar').getAttribute('aria-valuenow'), '5');
    assert.equal(await page.getByTestId('count-created').innerText(), '4');
    assert.equal(await page.getByTestId('count-failed').innerText(), '1');
    const link = page.getByTestId('import-error-file');
    assert.equal(await link.getAttribute('href'), `/api/v1/imports/${importId}/errors`);
    const file = await page.evaluate(async (href) => [...new Uint8Array(await (await fetch(href)).arrayBuffer())], `/api/v1/imports/${importId}/errors`);
    assert.deepEqual(file.slice(0, 3), [0xef, 0xbb, 0xbf], 'a BOM, so Excel reads it as UTF-8');
    assert.match(Buffer.from(file.slice(3)).toString('utf8'), /^row,column,value,reason\r?\n3,SĐT,0123,/);
    await accessible('import, done');
    await shot('i03-import-done');
    await page.getByRole('link', { name: vi.imports.toContacts }).click();
    await page.getByTestId('contact-total').filter({ hasText: '4' }).waitFor();
    const hong = await apiCall('GET', `/contacts?q=${encodeURIComponent('Nguyễn Thị Hồng')}`);
    assert.deepEqual(
      [hong.body.data[0].externalId, hong.body.data[0].phones, hong.body.data[0].notes],
      ['KH-001', ['+84912345678'], null],
      'the skipped column wrote nothing',
    );
  });

  step('the import is undone from its page: the contacts go to the trash', async () => {
    await page.goto(`${server.url}/imports`);
    await page.getByTestId('imports-table').getByRole('link', { name: 'khách hàng.csv' }).click();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('import-undo').click();
    await page.getByTestId('import-status').filter({ hasText: vi.imports.status.undone }).waitFor();
    const list = await apiCall('GET', '/contacts?includeTotal=true');
    assert.equal(list.body.total, 0);
    await shot('i04-import-undone');
    assert.deepEqual(pageErrors, []);
  });
});
