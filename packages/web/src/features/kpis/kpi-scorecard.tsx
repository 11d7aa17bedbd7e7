import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { savePng } from '../analytics/chart-card.tsx';
import { EChart } from '../analytics/echart.tsx';
import {
  COLORS,
  type Kpi,
  kpiName,
  type PeriodInfo,
  type Report,
  type ReportRow,
  rowOf,
  scoreOf,
  type Subject,
  useKpiHistory,
  useKpiReport,
  useKpis,
  useLang,
  usePeopleReach,
  usePeriodLabel,
  useReachableTeams,
} from './kpi-data.ts';
import { csvValue, downloadCsv, formatAxis, formatInterval, formatValue } from './kpi-format.ts';
import { PaceBadge, ProgressBar } from './kpi-parts.tsx';

/** The KPIs that have a target first (in the catalogue's order), then the rest. */
export function orderKpis(kpis: readonly Kpi[], row: (k: string) => ReportRow | undefined): Kpi[] {
  const has = (k: Kpi) => (row(k.key)?.target ?? null) !== null;
  return [...kpis.filter(has), ...kpis.filter((k) => !has(k))];
}

/**
 * One person's or team's KPIs for the period: each figure in its unit (with how many observations and the 95%
 * interval where it is a rate or a survey score), the target, a progress bar with where the figure should be by
 * today, the forecast to the period's end, on or behind pace; the weighted score; the history of one KPI.
 */
export function ScorecardTab({
  period,
  subject,
  onSubject,
  onSetTargets,
}: {
  period: string;
  subject: Subject;
  onSubject: (s: Subject) => void;
  onSetTargets: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const errorText = useErrorText();
  const can = useCan();
  const session = useRequiredSession();
  const reach = usePeopleReach();
  const kpis = useKpis();
  const people = useKpiReport(period, 'user');
  const team = useKpiReport(period, 'team', { teamId: subject.by === 'team' ? subject.id : undefined, enabled: subject.by === 'team' });
  const report = subject.by === 'team' ? team : people;
  const [chosen, setChosen] = useState<string | null>(null);
  const r = report.data;
  const defs = kpis.data;
  const ordered = useMemo(() => (defs ? orderKpis(defs, (k) => rowOf(r, subject, k)) : []), [defs, r, subject]);
  const selected = chosen && defs?.some((k) => k.key === chosen) ? chosen : (ordered[0]?.key ?? null);
  const error = report.error ?? kpis.error;
  if (error)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(error)}
      </div>
    );
  if (!r || !defs) return <div className="progress" aria-busy="true" />;
  if (!r.subjects.some((s) => s.id === subject.id))
    return (
      <div className="stack">
        <div className="alert alert-error" role="alert" data-testid="not-in-reach">
          {t('kpis.notInReach')}
        </div>
        <Button onClick={() => onSubject({ by: 'user', id: session.user.id })}>{t('kpis.backToMine')}</Button>
      </div>
    );
  const rows = ordered.map((k) => ({ k, row: rowOf(r, subject, k.key) })).filter((x): x is { k: Kpi; row: ReportRow } => !!x.row);
  const name = r.subjects.find((s) => s.id === subject.id)?.name ?? '';
  const withTarget = rows.filter((x) => x.row.target !== null);
  const onPace = withTarget.filter((x) => x.row.onPace === true).length;
  const score = scoreOf(r, subject.id);
  const anyData = rows.some((x) => x.row.n > 0 || (x.row.value !== null && x.row.value !== 0));
  const mine = subject.by === 'user' && subject.id === session.user.id;
  const csv = () =>
    downloadCsv(`kith-kpi-${period}-${subject.by === 'user' ? 'nguoi' : 'nhom'}-${subject.id.slice(0, 8)}.csv`, [
      [
        t('kpis.csv.subject'),
        t('kpis.csv.kpiKey'),
        t('kpis.csv.kpi'),
        t('kpis.csv.unit'),
        t('kpis.csv.value'),
        'n',
        t('kpis.csv.low'),
        t('kpis.csv.high'),
        t('kpis.csv.target'),
        t('kpis.csv.attainment'),
        t('kpis.csv.pace'),
        t('kpis.csv.forecast'),
        t('kpis.csv.onPace'),
        t('kpis.csv.weight'),
      ],
      ...rows.map(({ k, row }) => [
        name,
        k.key,
        kpiName(k, lang),
        csvUnit(k, r.currency),
        csvValue(k.unit, row.value, r.currency),
        row.n,
        csvValue(k.unit, row.interval?.low, r.currency),
        csvValue(k.unit, row.interval?.high, r.currency),
        csvValue(k.unit, row.target, r.currency),
        row.attainment === null ? null : Math.round(row.attainment * 1000) / 10,
        csvValue(k.unit, row.pace, r.currency),
        csvValue(k.unit, row.forecast, r.currency),
        row.onPace === null ? null : row.onPace ? t('kpis.csv.yes') : t('kpis.csv.no'),
        k.weight,
      ]),
    ]);
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }} data-testid="scorecard">
      <div className="toolbar">
        {reach.others ? <SubjectPicker period={period} subject={subject} people={people.data} onSubject={onSubject} /> : <strong>{name}</strong>}
        <span className="spacer" />
        <Button onClick={csv} data-testid="scorecard-csv">
          <Icon name="download" /> {t('kpis.csv.download')}
        </Button>
      </div>
      <section className="kpi-grid" aria-label={t('kpis.summary')}>
        <div className="card kpi">
          <div className="muted">{t('kpis.score')}</div>
          <div className="kpi-value" data-testid="score">
            {score === null ? '—' : fmt.number(Math.round(score))}
          </div>
          <div className="kpi-more muted">{t('kpis.scoreHelp')}</div>
        </div>
        <div className="card kpi">
          <div className="muted">{t(r.period.elapsed >= 1 ? 'kpis.reachedCount' : 'kpis.onPaceCount')}</div>
          <div className="kpi-value">{withTarget.length ? t('kpis.ofTotal', { n: fmt.number(onPace), total: fmt.number(withTarget.length) }) : '—'}</div>
          <div className="kpi-more muted">{t('kpis.onPaceHelp')}</div>
        </div>
      </section>
      {withTarget.length === 0 && (
        <EmptyState
          icon={<Icon name="target" size={36} />}
          title={t('kpis.empty.noTargetsTitle')}
          actions={
            can('kpi_targets.manage') && reach.others ? (
              <Button variant="primary" onClick={onSetTargets} data-testid="go-targets">
                {t('kpis.empty.setTargets')}
              </Button>
            ) : undefined
          }
        >
          {t(can('kpi_targets.manage') && reach.others ? 'kpis.empty.noTargetsManager' : mine ? 'kpis.empty.noTargetsMine' : 'kpis.empty.noTargetsOther')}
        </EmptyState>
      )}
      {!anyData && (
        <div className="alert alert-warning" role="status" data-testid="no-data">
          {t(r.period.elapsed <= 0 ? 'kpis.empty.notStarted' : 'kpis.empty.noData')}
        </div>
      )}
      <div className="card kpi-table-card">
        <table className="table kpi-table" data-testid="scorecard-table">
          <caption className="visually-hidden">{t('kpis.scorecardOf', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpis.col.kpi')}</th>
              <th scope="col" className="num">
                {t('kpis.col.value')}
              </th>
              <th scope="col" className="num">
                {t('kpis.col.target')}
              </th>
              <th scope="col" className="kpi-col-progress">
                {t('kpis.col.progress')}
              </th>
              <th scope="col" className="num">
                {t('kpis.col.forecast')}
              </th>
              <th scope="col">{t('kpis.col.pace')}</th>
              <th scope="col" className="num">
                {t('kpis.col.weight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ k, row }) => (
              <ScoreRow key={k.key} kpi={k} row={row} info={r.period} currency={r.currency} selected={selected === k.key} onSelect={() => setChosen(k.key)} />
            ))}
          </tbody>
        </table>
      </div>
      {selected && <HistoryCard period={period} subject={subject} kpi={defs.find((k) => k.key === selected)!} currency={r.currency} />}
    </div>
  );
}

const csvUnit = (k: Kpi, currency: string) => (k.unit === 'money' ? currency : k.unit === 'share' ? '%' : k.unit);

function ScoreRow({
  kpi,
  row,
  info,
  currency,
  selected,
  onSelect,
}: {
  kpi: Kpi;
  row: ReportRow;
  info: PeriodInfo;
  currency: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const interval = formatInterval(fmt, kpi.unit, row.interval, currency);
  const detail =
    kpi.aggregate === 'sum' ? null : [t('kpis.n', { n: fmt.number(row.n) }), interval && t('kpis.interval', { range: interval })].filter(Boolean).join(' · ');
  // A total's straight-line forecast while the period runs, where there is something to forecast (a target or a figure).
  const forecast =
    kpi.cumulative && !info.closed && info.elapsed < 1 && row.forecast !== null && (row.target !== null || (row.value ?? 0) > 0)
      ? formatValue(fmt, kpi.unit, row.forecast, currency)
      : null;
  return (
    <tr data-testid="kpi-row" data-kpi={kpi.key} className={selected ? 'kpi-row-selected' : undefined}>
      <th scope="row">
        <button type="button" className="link-button kpi-name" onClick={onSelect} title={kpi.description[lang]} aria-pressed={selected}>
          {kpiName(kpi, lang)}
        </button>
        {!kpi.builtin && <span className="badge badge-neutral kpi-own">{t('kpis.own')}</span>}
      </th>
      <td className="num">
        <span className="kpi-figure" data-testid="value">
          {formatValue(fmt, kpi.unit, row.value, currency)}
        </span>
        {detail && <span className="kpi-detail muted">{detail}</span>}
      </td>
      <td className="num" data-testid="target">
        {formatValue(fmt, kpi.unit, row.target, currency)}
      </td>
      <td className="kpi-col-progress">
        <ProgressBar kpi={kpi} row={row} elapsed={info.elapsed} currency={currency} />
      </td>
      <td className="num">{forecast ?? <span className="muted">—</span>}</td>
      <td>
        <PaceBadge row={row} elapsed={info.elapsed} />
      </td>
      <td className="num">{fmt.number(kpi.weight)}</td>
    </tr>
  );
}

/** Yourself, someone in your reach, or one of your teams. */
function SubjectPicker({ subject, people, onSubject }: { period: string; subject: Subject; people: Report | undefined; onSubject: (s: Subject) => void }) {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const teams = useReachableTeams();
  const others = (people?.subjects ?? []).filter((s) => s.id !== session.user.id);
  return (
    <div className="field field-inline">
      <label htmlFor="kpi-subject">{t('kpis.whose')}</label>
      <select
        id="kpi-subject"
        className="select"
        value={`${subject.by}:${subject.id}`}
        onChange={(e) => {
          const [by, id] = e.target.value.split(':') as ['user' | 'team', string];
          onSubject({ by, id });
        }}
        data-testid="subject-select"
      >
        <option value={`user:${session.user.id}`}>{t('kpis.me', { name: session.user.name })}</option>
        {others.length > 0 && (
          <optgroup label={t('kpis.people')}>
            {others.map((s) => (
              <option key={s.id} value={`user:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
        )}
        {(teams.data ?? []).length > 0 && (
          <optgroup label={t('kpis.teams')}>
            {(teams.data ?? []).map((x) => (
              <option key={x.id} value={`team:${x.id}`}>
                {x.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

/** The last six periods of one KPI against its targets (closed periods as frozen). */
function HistoryCard({ period, subject, kpi, currency }: { period: string; subject: Subject; kpi: Kpi; currency: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const label = usePeriodLabel();
  const q = useKpiHistory(period, subject, kpi.key);
  const h = q.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the data or the language changes; the formatters are new closures each render
  const option = useMemo(() => {
    if (!h) return null;
    const points = h.periods.map((p) => ({ key: p.period, closed: p.closed, row: p.rows.find((r) => r.kpi === kpi.key) }));
    const v = (x: number | null | undefined) => (x === null || x === undefined ? null : x);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (x: number | null) => (x === null || x === undefined ? '—' : formatValue(fmt, kpi.unit, x, currency)),
      },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 40, containLabel: true },
      toolbox: savePng(t('analytics.savePng'), `kith-kpi-${kpi.key}-${period}`),
      xAxis: { type: 'category', data: points.map((p) => label(p.key)) },
      yAxis: { type: 'value', axisLabel: { formatter: (x: number) => formatAxis(fmt, kpi.unit, x, currency) } },
      series: [
        {
          name: t('kpis.col.value'),
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: { color: COLORS.value },
          data: points.map((p) => v(p.row?.value)),
        },
        {
          name: t('kpis.col.target'),
          type: 'line',
          symbol: 'circle',
          connectNulls: false,
          lineStyle: { type: 'dashed', color: COLORS.target },
          itemStyle: { color: COLORS.target },
          data: points.map((p) => v(p.row?.target)),
        },
      ],
    };
  }, [h, kpi, currency, lang]);
  return (
    <section className="card" aria-labelledby="kpi-history-title" data-testid="kpi-history">
      <div className="card-header">
        <h2 id="kpi-history-title">{t('kpis.historyOf', { name: kpiName(kpi, lang) })}</h2>
      </div>
      <div className="card-body">
        <p className="muted">{t('kpis.historyHelp')}</p>
        {option ? (
          <EChart option={option} label={t('kpis.historyOf', { name: kpiName(kpi, lang) })} height={280} testId="history-chart" />
        ) : (
          <div className="progress" />
        )}
      </div>
    </section>
  );
}
