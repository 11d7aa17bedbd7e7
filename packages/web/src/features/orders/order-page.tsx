import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { RecordStatus } from '../../components/ui/record-status.tsx';
import { ConflictBanner } from '../../components/ui/conflict-banner.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan } from '../../app/session.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { orderApi } from '@kith/domain/orders/order.api.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { ORDER_TRANSITIONS, type Order, type OrderStatus } from './order-model.ts';
import { StatusBadge } from './order-cells.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

type Loaded = { order: Order; etag: string | null };

export default function OrderPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['order', id],
    queryFn: async ({ signal }): Promise<Loaded> => {
      const r = await call(orderApi.get, { params: { id }, signal });
      return { order: r.data, etag: r.etag };
    },
  });
  if (!q.isSuccess) return <RecordStatus pending={q.isPending} error={q.error} backHref="/orders" backLabel={t('orders.title')} />;
  return <OrderRecord loaded={q.data} reload={() => void q.refetch()} />;
}

function OrderRecord({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { t } = useTranslation();
  const o = loaded.order;
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState(false);
  const move = useMutation({
    mutationFn: (status: OrderStatus) => call(orderApi.update, { params: { id: o.id }, body: { status }, ifMatch: loaded.etag ?? undefined }),
    onSuccess: (r) => {
      qc.setQueryData<Loaded>(['order', o.id], { order: r.data, etag: r.etag });
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['contact', o.contactId] });
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 412) setConflict(true);
    },
  });
  return (
    <div className="page">
      {conflict && (
        <ConflictBanner
          onReload={() => {
            setConflict(false);
            reload();
          }}
        />
      )}
      <div className="page-header">
        <span className="brand-mark" style={{ inlineSize: 44, blockSize: 44, fontSize: 18 }} aria-hidden="true">
          <Icon name="cart" size={22} />
        </span>
        <div className="stack" style={{ gap: 2 }}>
          <h1 className="row">
            {t('orders.orderNo', { number: o.number })} <StatusBadge status={o.status} />
          </h1>
          <span className="muted">
            <Link href={`/contacts/${o.contactId}`} style={{ textDecoration: 'underline' }}>
              {o.contactName}
            </Link>{' '}
            · {fmt.dateTime(o.orderedAt)}
            {o.channel ? ` · ${enumLabel('orderChannel', o.channel)}` : ''}
          </span>
        </div>
        <span className="spacer" />
        {can('orders.update') &&
          ORDER_TRANSITIONS[o.status].map((s) => (
            <Button
              key={s}
              variant={s === 'cancelled' || s === 'returned' ? 'default' : 'primary'}
              busy={move.isPending && move.variables === s}
              onClick={() => move.mutate(s)}
            >
              {t(`orders.moveTo.${s}`)}
            </Button>
          ))}
      </div>
      {move.isError && !conflict && (
        <div className="alert alert-error" role="alert">
          {errorText(move.error)}
        </div>
      )}
      <section className="card" aria-label={t('orders.lines')}>
        <div className="card-header">
          <h2>{t('orders.lines')}</h2>
        </div>
        <table className="table" data-testid="order-lines">
          <thead>
            <tr>
              <th>{t('orders.item')}</th>
              <th>{t('productFields.sku')}</th>
              <th className="num">{t('orders.quantity')}</th>
              <th className="num">{t('orders.unitPrice')}</th>
              <th className="num">{t('orders.lineDiscount')}</th>
              <th className="num">{t('orders.lineTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {o.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>{l.name}</td>
                <td className="mono">{l.sku}</td>
                <td className="num">{fmt.number(l.quantity)}</td>
                <td className="num">{fmt.money(l.unitPrice, o.currency)}</td>
                <td className="num">{l.discount ? fmt.money(l.discount, o.currency) : ''}</td>
                <td className="num">{fmt.money(l.lineTotal, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="card-body">
          <dl className="totals" data-testid="order-totals">
            <dt>{t('orders.subtotal')}</dt>
            <dd>{fmt.money(o.subtotal, o.currency)}</dd>
            {o.discount > 0 && (
              <>
                <dt>{t('orders.orderDiscount')}</dt>
                <dd>−{fmt.money(o.discount, o.currency)}</dd>
              </>
            )}
            {o.shipping > 0 && (
              <>
                <dt>{t('orders.shipping')}</dt>
                <dd>{fmt.money(o.shipping, o.currency)}</dd>
              </>
            )}
            <dt className="grand">{t('orders.total')}</dt>
            <dd className="grand">{fmt.money(o.total, o.currency)}</dd>
          </dl>
        </div>
      </section>
      {o.notes && (
        <section className="card" aria-label={t('contactFields.notes')} style={{ marginBlockStart: 'var(--s4)' }}>
          <div className="card-body" style={{ whiteSpace: 'pre-wrap' }}>
            {o.notes}
          </div>
        </section>
      )}
    </div>
  );
}
