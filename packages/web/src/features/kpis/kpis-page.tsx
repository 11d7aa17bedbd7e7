import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { parsePeriod } from '@kith/domain/kpis/kpis.ts';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { useFormat } from '../../lib/format.ts';
import { type Subject, useCurrentPeriod, useKpiReport, usePeopleReach, usePeriodLabel } from './kpi-data.ts';
import { LeaderboardTab } from './kpi-leaderboard.tsx';
import { PeriodPicker } from './kpi-parts.tsx';
import { PeriodsTab } from './kpi-periods.tsx';
import { PlansTab } from './kpi-plans.tsx';
import { ScorecardTab } from './kpi-scorecard.tsx';
import { SettingsTab } from './kpi-settings.tsx';
import { TargetsTab } from './kpi-targets.tsx';
import { formatShare } from './kpi-format.ts';

const TABS = ['scorecard', 'leaderboard', 'targets', 'periods', 'settings', 'plans'] as const;
type Tab = (typeof TABS)[number];

/** "user:<id>" or "team:<id>" in the address, so a scorecard can be linked to. */
const subjectOf = (s: string | null): Subject | null => {
  const m = /^(user|team):([0-9a-f-]{36})$/i.exec(s ?? '');
  return m ? { by: m[1] as 'user' | 'team', id: m[2]! } : null;
};

/**
 * KPIs (issue 20): a period's scorecard of a person or team against targets, the leaderboard, the targets grid, the
 * closed periods, the KPI definitions and weights, and the plans per customer segment. Tabs appear by permission
 * (docs/permissions.md); whose figures are shown is the people scope, which the server enforces.
 */
export default function KpisPage() {
  const { t } = useTranslation();
  const can = useCan();
  const reach = usePeopleReach();
  const session = useRequiredSession();
  const fmt = useFormat();
  const label = usePeriodLabel();
  const current = useCurrentPeriod('month');
  const [params, setParams] = useSearchParams();
  const asked = params.get('period');
  const period = asked && parsePeriod(asked) ? asked : current;
  const subject = subjectOf(params.get('who')) ?? { by: 'user' as const, id: session.user.id };
  const available: Tab[] = TABS.filter((x) =>
    x === 'leaderboard'
      ? reach.others
      : x === 'targets'
        ? can('kpi_targets.manage')
        : x === 'settings'
          ? can('kpis.configure')
          : x === 'plans'
            ? can('analytics.read')
            : true,
  );
  const wanted = params.get('tab') as Tab | null;
  const tab: Tab = wanted && available.includes(wanted) ? wanted : 'scorecard';
  const set = (k: string, v: string | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v === null) n.delete(k);
        else n.set(k, v);
        return n;
      },
      { replace: true },
    );
  const report = useKpiReport(period, 'user');
  const info = report.data?.period;
  return (
    <div className="page kpis-page" data-testid="kpis-page">
      <div className="page-header">
        <div className="stack" style={{ gap: 2, minInlineSize: 0 }}>
          <h1>{t('kpis.title')}</h1>
          <span className="muted" data-testid="period-info">
            {label(period)}
            {info &&
              (info.closed
                ? ` · ${t('kpis.period.closedOn', { date: fmt.date(info.closedAt) })}`
                : info.elapsed <= 0
                  ? ` · ${t('kpis.period.notStarted')}`
                  : info.elapsed >= 1
                    ? ` · ${t('kpis.period.ended')}`
                    : ` · ${t('kpis.period.elapsed', { share: formatShare(fmt, Math.floor(info.elapsed * 100) / 100) })}`)}
          </span>
        </div>
        {info?.closed && (
          <span className="badge badge-neutral" data-testid="period-closed">
            {t('kpis.period.closed')}
          </span>
        )}
        <span className="spacer" />
        <PeriodPicker value={period} onChange={(k) => set('period', k === current ? null : k)} />
      </div>
      <div className="tabs" role="tablist" aria-label={t('kpis.tabsLabel')}>
        {available.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            id={`kpi-tab-${x}`}
            aria-selected={tab === x}
            aria-controls={`kpi-panel-${x}`}
            className="tab"
            onClick={() => set('tab', x === 'scorecard' ? null : x)}
            data-testid={`tab-${x}`}
          >
            {t(`kpis.tabs.${x}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`kpi-panel-${tab}`} aria-labelledby={`kpi-tab-${tab}`} className="kpi-panel">
        {tab === 'scorecard' && (
          <ScorecardTab
            period={period}
            subject={subject}
            onSubject={(s) => set('who', s.by === 'user' && s.id === session.user.id ? null : `${s.by}:${s.id}`)}
            onSetTargets={() => set('tab', 'targets')}
          />
        )}
        {tab === 'leaderboard' && <LeaderboardTab period={period} onOpen={(s) => setParams(new URLSearchParams({ period, who: `${s.by}:${s.id}` }))} />}
        {tab === 'targets' && <TargetsTab period={period} />}
        {tab === 'periods' && <PeriodsTab period={period} onPeriod={(k) => set('period', k)} />}
        {tab === 'settings' && <SettingsTab />}
        {tab === 'plans' && <PlansTab period={period} />}
      </div>
    </div>
  );
}
