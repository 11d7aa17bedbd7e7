import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { canMove } from '@kith/domain/tickets/tickets.ts';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useRequiredSession } from '../../app/session.tsx';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useMemberNames, useTeams } from '../../lib/workspace-data.ts';
import { useCannedReplies, useCategoryLabel } from './care-data.ts';
import { fillCanned, insertAt, type Ticket, type TicketMessage } from './ticket-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

type Change = { from: unknown; to: unknown };
type EventMeta = { event?: string; changes?: Record<string, Change>; source?: string | null; loggedBy?: string };

const FIELD_LABEL: Record<string, string> = { assigneeId: 'assignee', teamId: 'team', orderId: 'order' };
const MAIL_CLASS: Record<string, string> = {
  queued: 'badge-neutral',
  sending: 'badge-neutral',
  sent: 'badge-success',
  failed: 'badge-danger',
  suppressed: 'badge-warning',
};

/**
 * The conversation, oldest first: the customer's messages, the replies sent to them (with how their email
 * went), internal notes set apart so nobody mistakes them for what the customer saw, and the changes as
 * small lines between them. Everything from the ticket is rendered as text.
 */
export function Conversation({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const who = useMemberNames();
  const eventLines = useEventLines();
  const messages = useQuery({
    queryKey: ['ticket', ticket.id, 'messages'],
    queryFn: async ({ signal }) => (await call(ticketApi.messages, { params: { id: ticket.id }, signal })).data.data,
    refetchInterval: 60_000,
  });
  const rows = messages.data ?? [];
  const time = (m: TicketMessage) => (
    <time className="muted msg-time" dateTime={m.createdAt} title={fmt.dateTime(m.createdAt)}>
      {fmt.dateTime(m.createdAt)}
    </time>
  );
  return (
    <section className="card" aria-labelledby="conversation-title">
      <div className="card-header">
        <h2 id="conversation-title">{t('tickets.conversation')}</h2>
      </div>
      {messages.isPending ? (
        <div className="progress" />
      ) : (
        <ol className="conversation" data-testid="conversation">
          {rows.map((m) => {
            const meta = (m.meta ?? {}) as EventMeta;
            if (m.kind === 'event') {
              return eventLines(meta, m.authorId).map((line, i) => (
                <li key={`${m.id}-${i}`} className="msg-event" data-kind="event">
                  <span>{line}</span> · {time(m)}
                </li>
              ));
            }
            if (m.kind === 'customer') {
              return (
                <li key={m.id} className="msg msg-customer" data-kind="customer">
                  <div className="msg-head">
                    <strong>{ticket.contactName}</strong>
                    <span className="muted">{meta.loggedBy ? t('tickets.customerLoggedBy', { name: who(meta.loggedBy) }) : t('tickets.customerWrote')}</span>
                    <span className="spacer" />
                    {time(m)}
                  </div>
                  <div className="msg-body">{m.body}</div>
                </li>
              );
            }
            if (m.kind === 'note') {
              return (
                <li key={m.id} className="msg msg-note" data-kind="note">
                  <div className="msg-head">
                    <span className="badge badge-warning">
                      <Icon name="lock" size={12} /> {t('tickets.noteBadge')}
                    </span>
                    <strong>{who(m.authorId)}</strong>
                    <span className="spacer" />
                    {time(m)}
                  </div>
                  <div className="msg-body">{m.body}</div>
                </li>
              );
            }
            return (
              <li key={m.id} className="msg msg-reply" data-kind="reply">
                <div className="msg-head">
                  <strong>{who(m.authorId)}</strong>
                  <span className="muted">{t('tickets.replied')}</span>
                  <span className="spacer" />
                  {time(m)}
                </div>
                <div className="msg-body">{m.body}</div>
                <div className="msg-foot">
                  <span className={`badge ${m.mailStatus ? (MAIL_CLASS[m.mailStatus] ?? 'badge-neutral') : 'badge-neutral'}`} data-testid="mail-status">
                    <Icon name="mail" size={12} />{' '}
                    {m.mailStatus && ['queued', 'sending', 'sent', 'failed', 'suppressed'].includes(m.mailStatus)
                      ? t(`tickets.mailStatus.${m.mailStatus}`)
                      : t('tickets.mailStatus.none')}
                  </span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The lines an event becomes: one per changed field, in the user's words and names. */
function useEventLines(): (meta: EventMeta, authorId: string | null) => string[] {
  const { t, i18n } = useTranslation();
  const who = useMemberNames();
  const teams = useTeams();
  const categoryLabel = useCategoryLabel();
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '';
    if (field === 'status') return enumLabel('ticketStatus', String(v));
    if (field === 'priority') return enumLabel('ticketPriority', String(v));
    if (field === 'category') return categoryLabel(String(v));
    if (field === 'assigneeId') return who(String(v));
    if (field === 'teamId') return teams.data?.find((x) => x.id === v)?.name ?? '…';
    if (Array.isArray(v)) return v.join(', ');
    return String(v);
  };
  return (meta, authorId) => {
    const name = authorId ? who(authorId) : t('tickets.events.system');
    if (meta.event === 'created')
      return [meta.source ? t('tickets.events.createdFrom', { source: enumLabel('ticketSource', meta.source) }) : t('tickets.events.created', { who: name })];
    return Object.entries(meta.changes ?? {}).map(([field, c]) => {
      // A field's name mid-sentence: "đổi trạng thái", "changed status".
      const fieldName = t(`tickets.fields.${FIELD_LABEL[field] ?? field}`);
      const label = fieldName.charAt(0).toLocaleLowerCase(i18n.language) + fieldName.slice(1);
      const from = value(field, c.from);
      const to = value(field, c.to);
      if (!to) return t('tickets.events.cleared', { who: name, field: label });
      if (!from) return t('tickets.events.set', { who: name, field: label, to });
      return t('tickets.events.changed', { who: name, field: label, from, to });
    });
  };
}

type Mode = 'reply' | 'note' | 'customer';
const MODES: Mode[] = ['reply', 'note', 'customer'];

/**
 * Write on the ticket: a reply to the customer (emailed when they have an address; a canned reply can be
 * put in at the caret), an internal note, or what the customer said on the phone or in a chat. Ctrl+Enter sends.
 */
export function Composer({ ticket, onSaved }: { ticket: Ticket; onSaved: (t: Ticket) => void }) {
  const { t } = useTranslation();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const canned = useCannedReplies();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<Mode>('reply');
  const [drafts, setDrafts] = useState<Record<Mode, string>>({ reply: '', note: '', customer: '' });
  const body = drafts[mode];
  const setBody = (v: string) => setDrafts((d) => ({ ...d, [mode]: v }));
  const send = useMutation({
    mutationFn: async (o: { kind: Mode; status?: Ticket['status'] }) =>
      (await call(ticketApi.addMessage, { params: { id: ticket.id }, body: { kind: o.kind, body: drafts[o.kind], ...(o.status ? { status: o.status } : {}) } }))
        .data,
    onSuccess: (saved, o) => {
      setDrafts((d) => ({ ...d, [o.kind]: '' }));
      onSaved(saved);
      void qc.invalidateQueries({ queryKey: ['ticket', ticket.id, 'messages'] });
    },
  });
  const canWait = ticket.status !== 'waiting_on_customer' && (canMove(ticket.status, 'waiting_on_customer') || ticket.status === 'new');
  const insertCanned = (cannedId: string) => {
    const c = canned.data?.find((x) => x.id === cannedId);
    if (!c) return;
    const el = area.current;
    const text = fillCanned(c.body, { contactName: ticket.contactName, agentName: s.user.name, ticketNumber: ticket.number });
    const r = insertAt(body, text, el?.selectionStart ?? body.length, el?.selectionEnd ?? body.length);
    setBody(r.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(r.caret, r.caret);
    });
  };
  const submit = (status?: Ticket['status']) => {
    if (body.trim()) send.mutate({ kind: mode, ...(status ? { status } : {}) });
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };
  const bodyError = fieldError(send.error, '/body');
  return (
    <section className={`card composer composer-${mode}`} aria-label={t('tickets.composer.title')} data-testid="composer">
      <div
        className="composer-tabs"
        role="tablist"
        aria-label={t('tickets.composer.title')}
        onKeyDown={(e) => {
          // Arrow keys move between the tabs (WAI-ARIA tabs pattern).
          if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
          const next = MODES[(MODES.indexOf(mode) + (e.key === 'ArrowRight' ? 1 : MODES.length - 1)) % MODES.length]!;
          setMode(next);
          document.getElementById(`${id}-tab-${next}`)?.focus();
        }}
      >
        {MODES.map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`${id}-tab-${m}`}
            aria-selected={mode === m}
            aria-controls={`${id}-panel`}
            tabIndex={mode === m ? 0 : -1}
            className="composer-tab"
            onClick={() => setMode(m)}
          >
            {m === 'note' && <Icon name="lock" size={14} />}
            {t(`tickets.composer.${m}`)}
          </button>
        ))}
      </div>
      <div className="card-body stack" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${mode}`}>
        {mode === 'reply' && (
          <div className="row composer-tools">
            <label htmlFor={`${id}-canned`} className="field-label">
              {t('tickets.composer.canned')}
            </label>
            <select
              id={`${id}-canned`}
              className="select select-canned"
              value=""
              onChange={(e) => insertCanned(e.target.value)}
              disabled={!canned.data?.length}
            >
              <option value="">{canned.data?.length ? t('tickets.composer.cannedPick') : t('tickets.composer.cannedNone')}</option>
              {(canned.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-body`}>{t(`tickets.composer.${mode}Label`)}</label>
          <textarea
            ref={area}
            id={`${id}-body`}
            className="input"
            rows={6}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={onKey}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={`${id}-hint`}
            placeholder={t(`tickets.composer.${mode}Placeholder`)}
          />
          <span id={`${id}-hint`} className={bodyError ? 'field-error' : 'field-hint'}>
            {bodyError ?? t(`tickets.composer.${mode}Hint`)}
          </span>
        </div>
        {send.isError && !bodyError && (
          <div className="alert alert-error" role="alert">
            {errorText(send.error)}
          </div>
        )}
        <div className="row" style={{ flexWrap: 'wrap' }}>
          {mode === 'reply' && (
            <>
              <Button variant="primary" onClick={() => submit()} busy={send.isPending && !send.variables?.status} disabled={!body.trim() || send.isPending}>
                <Icon name="mail" /> {t('tickets.composer.send')}
              </Button>
              {canWait && (
                <Button
                  onClick={() => submit('waiting_on_customer')}
                  busy={send.isPending && send.variables?.status === 'waiting_on_customer'}
                  disabled={!body.trim() || send.isPending}
                >
                  {t('tickets.composer.sendAndWait')}
                </Button>
              )}
            </>
          )}
          {mode === 'note' && (
            <Button variant="primary" onClick={() => submit()} busy={send.isPending} disabled={!body.trim()}>
              {t('tickets.composer.addNote')}
            </Button>
          )}
          {mode === 'customer' && (
            <Button variant="primary" onClick={() => submit()} busy={send.isPending} disabled={!body.trim()}>
              {t('tickets.composer.logCustomer')}
            </Button>
          )}
          <span className="spacer" />
          <span className="muted composer-keys">{t('tickets.composer.shortcut')}</span>
        </div>
      </div>
    </section>
  );
}
