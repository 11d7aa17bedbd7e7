import { z } from 'zod';
import {
  CategoryCreateSchema,
  CategoryUpdateSchema,
  OrderCreateSchema,
  OrderUpdateSchema,
  ProductCreateSchema,
  ProductUpdateSchema,
} from '@kith/domain/orders/order.schema.ts';
import { Money, OrderOut, OrderSummaryOut } from '@kith/domain/orders/order.api.ts';
import { productOutputShape } from '@kith/domain/orders/product.fields.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, etag, IdParams, parseIfMatch, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { createOrder, createOrders, deleteOrder, getOrder, listOrders, ORDER_FIELDS, restoreOrder, updateOrder } from './order.service.ts';
import {
  createCategory,
  createProduct,
  deleteCategory,
  deleteProduct,
  getProduct,
  listCategories,
  listProducts,
  PRODUCT_FILTERS,
  renameCategory,
  restoreProduct,
  updateProduct,
} from './product.service.ts';

const CategoryOut = z
  .object({ id: z.string(), name: z.string(), productCount: z.number().int(), createdAt: Timestamp, updatedAt: Timestamp })
  .meta({ id: 'ProductCategory' });

const ProductOut = z
  .object({
    id: z.string(),
    ...productOutputShape,
    categoryName: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Product' });

const Deleted = z.enum(['exclude', 'only', 'include']);
const listQuery = (qHelp: string, extra: z.ZodRawShape = {}) =>
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

export function commerceRoutes(core: Core) {
  return async function (app: App) {
    // ------------------------------------------------------------------------------------ categories
    app.get(
      '/product-categories',
      {
        schema: {
          tags: ['products'],
          summary: 'Product categories, by name, with how many live products each has',
          response: { 200: z.object({ data: z.array(CategoryOut) }) },
        },
        config: { action: 'products.read' },
      },
      async (req) => ({
        data: await listCategories(core, actorOf(req)),
      }),
    );
    app.post(
      '/product-categories',
      {
        schema: { tags: ['products'], summary: 'Create a product category', body: CategoryCreateSchema, response: { 201: CategoryOut, ...errors(403, 422) } },
        config: { action: 'products.manage' },
      },
      async (req, reply) => reply.code(201).send(await createCategory(core, actorOf(req), req.body)),
    );
    app.patch(
      '/product-categories/:id',
      {
        schema: {
          tags: ['products'],
          summary: 'Rename a product category',
          params: IdParams,
          body: CategoryUpdateSchema,
          response: { 200: CategoryOut, ...errors(403, 404, 422) },
        },
        config: { action: 'products.manage' },
      },
      async (req) => renameCategory(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      '/product-categories/:id',
      {
        schema: {
          tags: ['products'],
          summary: 'Remove a category (its products stay, without one)',
          params: IdParams,
          response: { 204: z.null(), ...errors(403, 404) },
        },
        config: { action: 'products.manage' },
      },
      async (req, reply) => {
        await deleteCategory(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    // -------------------------------------------------------------------------------------- products
    app.get(
      '/products',
      {
        schema: {
          tags: ['products'],
          summary: 'List and filter products (filter[active][eq]=true, filter[categoryId][eq]=…; sort=name, sku, price, -createdAt)',
          querystring: listQuery('Words at the start of words of the name, or the start of the SKU, ignoring case and diacritics'),
          response: { 200: z.object({ data: z.array(ProductOut), nextCursor: z.string().nullable() }), ...errors(403, 422) },
        },
        config: { action: 'products.read', filters: PRODUCT_FILTERS },
      },
      async (req) => {
        const { q, limit, cursor, sort, deleted } = req.query;
        return listProducts(core, actorOf(req), {
          limit,
          deleted,
          raw: req.query as Record<string, unknown>,
          ...(q ? { q } : {}),
          ...(cursor ? { cursor } : {}),
          ...(sort ? { sort } : {}),
        });
      },
    );
    app.post(
      '/products',
      {
        schema: {
          tags: ['products'],
          summary: 'Create a product (the currency defaults to the workspace’s)',
          body: ProductCreateSchema,
          response: { 201: ProductOut, ...errors(403, 422) },
        },
        config: { action: 'products.manage' },
      },
      async (req, reply) => {
        const p = await createProduct(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(p.version)).header('location', `/api/v1/products/${p.id}`).send(p);
      },
    );
    app.get(
      '/products/:id',
      {
        schema: {
          tags: ['products'],
          summary: 'One product',
          params: IdParams,
          querystring: z.strictObject({ deleted: z.enum(['exclude', 'include']).default('exclude') }),
          response: { 200: ProductOut, ...errors(404) },
        },
        config: { action: 'products.read' },
      },
      async (req, reply) => {
        const p = await getProduct(core, actorOf(req), req.params.id, req.query.deleted);
        return reply.header('etag', etag(p.version)).send(p);
      },
    );
    app.patch(
      '/products/:id',
      {
        schema: {
          tags: ['products'],
          summary: 'Change a product (If-Match honoured); past orders keep the price they were sold at',
          params: IdParams,
          body: ProductUpdateSchema,
          response: { 200: ProductOut, ...errors(403, 404, 412, 422) },
        },
        config: { action: 'products.manage' },
      },
      async (req, reply) => {
        const p = await updateProduct(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(p.version)).send(p);
      },
    );
    app.delete(
      '/products/:id',
      {
        schema: {
          tags: ['products'],
          summary: 'Move a product to the trash (order lines keep its SKU, name and price)',
          params: IdParams,
          response: { 204: z.null(), ...errors(403, 404, 412) },
        },
        config: { action: 'products.manage' },
      },
      async (req, reply) => {
        await deleteProduct(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/products/:id/restore',
      {
        schema: {
          tags: ['products'],
          summary: 'Bring a product back from the trash',
          params: IdParams,
          response: { 200: ProductOut, ...errors(403, 404, 422) },
        },
        config: { action: 'products.manage' },
      },
      async (req, reply) => {
        const p = await restoreProduct(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(p.version)).send(p);
      },
    );

    // ---------------------------------------------------------------------------------------- orders
    app.get(
      '/orders',
      {
        schema: {
          tags: ['orders'],
          summary:
            'List and filter orders, newest first (filter[contactId][eq]=…, filter[status][in]=paid,delivered, filter[orderedAt][gte]=…; includeTotal adds the count and the sum per currency)',
          querystring: listQuery('The start of the order number, or words at the start of the customer’s name', {
            includeTotal: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true'),
          }),
          response: {
            200: z.object({
              data: z.array(OrderSummaryOut),
              nextCursor: z.string().nullable(),
              total: z.number().int().optional(),
              sum: z
                .array(z.object({ currency: z.string(), total: Money }))
                .optional()
                .describe('Σ total of the matching orders, per currency'),
            }),
            ...errors(403, 422),
          },
        },
        config: { action: 'orders.read', filters: ORDER_FIELDS },
      },
      async (req) => {
        const { q, limit, cursor, sort, deleted, includeTotal } = req.query;
        return listOrders(core, actorOf(req), {
          limit,
          deleted,
          includeTotal: (includeTotal as unknown) === true,
          raw: req.query as Record<string, unknown>,
          ...(q ? { q } : {}),
          ...(cursor ? { cursor } : {}),
          ...(sort ? { sort } : {}),
        });
      },
    );
    app.post(
      '/orders',
      {
        schema: {
          tags: ['orders'],
          summary:
            'Record an order; totals are computed from the lines, a number is given when none is sent, and a purchase may move the customer’s lifecycle stage',
          body: OrderCreateSchema,
          response: { 201: OrderOut, ...errors(403, 422) },
        },
        config: { action: 'orders.create' },
      },
      async (req, reply) => {
        const o = await createOrder(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(o.version)).header('location', `/api/v1/orders/${o.id}`).send(o);
      },
    );
    app.post(
      '/orders/bulk',
      {
        schema: {
          tags: ['orders'],
          summary: 'Record up to 500 orders at once, all or none (errors point at /items/N/…)',
          body: z.strictObject({ items: z.array(OrderCreateSchema).min(1).max(500) }),
          response: { 201: z.object({ data: z.array(OrderOut) }), ...errors(403, 422) },
        },
        config: { action: 'orders.create' },
      },
      async (req, reply) => reply.code(201).send({ data: await createOrders(core, actorOf(req), req.body.items, { bulk: true }) }),
    );
    app.get(
      '/orders/:id',
      {
        schema: {
          tags: ['orders'],
          summary: 'One order with its lines',
          params: IdParams,
          querystring: z.strictObject({ deleted: Deleted.default('exclude') }),
          response: { 200: OrderOut, ...errors(404) },
        },
        config: { action: 'orders.read' },
      },
      async (req, reply) => {
        const o = await getOrder(core, actorOf(req), req.params.id, req.query.deleted);
        return reply.header('etag', etag(o.version)).send(o);
      },
    );
    app.patch(
      '/orders/:id',
      {
        schema: {
          tags: ['orders'],
          summary: 'Change an order (If-Match honoured); lines, when sent, replace the old ones',
          params: IdParams,
          body: OrderUpdateSchema,
          response: { 200: OrderOut, ...errors(403, 404, 412, 422) },
        },
        config: { action: 'orders.update' },
      },
      async (req, reply) => {
        const o = await updateOrder(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(o.version)).send(o);
      },
    );
    app.delete(
      '/orders/:id',
      {
        schema: { tags: ['orders'], summary: 'Move an order to the trash', params: IdParams, response: { 204: z.null(), ...errors(403, 404, 412) } },
        config: { action: 'orders.delete' },
      },
      async (req, reply) => {
        await deleteOrder(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/orders/:id/restore',
      {
        schema: { tags: ['orders'], summary: 'Bring an order back from the trash', params: IdParams, response: { 200: OrderOut, ...errors(403, 404) } },
        config: { action: 'orders.delete' },
      },
      async (req, reply) => {
        const o = await restoreOrder(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(o.version)).send(o);
      },
    );
  };
}
