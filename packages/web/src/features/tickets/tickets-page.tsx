import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { SearchInput } from '../../components/ui/search-input.tsx';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { QUEUES, ticketApi, type Queue } from '@kith/domain/tickets/ticket.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useMemberNames, useTeams } from '../../lib/workspace-data.ts';
import { NewTicketDialog } from './new-ticket-dialog.tsx';
import { NextSlaCell, PriorityBadge, TicketStatusBadge } from './ticket-cells.tsx';
import { STATUS_FILTERS, type StatusFilter, type Ticket } from './ticket-model.ts';

const features = tableFeatures({});
const PAGE = 50;
type Meta = { className?: string };

/**
 * The agents' inbox: the queues (mine, my team's, unassigned, breaching soon, all) with their open counts,
 * a status filter and a search, and the tickets with the SLA clock that matters next, most urgent first
 * (the server orders by the next due time). The queue, status and search live in the address, so going
 * back from a ticket returns to the same list.
 */
export default function TicketsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const queue: Queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as Queue) : 'mine';
  const status: StatusFilter = (STATUS_FILTERS as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as StatusFilter) : 'open';
  const q = params.get('q') ?? '';
  const [qInput, setQInput] = useState(q);
  const typed = useDebounced(qInput.trim(), 200);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const set = (patch: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch))
          if (v) next.set(k, v);
          else next.delete(k);
        return next;
      },
      { replace: true },
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives the URL; a URL change (back button) must not be written back
  useEffect(() => {
    if (typed !== q) set({ q: typed });
  }, [typed]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page offset goes back to 0 whenever the queue, status or search changes
  useEffect(() => setOffset(0), [queue, status, q]);

  // Always read afresh on opening the inbox (the navigation's badge may hold counts a minute old).
  const counts = useQuery({
    queryKey: ['tickets', 'counts'],
    queryFn: async ({ signal }) => (await call(ticketApi.counts, { signal })).data,
    refetchInterval: 60_000,
    staleTime: 0,
  });
  const list = useQuery({
    queryKey: ['tickets', 'list', { queue, status, q, offset }],
    queryFn: async ({ signal }) => (await call(ticketApi.list, { query: { queue, status, q: q || undefined, limit: PAGE, offset }, signal })).data,
    placeholderData: keepPreviousData,
    staleTime: 0,
    // The clocks move: the list is read again every minute while it is open.
    refetchInterval: 60_000,
  });
  const rows = list.data?.data ?? [];
  const total = list.data?.total ?? 0;
  const filtered = q !== '' || status !== 'open';
  const hrefFor = (queueTo: Queue) => {
    const p = new URLSearchParams(params);
    p.set('queue', queueTo);
    return `/tickets?${p.toString()}`;
  };
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('tickets.title')}</h1>
        <span className="spacer" />
        {can('tickets.write') && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('tickets.new')}
          </Button>
        )}
      </div>
      <nav className="tabs" aria-label={t('tickets.queuesLabel')} data-testid="ticket-queues">
        {QUEUES.map((qu) => {
          const n = counts.data?.[qu];
          return (
            <Link key={qu} href={hrefFor(qu)} className="tab row" aria-current={queue === qu ? 'page' : undefined} data-testid={`queue-${qu}`}>
              {t(`tickets.queues.${qu}`)}
              {n !== undefined && (
                <span
                  className={`badge ${qu === 'breaching' && n > 0 ? 'badge-danger' : 'badge-neutral'}`}
                  aria-label={t('tickets.openCount', { count: n, formatted: fmt.number(n) })}
                >
                  {fmt.number(n)}
                </span>
              )}
            </Link>
          );
        })}
      </nav>
      <div className="toolbar">
        <SearchInput
          width={320}
          label={t('tickets.search')}
          placeholder={t('tickets.searchPlaceholder')}
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
        />
        <SelectField
          label={t('tickets.statusFilter')}
          hideLabel
          value={status}
          onChange={(e) => set({ status: e.target.value === 'open' ? '' : e.target.value })}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`tickets.statusFilters.${s}`) }))}
        />
        <span className="spacer" />
        {list.isFetching && <span className="spinner" role="status" aria-label={t('common.loading')} />}
      </div>
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(list.error)}
        </div>
      ) : list.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <InboxEmpty
          queue={queue}
          filtered={filtered}
          counts={counts.data}
          hrefFor={hrefFor}
          onNew={can('tickets.write') ? () => setCreating(true) : undefined}
        />
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <TicketTable rows={rows} label={t(`tickets.queues.${queue}`)} />
          {total > PAGE && (
            <div className="card-body row" data-testid="ticket-pages">
              <span className="muted">
                {t('tickets.range', { from: fmt.number(offset + 1), to: fmt.number(Math.min(offset + PAGE, total)), total: fmt.number(total) })}
              </span>
              <span className="spacer" />
              <Button size="sm" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>
                {t('tickets.previous')}
              </Button>
              <Button size="sm" disabled={offset + PAGE >= total} onClick={() => setOffset((o) => o + PAGE)}>
                {t('tickets.next')}
              </Button>
            </div>
          )}
        </div>
      )}
      {creating && <NewTicketDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

/** An empty queue says why it is empty and what to do next. */
function InboxEmpty({
  queue,
  filtered,
  counts,
  hrefFor,
  onNew,
}: {
  queue: Queue;
  filtered: boolean;
  counts: Record<Queue, number> | undefined;
  hrefFor: (q: Queue) => string;
  onNew: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = useRequiredSession();
  const teams = useTeams();
  const newButton = onNew && (
    <Button variant="primary" onClick={onNew}>
      <Icon name="plus" /> {t('tickets.new')}
    </Button>
  );
  if (filtered) {
    return (
      <EmptyState icon={<Icon name="search" size={36} />} title={t('tickets.empty.noMatchTitle')}>
        {t('tickets.empty.noMatchBody')}
      </EmptyState>
    );
  }
  let title: string;
  let body: string;
  let actions: ReactNode = newButton;
  const unassigned = counts?.unassigned ?? 0;
  const inTeam = (teams.data ?? []).some((tm) => tm.memberIds.includes(s.user.id));
  switch (queue) {
    case 'mine':
      title = t('tickets.empty.mineTitle');
      body = t('tickets.empty.mineBody');
      actions = (
        <>
          {unassigned > 0 && (
            <Link href={hrefFor('unassigned')} className="btn">
              {t('tickets.empty.seeUnassigned', { count: unassigned, formatted: fmt.number(unassigned) })}
            </Link>
          )}
          {newButton}
        </>
      );
      break;
    case 'team':
      title = inTeam ? t('tickets.empty.teamTitle') : t('tickets.empty.noTeamTitle');
      body = inTeam ? t('tickets.empty.teamBody') : t('tickets.empty.noTeamBody');
      break;
    case 'unassigned':
      title = t('tickets.empty.unassignedTitle');
      body = t('tickets.empty.unassignedBody');
      break;
    case 'breaching':
      title = t('tickets.empty.breachingTitle');
      body = t('tickets.empty.breachingBody');
      actions = null;
      break;
    default:
      title = t('tickets.empty.allTitle');
      body = t('tickets.empty.allBody');
  }
  return (
    <EmptyState icon={<Icon name={queue === 'breaching' ? 'tick' : 'message'} size={36} />} title={title} actions={actions}>
      {body}
    </EmptyState>
  );
}

/** The tickets of a queue as a table: number, subject, customer, priority, status, assignee, SLA, last activity. */
export function TicketTable({ rows, label }: { rows: Ticket[]; label: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const who = useMemberNames();
  const teams = useTeams();
  const teamName = (id: string | null) => (id ? (teams.data?.find((x) => x.id === id)?.name ?? '') : '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the columns change when the teams list arrives; teamName is a new closure on every render
  const columns = useMemo<ColumnDef<typeof features, Ticket>[]>(
    () =>
      [
        {
          id: 'number',
          header: '#',
          meta: { className: 'num' },
          cell: ({ row }: { row: { original: Ticket } }) => <span className="muted">#{row.original.number}</span>,
        },
        {
          id: 'subject',
          header: t('tickets.fields.subject'),
          meta: { className: 'ticket-subject' },
          cell: ({ row }: { row: { original: Ticket } }) => (
            <Link href={`/tickets/${row.original.id}`} className="ticket-subject-link">
              {row.original.subject}
            </Link>
          ),
        },
        {
          id: 'customer',
          header: t('tickets.fields.customer'),
          meta: { className: 'ticket-customer' },
          cell: ({ row }: { row: { original: Ticket } }) => <Link href={`/contacts/${row.original.contactId}`}>{row.original.contactName}</Link>,
        },
        {
          id: 'priority',
          header: t('tickets.fields.priority'),
          cell: ({ row }: { row: { original: Ticket } }) => <PriorityBadge priority={row.original.priority} />,
        },
        {
          id: 'status',
          header: t('tickets.fields.status'),
          cell: ({ row }: { row: { original: Ticket } }) => <TicketStatusBadge status={row.original.status} />,
        },
        {
          id: 'assignee',
          header: t('tickets.fields.assignee'),
          cell: ({ row }: { row: { original: Ticket } }) => (
            <span className="stack" style={{ gap: 0 }}>
              {row.original.assigneeId ? (
                <span className="nowrap">{who(row.original.assigneeId)}</span>
              ) : (
                <span className="muted nowrap">{t('tickets.unassigned')}</span>
              )}
              {row.original.teamId && <span className="muted ticket-team">{teamName(row.original.teamId)}</span>}
            </span>
          ),
        },
        { id: 'sla', header: t('tickets.fields.sla'), cell: ({ row }: { row: { original: Ticket } }) => <NextSlaCell ticket={row.original} /> },
        {
          id: 'lastMessageAt',
          header: t('tickets.fields.lastMessageAt'),
          cell: ({ row }: { row: { original: Ticket } }) => (
            <time className="muted nowrap" dateTime={row.original.lastMessageAt} title={fmt.dateTime(row.original.lastMessageAt)}>
              {fmt.relative(row.original.lastMessageAt)}
            </time>
          ),
        },
      ] as ColumnDef<typeof features, Ticket>[],
    [t, fmt, who, teams.data],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r: Ticket) => r.id });
  return (
    <table className="table ticket-table" aria-label={label} data-testid="ticket-table">
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => (
              <th key={h.id} scope="col" className={(h.column.columnDef.meta as Meta | undefined)?.className}>
                <table.FlexRender header={h} />
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((r) => (
          <tr key={r.id} data-testid="ticket-row">
            {r.getAllCells().map((c) => (
              <td key={c.id} className={(c.column.columnDef.meta as Meta | undefined)?.className}>
                <table.FlexRender cell={c} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
