import { useState, type DragEvent } from 'react';
import { ExportLinks } from '../../components/ui/export-links.tsx';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { parseAmount } from '@kith/domain/money/money.ts';
import { dealApi, type Deal, type DealBoard, type DealSort, type Pipeline } from '@kith/domain/deals/deal.api.ts';
import { DEAL_FIELD_LIST } from '@kith/domain/deals/deal.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import { showField, type Renderers } from '../../components/record/field-view.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan, useSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { CustomerPicker } from '../orders/order-dialog.tsx';

/**
 * Deals: the pipeline as a board — one column per stage with its count, value and weighted value, cards
 * dragged from stage to stage (or moved with the stage menu on each card, from the keyboard) — and the
 * same deals as a list. A won deal becomes an order with one click.
 */

type Column = DealBoard['columns'][number];

export default function DealsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [view, setView] = useState<'board' | 'list'>('board');
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const pipes = useQuery({ queryKey: ['pipelines'], queryFn: async () => (await call(dealApi.pipelines)).data });
  const pipeline = pipes.data?.data.find((p) => p.id === pipelineId) ?? pipes.data?.data[0];
  return (
    <div className="page-full">
      <div className="page-header">
        <h1>{t('deals.title')}</h1>
        {pipes.data && pipes.data.data.length > 1 && (
          <SelectField
            label={t('deals.pipeline')}
            hideLabel
            value={pipeline?.id ?? ''}
            onChange={(e) => setPipelineId(e.target.value)}
            options={pipes.data.data.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        <span className="spacer" />
        <div className="segmented" role="group" aria-label={t('deals.view')}>
          <Button variant={view === 'board' ? 'primary' : 'default'} aria-pressed={view === 'board'} onClick={() => setView('board')}>
            {t('deals.board')}
          </Button>
          <Button variant={view === 'list' ? 'primary' : 'default'} aria-pressed={view === 'list'} onClick={() => setView('list')}>
            {t('deals.list')}
          </Button>
        </div>
        {can('records.export') && pipeline && <ExportLinks list="deals" params={{ pipelineId: pipeline.id }} />}
        {can('deals.write') && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('deals.new')}
          </Button>
        )}
      </div>
      {pipeline && (view === 'board' ? <BoardView pipelineId={pipeline.id} /> : <ListView pipeline={pipeline} />)}
      {creating && pipeline && <NewDealDialog pipeline={pipeline} onClose={() => setCreating(false)} />}
    </div>
  );
}

function BoardView({ pipelineId }: { pipelineId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const notify = useToast();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const key = ['deals', 'board', pipelineId];
  const board = useQuery({
    queryKey: key,
    queryFn: async () => (await call(dealApi.board, { query: { pipelineId } })).data,
    placeholderData: keepPreviousData,
  });
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: async (m: { deal: Deal; stageId: string; position: number; lostReason?: string }) =>
      (
        await call(dealApi.update, {
          params: { id: m.deal.id },
          body: { stageId: m.stageId, position: m.position, ...(m.lostReason ? { lostReason: m.lostReason } : {}) },
          ifMatch: `"${m.deal.version}"`,
        })
      ).data,
    onMutate: async (m) => {
      await qc.cancelQueries({ queryKey: key });
      const prev = qc.getQueryData<DealBoard>(key);
      if (prev) {
        // The card moves at once; the server's answer (or a refusal) settles it.
        const columns = prev.columns.map((c) => ({ ...c, deals: c.deals.filter((d) => d.id !== m.deal.id) }));
        const to = columns.find((c) => c.id === m.stageId);
        if (to) to.deals = [...to.deals, { ...m.deal, stageId: m.stageId, position: m.position }].sort((a, b) => a.position - b.position);
        qc.setQueryData<DealBoard>(key, { ...prev, columns });
      }
      return { prev };
    },
    onError: (e, _m, ctx) => {
      if (ctx?.prev) qc.setQueryData(key, ctx.prev);
      notify(errorText(e), 'error');
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['deals'] }),
  });
  const makeOrder = useMutation({
    mutationFn: async (d: Deal) => (await call(dealApi.order, { params: { id: d.id } })).data,
    onSuccess: (r) => {
      notify(t('deals.orderMade', { number: r.order.number }));
      void qc.invalidateQueries({ queryKey: ['deals'] });
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  if (board.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(board.error)}
      </div>
    );
  if (!board.data) return <div className="progress" />;
  const { columns, currency } = board.data;
  const all = columns.flatMap((c) => c.deals);
  const dropTo = (col: Column, beforeId: string | null, dealId = dragging) => {
    const deal = all.find((d) => d.id === dealId);
    setDragging(null);
    setOver(null);
    if (!deal) return;
    const rest = col.deals.filter((d) => d.id !== deal.id);
    const i = beforeId ? rest.findIndex((d) => d.id === beforeId) : rest.length;
    const prevPos = i > 0 ? rest[i - 1]!.position : (rest[0]?.position ?? 1) - 1;
    const nextPos = i < rest.length ? rest[i]!.position : prevPos + 2;
    const position = i === rest.length ? (rest[rest.length - 1]?.position ?? 0) + 1 : (prevPos + nextPos) / 2;
    if (deal.stageId === col.id && Math.abs(position - deal.position) < 1e-9) return;
    const lostReason = col.kind === 'lost' && deal.stageId !== col.id ? (window.prompt(t('deals.lostReasonPrompt')) ?? undefined) : undefined;
    move.mutate({ deal, stageId: col.id, position, ...(lostReason ? { lostReason } : {}) });
  };
  const openTotal = columns.filter((c) => c.kind === 'open');
  return (
    <div className="stack" style={{ gap: 8, minBlockSize: 0, flex: 1 }}>
      <p className="muted" data-testid="pipeline-summary">
        {t('deals.summary', {
          open: fmt.number(openTotal.reduce((s, c) => s + c.count, 0)),
          value: fmt.money(
            openTotal.reduce((s, c) => s + c.amount, 0),
            currency,
          ),
          weighted: fmt.money(
            openTotal.reduce((s, c) => s + c.weighted, 0),
            currency,
          ),
        })}
      </p>
      <div className="board" data-testid="deal-board">
        {columns.map((col) => (
          <section
            key={col.id}
            className={`board-col board-${col.kind}${over === col.id ? ' board-over' : ''}`}
            aria-label={col.name}
            data-testid={`stage-${col.name}`}
            onDragOver={(e: DragEvent) => {
              if (!dragging) return;
              e.preventDefault();
              setOver(col.id);
            }}
            onDragLeave={() => setOver((o) => (o === col.id ? null : o))}
            onDrop={(e: DragEvent) => {
              e.preventDefault();
              dropTo(col, null);
            }}
          >
            <header className="board-head">
              <div className="row">
                <strong>{col.name}</strong>
                <span className="badge badge-neutral">{fmt.number(col.count)}</span>
                <span className="spacer" />
                <span className="muted">{col.probability}%</span>
              </div>
              <div className="muted board-sums">
                {fmt.money(col.amount, currency)}
                {col.kind === 'open' && col.amount > 0 && <> · {t('deals.weighted', { value: fmt.money(col.weighted, currency) })}</>}
              </div>
            </header>
            <div className="board-cards">
              {col.deals.map((d) => (
                <article
                  key={d.id}
                  className={`deal-card${dragging === d.id ? ' deal-dragging' : ''}`}
                  draggable={can('deals.write')}
                  onDragStart={(e: DragEvent) => {
                    e.dataTransfer.setData('text/plain', d.id);
                    e.dataTransfer.effectAllowed = 'move';
                    setDragging(d.id);
                  }}
                  onDragEnd={() => (setDragging(null), setOver(null))}
                  onDrop={(e: DragEvent) => {
                    e.preventDefault();
                    e.stopPropagation();
                    dropTo(col, d.id);
                  }}
                  data-testid="deal-card"
                  aria-label={d.title}
                >
                  <strong>{d.title}</strong>
                  {d.contactName && d.contactId && (
                    <Link href={`/contacts/${d.contactId}`} className="muted">
                      {d.contactName}
                    </Link>
                  )}
                  <div className="row" style={{ gap: 6 }}>
                    <span className="num">{fmt.money(d.amount, d.currency)}</span>
                    <span className="spacer" />
                    {d.expectedClose && <span className="muted">{fmt.date(d.expectedClose)}</span>}
                  </div>
                  {can('deals.write') && (
                    <select
                      className="select select-sm"
                      aria-label={t('deals.moveTo', { title: d.title })}
                      value={d.stageId}
                      onChange={(e) => {
                        dropTo(columns.find((c) => c.id === e.target.value)!, null, d.id);
                      }}
                    >
                      {columns.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  )}
                  {d.status === 'won' &&
                    (d.orderId ? (
                      <Link href={`/orders/${d.orderId}`}>{t('deals.seeOrder')}</Link>
                    ) : (
                      can('orders.create') && (
                        <Button
                          size="sm"
                          onClick={() => makeOrder.mutate(d)}
                          busy={makeOrder.isPending && makeOrder.variables?.id === d.id}
                          disabled={move.isPending}
                        >
                          {t('deals.makeOrder')}
                        </Button>
                      )
                    ))}
                  {d.status === 'lost' && d.lostReason && <span className="muted">{d.lostReason}</span>}
                </article>
              ))}
              {col.deals.length === 0 && <p className="muted board-empty">{t('deals.emptyStage')}</p>}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

/** The list's columns: the deal field table's fields that ask for one (@kith/domain deals/deal.fields.ts), then when it was made. */
const columns = DEAL_FIELD_LIST.filter((f) => f.web.column);
/** Which way a column sorts first: the largest amounts, the soonest dates. */
const firstSort = (f: (typeof columns)[number]): DealSort => (!isSkip(f.filter) && f.filter.type === 'number' ? `-${f.name}` : f.name) as DealSort;

function ListView({ pipeline }: { pipeline: Pipeline }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [sort, setSort] = useState<DealSort>('-createdAt');
  const list = useQuery({
    queryKey: ['deals', 'list', pipeline.id, sort],
    queryFn: async () => (await call(dealApi.list, { query: { pipelineId: pipeline.id, sort, limit: 200 } })).data,
    placeholderData: keepPreviousData,
  });
  const stage = (id: string) => pipeline.stages.find((s) => s.id === id);
  const rows = list.data?.data ?? [];
  const view = { t, fmt, lang: i18n.language };
  /** How a deal draws its stage (a badge in its status's colour) and its amount (in its currency). */
  const renderers = (d: Deal): Renderers => ({
    stage: (v) => (
      <span className={`badge ${d.status === 'won' ? 'badge-success' : d.status === 'lost' ? 'badge-neutral' : 'badge-info'}`}>{stage(String(v))?.name}</span>
    ),
    money: (v) => fmt.money(Number(v), d.currency),
  });
  const sortButton = (key: DealSort, label: string) => (
    <button type="button" className="th-sort" onClick={() => setSort(key)} aria-pressed={sort === key}>
      {label}
    </button>
  );
  return (
    <div className="card" style={{ overflow: 'auto' }}>
      <table className="table" data-testid="deal-list">
        <thead>
          <tr>
            {columns.map((f) => {
              const label = t(`dealFields.${f.name}`);
              return (
                <th key={f.name} className={f.web.show === 'money' ? 'num' : undefined}>
                  {!isSkip(f.filter) && f.filter.sortable ? sortButton(firstSort(f), label) : label}
                </th>
              );
            })}
            <th>{sortButton('-createdAt', t('deals.fields.createdAt'))}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              {columns.map((f) =>
                f.name === 'contactId' ? (
                  <td key={f.name}>{d.contactId ? <Link href={`/contacts/${d.contactId}`}>{d.contactName}</Link> : '—'}</td>
                ) : (
                  <td key={f.name} className={f.web.show === 'money' ? 'num' : undefined}>
                    {showField(f, d[f.name], view, renderers(d))}
                  </td>
                ),
              )}
              <td>{fmt.date(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.isSuccess && rows.length === 0 && (
        <p className="muted" style={{ padding: 16 }}>
          {t('deals.emptyList')}
        </p>
      )}
    </div>
  );
}

function NewDealDialog({ pipeline, onClose }: { pipeline: Pipeline; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const currency = s?.workspace.currency ?? 'VND';
  const [title, setTitle] = useState('');
  const [customer, setCustomer] = useState<{ id: string; name: string } | null>(null);
  const [amount, setAmount] = useState('');
  const [close, setClose] = useState('');
  const [stageId, setStageId] = useState(pipeline.stages.find((x) => x.kind === 'open')?.id ?? '');
  const save = useMutation({
    mutationFn: () => {
      const minor = amount.trim() ? parseAmount(amount, currency, i18n.language.startsWith('vi') ? ',' : '.') : 0;
      return call(dealApi.create, {
        body: { title, contactId: customer?.id ?? null, amount: minor ?? -1, stageId, ...(close ? { expectedClose: close } : {}) },
      });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['deals'] });
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, `/${f}`);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('deals.new')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" onClick={() => save.mutate()} busy={save.isPending} disabled={!title.trim()}>
            {t('common.create')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <TextField label={t('deals.fields.title')} value={title} onChange={(e) => setTitle(e.target.value)} error={err('title')} autoFocus />
        <CustomerPicker value={customer} onChange={setCustomer} error={err('contactId')} />
        <TextField
          label={`${t('deals.fields.amount')} (${currency})`}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={err('amount')}
        />
        <TextField label={t('deals.fields.expectedClose')} type="date" value={close} onChange={(e) => setClose(e.target.value)} error={err('expectedClose')} />
        <SelectField
          label={t('deals.fields.stage')}
          value={stageId}
          onChange={(e) => setStageId(e.target.value)}
          options={pipeline.stages.map((x) => ({ value: x.id, label: `${x.name} (${x.probability}%)` }))}
        />
        {save.isError && !['title', 'contactId', 'amount', 'expectedClose'].some((f) => err(f)) && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
      </div>
    </Dialog>
  );
}
