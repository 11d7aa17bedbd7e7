import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan } from '../../app/session.tsx';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { NewTicketDialog } from './new-ticket-dialog.tsx';
import { NextSlaCell, TicketStatusBadge } from './ticket-cells.tsx';
import { OPEN_STATUSES, type Ticket } from './ticket-model.ts';

const SHOWN = 10;

/** A customer's tickets on their page, open ones first with their clocks, and a way to open a new one. */
export function CustomerTickets({ contact }: { contact: { id: string; name: string } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['tickets', 'customer', contact.id],
    queryFn: async ({ signal }) => (await call(ticketApi.list, { query: { contactId: contact.id, status: 'any', limit: SHOWN }, signal })).data,
    enabled: can('tickets.read'),
  });
  if (!can('tickets.read')) return null;
  const rows = list.data?.data ?? [];
  const open = (x: Ticket) => OPEN_STATUSES.includes(x.status);
  return (
    <section className="card" aria-labelledby="customer-tickets-title" data-testid="customer-tickets">
      <div className="card-header">
        <h2 id="customer-tickets-title">{t('tickets.forCustomer')}</h2>
        {list.data && list.data.total > 0 && <span className="badge badge-neutral">{fmt.number(list.data.total)}</span>}
        <span className="spacer" />
        {can('tickets.write') && (
          <Button size="sm" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('tickets.newForCustomer')}
          </Button>
        )}
      </div>
      {list.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <div className="card-body muted">{t('tickets.noneForCustomer')}</div>
      ) : (
        <ul className="compact-list">
          {[...rows.filter(open), ...rows.filter((x) => !open(x))].map((x) => (
            <li key={x.id} className="stack" style={{ gap: 2 }} data-testid="customer-ticket">
              <div className="row" style={{ minInlineSize: 0 }}>
                <Link href={`/tickets/${x.id}`} className="ticket-subject-link" style={{ fontWeight: 550 }}>
                  #{x.number} {x.subject}
                </Link>
                <span className="spacer" />
                <TicketStatusBadge status={x.status} />
              </div>
              <div className="row muted" style={{ fontSize: 'var(--text-sm)', flexWrap: 'wrap' }}>
                <span>{fmt.date(x.createdAt)}</span>
                {open(x) && <NextSlaCell ticket={x} />}
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.total > SHOWN && (
        <div className="card-body">
          <Link href={`/tickets?queue=all&status=any&q=${encodeURIComponent(contact.name)}`}>{t('tickets.allOfCustomer')}</Link>
        </div>
      )}
      {creating && <NewTicketDialog customer={contact} onClose={() => setCreating(false)} />}
    </section>
  );
}
