import type { Writable } from 'node:stream';
import { minorDigits } from '@kith/domain/money/money.ts';
import type { Company } from '@kith/domain/companies/company.schema.ts';
import type { Order, OrderLine, OrderSummary, Product } from '@kith/domain/orders/order.schema.ts';
import type { StageKind } from '@kith/domain/deals/deal.schema.ts';
import type { Deal } from '@kith/domain/deals/deal.api.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { readContext } from '../workspaces/read-context.ts';
import { exportColumnsOf } from '../../platform/records/field-table.ts';
import { COMPANY_FIELD_LIST } from '@kith/domain/companies/company.fields.ts';
import { PRODUCT_FIELD_LIST } from '@kith/domain/orders/product.fields.ts';
import { ORDER_FIELD_LIST } from '@kith/domain/orders/order.fields.ts';
import { DEAL_FIELD_LIST } from '@kith/domain/deals/deal.fields.ts';
import { listCompanies } from '../companies/company.service.ts';
import { listProducts } from '../commerce/product.service.ts';
import { findOrders, listOrders } from '../commerce/order.service.ts';
import { listDeals } from '../deals/deal-list.service.ts';
import { listPipelines } from '../deals/pipeline.service.ts';
import { cursorPages, joinList, writeTable, type ExportColumn, type ExportFormat } from './table-export.ts';

/**
 * The other lists as files: companies, products, orders (one row per order, or one per line item — the
 * shape the orders import reads back) and deals, each with the list's search, filters and order, and only
 * the records the caller may read. Money is written as an amount in the currency's unit (VND whole, USD
 * with cents), beside its currency, so a spreadsheet can sum it.
 */

export const LIST_EXPORTS = ['companies', 'products', 'orders', 'deals'] as const;
export type ListExport = (typeof LIST_EXPORTS)[number];

export type ListExportOptions = {
  format: ExportFormat;
  raw: boolean;
  q?: string | undefined;
  sort?: string | undefined;
  /** The list's own filters, as its API takes them (`filter[status][in]=paid`, or a deal's `stageId`). */
  filters: Record<string, unknown>;
  /** Orders only: one row per line item. */
  lines?: boolean;
};

const PAGE = 500;
const amount = (minor: number, currency: string) => minor / 10 ** (minorDigits(currency) ?? 2);

async function memberEmails(core: Core, workspaceId: string): Promise<(id: string | null) => string | null> {
  const rows = await core.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email'])
    .where('memberships.workspace_id', '=', workspaceId)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.email]));
  return (id) => (id ? (byId.get(id) ?? id) : null);
}

const opt = (k: string, v: string | undefined) => (v ? { [k]: v } : {});

/** Write one list to `out`; a bad filter or sort is refused (422) before anything is written. */
export async function exportList(core: Core, actor: Actor, kind: ListExport, o: ListExportOptions, out: Writable): Promise<{ rows: number }> {
  const file = await prepareListExport(core, actor, kind, o);
  return file(out);
}

/** Check the request and return the writer: callers answering over HTTP refuse a bad request before the file begins. */
export async function prepareListExport(
  core: Core,
  actor: Actor,
  kind: ListExport,
  o: ListExportOptions,
): Promise<(out: Writable) => Promise<{ rows: number }>> {
  authorize(actor, 'records.export');
  const ownerOf = await memberEmails(core, actor.workspaceId);
  const { workspace } = await readContext(core, actor.workspaceId);
  const sheet = { format: o.format, raw: o.raw, sheet: kind[0]!.toUpperCase() + kind.slice(1), locale: workspace?.locale };

  if (kind === 'companies') {
    const page = (cursor: string | null) =>
      listCompanies(core, actor, {
        limit: PAGE,
        deleted: 'exclude',
        raw: o.filters,
        ...opt('q', o.q),
        ...opt('sort', o.sort),
        ...opt('cursor', cursor ?? undefined),
      });
    await page(null);
    const { fields } = await readContext(core, actor.workspaceId);
    // The field table's exported fields (@kith/domain companies/company.fields.ts) between the id and the times.
    const cols: ExportColumn<Company>[] = [
      { key: 'id', header: 'id', value: (c) => c.id },
      ...exportColumnsOf<Company>(COMPANY_FIELD_LIST, { member: ownerOf }),
      { key: 'createdAt', header: 'createdAt', value: (c) => c.createdAt },
      { key: 'updatedAt', header: 'updatedAt', value: (c) => c.updatedAt },
      ...fields.company.map((f) => ({
        key: `custom.${f.key}`,
        header: `custom.${f.key}`,
        value: (c: Company) => (Array.isArray(c.custom[f.key]) ? joinList(c.custom[f.key] as unknown[]) : c.custom[f.key]),
      })),
    ];
    return (out) => writeTable(out, sheet, cols, cursorPages(page));
  }

  if (kind === 'products') {
    const page = (cursor: string | null) =>
      listProducts(core, actor, {
        limit: PAGE,
        deleted: 'exclude',
        raw: o.filters,
        ...opt('q', o.q),
        ...opt('sort', o.sort),
        ...opt('cursor', cursor ?? undefined),
      });
    await page(null);
    // The field table's exported fields (@kith/domain orders/product.fields.ts) between the id and the times.
    const cols: ExportColumn<Product>[] = [
      { key: 'id', header: 'id', value: (p) => p.id },
      ...exportColumnsOf<Product>(PRODUCT_FIELD_LIST, { category: (p) => p.categoryName, money: (minor, p) => amount(minor, p.currency) }),
      { key: 'createdAt', header: 'createdAt', value: (p) => p.createdAt },
      { key: 'updatedAt', header: 'updatedAt', value: (p) => p.updatedAt },
    ];
    return (out) => writeTable(out, sheet, cols, cursorPages(page));
  }

  if (kind === 'orders') {
    const page = (cursor: string | null) =>
      listOrders(core, actor, {
        limit: PAGE,
        deleted: 'exclude',
        includeTotal: false,
        raw: o.filters,
        ...opt('q', o.q),
        ...opt('sort', o.sort),
        ...opt('cursor', cursor ?? undefined),
      });
    await page(null);
    if (!o.lines) {
      // The field table's exported fields (@kith/domain orders/order.fields.ts), the customer's name beside their
      // id and the line count before the subtotal, then the id.
      const cols: ExportColumn<OrderSummary>[] = [
        ...exportColumnsOf<OrderSummary>(ORDER_FIELD_LIST, { money: (minor, r) => amount(minor, r.currency) }).flatMap((c) =>
          c.key === 'contactId'
            ? [{ key: 'customer', header: 'customer', value: (r: OrderSummary) => r.contactName }, c]
            : c.key === 'subtotal'
              ? [{ key: 'lineCount', header: 'lineCount', value: (r: OrderSummary) => r.lineCount }, c]
              : [c],
        ),
        { key: 'id', header: 'id', value: (r) => r.id },
      ];
      return (out) => writeTable(out, sheet, cols, cursorPages(page));
    }
    // One row per line: the page's orders read again with their lines (and their customers' phone and
    // email), in the list's order, under headers the orders import recognises — a file that goes back in.
    type LineRow = { order: Order; line: OrderLine; phone: string | null; email: string | null };
    const scope = scopeFor(actor, 'orders.read');
    const lines = async function* () {
      for await (const orders of cursorPages(page)) {
        const full = new Map(
          (
            await findOrders(
              core.db,
              scope,
              orders.map((x) => x.id),
            )
          ).map((x) => [x.id, x]),
        );
        const ids = [...new Set(orders.map((x) => x.contactId))];
        const people = ids.length
          ? await core.db
              .selectFrom('contacts')
              .select(['id', 'phones', 'emails'])
              .where('workspace_id', '=', actor.workspaceId)
              .where('id', 'in', ids)
              .execute()
          : [];
        const reach = new Map(
          people.map((p) => [p.id, { phone: readJson<string[]>(p.phones, [])[0] ?? null, email: readJson<string[]>(p.emails, [])[0] ?? null }]),
        );
        yield orders.flatMap((x) => {
          const order = full.get(x.id);
          const who = reach.get(x.contactId) ?? { phone: null, email: null };
          return order ? order.lines.map((line) => ({ order, line, ...who })) : [];
        });
      }
    };
    const cols: ExportColumn<LineRow>[] = [
      { key: 'number', header: 'order number', value: (r) => r.order.number },
      { key: 'orderedAt', header: 'order date', value: (r) => r.order.orderedAt },
      { key: 'customer', header: 'customer', value: (r) => r.order.contactName },
      { key: 'phone', header: 'phone', value: (r) => r.phone },
      { key: 'email', header: 'email', value: (r) => r.email },
      { key: 'sku', header: 'sku', value: (r) => r.line.sku },
      { key: 'product', header: 'product', value: (r) => r.line.name },
      { key: 'quantity', header: 'quantity', value: (r) => r.line.quantity },
      { key: 'unitPrice', header: 'unit price', value: (r) => amount(r.line.unitPrice, r.order.currency) },
      { key: 'discount', header: 'discount', value: (r) => amount(r.line.discount, r.order.currency) },
      { key: 'lineTotal', header: 'line total', value: (r) => amount(r.line.lineTotal, r.order.currency) },
      { key: 'orderDiscount', header: 'order discount', value: (r) => amount(r.order.discount, r.order.currency) },
      { key: 'shipping', header: 'shipping', value: (r) => amount(r.order.shipping, r.order.currency) },
      { key: 'status', header: 'status', value: (r) => r.order.status, enum: 'orderStatus' },
      { key: 'channel', header: 'channel', value: (r) => r.order.channel, enum: 'orderChannel' },
      { key: 'currency', header: 'currency', value: (r) => r.order.currency },
      { key: 'orderTotal', header: 'order total', value: (r) => amount(r.order.total, r.order.currency) },
    ];
    return (out) => writeTable(out, sheet, cols, lines());
  }

  // Deals: the list's own parameters (pipeline, stage, status, customer) rather than generic filters.
  const f = o.filters as { pipelineId?: string; stageId?: string; status?: StageKind; contactId?: string };
  const sort = (o.sort ?? '-createdAt') as Parameters<typeof listDeals>[2]['sort'];
  const page = (cursor: string | null) =>
    listDeals(core, actor, {
      limit: PAGE,
      sort,
      pipelineId: f.pipelineId,
      stageId: f.stageId,
      status: f.status,
      contactId: f.contactId,
      q: o.q,
      cursor: cursor ?? undefined,
    });
  await page(null);
  const pipelines = await listPipelines(core, actor);
  const pipelineName = new Map(pipelines.map((p) => [p.id, p.name]));
  const stage = new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id, s] as const)));
  // The field table's exported fields (@kith/domain deals/deal.fields.ts), the stage's probability beside the
  // stage and the customer's name after the status, then the record's own.
  const cols: ExportColumn<Deal>[] = [
    ...exportColumnsOf<Deal>(DEAL_FIELD_LIST, {
      pipeline: (d) => pipelineName.get(d.pipelineId) ?? d.pipelineId,
      stage: (d) => stage.get(d.stageId)?.name ?? d.stageId,
      member: ownerOf,
      money: (minor, d) => amount(minor, d.currency),
    }).flatMap((c) =>
      c.key === 'stage'
        ? [c, { key: 'probability', header: 'probability', value: (d: Deal) => stage.get(d.stageId)?.probability ?? null }]
        : c.key === 'status'
          ? [c, { key: 'customer', header: 'customer', value: (d: Deal) => d.contactName }]
          : [c],
    ),
    { key: 'createdAt', header: 'createdAt', value: (d) => d.createdAt },
    { key: 'id', header: 'id', value: (d) => d.id },
  ];
  return (out) => writeTable(out, sheet, cols, cursorPages(page));
}
