import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';
import type { Option } from '../../components/ui/field.tsx';
import type { LookupSource } from '../../components/ui/lookup.tsx';

export { ORDER_CHANNELS, ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from '@kith/domain/orders/order.schema.ts';
import type { OrderStatus } from '@kith/domain/orders/order.schema.ts';
import { minorDigits } from '@kith/domain/money/money.ts';
import { productApi } from '@kith/domain/orders/product.api.ts';
import { call } from '../../lib/api-call.ts';

/** Minor units as an amount to edit in a text box, grouped the user's way ("350.000" in Vietnamese, "350,000" in English). */
export function amountInput(minor: number, currency: string, lang: string): string {
  const digits = minorDigits(currency) ?? 2;
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

export type { Category, Order, OrderLine, OrderSummary, Product } from '@kith/domain/orders/order.schema.ts';

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
    (await api.get<{ data: { id: string; name: string }[] }>('/contacts', { query: { q: term || undefined, limit: 8 } })).data.map((c) => ({
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
