/**
 * The order exports of Shopee, Lazada and TikTok Shop (test/fixtures/imports, written by make-marketplace-orders.ts in
 * each seller centre's layout) imported without any --map, through the CLI and through the API's upload → run:
 * the product is recognised, each order's total is what the buyer paid — computed here by hand from the file's own
 * columns —, the statuses are Kith's, the customers have their names and E.164 phones (a masked phone is none),
 * a returning buyer is one customer, and importing the file again adds nothing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, runJobsUntilIdle, type TestUser } from '../../../test/factories.ts';
import { presetById } from '@kith/domain/import/presets.ts';
import { stringify } from 'csv-stringify/sync';
import { runImport } from './engine.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/imports');
const BIN = join(import.meta.dirname, '../../../../cli/bin/kith.js');

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Row = Record<string, string>;
/** The file's rows by header, as a person reading it sees them (the header row first; a TikTok description row dropped by the caller). */
async function rowsOf(file: string): Promise<Row[]> {
  const bytes = readFileSync(join(FIXTURES, file));
  if (file.endsWith('.csv')) return parse(bytes, { columns: true, bom: true }) as Row[];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Row[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const v = r.values as unknown[];
    out.push(Object.fromEntries(headers.map((h, i) => [h, v[i + 1] === undefined || v[i + 1] === null ? '' : String(v[i + 1])])));
  });
  return out;
}
const num = (s: string | undefined) => (s ? Number(s) : 0);
/** A phone as Kith stores it, worked out by hand: Vietnamese numbers written 0…, 84… or (+84)…; masked ones are none. */
const e164 = (s: string) => (s.includes('*') ? null : `+84${s.replace(/\D/g, '').replace(/^84|^0/, '')}`);

/** What each order of a file should become, read from its columns by hand. */
type Expected = { number: string; total: number; status: string; name: string; phone: string | null; externalId: string | null };

const SHOPEE_DISCOUNTS = [
  'Mã giảm giá của Shop',
  'Mã giảm giá của Shopee',
  'Giảm giá từ combo Shopee',
  'Giảm giá từ Combo của Shop',
  'Shopee Xu được hoàn',
  'Số tiền được giảm khi thanh toán bằng thẻ Ghi nợ',
];
// Kith's status for each word the fixtures use, decided here, not read from the presets.
const SHOPEE_STATUS: Record<string, string> = {
  'Hoàn thành': 'delivered',
  'Đang giao': 'placed',
  'Đã hủy': 'cancelled',
  'Chờ xác nhận': 'placed',
  'Chờ lấy hàng': 'placed',
  'Đã giao': 'delivered',
  'Trả hàng/Hoàn tiền': 'returned',
};
const LAZADA_STATUS: Record<string, string> = {
  delivered: 'delivered',
  canceled: 'cancelled',
  shipped: 'placed',
  returned: 'returned',
  pending: 'placed',
  ready_to_ship: 'placed',
  failed: 'cancelled',
};
const TIKTOK_STATUS: Record<string, string> = {
  Completed: 'delivered',
  Cancelled: 'cancelled',
  'In transit': 'placed',
  'To ship': 'placed',
  Delivered: 'delivered',
  Unpaid: 'placed',
};

function byOrder(rows: Row[], key: string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) m.set(r[key]!, [...(m.get(r[key]!) ?? []), r]);
  return m;
}

async function shopeeExpected(): Promise<Expected[]> {
  const rows = await rowsOf('shopee-orders.xlsx');
  return [...byOrder(rows, 'Mã đơn hàng')].map(([number, lines]) => {
    const o = lines[0]!;
    // The lines at the price paid, less the vouchers, combos, coins and card discount (written once per order,
    // repeated on each line), plus the shipping the buyer paid.
    const total =
      lines.reduce((s, l) => s + num(l['Giá ưu đãi']) * num(l['Số lượng']), 0) -
      SHOPEE_DISCOUNTS.reduce((s, h) => s + num(o[h]), 0) +
      num(o['Phí vận chuyển mà người mua trả']);
    assert.equal(total, num(o['Tổng số tiền người mua thanh toán']), `${number}: the file's own "what the buyer paid"`);
    const word = o['Trạng Thái Đơn Hàng']!;
    return {
      number,
      total,
      status: SHOPEE_STATUS[word] ?? (word.startsWith('Người mua xác nhận đã nhận được hàng') ? 'delivered' : `? ${word}`),
      name: o['Tên Người nhận']!,
      phone: e164(o['Số điện thoại']!),
      externalId: `shopee:${o['Người Mua']}`,
    };
  });
}

async function lazadaExpected(): Promise<Expected[]> {
  const rows = await rowsOf('lazada-orders.xlsx');
  // One row per item: what the buyer paid for each, and its share of the shipping.
  return [...byOrder(rows, 'orderNumber')].map(([number, items]) => ({
    number,
    total: items.reduce((s, i) => s + num(i.paidPrice) + num(i.shippingFee), 0),
    status: LAZADA_STATUS[items[0]!.status!] ?? '?',
    name: items[0]!.customerName!,
    phone: e164(items[0]!.shippingPhone!),
    externalId: null,
  }));
}

async function tiktokExpected(): Promise<Expected[]> {
  const rows = (await rowsOf('tiktok-orders.csv')).filter((r) => r['Order ID'] !== 'Platform unique order ID.');
  return [...byOrder(rows, 'Order ID')].map(([number, lines]) => {
    const o = lines[0]!;
    const total =
      lines.reduce((s, l) => s + num(l['SKU Unit Original Price']) * num(l.Quantity) - num(l['SKU Platform Discount']) - num(l['SKU Seller Discount']), 0) +
      num(o['Shipping Fee After Discount']) -
      num(o['Payment platform discount']);
    assert.equal(total, num(o['Order Amount']), `${number}: the file's own "Order Amount"`);
    return {
      number,
      total,
      status: TIKTOK_STATUS[o['Order Status']!] ?? '?',
      name: o.Recipient!,
      phone: e164(o['Phone #']!),
      externalId: `tiktok:${o['Buyer Username']}`,
    };
  });
}

const FILES = [
  { file: 'shopee-orders.xlsx', preset: 'shopee-orders', product: 'Shopee', expected: shopeeExpected, descriptionRows: 0 },
  { file: 'lazada-orders.xlsx', preset: 'lazada-orders', product: 'Lazada', expected: lazadaExpected, descriptionRows: 0 },
  { file: 'tiktok-orders.csv', preset: 'tiktok-orders', product: 'TikTok Shop', expected: tiktokExpected, descriptionRows: 1 },
] as const;

/** The workspace's orders with their customers, by order number. */
async function ordersOf(workspaceId: string) {
  const rows = await t.core.db
    .selectFrom('orders')
    .innerJoin('contacts', 'contacts.id', 'orders.contact_id')
    .select([
      'orders.number',
      'orders.status',
      'orders.channel',
      'orders.total',
      'orders.contact_id',
      'contacts.name',
      'contacts.phones',
      'contacts.external_id',
    ])
    .where('orders.workspace_id', '=', workspaceId)
    .where('orders.deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.number, { ...r, phones: (typeof r.phones === 'string' ? JSON.parse(r.phones) : r.phones) as string[] }]));
}
async function contactCount(workspaceId: string) {
  const r = await t.core.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every order of the file is in the workspace as the file says: total, status, channel, customer. */
async function assertImported(workspaceId: string, expected: Expected[]) {
  const orders = await ordersOf(workspaceId);
  assert.equal(orders.size, expected.length, 'one order per order number');
  for (const e of expected) {
    const o = orders.get(e.number);
    assert.ok(o, `order ${e.number}`);
    assert.equal(Number(o.total), e.total, `${e.number}: the total is what the buyer paid`);
    assert.equal(o.status, e.status, `${e.number}: status`);
    assert.equal(o.channel, 'marketplace', `${e.number}: channel`);
    assert.equal(o.name, e.name, `${e.number}: the customer's name`);
    if (e.phone) assert.ok(o.phones.includes(e.phone), `${e.number}: the customer's phone ${e.phone}, got ${o.phones}`);
    assert.ok(
      o.phones.every((p) => /^\+84\d{9}$/.test(p)),
      `${e.number}: phones in E.164, never a masked one: ${o.phones}`,
    );
    if (e.externalId) assert.equal(o.external_id, e.externalId, `${e.number}: the buyer's username in its marketplace`);
  }
  // A buyer is one customer however many orders they placed (found again by username, phone or email).
  const buyers = new Set(expected.map((e) => e.externalId ?? e.phone));
  assert.equal(new Set([...orders.values()].map((o) => o.contact_id)).size, buyers.size, 'one customer per buyer');
  assert.equal(await contactCount(workspaceId), buyers.size, 'no other customer created');
}

/** `kith import orders FILE --json` over the test's database, as a user runs it. */
function kith(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const c = t.core.config;
  return new Promise((ok) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        KITH_DATA_DIR: c.dataDir,
        DATABASE_URL: c.database.kind === 'postgres' ? c.database.url : '',
        KITH_SECRET: c.secret,
        LOG_LEVEL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

describe('marketplace order exports, without --map', () => {
  for (const f of FILES) {
    test(`${f.product} through the CLI: recognised, totals as paid, statuses, customers; again, nothing new`, async () => {
      const expected = await f.expected();
      const { workspaceId } = await makeWorkspace(t.core);
      const path = join(FIXTURES, f.file);
      const r = await kith(['import', 'orders', path, '--workspace', workspaceId, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.preset, f.preset, `looks like ${f.product}`);
      assert.deepEqual([report.created, report.failed, report.errors], [expected.length, 0, []]);
      assert.deepEqual(report.unconfirmed, [], 'every column decided by the preset');
      await assertImported(workspaceId, expected);

      const again = JSON.parse((await kith(['import', 'orders', path, '--workspace', workspaceId, '--json'])).stdout);
      assert.deepEqual([again.created, again.failed, again.skipped], [0, 0, expected.length + f.descriptionRows], 'the same file again adds nothing');
      await assertImported(workspaceId, expected);
    });

    test(`${f.product} through the API (upload → run): the same orders and customers`, async () => {
      const expected = await f.expected();
      const { owner } = await makeWorkspace(t.core);
      const type = f.file.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const upload = (o: TestUser) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/imports?kind=orders&fileName=${encodeURIComponent(f.file)}`,
          headers: { authorization: `Bearer ${o.token}`, 'content-type': type },
          payload: readFileSync(join(FIXTURES, f.file)),
        });
      const up = await upload(owner);
      assert.equal(up.statusCode, 201, up.body);
      const u = up.json();
      assert.deepEqual(u.preset, { id: f.preset, product: f.product });
      assert.ok(
        u.suggestions.every((s: { confidence: string }) => s.confidence === 'preset'),
        'every column is one the product writes',
      );
      const api = client(t.app, owner.token);
      const started = await api.post(`/api/v1/imports/${u.import.id}/run`, {});
      assert.equal(started.status, 202, JSON.stringify(started.body));
      await runJobsUntilIdle(t.core);
      const done = (await api.get(`/api/v1/imports/${u.import.id}`)).body;
      assert.deepEqual([done.status, done.failed], ['done', 0], JSON.stringify(done));
      await assertImported(owner.workspaceId, expected);

      const second = (await upload(owner)).json();
      assert.equal((await api.post(`/api/v1/imports/${second.import.id}/run`, {})).status, 202);
      await runJobsUntilIdle(t.core);
      const twice = (await api.get(`/api/v1/imports/${second.import.id}`)).body;
      assert.deepEqual([twice.status, twice.created, twice.failed, twice.skipped], ['done', 0, 0, expected.length + f.descriptionRows]);
      await assertImported(owner.workspaceId, expected);
    });
  }
});

describe('the seller centres in Vietnamese', () => {
  /** A file in a preset's layout: every header it writes, the given cells filled. */
  const fileOf = (preset: string, rows: Record<string, string>[]) => {
    const headers = Object.keys(presetById(preset)!.columns);
    return { bytes: Buffer.from(stringify([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))])) };
  };
  const statuses = async (workspaceId: string) => Object.fromEntries((await ordersOf(workspaceId)).entries().map(([n, o]) => [n, o.status]));

  test('TikTok Shop’s and Lazada’s Vietnamese status words are Kith statuses', async () => {
    const { owner } = await makeWorkspace(t.core);
    const tiktok = ['Chưa thanh toán', 'Chờ vận chuyển', 'Đang vận chuyển', 'Đã giao', 'Đã hoàn tất', 'Đã hủy'].map((status, i) => ({
      'Order ID': `57646100000000000${i}`,
      'Order Status': status,
      'Seller SKU': 'KEP-TOC',
      'Product Name': 'Kẹp tóc',
      Quantity: '1',
      'SKU Unit Original Price': '90000',
      'Created Time': '14/03/2026 20:15:09',
      'Buyer Username': `khach${i}`,
      Recipient: `Khách ${i}`,
      'Phone #': '(+84)911*****33',
    }));
    const r = await runImport(t.core, owner.actor, fileOf('tiktok-orders', tiktok), { kind: 'orders', dryRun: false, fileName: 'tiktok.csv' });
    assert.deepEqual([r.preset?.id, r.created, r.failed], ['tiktok-orders', 6, 0], JSON.stringify(r.errors));
    const lazada = ['Chờ xử lý', 'Sẵn sàng giao hàng', 'Đang giao hàng', 'Đã giao hàng', 'Đã hủy', 'Giao hàng thất bại', 'Đã trả hàng'].map((status, i) => ({
      orderItemId: `7000${i}`,
      orderNumber: `51000000000${i}`,
      lazadaSku: 'KHAN-LZD',
      sellerSku: 'KHAN',
      itemName: 'Khăn tắm',
      paidPrice: '99000',
      shippingFee: '0',
      createTime: '16 Mar 2026 13:22',
      customerName: `Người mua ${i}`,
      shippingPhone: `8491100000${i}`,
      status,
    }));
    const l = await runImport(t.core, owner.actor, fileOf('lazada-orders', lazada), { kind: 'orders', dryRun: false, fileName: 'lazada.csv' });
    assert.deepEqual([l.preset?.id, l.created, l.failed], ['lazada-orders', 7, 0], JSON.stringify(l.errors));
    assert.deepEqual(await statuses(owner.workspaceId), {
      '576461000000000000': 'placed',
      '576461000000000001': 'placed',
      '576461000000000002': 'placed',
      '576461000000000003': 'delivered',
      '576461000000000004': 'delivered',
      '576461000000000005': 'cancelled',
      '510000000000': 'placed',
      '510000000001': 'placed',
      '510000000002': 'placed',
      '510000000003': 'delivered',
      '510000000004': 'cancelled',
      '510000000005': 'cancelled',
      '510000000006': 'returned',
    });
    // Masked phones found no one and made no key: six TikTok buyers, told apart by their usernames.
    assert.equal(await contactCount(owner.workspaceId), 6 + 7);
  });
});
