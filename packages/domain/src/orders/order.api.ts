import { z } from 'zod';
import { Deleted, IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { orderOutputShape } from './order.fields.ts';
import { OrderCreateSchema, OrderUpdateSchema } from './order.schema.ts';
import { listQuery } from './product.api.ts';

/**
 * The orders API's shapes and operations (api/contract.ts): the server's routes (commerce/commerce.routes.ts)
 * and the web's calls both use these; deals' order route returns an OrderOut too.
 */

export const Money = z.number().int().describe('An amount in the currency’s smallest unit (đồng for VND, cents for USD)');

export const OrderLineOut = z
  .object({
    lineNo: z.number().int(),
    productId: z.string().nullable(),
    sku: z.string().nullable(),
    name: z.string(),
    quantity: z.number().int(),
    unitPrice: Money,
    discount: Money,
    lineTotal: Money,
  })
  .meta({ id: 'OrderLine' });

const orderShape = {
  id: z.string(),
  // Each field as the field table says it is returned (order.fields.ts).
  ...orderOutputShape,
  contactName: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
  createdBy: z.string().nullable(),
  version: z.number().int(),
};
export const OrderOut = z.object({ ...orderShape, lines: z.array(OrderLineOut) }).meta({ id: 'Order' });
export const OrderSummaryOut = z.object({ ...orderShape, lineCount: z.number().int() }).meta({ id: 'OrderSummary' });

/** An order as the API returns it, with its lines; as a list shows it, with how many lines it has. */
export type OrderOut = z.output<typeof OrderOut>;
export type OrderSummaryOut = z.output<typeof OrderSummaryOut>;

export const OrderListQuery = listQuery('The start of the order number, or words at the start of the customer’s name', {
  includeTotal: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const orderApi = {
  list: contract({
    method: 'GET',
    path: '/orders',
    tags: ['orders'],
    summary:
      'List and filter orders, newest first (filter[contactId][eq]=…, filter[status][in]=paid,delivered, filter[orderedAt][gte]=…; includeTotal adds the count and the sum per currency)',
    query: OrderListQuery,
    status: 200,
    response: z.object({
      data: z.array(OrderSummaryOut),
      nextCursor: z.string().nullable(),
      total: z.number().int().optional(),
      sum: z
        .array(z.object({ currency: z.string(), total: Money }))
        .optional()
        .describe('Σ total of the matching orders, per currency'),
    }),
  }),
  create: contract({
    method: 'POST',
    path: '/orders',
    tags: ['orders'],
    summary: 'Record an order; totals are computed from the lines, a number is given when none is sent, and a purchase may move the customer’s lifecycle stage',
    body: OrderCreateSchema,
    status: 201,
    response: OrderOut,
  }),
  bulk: contract({
    method: 'POST',
    path: '/orders/bulk',
    tags: ['orders'],
    summary: 'Record up to 500 orders at once, all or none (errors point at /items/N/…)',
    body: z.strictObject({ items: z.array(OrderCreateSchema).min(1).max(500) }),
    status: 201,
    response: z.object({ data: z.array(OrderOut) }),
  }),
  get: contract({
    method: 'GET',
    path: '/orders/:id',
    tags: ['orders'],
    summary: 'One order with its lines',
    params: IdParams,
    query: z.strictObject({ deleted: Deleted.default('exclude') }),
    status: 200,
    response: OrderOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/orders/:id',
    tags: ['orders'],
    summary: 'Change an order (If-Match honoured); lines, when sent, replace the old ones',
    params: IdParams,
    body: OrderUpdateSchema,
    status: 200,
    response: OrderOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/orders/:id',
    tags: ['orders'],
    summary: 'Move an order to the trash',
    params: IdParams,
    status: 204,
    response: null,
  }),
  restore: contract({
    method: 'POST',
    path: '/orders/:id/restore',
    tags: ['orders'],
    summary: 'Bring an order back from the trash',
    params: IdParams,
    status: 200,
    response: OrderOut,
  }),
};
