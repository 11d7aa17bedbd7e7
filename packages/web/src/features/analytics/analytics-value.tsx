import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { minorDigits } from '@kith/domain/money/money.ts';
import { analyticsApi } from '@kith/domain/analytics/analytics.api.ts';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { ChartCard, savePng } from './chart-card.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

/** The fitted models of the last refresh of the scores (null: too little history to fit them). */
export type Models = NonNullable<ResponseOf<typeof analyticsApi.scores>['run']>['models'];

const TIER_COLOR: Record<string, string> = { most_valuable: '#0f766e', most_growable: '#38bdf8', maintain: '#94a3b8', below_zero: '#ef4444' };

/** Lifetime value and churn risk: their distributions, the value tiers, and how well the model predicted what followed. */
export function ValueTab({ models }: { models: Models }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({ queryKey: ['analytics', 'value'], queryFn: async ({ signal }) => (await call(analyticsApi.value, { signal })).data });
  const v = q.data;
  const money = (major: number, cur = v?.currency ?? 'VND') => fmt.money(Math.round(major * 10 ** (minorDigits(cur) ?? 0)), cur);
  const compact = (major: number) => fmt.compact(major);
  const png = t('analytics.savePng');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const clv = useMemo(() => {
    if (!v || v.customers === 0) return null;
    const bins = v.clv.filter((b) => b.customers > 0 || v.clv.some((x) => x.from > b.from && x.customers > 0));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      toolbox: savePng(png, 'kith-clv'),
      xAxis: {
        type: 'category',
        name: t('analytics.value.clvAxis'),
        nameLocation: 'middle',
        nameGap: 36,
        data: bins.map((b) => `${compact(b.from)}–${compact(b.to)}`),
      },
      yAxis: { type: 'value', name: t('analytics.value.customersAxis') },
      series: [{ type: 'bar', data: bins.map((b) => b.customers), itemStyle: { color: '#0f766e' } }],
    };
  }, [v, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const alive = useMemo(() => {
    if (!v || v.customers === 0) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      toolbox: savePng(png, 'kith-p-alive'),
      xAxis: {
        type: 'category',
        name: t('analytics.value.aliveAxis'),
        nameLocation: 'middle',
        nameGap: 36,
        data: v.pAlive.map((b) => `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`),
      },
      yAxis: { type: 'value', name: t('analytics.value.customersAxis') },
      series: [
        {
          type: 'bar',
          data: v.pAlive.map((b) => ({ value: b.customers, itemStyle: { color: b.from < 0.3 ? '#ef4444' : b.from < 0.6 ? '#facc15' : '#14b8a6' } })),
        },
      ],
    };
  }, [v, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const tiers = useMemo(() => {
    if (!v || v.tiers.every((x) => x.customers === 0)) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => fmt.number(x) },
      legend: { bottom: 0 },
      grid: { left: 140, right: 40, top: 36, bottom: 40 },
      toolbox: savePng(png, 'kith-tiers'),
      xAxis: [{ type: 'value', name: t('analytics.value.customersAxis') }],
      yAxis: { type: 'category', inverse: true, data: v.tiers.map((x) => enumLabel('valueTier', x.tier)) },
      series: [
        {
          name: t('analytics.value.customersAxis'),
          type: 'bar',
          data: v.tiers.map((x) => ({ value: x.customers, itemStyle: { color: TIER_COLOR[x.tier] } })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => `${fmt.number(v.tiers[p.dataIndex]!.customers)} · ${money(v.tiers[p.dataIndex]!.value)}`,
          },
        },
      ],
    };
  }, [v, t, fmt]);

  const h = models?.holdout ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const byFreq = useMemo(() => {
    if (!h) return null;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (x: number) => fmt.number(Math.round(x * 100) / 100) },
      legend: { bottom: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 64 },
      toolbox: savePng(png, 'kith-holdout-by-frequency'),
      xAxis: { type: 'category', name: t('analytics.value.calFrequency'), nameLocation: 'middle', nameGap: 28, data: h.byFrequency.map((b) => b.frequency) },
      yAxis: { type: 'value', name: t('analytics.value.holdoutPurchases') },
      series: [
        { name: t('analytics.value.actual'), type: 'bar', data: h.byFrequency.map((b) => b.actual), itemStyle: { color: '#94a3b8' } },
        { name: t('analytics.value.predicted'), type: 'bar', data: h.byFrequency.map((b) => b.predicted), itemStyle: { color: '#0f766e' } },
      ],
    };
  }, [h, t, fmt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const tracking = useMemo(() => {
    if (!h) return null;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (x: number) => fmt.number(Math.round(x)) },
      legend: { bottom: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 64 },
      toolbox: savePng(png, 'kith-holdout-tracking'),
      xAxis: { type: 'category', data: h.tracking.map((p) => p.date), axisLabel: { formatter: (d: string) => fmt.date(`${d}T12:00:00Z`) } },
      yAxis: { type: 'value', name: t('analytics.value.cumulative') },
      series: [
        {
          name: t('analytics.value.actual'),
          type: 'line',
          showSymbol: false,
          data: h.tracking.map((p) => p.actual),
          lineStyle: { color: '#64748b' },
          itemStyle: { color: '#64748b' },
        },
        {
          name: t('analytics.value.predicted'),
          type: 'line',
          showSymbol: false,
          data: h.tracking.map((p) => Math.round(p.predicted * 10) / 10),
          lineStyle: { type: 'dashed', color: '#0f766e' },
          itemStyle: { color: '#0f766e' },
          markLine: {
            symbol: 'none',
            label: { formatter: t('analytics.value.calibrationEnd') },
            data: [{ xAxis: h.tracking.findIndex((p) => p.date >= h.calibrationEnd) }],
          },
        },
      ],
    };
  }, [h, t, fmt]);

  if (q.isPending) return <div className="progress" aria-busy="true" />;
  if (!v || v.customers === 0) return <p className="muted">{t('analytics.value.none')}</p>;
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 'var(--s4)' } as const;
  return (
    <div style={grid}>
      <ChartCard
        id="clv"
        title={t('analytics.value.clvTitle')}
        help={t('analytics.value.clvHelp')}
        option={clv}
        csv={() => ({ name: 'kith-clv.csv', rows: [['from', 'to', 'customers', 'value'], ...v.clv.map((b) => [b.from, b.to, b.customers, b.value])] })}
      />
      <ChartCard
        id="p-alive"
        title={t('analytics.value.aliveTitle')}
        help={t('analytics.value.aliveHelp')}
        option={alive}
        csv={() => ({ name: 'kith-p-alive.csv', rows: [['from', 'to', 'customers'], ...v.pAlive.map((b) => [b.from, b.to, b.customers])] })}
      />
      <ChartCard
        id="tiers"
        title={t('analytics.value.tiersTitle')}
        help={t('analytics.value.tiersHelp')}
        option={tiers}
        empty={t('analytics.value.noTiers')}
        csv={() => ({
          name: 'kith-tiers.csv',
          rows: [['tier', 'customers', 'value', 'net value'], ...v.tiers.map((x) => [x.tier, x.customers, x.value, x.netValue])],
        })}
      />
      <ChartCard
        id="holdout"
        title={t('analytics.value.holdoutTitle')}
        help={
          h
            ? t('analytics.value.holdoutHelp', {
                calibration: fmt.date(`${h.calibrationEnd}T12:00:00Z`),
                end: fmt.date(`${h.holdoutEnd}T12:00:00Z`),
                customers: fmt.number(h.customers),
              })
            : undefined
        }
        option={byFreq}
        empty={t('analytics.value.noHoldout')}
        csv={() => ({
          name: 'kith-holdout-by-frequency.csv',
          rows: [
            ['calibration repeat purchases', 'customers', 'predicted', 'actual'],
            ...h!.byFrequency.map((b) => [b.frequency, b.customers, b.predicted, b.actual]),
          ],
        })}
      />
      <ChartCard
        id="tracking"
        title={t('analytics.value.trackingTitle')}
        help={t('analytics.value.trackingHelp')}
        option={tracking}
        empty={t('analytics.value.noHoldout')}
        csv={() => ({ name: 'kith-holdout-tracking.csv', rows: [['date', 'actual', 'predicted'], ...h!.tracking.map((p) => [p.date, p.actual, p.predicted])] })}
      >
        {models && (
          <p className="muted" data-testid="model-params">
            {t('analytics.value.params', {
              r: fmt.number(round3(models.bgnbd.r)),
              alpha: fmt.number(round3(models.bgnbd.alpha)),
              a: fmt.number(round3(models.bgnbd.a)),
              b: fmt.number(round3(models.bgnbd.b)),
              ll: fmt.number(Math.round(models.bgnbd.logLikelihood * 10) / 10),
              p: fmt.number(round3(models.gammaGamma.p)),
              q: fmt.number(round3(models.gammaGamma.q)),
              v: fmt.number(round3(models.gammaGamma.v)),
            })}
          </p>
        )}
      </ChartCard>
    </div>
  );
}

const round3 = (x: number) => Number(x.toPrecision(3));
