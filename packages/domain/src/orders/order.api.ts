import { z } from 'zod';
import { Timestamp } from '../api/common.ts';
import { ORDER_CHANNELS, ORDER_STATUSES } from './order.schema.ts';

/** The orders API's response shapes (api/contract.ts): the server's routes serialise with them, deals' order route too. */

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
  number: z.string(),
  externalId: z.string().nullable(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  companyId: z.string().nullable(),
  orderedAt: Timestamp,
  channel: z.enum(ORDER_CHANNELS).nullable(),
  status: z.enum(ORDER_STATUSES),
  currency: z.string(),
  subtotal: Money.describe('Σ line totals'),
  discount: Money.describe('The order-level discount'),
  shipping: Money,
  total: Money.describe('subtotal − discount + shipping, computed by Kith'),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
  createdBy: z.string().nullable(),
  version: z.number().int(),
};
export const OrderOut = z.object({ ...orderShape, lines: z.array(OrderLineOut) }).meta({ id: 'Order' });
export const OrderSummaryOut = z.object({ ...orderShape, lineCount: z.number().int() }).meta({ id: 'OrderSummary' });
