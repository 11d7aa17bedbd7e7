import { z } from 'zod';
import { Deleted, IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { CategoryCreateSchema, CategoryUpdateSchema, ProductCreateSchema, ProductUpdateSchema } from './order.schema.ts';
import { productOutputShape } from './product.fields.ts';

/** The products API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const CategoryOut = z
  .object({ id: z.string(), name: z.string(), productCount: z.number().int(), createdAt: Timestamp, updatedAt: Timestamp })
  .meta({ id: 'ProductCategory' });

export const ProductOut = z
  .object({
    id: z.string(),
    // Each field as the field table says it is returned (product.fields.ts).
    ...productOutputShape,
    categoryName: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Product' });

/** A product as the API returns it. */
export type ProductOut = z.output<typeof ProductOut>;
export type CategoryOut = z.output<typeof CategoryOut>;

/** A list's query: search, page, sort, the trash, and `filter[field][op]` for the rest. */
export const listQuery = (qHelp: string, extra: z.ZodRawShape = {}) =>
  z
    .object({
      q: z.string().max(200).optional().describe(qHelp),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(2000).optional(),
      sort: z.string().max(80).optional(),
      deleted: Deleted.default('exclude'),
      ...extra,
    })
    .catchall(z.union([z.string(), z.array(z.string())]));

export const productApi = {
  categories: contract({
    method: 'GET',
    path: '/product-categories',
    tags: ['products'],
    summary: 'Product categories, by name, with how many live products each has',
    status: 200,
    response: z.object({ data: z.array(CategoryOut) }),
  }),
  createCategory: contract({
    method: 'POST',
    path: '/product-categories',
    tags: ['products'],
    summary: 'Create a product category',
    body: CategoryCreateSchema,
    status: 201,
    response: CategoryOut,
  }),
  renameCategory: contract({
    method: 'PATCH',
    path: '/product-categories/:id',
    tags: ['products'],
    summary: 'Rename a product category',
    params: IdParams,
    body: CategoryUpdateSchema,
    status: 200,
    response: CategoryOut,
  }),
  removeCategory: contract({
    method: 'DELETE',
    path: '/product-categories/:id',
    tags: ['products'],
    summary: 'Remove a category (its products stay, without one)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  list: contract({
    method: 'GET',
    path: '/products',
    tags: ['products'],
    summary: 'List and filter products (filter[active][eq]=true, filter[categoryId][eq]=…; sort=name, sku, price, -createdAt)',
    query: listQuery('Words at the start of words of the name, or the start of the SKU, ignoring case and diacritics'),
    status: 200,
    response: z.object({ data: z.array(ProductOut), nextCursor: z.string().nullable() }),
  }),
  create: contract({
    method: 'POST',
    path: '/products',
    tags: ['products'],
    summary: 'Create a product (the currency defaults to the workspace’s)',
    body: ProductCreateSchema,
    status: 201,
    response: ProductOut,
  }),
  get: contract({
    method: 'GET',
    path: '/products/:id',
    tags: ['products'],
    summary: 'One product',
    params: IdParams,
    query: z.strictObject({ deleted: z.enum(['exclude', 'include']).default('exclude') }),
    status: 200,
    response: ProductOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/products/:id',
    tags: ['products'],
    summary: 'Change a product (If-Match honoured); past orders keep the price they were sold at',
    params: IdParams,
    body: ProductUpdateSchema,
    status: 200,
    response: ProductOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/products/:id',
    tags: ['products'],
    summary: 'Move a product to the trash (order lines keep its SKU, name and price)',
    params: IdParams,
    status: 204,
    response: null,
  }),
  restore: contract({
    method: 'POST',
    path: '/products/:id/restore',
    tags: ['products'],
    summary: 'Bring a product back from the trash',
    params: IdParams,
    status: 200,
    response: ProductOut,
  }),
};
