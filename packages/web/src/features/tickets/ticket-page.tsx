import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { canMove, TICKET_PRIORITIES, TICKET_STATUSES } from '@kith/domain/tickets/tickets.ts';
import { Button } from '../../components/ui/button.tsx';
import { ConflictBanner } from '../../components/ui/conflict-banner.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { Menu } from '../../components/ui/menu.tsx';
import { RecordStatus } from '../../components/ui/record-status.tsx';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useMemberNames, useMembers, useTeams } from '../../lib/workspace-data.ts';
import { useCareSettings, useCategoryLabel } from './care-data.ts';
import { PriorityBadge, SlaTimer, TicketStatusBadge } from './ticket-cells.tsx';
import { Composer, Conversation } from './ticket-conversation.tsx';
import type { SlaTarget, Ticket, TicketStatus } from './ticket-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

type Patch = Partial<Pick<Ticket, 'status' | 'priority' | 'category' | 'assigneeId' | 'teamId' | 'tags' | 'rootCause' | 'resolution'>>;

/** One ticket: what it is about and for whom, its SLA clocks, the conversation, and the ways to move it on. */
export default function TicketPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  // Read again every minute: the clocks move, and a colleague may be working on it too.
  const q = useQuery({
    queryKey: ['ticket', id],
    queryFn: async ({ signal }) => (await call(ticketApi.get, { params: { id }, signal })).data,
    refetchInterval: 60_000,
  });
  if (!q.isSuccess) return <RecordStatus pending={q.isPending} error={q.error} backHref="/tickets" backLabel={t('tickets.title')} />;
  return <TicketRecord ticket={q.data} reload={() => void q.refetch()} />;
}

function TicketRecord({ ticket, reload }: { ticket: Ticket; reload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const who = useMemberNames();
  const [conflict, setConflict] = useState(false);
  const [resolving, setResolving] = useState<null | 'resolved' | 'closed'>(null);
  const saved = (next: Ticket) => {
    qc.setQueryData(['ticket', ticket.id], next);
    void qc.invalidateQueries({ queryKey: ['tickets'] });
    void qc.invalidateQueries({ queryKey: ['ticket', ticket.id, 'messages'] });
  };
  const patch = useMutation({
    mutationFn: async (body: Patch) => (await call(ticketApi.update, { params: { id: ticket.id }, body, ifMatch: `"${ticket.version}"` })).data,
    onSuccess: (next) => {
      saved(next);
      setResolving(null);
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 412) setConflict(true);
    },
  });
  const writable = can('tickets.write');
  const moves = TICKET_STATUSES.filter((x) => x !== 'new' && canMove(ticket.status, x));
  const needsResolution = (to: TicketStatus) => to === 'resolved' || (to === 'closed' && !ticket.resolvedAt);
  const move = (to: TicketStatus) => (needsResolution(to) ? setResolving(to as 'resolved' | 'closed') : patch.mutate({ status: to }));
  const mine = ticket.assigneeId === s.user.id;
  return (
    <div className="page" data-testid="ticket-page">
      {conflict && (
        <ConflictBanner
          onReload={() => {
            setConflict(false);
            reload();
          }}
        />
      )}
      <div className="page-header ticket-header">
        <span className="brand-mark" style={{ inlineSize: 44, blockSize: 44, fontSize: 18 }} aria-hidden="true">
          <Icon name="message" size={22} />
        </span>
        <div className="stack ticket-heading">
          <h1>{ticket.subject}</h1>
          <span className="row ticket-meta">
            <span className="muted">#{ticket.number}</span>
            <Link href={`/contacts/${ticket.contactId}`} className="underline" data-testid="ticket-customer">
              {ticket.contactName}
            </Link>
            <TicketStatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            <span className="muted">
              {enumLabel('ticketChannel', ticket.channel)} · {fmt.dateTime(ticket.createdAt)}
            </span>
          </span>
        </div>
        <span className="spacer" />
        {writable && (
          <div className="row ticket-actions">
            {!mine && (
              <Button onClick={() => patch.mutate({ assigneeId: s.user.id })} busy={patch.isPending && patch.variables?.assigneeId === s.user.id}>
                {t('tickets.take')}
              </Button>
            )}
            {moves.includes('resolved') && (
              <Button variant="primary" onClick={() => move('resolved')}>
                <Icon name="tick" /> {t('tickets.moveTo.resolved')}
              </Button>
            )}
            {moves.includes('reopened') && (
              <Button variant="primary" onClick={() => move('reopened')} busy={patch.isPending && patch.variables?.status === 'reopened'}>
                {t('tickets.moveTo.reopened')}
              </Button>
            )}
            {moves.filter((x) => x !== 'resolved' && x !== 'reopened').length > 0 && (
              <Menu
                align="end"
                label={
                  <>
                    {t('tickets.changeStatus')} <Icon name="chevronDown" />
                  </>
                }
                items={moves
                  .filter((x) => x !== 'resolved' && x !== 'reopened')
                  .map((x) => ({ key: x, label: t(`tickets.moveTo.${x}`), onSelect: () => move(x) }))}
              />
            )}
          </div>
        )}
      </div>
      {patch.isError && !conflict && !resolving && (
        <div className="alert alert-error" role="alert">
          {fieldError(patch.error, '/status') ?? fieldError(patch.error, '/assigneeId') ?? errorText(patch.error)}
        </div>
      )}
      <div className="record">
        <div className="stack" style={{ gap: 'var(--s4)', minInlineSize: 0 }}>
          <Conversation ticket={ticket} />
          {writable && <Composer ticket={ticket} onSaved={saved} />}
        </div>
        <div className="stack" style={{ gap: 'var(--s4)', minInlineSize: 0 }}>
          <SlaCard ticket={ticket} />
          <DetailsCard ticket={ticket} onPatch={(p) => patch.mutate(p)} busy={patch.isPending} />
          {(ticket.resolution || ticket.rootCause) && (
            <section className="card" aria-labelledby="resolution-title" data-testid="ticket-resolution">
              <div className="card-header">
                <h2 id="resolution-title">{t('tickets.resolutionTitle')}</h2>
                <span className="spacer" />
                {ticket.resolvedAt && <span className="muted">{fmt.dateTime(ticket.resolvedAt)}</span>}
              </div>
              <dl className="card-body ticket-dl">
                {ticket.resolution && (
                  <>
                    <dt>{t('tickets.fields.resolution')}</dt>
                    <dd className="pre-wrap">{ticket.resolution}</dd>
                  </>
                )}
                {ticket.rootCause && (
                  <>
                    <dt>{t('tickets.fields.rootCause')}</dt>
                    <dd className="pre-wrap">{ticket.rootCause}</dd>
                  </>
                )}
              </dl>
            </section>
          )}
          {ticket.createdBy && <p className="muted">{t('tickets.createdBy', { name: who(ticket.createdBy), at: fmt.dateTime(ticket.createdAt) })}</p>}
        </div>
      </div>
      {resolving && (
        <ResolveDialog
          ticket={ticket}
          to={resolving}
          busy={patch.isPending}
          error={patch.error}
          onClose={() => (setResolving(null), patch.reset())}
          onSubmit={(p) => patch.mutate(p)}
        />
      )}
    </div>
  );
}

/** Both SLA clocks with their due times: in business hours, paused while the ticket waits on the customer. */
function SlaCard({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const targets: [SlaTarget, string | null][] = [
    ['firstResponse', ticket.firstRespondedAt],
    ['resolution', ticket.resolvedAt],
  ];
  const any = ticket.sla.firstResponse || ticket.sla.resolution;
  return (
    <section className="card" aria-labelledby="sla-title" data-testid="ticket-sla">
      <div className="card-header">
        <h2 id="sla-title">{t('tickets.slaTitle')}</h2>
      </div>
      {!any ? (
        <p className="card-body muted">{t('tickets.sla.noPolicy')}</p>
      ) : (
        <dl className="card-body ticket-dl">
          {targets.map(([which, doneAt]) => {
            const state = ticket.sla[which];
            if (!state) return null;
            return (
              <div key={which} className="sla-row">
                <dt>{t(`tickets.sla.${which}`)}</dt>
                <dd className="stack" style={{ gap: 2 }}>
                  <span>
                    <SlaTimer state={state} which={which} status={ticket.status} />
                  </span>
                  <span className="muted sla-due">
                    {doneAt && state.met !== null
                      ? t(which === 'firstResponse' ? 'tickets.sla.answeredAt' : 'tickets.sla.resolvedAt', { at: fmt.dateTime(doneAt) })
                      : t('tickets.sla.dueAt', { at: fmt.dateTime(state.dueAt) })}
                  </span>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}

/** Who works the ticket and how it is filed; each change is saved at once (and shows in the conversation). */
function DetailsCard({ ticket, onPatch, busy }: { ticket: Ticket; onPatch: (p: Patch) => void; busy: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const members = useMembers();
  const teams = useTeams();
  const settings = useCareSettings();
  const categoryLabel = useCategoryLabel();
  const who = useMemberNames();
  const savedTags = ticket.tags.join(', ');
  const [tags, setTags] = useState(savedTags);
  // Follows the saved tags (a colleague's change, a reload), not every minute's fresh copy of the same ones.
  useEffect(() => setTags(savedTags), [savedTags]);
  const writable = can('tickets.write');
  const assign = can('tickets.assign');
  const categories = [...new Set([...(settings.data?.categories ?? []), ...(ticket.category ? [ticket.category] : [])])];
  const workers = (members.data ?? []).filter((m) => !m.disabled && m.role !== 'viewer');
  const saveTags = () => {
    const next = tags
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (JSON.stringify(next) !== JSON.stringify(ticket.tags)) onPatch({ tags: next });
  };
  return (
    <section className="card" aria-labelledby="details-title" data-testid="ticket-details">
      <div className="card-header">
        <h2 id="details-title">{t('tickets.details')}</h2>
        {busy && <span className="spinner" role="status" aria-label={t('common.loading')} />}
      </div>
      <div className="card-body stack">
        {assign ? (
          <SelectField
            label={t('tickets.fields.assignee')}
            value={ticket.assigneeId ?? ''}
            onChange={(e) => onPatch({ assigneeId: e.target.value || null })}
            placeholder={t('tickets.unassigned')}
            options={[
              ...workers.map((m) => ({ value: m.userId, label: m.name })),
              ...(ticket.assigneeId && !workers.some((m) => m.userId === ticket.assigneeId)
                ? [{ value: ticket.assigneeId, label: who(ticket.assigneeId) }]
                : []),
            ]}
          />
        ) : (
          <div className="field">
            <span className="field-label">{t('tickets.fields.assignee')}</span>
            <span>{ticket.assigneeId ? who(ticket.assigneeId) : <span className="muted">{t('tickets.unassigned')}</span>}</span>
          </div>
        )}
        <SelectField
          label={t('tickets.fields.team')}
          value={ticket.teamId ?? ''}
          disabled={!writable}
          onChange={(e) => onPatch({ teamId: e.target.value || null })}
          placeholder={t('tickets.noTeam')}
          options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <SelectField
          label={t('tickets.fields.priority')}
          value={ticket.priority}
          disabled={!writable}
          onChange={(e) => onPatch({ priority: e.target.value as Ticket['priority'] })}
          hint={t('tickets.priorityHint')}
          options={TICKET_PRIORITIES.map((p) => ({ value: p, label: enumLabel('ticketPriority', p) }))}
        />
        <SelectField
          label={t('tickets.fields.category')}
          value={ticket.category ?? ''}
          disabled={!writable}
          onChange={(e) => onPatch({ category: e.target.value || null })}
          placeholder={t('tickets.noCategory')}
          options={categories.map((c) => ({ value: c, label: categoryLabel(c) }))}
        />
        <TextField
          label={t('tickets.fields.tags')}
          value={tags}
          disabled={!writable}
          onChange={(e) => setTags(e.target.value)}
          onBlur={saveTags}
          onKeyDown={(e) => {
            if (e.key === 'Enter') saveTags();
          }}
          hint={t('tickets.tagsHint')}
        />
      </div>
    </section>
  );
}

/** Resolving (or closing an unresolved ticket) says what was done; the root cause is for the reports. */
function ResolveDialog({
  ticket,
  to,
  busy,
  error,
  onClose,
  onSubmit,
}: {
  ticket: Ticket;
  to: 'resolved' | 'closed';
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (p: Patch) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [resolution, setResolution] = useState(ticket.resolution ?? '');
  const [rootCause, setRootCause] = useState(ticket.rootCause ?? '');
  const resolutionError = fieldError(error, '/resolution');
  const rootError = fieldError(error, '/rootCause');
  return (
    <Dialog
      open
      onClose={onClose}
      title={t(to === 'resolved' ? 'tickets.resolveTitle' : 'tickets.closeTitle', { number: ticket.number })}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!resolution.trim()}
            onClick={() => onSubmit({ status: to, resolution: resolution.trim(), rootCause: rootCause.trim() || null })}
          >
            {t(to === 'resolved' ? 'tickets.resolveConfirm' : 'tickets.closeConfirm')}
          </Button>
        </>
      }
    >
      <div className="stack" data-testid="resolve-dialog">
        <TextAreaField
          label={t('tickets.fields.resolution')}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          error={resolutionError}
          hint={t('tickets.resolutionHint')}
          required
          autoFocus
          rows={4}
        />
        <TextAreaField
          label={t('tickets.rootCauseOptional')}
          value={rootCause}
          onChange={(e) => setRootCause(e.target.value)}
          error={rootError}
          hint={t('tickets.rootCauseHint')}
          rows={3}
        />
        {!!error && !resolutionError && !rootError && (
          <div className="alert alert-error" role="alert">
            {fieldError(error, '/status') ?? errorText(error)}
          </div>
        )}
      </div>
    </Dialog>
  );
}
