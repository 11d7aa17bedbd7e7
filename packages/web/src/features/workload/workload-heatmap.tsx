import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Peak } from '@kith/domain/workload/workload.api.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { EChart } from '../analytics/echart.tsx';

/** Monday first, as a Vietnamese week is read; the grid's weekdays are 0 Sunday to 6 Saturday. */
const ROWS = [1, 2, 3, 4, 5, 6, 0];
const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * The peak-time heatmap: tickets per on-duty agent by local hour (columns) and weekday (rows), coloured from calm to
 * the workspace's threshold and beyond; an hour with tickets and nobody on duty is marked. Below it, the flagged
 * hours in words (what a screen reader reads, and what to act on).
 */
export function PeakHeatmap({ peak }: { peak: Peak }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const day = (d: number) => t(`workload.weekday.${d}`);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the grid or the language changes; the formatters are new closures each render
  const option = useMemo(() => {
    // An hour nobody is on duty and no ticket came is left blank: the shifts show as the coloured band.
    const max = Math.max(peak.threshold * 1.5, ...peak.slots.map((s) => s.ratio ?? 0));
    const data = peak.slots.map((s) => [
      s.hour,
      ROWS.indexOf(s.weekday),
      s.flag === 'uncovered' ? max : s.onDuty === 0 ? '-' : (s.ratio ?? 0),
      s.tickets,
      s.onDuty,
      s.flag ?? '',
    ]);
    return {
      tooltip: {
        formatter: (p: { data: [number, number, number, number, number, string] }) => {
          const [h, r, , tickets, onDuty, flag] = p.data;
          const s = peak.slots.find((x) => x.weekday === ROWS[r] && x.hour === h)!;
          return [
            `${day(ROWS[r]!)} ${hour(h)}–${hour(h + 1)}`,
            t('workload.peak.tipTickets', { n: fmt.number(tickets) }),
            t('workload.peak.tipOnDuty', { n: fmt.number(onDuty) }),
            s.ratio === null ? '' : t('workload.peak.tipRatio', { n: fmt.number(s.ratio) }),
            flag ? `<b>${enumLabel('peakFlag', flag)}</b>` : '',
          ]
            .filter(Boolean)
            .join('<br/>');
        },
      },
      grid: { left: 80, right: 16, top: 40, bottom: 48 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => String(h)),
        name: t('workload.peak.hour'),
        nameLocation: 'middle',
        nameGap: 28,
        splitArea: { show: true },
      },
      yAxis: { type: 'category', inverse: true, data: ROWS.map(day), splitArea: { show: true } },
      visualMap: {
        min: 0,
        max,
        // The value is the third of each item (hour, weekday, tickets per agent, …): not the last, the flag.
        dimension: 2,
        calculable: false,
        orient: 'horizontal',
        right: 16,
        top: 0,
        itemHeight: 120,
        text: [t('workload.peak.busy'), t('workload.peak.calm')],
        inRange: { color: ['#f0fdfa', '#5eead4', '#fbbf24', '#dc2626'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: true,
            fontSize: 10,
            formatter: (p: { data: [number, number, number, number, number, string] }) =>
              p.data[5] === 'uncovered' ? '!' : p.data[3] > 0 ? fmt.number(Math.round(p.data[2] * 10) / 10) : '',
          },
        },
      ],
    };
  }, [peak, i18n.language]);
  const flagged = peak.slots
    .filter((s) => s.flag !== null)
    .sort((a, b) => (a.flag === b.flag ? (b.ratio ?? 0) - (a.ratio ?? 0) : a.flag === 'uncovered' ? -1 : 1))
    .slice(0, 8);
  return (
    <div className="stack">
      <EChart option={option} label={t('workload.peak.chartLabel', { weeks: peak.weeks })} height={340} testId="peak-heatmap" />
      <p className="muted" style={{ margin: 0, fontSize: 'var(--text-xs)' }}>
        {t('workload.peak.legend', { tz: peak.timeZone, staff: peak.staff, tickets: fmt.number(peak.tickets) })}
      </p>
      {flagged.length > 0 ? (
        <div className="stack" style={{ gap: 'var(--s1)' }} data-testid="peak-flagged">
          <strong>{t('workload.peak.flaggedTitle')}</strong>
          <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
            {flagged.map((s) => (
              <li key={`${s.weekday}-${s.hour}`}>
                <span className={`badge ${s.flag === 'uncovered' ? 'badge-danger' : 'badge-warning'}`}>{enumLabel('peakFlag', s.flag)}</span> {day(s.weekday)}{' '}
                {hour(s.hour)}–{hour(s.hour + 1)}:{' '}
                {s.flag === 'uncovered'
                  ? t('workload.peak.uncoveredLine', { tickets: fmt.number(s.tickets) })
                  : t('workload.peak.highLine', { tickets: fmt.number(s.tickets), onDuty: fmt.number(s.onDuty), ratio: fmt.number(s.ratio ?? 0) })}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          {t('workload.peak.noneFlagged')}
        </p>
      )}
    </div>
  );
}
