import { listOptions } from '../../platform/records/list-query.ts';
import { orderApi } from '@kith/domain/orders/order.api.ts';
import { productApi } from '@kith/domain/orders/product.api.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { etag, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { getOrder, listOrders, ORDER_FILTERS } from './order.service.ts';
import { createOrder, createOrders, updateOrder } from './order-write.service.ts';
import { deleteOrder, restoreOrder } from './order-lifecycle.service.ts';
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

// The products' and orders' API shapes live once in @kith/domain orders/product.api.ts and order.api.ts; the web calls the same contracts.
export function commerceRoutes(core: Core) {
  return async function (app: App) {
    // ------------------------------------------------------------------------------------ categories
    app.get(productApi.categories.path, { schema: routeSchema(productApi.categories, []), config: { action: 'products.read' } }, async (req) => ({
      data: await listCategories(core, actorOf(req)),
    }));
    app.post(
      productApi.createCategory.path,
      { schema: routeSchema(productApi.createCategory, [403, 422]), config: { action: 'products.manage' } },
      async (req, reply) => reply.code(201).send(await createCategory(core, actorOf(req), req.body)),
    );
    app.patch(
      productApi.renameCategory.path,
      { schema: routeSchema(productApi.renameCategory, [403, 404, 422]), config: { action: 'products.manage' } },
      async (req) => renameCategory(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      productApi.removeCategory.path,
      { schema: routeSchema(productApi.removeCategory, [403, 404]), config: { action: 'products.manage' } },
      async (req, reply) => {
        await deleteCategory(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    // -------------------------------------------------------------------------------------- products
    app.get(
      productApi.list.path,
      { schema: routeSchema(productApi.list, [403, 422]), config: { action: 'products.read', filters: PRODUCT_FILTERS } },
      async (req) => listProducts(core, actorOf(req), listOptions(req.query)),
    );
    app.post(productApi.create.path, { schema: routeSchema(productApi.create, [403, 422]), config: { action: 'products.manage' } }, async (req, reply) => {
      const p = await createProduct(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(p.version)).header('location', `/api/v1/products/${p.id}`).send(p);
    });
    app.get(productApi.get.path, { schema: routeSchema(productApi.get, [404]), config: { action: 'products.read' } }, async (req, reply) => {
      const p = await getProduct(core, actorOf(req), req.params.id, req.query.deleted);
      return reply.header('etag', etag(p.version)).send(p);
    });
    app.patch(
      productApi.update.path,
      { schema: routeSchema(productApi.update, [403, 404, 412, 422]), config: { action: 'products.manage' } },
      async (req, reply) => {
        const p = await updateProduct(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(p.version)).send(p);
      },
    );
    app.delete(
      productApi.remove.path,
      { schema: routeSchema(productApi.remove, [403, 404, 412]), config: { action: 'products.manage' } },
      async (req, reply) => {
        await deleteProduct(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.code(204).send(null);
      },
    );
    app.post(
      productApi.restore.path,
      { schema: routeSchema(productApi.restore, [403, 404, 422]), config: { action: 'products.manage' } },
      async (req, reply) => {
        const p = await restoreProduct(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(p.version)).send(p);
      },
    );

    // ---------------------------------------------------------------------------------------- orders
    app.get(orderApi.list.path, { schema: routeSchema(orderApi.list, [403, 422]), config: { action: 'orders.read', filters: ORDER_FILTERS } }, async (req) => {
      return listOrders(core, actorOf(req), { ...listOptions(req.query), includeTotal: (req.query.includeTotal as unknown) === true });
    });
    app.post(orderApi.create.path, { schema: routeSchema(orderApi.create, [403, 422]), config: { action: 'orders.create' } }, async (req, reply) => {
      const o = await createOrder(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(o.version)).header('location', `/api/v1/orders/${o.id}`).send(o);
    });
    app.post(orderApi.bulk.path, { schema: routeSchema(orderApi.bulk, [403, 422]), config: { action: 'orders.create' } }, async (req, reply) =>
      reply.code(201).send({ data: await createOrders(core, actorOf(req), req.body.items, { bulk: true }) }),
    );
    app.get(orderApi.get.path, { schema: routeSchema(orderApi.get, [404]), config: { action: 'orders.read' } }, async (req, reply) => {
      const o = await getOrder(core, actorOf(req), req.params.id, req.query.deleted);
      return reply.header('etag', etag(o.version)).send(o);
    });
    app.patch(orderApi.update.path, { schema: routeSchema(orderApi.update, [403, 404, 412, 422]), config: { action: 'orders.update' } }, async (req, reply) => {
      const o = await updateOrder(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
      return reply.header('etag', etag(o.version)).send(o);
    });
    app.delete(orderApi.remove.path, { schema: routeSchema(orderApi.remove, [403, 404, 412]), config: { action: 'orders.delete' } }, async (req, reply) => {
      await deleteOrder(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
      return reply.code(204).send(null);
    });
    app.post(orderApi.restore.path, { schema: routeSchema(orderApi.restore, [403, 404]), config: { action: 'orders.delete' } }, async (req, reply) => {
      const o = await restoreOrder(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(o.version)).send(o);
    });
  };
}
