import { sql, type Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Products, categories, orders and their lines (issue 4). Money is integer minor units (bigint on
 * PostgreSQL) beside the currency code; the workspace gains its order-number counter and the lifecycle
 * settings (whether purchases move a contact's stage, and after how many purchases one is loyal).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);

  await db.schema
    .alterTable('workspaces')
    .addColumn('order_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('workspaces')
    .addColumn('lifecycle_auto', t.bool, (c) => c.notNull().defaultTo(t.pg ? sql`true` : 1))
    .execute();
  await db.schema
    .alterTable('workspaces')
    .addColumn('loyal_after', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();

  await db.schema
    .createTable('product_categories')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addUniqueConstraint('product_categories_name_uq', ['workspace_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('sku_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('category_id', t.id, (c) => c.references('product_categories.id').onDelete('set null'))
    .addColumn('price', t.bigint, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('active', t.bool, (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('created_by', t.id)
    .addColumn('updated_by', t.id)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // A SKU names one live product; a deleted product's SKU may be reused.
  await db.schema
    .createIndex('products_sku_uq')
    .on('products')
    .columns(['workspace_id', 'sku_key'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema.createIndex('products_ws_name_idx').on('products').columns(['workspace_id', 'name_key', 'id']).execute();
  await db.schema.createIndex('products_category_idx').on('products').columns(['category_id']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('number_key', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('company_id', t.id, (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('ordered_at', t.ts, (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('subtotal', t.bigint, (c) => c.notNull())
    .addColumn('discount', t.bigint, (c) => c.notNull())
    .addColumn('shipping', t.bigint, (c) => c.notNull())
    .addColumn('total', t.bigint, (c) => c.notNull())
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('created_by', t.id)
    .addColumn('updated_by', t.id)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_number_uq').on('orders').columns(['workspace_id', 'number_key']).unique().execute();
  await db.schema
    .createIndex('orders_external_uq')
    .on('orders')
    .columns(['workspace_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('orders_contact_idx').on('orders').columns(['workspace_id', 'contact_id', 'ordered_at']).execute();
  await db.schema.createIndex('orders_ws_ordered_idx').on('orders').columns(['workspace_id', 'ordered_at', 'id']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', t.id, (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('product_id', t.id, (c) => c.references('products.id').onDelete('set null'))
    .addColumn('sku', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price', t.bigint, (c) => c.notNull())
    .addColumn('discount', t.bigint, (c) => c.notNull())
    .addColumn('line_total', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'line_no'])
    .execute();
  await db.schema.createIndex('order_lines_product_idx').on('order_lines').columns(['workspace_id', 'product_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['order_lines', 'orders', 'products', 'product_categories']) await db.schema.dropTable(table).execute();
  for (const col of ['order_seq', 'lifecycle_auto', 'loyal_after']) await db.schema.alterTable('workspaces').dropColumn(col).execute();
}
