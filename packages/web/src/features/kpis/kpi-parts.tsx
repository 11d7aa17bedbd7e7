import { useTranslation } from 'react-i18next';
import { parsePeriod, type PeriodKind } from '@kith/domain/kpis/kpis.ts';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { type Kpi, nextPeriod, periodsUpTo, type ReportRow, useCurrentPeriod, usePeriodLabel } from './kpi-data.ts';
import { formatAttainment, formatValue } from './kpi-format.ts';

/** The parts the KPI page and the home-page widgets share: the progress bar with its pace marker, the pace badge, the period picker. */

/**
 * How far a figure is toward its target: the bar fills to the attainment (capped at the end; the percentage says
 * how far beyond), the marker shows where a total should be by today (pace ÷ target) while the period runs.
 */
export function ProgressBar({ kpi, row, elapsed, currency, compact }: { kpi: Kpi; row: ReportRow; elapsed: number; currency: string; compact?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (row.target === null) return <span className="muted">{compact ? '—' : t('kpis.noTarget')}</span>;
  const a = row.attainment ?? 0;
  const state = row.attainment === null ? 'none' : a >= 1 ? 'done' : row.onPace === false ? 'behind' : 'on';
  const pace = kpi.cumulative && elapsed < 1 && row.target > 0 && row.pace !== null ? Math.min(1, row.pace / row.target) : null;
  const text = t('kpis.barText', {
    attainment: formatAttainment(fmt, row.attainment),
    value: formatValue(fmt, kpi.unit, row.value, currency),
    target: formatValue(fmt, kpi.unit, row.target, currency),
  });
  return (
    <div className={`kpi-progress${compact ? ' kpi-progress-compact' : ''}`}>
      <div
        className="kpi-bar"
        role="progressbar"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={Math.max(100, Math.round(a * 100))}
        aria-valuenow={Math.round(a * 100)}
        aria-valuetext={formatAttainment(fmt, row.attainment)}
        data-state={state}
      >
        <div className="kpi-bar-fill" style={{ inlineSize: `${Math.min(1, Math.max(0, a)) * 100}%` }} />
        {pace !== null && <span className="kpi-bar-pace" style={{ insetInlineStart: `${pace * 100}%` }} title={t('kpis.paceMarker')} />}
      </div>
      <span className="kpi-bar-label num">{formatAttainment(fmt, row.attainment)}</span>
    </div>
  );
}

/** On pace, behind, or — once the period is over — reached or not. */
export function PaceBadge({ row, elapsed }: { row: ReportRow; elapsed: number }) {
  const { t } = useTranslation();
  if (row.onPace === null) return null;
  const over = elapsed >= 1;
  return (
    <span className={`badge ${row.onPace ? 'badge-success' : 'badge-danger'}`} data-testid="pace">
      {t(over ? (row.onPace ? 'kpis.reached' : 'kpis.missed') : row.onPace ? 'kpis.onPace' : 'kpis.behindPace')}
    </span>
  );
}

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];

/** Month, quarter or year, and which one: the last two years of periods and the next one, with steps either way. */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const { t } = useTranslation();
  const label = usePeriodLabel();
  const p = parsePeriod(value);
  const kind = p?.kind ?? 'month';
  const currents: Record<PeriodKind, string> = { month: useCurrentPeriod('month'), quarter: useCurrentPeriod('quarter'), year: useCurrentPeriod('year') };
  const count = kind === 'month' ? 24 : kind === 'quarter' ? 8 : 5;
  const upTo = nextPeriod(parsePeriod(currents[kind])!).key;
  const options = periodsUpTo(upTo, count + 1).reverse();
  if (!options.includes(value)) options.push(value);
  const step = (d: -1 | 1) => {
    if (!p) return;
    const n = d === 1 ? nextPeriod(p).key : periodsUpTo(value, 2)[0]!;
    onChange(n);
  };
  return (
    <div className="toolbar kpi-period" data-testid="period-picker">
      <div className="segmented" role="group" aria-label={t('kpis.period.kind')}>
        {KINDS.map((k) => (
          <Button key={k} size="sm" variant={kind === k ? 'primary' : 'default'} aria-pressed={kind === k} onClick={() => onChange(currents[k])}>
            {t(`kpis.period.${k}`)}
          </Button>
        ))}
      </div>
      <button type="button" className="btn btn-sm btn-icon" aria-label={t('kpis.period.previous')} onClick={() => step(-1)}>
        <span aria-hidden="true">‹</span>
      </button>
      <label className="visually-hidden" htmlFor="kpi-period">
        {t('kpis.period.label')}
      </label>
      <select id="kpi-period" className="select select-sm" value={value} onChange={(e) => onChange(e.target.value)} data-testid="period-select">
        {options.map((k) => (
          <option key={k} value={k}>
            {label(k)}
            {k === currents[kind] ? ` · ${t('kpis.period.current')}` : ''}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-sm btn-icon" aria-label={t('kpis.period.next')} onClick={() => step(1)} disabled={value === upTo}>
        <span aria-hidden="true">›</span>
      </button>
      {value !== currents[kind] && (
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange(currents[kind])}>
          <Icon name="clock" /> {t('kpis.period.backToCurrent')}
        </button>
      )}
    </div>
  );
}
