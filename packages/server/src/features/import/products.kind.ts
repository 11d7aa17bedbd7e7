import { isAppError } from '@kith/domain/errors.ts';
import { isCurrency } from '@kith/domain/money/money.ts';
import { ProductCreateSchema, ProductUpdateSchema, type ProductCreateInput, type ProductUpdateInput } from '@kith/domain/orders/order.schema.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import { PRODUCT_FIELD_LIST } from '@kith/domain/orders/product.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { createCategoryIn, createProductIn, findProducts, updateProductIn } from '../commerce/product.service.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { DropRows, type ImportError } from './engine.ts';
import { importAmount } from './orders.kind.ts';
import { revertPatch, type KindHandler, type MappedRow, type PrepareContext, type UndoItem, type UndoResult, type Written } from './kinds.ts';

/**
 * Importing the catalogue: a row per product, matched by SKU — a new SKU creates the product, a known one
 * updates it (name, price, category, whether it is sold). A category named in a row is linked, or created
 * once. Prices are read as orders' are ("350.000" đồng).
 */

/** Folded words for yes and no (a product's `active`). */
const YES_NO: Record<string, boolean> = {
  co: true,
  'dang ban': true,
  'con ban': true,
  yes: true,
  y: true,
  true: true,
  '1': true,
  active: true,
  khong: false,
  'ngung ban': false,
  'het ban': false,
  no: false,
  n: false,
  false: false,
  '0': false,
  inactive: false,
};

/** The table's imported fields the row gives as values (the category is a name, linked or created by the import). */
const PLAIN_IMPORTS = PRODUCT_FIELD_LIST.flatMap((f) => (isSkip(f.import) || f.import.target ? [] : [{ ...f, import: f.import }]));

type Item = { row: number; existingId: string | null; input: ProductCreateInput | ProductUpdateInput; category: string | null };
type Plan = { items: Item[]; newCategories: string[]; categoryIds: Map<string, string>; skipped: number; currency: string; headerOf: (f: string) => string };

async function prepare(core: Core, actor: Actor, rows: MappedRow[], ctx: PrepareContext) {
  const errors: ImportError[] = [];
  const err = (row: number, field: string | null, message: string, code: string, value?: string) =>
    errors.push({ row, column: field ? ctx.headerOf(field) : null, value: value ?? null, message, code });
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;
  const skus = [...new Set(rows.map((r) => r.values.sku?.toLowerCase()).filter((x): x is string => !!x))];
  const existing = new Map<string, string>();
  for (let i = 0; i < skus.length; i += 500) {
    for (const p of await core.db
      .selectFrom('products')
      .select(['id', 'sku_key'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('deleted_at', 'is', null)
      .where('sku_key', 'in', skus.slice(i, i + 500))
      .execute())
      existing.set(p.sku_key, p.id);
  }
  const current = new Map((await findProducts(core.db, actor.workspaceId, [...existing.values()])).map((p) => [p.id, p]));
  const cats = new Map(
    (await core.db.selectFrom('product_categories').select(['id', 'name_key']).where('workspace_id', '=', actor.workspaceId).execute()).map((c) => [
      c.name_key,
      c.id,
    ]),
  );
  const items: Item[] = [];
  const newCategories = new Map<string, string>();
  const seen = new Set<string>();
  let skipped = 0;
  for (const r of rows) {
    const v = r.values;
    const before = errors.length;
    if (!v.sku) err(r.row, 'sku', 'A product needs its SKU', 'required');
    // The row's currency (the workspace's when the file has none) is the one its money is read in.
    const currency = (v.currency ?? ws.currency).toUpperCase();
    if (!isCurrency(currency)) err(r.row, 'currency', `Not a currency code: ${currency}`, 'unknown_currency', v.currency);
    // Each imported field of the table (@kith/domain orders/product.fields.ts), read as its entry says; the
    // category (a name, not an id) is linked below.
    const raw: Record<string, unknown> = {};
    for (const f of PLAIN_IMPORTS) {
      const x = v[f.name];
      if (!x) continue;
      if (f.name === 'currency') raw.currency = currency;
      else if (f.import.parse === 'money') {
        const amount = importAmount(x, currency);
        if (amount === null) err(r.row, f.name, `Not a price: ${x}`, 'invalid_format', x);
        else raw[f.name] = amount;
      } else if (f.import.parse === 'boolean') {
        const yes = YES_NO[matchKey(x)];
        if (yes === undefined) err(r.row, f.name, `Not yes or no: ${x} (có / không)`, 'invalid_choice', x);
        else raw[f.name] = yes;
      } else raw[f.name] = x;
    }
    if (errors.length > before || !v.sku) continue;
    const key = v.sku.toLowerCase();
    if (seen.has(key)) {
      err(r.row, 'sku', `The SKU ${v.sku} appears twice in the file`, 'not_unique', v.sku);
      continue;
    }
    seen.add(key);
    const id = existing.get(key) ?? null;
    const parsed = (id ? ProductUpdateSchema : ProductCreateSchema).safeParse(raw);
    if (!parsed.success) {
      for (const x of parsed.error.issues)
        err(
          r.row,
          String(x.path[0] ?? '') || null,
          x.path[0] === 'name' || x.path[0] === 'price' ? `A new product needs its ${String(x.path[0])}` : x.message,
          'required',
          v[String(x.path[0] ?? '')],
        );
      continue;
    }
    const category = v.category ?? null;
    if (category && !cats.has(matchKey(category)) && !newCategories.has(matchKey(category))) newCategories.set(matchKey(category), category);
    if (id) {
      const cur = current.get(id)!;
      const same =
        Object.entries(parsed.data).every(([k, x]) => JSON.stringify((cur as Record<string, unknown>)[k]) === JSON.stringify(x)) &&
        (!category || cur.categoryId === cats.get(matchKey(category)));
      if (same) {
        skipped++;
        continue;
      }
    }
    items.push({ row: r.row, existingId: id, input: parsed.data, category });
  }
  const created = items.filter((x) => !x.existingId).length;
  return {
    plan: { items, newCategories: [...newCategories.values()], categoryIds: cats, skipped, currency: ws.currency, headerOf: ctx.headerOf } satisfies Plan,
    errors,
    counts: { created, updated: items.length - created, skipped },
  };
}

async function write(core: Core, trx: Db, actor: Actor, plan: Plan, meta: { importId: string }): Promise<Written> {
  const out: Written = { created: [], updated: [], skipped: plan.skipped, errors: [] };
  const ids = new Map(plan.categoryIds);
  for (const name of plan.newCategories) {
    const c = await createCategoryIn(core, trx, actor, { name: name.slice(0, 80) }, meta);
    ids.set(matchKey(name), c.id);
    out.created.push({ type: 'product_category', id: c.id });
  }
  const drop: ImportError[] = [];
  for (const it of plan.items) {
    const categoryId = it.category ? ids.get(matchKey(it.category)) : undefined;
    const input = { ...it.input, ...(categoryId ? { categoryId } : {}) };
    try {
      if (it.existingId) {
        const r = await updateProductIn(core, trx, actor, it.existingId, input as ProductUpdateInput, null, meta);
        if (r.changed) out.updated.push({ type: 'product', id: it.existingId, before: r.before, after: r.after });
        else out.skipped++;
      } else out.created.push({ type: 'product', id: (await createProductIn(core, trx, actor, input as ProductCreateInput, plan.currency, meta)).id });
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      for (const x of e.issues)
        drop.push({ row: it.row, column: plan.headerOf(String(x.path[0] ?? 'sku')), value: null, message: x.message, ...(x.code ? { code: x.code } : {}) });
    }
  }
  if (drop.length) throw new DropRows(drop);
  return out;
}

async function undo(core: Core, actor: Actor, items: UndoItem[], meta: { importId: string }): Promise<UndoResult> {
  const result: UndoResult = { removed: 0, restored: 0, kept: [] };
  const who = { ...by(actor), meta: { ...by(actor).meta, ...meta, undo: true } };
  for (const x of [...items].reverse()) {
    if (x.entityType !== 'product') continue;
    await core.db.transaction().execute(async (trx) => {
      const cur = (await findProducts(trx, actor.workspaceId, [x.entityId]))[0];
      if (!cur) return void result.kept.push({ id: x.entityId, reason: 'deleted since' });
      if (x.action === 'create') {
        const now = core.now().toISOString();
        await trx
          .updateTable('products')
          .set({ deleted_at: now, updated_at: now, version: cur.version + 1 })
          .where('id', '=', cur.id)
          .execute();
        await recordAudit(trx, { ...who, action: 'delete', entityType: 'product', entityId: cur.id }, core.now());
        result.removed++;
        return;
      }
      const { patch, kept } = revertPatch(cur as Record<string, unknown>, x, cur.id);
      result.kept.push(...kept);
      if (Object.keys(patch).length && (await updateProductIn(core, trx, actor, cur.id, patch as ProductUpdateInput, null, { ...meta, undo: true })).changed)
        result.restored++;
    });
  }
  return result;
}

export const productsHandler: KindHandler<Plan, null> = {
  kind: 'products',
  entityType: 'product',
  action: 'products.manage',
  defaultMatchBy: [],
  missing: (fields) => (fields.has('sku') ? null : 'No column holds the SKU; map one to sku (e.g. --map "Mã SP=sku")'),
  newState: () => null,
  prepare,
  write,
  undo,
};
