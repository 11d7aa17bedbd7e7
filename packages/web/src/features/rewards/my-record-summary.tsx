import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { useFormat } from '../../lib/format.ts';
import { signedPoints, useRecord } from './rewards-data.ts';

/**
 * The signed-in member's own record in a few figures, for the role home pages: points this month and over the last
 * twelve months, bonus and penalties, and a link to the whole record. No chart (the home page stays light).
 */
export function MyRecordSummary() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const me = useRequiredSession().user.id;
  const record = useRecord(me, can('rewards.read'));
  if (!can('rewards.read')) return null;
  const r = record.data;
  const month = r?.months.at(-1);
  return (
    <section className="card" aria-labelledby="my-record-summary" data-testid="my-record-summary">
      <div className="card-header">
        <h2 id="my-record-summary">{t('rewards.summary.title')}</h2>
        <span className="spacer" />
        <Link href="/rewards?tab=record" className="btn btn-sm btn-ghost">
          {t('rewards.summary.open')}
        </Link>
      </div>
      <div className="card-body">
        {record.isPending ? (
          <div className="progress" aria-busy="true" />
        ) : !r || r.entries.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            {t('rewards.summary.empty')}
          </p>
        ) : (
          <dl className="row" style={{ flexWrap: 'wrap', gap: 'var(--s4)', margin: 0 }}>
            <div>
              <dt className="muted">{t('rewards.summary.thisMonth')}</dt>
              <dd style={{ margin: 0, fontWeight: 650 }}>{signedPoints(fmt, month?.points ?? 0)}</dd>
            </div>
            <div>
              <dt className="muted">{t('rewards.summary.year')}</dt>
              <dd style={{ margin: 0, fontWeight: 650 }}>{signedPoints(fmt, r.totals.points)}</dd>
            </div>
            <div>
              <dt className="muted">{t('rewards.record.bonus')}</dt>
              <dd style={{ margin: 0 }}>{fmt.money(r.totals.bonus, r.currency)}</dd>
            </div>
            <div>
              <dt className="muted">{t('rewards.record.penalty')}</dt>
              <dd style={{ margin: 0 }}>{fmt.money(r.totals.penalty, r.currency)}</dd>
            </div>
          </dl>
        )}
      </div>
    </section>
  );
}
