import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { MAX_MINOR } from '../money/money.ts';
import { minorAmount, type ORDER_CHANNELS, type ORDER_STATUSES, sku } from './order.values.ts';
import { productInputShape, type ProductFieldValues } from './product.fields.ts';
import { orderInputShape, type OrderFieldValues } from './order.fields.ts';
import { text, uuid } from '../schema/fields.ts';

/**
 * Products, their categories and orders. Money is integer minor units beside an ISO 4217 code; an
 * order's totals are always computed here from its lines, never taken from the caller.
 */

// The statuses and channels live in order.values.ts (order.fields.ts uses them too).
export { ORDER_CHANNELS, ORDER_STATUSES } from './order.values.ts';
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** The statuses that count as a purchase (for the lifecycle, RFM and lifetime value). */
export const PURCHASE_STATUSES: readonly OrderStatus[] = ['placed', 'paid', 'delivered'];

export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/** Where an order may go from each status; anything else is refused (reason `order_status_transition`). */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ['paid', 'delivered', 'cancelled'],
  paid: ['delivered', 'cancelled', 'returned', 'placed'],
  delivered: ['returned', 'paid'],
  cancelled: ['placed'],
  returned: ['delivered'],
};

export const MAX_LINES = 500;
export const MAX_QUANTITY = 1_000_000;

// The value checks live in order.values.ts (product.fields.ts uses them too).
export { currency, minorAmount, sku } from './order.values.ts';

// ------------------------------------------------------------------------------------------ categories

export const CategoryCreateSchema = z.strictObject({ name: text(100, 1) });
export const CategoryUpdateSchema = CategoryCreateSchema.partial();
export type CategoryInput = z.output<typeof CategoryCreateSchema>;
export type Category = { id: string; name: string; productCount: number; createdAt: string; updatedAt: string };

// -------------------------------------------------------------------------------------------- products

export const ProductCreateSchema = z.strictObject(productInputShape).partial().required({ sku: true, name: true, price: true });
export const ProductUpdateSchema = z.strictObject(productInputShape).partial();
export type ProductCreateInput = z.output<typeof ProductCreateSchema>;
export type ProductUpdateInput = z.output<typeof ProductUpdateSchema>;

/** A product as Kith returns it: its fields (product.fields.ts), its category's name and the record's own. */
export type Product = { id: string } & ProductFieldValues & {
    categoryName: string | null;
    createdAt: string;
    updatedAt: string;
    deletedAt: string | null;
    version: number;
  };

// ---------------------------------------------------------------------------------------------- orders

export const OrderLineInputSchema = z.strictObject({
  productId: uuid().nullable().optional(),
  /** Without a product: what was sold, as text (a one-off item, a service). */
  sku: sku().nullable().optional(),
  name: text(200, 1).nullable().optional(),
  quantity: z
    .number({ message: 'Must be a number' })
    .int({ message: 'Must be a whole number' })
    .min(1, { message: 'Must be at least 1' })
    .max(MAX_QUANTITY, { message: `Must be at most ${MAX_QUANTITY}` }),
  /** Omitted with a product: the product's price (when the currencies agree). */
  unitPrice: minorAmount().optional(),
  /** The discount on this line, in minor units (not per unit). */
  discount: minorAmount().optional(),
});
export type OrderLineInput = z.output<typeof OrderLineInputSchema>;

// An order's fields are its field table's (order.fields.ts); its lines are rows of their own.
const { number, externalId, contactId, companyId, orderedAt, channel, status, currency: orderCurrency, ...rest } = orderInputShape;
const orderFields = {
  number,
  externalId,
  contactId,
  companyId,
  orderedAt,
  channel,
  status,
  currency: orderCurrency,
  lines: z
    .array(OrderLineInputSchema)
    .min(1, { message: 'An order has at least one line' })
    .max(MAX_LINES, { message: `At most ${MAX_LINES} lines` }),
  ...rest,
};
export const OrderCreateSchema = z.strictObject(orderFields).partial().required({ contactId: true, lines: true });
export const OrderUpdateSchema = z.strictObject(orderFields).partial();
export type OrderCreateInput = z.output<typeof OrderCreateSchema>;
export type OrderUpdateInput = z.output<typeof OrderUpdateSchema>;

export type OrderLine = {
  lineNo: number;
  productId: string | null;
  sku: string | null;
  name: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  lineTotal: number;
};

/** An order as Kith returns it: its fields (order.fields.ts), its customer's name, its lines and the record's own. */
export type Order = { id: string } & OrderFieldValues & {
    contactName: string | null;
    lines: OrderLine[];
    createdAt: string;
    updatedAt: string;
    deletedAt: string | null;
    createdBy: string | null;
    version: number;
  };

/** An order as lists show it: without its lines, with how many there are. */
export type OrderSummary = Omit<Order, 'lines'> & { lineCount: number };

/** A line as priced: what the caller sent, with the product's price and name filled in where omitted. */
export type PricedLine = { productId: string | null; sku: string | null; name: string; quantity: number; unitPrice: number; discount: number };

/**
 * An order's totals from its lines: line total = quantity × unit price − line discount (never below 0);
 * subtotal = Σ line totals; total = subtotal − order discount + shipping. Problems come back as field
 * issues under `lines.N.…`, `discount` or `total`, so nothing inconsistent is ever stored.
 */
export function computeTotals(
  lines: readonly PricedLine[],
  discount: number,
  shipping: number,
): { lines: OrderLine[]; subtotal: number; total: number; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  let subtotal = 0;
  const out = lines.map((l, i) => {
    const gross = l.quantity * l.unitPrice;
    if (!Number.isSafeInteger(gross))
      issues.push({ path: ['lines', i, 'quantity'], message: 'Quantity × unit price is too large', code: 'too_big', params: { maximum: MAX_MINOR } });
    if (l.discount > gross)
      issues.push({ path: ['lines', i, 'discount'], message: 'The discount is larger than the line’s amount', code: 'too_big', params: { maximum: gross } });
    const lineTotal = Math.max(0, gross - l.discount);
    subtotal += lineTotal;
    return { lineNo: i + 1, productId: l.productId, sku: l.sku, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount, lineTotal };
  });
  if (discount > subtotal)
    issues.push({ path: ['discount'], message: 'The discount is larger than the order’s subtotal', code: 'too_big', params: { maximum: subtotal } });
  const total = subtotal - Math.min(discount, subtotal) + shipping;
  if (!Number.isSafeInteger(total)) issues.push({ path: ['total'], message: 'The order total is too large', code: 'too_big', params: { maximum: MAX_MINOR } });
  return { lines: out, subtotal, total, issues };
}
