import { Suspense, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { Menu } from '../components/ui/menu.tsx';
import { call } from '../lib/api-call.ts';
import { authApi } from '@kith/domain/auth/auth.api.ts';
import { taskApi } from '@kith/domain/tasks/task.api.ts';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { LANGUAGES } from '../lib/i18n.ts';
import { initials } from '../lib/formatters.ts';
import { lazyRoute } from '../lib/lazy-route.ts';
import { currentTheme, setTheme, type Theme } from '../lib/theme.ts';
import { GlobalSearch } from '../features/search/global-search.tsx';
import { useChangeLanguage } from './language-switch.tsx';
import { resetSession, useCan, useRequiredSession } from './session.tsx';
import { Icon } from '../components/ui/icons.tsx';

const ContactsPage = lazyRoute(() => import('../features/contacts/contacts-page.tsx'));
const HomePage = lazyRoute(() => import('../features/home/home-page.tsx'));
const ContactPage = lazyRoute(() => import('../features/contacts/contact-page.tsx'));
const CompaniesPage = lazyRoute(() => import('../features/companies/companies-page.tsx'));
const CompanyPage = lazyRoute(() => import('../features/companies/company-page.tsx'));
const SettingsPage = lazyRoute(() => import('../features/settings/settings-page.tsx'));
const OrdersPage = lazyRoute(() => import('../features/orders/orders-page.tsx'));
const OrderPage = lazyRoute(() => import('../features/orders/order-page.tsx'));
const ProductsPage = lazyRoute(() => import('../features/products/products-page.tsx'));
const TasksPage = lazyRoute(() => import('../features/tasks/tasks-page.tsx'));
const ImportsPage = lazyRoute(() => import('../features/imports/imports-page.tsx'));
const DuplicatesPage = lazyRoute(() => import('../features/duplicates/duplicates-page.tsx'));
const DealsPage = lazyRoute(() => import('../features/deals/deals-page.tsx'));
const AnalyticsPage = lazyRoute(() => import('../features/analytics/analytics-page.tsx'));
const SegmentsPage = lazyRoute(() => import('../features/segments/segments-page.tsx'));
const TicketsPage = lazyRoute(() => import('../features/tickets/tickets-page.tsx'));
const TicketPage = lazyRoute(() => import('../features/tickets/ticket-page.tsx'));
const SurveysPage = lazyRoute(() => import('../features/surveys/surveys-page.tsx'));
const SurveyBuilderPage = lazyRoute(() => import('../features/surveys/survey-builder.tsx'));
const SurveyResultsPage = lazyRoute(() => import('../features/surveys/survey-results-page.tsx'));
const CareReportsPage = lazyRoute(() => import('../features/surveys/care-reports-page.tsx'));
const PlaybooksPage = lazyRoute(() => import('../features/playbooks/playbooks-page.tsx'));
const PlaybookEditorPage = lazyRoute(() => import('../features/playbooks/playbook-editor.tsx'));
const AssessmentsPage = lazyRoute(() => import('../features/assessment/assessments-page.tsx'));
const AssessmentPage = lazyRoute(() => import('../features/assessment/assessment-page.tsx'));
const FrameworksPage = lazyRoute(() => import('../features/assessment/frameworks-page.tsx'));
const TrainingPage = lazyRoute(() => import('../features/training/training-page.tsx'));
const WorkloadPage = lazyRoute(() => import('../features/workload/workload-page.tsx'));
const RewardsPage = lazyRoute(() => import('../features/rewards/rewards-page.tsx'));
const KpisPage = lazyRoute(() => import('../features/kpis/kpis-page.tsx'));
const ROUTES: [RegExp, { preload: () => Promise<unknown> }][] = [
  [/^\/$/, HomePage],
  [/^\/contacts\/?$/, ContactsPage],
  [/^\/contacts\/[^/]+/, ContactPage],
  [/^\/companies\/?$/, CompaniesPage],
  [/^\/companies\/[^/]+/, CompanyPage],
  [/^\/settings/, SettingsPage],
  [/^\/orders\/?$/, OrdersPage],
  [/^\/orders\/[^/]+/, OrderPage],
  [/^\/products/, ProductsPage],
  [/^\/tasks/, TasksPage],
  [/^\/imports/, ImportsPage],
  [/^\/duplicates/, DuplicatesPage],
  [/^\/deals/, DealsPage],
  [/^\/analytics/, AnalyticsPage],
  [/^\/segments/, SegmentsPage],
  [/^\/tickets\/?$/, TicketsPage],
  [/^\/tickets\/[^/]+/, TicketPage],
  [/^\/surveys\/?$/, SurveysPage],
  [/^\/surveys\/results/, SurveyResultsPage],
  [/^\/surveys\/reports/, CareReportsPage],
  [/^\/surveys\/[^/]+/, SurveyBuilderPage],
  [/^\/playbooks\/?$/, PlaybooksPage],
  [/^\/playbooks\/[^/]+/, PlaybookEditorPage],
  [/^\/assessments\/?$/, AssessmentsPage],
  [/^\/assessments\/frameworks/, FrameworksPage],
  [/^\/assessments\/[^/]+/, AssessmentPage],
  [/^\/training/, TrainingPage],
  [/^\/workload/, WorkloadPage],
  [/^\/rewards/, RewardsPage],
  [/^\/kpis/, KpisPage],
];

/** Start loading the page for this path now (while the session is being asked for), the others when idle. */
export function preloadRoutes(path: string): Promise<unknown> {
  const first = ROUTES.find(([re]) => re.test(path))?.[1];
  const rest = () => ROUTES.forEach(([, r]) => void r.preload().catch(() => undefined));
  if ('requestIdleCallback' in window) requestIdleCallback(rest, { timeout: 3000 });
  else setTimeout(rest, 1500);
  return first ? first.preload().catch(() => undefined) : Promise.resolve();
}

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [loc] = useLocation();
  const active = loc === href || loc.startsWith(`${href}/`);
  return (
    <Link href={href} className="nav-link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const s = useRequiredSession();
  const can = useCan();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <span className="stack" style={{ gap: 0, minInlineSize: 0 }}>
            <span>Kith</span>
            <span className="workspace-name" data-testid="workspace-name">
              {s.workspace.name}
            </span>
          </span>
        </div>
        <NavLink href="/">
          <Icon name="home" /> {t('nav.home')}
        </NavLink>
        <NavLink href="/contacts">
          <Icon name="contacts" /> {t('nav.contacts')}
        </NavLink>
        <NavLink href="/companies">
          <Icon name="company" /> {t('nav.companies')}
        </NavLink>
        <NavLink href="/tasks">
          <Icon name="check" /> {t('nav.tasks')}
          <TaskBadge />
        </NavLink>
        {can('tickets.read') && (
          <NavLink href="/tickets">
            <Icon name="message" /> {t('nav.tickets')}
            <TicketBadge />
          </NavLink>
        )}
        {can('surveys.read') && (
          <NavLink href="/surveys">
            <Icon name="star" /> {t('nav.surveys')}
          </NavLink>
        )}
        {can('playbooks.read') && (
          <NavLink href="/playbooks">
            <Icon name="clock" /> {t('nav.playbooks')}
          </NavLink>
        )}
        <NavLink href="/deals">
          <Icon name="sparkles" /> {t('nav.deals')}
        </NavLink>
        <NavLink href="/orders">
          <Icon name="cart" /> {t('nav.orders')}
        </NavLink>
        <NavLink href="/products">
          <Icon name="box" /> {t('nav.products')}
        </NavLink>
        <NavLink href="/segments">
          <Icon name="filter" /> {t('nav.segments')}
        </NavLink>
        {can('analytics.read') && (
          <NavLink href="/analytics">
            <Icon name="chart" /> {t('nav.analytics')}
          </NavLink>
        )}
        {can('assessments.read') && (
          <NavLink href="/assessments">
            <Icon name="tick" /> {t('nav.assessments')}
          </NavLink>
        )}
        {can('training.read') && (
          <NavLink href="/training">
            <Icon name="star" /> {t('nav.training')}
          </NavLink>
        )}
        {can('workload.read') && (
          <NavLink href="/workload">
            <Icon name="clock" /> {t('nav.workload')}
          </NavLink>
        )}
        {can('rewards.read') && (
          <NavLink href="/rewards">
            <Icon name="gift" /> {t('nav.rewards')}
          </NavLink>
        )}
        {can('kpis.read') && (
          <NavLink href="/kpis">
            <Icon name="target" /> {t('nav.kpis')}
          </NavLink>
        )}
        <span className="spacer" />
        {can('imports.read') && (
          <NavLink href="/imports">
            <Icon name="upload" /> {t('nav.imports')}
          </NavLink>
        )}
        <NavLink href="/settings">
          <Icon name="settings" /> {t('nav.settings')}
        </NavLink>
      </nav>
      <header className="topbar">
        <GlobalSearch />
        <span className="spacer" />
        <UserMenu />
      </header>
      <main className="main" id="main">
        <Suspense
          fallback={
            <div className="page" aria-busy="true">
              <div className="progress" />
            </div>
          }
        >
          <Switch>
            <Route path="/" component={HomePage} />
            <Route path="/contacts" component={ContactsPage} />
            <Route path="/contacts/:id" component={ContactPage} />
            <Route path="/companies" component={CompaniesPage} />
            <Route path="/companies/:id" component={CompanyPage} />
            <Route path="/tasks" component={TasksPage} />
            <Route path="/orders" component={OrdersPage} />
            <Route path="/orders/:id" component={OrderPage} />
            <Route path="/products" component={ProductsPage} />
            <Route path="/imports" component={ImportsPage} />
            <Route path="/duplicates" component={DuplicatesPage} />
            <Route path="/deals" component={DealsPage} />
            <Route path="/analytics" component={AnalyticsPage} />
            <Route path="/segments" component={SegmentsPage} />
            <Route path="/tickets" component={TicketsPage} />
            <Route path="/tickets/:id" component={TicketPage} />
            <Route path="/surveys" component={SurveysPage} />
            <Route path="/surveys/results" component={SurveyResultsPage} />
            <Route path="/surveys/reports" component={CareReportsPage} />
            <Route path="/surveys/new" component={SurveyBuilderPage} />
            <Route path="/surveys/:id" component={SurveyBuilderPage} />
            <Route path="/playbooks" component={PlaybooksPage} />
            <Route path="/playbooks/new" component={PlaybookEditorPage} />
            <Route path="/playbooks/:id" component={PlaybookEditorPage} />
            <Route path="/assessments" component={AssessmentsPage} />
            <Route path="/assessments/frameworks" component={FrameworksPage} />
            <Route path="/assessments/:id" component={AssessmentPage} />
            <Route path="/imports/:id" component={ImportsPage} />
            <Route path="/workload" component={WorkloadPage} />
            <Route path="/rewards" component={RewardsPage} />
            <Route path="/settings" nest component={SettingsPage} />
            <Route path="/training" component={TrainingPage} />
            <Route path="/kpis" component={KpisPage} />
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="empty">
        <h1>{t('errors.pageNotFound')}</h1>
        <Link href="/contacts">{t('nav.contacts')}</Link>
      </div>
    </div>
  );
}

function UserMenu() {
  const { t, i18n } = useTranslation();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const changeLanguage = useChangeLanguage();
  const [theme, setThemeState] = useState<Theme>(currentTheme());
  const canSwitch = s.workspaces.length > 1;
  const signOut = async () => {
    await call(authApi.logout).catch(() => {});
    resetSession(qc, null);
    navigate('/', { replace: true });
  };
  const nextTheme: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <Menu
      align="end"
      label={
        <>
          <span className="brand-mark" style={{ inlineSize: 24, blockSize: 24, borderRadius: 999, fontSize: 12 }} aria-hidden="true">
            {initials(s.user.name)}
          </span>
          <span className="nowrap">{s.user.name}</span>
        </>
      }
      buttonClassName="btn btn-ghost"
      items={[
        { key: 'profile', label: t('nav.profile'), onSelect: () => navigate('/settings/profile') },
        ...LANGUAGES.filter((l) => l !== i18n.language).map((l) => ({
          key: `lang-${l}`,
          label: `${t('settings.language')}: ${t(`languages.${l}`)}`,
          onSelect: () => void changeLanguage(l),
        })),
        {
          key: 'theme',
          label: nextTheme === 'dark' ? t('nav.darkTheme') : t('nav.lightTheme'),
          onSelect: () => {
            setTheme(nextTheme);
            setThemeState(nextTheme);
          },
        },
        ...(canSwitch
          ? [
              { key: 'sep-ws', separator: true as const },
              ...s.workspaces
                .filter((w) => w.id !== s.workspace.id)
                .map((w) => ({
                  key: `ws-${w.id}`,
                  label: t('nav.switchTo', { name: w.name }),
                  onSelect: async () => {
                    const { data: next } = await call(authApi.switchWorkspace, { body: { workspaceId: w.id } });
                    resetSession(qc, next);
                    navigate('/contacts');
                  },
                })),
            ]
          : []),
        { key: 'sep', separator: true },
        { key: 'signout', label: t('nav.signOut'), onSelect: () => void signOut() },
      ]}
    />
  );
}

/** The reminder on the navigation: how many of my tasks are overdue or due today. */
function TaskBadge() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['tasks', 'summary'], queryFn: async () => (await call(taskApi.summary)).data, refetchInterval: 60_000, staleTime: 30_000 });
  const n = (q.data?.overdue ?? 0) + (q.data?.today ?? 0);
  if (!n) return null;
  return (
    <span
      className={`badge ${q.data?.overdue ? 'badge-danger' : 'badge-warning'}`}
      style={{ marginInlineStart: 'auto' }}
      data-testid="task-badge"
      aria-label={t('tasks.badge', { count: n })}
    >
      {n}
    </span>
  );
}

/** On the navigation: how many open tickets in my reach are about to miss (or have missed) their SLA. */
function TicketBadge() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['tickets', 'counts'],
    queryFn: async ({ signal }) => (await call(ticketApi.counts, { signal })).data,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  const n = q.data?.breaching ?? 0;
  if (!n) return null;
  return (
    <span className="badge badge-danger" style={{ marginInlineStart: 'auto' }} data-testid="ticket-badge" aria-label={t('tickets.badge', { count: n })}>
      {n}
    </span>
  );
}
