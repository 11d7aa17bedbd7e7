import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useRoute } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import {
  DATE_ORDERS,
  type IMPORT_KINDS,
  importApi,
  type ImportOut,
  type ImportReport,
  type ImportRowError,
  type MatchKey,
} from '@kith/domain/import/import.api.ts';
import { isSure, MULTI_COLUMN_FIELDS, suggestMapping, type ImportEntity } from '@kith/domain/import/mapping.ts';
import { presetById } from '@kith/domain/import/presets.ts';
import type { DateOrder } from '@kith/domain/import/values.ts';
import type { QueryOf, ResponseOf } from '@kith/domain/api/contract.ts';
import { fieldErrorText, request } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';

/**
 * Importing a file, in the steps a person checks before anything is written: upload → each column and the
 * field it goes to (suggested from its header, Vietnamese or English) with the first rows beside it →
 * a dry run that names every refused row → the import with its progress → what happened, the file of
 * refused rows, and undo. Below: the imports made before.
 */

type Upload = ResponseOf<typeof importApi.upload>;
type Kind = (typeof IMPORT_KINDS)[number];

export default function ImportsPage() {
  const [, params] = useRoute('/imports/:id');
  return params?.id && params.id !== 'new' ? <ImportDetail id={params.id} /> : <ImportsHome startOpen={params?.id === 'new'} />;
}

function ImportsHome({ startOpen }: { startOpen: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const [, navigate] = useLocation();
  const [upload, setUpload] = useState<Upload | null>(null);
  const list = useQuery({
    queryKey: ['imports'],
    queryFn: async () => (await call(importApi.list, { query: { limit: 50 } })).data,
    enabled: can('imports.read'),
  });
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('imports.title')}</h1>
      </div>
      {can('contacts.create') &&
        (upload ? (
          <MappingStep upload={upload} onCancel={() => setUpload(null)} onStarted={(id) => navigate(`/imports/${id}`)} />
        ) : (
          <UploadStep
            autoFocus={startOpen}
            onUploaded={setUpload}
            kinds={(['contacts', 'companies', 'products', 'orders', 'interactions'] as const).filter((k) => can(KIND_ACTION[k]))}
          />
        ))}
      {can('imports.read') && (
        <section className="stack" style={{ marginBlockStart: 24 }}>
          <h2 className="section-title">{t('imports.history')}</h2>
          {list.data && list.data.data.length === 0 ? <p className="muted">{t('imports.noHistory')}</p> : <HistoryTable rows={list.data?.data ?? []} />}
        </section>
      )}
    </div>
  );
}

const KIND_ACTION = {
  contacts: 'contacts.create',
  companies: 'companies.create',
  products: 'products.manage',
  orders: 'orders.create',
  interactions: 'interactions.create',
} as const;

function UploadStep({ onUploaded, autoFocus, kinds }: { onUploaded: (u: Upload) => void; autoFocus: boolean; kinds: Kind[] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [kind, setKind] = useState<Kind>('contacts');
  const send = useMutation({
    // The file itself is the body (not JSON), which call() does not send: the request is made by hand, typed by the contract.
    mutationFn: async (file: File) => {
      const query: QueryOf<typeof importApi.upload> = { kind, fileName: file.name };
      return (await request<Upload>(importApi.upload.method, importApi.upload.path, { file, query })).data;
    },
    onSuccess: onUploaded,
  });
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const pick = (f: File | undefined) => f && send.mutate(f);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    pick(e.dataTransfer.files[0]);
  };
  return (
    <div className="card">
      <div className="card-body stack">
        {kinds.length > 1 && (
          <fieldset className="row" style={{ border: 0, padding: 0, gap: 16 }}>
            <legend className="section-title">{t('imports.kindTitle')}</legend>
            {kinds.map((k) => (
              <label key={k} className="row" style={{ gap: 6 }}>
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`imports.kinds.${k}`)}
              </label>
            ))}
          </fieldset>
        )}
        <div
          className={`dropzone${over ? ' dropzone-over' : ''}`}
          onDragOver={(e) => (e.preventDefault(), setOver(true))}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="import-dropzone"
        >
          <Icon name="upload" size={32} />
          <strong>{t('imports.dropTitle')}</strong>
          <span className="muted">{t('imports.dropHint')}</span>
          <label className="btn btn-primary">
            {t('imports.chooseFile')}
            <input
              ref={input}
              type="file"
              className="visually-hidden"
              accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => pick(e.target.files?.[0])}
              data-testid="import-file"
            />
          </label>
          {send.isPending && <div className="progress" style={{ inlineSize: '100%' }} role="status" aria-label={t('imports.reading')} />}
        </div>
        {send.isError && (
          <div className="alert alert-error" role="alert">
            {errorText(send.error)}
          </div>
        )}
        <p className="muted">{t('imports.formats')}</p>
      </div>
    </div>
  );
}

const ORDER_FIELD_ORDER = [
  'number',
  'orderedAt',
  'customerName',
  'customerPhone',
  'customerEmail',
  'customerExternalId',
  'sku',
  'productName',
  'quantity',
  'unitPrice',
  'discount',
  'orderDiscount',
  'shipping',
  'lineShipping',
  'status',
  'channel',
  'currency',
];
const INTERACTION_FIELD_ORDER = [
  'occurredAt',
  'customerPhone',
  'customerEmail',
  'customerExternalId',
  'customerName',
  'kind',
  'channel',
  'direction',
  'durationSeconds',
  'outcome',
  'subject',
  'body',
];
const FIELD_ORDER = [
  'name',
  'familyName',
  'givenName',
  'phones',
  'emails',
  'externalId',
  'birthday',
  'gender',
  'addressLine',
  'ward',
  'district',
  'province',
  'company',
  'jobTitle',
  'occupation',
  'tags',
  'source',
  'notes',
];

function MappingStep({ upload, onCancel, onStarted }: { upload: Upload; onCancel: () => void; onStarted: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const imp = upload.import;
  // The preset the file looks like (or the one chosen): its suggestions are worked out here, as the server does.
  const [presetId, setPresetId] = useState<string>(upload.preset?.id ?? 'none');
  const suggestions =
    presetId === (upload.preset?.id ?? 'none') ? upload.suggestions : suggestMapping(imp.headers, imp.kind as ImportEntity, presetById(presetId) ?? null);
  // A guess (partial) is not used until someone confirms it: it is shown beside an empty choice.
  const [fields, setFields] = useState<(string | null)[]>(() => upload.suggestions.map((s) => (isSure(s) ? s.field : null)));
  const [matchBy, setMatchBy] = useState<MatchKey[]>(['externalId', 'email', 'phone']);
  const [onExisting, setOnExisting] = useState<'update' | 'skip'>('update');
  const [updateNames, setUpdateNames] = useState(false);
  const [dateOrder, setDateOrder] = useState<'' | DateOrder>('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const map = Object.fromEntries(imp.headers.map((h, i) => [h, fields[i] ?? '']));
  const body = { map, matchBy, onExisting, updateNames, preset: presetId, ...(dateOrder ? { dateOrder } : {}) };
  const multi = MULTI_COLUMN_FIELDS[imp.kind as ImportEntity] ?? new Set<string>();
  const choosePreset = (id: string) => {
    setPresetId(id);
    const next = id === (upload.preset?.id ?? 'none') ? upload.suggestions : suggestMapping(imp.headers, imp.kind as ImportEntity, presetById(id) ?? null);
    setFields(next.map((s) => (isSure(s) ? s.field : null)));
    setReport(null);
  };
  const dry = useMutation({ mutationFn: async () => (await call(importApi.dryRun, { params: { id: imp.id }, body })).data, onSuccess: setReport });
  const run = useMutation({
    mutationFn: async () => (await call(importApi.run, { params: { id: imp.id }, body })).data,
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: ['imports'] });
      onStarted(v.id);
    },
  });
  const isOrders = imp.kind === 'orders';
  const isInteractions = imp.kind === 'interactions';
  const isProducts = imp.kind === 'products';
  const isCompanies = imp.kind === 'companies';
  const order = isOrders
    ? ORDER_FIELD_ORDER
    : isInteractions
      ? INTERACTION_FIELD_ORDER
      : isProducts
        ? ['sku', 'name', 'category', 'price', 'currency', 'active', 'description']
        : isCompanies
          ? ['name', 'taxCode', 'industry', 'phone', 'email', 'website', 'domain', 'addressLine', 'province', 'tags', 'notes']
          : FIELD_ORDER;
  const options = [...order.filter((f) => upload.fields.includes(f)), ...upload.fields.filter((f) => !order.includes(f))];
  const label = (f: string) =>
    isOrders
      ? t(`imports.orderFields.${f}`, { defaultValue: f })
      : isInteractions
        ? t(`imports.interactionFields.${f}`, { defaultValue: f })
        : isProducts
          ? t(`imports.productFields.${f}`, { defaultValue: f })
          : isCompanies
            ? t(`companyFields.${f}`, { defaultValue: f })
            : t(`contactFields.${f}`, { defaultValue: f });
  const taken = (f: string, col: number) => !multi.has(f) && fields.some((x, i) => x === f && i !== col);
  const has = (...fs: string[]) => fields.some((f) => f !== null && fs.includes(f));
  const hasName = isOrders
    ? has('number') && has('customerName', 'customerPhone', 'customerEmail', 'customerExternalId') && has('sku', 'productName')
    : isInteractions
      ? has('customerPhone', 'customerEmail', 'customerExternalId')
      : isProducts
        ? has('sku')
        : isCompanies
          ? has('name', 'taxCode')
          : has('name', 'givenName', 'familyName');
  const change = (col: number, v: string) => {
    setFields((fs) => fs.map((x, i) => (i === col ? v || null : x)));
    setReport(null);
  };
  const where = imp.format === 'xlsx' ? 'XLSX' : `${imp.encoding?.toUpperCase()} · ${imp.delimiter === '\t' ? 'Tab' : `“${imp.delimiter}”`}`;
  return (
    <div className="card" data-testid="import-mapping">
      <div className="card-header">
        <strong>{imp.fileName}</strong>
        <span className="muted">{t('imports.fileFacts', { rows: fmt.number(imp.rowCount), count: imp.rowCount, format: where })}</span>
        <span className="spacer" />
        <Button onClick={onCancel}>{t('imports.otherFile')}</Button>
      </div>
      <div className="card-body stack">
        <h2 className="section-title">{t('imports.mapTitle')}</h2>
        <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
          {upload.preset && presetId === upload.preset.id && (
            <span className="badge badge-info" data-testid="import-preset">
              {t('imports.looksLike', { product: upload.preset.product })}
            </span>
          )}
          <label className="row" style={{ gap: 6, whiteSpace: 'nowrap' }}>
            {t('imports.presetLabel')}
            <select
              className="select"
              style={{ inlineSize: 'auto' }}
              value={presetId}
              onChange={(e) => choosePreset(e.target.value)}
              data-testid="import-preset-choice"
            >
              <option value="none">{t('imports.noPreset')}</option>
              {upload.presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.product}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted">{t('imports.mapHint')}</p>
        <div style={{ overflow: 'auto' }}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('imports.column')}</th>
                <th>{t('imports.goesTo')}</th>
                <th>{t('imports.firstRows')}</th>
              </tr>
            </thead>
            <tbody>
              {imp.headers.map((h, col) => {
                const s = suggestions[col];
                const guess = s?.field && !isSure(s) && fields[col] === null ? s.field : null;
                return (
                  <tr key={`${col}-${h}`}>
                    <td>
                      <strong>{h || t('imports.unnamed', { n: col + 1 })}</strong>
                    </td>
                    <td>
                      <div className="row" style={{ gap: 6 }}>
                        <select
                          className="select"
                          aria-label={t('imports.fieldFor', { column: h })}
                          value={fields[col] ?? ''}
                          onChange={(e) => change(col, e.target.value)}
                          data-testid={`map-${col}`}
                        >
                          <option value="">{t('imports.skip')}</option>
                          {options.map((f) => (
                            <option key={f} value={f} disabled={taken(f, col)}>
                              {label(f)}
                            </option>
                          ))}
                        </select>
                        {s && s.field && s.field === fields[col] && (
                          <span className={`badge ${isSure(s) ? 'badge-success' : 'badge-warning'}`}>{t(`imports.confidence.${s.confidence}`)}</span>
                        )}
                        {s && !s.field && s.reason && <span className="muted">{s.reason}</span>}
                        {guess && (
                          <Button size="sm" onClick={() => change(col, guess)} data-testid={`confirm-${col}`}>
                            {t('imports.confirmGuess', { field: label(guess) })}
                          </Button>
                        )}
                      </div>
                    </td>
                    <td className="muted" style={{ maxInlineSize: 360 }}>
                      {upload.sample
                        .slice(0, 3)
                        .map((r) => r[col] ?? '')
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {!isOrders && !isInteractions && !isProducts && !isCompanies && (
          <fieldset className="stack" style={{ border: 0, padding: 0 }}>
            <legend className="section-title">{t('imports.matchTitle')}</legend>
            <div className="row" style={{ gap: 16, flexWrap: 'wrap' }}>
              {(['externalId', 'email', 'phone'] as const).map((k) => (
                <label key={k} className="row" style={{ gap: 6 }}>
                  <input
                    type="checkbox"
                    checked={matchBy.includes(k)}
                    onChange={(e) => (
                      setMatchBy((m) =>
                        e.target.checked ? (['externalId', 'email', 'phone'] as const).filter((x) => x === k || m.includes(x)) : m.filter((x) => x !== k),
                      ),
                      setReport(null)
                    )}
                  />
                  {t(`imports.matchBy.${k}`)}
                </label>
              ))}
            </div>
            <label className="row" style={{ gap: 6 }}>
              <input
                type="checkbox"
                checked={updateNames}
                onChange={(e) => (setUpdateNames(e.target.checked), setReport(null))}
                data-testid="import-update-names"
              />
              {t('imports.updateNames')}
            </label>
            <div className="row" style={{ gap: 16 }}>
              <label className="row" style={{ gap: 6 }}>
                <input type="radio" name="onExisting" checked={onExisting === 'update'} onChange={() => (setOnExisting('update'), setReport(null))} />{' '}
                {t('imports.onExisting.update')}
              </label>
              <label className="row" style={{ gap: 6 }}>
                <input type="radio" name="onExisting" checked={onExisting === 'skip'} onChange={() => (setOnExisting('skip'), setReport(null))} />{' '}
                {t('imports.onExisting.skip')}
              </label>
            </div>
          </fieldset>
        )}
        <label className="row" style={{ gap: 6, whiteSpace: 'nowrap', alignSelf: 'flex-start' }}>
          {t('imports.dateOrder')}
          <select
            className="select"
            style={{ inlineSize: 'auto' }}
            value={dateOrder}
            onChange={(e) => (setDateOrder(e.target.value as '' | DateOrder), setReport(null))}
            data-testid="import-date-order"
          >
            <option value="">{t('imports.dateOrders.auto')}</option>
            {DATE_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`imports.dateOrders.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {report?.dateOrder?.ambiguous && !dateOrder && (
          <div className="alert alert-warning" role="alert" data-testid="import-date-question">
            {t('imports.dateQuestion', { example: report.dateOrder.example ?? '' })}
          </div>
        )}
        {isOrders && <p className="muted">{t('imports.ordersHint')}</p>}
        {isInteractions && <p className="muted">{t('imports.interactionsHint')}</p>}
        {!hasName && (
          <div className="alert alert-warning" role="alert">
            {t(
              isOrders
                ? 'imports.needOrderFields'
                : isInteractions
                  ? 'imports.needCustomerKey'
                  : isProducts
                    ? 'imports.needSku'
                    : isCompanies
                      ? 'imports.needCompanyName'
                      : 'imports.needName',
            )}
          </div>
        )}
        {(dry.isError || run.isError) && (
          <div className="alert alert-error" role="alert">
            {errorText(dry.error ?? run.error)}
          </div>
        )}
        {dry.isPending && <div className="progress" role="status" aria-label={t('imports.checking')} />}
        {report && <DryRunReport report={report} />}
        <div className="row">
          <Button onClick={() => dry.mutate()} busy={dry.isPending} disabled={!hasName} data-testid="import-check">
            {t('imports.check')}
          </Button>
          <Button
            variant="primary"
            onClick={() => run.mutate()}
            busy={run.isPending}
            disabled={!hasName || !report || (report.dateOrder?.ambiguous === true && !dateOrder)}
            data-testid="import-run"
          >
            {report ? t('imports.runN', { count: report.created + report.updated, n: fmt.number(report.created + report.updated) }) : t('imports.run')}
          </Button>
          {!report && hasName && <span className="muted">{t('imports.checkFirst')}</span>}
        </div>
      </div>
    </div>
  );
}

function Counts({ r }: { r: Pick<ImportReport, 'created' | 'updated' | 'skipped' | 'failed'> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const items = [
    ['created', r.created, 'badge-success'],
    ['updated', r.updated, 'badge-info'],
    ['skipped', r.skipped, 'badge-neutral'],
    ['failed', r.failed, r.failed ? 'badge-danger' : 'badge-neutral'],
  ] as const;
  return (
    <div className="import-counts" data-testid="import-counts">
      {items.map(([k, n, cls]) => (
        <div key={k} className="import-count">
          <span className={`badge ${cls}`}>{t(`imports.counts.${k}`)}</span>
          <strong data-testid={`count-${k}`}>{fmt.number(n)}</strong>
        </div>
      ))}
    </div>
  );
}

function ErrorTable({ errors, more }: { errors: ImportRowError[]; more: number }) {
  const { t } = useTranslation();
  return (
    <div style={{ overflow: 'auto', maxBlockSize: 320 }}>
      <table className="table" data-testid="import-errors">
        <thead>
          <tr>
            <th className="num">{t('imports.row')}</th>
            <th>{t('imports.column')}</th>
            <th>{t('imports.value')}</th>
            <th>{t('imports.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.row}-${i}`}>
              <td className="num">{e.row}</td>
              <td>{e.column ?? '—'}</td>
              <td className="mono">{e.value ?? ''}</td>
              <td>
                {e.warning && <span className="badge badge-warning">{t('imports.warning')}</span>}{' '}
                {fieldErrorText({ pointer: '', detail: e.message, ...(e.code ? { code: e.code } : {}), ...(e.params ? { params: e.params } : {}) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p className="muted">{t('imports.moreErrors', { count: more })}</p>}
    </div>
  );
}

function DryRunReport({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="stack" data-testid="import-report">
      <h2 className="section-title">{t('imports.reportTitle')}</h2>
      <Counts r={report} />
      {Object.keys(report.fieldsChanged).length > 0 && (
        <p data-testid="import-fields-changed">
          {t('imports.fieldsChanged', {
            list: Object.entries(report.fieldsChanged)
              .map(([f, n]) => `${t(`contactFields.${f}`, { defaultValue: f })} ${fmt.number(n)}`)
              .join(', '),
          })}
        </p>
      )}
      {report.unconfirmed.length > 0 && (
        <div className="alert alert-warning" role="status" data-testid="import-unconfirmed">
          {t('imports.unconfirmed', { list: report.unconfirmed.map((u) => u.header).join(', ') })}
        </div>
      )}
      {report.errors.length > 0 ? (
        <ErrorTable errors={report.errors.slice(0, 200)} more={report.errors.length - 200} />
      ) : (
        <p className="muted">{t('imports.allGood')}</p>
      )}
    </div>
  );
}

function ImportDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const notify = useToast();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['imports', id],
    queryFn: async () => (await call(importApi.get, { params: { id } })).data,
    refetchInterval: (query) =>
      query.state.data && (query.state.data.status === 'running' || query.state.data.status === 'undoing') && !query.state.data.stalled ? 400 : false,
  });
  const undo = useMutation({
    mutationFn: async () => (await call(importApi.undo, { params: { id } })).data,
    onSuccess: (r) => {
      notify(t('imports.undone', { removed: fmt.number(r.removed), restored: fmt.number(r.restored) }));
      void qc.invalidateQueries({ queryKey: ['imports'] });
      void qc.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
  const resume = useMutation({
    mutationFn: async () => (await call(importApi.run, { params: { id }, body: {} })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['imports', id] }),
  });
  const v = q.data;
  useEffect(() => {
    if (v?.status === 'done') void qc.invalidateQueries({ queryKey: ['contacts'] });
  }, [v?.status, qc]);
  if (q.isError)
    return (
      <div className="page">
        <div className="alert alert-error" role="alert">
          {errorText(q.error)}
        </div>
      </div>
    );
  if (!v)
    return (
      <div className="page">
        <div className="progress" />
      </div>
    );
  const share = v.rowCount ? Math.min(1, v.rowsDone / v.rowCount) : 1;
  const running = v.status === 'running' && !v.stalled;
  return (
    <div className="page">
      <div className="page-header">
        <Link href="/imports" className="muted">
          {t('imports.title')}
        </Link>
        <span className="muted">/</span>
        <h1>{v.fileName}</h1>
        <span className={`badge ${STATUS_BADGE[v.status]}`} data-testid="import-status">
          {v.stalled ? t('imports.status.stalled') : t(`imports.status.${v.status}`)}
        </span>
      </div>
      <div className="card">
        <div className="card-body stack">
          <div className="stack" style={{ gap: 6 }}>
            <div className="row">
              <span>{t('imports.progress', { done: fmt.number(v.rowsDone), total: fmt.number(v.rowCount) })}</span>
              <span className="spacer" />
              <strong className="num">{Math.round(share * 100)}%</strong>
            </div>
            <div
              className="meter"
              role="progressbar"
              aria-label={t('imports.progressLabel')}
              aria-valuemin={0}
              aria-valuemax={v.rowCount}
              aria-valuenow={v.rowsDone}
            >
              <div className={`meter-fill${running ? ' meter-live' : ''}`} style={{ inlineSize: `${share * 100}%` }} />
            </div>
          </div>
          <Counts r={v} />
          {v.message && (
            <div className="alert alert-error" role="alert">
              {v.message}
            </div>
          )}
          {v.stalled && <div className="alert alert-warning">{t('imports.stalledHint')}</div>}
          {v.status === 'undone' && <div className="alert alert-success">{t('imports.undoneNote', { at: fmt.dateTime(v.undoneAt) })}</div>}
          {undo.isError && (
            <div className="alert alert-error" role="alert">
              {errorText(undo.error)}
            </div>
          )}
          <div className="row" style={{ flexWrap: 'wrap' }}>
            {v.failed > 0 && (
              <a className="btn" href={`/api/v1/imports/${v.id}/errors`} download data-testid="import-error-file">
                <Icon name="download" /> {t('imports.errorFile', { count: v.failed, n: fmt.number(v.failed) })}
              </a>
            )}
            {(v.status === 'failed' || v.stalled) && can('contacts.create') && (
              <Button variant="primary" onClick={() => resume.mutate()} busy={resume.isPending}>
                {t('imports.resume')}
              </Button>
            )}
            {(v.status === 'done' || v.status === 'failed') && can('imports.undo') && (
              <Button
                variant="danger"
                onClick={() => window.confirm(t('imports.undoConfirm')) && undo.mutate()}
                busy={undo.isPending}
                data-testid="import-undo"
              >
                {t('imports.undo')}
              </Button>
            )}
            <span className="spacer" />
            {v.status === 'done' && (
              <Link
                href={v.kind === 'orders' ? '/orders' : v.kind === 'products' ? '/products' : v.kind === 'companies' ? '/companies' : '/contacts'}
                className="btn btn-primary"
              >
                {t(
                  v.kind === 'orders'
                    ? 'imports.toOrders'
                    : v.kind === 'products'
                      ? 'imports.toProducts'
                      : v.kind === 'companies'
                        ? 'imports.toCompanies'
                        : 'imports.toContacts',
                )}
              </Link>
            )}
          </div>
          <p className="muted">{t('imports.facts', { at: fmt.dateTime(v.createdAt), size: fmt.number(Math.ceil(v.fileSize / 1024)) })}</p>
        </div>
      </div>
    </div>
  );
}

const STATUS_BADGE: Record<ImportOut['status'], string> = {
  uploaded: 'badge-neutral',
  running: 'badge-info',
  done: 'badge-success',
  failed: 'badge-danger',
  undoing: 'badge-warning',
  undone: 'badge-neutral',
};

function HistoryTable({ rows }: { rows: ImportOut[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (rows.length === 0) return null;
  return (
    <div className="card" style={{ overflow: 'auto' }}>
      <table className="table" data-testid="imports-table">
        <thead>
          <tr>
            <th>{t('imports.file')}</th>
            <th>{t('imports.kindLabel')}</th>
            <th>{t('imports.when')}</th>
            <th>{t('imports.statusLabel')}</th>
            <th className="num">{t('imports.counts.created')}</th>
            <th className="num">{t('imports.counts.updated')}</th>
            <th className="num">{t('imports.counts.skipped')}</th>
            <th className="num">{t('imports.counts.failed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/imports/${r.id}`}>{r.fileName}</Link>
              </td>
              <td>{t(`imports.kinds.${r.kind}`)}</td>
              <td>{fmt.dateTime(r.createdAt)}</td>
              <td>
                <span className={`badge ${STATUS_BADGE[r.status]}`}>{r.stalled ? t('imports.status.stalled') : t(`imports.status.${r.status}`)}</span>
              </td>
              <td className="num">{fmt.number(r.created)}</td>
              <td className="num">{fmt.number(r.updated)}</td>
              <td className="num">{fmt.number(r.skipped)}</td>
              <td className="num">{fmt.number(r.failed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
