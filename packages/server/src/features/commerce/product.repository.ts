import { sql, type Insertable, type Selectable } from 'kysely';
import type { Product } from '@kith/domain/orders/order.schema.ts';
import { PRODUCT_FIELD_LIST, type ProductFieldValues } from '@kith/domain/orders/product.fields.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import { fieldsReader } from '../../platform/records/field-table.ts';
import { afterCursor, escapeLike, filterCondition, orderBySql, type Cursor, type Filter, type Sort } from '../../platform/records/list-query.ts';
import type { ProductCategoryTable, ProductTable } from './commerce.table.ts';

/** Made once: every row read goes through it (records/field-table.ts). */
const readProductFields = fieldsReader<ProductFieldValues>(PRODUCT_FIELD_LIST);

type ProductRow = Selectable<ProductTable> & { category_name: string | null };
export type ProductInsert = Insertable<ProductTable>;

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

/** The folded SKU a product is found by (unique among the live products of a workspace). */
export const skuKey = (sku: string) => sku.normalize('NFC').toLowerCase();

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

/** A page of products: words at the start of words of the name, or `skuPrefix` at the start of the SKU; filters, order, cursor. */
export async function listProductRows(
  db: Db,
  dialect: DialectName,
  workspaceId: string,
  o: { filters: Filter[]; sort: Sort; cursor: Cursor | null; limit: number; words: string[]; skuPrefix: string; deleted: 'exclude' | 'only' | 'include' },
): Promise<(Product & { _sort: unknown })[]> {
  const ctx = { dialect, table: 'products', workspaceId };
  let q = selectProducts(db, workspaceId).select(o.sort.expr.as('_sort'));
  if (o.deleted === 'exclude') q = q.where('products.deleted_at', 'is', null);
  if (o.deleted === 'only') q = q.where('products.deleted_at', 'is not', null);
  if (o.words.length > 0) {
    const byName = o.words.map((w) => sql<boolean>`(' ' || products.name_key) like ${`% ${escapeLike(w)}%`} escape '\\'`);
    const bySku = sql<boolean>`products.sku_key like ${`${escapeLike(o.skuPrefix)}%`} escape '\\'`;
    q = q.where((eb) => eb.or([eb.and(byName), bySku]));
  }
  for (const f of o.filters) q = q.where((eb) => filterCondition(eb, f, ctx));
  if (o.cursor) q = q.where(afterCursor(o.sort, o.cursor, 'products.id'));
  const rows = await q.orderBy(orderBySql(o.sort, 'products.id')).limit(o.limit).execute();
  return rows.map((r) => ({ ...rowToProduct(r as ProductRow), _sort: (r as { _sort: unknown })._sort }));
}

export async function insertProductRow(db: Db, row: ProductInsert): Promise<void> {
  await db.insertInto('products').values(row).execute();
}

/** Does another live product of the workspace have this SKU (folded)? */
export async function skuTaken(db: Db, workspaceId: string, sku: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('products').select('id').where('workspace_id', '=', workspaceId).where('sku_key', '=', skuKey(sku)).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

// ------------------------------------------------------------------------------------------ categories

export async function findCategory(db: Db, workspaceId: string, id: string): Promise<Selectable<ProductCategoryTable> | undefined> {
  return db.selectFrom('product_categories').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The workspace's categories by name, each with its count of live products. */
export async function listCategoryRows(db: Db, workspaceId: string) {
  const rows = await db
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
    .where('c.workspace_id', '=', workspaceId)
    .orderBy('c.name_key')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, productCount: Number(r.n ?? 0), createdAt: r.created_at, updatedAt: r.updated_at }));
}

/** Is no other category of the workspace called this (folded)? */
export async function categoryNameFree(db: Db, workspaceId: string, name: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('product_categories').select('id').where('workspace_id', '=', workspaceId).where('name_key', '=', matchKey(name));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) === undefined;
}

export async function insertCategoryRow(db: Db, row: Insertable<ProductCategoryTable>): Promise<void> {
  await db.insertInto('product_categories').values(row).execute();
}

export async function renameCategoryRow(db: Db, id: string, name: string, at: string): Promise<void> {
  await db
    .updateTable('product_categories')
    .set({ name, name_key: matchKey(name), updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Remove a category; its products stay, without one. */
export async function deleteCategoryRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.updateTable('products').set({ category_id: null }).where('workspace_id', '=', workspaceId).where('category_id', '=', id).execute();
  await db.deleteFrom('product_categories').where('id', '=', id).execute();
}
