import { useTranslation } from 'react-i18next';

type Params = Record<string, string | undefined>;

/**
 * Download what a list shows (its search, filters and order) as CSV or Excel, streamed by the server
 * (`GET /api/v1/<list>/export`). `extra` adds other shapes of the same list (orders: one row per line).
 */
export function ExportLinks({ list, params, extra = [] }: { list: string; params: Params; extra?: { key: string; label: string; params: Params }[] }) {
  const { t } = useTranslation();
  const href = (format: 'csv' | 'xlsx', more: Params = {}) => {
    const q = new URLSearchParams({ format });
    for (const [k, v] of Object.entries({ ...params, ...more })) if (v !== undefined && v !== '') q.set(k, v);
    return `/api/v1/${list}/export?${q.toString()}`;
  };
  return (
    <span className="row" style={{ gap: 'var(--s1)' }}>
      <a className="btn" href={href('csv')} download data-testid="export-csv">
        {t('common.exportCsv')}
      </a>
      <a className="btn" href={href('xlsx')} download data-testid="export-xlsx">
        {t('common.exportXlsx')}
      </a>
      {extra.map((x) => (
        <a key={x.key} className="btn" href={href('csv', x.params)} download data-testid={`export-${x.key}`}>
          {x.label}
        </a>
      ))}
    </span>
  );
}
