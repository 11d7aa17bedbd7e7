import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { kpiApi } from '@kith/domain/kpis/kpi.api.ts';
import { BUILTIN_KPIS, type BuiltinKpiKey, isBuiltinKpi, type KpiFilterKey } from '@kith/domain/kpis/kpis.ts';
import { productApi } from '@kith/domain/orders/product.api.ts';
import { segmentApi } from '@kith/domain/segments/segment.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { enumLabel, enumOptions, type EnumName } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useCareSettings } from '../tickets/care-data.ts';
import { type Kpi, kpiName, useKpis, useLang } from './kpi-data.ts';
import { decimalMark, parseLocaleNumber } from './kpi-format.ts';

/** Which list of channels narrows a built-in: orders', interactions' or tickets'. */
const CHANNELS: Partial<Record<BuiltinKpiKey, EnumName>> = {
  revenue: 'orderChannel',
  revenue_taken: 'orderChannel',
  new_customers: 'orderChannel',
  repeat_customers: 'orderChannel',
  interactions_logged: 'interactionChannel',
  tickets_resolved: 'ticketChannel',
  first_response_minutes: 'ticketChannel',
  resolution_minutes: 'ticketChannel',
  sla_attainment: 'ticketChannel',
};

/** The shared saved segments (a KPI or a plan is the workspace's, so only shared ones count). */
export function useSharedSegments() {
  return useQuery({
    queryKey: ['segments', 'list'],
    queryFn: async ({ signal }) => (await call(segmentApi.list, { signal })).data.data,
    select: (d) => d.filter((s) => s.shared),
    staleTime: 60_000,
  });
}

function useCategories() {
  return useQuery({
    queryKey: ['product-categories'],
    queryFn: async ({ signal }) => (await call(productApi.categories, { signal })).data.data,
    staleTime: 60_000,
  });
}

/** A filter's value as a person reads it: a category's or segment's name, a stage, channel or kind in their language. */
function useFilterValueLabel(): (of: string | null, key: KpiFilterKey, value: string) => string {
  const segments = useSharedSegments();
  const categories = useCategories();
  useTranslation();
  return (of, key, value) => {
    if (key === 'productCategoryId') return categories.data?.find((c) => c.id === value)?.name ?? value;
    if (key === 'segmentId') return segments.data?.find((s) => s.id === value)?.name ?? value;
    if (key === 'lifecycleStage') return enumLabel('lifecycleStage', value);
    if (key === 'interactionKind') return enumLabel('interactionKind', value);
    if (key === 'ticketCategory') return enumLabel('ticketCategory', value);
    const list = of && isBuiltinKpi(of) ? CHANNELS[of] : undefined;
    return list ? enumLabel(list, value) : value;
  };
}

/**
 * The KPI definitions: the built-ins and the workspace's own, each one's weight in the score (0 leaves it out),
 * adding a workspace KPI (a built-in narrowed by what it allows, or a count or sum over a shared saved segment)
 * and removing one (closed periods keep its figures).
 */
export function SettingsTab() {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const kpis = useKpis();
  const segments = useSharedSegments();
  const filterLabel = useFilterValueLabel();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Kpi | null>(null);
  if (kpis.error)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(kpis.error)}
      </div>
    );
  if (!kpis.data) return <div className="progress" aria-busy="true" />;
  const source = (k: Kpi): string => {
    if (k.builtin) return t('kpis.settings.builtin');
    if (k.base === 'narrowed') {
      const of = k.of && isBuiltinKpi(k.of) ? BUILTIN_KPIS[k.of].name[lang] : (k.of ?? '');
      const filters = (Object.entries(k.filter) as [KpiFilterKey, string | undefined][])
        .filter(([, v]) => v !== undefined)
        .map(([f, v]) => `${enumLabel('kpiFilter', f)}: ${filterLabel(k.of, f, v!)}`)
        .join('; ');
      return t('kpis.settings.narrowedOf', { of, filters });
    }
    const segment = segments.data?.find((s) => s.id === k.segmentId)?.name ?? t('kpis.settings.segmentGone');
    return k.base === 'segment_sum'
      ? t('kpis.settings.segmentSumOf', { field: t(`kpis.settings.field.${k.field === 'orders' ? 'orders' : 'spend'}`), segment })
      : t('kpis.settings.segmentCountOf', { segment });
  };
  return (
    <div className="stack" style={{ gap: 'var(--s3)' }} data-testid="kpi-settings">
      <div className="toolbar">
        <p className="muted" style={{ margin: 0, flex: '1 1 420px' }}>
          {t('kpis.settings.help')}
        </p>
        <Button variant="primary" onClick={() => setAdding(true)} data-testid="add-kpi">
          <Icon name="plus" /> {t('kpis.settings.add')}
        </Button>
      </div>
      <div className="card kpi-table-card">
        <table className="table kpi-table" data-testid="kpi-definitions">
          <caption className="visually-hidden">{t('kpis.settings.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpis.col.kpi')}</th>
              <th scope="col">{t('kpis.settings.unit')}</th>
              <th scope="col">{t('kpis.settings.source')}</th>
              <th scope="col" className="num">
                {t('kpis.col.weight')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('kpis.periods.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {kpis.data.map((k) => (
              <tr key={k.key} data-testid="kpi-definition" data-kpi={k.key}>
                <th scope="row" className="kpi-def-name">
                  <span>{kpiName(k, lang)}</span>
                  <span className="muted kpi-detail">{k.description[lang]}</span>
                </th>
                <td className="nowrap">
                  {t(`kpis.units.${k.unit}`)} · {t(k.direction === 'higher' ? 'kpis.settings.higher' : 'kpis.settings.lower')}
                </td>
                <td>{source(k)}</td>
                <td className="num">
                  <WeightInput kpi={k} />
                </td>
                <td className="num">
                  {!k.builtin && (
                    <Button size="sm" variant="ghost" onClick={() => setRemoving(k)} aria-label={t('kpis.settings.removeNamed', { name: kpiName(k, lang) })}>
                      {t('common.delete')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddKpiDialog open={adding} onClose={() => setAdding(false)} />
      <RemoveDialog kpi={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}

/** A KPI's weight in the score, saved when it changes (on leaving the field or Enter). */
function WeightInput({ kpi }: { kpi: Kpi }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [text, setText] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: async (weight: number) => (await call(kpiApi.update, { params: { key: kpi.key }, body: { weight } })).data,
    onSuccess: (k) => {
      setText(null);
      void qc.invalidateQueries({ queryKey: ['kpis'] });
      notify(t('kpis.settings.weightSaved', { name: kpiName(k, lang), weight: fmt.number(k.weight) }));
    },
  });
  const commit = () => {
    if (text === null || m.isPending) return;
    const n = parseLocaleNumber(text, decimalMark(i18n.language));
    if (n === null || n === kpi.weight) return setText(null);
    m.mutate(n);
  };
  const err = m.error ? (fieldError(m.error, '/weight') ?? errorText(m.error)) : undefined;
  return (
    <span className="stack" style={{ gap: 2, alignItems: 'flex-end' }}>
      <input
        className="input kpi-weight"
        inputMode="decimal"
        aria-label={t('kpis.settings.weightOf', { name: kpiName(kpi, lang) })}
        aria-invalid={err ? true : undefined}
        value={text ?? fmt.number(kpi.weight)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        disabled={m.isPending}
        data-testid="weight"
      />
      {err && (
        <span className="field-error" role="alert">
          {err}
        </span>
      )}
    </span>
  );
}

function RemoveDialog({ kpi, onClose }: { kpi: Kpi | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const m = useMutation({
    mutationFn: async (k: Kpi) => call(kpiApi.remove, { params: { key: k.key } }),
    onSuccess: (_, k) => {
      void qc.invalidateQueries({ queryKey: ['kpis'] });
      notify(t('kpis.settings.removed', { name: kpiName(k, lang) }));
      onClose();
    },
  });
  return (
    <Dialog
      open={!!kpi}
      onClose={onClose}
      title={t('kpis.settings.removeTitle', { name: kpiName(kpi ?? undefined, lang) })}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" busy={m.isPending} onClick={() => kpi && m.mutate(kpi)}>
            {t('common.delete')}
          </Button>
        </>
      }
    >
      <p>{t('kpis.settings.removeConfirm')}</p>
      {m.error && (
        <div className="alert alert-error" role="alert">
          {errorText(m.error)}
        </div>
      )}
    </Dialog>
  );
}

type Base = 'narrowed' | 'segment_count' | 'segment_sum';

/** A new workspace KPI: a built-in narrowed by the filters it allows, or a count or sum over a shared segment. */
function AddKpiDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const segments = useSharedSegments();
  const categories = useCategories();
  const care = useCareSettings();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [base, setBase] = useState<Base>('narrowed');
  const [of, setOf] = useState<BuiltinKpiKey>('revenue');
  const [filter, setFilter] = useState<Partial<Record<KpiFilterKey, string>>>({});
  const [segmentId, setSegmentId] = useState('');
  const [field, setField] = useState<'spend' | 'orders'>('spend');
  const [weight, setWeight] = useState('1');
  const narrowable = (Object.keys(BUILTIN_KPIS) as BuiltinKpiKey[]).filter((k) => BUILTIN_KPIS[k].narrowBy.length > 0);
  const m = useMutation({
    mutationFn: async () => {
      const w = parseLocaleNumber(weight, decimalMark(i18n.language));
      const clean = Object.fromEntries(Object.entries(filter).filter(([f, v]) => v && (BUILTIN_KPIS[of].narrowBy as readonly string[]).includes(f)));
      return (
        await call(kpiApi.create, {
          body: {
            key: key.trim(),
            name: name.trim(),
            base,
            ...(base === 'narrowed' ? { of, filter: clean } : { filter: {}, segmentId }),
            ...(base === 'segment_sum' ? { field } : {}),
            ...(w !== null ? { weight: w } : {}),
          },
        })
      ).data;
    },
    onSuccess: (k) => {
      void qc.invalidateQueries({ queryKey: ['kpis'] });
      notify(t('kpis.settings.added', { name: kpiName(k, lang) }));
      setKey('');
      setName('');
      setFilter({});
      onClose();
    },
  });
  const err = (p: string) => (m.error ? fieldError(m.error, p) : undefined);
  const optionsFor = (f: KpiFilterKey): { value: string; label: string }[] => {
    if (f === 'productCategoryId') return (categories.data ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (f === 'segmentId') return (segments.data ?? []).map((s) => ({ value: s.id, label: s.name }));
    if (f === 'lifecycleStage') return enumOptions('lifecycleStage');
    if (f === 'interactionKind') return enumOptions('interactionKind');
    if (f === 'ticketCategory') return (care.data?.categories ?? []).map((c) => ({ value: c, label: enumLabel('ticketCategory', c) }));
    const list = CHANNELS[of];
    return list ? enumOptions(list) : [];
  };
  const general = m.error && !(isApiError(m.error) && m.error.fieldErrors.length) ? errorText(m.error) : null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title={t('kpis.settings.addTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={m.isPending} onClick={() => m.mutate()} data-testid="add-kpi-submit">
            {t('kpis.settings.add')}
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <div className="form-row">
          <TextField label={t('kpis.settings.name')} value={name} onChange={(e) => setName(e.target.value)} error={err('/name')} required />
          <TextField
            label={t('kpis.settings.key')}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            error={err('/key')}
            hint={t('kpis.settings.keyHint')}
            required
            className="mono"
          />
        </div>
        <fieldset className="plain-fieldset stack">
          <legend className="field-label">{t('kpis.settings.baseLabel')}</legend>
          {(['narrowed', 'segment_count', 'segment_sum'] as const).map((b) => (
            <label key={b} className="row" style={{ alignItems: 'flex-start', gap: 'var(--s2)' }}>
              <input type="radio" name="kpi-base" value={b} checked={base === b} onChange={() => setBase(b)} />
              <span className="stack" style={{ gap: 2 }}>
                <strong>{enumLabel('kpiBase', b)}</strong>
                <span className="muted">{t(`kpis.settings.baseHelp.${b}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {base === 'narrowed' ? (
          <>
            <SelectField
              label={t('kpis.settings.of')}
              value={of}
              onChange={(e) => (setOf(e.target.value as BuiltinKpiKey), setFilter({}))}
              error={err('/of')}
              options={narrowable.map((k) => ({ value: k, label: BUILTIN_KPIS[k].name[lang] }))}
            />
            <p className="muted" style={{ margin: 0 }}>
              {t('kpis.settings.filtersHelp')}
            </p>
            <div className="form-row">
              {BUILTIN_KPIS[of].narrowBy.map((f) => (
                <SelectField
                  key={f}
                  label={enumLabel('kpiFilter', f)}
                  value={filter[f] ?? ''}
                  onChange={(e) => setFilter((x) => ({ ...x, [f]: e.target.value || undefined }))}
                  error={err(`/filter/${f}`)}
                  placeholder={t('kpis.settings.any')}
                  options={optionsFor(f)}
                />
              ))}
            </div>
            {err('/filter') && (
              <span className="field-error" role="alert">
                {err('/filter')}
              </span>
            )}
          </>
        ) : (
          <div className="form-row">
            <SelectField
              label={t('kpis.settings.segment')}
              value={segmentId}
              onChange={(e) => setSegmentId(e.target.value)}
              error={err('/segmentId')}
              placeholder={t('kpis.settings.chooseSegment')}
              hint={(segments.data ?? []).length === 0 ? t('kpis.settings.noSharedSegments') : undefined}
              options={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
            {base === 'segment_sum' && (
              <SelectField
                label={t('kpis.settings.sumOf')}
                value={field}
                onChange={(e) => setField(e.target.value as 'spend' | 'orders')}
                error={err('/field')}
                options={(['spend', 'orders'] as const).map((f) => ({ value: f, label: t(`kpis.settings.field.${f}`) }))}
              />
            )}
          </div>
        )}
        <TextField
          label={t('kpis.col.weight')}
          value={weight}
          onChange={(e) => setWeight(e.target.value)}
          error={err('/weight')}
          hint={t('kpis.settings.weightHint')}
          inputMode="decimal"
        />
        {general && (
          <div className="alert alert-error" role="alert">
            {general}
          </div>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
