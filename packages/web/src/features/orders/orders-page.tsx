import { useState } from 'react';
import { ExportLinks } from '../../components/ui/export-links.tsx';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { SearchInput } from '../../components/ui/search-input.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan } from '../../app/session.tsx';
import { orderApi } from '@kith/domain/orders/order.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { NewOrderDialog } from './order-dialog.tsx';
import { OrdersTable } from './order-cells.tsx';
import { ORDER_STATUSES, type OrderStatus } from './order-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

export default function OrdersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const fmt = useFormat();
  const errorText = useErrorText();
  const [qInput, setQInput] = useState('');
  const q = useDebounced(qInput.trim(), 150);
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [creating, setCreating] = useState(false);
  // /orders?customer=ID: one customer's orders (the "show more" of their page).
  const customer = new URLSearchParams(useSearch()).get('customer') ?? undefined;
  const params = { q: q || undefined, 'filter[status][eq]': status || undefined, 'filter[contactId][eq]': customer };
  const list = useInfiniteQuery({
    queryKey: ['orders', 'list', params],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => (await call(orderApi.list, { query: { ...params, limit: 100, cursor: pageParam }, signal })).data,
    getNextPageParam: (p) => p.nextCursor,
    placeholderData: keepPreviousData,
  });
  const summary = useQuery({
    queryKey: ['orders', 'summary', params],
    queryFn: async ({ signal }) => (await call(orderApi.list, { query: { ...params, limit: 1, includeTotal: 'true' }, signal })).data,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = q !== '' || status !== '' || customer !== undefined;
  const empty = !filtered && list.isSuccess && rows.length === 0;
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('orders.title')}</h1>
        {summary.data?.total !== undefined && (
          <span className="muted" data-testid="orders-summary">
            {t('orders.count', { count: summary.data.total, formatted: fmt.number(summary.data.total) })}
            {(summary.data.sum ?? []).map((s) => ` · ${fmt.money(s.total, s.currency)}`).join('')}
          </span>
        )}
        <span className="spacer" />
        {can('records.export') && !empty && (
          <ExportLinks list="orders" params={params} extra={[{ key: 'lines', label: t('orders.exportLines'), params: { lines: 'true' } }]} />
        )}
        {can('orders.create') && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('orders.new')}
          </Button>
        )}
      </div>
      {!empty && (
        <div className="toolbar">
          <SearchInput
            width={300}
            label={t('orders.search')}
            placeholder={t('orders.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
          />
          <div className="chips" role="group" aria-label={t('orders.statusLabel')}>
            {(['', ...ORDER_STATUSES] as const).map((s) => (
              <Button key={s || 'all'} size="sm" variant={status === s ? 'primary' : 'default'} aria-pressed={status === s} onClick={() => setStatus(s)}>
                {s ? enumLabel('orderStatus', s) : t('orders.allStatuses')}
              </Button>
            ))}
          </div>
          <span className="spacer" />
          {list.isFetching && !list.isFetchingNextPage && <span className="spinner" role="status" aria-label={t('common.loading')} />}
        </div>
      )}
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(list.error)}
        </div>
      ) : empty ? (
        <EmptyState
          icon={<Icon name="sparkles" size={36} />}
          title={t('orders.emptyTitle')}
          actions={
            can('orders.create') && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                <Icon name="plus" /> {t('orders.new')}
              </Button>
            )
          }
        >
          {t('orders.emptyBody')}
        </EmptyState>
      ) : list.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Icon name="search" size={36} />} title={t('contacts.noMatchTitle')}>
          {t('contacts.noMatchBody')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <OrdersTable rows={rows} showCustomer />
          {list.hasNextPage && (
            <div className="card-body">
              <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                {t('common.showMore')}
              </Button>
            </div>
          )}
        </div>
      )}
      <NewOrderDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
