import { useMemo, useState, type ReactNode } from 'react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { SearchInput } from '../../components/ui/search-input.tsx';
import { useCan } from '../../app/session.tsx';
import { surveyApi } from '@kith/domain/surveys/survey.api.ts';
import { useFormat, type Formatters } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useMemberNames, useTeams } from '../../lib/workspace-data.ts';
import { ChartCard, savePng } from '../analytics/chart-card.tsx';
import { useCategoryLabel } from '../tickets/care-data.ts';
import { useSurveys } from './survey-data.ts';
import { BREAKDOWNS, percent, responseRate, type Breakdown, type SurveyResults } from './survey-model.ts';
import { SurveyNav } from './survey-nav.tsx';
import { enumLabel } from '../../lib/enum-label.ts';
import { productApi } from '@kith/domain/orders/product.api.ts';
import { call } from '../../lib/api-call.ts';

const BAND_COLOR = { promoter: '#0f766e', passive: '#94a3b8', detractor: '#dc2626' } as const;
const PERIODS = [3, 6, 12, 24] as const;

/** The first day of the month `months − 1` months before this one: six months is this month and the five before. */
function periodStart(months: number): string {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth() - (months - 1), 1).toISOString();
}

const signed = (fmt: Formatters, n: number) => `${n > 0 ? '+' : ''}${fmt.number(Math.round(n))}`;

/**
 * The NPS and CSAT dashboard (issue 6): over every survey or one, in a period — the NPS with its 95% interval,
 * promoters/passives/detractors, the trend with its interval as a band, CSAT satisfied share and mean, the
 * distributions of the answers, a breakdown by team, agent, category, segment or survey, the response rate,
 * and the customers' own words, searchable.
 */
export default function SurveyResultsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const surveyId = params.get('survey') ?? '';
  const months = Number(params.get('months')) || 12;
  const bucket = params.get('bucket') === 'week' ? 'week' : 'month';
  const by: Breakdown = (BREAKDOWNS as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as Breakdown) : 'team';
  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: true },
    );
  const surveys = useSurveys();
  const from = useMemo(() => periodStart(months), [months]);
  const q = useQuery({
    queryKey: ['surveys', 'results', { surveyId, from, bucket, by }],
    queryFn: async ({ signal }) =>
      (surveyId
        ? await call(surveyApi.surveyResults, { params: { id: surveyId }, query: { from, bucket, by }, signal })
        : await call(surveyApi.results, { query: { from, bucket, by }, signal })
      ).data,
    placeholderData: keepPreviousData,
    enabled: can('surveys.read'),
  });
  const r = q.data;
  const nothing = r && r.nps.n === 0 && r.csat.n === 0 && r.ces.n === 0;
  return (
    <div className="page" data-testid="survey-results">
      <SurveyNav title={t('surveys.results.title')} />
      <div className="toolbar" style={{ flexWrap: 'wrap' }}>
        <SelectField
          label={t('surveys.results.survey')}
          value={surveyId}
          onChange={(e) => set('survey', e.target.value)}
          placeholder={t('surveys.results.allSurveys')}
          options={(surveys.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <SelectField
          label={t('surveys.results.period')}
          value={String(months)}
          onChange={(e) => set('months', e.target.value === '12' ? '' : e.target.value)}
          options={PERIODS.map((m) => ({ value: String(m), label: t('surveys.results.lastMonths', { count: m }) }))}
        />
        <SelectField
          label={t('surveys.results.bucket')}
          value={bucket}
          onChange={(e) => set('bucket', e.target.value === 'month' ? '' : e.target.value)}
          options={(['month', 'week'] as const).map((b) => ({ value: b, label: t(`surveys.results.buckets.${b}`) }))}
        />
        <span className="spacer" />
        {q.isFetching && <span className="spinner" role="status" aria-label={t('common.loading')} />}
      </div>
      {q.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(q.error)}
        </div>
      ) : !r ? (
        <div className="progress" aria-busy="true" />
      ) : nothing ? (
        <EmptyState
          icon={<Icon name="star" size={36} />}
          title={t('surveys.results.emptyTitle')}
          actions={
            <>
              <Link href="/surveys" className="btn btn-primary">
                {t('surveys.results.emptyAction')}
              </Link>
            </>
          }
        >
          {t(r.invited > 0 ? 'surveys.results.emptyInvited' : 'surveys.results.emptyBody', { count: r.invited, formatted: fmt.number(r.invited) })}
        </EmptyState>
      ) : (
        <Dashboard r={r} by={by} onBy={(b) => set('by', b === 'team' ? '' : b)} />
      )}
      <TextAnswers surveyId={surveyId} />
    </div>
  );
}

function Kpi({ label, value, testId, children }: { label: string; value: ReactNode; testId: string; children?: ReactNode }) {
  return (
    <section className="card kpi" data-testid={testId} aria-label={label}>
      <div className="muted">{label}</div>
      <div className="kpi-value">{value}</div>
      {children && <div className="kpi-more">{children}</div>}
    </section>
  );
}

function Dashboard({ r, by, onBy }: { r: SurveyResults; by: Breakdown; onBy: (b: Breakdown) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const png = t('analytics.savePng');
  const pct = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${fmt.number(percent(share))}%`);
  const dec = (x: number) => fmt.number(Math.round(x * 10) / 10);
  const rate = responseRate(r.responses, r.invited);
  const bucketLabel = (b: { key: string; firstDay: string }) =>
    /W/.test(b.key) ? t('surveys.results.weekOf', { date: shortDay(fmt, b.firstDay) }) : monthLabel(fmt, b.firstDay);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const npsTrend = useMemo(() => {
    const tr = r.nps.trend;
    if (tr.filter((b) => b.summary.n > 0).length === 0) return null;
    const v = (x: number | null) => (x === null ? '-' : Math.round(x * 10) / 10);
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const b = tr[ps[0]?.dataIndex ?? 0]!;
          const s = b.summary;
          return `${bucketLabel(b)}<br/>${s.nps === null ? t('surveys.results.noAnswers') : `NPS ${signed(fmt, s.nps)}${s.low !== null && s.high !== null ? ` (${signed(fmt, s.low)} … ${signed(fmt, s.high)})` : ''}`}<br/>${t('surveys.results.answers', { count: s.n, formatted: fmt.number(s.n) })}`;
        },
      },
      grid: { left: 48, right: 16, top: 36, bottom: 40 },
      toolbox: savePng(png, 'kith-nps-trend'),
      xAxis: { type: 'category', data: tr.map(bucketLabel), boundaryGap: false },
      yAxis: { type: 'value', min: -100, max: 100, interval: 50 },
      series: [
        {
          name: 'low',
          type: 'line',
          stack: 'band',
          stackStrategy: 'all',
          data: tr.map((b) => v(b.summary.low)),
          lineStyle: { opacity: 0 },
          symbol: 'none',
          silent: true,
        },
        {
          name: t('surveys.results.interval'),
          type: 'line',
          stack: 'band',
          stackStrategy: 'all',
          data: tr.map((b) => (b.summary.low === null || b.summary.high === null ? '-' : Math.round((b.summary.high - b.summary.low) * 10) / 10)),
          lineStyle: { opacity: 0 },
          symbol: 'none',
          areaStyle: { color: 'rgba(15,118,110,0.18)' },
          silent: true,
        },
        {
          name: 'NPS',
          type: 'line',
          data: tr.map((b) => v(b.summary.nps)),
          itemStyle: { color: '#0f766e' },
          lineStyle: { width: 3 },
          symbolSize: 8,
          connectNulls: true,
          label: {
            show: tr.length <= 14,
            position: 'top',
            formatter: (p: { value: number | string }) => (typeof p.value === 'number' ? signed(fmt, p.value) : ''),
          },
        },
      ],
    };
  }, [r, t, fmt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const csatTrend = useMemo(() => {
    const tr = r.csat.trend;
    if (tr.filter((b) => b.summary.n > 0).length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 56 },
      toolbox: savePng(png, 'kith-csat-trend'),
      xAxis: { type: 'category', data: tr.map(bucketLabel) },
      yAxis: [
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', min: 1, max: 5, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('surveys.results.satisfied'),
          type: 'bar',
          data: tr.map((b) => (b.summary.satisfied === null ? '-' : percent(b.summary.satisfied))),
          itemStyle: { color: '#38bdf8' },
          tooltip: { valueFormatter: (x: number) => `${fmt.number(x)}%` },
        },
        {
          name: t('surveys.results.mean'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: tr.map((b) => (b.summary.mean === null ? '-' : Math.round(b.summary.mean * 100) / 100)),
          itemStyle: { color: '#0f766e' },
          tooltip: { valueFormatter: (x: number) => fmt.number(x) },
        },
      ],
    };
  }, [r, t, fmt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const npsDist = useMemo(() => {
    if (r.nps.n === 0) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 40, right: 16, top: 36, bottom: 40 },
      toolbox: savePng(png, 'kith-nps-distribution'),
      xAxis: { type: 'category', name: t('surveys.results.score'), nameLocation: 'middle', nameGap: 26, data: r.nps.distribution.map((_, i) => String(i)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('surveys.results.answersAxis'),
          data: r.nps.distribution.map((n, i) => ({ value: n, itemStyle: { color: BAND_COLOR[i >= 9 ? 'promoter' : i >= 7 ? 'passive' : 'detractor'] } })),
          label: { show: true, position: 'top', formatter: (p: { value: number }) => (p.value ? fmt.number(p.value) : '') },
        },
      ],
    };
  }, [r, t, fmt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const csatDist = useMemo(() => {
    if (r.csat.n === 0) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 40, right: 16, top: 36, bottom: 40 },
      toolbox: savePng(png, 'kith-csat-distribution'),
      xAxis: { type: 'category', name: t('surveys.results.score'), nameLocation: 'middle', nameGap: 26, data: ['1', '2', '3', '4', '5'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('surveys.results.answersAxis'),
          data: r.csat.distribution.map((n, i) => ({ value: n, itemStyle: { color: i >= 3 ? '#0f766e' : i === 2 ? '#94a3b8' : '#dc2626' } })),
          label: { show: true, position: 'top', formatter: (p: { value: number }) => (p.value ? fmt.number(p.value) : '') },
        },
      ],
    };
  }, [r, t, fmt]);

  const nps = r.nps;
  const csat = r.csat;
  const conf = fmt.number(Math.round(nps.confidence * 100));
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }}>
      <div className="kpi-grid">
        <Kpi label={t('surveys.results.nps')} testId="kpi-nps" value={nps.nps === null ? '—' : signed(fmt, nps.nps)}>
          <div>
            {nps.interval
              ? t('surveys.results.npsInterval', { confidence: conf, low: signed(fmt, nps.interval.low), high: signed(fmt, nps.interval.high) })
              : t('surveys.results.noInterval')}
          </div>
          <div className="muted">{t('surveys.results.answers', { count: nps.n, formatted: fmt.number(nps.n) })}</div>
        </Kpi>
        <Kpi label={t('surveys.results.csatSatisfied')} testId="kpi-csat" value={pct(csat.favourableShare)}>
          {csat.favourableInterval && (
            <div>
              {t('surveys.results.shareInterval', { confidence: conf, low: pct(csat.favourableInterval.low), high: pct(csat.favourableInterval.high) })}
            </div>
          )}
          {csat.mean !== null && (
            <div>
              {t('surveys.results.csatMean', { mean: dec(csat.mean) })}
              {csat.meanInterval && ` (${dec(csat.meanInterval.low)} … ${dec(csat.meanInterval.high)})`}
            </div>
          )}
          <div className="muted">{t('surveys.results.answers', { count: csat.n, formatted: fmt.number(csat.n) })}</div>
        </Kpi>
        {r.ces.n > 0 && (
          <Kpi label={t('surveys.results.ces')} testId="kpi-ces" value={pct(r.ces.favourableShare)}>
            {r.ces.mean !== null && <div>{t('surveys.results.cesMean', { mean: dec(r.ces.mean) })}</div>}
            <div className="muted">{t('surveys.results.answers', { count: r.ces.n, formatted: fmt.number(r.ces.n) })}</div>
          </Kpi>
        )}
        <Kpi label={t('surveys.results.responseRate')} testId="kpi-rate" value={pct(rate)}>
          <div>{t('surveys.results.rateOf', { responses: fmt.number(r.responses), invited: fmt.number(r.invited) })}</div>
        </Kpi>
      </div>
      {nps.n > 0 && <BandsBar r={r} />}
      <div className="chart-grid">
        <ChartCard
          id="nps-trend"
          title={t('surveys.results.npsTrend')}
          help={t('surveys.results.npsTrendHelp', { confidence: conf })}
          option={npsTrend}
          empty={t('surveys.results.noNps')}
          csv={() => ({
            name: 'kith-nps-trend.csv',
            rows: [
              ['bucket', 'first day', 'answers', 'nps', 'low', 'high'],
              ...nps.trend.map((b) => [b.key, b.firstDay, b.summary.n, b.summary.nps, b.summary.low, b.summary.high]),
            ],
          })}
        />
        <ChartCard
          id="csat-trend"
          title={t('surveys.results.csatTrend')}
          help={t('surveys.results.csatTrendHelp')}
          option={csatTrend}
          empty={t('surveys.results.noCsat')}
          csv={() => ({
            name: 'kith-csat-trend.csv',
            rows: [
              ['bucket', 'first day', 'answers', 'mean', 'satisfied'],
              ...csat.trend.map((b) => [b.key, b.firstDay, b.summary.n, b.summary.mean, b.summary.satisfied]),
            ],
          })}
        />
        <ChartCard
          id="nps-distribution"
          title={t('surveys.results.npsDistribution')}
          help={t('surveys.results.npsDistributionHelp')}
          option={npsDist}
          height={260}
          empty={t('surveys.results.noNps')}
          csv={() => ({ name: 'kith-nps-distribution.csv', rows: [['score', 'answers'], ...nps.distribution.map((n, i) => [i, n])] })}
        />
        <ChartCard
          id="csat-distribution"
          title={t('surveys.results.csatDistribution')}
          help={t('surveys.results.csatDistributionHelp')}
          option={csatDist}
          height={260}
          empty={t('surveys.results.noCsat')}
          csv={() => ({ name: 'kith-csat-distribution.csv', rows: [['score', 'answers'], ...csat.distribution.map((n, i) => [i + 1, n])] })}
        />
      </div>
      <BreakdownCard r={r} by={by} onBy={onBy} />
    </div>
  );
}

/** Promoters, passives and detractors as one bar of shares, with the counts in words beside it. */
function BandsBar({ r }: { r: SurveyResults }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const parts = [
    { key: 'promoter', n: r.nps.promoters, share: r.nps.promoterShare ?? 0 },
    { key: 'passive', n: r.nps.passives, share: r.nps.passiveShare ?? 0 },
    { key: 'detractor', n: r.nps.detractors, share: r.nps.detractorShare ?? 0 },
  ] as const;
  return (
    <section className="card card-body stack" aria-labelledby="bands-title" data-testid="nps-bands" style={{ gap: 'var(--s2)' }}>
      <h2 id="bands-title" className="section-title" style={{ margin: 0 }}>
        {t('surveys.results.bandsTitle')}
      </h2>
      <div className="bands-bar" role="img" aria-label={parts.map((p) => `${t(`surveys.bands.${p.key}`)} ${fmt.number(percent(p.share))}%`).join(', ')}>
        {parts.map((p) =>
          p.share > 0 ? (
            <span key={p.key} className={`band band-${p.key}`} style={{ flexGrow: p.share }}>
              {p.share >= 0.08 ? `${fmt.number(Math.round(p.share * 100))}%` : ''}
            </span>
          ) : null,
        )}
      </div>
      <div className="row bands-legend" style={{ flexWrap: 'wrap' }}>
        {parts.map((p) => (
          <span key={p.key} className="row" style={{ gap: 6 }}>
            <span className={`swatch band-${p.key}`} aria-hidden="true" />
            <span>
              {t(`surveys.bands.${p.key}`)} ({t(`surveys.bandRanges.${p.key}`)}): <strong>{fmt.number(p.n)}</strong> · {fmt.number(percent(p.share))}%
            </span>
          </span>
        ))}
      </div>
    </section>
  );
}

/** NPS and CSAT per team, agent, ticket category, RFM segment or survey: a chart of the NPS and a table with the intervals. */
function BreakdownCard({ r, by, onBy }: { r: SurveyResults; by: Breakdown; onBy: (b: Breakdown) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const teams = useTeams();
  const who = useMemberNames();
  const category = useCategoryLabel();
  const surveys = useSurveys();
  // Products are named by reading each one (a breakdown has a few dozen groups at most).
  const productIds = by === 'product' ? r.groups.flatMap((g) => (g.key ? [g.key] : [])).slice(0, 50) : [];
  const products = useQueries({
    queries: productIds.map((id) => ({
      queryKey: ['product', id],
      queryFn: async () => (await call(productApi.get, { params: { id } })).data,
      staleTime: 300_000,
    })),
  });
  const name = (key: string | null): string => {
    if (key === null) return t(`surveys.results.noGroup.${by}`);
    if (by === 'product') return products[productIds.indexOf(key)]?.data?.name ?? '…';
    if (by === 'team') return teams.data?.find((x) => x.id === key)?.name ?? '…';
    if (by === 'agent') return who(key);
    if (by === 'category') return category(key);
    if (by === 'segment') return enumLabel('rfmSegment', key);
    return surveys.data?.find((s) => s.id === key)?.name ?? '…';
  };
  const groups = r.groups;
  const withNps = groups.filter((g) => g.nps !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const option = useMemo(() => {
    if (withNps.length === 0) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => signed(fmt, x) },
      grid: { left: 150, right: 48, top: 36, bottom: 24 },
      toolbox: savePng(t('analytics.savePng'), `kith-nps-by-${by}`),
      xAxis: { type: 'value', min: -100, max: 100 },
      yAxis: { type: 'category', inverse: true, data: withNps.map((g) => name(g.key)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: 'NPS',
          data: withNps.map((g) => ({ value: Math.round(g.nps! * 10) / 10, itemStyle: { color: g.nps! >= 0 ? '#0f766e' : '#dc2626' } })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => `${signed(fmt, withNps[p.dataIndex]!.nps!)} · n=${fmt.number(withNps[p.dataIndex]!.npsN)}`,
          },
        },
      ],
    };
  }, [r, by, teams.data, surveys.data, products.map((p) => p.data?.name).join('|'), t, fmt]);
  return (
    <ChartCard
      id="breakdown"
      title={t('surveys.results.breakdownTitle')}
      help={
        <span className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap' }}>
          {t('surveys.results.breakdownHelp')}
          <select
            className="select"
            style={{ inlineSize: 'auto' }}
            aria-label={t('surveys.results.by')}
            value={by}
            onChange={(e) => onBy(e.target.value as Breakdown)}
            data-testid="breakdown-by"
          >
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {t(`surveys.results.byOptions.${b}`)}
              </option>
            ))}
          </select>
        </span>
      }
      option={option}
      height={Math.max(160, 60 + withNps.length * 36)}
      empty={t('surveys.results.noBreakdown')}
      csv={() => ({
        name: `kith-survey-by-${by}.csv`,
        rows: [
          [by, 'nps', 'nps low', 'nps high', 'nps answers', 'csat satisfied', 'csat answers'],
          ...groups.map((g) => [g.key === null ? '' : name(g.key), g.nps, g.npsInterval?.low ?? null, g.npsInterval?.high ?? null, g.npsN, g.csat, g.csatN]),
        ],
      })}
    >
      {groups.length > 0 && (
        <div style={{ overflowX: 'auto' }} role="region" tabIndex={0} aria-label={t('surveys.results.breakdownTitle')}>
          <table className="table" data-testid="breakdown-table">
            <thead>
              <tr>
                <th scope="col">{t(`surveys.results.byOptions.${by}`)}</th>
                <th scope="col" className="num">
                  NPS
                </th>
                <th scope="col" className="num">
                  {t('surveys.results.interval95')}
                </th>
                <th scope="col" className="num">
                  {t('surveys.results.npsAnswers')}
                </th>
                <th scope="col" className="num">
                  {t('surveys.results.csatSatisfied')}
                </th>
                <th scope="col" className="num">
                  {t('surveys.results.csatAnswers')}
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key ?? 'none'}>
                  <th scope="row" style={{ fontWeight: 550, color: g.key === null ? 'var(--fg-muted)' : 'var(--fg)' }}>
                    {name(g.key)}
                  </th>
                  <td className="num">{g.nps === null ? '—' : signed(fmt, g.nps)}</td>
                  <td className="num muted">{g.npsInterval ? `${signed(fmt, g.npsInterval.low)} … ${signed(fmt, g.npsInterval.high)}` : '—'}</td>
                  <td className="num">{fmt.number(g.npsN)}</td>
                  <td className="num">{g.csat === null ? '—' : `${fmt.number(percent(g.csat))}%`}</td>
                  <td className="num">{fmt.number(g.csatN)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}

/** What customers wrote in their own words, newest first, searchable. */
function TextAnswers({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const answers = useQuery({
    queryKey: ['surveys', 'answers', surveyId, q],
    queryFn: async ({ signal }) => (await call(surveyApi.answers, { query: { q: q || undefined, surveyId: surveyId || undefined, limit: 50 }, signal })).data,
    placeholderData: keepPreviousData,
    enabled: can('surveys.read'),
  });
  const rows = answers.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="answers-title" data-testid="text-answers">
      <div className="card-header">
        <h2 id="answers-title">{t('surveys.results.textTitle')}</h2>
        <span className="spacer" />
        <SearchInput
          width={280}
          label={t('surveys.results.textSearch')}
          placeholder={t('surveys.results.textSearchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {answers.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <p className="card-body muted">{q ? t('surveys.results.textNoMatch', { q }) : t('surveys.results.textEmpty')}</p>
      ) : (
        <ul className="compact-list">
          {rows.map((a) => (
            <li key={a.id} className="stack" style={{ gap: 2 }} data-testid="text-answer">
              <blockquote className="answer-quote">{a.text}</blockquote>
              <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                <Link href={`/contacts/${a.contactId}`} className="underline">
                  {a.contactName ?? t('surveys.results.someone')}
                </Link>{' '}
                · <time dateTime={a.answeredAt}>{fmt.dateTime(a.answeredAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function monthLabel(fmt: Formatters, firstDay: string): string {
  return new Intl.DateTimeFormat(fmt.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${firstDay}T00:00:00Z`));
}

function shortDay(fmt: Formatters, day: string): string {
  return new Intl.DateTimeFormat(fmt.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
