import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { useCan } from '../../app/session.tsx';
import { TrainingCatalogueTab } from './training-catalogue.tsx';
import { TrainingMatrixTab } from './training-matrix.tsx';
import { TrainingRecordsTab } from './training-records.tsx';

const TABS = ['matrix', 'records', 'catalogue'] as const;
type Tab = (typeof TABS)[number];

/**
 * Training and competencies: the competency matrix (the people in my scope × what their role requires, with the
 * coverage), a person's records (with evidence, and a form to record a course for those who may), and the
 * catalogue (courses, competencies, requirements per role — kept by owners and admins).
 */
export default function TrainingPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('tab') as Tab | null;
  const tab: Tab = wanted && TABS.includes(wanted) ? wanted : 'matrix';
  const choose = (x: Tab, person?: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('tab', x);
        if (person) n.set('person', person);
        return n;
      },
      { replace: true },
    );
  return (
    <div className="page" data-testid="training-page">
      <div className="page-header">
        <div className="stack" style={{ gap: 2 }}>
          <h1>{t('training.title')}</h1>
          <span className="muted">{t(can('training.record') ? 'training.subtitleManager' : 'training.subtitleMember')}</span>
        </div>
      </div>
      <div className="tabs" role="tablist" aria-label={t('training.tabsLabel')}>
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
            data-testid={`training-tab-${x}`}
          >
            {t(`training.tabs.${x}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} style={{ paddingBlockStart: 'var(--s4)' }}>
        {tab === 'matrix' && <TrainingMatrixTab onPerson={(id) => choose('records', id)} onCatalogue={() => choose('catalogue')} />}
        {tab === 'records' && <TrainingRecordsTab person={params.get('person') ?? ''} onPerson={(id) => choose('records', id)} />}
        {tab === 'catalogue' && <TrainingCatalogueTab />}
      </div>
    </div>
  );
}
