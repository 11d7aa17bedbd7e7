import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { MyRecord } from './my-record.tsx';
import { ProposeDialog } from './propose-dialog.tsx';
import { RewardList } from './reward-list.tsx';
import { RulesPanel } from './rules-panel.tsx';

const TABS = ['record', 'entries', 'rules'] as const;
type Tab = (typeof TABS)[number];

/**
 * Rewards and penalties (issue 20): my record (approved entries, totals, points by month), the entries I may see
 * (filters, approve or reject with a note, withdraw my proposals, CSV), and the rules that propose entries when a
 * KPI period closes (published to everyone; owners and admins change them). Who sees what: docs/permissions.md.
 */
export default function RewardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const decides = can('rewards.approve') || can('rewards.propose');
  const [tab, setTab] = useState<Tab>(() => {
    const asked = new URLSearchParams(location.search).get('tab');
    return (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : decides ? 'entries' : 'record';
  });
  const [proposing, setProposing] = useState(false);
  const choose = (x: Tab) => {
    setTab(x);
    const u = new URL(location.href);
    u.searchParams.set('tab', x);
    history.replaceState(history.state, '', u);
  };
  return (
    <div className="page" data-testid="rewards-page">
      <div className="page-header">
        <h1>{t('rewards.title')}</h1>
        <span className="spacer" />
        {can('rewards.propose') && (
          <Button variant="primary" onClick={() => setProposing(true)} data-testid="propose-reward">
            <Icon name="plus" /> {t('rewards.propose')}
          </Button>
        )}
      </div>
      <p className="muted" style={{ marginBlock: 0 }}>
        {t('rewards.intro')}
      </p>
      <div className="tabs" role="tablist" aria-label={t('rewards.tabsLabel')}>
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            id={`tab-${x}`}
            aria-selected={tab === x}
            aria-controls={`panel-${x}`}
            className="tab"
            aria-current={tab === x ? 'page' : undefined}
            onClick={() => choose(x)}
            data-testid={`tab-${x}`}
          >
            {t(`rewards.tabs.${x}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'record' && <MyRecord />}
        {tab === 'entries' && <RewardList onPropose={can('rewards.propose') ? () => setProposing(true) : undefined} />}
        {tab === 'rules' && <RulesPanel />}
      </div>
      {proposing && <ProposeDialog onClose={() => setProposing(false)} />}
    </div>
  );
}
