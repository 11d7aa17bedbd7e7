import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useFormat } from '../../lib/format.ts';
import { STATUS_TONE, type OrderStatus, type OrderSummary } from './order-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

export function StatusBadge({ status }: { status: OrderStatus }) {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  return <span className={`badge badge-${STATUS_TONE[status]}`}>{enumLabel('orderStatus', status)}</span>;
}

/** A customer's or the whole workspace's orders as a table (the orders page, the customer's page). */
export function OrdersTable({ rows, showCustomer }: { rows: OrderSummary[]; showCustomer: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <table className="table" data-testid="orders-table">
      <thead>
        <tr>
          <th>{t('orders.number')}</th>
          <th>{t('orders.orderedAt')}</th>
          {showCustomer && <th>{t('orders.customer')}</th>}
          <th>{t('orders.statusLabel')}</th>
          <th>{t('orders.channel')}</th>
          <th className="num">{t('orders.items')}</th>
          <th className="num">{t('orders.total')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id} data-testid="order-row">
            <td>
              <Link href={`/orders/${o.id}`} style={{ fontWeight: 550 }}>
                {o.number}
              </Link>
            </td>
            <td>{fmt.dateTime(o.orderedAt)}</td>
            {showCustomer && (
              <td>
                <Link href={`/contacts/${o.contactId}`}>{o.contactName}</Link>
              </td>
            )}
            <td>
              <StatusBadge status={o.status} />
            </td>
            <td>{o.channel ? enumLabel('orderChannel', o.channel) : ''}</td>
            <td className="num">{fmt.number(o.lineCount)}</td>
            <td className="num">{fmt.money(o.total, o.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
