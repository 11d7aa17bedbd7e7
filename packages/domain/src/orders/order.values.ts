import { z } from 'zod';
import { isCurrency, MAX_MINOR } from '../money/money.ts';
import { withCode } from '../schema/issues.ts';
import { text } from '../schema/fields.ts';

// The value checks that products and orders share (order.schema.ts re-exports them; the field tables use them).

export const ORDER_STATUSES = ['placed', 'paid', 'delivered', 'cancelled', 'returned'] as const;
export const ORDER_CHANNELS = ['store', 'website', 'marketplace', 'phone', 'zalo', 'facebook', 'other'] as const;

export const currency = () =>
  z.string().refine((s) => isCurrency(s), { message: 'Must be an ISO 4217 currency code such as VND or USD', params: withCode('unknown_currency') });

/** An amount in minor units: a whole number, ≥ 0. */
export const minorAmount = () =>
  z
    .number({ message: 'Must be a number' })
    .int({ message: 'Must be a whole number of the currency’s smallest unit' })
    .min(0, { message: 'Must not be negative' })
    .max(MAX_MINOR, { message: 'Is too large' });

export const sku = () =>
  text(64, 1).refine((s) => /^[\p{L}\p{N}._\-/#]+$/u.test(s), {
    message: 'A SKU holds letters, digits and . _ - / # only',
    params: withCode('invalid_format'),
  });
