import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan } from '../../app/session.tsx';
import { orderApi } from '@kith/domain/orders/order.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { StatusBadge } from './order-cells.tsx';
import { NewOrderDialog } from './order-dialog.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

/** The customer's orders on their 360° page: the latest ten, how many in all and how much was spent. */
export function CustomerOrders({ contact }: { contact: { id: string; name: string } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const orders = useQuery({
    queryKey: ['orders', 'customer', contact.id],
    queryFn: async ({ signal }) =>
      (
        await call(orderApi.list, {
          query: { 'filter[contactId][eq]': contact.id, 'filter[status][in]': 'placed,paid,delivered', limit: 10, includeTotal: 'true' },
          signal,
        })
      ).data,
  });
  const all = useQuery({
    queryKey: ['orders', 'customer-all', contact.id],
    queryFn: async ({ signal }) => (await call(orderApi.list, { query: { 'filter[contactId][eq]': contact.id, limit: 10 }, signal })).data,
  });
  const rows = all.data?.data ?? [];
  const spent = orders.data?.sum ?? [];
  return (
    <section className="card" aria-label={t('orders.title')} data-testid="customer-orders">
      <div className="card-header">
        <h2>{t('orders.title')}</h2>
        <span className="spacer" />
        {can('orders.create') && (
          <Button size="sm" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('orders.new')}
          </Button>
        )}
      </div>
      {orders.data?.total !== undefined && orders.data.total > 0 && (
        <div className="card-body muted" data-testid="customer-spend" style={{ paddingBlockEnd: 0 }}>
          {t('orders.purchases', { count: orders.data.total, formatted: fmt.number(orders.data.total) })} ·{' '}
          {t('orders.spent', { amount: spent.map((s) => fmt.money(s.total, s.currency)).join(' + ') })}
        </div>
      )}
      {all.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <div className="card-body muted">{t('orders.noOrders')}</div>
      ) : (
        <>
          <ul className="compact-list" data-testid="customer-order-list">
            {rows.map((o) => (
              <li key={o.id} data-testid="order-row">
                <div className="row">
                  <Link href={`/orders/${o.id}`} style={{ fontWeight: 550 }}>
                    {o.number}
                  </Link>
                  <StatusBadge status={o.status} />
                  <span className="spacer" />
                  <span className="num">{fmt.money(o.total, o.currency)}</span>
                </div>
                <div className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                  {fmt.date(o.orderedAt)}
                  {o.channel ? ` · ${enumLabel('orderChannel', o.channel)}` : ''} ·{' '}
                  {t('orders.lineCount', { count: o.lineCount, formatted: fmt.number(o.lineCount) })}
                </div>
              </li>
            ))}
          </ul>
          {all.data?.nextCursor && (
            <div className="card-body">
              <Link href={`/orders?customer=${contact.id}`}>{t('orders.allOfCustomer')}</Link>
            </div>
          )}
        </>
      )}
      {creating && <NewOrderDialog open onClose={() => setCreating(false)} customer={contact} />}
    </section>
  );
}
