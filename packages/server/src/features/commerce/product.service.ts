import type { Insertable } from 'kysely';
import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { Category, CategoryInput, Product, ProductCreateInput, ProductUpdateInput } from '@kith/domain/orders/order.schema.ts';
import { foldedWords, matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { decodeCursor, encodeCursor, parseFilters, parseSort, type Registry } from '../../platform/records/list-query.ts';
import { checkVersion, restore, softDelete, updateVersioned } from '../../platform/records/lifecycle.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { ProductTable } from './commerce.table.ts';
import { AUDITED_PRODUCT_FIELDS, PRODUCT_FIELD_LIST, type ProductFieldValues } from '@kith/domain/orders/product.fields.ts';
import { emptyValues, registryOf, TIMES_REGISTRY, fieldsWriter } from '../../platform/records/field-table.ts';
import {
  categoryNameFree,
  deleteCategoryRow,
  findCategory,
  findProducts,
  insertCategoryRow,
  insertProductRow,
  listCategoryRows,
  listProductRows,
  renameCategoryRow,
  skuKey,
  skuTaken,
} from './product.repository.ts';

/** Orders and the product import read products through this service (the SQL is in product.repository.ts). */
export { findProducts } from './product.repository.ts';

/** Made once: every row written goes through it (records/field-table.ts). */
const writeProductFields = fieldsWriter(PRODUCT_FIELD_LIST);

/**
 * The product catalogue: categories and products (SKU, name, price in minor units, currency, active).
 * Products are workspace-wide (every role reads them; owners, admins and managers change them).
 */

/** The product fields a list filters and sorts on: the field table's, then the record's times. */
export const PRODUCT_FILTERS: Registry = { ...registryOf(PRODUCT_FIELD_LIST), ...TIMES_REGISTRY };

const AUDITED: readonly (keyof Product)[] = AUDITED_PRODUCT_FIELDS;

/** Every field a caller may set is stored as given (after its schema); the SKU and category are checked. */
const PLAIN_INPUT_FIELDS = PRODUCT_FIELD_LIST.filter((f) => f.input).map((f) => f.name);

/** A product's columns as stored: its fields', and the folded keys it is found and sorted by. */
function fieldColumns(p: Product) {
  return {
    ...(writeProductFields(p) as Pick<Insertable<ProductTable>, 'sku' | 'name' | 'category_id' | 'price' | 'currency' | 'active' | 'description'>),
    sku_key: skuKey(p.sku),
    name_key: matchKey(p.name),
  };
}

async function assertCategory(db: Db, workspaceId: string, id: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!id) return;
  if (!(await findCategory(db, workspaceId, id))) issues.push({ path: ['categoryId'], message: 'No such category', code: 'not_found' });
}

const skuTakenIssue = (sku: string): FieldIssue => ({ path: ['sku'], message: `Another product already has the SKU ${sku}`, code: 'not_unique' });

/** A unique-index violation (two writers racing for one SKU) as the same 422 the check gives. */
function uniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? '');
}

export async function createProduct(core: Core, actor: Actor, input: ProductCreateInput): Promise<Product> {
  authorize(actor, 'products.manage');
  const ws = await findWorkspace(core.db, actor.workspaceId);
  try {
    return await core.db.transaction().execute((trx) => createProductIn(core, trx, actor, input, ws?.currency ?? 'VND'));
  } catch (e) {
    if (uniqueViolation(e)) throw invalid([skuTakenIssue(input.sku)], 'The product has invalid fields');
    throw e;
  }
}

/** The body of createProduct inside the caller's transaction (an import writes a batch in one). */
export async function createProductIn(
  core: Core,
  trx: Db,
  actor: Actor,
  input: ProductCreateInput,
  defaultCurrency: string,
  meta?: Record<string, unknown>,
): Promise<Product> {
  const now = core.now().toISOString();
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const p: Product = {
    id: uuidv7(),
    ...emptyValues<ProductFieldValues>(PRODUCT_FIELD_LIST),
    currency: defaultCurrency,
    ...given,
    categoryName: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    version: 1,
  };
  const issues: FieldIssue[] = [];
  await assertCategory(trx, actor.workspaceId, p.categoryId, issues);
  if (await skuTaken(trx, actor.workspaceId, p.sku, null)) issues.push(skuTakenIssue(p.sku));
  if (issues.length) throw invalid(issues, 'The product has invalid fields');
  await insertProductRow(trx, {
    id: p.id,
    workspace_id: actor.workspaceId,
    ...fieldColumns(p),
    created_at: now,
    updated_at: now,
    deleted_at: null,
    created_by: actor.userId,
    updated_by: actor.userId,
    version: 1,
  });
  const who = by(actor);
  await recordAudit(
    trx,
    {
      ...who,
      ...(meta ? { meta: { ...who.meta, ...meta } } : {}),
      action: 'create',
      entityType: 'product',
      entityId: p.id,
      after: Object.fromEntries(AUDITED.map((k) => [k, p[k]])),
    },
    core.now(),
  );
  return (await findProducts(trx, actor.workspaceId, [p.id]))[0]!;
}

export async function getProduct(core: Core, actor: Actor, id: string, deleted: 'exclude' | 'include' = 'exclude'): Promise<Product> {
  authorize(actor, 'products.read');
  const p = (await findProducts(core.db, actor.workspaceId, [id], deleted))[0];
  if (!p) throw notFound('Product');
  return p;
}

export async function updateProduct(core: Core, actor: Actor, id: string, patch: ProductUpdateInput, ifVersion: number | null): Promise<Product> {
  authorize(actor, 'products.manage');
  try {
    return await core.db.transaction().execute(async (trx) => (await updateProductIn(core, trx, actor, id, patch, ifVersion)).product);
  } catch (e) {
    if (uniqueViolation(e)) throw invalid([skuTakenIssue(patch.sku ?? '')], 'The product has invalid fields');
    throw e;
  }
}

/** The body of updateProduct inside the caller's transaction; says what changed (before and after). */
export async function updateProductIn(
  core: Core,
  trx: Db,
  actor: Actor,
  id: string,
  patch: ProductUpdateInput,
  ifVersion: number | null,
  meta?: Record<string, unknown>,
): Promise<{ product: Product; before: Record<string, unknown>; after: Record<string, unknown> } & { changed: boolean }> {
  const before = (await findProducts(trx, actor.workspaceId, [id]))[0];
  if (!before) throw notFound('Product');
  checkVersion(before, ifVersion);
  const next: Product = { ...before };
  for (const k of PLAIN_INPUT_FIELDS) {
    const v = (patch as Record<string, unknown>)[k];
    if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  const issues: FieldIssue[] = [];
  if (patch.categoryId !== undefined) await assertCategory(trx, actor.workspaceId, patch.categoryId, issues);
  if (patch.sku !== undefined && skuKey(patch.sku) !== skuKey(before.sku) && (await skuTaken(trx, actor.workspaceId, patch.sku, id)))
    issues.push(skuTakenIssue(patch.sku));
  if (issues.length) throw invalid(issues, 'The product has invalid fields');
  const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
  if (changed.length === 0) return { product: before, before: {}, after: {}, changed: false };
  const now = core.now().toISOString();
  await updateVersioned(trx, 'products', actor.workspaceId, before, { ...fieldColumns(next), updated_at: now, updated_by: actor.userId });
  const b = Object.fromEntries(changed.map((k) => [k, before[k]]));
  const a = Object.fromEntries(changed.map((k) => [k, next[k]]));
  const who = by(actor);
  await recordAudit(
    trx,
    { ...who, ...(meta ? { meta: { ...who.meta, ...meta } } : {}), action: 'update', entityType: 'product', entityId: id, before: b, after: a },
    core.now(),
  );
  return { product: (await findProducts(trx, actor.workspaceId, [id]))[0]!, before: b, after: a, changed: true };
}

/** Move a product to the trash: past orders keep their lines (SKU, name and price are copied onto each line). */
export async function deleteProduct(core: Core, actor: Actor, id: string, ifVersion: number | null): Promise<void> {
  authorize(actor, 'products.manage');
  await core.db.transaction().execute(async (trx) => {
    const p = (await findProducts(trx, actor.workspaceId, [id]))[0];
    if (!p) throw notFound('Product');
    await softDelete(trx, 'products', actor.workspaceId, p, { at: core.now().toISOString(), by: actor.userId }, { ifVersion });
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'product', entityId: id }, core.now());
  });
}

export async function restoreProduct(core: Core, actor: Actor, id: string): Promise<Product> {
  authorize(actor, 'products.manage');
  return core.db.transaction().execute(async (trx) => {
    const p = (await findProducts(trx, actor.workspaceId, [id], 'only'))[0];
    if (!p) throw notFound('Deleted product');
    if (await skuTaken(trx, actor.workspaceId, p.sku, id))
      throw invalid([skuTakenIssue(p.sku)], 'Another live product has taken this SKU; change one of them first');
    await restore(trx, 'products', actor.workspaceId, p, { at: core.now().toISOString(), by: actor.userId }, { what: 'Product' });
    await recordAudit(trx, { ...by(actor), action: 'restore', entityType: 'product', entityId: id }, core.now());
    return (await findProducts(trx, actor.workspaceId, [id]))[0]!;
  });
}

export async function listProducts(
  core: Core,
  actor: Actor,
  query: { q?: string; sort?: string; cursor?: string; limit: number; deleted: 'exclude' | 'only' | 'include'; raw: Record<string, unknown> },
) {
  authorize(actor, 'products.read');
  if (query.deleted !== 'exclude') authorize(actor, 'products.manage');
  const filters = parseFilters(query.raw, PRODUCT_FILTERS, [], core.dialect, 'products', ['q', 'sort', 'cursor', 'limit', 'deleted']);
  const sort = parseSort(query.sort, PRODUCT_FILTERS, [], core.dialect, 'products', 'name');
  const sortKey = `${sort.dir === 'desc' ? '-' : ''}${sort.name}`;
  const cursor = query.cursor ? decodeCursor(query.cursor, sortKey) : null;
  // Words at the start of words of the name, or the whole query at the start of the SKU ("ao-0" → AO-001).
  const rows = await listProductRows(core.db, core.dialect, actor.workspaceId, {
    filters,
    sort,
    cursor,
    limit: query.limit + 1,
    words: query.q ? foldedWords(query.q).slice(0, 8) : [],
    skuPrefix: skuKey(query.q?.trim() ?? ''),
    deleted: query.deleted,
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map(({ _sort, ...p }) => p),
    nextCursor: more && last ? encodeCursor({ s: sortKey, v: (last._sort as string | number | null) ?? null, id: last.id }) : null,
  };
}

// ------------------------------------------------------------------------------------------ categories

export async function listCategories(core: Core, actor: Actor): Promise<Category[]> {
  authorize(actor, 'products.read');
  return listCategoryRows(core.db, actor.workspaceId);
}

const categoryTaken = (name: string): FieldIssue => ({ path: ['name'], message: `A category named ${name} exists`, code: 'not_unique' });

export async function createCategory(core: Core, actor: Actor, input: CategoryInput): Promise<Category> {
  authorize(actor, 'products.manage');
  try {
    return await core.db.transaction().execute((trx) => createCategoryIn(core, trx, actor, input));
  } catch (e) {
    if (uniqueViolation(e)) throw invalid([categoryTaken(input.name)]);
    throw e;
  }
}

/** The body of createCategory inside the caller's transaction. */
export async function createCategoryIn(core: Core, trx: Db, actor: Actor, input: CategoryInput, meta?: Record<string, unknown>): Promise<Category> {
  const now = core.now().toISOString();
  const id = uuidv7();
  if (!(await categoryNameFree(trx, actor.workspaceId, input.name, null))) throw invalid([categoryTaken(input.name)]);
  await insertCategoryRow(trx, { id, workspace_id: actor.workspaceId, name: input.name, name_key: matchKey(input.name), created_at: now, updated_at: now });
  const who = by(actor);
  await recordAudit(
    trx,
    {
      ...who,
      ...(meta ? { meta: { ...who.meta, ...meta } } : {}),
      action: 'create',
      entityType: 'product_category',
      entityId: id,
      after: { name: input.name },
    },
    core.now(),
  );
  return { id, name: input.name, productCount: 0, createdAt: now, updatedAt: now };
}

export async function renameCategory(core: Core, actor: Actor, id: string, input: Partial<CategoryInput>): Promise<Category> {
  authorize(actor, 'products.manage');
  await core.db.transaction().execute(async (trx) => {
    const c = await findCategory(trx, actor.workspaceId, id);
    if (!c) throw notFound('Category');
    if (input.name === undefined || input.name === c.name) return;
    if (!(await categoryNameFree(trx, actor.workspaceId, input.name, id))) throw invalid([categoryTaken(input.name)]);
    await renameCategoryRow(trx, id, input.name, core.now().toISOString());
    await recordAudit(
      trx,
      { ...by(actor), action: 'update', entityType: 'product_category', entityId: id, before: { name: c.name }, after: { name: input.name } },
      core.now(),
    );
  });
  const found = (await listCategories(core, actor)).find((c) => c.id === id);
  if (!found) throw new AppError('not_found', 'Category not found');
  return found;
}

/** Remove a category; its products stay, without a category. */
export async function deleteCategory(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'products.manage');
  await core.db.transaction().execute(async (trx) => {
    const c = await findCategory(trx, actor.workspaceId, id);
    if (!c) throw notFound('Category');
    await deleteCategoryRow(trx, actor.workspaceId, id);
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'product_category', entityId: id, before: { name: c.name } }, core.now());
  });
}
