import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { minorDigits } from '@kith/domain/money/money.ts';
import { DEFAULT_RFM_GRID as DEFAULT_GRID, RFM_SEGMENTS } from '@kith/domain/analytics/rfm.ts';
import { api } from '../../lib/api-client.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { EChart } from './echart.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';

type Summary = {
  asOf: string;
  currency: string;
  customers: number;
  orders: number;
  skippedOrders: number;
  segments: { segment: (typeof RFM_SEGMENTS)[number]; customers: number; revenue: number }[];
  cells: { customers: number; revenue: number }[][];
};

const SEGMENT_COLOR: Record<string, string> = {
  champions: '#0f766e', loyal: '#14b8a6', potential_loyalists: '#5eead4', new: '#38bdf8', promising: '#a5b4fc',
  need_attention: '#facc15', about_to_sleep: '#fb923c', cant_lose_them: '#ef4444', at_risk: '#f87171', hibernating: '#94a3b8',
};

/** A CSV of the chart's data, downloaded in the browser (UTF-8 with a BOM, so Excel reads Vietnamese). */
function downloadCsv(name: string, rows: (string | number)[][]) {
  const text = `\ufeff${rows.map((r) => r.map((c) => (typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c))).join(',')).join('\n')}\n`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const today = () => new Date().toISOString().slice(0, 10);

/** Analytics: the RFM picture of the workspace's customers at a date (issue 5). */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const [asOf, setAsOf] = useState(today());
  const q = useQuery({
    queryKey: ['analytics', 'rfm', asOf],
    queryFn: ({ signal }) => api.get<Summary>('/analytics/rfm', { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
  const s = q.data;
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  type Progress = { phase: 'reading' | 'fitting' | 'storing'; done: number; total: number | null };
  type Scores = { run: { asOf: string; customers: number; note: string | null; finishedAt: string } | null; running: Progress | null };
  // A refresh runs in the background on the server: after starting one, its progress is asked for every
  // second until a new run is stored (or none is under way any more, which means it failed).
  const [waiting, setWaiting] = useState<{ before: string; idlePolls: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const run = useQuery({
    queryKey: ['analytics', 'scores'],
    queryFn: ({ signal }) => api.get<Scores>('/analytics/scores', { signal }),
    refetchInterval: (query) => (query.state.data?.running || waiting ? 1000 : false),
  });
  const refresh = useMutation({
    mutationFn: () => api.post<Progress>('/analytics/scores/refresh', {}),
    onSuccess: () => {
      setFailed(false);
      setWaiting({ before: run.data?.run?.finishedAt ?? '', idlePolls: 0 });
      void qc.invalidateQueries({ queryKey: ['analytics', 'scores'] });
    },
  });
  const running = run.data?.running ?? null;
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
  }, [run.dataUpdatedAt]); // eslint-disable-line react-hooks/exhaustive-deps
  const minor = (major: number) => Math.round(major * 10 ** (minorDigits(s?.currency ?? 'VND') ?? 0));
  const seg = (k: string) => t(`analytics.segment.${k}`);

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
          return `R${r + 1} · F${f + 1} — ${seg(String(DEFAULT_GRID[r]![f]))}<br/>${t('analytics.customers', { count: c.customers, formatted: fmt.number(c.customers) })}<br/>${fmt.money(minor(c.revenue), s.currency)}`;
        },
      },
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', name: t('analytics.frequency'), nameLocation: 'middle', nameGap: 32, data: ['1', '2', '3', '4', '5'], splitArea: { show: true } },
      yAxis: { type: 'category', name: t('analytics.recency'), nameLocation: 'middle', nameGap: 36, data: ['1', '2', '3', '4', '5'], splitArea: { show: true } },
      visualMap: { min: 0, max, show: false, inRange: { color: ['#f0fdfa', '#0f766e'] } },
      toolbox: { right: 0, top: 0, feature: { saveAsImage: { title: t('analytics.savePng'), name: `kith-rfm-${s.asOf}` } } },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { data: [number, number, number] }) => fmt.number(p.data[2]) } }],
    };
  }, [s, t, fmt]); // eslint-disable-line react-hooks/exhaustive-deps

  const bars = useMemo(() => {
    if (!s) return null;
    const list = [...s.segments].sort((a, b) => b.customers - a.customers);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 150, right: 40, top: 36, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: list.map((x) => seg(x.segment)) },
      toolbox: { right: 0, top: 0, feature: { saveAsImage: { title: t('analytics.savePng'), name: `kith-segments-${s.asOf}` } } },
      series: [{ type: 'bar', data: list.map((x) => ({ value: x.customers, itemStyle: { color: SEGMENT_COLOR[x.segment] } })), label: { show: true, position: 'right' } }],
    };
  }, [s, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('analytics.title')}</h1>
        {s && s.customers > 0 && (
          <span className="muted" data-testid="rfm-summary">
            {t('analytics.customers', { count: s.customers, formatted: fmt.number(s.customers) })} · {fmt.money(minor(s.segments.reduce((x, y) => x + y.revenue, 0)), s.currency)}
          </span>
        )}
        <span className="spacer" />
        <label className="row" style={{ gap: 'var(--s1)' }}>
          <span>{t('analytics.asOf')}</span>
          <input className="input" type="date" value={asOf} max={today()} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
        </label>
      </div>
      <div className="toolbar" data-testid="score-run">
        <span className="muted">{run.data?.run ? t('analytics.lastRun', { count: run.data.run.customers, formatted: fmt.number(run.data.run.customers), date: fmt.date(`${run.data.run.asOf}T12:00:00Z`) }) : t('analytics.noRun')}</span>
        {can('analytics.refresh') && (
          <Button onClick={() => refresh.mutate()} busy={refresh.isPending || !!waiting || !!running} disabled={!!running} data-testid="refresh-scores">
            {t('analytics.refresh')}
          </Button>
        )}
      </div>
      {(refresh.isPending || waiting || running) && (
        <div role="status" data-testid="refresh-progress">
          <span className="muted">{running ? t(`analytics.phase.${running.phase}`, { done: fmt.number(running.done), total: fmt.number(running.total ?? 0) }) : t('analytics.refreshing')}</span>
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
      {q.isError ? (
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
      ) : (
        <div className="analytics-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 'var(--s4)' }}>
          <section className="card" aria-labelledby="rfm-grid-title">
            <div className="card-header">
              <h2 id="rfm-grid-title">{t('analytics.gridTitle')}</h2>
              <span className="spacer" />
              <button type="button" className="btn btn-sm" onClick={() => downloadCsv(`kith-rfm-${s.asOf}.csv`, [['r', 'f', 'segment', 'customers', 'revenue'], ...s.cells.flatMap((row, r) => row.map((c, f) => [r + 1, f + 1, String(DEFAULT_GRID[r]![f]), c.customers, c.revenue]))])}>
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
              <button type="button" className="btn btn-sm" onClick={() => downloadCsv(`kith-segments-${s.asOf}.csv`, [['segment', 'customers', 'revenue'], ...s.segments.map((x) => [x.segment, x.customers, x.revenue])])}>
                {t('analytics.csv')}
              </button>
            </div>
            <div className="card-body">{bars && <EChart option={bars} label={t('analytics.segmentsTitle')} testId="rfm-segments" height={420} />}</div>
          </section>
        </div>
      )}
    </div>
  );
}
