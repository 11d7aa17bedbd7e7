import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { minorDigits } from '@kith/domain/money/money.ts';
import { analyticsApi } from '@kith/domain/analytics/analytics.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

/** Which sentence explains P(alive): the bands a person reads it in. */
const aliveBand = (p: number) => (p >= 0.8 ? 'high' : p >= 0.4 ? 'medium' : 'low');

/** The customer's value on their page (docs/models.md, the customer profile): RFM cells, segment, P(alive) in words, lifetime value. */
export function CustomerValue({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const session = useRequiredSession();
  const currency = session.workspace.currency;
  const q = useQuery({
    queryKey: ['contact', contactId, 'scores'],
    queryFn: async ({ signal }) => (await call(analyticsApi.contactScores, { params: { id: contactId }, signal })).data,
  });
  const s = q.data?.scores;
  const money = (major: number) => fmt.money(Math.round(major * 10 ** (minorDigits(currency) ?? 0)), currency);
  return (
    <section className="card" aria-labelledby="customer-value-title" data-testid="customer-value">
      <div className="card-header">
        <h2 id="customer-value-title">{t('value.title')}</h2>
        <span className="spacer" />
        {s && <span className="muted">{t('value.asOf', { date: fmt.date(`${s.asOf}T12:00:00Z`) })}</span>}
      </div>
      <div className="card-body">
        {q.isPending ? (
          <div className="progress" aria-busy="true" />
        ) : !s ? (
          <p className="muted">
            {q.data?.refreshedAt ? t('value.noPurchase') : t('value.none')}{' '}
            {can('analytics.refresh') && !q.data?.refreshedAt && <Link href="/analytics">{t('value.goCompute')}</Link>}
          </p>
        ) : (
          <div className="props">
            <span className="prop-label">{t('value.segment')}</span>
            <span data-testid="value-segment">
              <strong>{enumLabel('rfmSegment', s.segment)}</strong> · R{s.r} F{s.f} M{s.m}
            </span>
            <span className="prop-label">{t('value.rfm')}</span>
            <span>{t('value.rfmText', { days: fmt.number(s.recency), count: s.frequency, purchases: fmt.number(s.frequency), spend: money(s.monetary) })}</span>
            {s.pAlive !== null && (
              <>
                <span className="prop-label">{t('value.pAlive')}</span>
                <span data-testid="value-alive">
                  <strong>{fmt.number(Math.round(s.pAlive * 100))}%</strong> — {t(`value.alive.${aliveBand(s.pAlive)}`)}
                </span>
              </>
            )}
            {s.expectedPurchases !== null && (
              <>
                <span className="prop-label">{t('value.expected')}</span>
                <span>
                  {t('value.expectedText', {
                    purchases: fmt.number(Math.round(s.expectedPurchases * 10) / 10),
                    weeks: s.horizonWeeks,
                    spend: s.expectedSpend !== null ? money(s.expectedSpend) : '—',
                  })}
                </span>
              </>
            )}
            {s.clv !== null && (
              <>
                <span className="prop-label">{t('value.clv')}</span>
                <span data-testid="value-clv">
                  <strong>{money(s.clv)}</strong> <span className="muted">{t('value.clvHelp', { weeks: s.horizonWeeks })}</span>
                </span>
              </>
            )}
            {s.tier && (
              <>
                <span className="prop-label">{t('value.tier')}</span>
                <span data-testid="value-tier">
                  <span className={`badge${s.tier === 'most_valuable' ? ' badge-accent' : ''}`}>{enumLabel('valueTier', s.tier)}</span>{' '}
                  <span className="muted">{t(`tiers.help.${s.tier}`)}</span>
                </span>
              </>
            )}
            {s.pAlive === null && q.data?.note && (
              <>
                <span className="prop-label">{t('value.clv')}</span>
                <span className="muted">{t('value.notEnough')}</span>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** The customer's needs (IDIC's "differentiate by needs"): what they buy, by category; their interests; what customers like them also bought. */
export function CustomerNeeds({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const session = useRequiredSession();
  const currency = session.workspace.currency;
  const q = useQuery({
    queryKey: ['contact', contactId, 'needs'],
    queryFn: async ({ signal }) => (await call(analyticsApi.contactNeeds, { params: { id: contactId }, signal })).data,
  });
  const n = q.data;
  const money = (major: number) => fmt.money(Math.round(major * 10 ** (minorDigits(currency) ?? 0)), currency);
  return (
    <section className="card" aria-labelledby="customer-needs-title" data-testid="customer-needs">
      <div className="card-header">
        <h2 id="customer-needs-title">{t('needs.title')}</h2>
      </div>
      <div className="card-body stack">
        {q.isPending ? (
          <div className="progress" aria-busy="true" />
        ) : !n || (n.categories.length === 0 && n.interests.length === 0) ? (
          <p className="muted">{t('needs.none')}</p>
        ) : (
          <>
            {n.categories.length > 0 && (
              <div className="stack" style={{ gap: 'var(--s1)' }}>
                <span className="prop-label">{t('needs.categories')}</span>
                {n.categories.slice(0, 6).map((c) => (
                  <div key={c.category ?? '-'} className="stack" style={{ gap: 2 }}>
                    <span className="row" style={{ justifyContent: 'space-between' }}>
                      <span>{c.category ?? t('needs.uncategorised')}</span>
                      <span className="muted num">
                        {money(c.spend)} · {fmt.number(Math.round(c.share * 100))}%
                      </span>
                    </span>
                    <span
                      aria-hidden="true"
                      style={{
                        display: 'block',
                        blockSize: 6,
                        borderRadius: 3,
                        background: 'var(--accent, #0f766e)',
                        inlineSize: `${Math.max(2, c.share * 100)}%`,
                      }}
                    />
                  </div>
                ))}
              </div>
            )}
            {n.interests.length > 0 && (
              <p>
                <span className="prop-label">{t('needs.interests')}</span>{' '}
                {n.interests.map((i) => (
                  <span key={i} className="badge">
                    {i}
                  </span>
                ))}
              </p>
            )}
            <div className="stack" style={{ gap: 'var(--s1)' }} data-testid="needs-suggestions">
              <span className="prop-label">{t('needs.suggestions')}</span>
              {n.suggestions.length === 0 ? (
                <span className="muted">{t('needs.noSuggestions')}</span>
              ) : (
                n.suggestions.map((s) => (
                  <span key={s.product.id}>
                    <strong>{s.product.name}</strong>{' '}
                    <span className="muted">
                      {t('needs.because', {
                        product: s.because.name,
                        lift: fmt.number(Math.round(s.lift * 10) / 10),
                        share: fmt.number(Math.round(s.confidence * 100)),
                      })}
                    </span>
                  </span>
                ))
              )}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
