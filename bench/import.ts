/**
 * (g) Importing a contacts CSV (issue 4): `runImport` on a file of N rows as a shop would export it
 * (UTF-8 with a BOM, semicolons, Vietnamese headers, dd/mm/yyyy dates, phones written "0912 345 678"),
 * streamed from disk: the structure pass, the hash, then batches of 1,000 rows each matched against
 * existing contacts and written with lookup keys, audit rows and the import's own bookkeeping. Resident
 * memory is sampled at every tenth of the file: it must stay flat, whatever the file's size.
 *
 * Baseline in the same run: a raw batched insert of the already-parsed rows — the very rows the import
 * wrote, read back outside the clock, inserted with Kysely into `contacts` of a second, empty database,
 * 1,000 rows per transaction (as (a)).
 *
 * (h) Importing order lines: a CSV of one row per line item (order number, date, customer phone and name,
 * SKU, quantity, price, status, channel) for the demo's three years of purchases, grouped into orders by
 * number. Baseline: the orders and lines it wrote, inserted raw into a second database.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import { demoCompanyCount, demoContact } from '@kith/domain/demo/demo-data.ts';
import { DEMO_PRODUCTS, demoPurchases } from '@kith/domain/demo/demo-commerce.ts';
import type { ContactTable } from '@kith/server/features/contacts/contact.table.ts';
import type { Core } from '@kith/server/core.ts';
import { runImport } from '@kith/server/features/import/engine.ts';
import { createProduct } from '@kith/server/features/commerce/product.service.ts';
import { benchWorkspace, env, int, log, openBenchDb, type Dialect } from './lib.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const csvCell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (const l of lines) {
    bytes += Buffer.byteLength(l) + 1;
    if (!out.write(`${l}\n`)) await new Promise<void>((ok) => out.once('drain', () => ok()));
  }
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  return bytes;
}

/** The contacts file: demo contacts 0..n as a spreadsheet export. */
export function* contactLines(n: number): Generator<string> {
  yield '\ufeffHọ và tên;SĐT;Email;Ngày sinh;Giới tính;Tỉnh/Thành;Nghề nghiệp;Nhãn;Ghi chú';
  const companies = demoCompanyCount(n);
  for (let i = 0; i < n; i++) {
    const c = demoContact(env.seed, i, companies);
    const phone = c.phones?.[0] ?? '';
    const local = phone.startsWith('+84') ? `0${phone.slice(3, 6)} ${phone.slice(6, 9)} ${phone.slice(9)}` : phone;
    yield [
      c.name,
      local,
      c.emails?.[0] ?? '',
      c.birthday ? dmy(c.birthday) : '',
      c.gender === 'female' ? 'Nữ' : c.gender === 'male' ? 'Nam' : '',
      c.province ?? '',
      c.occupation ?? '',
      (c.tags ?? []).join(', '),
      c.notes ?? '',
    ]
      .map((x) => csvCell(String(x)))
      .join(';');
  }
}

export type ImportResult = {
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  created: number;
  rss: { atTenth: number[]; peak: number; start: number };
  /** The JavaScript heap at each tenth: what the import itself holds (RSS also counts SQLite's page cache and mapped file). */
  heapAtTenth: number[];
  raw: { seconds: number; rowsPerSecond: number };
  ratio: number;
};

type RawRow = Omit<Insertable<ContactTable>, 'seq'>;
const JSON_COLUMNS = ['emails', 'phones', 'interests', 'tags', 'consents', 'custom'] as const;

/**
 * The baseline of (g) and (n): the contacts an import wrote, read back from its database (not timed) and
 * inserted raw into `contacts` of a second, empty database, 1,000 rows per transaction, 400 per INSERT.
 */
export async function rawInsertOfContacts(from: Core, to: Core, ws: { workspaceId: string; userId: string }): Promise<{ rows: number; ms: number }> {
  let ms = 0;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const found = (await from.db.selectFrom('contacts').selectAll().where('seq', '>', lastSeq).orderBy('seq').limit(1000).execute()) as Record<
      string,
      unknown
    >[];
    if (found.length === 0) break;
    const batch = found.map((r) => {
      lastSeq = Number(r.seq);
      const { seq: _s, search_tsv: _t, ...row } = r;
      for (const k of JSON_COLUMNS) if (typeof row[k] !== 'string') row[k] = JSON.stringify(row[k]);
      return { ...row, workspace_id: ws.workspaceId, owner_id: ws.userId, created_by: ws.userId, updated_by: ws.userId } as RawRow;
    });
    const t = performance.now();
    await to.db.transaction().execute(async (trx) => {
      for (let i = 0; i < batch.length; i += 400)
        await trx
          .insertInto('contacts')
          .values(batch.slice(i, i + 400))
          .execute();
    });
    ms += performance.now() - t;
    rows += batch.length;
  }
  return { rows, ms };
}

export async function benchImport(dialect: Dialect): Promise<ImportResult> {
  const n = env.contacts;
  mkdirSync(env.tmp, { recursive: true });
  const file = join(env.tmp, `import-contacts-${n}-${env.seed}.csv`);
  const bytes = await writeLines(file, contactLines(n));
  log(`   wrote ${file}: ${int(n)} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB (not timed)`);
  const db = await openBenchDb(dialect, 'import', { throwaway: true });
  const rawDb = await openBenchDb(dialect, 'importraw', { throwaway: true });
  try {
    const ws = await benchWorkspace(db.core);
    const rawWs = await benchWorkspace(rawDb.core);
    globalThis.gc?.();
    const start = process.memoryUsage().rss / 2 ** 20;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20)), 100);
    const atTenth: number[] = [];
    const heapAtTenth: number[] = [];
    let nextTenth = 1;
    const t0 = performance.now();
    const report = await runImport(
      db.core,
      ws.actor,
      { path: file },
      {
        kind: 'contacts',
        dryRun: false,
        fileName: 'bench.csv',
        onProgress: (p) => {
          while (p.rowsDone >= (nextTenth * p.rowCount) / 10 && nextTenth <= 10) {
            atTenth.push(process.memoryUsage().rss / 2 ** 20);
            // Run with --expose-gc, what the heap retains (garbage collected first); without, what it holds.
            globalThis.gc?.();
            heapAtTenth.push(process.memoryUsage().heapUsed / 2 ** 20);
            if (nextTenth % 2 === 0)
              log(
                `    ${int(p.rowsDone).padStart(9)} rows  ${int(p.rowsDone / ((performance.now() - t0) / 1000)).padStart(6)} rows/s  RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
              );
            nextTenth++;
          }
        },
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (report.failed) log(`   ${int(report.failed)} rows refused (first: ${JSON.stringify(report.errors[0])})`);

    // Baseline: the rows the import wrote, read back (not timed) and inserted raw, 1,000 per transaction.
    const raw = await rawInsertOfContacts(db.core, rawDb.core, rawWs);
    const rawMs = raw.ms;
    const rawRows = raw.rows;
    const rowsPerSecond = n / seconds;
    const rawRate = rawRows / (rawMs / 1000);
    return {
      rows: n,
      fileMb: bytes / 2 ** 20,
      seconds,
      rowsPerSecond,
      created: report.created,
      rss: { atTenth, peak, start },
      heapAtTenth,
      raw: { seconds: rawMs / 1000, rowsPerSecond: rawRate },
      ratio: rowsPerSecond / rawRate,
    };
  } finally {
    await db.drop();
    await rawDb.drop();
    rmSync(file, { force: true });
  }
}

export type OrderImportResult = {
  lines: number;
  orders: number;
  customers: number;
  fileMb: number;
  seconds: number;
  linesPerSecond: number;
  rss: { atTenth: number[]; peak: number; start: number };
  raw: { seconds: number; linesPerSecond: number };
  ratio: number;
};

/** Order lines of the demo's purchases, customer by customer, until `target` lines. */
export function* orderLines(target: number, counts: { lines: number; orders: number; customers: number }): Generator<string> {
  yield 'Số đơn;Ngày mua;Khách hàng;SĐT;Mã SP;Số lượng;Đơn giá;Giảm giá;Trạng thái;Kênh bán';
  const end = Date.parse('2026-11-01T00:00:00Z');
  const companies = demoCompanyCount(1_000_000);
  const status: Record<string, string> = { placed: 'Mới', paid: 'Đã thanh toán', delivered: 'Đã giao', cancelled: 'Hủy', returned: 'Trả hàng' };
  // Thousands grouped with dots, as Vietnamese spreadsheets print them.
  const money = (v: number) => v.toLocaleString('de-DE');
  for (let i = 0; counts.lines < target; i++) {
    const purchases = demoPurchases(env.seed, i, end);
    if (purchases.length === 0) continue;
    const c = demoContact(env.seed, i, companies);
    const phone = `09${String(10_000_000 + i).padStart(8, '0')}`;
    counts.customers++;
    for (const [k, p] of purchases.entries()) {
      counts.orders++;
      const d = new Date(p.orderedAt);
      const when = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      for (const l of p.lines) {
        const [sku, , , price] = DEMO_PRODUCTS[l.productIndex]!;
        counts.lines++;
        yield [
          `DH${i}-${k}`,
          when,
          csvCell(c.name),
          phone,
          sku,
          l.quantity,
          money(price),
          l.discount ? money(l.discount) : '',
          status[p.status] ?? '',
          p.channel,
        ].join(';');
      }
    }
  }
}

export async function addProducts(core: Core, actor: Parameters<typeof createProduct>[1]): Promise<void> {
  for (const [sku, name, , price] of DEMO_PRODUCTS) await createProduct(core, actor, { sku, name, price, currency: 'VND' });
}

export async function benchImportOrders(dialect: Dialect, targetLines: number): Promise<OrderImportResult> {
  mkdirSync(env.tmp, { recursive: true });
  const file = join(env.tmp, `import-orders-${targetLines}-${env.seed}.csv`);
  const counts = { lines: 0, orders: 0, customers: 0 };
  const bytes = await writeLines(file, orderLines(targetLines, counts));
  log(
    `   wrote ${file}: ${int(counts.lines)} lines of ${int(counts.orders)} orders by ${int(counts.customers)} customers, ${(bytes / 2 ** 20).toFixed(0)} MiB (not timed)`,
  );
  const db = await openBenchDb(dialect, 'orders', { throwaway: true });
  const rawDb = await openBenchDb(dialect, 'ordersraw', { throwaway: true });
  try {
    const ws = await benchWorkspace(db.core);
    const rawWs = await benchWorkspace(rawDb.core);
    await addProducts(db.core, ws.actor);
    globalThis.gc?.();
    const start = process.memoryUsage().rss / 2 ** 20;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20)), 100);
    const atTenth: number[] = [];
    let nextTenth = 1;
    const t0 = performance.now();
    const report = await runImport(
      db.core,
      ws.actor,
      { path: file },
      {
        kind: 'orders',
        dryRun: false,
        fileName: 'orders.csv',
        onProgress: (p) => {
          while (p.rowsDone >= (nextTenth * p.rowCount) / 10 && nextTenth <= 10) {
            atTenth.push(process.memoryUsage().rss / 2 ** 20);
            if (nextTenth % 2 === 0)
              log(
                `    ${int(p.rowsDone).padStart(10)} lines  ${int(p.rowsDone / ((performance.now() - t0) / 1000)).padStart(6)} lines/s  RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
              );
            nextTenth++;
          }
        },
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (report.failed) log(`   ${int(report.failed)} rows refused (first: ${JSON.stringify(report.errors[0])})`);

    // Baseline: the orders and lines the import wrote, inserted raw into a second database (their
    // customers and the products first, not timed), 1,000 orders per transaction.
    const products = await db.core.db.selectFrom('products').selectAll().execute();
    await rawDb.core.db
      .insertInto('products')
      .values(products.map((p) => ({ ...p, active: p.active ? 1 : 0, workspace_id: rawWs.workspaceId }) as never))
      .execute();
    let rawMs = 0;
    let rawLines = 0;
    let last = '';
    for (;;) {
      const orders = await db.core.db.selectFrom('orders').selectAll().where('id', '>', last).orderBy('id').limit(1000).execute();
      if (orders.length === 0) break;
      last = orders[orders.length - 1]!.id;
      const ids = orders.map((o) => o.id);
      const lines = await db.core.db.selectFrom('order_lines').selectAll().where('order_id', 'in', ids).execute();
      const contactIds = [...new Set(orders.map((o) => o.contact_id))];
      const have = new Set((await rawDb.core.db.selectFrom('contacts').select('id').where('id', 'in', contactIds).execute()).map((c) => c.id));
      const need = contactIds.filter((id) => !have.has(id));
      if (need.length) {
        const contacts = (await db.core.db.selectFrom('contacts').selectAll().where('id', 'in', need).execute()) as Record<string, unknown>[];
        const rows = contacts.map((r) => {
          const { seq: _s, search_tsv: _t, ...row } = r;
          for (const k of JSON_COLUMNS) if (typeof row[k] !== 'string') row[k] = JSON.stringify(row[k]);
          return { ...row, workspace_id: rawWs.workspaceId, owner_id: rawWs.userId, created_by: rawWs.userId, updated_by: rawWs.userId } as RawRow;
        });
        for (let i = 0; i < rows.length; i += 400)
          await rawDb.core.db
            .insertInto('contacts')
            .values(rows.slice(i, i + 400))
            .execute();
      }
      const orderRows = orders.map((o) => ({
        ...o,
        workspace_id: rawWs.workspaceId,
        tags: typeof o.tags === 'string' ? o.tags : JSON.stringify(o.tags),
        created_by: rawWs.userId,
        updated_by: rawWs.userId,
      }));
      const lineRows = lines.map((l) => ({ ...l, workspace_id: rawWs.workspaceId }));
      const t = performance.now();
      await rawDb.core.db.transaction().execute(async (trx) => {
        for (let i = 0; i < orderRows.length; i += 400)
          await trx
            .insertInto('orders')
            .values(orderRows.slice(i, i + 400) as never)
            .execute();
        for (let i = 0; i < lineRows.length; i += 500)
          await trx
            .insertInto('order_lines')
            .values(lineRows.slice(i, i + 500))
            .execute();
      });
      rawMs += performance.now() - t;
      rawLines += lines.length;
    }
    const linesPerSecond = counts.lines / seconds;
    const rawRate = rawLines / (rawMs / 1000);
    return {
      lines: counts.lines,
      orders: counts.orders,
      customers: counts.customers,
      fileMb: bytes / 2 ** 20,
      seconds,
      linesPerSecond,
      rss: { atTenth, peak, start },
      raw: { seconds: rawMs / 1000, linesPerSecond: rawRate },
      ratio: linesPerSecond / rawRate,
    };
  } finally {
    await db.drop();
    await rawDb.drop();
    rmSync(file, { force: true });
  }
}
