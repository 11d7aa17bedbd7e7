import { useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { savePng } from '../analytics/chart-card.tsx';
import { EChart } from '../analytics/echart.tsx';
import { COLORS, QUARTILE_BADGE, useIsAssessor, useLang, useReport, type Assessment, type Evidence, type Report, type ReportArea } from './assessment-data.ts';
import { delta, evidenceValue, level, pct, wrap } from './assessment-format.ts';

// The radar is drawn only here; the analytics pages' charts (echart.tsx) register the rest.
echarts.use([RadarChart, RadarComponent]);

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The report: the overall score and its quartile against the benchmark, the radar of the areas (this assessment,
 * the previous one, the benchmark median), the area bars over their quartile bands, the Intention–Reality gap, the
 * live evidence beside each area, where the evidence contradicts the answers, and the recommendations. Printable:
 * assessment.css has the print stylesheet (the report alone, charts sized for A4, a page per section).
 */
export function ReportTab({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const q = useReport(assessment.id);
  if (q.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error)}
      </div>
    );
  if (!q.data) return <div className="progress" aria-busy="true" />;
  const r = q.data;
  return (
    <div className="stack report" style={{ gap: 'var(--s4)' }} data-testid="report">
      <ReportToolbar assessment={assessment} report={r} />
      {r.overall === null ? (
        <EmptyState icon={<Icon name="chart" size={36} />} title={t('assessment.report.emptyTitle')}>
          {t('assessment.report.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <Headline r={r} />
          <div className="chart-grid report-section">
            <RadarCard r={r} />
            <AreaBarsCard r={r} />
          </div>
          <GapCard r={r} />
          <Contradictions r={r} />
          <Recommendations r={r} />
          <EvidenceSection r={r} />
        </>
      )}
    </div>
  );
}

function ReportToolbar({ assessment, report }: { assessment: Assessment; report: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const assessor = useIsAssessor();
  const refresh = useMutation({
    mutationFn: async () => (await call(assessmentApi.evidence, { params: { id: assessment.id }, query: { lang } })).data,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['assessments', assessment.id, 'report'] });
      notify(t('assessment.report.evidenceRefreshed'));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const base = `/api/v1/assessments/${assessment.id}`;
  return (
    <div className="toolbar no-print" style={{ flexWrap: 'wrap' }}>
      <span className="muted">
        {report.evidenceAt ? t('assessment.report.evidenceAt', { date: fmt.dateTime(report.evidenceAt) }) : t('assessment.report.noEvidenceYet')}
      </span>
      <span className="spacer" />
      {assessor && assessment.status === 'open' && (
        <Button busy={refresh.isPending} onClick={() => refresh.mutate()} data-testid="refresh-evidence">
          {t('assessment.report.refreshEvidence')}
        </Button>
      )}
      <a className="btn" href={`${base}/report.csv?lang=${lang}`} download data-testid="report-csv">
        <Icon name="download" /> {t('assessment.report.csv')}
      </a>
      <a className="btn" href={`${base}/report.html?lang=${lang}`} target="_blank" rel="noreferrer">
        {t('assessment.report.html')}
      </a>
      <Button variant="primary" onClick={() => window.print()} data-testid="print-report">
        {t('assessment.report.print')}
      </Button>
    </div>
  );
}

/** "seed (derived from the published aggregates)" or "n workspaces of this installation". */
function useBenchmarkLabel(): (b: Report['benchmark']) => string {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (b) =>
    b.source === 'seed'
      ? t('assessment.report.benchmarkSeed', { n: fmt.number(b.n) })
      : t('assessment.report.benchmarkPool', { count: b.n, formatted: fmt.number(b.n) });
}

function QuartileBadge({ q }: { q: number | null }) {
  const { t } = useTranslation();
  if (q === null) return null;
  return (
    <span className={`badge ${QUARTILE_BADGE[q] ?? 'badge-neutral'}`} data-testid="quartile">
      {t(`assessment.report.quartiles.${q}`)}
    </span>
  );
}

function Headline({ r }: { r: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const benchmark = useBenchmarkLabel();
  const prevDelta = r.previous?.overall !== null && r.previous?.overall !== undefined && r.overall !== null ? r.overall - r.previous.overall : null;
  return (
    <section className="report-headline report-section" aria-label={t('assessment.report.overall')}>
      <div className="card kpi report-overall">
        <div className="muted">{t('assessment.report.overall')}</div>
        <div className="report-overall-value" data-testid="overall">
          {pct(fmt, r.overall)}
        </div>
        <div className="row" style={{ flexWrap: 'wrap', gap: 'var(--s2)' }}>
          <QuartileBadge q={r.overallQuartile} />
          {prevDelta !== null && (
            <span className="muted">{t('assessment.report.sincePrevious', { delta: delta(fmt, prevDelta), name: r.previous?.name ?? '' })}</span>
          )}
        </div>
      </div>
      <div className="card kpi">
        <div className="muted">{t('assessment.intention')}</div>
        <div className="kpi-value">{pct(fmt, r.intention)}</div>
        <div className="kpi-more">{t('assessment.report.intentionHelp')}</div>
      </div>
      <div className="card kpi">
        <div className="muted">{t('assessment.reality')}</div>
        <div className="kpi-value">{pct(fmt, r.reality)}</div>
        <div className="kpi-more">{t('assessment.report.realityHelp')}</div>
      </div>
      <div className="card kpi">
        <div className="muted">{t('assessment.report.benchmark')}</div>
        <div className="kpi-value">{pct(fmt, r.benchmark.cuts[1])}</div>
        <div className="kpi-more">
          <span>
            {t('assessment.report.cuts', { q1: pct(fmt, r.benchmark.cuts[0]), q2: pct(fmt, r.benchmark.cuts[1]), q3: pct(fmt, r.benchmark.cuts[2]) })}
          </span>
          <span className="muted" data-testid="benchmark-source">
            {benchmark(r.benchmark)}
          </span>
        </div>
      </div>
    </section>
  );
}

function ReportChart({ id, title, help, option, height }: { id: string; title: string; help?: string; option: EChartsCoreOption; height: number }) {
  return (
    <section className="card report-card" aria-labelledby={`${id}-title`} data-testid={`card-${id}`}>
      <div className="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
      </div>
      <div className="card-body">
        {help && <p className="muted">{help}</p>}
        <div className="report-chart">
          <EChart option={option} label={title} testId={`chart-${id}`} height={height} />
        </div>
      </div>
    </section>
  );
}

function RadarCard({ r }: { r: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const hasPrevious = r.areas.some((a) => a.previous !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the report or the language changes; the formatters are new closures each render
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      toolbox: savePng(t('analytics.savePng'), 'kith-assessment-radar'),
      radar: {
        radius: '58%',
        center: ['50%', '50%'],
        indicator: r.areas.map((a) => ({ name: a.name, max: 100, min: 0 })),
        axisName: { fontSize: 11, lineHeight: 14, formatter: (name: string) => wrap(name, 18) },
        splitNumber: 4,
      },
      series: [
        {
          type: 'radar',
          tooltip: { valueFormatter: (v: number) => pct(fmt, v) },
          data: [
            {
              name: t('assessment.report.thisAssessment'),
              value: r.areas.map((a) => (a.score === null ? 0 : round1(a.score))),
              itemStyle: { color: COLORS.current },
              areaStyle: { opacity: 0.2 },
              lineStyle: { width: 3 },
            },
            ...(hasPrevious
              ? [
                  {
                    name: t('assessment.report.previous'),
                    value: r.areas.map((a) => (a.previous === null ? 0 : round1(a.previous))),
                    itemStyle: { color: COLORS.previous },
                    lineStyle: { type: 'dashed', width: 2 },
                  },
                ]
              : []),
            {
              name: t('assessment.report.benchmarkMedian'),
              value: r.areas.map((a) => round1(a.benchmark.cuts[1] ?? 0)),
              itemStyle: { color: COLORS.benchmark },
              lineStyle: { type: 'dotted', width: 2 },
              symbol: 'none',
            },
          ],
        },
      ],
    }),
    [r, t, fmt],
  );
  return <ReportChart id="radar" title={t('assessment.report.radarTitle')} help={t('assessment.report.radarHelp')} option={option} height={380} />;
}

/** Each area's score as a bar over its benchmark's four quartile bands (Q1 at the bottom, Q4 at the top). */
function AreaBarsCard({ r }: { r: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(() => {
    const names = r.areas.map((a) => a.name);
    const band = (i: 0 | 1 | 2 | 3) =>
      r.areas.map((a) => {
        const c = a.benchmark.cuts;
        const lo = i === 0 ? 0 : (c[i - 1] ?? 0);
        const hi = i === 3 ? 100 : (c[i] ?? 100);
        return round1(hi - lo);
      });
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const a = r.areas[ps[0]?.dataIndex ?? 0]!;
          return `${a.name}<br/>${pct(fmt, a.score)}${a.quartile ? ` · ${t(`assessment.report.quartiles.${a.quartile}`)}` : ''}<br/>${t(
            'assessment.report.cuts',
            {
              q1: pct(fmt, a.benchmark.cuts[0]),
              q2: pct(fmt, a.benchmark.cuts[1]),
              q3: pct(fmt, a.benchmark.cuts[2]),
            },
          )}`;
        },
      },
      legend: { bottom: 0, data: [1, 2, 3, 4].map((q) => t(`assessment.report.quartileShort.${q}`)) },
      toolbox: savePng(t('analytics.savePng'), 'kith-assessment-areas'),
      grid: { left: 8, right: 56, top: 24, bottom: 48, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: [
        { type: 'category', inverse: true, data: names, axisLabel: { width: 150, overflow: 'truncate' } },
        { type: 'category', inverse: true, data: names, show: false },
      ],
      series: [
        ...([0, 1, 2, 3] as const).map((i) => ({
          type: 'bar',
          name: t(`assessment.report.quartileShort.${i + 1}`),
          stack: 'bands',
          yAxisIndex: 0,
          barWidth: '80%',
          silent: true,
          data: band(i),
          itemStyle: { color: COLORS.bands[i] },
        })),
        {
          type: 'bar',
          name: t('assessment.report.thisAssessment'),
          yAxisIndex: 1,
          barWidth: '36%',
          data: r.areas.map((a) => (a.score === null ? '-' : round1(a.score))),
          itemStyle: { color: COLORS.current, borderRadius: 3 },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const a = r.areas[p.dataIndex]!;
              return a.score === null ? '' : `${pct(fmt, a.score)}${a.quartile ? ` · Q${a.quartile}` : ''}`;
            },
          },
        },
      ],
    };
  }, [r, t, fmt]);
  return (
    <ReportChart
      id="areas"
      title={t('assessment.report.areasTitle')}
      help={t('assessment.report.areasHelp')}
      option={option}
      height={Math.max(280, 80 + r.areas.length * 40)}
    />
  );
}

/** Intention against Reality per area: where the plans run ahead of what is done. */
function GapCard({ r }: { r: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => pct(fmt, v) },
      legend: { bottom: 0 },
      toolbox: savePng(t('analytics.savePng'), 'kith-assessment-gap'),
      grid: { left: 8, right: 72, top: 28, bottom: 48, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: r.areas.map((a) => a.name), axisLabel: { width: 150, overflow: 'truncate' } },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('assessment.intention'),
          data: r.areas.map((a) => (a.intention === null ? '-' : round1(a.intention))),
          itemStyle: { color: COLORS.intention },
        },
        {
          type: 'bar',
          name: t('assessment.reality'),
          data: r.areas.map((a) => (a.reality === null ? '-' : round1(a.reality))),
          itemStyle: { color: COLORS.reality },
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            formatter: (p: { dataIndex: number }) => {
              const g = r.areas[p.dataIndex]?.gap;
              return g === null || g === undefined ? '' : t('assessment.report.gapLabel', { gap: delta(fmt, g) });
            },
          },
        },
      ],
    }),
    [r, t, fmt],
  );
  return (
    <ReportChart
      id="gap"
      title={t('assessment.report.gapTitle')}
      help={t('assessment.report.gapHelp')}
      option={option}
      height={Math.max(280, 90 + r.areas.length * 44)}
    />
  );
}

function Contradictions({ r }: { r: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const indicatorName = new Map(r.areas.flatMap((a) => a.evidence.map((e) => [e.key, e] as const)));
  const areaName = new Map(r.areas.map((a) => [a.key, a.name]));
  return (
    <section className="card" aria-labelledby="contradictions-title" data-testid="contradictions">
      <div className="card-header">
        <h2 id="contradictions-title" className="row" style={{ gap: 'var(--s2)' }}>
          <Icon name="alert" /> {t('assessment.report.contradictionsTitle')}
        </h2>
        <span className="spacer" />
        <span className={`badge ${r.contradictions.length ? 'badge-danger' : 'badge-success'}`}>{fmt.number(r.contradictions.length)}</span>
      </div>
      <div className="card-body stack" style={{ gap: 'var(--s2)' }}>
        <p className="muted" style={{ margin: 0 }}>
          {t('assessment.report.contradictionsHelp')}
        </p>
        {r.contradictions.length === 0 ? (
          <p style={{ margin: 0 }}>{t('assessment.report.noContradictions')}</p>
        ) : (
          <ul className="compact-list">
            {r.contradictions.map((c) => (
              <li key={c.practiceId} className="stack" style={{ gap: 4 }} data-testid="contradiction">
                <strong>{c.text}</strong>
                <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                  {areaName.get(c.areaKey)}
                </span>
                <span>
                  {t('assessment.report.contradiction', {
                    reality: level(fmt, c.reality),
                    suggested: fmt.number(c.suggestedReality),
                    count: c.respondents,
                    respondents: fmt.number(c.respondents),
                  })}
                </span>
                <span className="row" style={{ flexWrap: 'wrap', gap: 'var(--s2)' }}>
                  {c.indicators.map((k) => {
                    const e = indicatorName.get(k as Evidence['key']);
                    return e ? (
                      <Link key={k} href={e.link} className="badge badge-danger">
                        {e.name}: {evidenceValue(fmt, e, t)}
                      </Link>
                    ) : (
                      <span key={k} className="badge badge-danger">
                        {k}
                      </span>
                    );
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function Recommendations({ r }: { r: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areaName = new Map(r.areas.map((a) => [a.key, a.name]));
  const kinds = ['quick_win', 'strategic'] as const;
  return (
    <section className="report-break stack" style={{ gap: 'var(--s3)' }} aria-labelledby="recs-title" data-testid="recommendations">
      <h2 id="recs-title" className="section-title" style={{ margin: 0 }}>
        {t('assessment.report.recommendationsTitle')}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t('assessment.report.recommendationsHelp')}
      </p>
      <div className="chart-grid">
        {kinds.map((k) => {
          const list = r.recommendations.filter((x) => x.kind === k).slice(0, 10);
          return (
            <section key={k} className="card" aria-labelledby={`recs-${k}`} data-testid={`recs-${k}`}>
              <div className="card-header">
                <h3 id={`recs-${k}`}>{enumLabel('recommendationKind', k)}</h3>
                <span className="spacer" />
                <span className="badge badge-neutral">{fmt.number(r.recommendations.filter((x) => x.kind === k).length)}</span>
              </div>
              {list.length === 0 ? (
                <p className="card-body muted" style={{ margin: 0 }}>
                  {t(k === 'quick_win' ? 'assessment.report.noQuickWins' : 'assessment.report.noStrategic')}
                </p>
              ) : (
                <ol className="compact-list recs">
                  {list.map((x) => (
                    <li key={x.practiceId} className="stack" style={{ gap: 4 }} data-testid="recommendation">
                      <strong>{x.text}</strong>
                      <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                        {areaName.get(x.areaKey)} · {t('assessment.report.shortfall', { shortfall: pct(fmt, x.shortfall * 100), gap: delta(fmt, x.gap) })}
                      </span>
                      {x.actions.length > 0 && (
                        <span className="row" style={{ flexWrap: 'wrap', gap: 'var(--s1)' }}>
                          {x.actions.map((act) => (
                            <Link key={`${act.screen}-${act.text}`} href={act.path} className={`btn btn-sm${act.kind === k ? '' : ' btn-ghost'}`}>
                              {act.text} →
                            </Link>
                          ))}
                        </span>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}

/** Per area: its score and quartile, and the live evidence computed from the CRM's own data. */
function EvidenceSection({ r }: { r: Report }) {
  const { t } = useTranslation();
  return (
    <section className="stack report-break" style={{ gap: 'var(--s3)' }} aria-labelledby="evidence-title" data-testid="evidence">
      <h2 id="evidence-title" className="section-title" style={{ margin: 0 }}>
        {t('assessment.report.evidenceTitle')}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t('assessment.report.evidenceHelp')}
      </p>
      {r.areas.map((a) => (
        <AreaEvidence key={a.key} area={a} />
      ))}
    </section>
  );
}

function AreaEvidence({ area }: { area: ReportArea }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // The period the indicators describe: the same for all of them, as a rule (shown once, in the header).
  const period = area.evidence[0] ? { from: area.evidence[0].from, to: area.evidence[0].to } : null;
  return (
    <section className="card report-evidence" aria-labelledby={`ev-${area.key}`} data-testid={`area-evidence-${area.key}`}>
      <div className="card-header" style={{ flexWrap: 'wrap' }}>
        <h3 id={`ev-${area.key}`}>{area.name}</h3>
        <span className="spacer" />
        <strong>{pct(fmt, area.score)}</strong>
        <QuartileBadge q={area.quartile} />
        {area.previous !== null && area.score !== null && (
          <span className="muted">{t('assessment.report.deltaPrevious', { delta: delta(fmt, area.score - area.previous) })}</span>
        )}
        <span className="muted">{t('assessment.report.scoredOf', { scored: fmt.number(area.scored), total: fmt.number(area.practices) })}</span>
        {period && (
          <span className="muted">
            {t('assessment.report.period')}: {t('assessment.periodRange', { from: fmt.date(period.from), to: fmt.date(period.to) })}
          </span>
        )}
      </div>
      {area.evidence.length === 0 ? (
        <p className="card-body muted" style={{ margin: 0 }}>
          {t('assessment.report.noIndicators')}
        </p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="table evidence-table">
            <thead>
              <tr>
                <th scope="col">{t('assessment.report.indicator')}</th>
                <th scope="col" className="num">
                  {t('assessment.report.value')}
                </th>
                <th scope="col" className="num">
                  {t('assessment.report.suggested')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('assessment.report.records')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {area.evidence.map((e) => (
                <tr key={e.key} data-testid="evidence-row" data-indicator={e.key}>
                  <th scope="row" style={{ fontWeight: 500 }}>
                    <div style={{ color: 'var(--fg)' }}>{e.name}</div>
                    <div className="muted" style={{ fontWeight: 400 }}>
                      {e.description}
                    </div>
                  </th>
                  <td className="num nowrap">
                    {e.value === null ? (
                      <span className="muted" data-testid="cannot-compute">
                        {t('assessment.report.cannotCompute')}
                        {e.reasonText && <div style={{ whiteSpace: 'normal', maxInlineSize: 240 }}>{e.reasonText}</div>}
                      </span>
                    ) : (
                      <>
                        <strong>{evidenceValue(fmt, e, t)}</strong>
                        {e.interval && (
                          <div className="muted">
                            {evidenceValue(fmt, { key: e.key, unit: e.unit, value: e.interval.low }, t)} …{' '}
                            {evidenceValue(fmt, { key: e.key, unit: e.unit, value: e.interval.high }, t)}
                          </div>
                        )}
                        <div className="muted">{t('assessment.report.n', { formatted: fmt.number(e.n) })}</div>
                        {(e.from !== period?.from || e.to !== period?.to) && (
                          <div className="muted">{t('assessment.periodRange', { from: fmt.date(e.from), to: fmt.date(e.to) })}</div>
                        )}
                      </>
                    )}
                  </td>
                  <td className="num">
                    {e.suggestedReality === null ? '—' : <span className={`badge ${levelBadge(e.suggestedReality)}`}>{fmt.number(e.suggestedReality)}</span>}
                  </td>
                  <td className="num no-print">
                    <Link href={e.link} className="underline nowrap">
                      {t('assessment.report.seeRecords')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const levelBadge = (l: number) => (l >= 3 ? 'badge-success' : l === 2 ? 'badge-warning' : 'badge-danger');
