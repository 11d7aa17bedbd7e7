import { sql, type Insertable, type Selectable } from 'kysely';
import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { Category, CategoryInput, Product, ProductCreateInput, ProductUpdateInput } from '@kith/domain/orders/order.schema.ts';
import { foldedWords, matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  afterCursor,
  decodeCursor,
  encodeCursor,
  escapeLike,
  filterCondition,
  orderBySql,
  parseFilters,
  parseSort,
  type Registry,
} from '../../platform/records/list-query.ts';
import { authorize, preconditionFailed } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { ProductTable } from './commerce.table.ts';
import { AUDITED_PRODUCT_FIELDS, PRODUCT_FIELD_LIST, type ProductFieldValues } from '@kith/domain/orders/product.fields.ts';
import { emptyValues, fieldsReader, registryOf, TIMES_REGISTRY, fieldsWriter } from '../../platform/records/field-table.ts';

/** Made once: every row read or written goes through it (records/field-table.ts). */
const readProductFields = fieldsReader<ProductFieldValues>(PRODUCT_FIELD_LIST);
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

type ProductRow = Selectable<ProductTable> & { category_name: string | null };

/** A product from its row: each field of the table (@kith/domain orders/product.fields.ts), its category's name, the record's own. */
export function rowToProduct(r: ProductRow): Product {
  return {
    id: r.id,
    ...readProductFields(r as unknown as Record<string, unknown>),
    categoryName: r.category_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    version: r.version,
  };
}

/** A product's columns as stored: its fields', and the folded keys it is found and sorted by. */
function fieldColumns(p: Product) {
  return {
    ...(writeProductFields(p) as Pick<Insertable<ProductTable>, 'sku' | 'name' | 'category_id' | 'price' | 'currency' | 'active' | 'description'>),
    sku_key: skuKey(p.sku),
    name_key: matchKey(p.name),
  };
}

const skuKey = (sku: string) => sku.normalize('NFC').toLowerCase();

function selectProducts(db: Db, workspaceId: string) {
  return db
    .selectFrom('products')
    .leftJoin('product_categories as pc', 'pc.id', 'products.category_id')
    .selectAll('products')
    .select('pc.name as category_name')
    .where('products.workspace_id', '=', workspaceId);
}

export async function findProducts(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  deleted: 'exclude' | 'include' | 'only' = 'exclude',
): Promise<Product[]> {
  if (ids.length === 0) return [];
  let q = selectProducts(db, workspaceId).where('products.id', 'in', [...new Set(ids)]);
  if (deleted === 'exclude') q = q.where('products.deleted_at', 'is', null);
  if (deleted === 'only') q = q.where('products.deleted_at', 'is not', null);
  return (await q.execute()).map(rowToProduct);
}

async function assertCategory(db: Db, workspaceId: string, id: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!id) return;
  const c = await db.selectFrom('product_categories').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!c) issues.push({ path: ['categoryId'], message: 'No such category', code: 'not_found' });
}

async function skuTaken(db: Db, workspaceId: string, sku: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('products').select('id').where('workspace_id', '=', workspaceId).where('sku_key', '=', skuKey(sku)).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
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
  await trx
    .insertInto('products')
    .values({
      id: p.id,
      workspace_id: actor.workspaceId,
      ...fieldColumns(p),
      created_at: now,
      updated_at: now,
      deleted_at: null,
      created_by: actor.userId,
      updated_by: actor.userId,
      version: 1,
    })
    .execute();
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
  if (ifVersion !== null && ifVersion !== before.version) throw preconditionFailed(before.version);
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
  const r = await trx
    .updateTable('products')
    .set({ ...fieldColumns(next), updated_at: now, updated_by: actor.userId, version: before.version + 1 })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw preconditionFailed(before.version + 1);
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
    if (ifVersion !== null && ifVersion !== p.version) throw preconditionFailed(p.version);
    const now = core.now().toISOString();
    await trx
      .updateTable('products')
      .set({ deleted_at: now, updated_at: now, updated_by: actor.userId, version: p.version + 1 })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
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
    const now = core.now().toISOString();
    await trx
      .updateTable('products')
      .set({ deleted_at: null, updated_at: now, updated_by: actor.userId, version: p.version + 1 })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
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
  const ctx = { dialect: core.dialect, table: 'products', workspaceId: actor.workspaceId };
  let q = selectProducts(core.db, actor.workspaceId).select(sort.expr.as('_sort'));
  if (query.deleted === 'exclude') q = q.where('products.deleted_at', 'is', null);
  if (query.deleted === 'only') q = q.where('products.deleted_at', 'is not', null);
  const words = query.q ? foldedWords(query.q).slice(0, 8) : [];
  if (words.length > 0) {
    // Words at the start of words of the name, or the whole query at the start of the SKU ("ao-0" → AO-001).
    const byName = words.map((w) => sql<boolean>`(' ' || products.name_key) like ${`% ${escapeLike(w)}%`} escape '\\'`);
    const bySku = sql<boolean>`products.sku_key like ${`${escapeLike(skuKey(query.q!.trim()))}%`} escape '\\'`;
    q = q.where((eb) => eb.or([eb.and(byName), bySku]));
  }
  for (const f of filters) q = q.where((eb) => filterCondition(eb, f, ctx));
  if (cursor) q = q.where(afterCursor(sort, cursor, 'products.id'));
  const rows = await q
    .orderBy(orderBySql(sort, 'products.id'))
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1] as (typeof page)[number] & { _sort: unknown };
  return {
    data: page.map((r) => rowToProduct(r as ProductRow)),
    nextCursor: more && last ? encodeCursor({ s: sortKey, v: (last._sort as string | number | null) ?? null, id: last.id }) : null,
  };
}

// ------------------------------------------------------------------------------------------ categories

export async function listCategories(core: Core, actor: Actor): Promise<Category[]> {
  authorize(actor, 'products.read');
  const rows = await core.db
    .selectFrom('product_categories as c')
    .select(['c.id', 'c.name', 'c.created_at', 'c.updated_at'])
    .select((eb) =>
      eb
        .selectFrom('products')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('products.category_id', '=', 'c.id')
        .where('products.deleted_at', 'is', null)
        .as('n'),
    )
    .where('c.workspace_id', '=', actor.workspaceId)
    .orderBy('c.name_key')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, productCount: Number(r.n ?? 0), createdAt: r.created_at, updatedAt: r.updated_at }));
}

const categoryTaken = (name: string): FieldIssue => ({ path: ['name'], message: `A category named ${name} exists`, code: 'not_unique' });

async function categoryNameFree(db: Db, workspaceId: string, name: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('product_categories').select('id').where('workspace_id', '=', workspaceId).where('name_key', '=', matchKey(name));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) === undefined;
}

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
  await trx
    .insertInto('product_categories')
    .values({ id, workspace_id: actor.workspaceId, name: input.name, name_key: matchKey(input.name), created_at: now, updated_at: now })
    .execute();
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
    const c = await trx.selectFrom('product_categories').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound('Category');
    if (input.name === undefined || input.name === c.name) return;
    if (!(await categoryNameFree(trx, actor.workspaceId, input.name, id))) throw invalid([categoryTaken(input.name)]);
    await trx
      .updateTable('product_categories')
      .set({ name: input.name, name_key: matchKey(input.name), updated_at: core.now().toISOString() })
      .where('id', '=', id)
      .execute();
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
    const c = await trx.selectFrom('product_categories').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound('Category');
    await trx.updateTable('products').set({ category_id: null }).where('workspace_id', '=', actor.workspaceId).where('category_id', '=', id).execute();
    await trx.deleteFrom('product_categories').where('id', '=', id).execute();
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'product_category', entityId: id, before: { name: c.name } }, core.now());
  });
}
