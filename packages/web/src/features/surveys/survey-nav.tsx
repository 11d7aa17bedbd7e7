import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useCan } from '../../app/session.tsx';

/**
 * The customer-experience pages' heading and tabs: the surveys, their results (NPS and CSAT), and the care
 * reports (SLA attainment, loyalty tiers, referrers). `actions` go at the end of the heading.
 */
export function SurveyNav({ title, actions }: { title: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  const [loc] = useLocation();
  const tabs = [
    { href: '/surveys', label: t('surveys.tabs.surveys') },
    { href: '/surveys/results', label: t('surveys.tabs.results') },
    ...(can('surveys.read') ? [{ href: '/surveys/reports', label: t('surveys.tabs.reports') }] : []),
  ];
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        <span className="spacer" />
        {actions}
      </div>
      <nav className="tabs" aria-label={t('surveys.tabsLabel')}>
        {tabs.map((tab) => (
          <Link key={tab.href} href={tab.href} className="tab" aria-current={loc === tab.href ? 'page' : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
