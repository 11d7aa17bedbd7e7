import { useQuery } from '@tanstack/react-query';
import type { Option } from '../../components/ui/field.tsx';
import type { LookupSource } from '../../components/ui/lookup.tsx';

export { ORDER_CHANNELS, ORDER_STATUSES, ORDER_TRANSITIONS, type OrderChannel, type OrderStatus } from '@kith/domain/orders/order.schema.ts';
import type { OrderStatus } from '@kith/domain/orders/order.schema.ts';
import { minorDigits } from '@kith/domain/money/money.ts';
import { productApi, type ProductOut } from '@kith/domain/orders/product.api.ts';
import { contactApi } from '@kith/domain/contacts/contact.api.ts';
import { call } from '../../lib/api-call.ts';

/** Minor units as an amount to edit in a text box, grouped the user's way ("350.000" in Vietnamese, "350,000" in English). */
export function amountInput(minor: number, currency: string, lang: string): string {
  const digits = minorDigits(currency) ?? 2;
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/** An order, a line and a list's row as the API returns them (@kith/domain orders/order.api.ts); a product likewise. */
export type { OrderOut as Order, OrderSummaryOut as OrderSummary } from '@kith/domain/orders/order.api.ts';
export type Product = ProductOut;

/** Badge colours by status: in progress, done, undone. */
export const STATUS_TONE: Record<OrderStatus, 'info' | 'success' | 'neutral' | 'danger' | 'warning'> = {
  placed: 'info',
  paid: 'warning',
  delivered: 'success',
  cancelled: 'neutral',
  returned: 'danger',
};

export const contactSource: LookupSource = {
  key: 'contacts',
  search: async (term) =>
    (await call(contactApi.list, { query: { q: term || undefined, limit: 8 } })).data.data.map((c) => ({
      value: c.id,
      label: c.name,
    })),
};

export const productSource: LookupSource = {
  key: 'products',
  search: async (term) =>
    (await call(productApi.list, { query: { q: term || undefined, limit: 8, 'filter[active][eq]': 'true' } })).data.data.map(
      (p) => ({ value: p.id, label: `${p.name} · ${p.sku}` }) as Option,
    ),
};

export function useCategories() {
  return useQuery({
    queryKey: ['product-categories'],
    queryFn: async () => (await call(productApi.categories)).data.data,
    staleTime: 60_000,
  });
}
