import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { minorDigits } from '@kith/domain/money/money.ts';
import { DEFAULT_RFM_GRID, RFM_SEGMENTS } from '@kith/domain/analytics/rfm.ts';
import { analyticsApi } from '@kith/domain/analytics/analytics.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { EChart } from './echart.tsx';
import { ChartCard, downloadCsv, savePng } from './chart-card.tsx';
import { ValueTab } from './analytics-value.tsx';
import { CustomersTab } from './analytics-customers.tsx';
import { SettingsTab, useAnalyticsSettings } from './analytics-settings.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

const SEGMENT_COLOR: Record<string, string> = {
  champions: '#0f766e',
  loyal: '#14b8a6',
  potential_loyalists: '#5eead4',
  new: '#38bdf8',
  promising: '#a5b4fc',
  need_attention: '#facc15',
  about_to_sleep: '#fb923c',
  cant_lose_them: '#ef4444',
  at_risk: '#f87171',
  hibernating: '#94a3b8',
};

const today = () => new Date().toISOString().slice(0, 10);
const TABS = ['rfm', 'value', 'customers', 'settings'] as const;
type Tab = (typeof TABS)[number];
const tabFromUrl = (): Tab => {
  const x = new URLSearchParams(window.location.search).get('tab');
  return (TABS as readonly string[]).includes(x ?? '') ? (x as Tab) : 'rfm';
};

/** Analytics: the RFM picture of the workspace's customers at a date (issue 5). */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const [asOf, setAsOf] = useState(today());
  const q = useQuery({
    queryKey: ['analytics', 'rfm', asOf],
    queryFn: async ({ signal }) => (await call(analyticsApi.rfm, { query: { asOf }, signal })).data,
    placeholderData: keepPreviousData,
  });
  const s = q.data;
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const settings = useAnalyticsSettings();
  const grid = settings.data?.rfmGrid ?? DEFAULT_RFM_GRID;
  const [tab, setTab] = useState<Tab>(() => tabFromUrl());
  const chooseTab = (x: Tab) => {
    setTab(x);
    window.history.replaceState(null, '', x === 'rfm' ? '/analytics' : `/analytics?tab=${x}`);
  };
  // A refresh runs in the background on the server: after starting one, its progress is asked for every
  // second until a new run is stored (or none is under way any more, which means it failed).
  const [waiting, setWaiting] = useState<{ before: string; idlePolls: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const run = useQuery({
    queryKey: ['analytics', 'scores'],
    queryFn: async ({ signal }) => (await call(analyticsApi.scores, { signal })).data,
    refetchInterval: (query) => (query.state.data?.running || waiting ? 1000 : false),
  });
  const refresh = useMutation({
    mutationFn: async () => (await call(analyticsApi.refreshScores, { body: {} })).data,
    onSuccess: () => {
      setFailed(false);
      setWaiting({ before: run.data?.run?.finishedAt ?? '', idlePolls: 0 });
      void qc.invalidateQueries({ queryKey: ['analytics', 'scores'] });
    },
  });
  const running = run.data?.running ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per poll answer; the waiting state it reads is read at that moment
  useEffect(() => {
    if (!waiting || !run.data || running) return;
    const finished = run.data.run?.finishedAt ?? '';
    if (finished !== waiting.before) {
      setWaiting(null);
      const n = run.data.run?.customers ?? 0;
      notify(t('analytics.refreshed', { count: n, formatted: fmt.number(n) }));
      void qc.invalidateQueries({ queryKey: ['contact'] });
    } else if (waiting.idlePolls >= 2) {
      setWaiting(null);
      setFailed(true);
    } else setWaiting({ ...waiting, idlePolls: waiting.idlePolls + 1 });
  }, [run.dataUpdatedAt]);
  const minor = (major: number) => Math.round(major * 10 ** (minorDigits(s?.currency ?? 'VND') ?? 0));
  const seg = (k: string) => enumLabel('rfmSegment', k);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const heatmap = useMemo(() => {
    if (!s) return null;
    const data: [number, number, number][] = [];
    s.cells.forEach((row, r) => row.forEach((c, f) => data.push([f, r, c.customers])));
    const max = Math.max(1, ...data.map((d) => d[2]));
    return {
      tooltip: {
        formatter: (p: { data: [number, number, number] }) => {
          const [f, r] = p.data;
          const c = s.cells[r]![f]!;
          return `R${r + 1} · F${f + 1} — ${seg(String(grid[r]![f]))}<br/>${t('analytics.customers', { count: c.customers, formatted: fmt.number(c.customers) })}<br/>${fmt.money(minor(c.revenue), s.currency)}`;
        },
      },
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      xAxis: {
        type: 'category',
        name: t('analytics.frequency'),
        nameLocation: 'middle',
        nameGap: 32,
        data: ['1', '2', '3', '4', '5'],
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        name: t('analytics.recency'),
        nameLocation: 'middle',
        nameGap: 36,
        data: ['1', '2', '3', '4', '5'],
        splitArea: { show: true },
      },
      visualMap: { min: 0, max, show: false, inRange: { color: ['#f0fdfa', '#0f766e'] } },
      toolbox: { right: 0, top: 0, feature: { saveAsImage: { title: t('analytics.savePng'), name: `kith-rfm-${s.asOf}` } } },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { data: [number, number, number] }) => fmt.number(p.data[2]) } }],
    };
  }, [s, t, fmt, grid]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const bars = useMemo(() => {
    if (!s) return null;
    const list = [...s.segments].sort((a, b) => b.customers - a.customers);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 150, right: 40, top: 36, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: list.map((x) => seg(x.segment)) },
      toolbox: { right: 0, top: 0, feature: { saveAsImage: { title: t('analytics.savePng'), name: `kith-segments-${s.asOf}` } } },
      series: [
        {
          type: 'bar',
          data: list.map((x) => ({ value: x.customers, itemStyle: { color: SEGMENT_COLOR[x.segment] } })),
          label: { show: true, position: 'right' },
        },
      ],
    };
  }, [s, t]);

  const tabBar = (
    <div role="tablist" aria-label={t('analytics.title')} className="row" style={{ gap: 'var(--s1)', borderBlockEnd: '1px solid var(--border, #e2e8f0)' }}>
      {TABS.map((x) => (
        <button
          key={x}
          type="button"
          role="tab"
          aria-selected={tab === x}
          className={`btn btn-ghost${tab === x ? ' active' : ''}`}
          style={tab === x ? { borderBlockEnd: '2px solid var(--accent, #0f766e)', borderRadius: 0 } : { borderRadius: 0 }}
          onClick={() => chooseTab(x)}
          data-testid={`tab-${x}`}
        >
          {t(`analytics.tabs.${x}`)}
        </button>
      ))}
    </div>
  );

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('analytics.title')}</h1>
        {s && s.customers > 0 && (
          <span className="muted" data-testid="rfm-summary">
            {t('analytics.customers', { count: s.customers, formatted: fmt.number(s.customers) })} ·{' '}
            {fmt.money(minor(s.segments.reduce((x, y) => x + y.revenue, 0)), s.currency)}
          </span>
        )}
        <span className="spacer" />
        <label className="row" style={{ gap: 'var(--s1)' }}>
          <span>{t('analytics.asOf')}</span>
          <input className="input" type="date" data-testid="as-of" value={asOf} max={today()} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
        </label>
      </div>
      <div className="toolbar" data-testid="score-run">
        <span className="muted">
          {run.data?.run
            ? t('analytics.lastRun', {
                count: run.data.run.customers,
                formatted: fmt.number(run.data.run.customers),
                date: fmt.date(`${run.data.run.asOf}T12:00:00Z`),
              })
            : t('analytics.noRun')}
        </span>
        {can('analytics.refresh') && (
          <Button onClick={() => refresh.mutate()} busy={refresh.isPending || !!waiting || !!running} disabled={!!running} data-testid="refresh-scores">
            {t('analytics.refresh')}
          </Button>
        )}
      </div>
      {(refresh.isPending || waiting || running) && (
        <div role="status" data-testid="refresh-progress">
          <span className="muted">
            {running
              ? t(`analytics.phase.${running.phase}`, { done: fmt.number(running.done), total: fmt.number(running.total ?? 0) })
              : t('analytics.refreshing')}
          </span>
          {running?.phase === 'storing' && running.total ? (
            <progress max={running.total} value={running.done} aria-label={t('analytics.refreshing')} style={{ width: '100%' }} />
          ) : (
            <div className="progress" aria-label={t('analytics.refreshing')} />
          )}
        </div>
      )}
      {refresh.isError && (
        <div className="alert alert-error" role="alert">
          {errorText(refresh.error)}
        </div>
      )}
      {failed && (
        <div className="alert alert-error" role="alert">
          {t('analytics.refreshFailed')}
        </div>
      )}
      {tabBar}
      {tab === 'settings' ? (
        <SettingsTab />
      ) : q.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(q.error)}
        </div>
      ) : !s ? (
        <div className="progress" aria-busy="true" />
      ) : s.customers === 0 ? (
        <EmptyState
          icon={<Icon name="cart" size={36} />}
          title={t('analytics.emptyTitle')}
          actions={
            <>
              <Link className="btn btn-primary" href="/orders">
                {t('nav.orders')}
              </Link>
              <Link className="btn" href="/imports">
                {t('nav.imports')}
              </Link>
            </>
          }
        >
          {t('analytics.emptyBody')}
        </EmptyState>
      ) : tab === 'value' ? (
        run.data?.run ? (
          <ValueTab models={run.data.run.models} />
        ) : (
          <p className="muted">{t('analytics.value.none')}</p>
        )
      ) : tab === 'customers' ? (
        <CustomersTab asOf={asOf} />
      ) : (
        <div className="analytics-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 'var(--s4)' }}>
          <section className="card" aria-labelledby="rfm-grid-title">
            <div className="card-header">
              <h2 id="rfm-grid-title">{t('analytics.gridTitle')}</h2>
              <span className="spacer" />
              <button
                type="button"
                className="btn btn-sm"
                onClick={() =>
                  downloadCsv(`kith-rfm-${s.asOf}.csv`, [
                    ['r', 'f', 'segment', 'customers', 'revenue'],
                    ...s.cells.flatMap((row, r) => row.map((c, f) => [r + 1, f + 1, String(grid[r]![f]), c.customers, c.revenue])),
                  ])
                }
              >
                {t('analytics.csv')}
              </button>
            </div>
            <div className="card-body">
              <p className="muted">{t('analytics.gridHelp')}</p>
              {heatmap && <EChart option={heatmap} label={t('analytics.gridTitle')} testId="rfm-heatmap" height={360} />}
            </div>
          </section>
          <section className="card" aria-labelledby="rfm-segments-title">
            <div className="card-header">
              <h2 id="rfm-segments-title">{t('analytics.segmentsTitle')}</h2>
              <span className="spacer" />
              <button
                type="button"
                className="btn btn-sm"
                onClick={() =>
                  downloadCsv(`kith-segments-${s.asOf}.csv`, [
                    ['segment', 'customers', 'revenue'],
                    ...s.segments.map((x) => [x.segment, x.customers, x.revenue]),
                  ])
                }
              >
                {t('analytics.csv')}
              </button>
            </div>
            <div className="card-body">{bars && <EChart option={bars} label={t('analytics.segmentsTitle')} testId="rfm-segments" height={420} />}</div>
          </section>
          <Movement to={asOf} />
        </div>
      )}
    </div>
  );
}

const minusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Segment sizes moving between two days: a Sankey of customers from each segment then to each segment now. */
function Movement({ to }: { to: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [from, setFrom] = useState(() => minusDays(to, 90));
  const q = useQuery({
    queryKey: ['analytics', 'movement', from, to],
    queryFn: async ({ signal }) => (await call(analyticsApi.movement, { query: { from, to }, signal })).data,
    placeholderData: keepPreviousData,
    enabled: from <= to,
  });
  const m = q.data;
  const seg = (k: string) => (k === 'none' ? t('analytics.movement.none') : enumLabel('rfmSegment', k));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const option = useMemo(() => {
    if (!m || m.flows.length === 0) return null;
    // The same segment on both sides is two nodes: "before" names carry a narrow no-break space to stay distinct.
    const left = (k: string) => `${seg(k)}\u202f`;
    const names = new Set<string>();
    for (const f of m.flows) {
      names.add(left(f.from));
      names.add(seg(f.to));
    }
    return {
      tooltip: { trigger: 'item', valueFormatter: (x: number) => fmt.number(x) },
      toolbox: savePng(t('analytics.savePng'), `kith-movement-${m.from}-${m.to}`),
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 140,
          top: 36,
          bottom: 8,
          nodeGap: 6,
          emphasis: { focus: 'adjacency' },
          data: [...names].map((name) => {
            const key = [...RFM_SEGMENTS, 'none'].find((k) => seg(k) === name.replace('\u202f', ''));
            return { name, itemStyle: { color: key && key !== 'none' ? SEGMENT_COLOR[key] : '#cbd5e1' } };
          }),
          links: m.flows.map((f) => ({ source: left(f.from), target: seg(f.to), value: f.customers })),
          lineStyle: { color: 'source', opacity: 0.35 },
          label: { fontSize: 11 },
        },
      ],
    };
  }, [m, t, fmt]);
  return (
    <ChartCard
      id="movement"
      title={t('analytics.movement.title')}
      help={
        <span className="row" style={{ gap: 'var(--s1)', flexWrap: 'wrap' }}>
          {t('analytics.movement.help')}
          <input
            className="input"
            type="date"
            aria-label={t('analytics.movement.from')}
            value={from}
            max={to}
            onChange={(e) => e.target.value && setFrom(e.target.value)}
            style={{ inlineSize: 'auto' }}
            data-testid="movement-from"
          />
          → {fmt.date(to)}
        </span>
      }
      option={option}
      height={440}
      empty={t('analytics.movement.empty')}
      csv={() => ({ name: `kith-movement-${m!.from}-${m!.to}.csv`, rows: [['from', 'to', 'customers'], ...m!.flows.map((f) => [f.from, f.to, f.customers])] })}
    />
  );
}
