import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  DIRECTIONS,
  INTERACTION_CHANNELS,
  INTERACTION_KINDS,
  defaultChannel,
  type InteractionChannel,
  type InteractionKind,
} from '@kith/domain/interactions/interaction.schema.ts';
import { interactionApi } from '@kith/domain/interactions/interaction.api.ts';
import { timelineApi, type TimelineEntry } from '@kith/domain/timeline/timeline.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { localNow } from '../../lib/local-time.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useMemberNames } from '../../lib/workspace-data.ts';
import { StatusBadge } from '../orders/order-cells.tsx';
import { LoyaltyEntry, SurveyEntry } from './timeline-care.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

type Entry = TimelineEntry;

const FILTERS = ['', 'interaction', 'order', 'deal', 'task', 'ticket', 'survey', 'loyalty', 'change'] as const;
/** The kinds this page can show; the server may list others (playbooks) before the page learns them. */
const SHOWN_KINDS = new Set(['interaction', 'order', 'deal', 'task', 'ticket', 'survey', 'loyalty', 'change']);

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(short).join(', ') : '—';
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${short(x && typeof x === 'object' && 'status' in x ? (x as { status: string }).status : x)}`)
      .join('; ');
  const s = String(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** Log a call, meeting, message, visit or note: it lands on the timeline at the time it happened. */
function LogInteraction({ contactId, onDone }: { contactId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [kind, setKind] = useState<InteractionKind>('call');
  // Both come from selects of the domain's lists (or '' for none).
  const [channel, setChannel] = useState<InteractionChannel | ''>(defaultChannel('call') ?? '');
  const [direction, setDirection] = useState<(typeof DIRECTIONS)[number] | ''>('outbound');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState('');
  const [body, setBody] = useState('');
  const save = useMutation({
    mutationFn: () =>
      call(interactionApi.create, {
        body: {
          contactId,
          kind,
          channel: channel || null,
          direction: kind === 'note' ? null : direction || null,
          occurredAt: new Date(occurredAt).toISOString(),
          ...(minutes.trim() ? { durationSeconds: Math.round(Number(minutes.replace(',', '.')) * 60) } : {}),
          ...(outcome.trim() ? { outcome } : {}),
          ...(body.trim() ? { body } : {}),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['timeline', contactId] });
      onDone();
    },
  });
  const err = (p: string) => fieldError(save.error, p);
  return (
    <form
      className="stack card-body"
      style={{ background: 'var(--bg-subtle)', borderRadius: 'var(--radius)' }}
      data-testid="log-interaction"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <SelectField
          label={t('interactions.kind')}
          value={kind}
          onChange={(e) => {
            const k = e.target.value as InteractionKind;
            setKind(k);
            setChannel(defaultChannel(k) ?? '');
          }}
          options={INTERACTION_KINDS.map((k) => ({ value: k, label: enumLabel('interactionKind', k) }))}
        />
        <SelectField
          label={t('interactions.channel')}
          value={channel}
          onChange={(e) => setChannel(e.target.value as InteractionChannel | '')}
          placeholder="—"
          options={INTERACTION_CHANNELS.map((c) => ({ value: c, label: enumLabel('interactionChannel', c) }))}
        />
        {kind !== 'note' && (
          <SelectField
            label={t('interactions.direction')}
            value={direction}
            onChange={(e) => setDirection(e.target.value as (typeof DIRECTIONS)[number] | '')}
            options={DIRECTIONS.map((d) => ({ value: d, label: enumLabel('interactionDirection', d) }))}
          />
        )}
      </div>
      <div className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label={t('interactions.when')}
          type="datetime-local"
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.target.value)}
          error={err('/occurredAt')}
        />
        {kind !== 'note' && (
          <TextField
            label={t('interactions.minutes')}
            inputMode="decimal"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            error={err('/durationSeconds')}
            style={{ inlineSize: 90 }}
          />
        )}
        {kind !== 'note' && (
          <TextField label={t('interactions.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value)} error={err('/outcome')} />
        )}
      </div>
      <TextAreaField label={t('interactions.body')} value={body} onChange={(e) => setBody(e.target.value)} error={err('/body')} rows={3} />
      {save.isError && !['/occurredAt', '/durationSeconds', '/outcome', '/body'].some((p) => err(p)) && (
        <div className="alert alert-error" role="alert">
          {errorText(save.error)}
        </div>
      )}
      <div className="row">
        <Button type="submit" variant="primary" size="sm" busy={save.isPending}>
          {t('interactions.save')}
        </Button>
        <Button size="sm" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Everything that happened with the customer, newest first: interactions, orders and changes to the record. */
export function ContactTimeline({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const who = useMemberNames();
  const can = useCan();
  const [kind, setKind] = useState<(typeof FILTERS)[number]>('');
  const [logging, setLogging] = useState(false);
  const q = useInfiniteQuery({
    queryKey: ['timeline', contactId, kind],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await call(timelineApi.list, { params: { id: contactId }, query: { limit: 30, cursor: pageParam, kinds: kind || undefined } })).data,
    getNextPageParam: (p) => p.nextCursor,
  });
  const entries = q.data?.pages.flatMap((p) => p.data).filter((e) => SHOWN_KINDS.has(e.kind)) ?? [];
  const by = (e: Entry) => (
    <span className="muted">
      {' · '}
      {who(e.actorUserId) || t('timeline.system')}
      {e.kind === 'change' && e.viaToken ? ` (${t('timeline.api')})` : ''}
    </span>
  );
  const when = (e: Entry) => (
    <time className="muted" dateTime={e.at} title={fmt.dateTime(e.at)} style={{ fontSize: 'var(--text-sm)' }}>
      {fmt.relative(e.at)}
    </time>
  );
  return (
    <div className="stack">
      <div className="row" style={{ flexWrap: 'wrap' }}>
        <div className="chips" role="group" aria-label={t('timeline.show')}>
          {FILTERS.map((f) => (
            <Button key={f || 'all'} size="sm" variant={kind === f ? 'primary' : 'default'} aria-pressed={kind === f} onClick={() => setKind(f)}>
              {f ? enumLabel('timelineKind', f) : t('timeline.kinds.all')}
            </Button>
          ))}
        </div>
        <span className="spacer" />
        {can('interactions.create') && !logging && (
          <Button size="sm" onClick={() => setLogging(true)}>
            <Icon name="plus" /> {t('interactions.log')}
          </Button>
        )}
      </div>
      {logging && <LogInteraction contactId={contactId} onDone={() => setLogging(false)} />}
      {q.isPending ? (
        <div className="progress" />
      ) : q.isError ? (
        <p className="muted">{t('errors.unexpected')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {entries.map((e) => {
            if (e.kind === 'interaction') {
              const i = e.interaction;
              const facts = [
                i.channel && enumLabel('interactionChannel', i.channel),
                i.direction && enumLabel('interactionDirection', i.direction),
                i.durationSeconds ? t('interactions.duration', { minutes: fmt.number(Math.round(i.durationSeconds / 6) / 10) }) : null,
                i.outcome,
              ].filter(Boolean);
              return (
                <li key={`i-${e.id}`} data-kind="interaction">
                  <div>
                    <strong>{enumLabel('interactionKind', i.kind)}</strong>
                    {facts.length > 0 && <span> · {facts.join(' · ')}</span>}
                    {by(e)}
                  </div>
                  {when(e)}
                  {i.subject && <div style={{ fontWeight: 550 }}>{i.subject}</div>}
                  {i.body && <div style={{ whiteSpace: 'pre-wrap', fontSize: 'var(--text-md)' }}>{i.body}</div>}
                </li>
              );
            }
            if (e.kind === 'task') {
              const k = e.task;
              return (
                <li key={`t-${e.id}`} data-kind="task">
                  <div>
                    <strong>{k.doneAt ? t('timeline.taskDone') : t('timeline.taskSet')}</strong> · {k.title}
                    {!k.doneAt && k.dueAt && (
                      <span className="muted">
                        {' '}
                        · {t('tasks.due')} {fmt.dateTime(k.dueAt)}
                      </span>
                    )}
                    {by(e)}
                  </div>
                  {when(e)}
                </li>
              );
            }
            if (e.kind === 'deal') {
              const d = e.deal;
              const text =
                d.action === 'create'
                  ? t('timeline.dealCreated', { title: d.title, stage: d.toStage ?? '' })
                  : d.action === 'delete'
                    ? t('timeline.dealDeleted', { title: d.title })
                    : d.fromStage && d.toStage
                      ? t('timeline.dealMoved', { title: d.title, from: d.fromStage, to: d.toStage })
                      : t('timeline.dealChanged', { title: d.title });
              return (
                <li key={`d-${e.id}`} data-kind="deal">
                  <div>
                    <strong>{text}</strong>
                    {by(e)}
                  </div>
                  {when(e)}
                </li>
              );
            }
            if (e.kind === 'ticket') {
              const k = e.ticket;
              const m = k.message;
              const meta = (m.meta ?? {}) as { event?: string; changes?: { status?: { from: string; to: string } } };
              const status = meta.changes?.status;
              const title =
                m.kind === 'customer'
                  ? t('timeline.ticketCustomer', { number: k.number })
                  : m.kind === 'reply'
                    ? t('timeline.ticketReply', { number: k.number })
                    : m.kind === 'note'
                      ? t('timeline.ticketNote', { number: k.number })
                      : meta.event === 'created'
                        ? t('timeline.ticketOpened', { number: k.number })
                        : status
                          ? t('timeline.ticketStatus', {
                              number: k.number,
                              from: enumLabel('ticketStatus', status.from),
                              to: enumLabel('ticketStatus', status.to),
                            })
                          : t('timeline.ticketChanged', { number: k.number });
              return (
                <li key={`k-${e.id}`} data-kind="ticket">
                  <div>
                    <strong>{title}</strong> · <Link href={`/tickets/${k.ticketId}`}>{k.subject}</Link>
                    {m.kind !== 'customer' && by(e)}
                  </div>
                  {when(e)}
                  {m.body && m.kind !== 'event' && (
                    <div className="canned-preview" style={{ fontSize: 'var(--text-md)' }}>
                      {m.body}
                    </div>
                  )}
                </li>
              );
            }
            if (e.kind === 'survey') {
              return (
                <li key={`s-${e.id}`} data-kind="survey">
                  <SurveyEntry survey={e.survey} when={when(e)} />
                </li>
              );
            }
            if (e.kind === 'loyalty') {
              return (
                <li key={`l-${e.id}`} data-kind="loyalty" data-loyalty={e.loyalty.kind}>
                  <LoyaltyEntry entry={e.loyalty} by={e.loyalty.kind === 'redeem' || e.loyalty.kind === 'adjust' ? by(e) : null} when={when(e)} />
                </li>
              );
            }
            if (e.kind === 'order') {
              const o = e.order;
              return (
                <li key={`o-${e.id}`} data-kind="order">
                  <div className="row" style={{ gap: 'var(--s1)', flexWrap: 'wrap' }}>
                    <strong>{t('timeline.order')}</strong>
                    <Link href={`/orders/${e.id}`}>{o.number}</Link>
                    <StatusBadge status={o.status} />
                    <span>· {fmt.money(o.total, o.currency)}</span>
                    <span className="muted">· {t('orders.lineCount', { count: o.lineCount, formatted: fmt.number(o.lineCount) })}</span>
                  </div>
                  {when(e)}
                </li>
              );
            }
            const after = (e.after ?? {}) as Record<string, unknown>;
            const before = (e.before ?? {}) as Record<string, unknown>;
            const changed = e.action === 'update' ? Object.keys(after) : [];
            const cause = (e.meta as { cause?: string } | null)?.cause;
            return (
              <li key={`c-${e.id}`} data-kind="change">
                <div>
                  <strong>{t(`timeline.actions.${e.action}`, { defaultValue: e.action })}</strong>
                  {cause === 'order' ? <span className="muted"> · {t('timeline.byOrder')}</span> : by(e)}
                </div>
                {when(e)}
                {changed.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 'var(--s4)', fontSize: 'var(--text-sm)' }}>
                    {changed.map((k) => (
                      <li key={k} style={{ border: 0, padding: 0 }}>
                        {t(`contactFields.${k}`, { defaultValue: k })}:{' '}
                        <s className="muted">{k === 'lifecycleStage' ? enumLabel('lifecycleStage', String(before[k])) : short(before[k])}</s> →{' '}
                        {k === 'lifecycleStage' ? enumLabel('lifecycleStage', String(after[k])) : short(after[k])}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {q.hasNextPage && (
        <Button size="sm" onClick={() => void q.fetchNextPage()} busy={q.isFetchingNextPage}>
          {t('common.showMore')}
        </Button>
      )}
    </div>
  );
}
