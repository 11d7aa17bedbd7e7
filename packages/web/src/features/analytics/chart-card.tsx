import type { ReactNode } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { EChart } from './echart.tsx';

/** A CSV of a chart's data, downloaded in the browser (UTF-8 with a BOM, so Excel reads Vietnamese). */
export function downloadCsv(name: string, rows: (string | number | null)[][]) {
  const cell = (c: string | number | null) => (c === null ? '' : typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c));
  const text = `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The PNG button of a chart (ECharts' own, drawn in its corner). */
export const savePng = (title: string, name: string) => ({ right: 0, top: 0, feature: { saveAsImage: { title, name } } });

/**
 * One chart on an analytics page: a titled card with a line of help, the chart (saved as PNG from its
 * corner) and its data as CSV; `empty` stands in when there is nothing to draw.
 */
export function ChartCard({
  id,
  title,
  help,
  option,
  csv,
  height = 320,
  empty,
  children,
}: {
  id: string;
  title: string;
  help?: ReactNode;
  option: EChartsCoreOption | null;
  csv: (() => { name: string; rows: (string | number | null)[][] }) | null;
  height?: number;
  empty?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={`card-${id}`}>
      <div className="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
        <span className="spacer" />
        {csv && option && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              const d = csv();
              downloadCsv(d.name, d.rows);
            }}
          >
            {t('analytics.csv')}
          </button>
        )}
      </div>
      <div className="card-body">
        {help && <p className="muted">{help}</p>}
        {option ? <EChart option={option} label={title} testId={`chart-${id}`} height={height} /> : <p className="muted">{empty}</p>}
        {children}
      </div>
    </section>
  );
}
