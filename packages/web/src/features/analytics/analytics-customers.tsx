import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { minorDigits } from '@kith/domain/money/money.ts';
import { analyticsApi } from '@kith/domain/analytics/analytics.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { ChartCard, savePng } from './chart-card.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

const PALETTE = ['#0f766e', '#38bdf8', '#a78bfa', '#f59e0b', '#ef4444', '#10b981', '#6366f1', '#ec4899', '#84cc16', '#94a3b8'];

/** Acquisition, penetration and retention (QCI): who comes, how deep they buy, who stays. */
export function CustomersTab({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const [months, setMonths] = useState(12);
  const [by, setBy] = useState<'source' | 'channel'>('source');
  const q = useQuery({
    queryKey: ['analytics', 'customers', asOf, months],
    queryFn: async ({ signal }) => (await call(analyticsApi.customers, { query: { asOf, months }, signal })).data,
    placeholderData: keepPreviousData,
  });
  const p = q.data;
  const png = t('analytics.savePng');
  const pct = (x: number) => `${fmt.number(Math.round(x * 1000) / 10)}%`;
  const money = (major: number) => fmt.money(Math.round(major * 10 ** (minorDigits(p?.currency ?? 'VND') ?? 0)), p?.currency);
  const monthLabel = (m: string) =>
    new Intl.DateTimeFormat(fmt.locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const other = (k: string | null) => k ?? t('analytics.customers.unknown');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const acquisition = useMemo(() => {
    if (!p) return null;
    const keyed = (by === 'source' ? p.acquisition.bySource : p.acquisition.byChannel).slice(0, 8);
    const rest = (by === 'source' ? p.acquisition.bySource : p.acquisition.byChannel).slice(8);
    const series = [
      ...keyed.map((k) => ({ name: k.key ? enumLabel(by === 'channel' ? 'orderChannel' : 'contactSource', k.key) : other(k.key), counts: k.counts })),
    ];
    if (rest.length) series.push({ name: t('analytics.customers.others'), counts: p.months.map((_, i) => rest.reduce((s, r) => s + r.counts[i]!, 0)) });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      toolbox: savePng(png, 'kith-acquisition'),
      xAxis: { type: 'category', data: p.months.map(monthLabel) },
      yAxis: { type: 'value', name: t('analytics.customers.newCustomers') },
      series: series.map((s, i) => ({ name: s.name, type: 'bar', stack: 'new', data: s.counts, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
    };
  }, [p, by, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const revenue = useMemo(() => {
    if (!p) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => money(x) },
      legend: { bottom: 0 },
      grid: { left: 64, right: 48, top: 36, bottom: 56 },
      toolbox: savePng(png, 'kith-revenue'),
      xAxis: { type: 'category', data: p.months.map(monthLabel) },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (x: number) => fmt.compact(x) } },
        { type: 'value', name: t('analytics.customers.active'), splitLine: { show: false } },
      ],
      series: [
        { name: t('analytics.customers.firstPurchases'), type: 'bar', stack: 'rev', data: p.revenue.newCustomers, itemStyle: { color: '#38bdf8' } },
        { name: t('analytics.customers.repeatPurchases'), type: 'bar', stack: 'rev', data: p.revenue.repeat, itemStyle: { color: '#0f766e' } },
        {
          name: t('analytics.customers.active'),
          type: 'line',
          yAxisIndex: 1,
          data: p.active,
          itemStyle: { color: '#f59e0b' },
          tooltip: { valueFormatter: (x: number) => fmt.number(x) },
        },
      ],
    };
  }, [p, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const cohorts = useMemo(() => {
    if (!p) return null;
    const rows = p.retention.cohorts;
    const data: [number, number, number | '-'][] = [];
    rows.forEach((c, r) => c.retained.forEach((x, k) => data.push([k, r, c.size ? Math.round(x * 1000) / 10 : '-'])));
    return {
      tooltip: {
        formatter: (x: { data: [number, number, number] }) =>
          `${monthLabel(rows[x.data[1]]!.month)} · +${x.data[0]} — ${x.data[2]}% (${fmt.number(rows[x.data[1]]!.size)})`,
      },
      grid: { left: 90, right: 16, top: 36, bottom: 48 },
      toolbox: savePng(png, 'kith-cohorts'),
      xAxis: { type: 'category', name: t('analytics.customers.monthsAfter'), nameLocation: 'middle', nameGap: 28, data: p.months.map((_, k) => String(k)) },
      yAxis: { type: 'category', inverse: true, data: rows.map((c) => `${monthLabel(c.month)} (${fmt.number(c.size)})`) },
      visualMap: { min: 0, max: 100, show: false, inRange: { color: ['#f0fdfa', '#0f766e'] } },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: p.months.length <= 12, formatter: (x: { data: [number, number, number] }) => (x.data[0] === 0 ? '' : `${Math.round(x.data[2])}`) },
        },
      ],
    };
  }, [p, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const depth = useMemo(() => {
    if (!p || p.categories.customers === 0) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 48, right: 16, top: 36, bottom: 48 },
      toolbox: savePng(png, 'kith-categories-per-customer'),
      xAxis: {
        type: 'category',
        name: t('analytics.customers.categoriesAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        data: p.categories.categoriesPerCustomer.map((x) => x.categories),
      },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          data: p.categories.categoriesPerCustomer.map((x) => x.customers),
          itemStyle: { color: '#6366f1' },
          label: { show: true, position: 'top' },
        },
      ],
    };
  }, [p, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const reach = useMemo(() => {
    if (!p || p.categories.customers === 0) return null;
    const list = p.categories.categories.slice(0, 12);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => `${x}%` },
      grid: { left: 140, right: 48, top: 16, bottom: 24 },
      toolbox: savePng(png, 'kith-category-reach'),
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', inverse: true, data: list.map((c) => c.category ?? t('needs.uncategorised')) },
      series: [
        {
          type: 'bar',
          data: list.map((c) => Math.round(c.share * 1000) / 10),
          itemStyle: { color: '#10b981' },
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    };
  }, [p, t]);

  if (q.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error)}
      </div>
    );
  if (!p) return <div className="progress" aria-busy="true" />;
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 'var(--s4)' } as const;
  const kpi = (label: string, value: string, testId: string, help: string) => (
    <div className="card" style={{ padding: 'var(--s3)' }} data-testid={testId} title={help}>
      <div className="muted">{label}</div>
      <div style={{ fontSize: '1.6rem', fontWeight: 650 }}>{value}</div>
      <div className="muted" style={{ fontSize: '0.85em' }}>
        {help}
      </div>
    </div>
  );
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }}>
      <div className="row" style={{ gap: 'var(--s2)' }}>
        <label className="row" style={{ gap: 'var(--s1)' }}>
          <span>{t('analytics.customers.window')}</span>
          <select className="select" value={months} onChange={(e) => setMonths(Number(e.target.value))} style={{ inlineSize: 'auto' }}>
            {[6, 12, 24, 36].map((m) => (
              <option key={m} value={m}>
                {t('analytics.customers.months', { count: m })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 'var(--s3)' }}>
        {kpi(t('analytics.customers.repeatRate'), pct(p.retention.repeatRate), 'kpi-repeat', t('analytics.customers.repeatRateHelp'))}
        {kpi(
          t('analytics.customers.churnRate'),
          pct(p.retention.churnRate),
          'kpi-churn',
          t('analytics.customers.churnRateHelp', { days: p.retention.churnDays }),
        )}
        {kpi(t('analytics.customers.crossSell'), pct(p.categories.crossSellRate), 'kpi-cross-sell', t('analytics.customers.crossSellHelp'))}
        {kpi(t('analytics.customers.repeatRevenue'), pct(p.penetration.repeatRevenueShare), 'kpi-repeat-revenue', t('analytics.customers.repeatRevenueHelp'))}
      </div>
      <div style={grid}>
        <ChartCard
          id="acquisition"
          title={t('analytics.customers.acquisitionTitle')}
          help={
            <span className="row" style={{ gap: 'var(--s1)' }}>
              {t('analytics.customers.acquisitionHelp')}
              <select
                className="select"
                aria-label={t('analytics.customers.by')}
                value={by}
                onChange={(e) => setBy(e.target.value as 'source' | 'channel')}
                style={{ inlineSize: 'auto' }}
                data-testid="acquisition-by"
              >
                <option value="source">{t('analytics.customers.bySource')}</option>
                <option value="channel">{t('analytics.customers.byChannel')}</option>
              </select>
            </span>
          }
          option={acquisition}
          csv={() => ({
            name: `kith-acquisition-${by}.csv`,
            rows: [
              ['month', ...(by === 'source' ? p.acquisition.bySource : p.acquisition.byChannel).map((k) => k.key ?? '')],
              ...p.months.map((m, i) => [m, ...(by === 'source' ? p.acquisition.bySource : p.acquisition.byChannel).map((k) => k.counts[i]!)]),
            ],
          })}
        />
        <ChartCard
          id="revenue"
          title={t('analytics.customers.revenueTitle')}
          help={t('analytics.customers.revenueHelp')}
          option={revenue}
          csv={() => ({
            name: 'kith-revenue.csv',
            rows: [
              ['month', 'first purchases', 'repeat purchases', 'active customers'],
              ...p.months.map((m, i) => [m, p.revenue.newCustomers[i]!, p.revenue.repeat[i]!, p.active[i]!]),
            ],
          })}
        />
        <ChartCard
          id="cohorts"
          title={t('analytics.customers.cohortsTitle')}
          help={t('analytics.customers.cohortsHelp')}
          option={cohorts}
          height={Math.max(280, 40 + p.months.length * 26)}
          csv={() => ({
            name: 'kith-cohorts.csv',
            rows: [['cohort', 'size', ...p.months.map((_, k) => `+${k}`)], ...p.retention.cohorts.map((c) => [c.month, c.size, ...c.retained])],
          })}
        />
        <ChartCard
          id="depth"
          title={t('analytics.customers.depthTitle')}
          help={t('analytics.customers.depthHelp')}
          option={depth}
          empty={t('analytics.customers.noCategories')}
          csv={() => ({
            name: 'kith-categories-per-customer.csv',
            rows: [['categories', 'customers'], ...p.categories.categoriesPerCustomer.map((x) => [x.categories, x.customers])],
          })}
        />
        <ChartCard
          id="reach"
          title={t('analytics.customers.reachTitle')}
          help={t('analytics.customers.reachHelp')}
          option={reach}
          empty={t('analytics.customers.noCategories')}
          csv={() => ({
            name: 'kith-category-reach.csv',
            rows: [['category', 'customers', 'share'], ...p.categories.categories.map((c) => [c.category ?? '', c.customers, c.share])],
          })}
        />
      </div>
    </div>
  );
}
