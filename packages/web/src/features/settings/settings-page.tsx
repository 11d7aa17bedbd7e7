import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { useCan } from '../../app/session.tsx';
import { CareSettingsPage } from './care-settings.tsx';
import { FieldsSettings } from './fields-settings.tsx';
import { LoyaltySettingsPage } from './loyalty-settings.tsx';
import { MailSettingsPage } from './mail-settings.tsx';
import { MembersSettings } from './members-settings.tsx';
import { PipelinesSettings } from './pipelines-settings.tsx';
import { ProfileSettings } from './profile-settings.tsx';
import { RolesSettings } from './roles-settings.tsx';
import { SessionsSettings } from './sessions-settings.tsx';
import { TeamsSettings } from './teams-settings.tsx';
import { TokensSettings } from './tokens-settings.tsx';
import { WorkspaceSettings } from './workspace-settings.tsx';

/** Settings, by role: everyone has their profile, sessions and tokens; admins the workspace's. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [loc] = useLocation();
  const tabs = [
    { href: '/profile', label: t('settings.tabs.profile') },
    { href: '/workspace', label: t('settings.tabs.workspace') },
    { href: '/members', label: t('settings.tabs.members') },
    { href: '/teams', label: t('settings.tabs.teams') },
    { href: '/roles', label: t('settings.tabs.roles') },
    { href: '/fields', label: t('settings.tabs.fields') },
    { href: '/pipelines', label: t('settings.tabs.pipelines') },
    ...(can('care.configure') || can('canned_replies.manage') ? [{ href: '/care', label: t('settings.tabs.care') }] : []),
    ...(can('care.configure') ? [{ href: '/mail', label: t('settings.tabs.mail') }] : []),
    ...(can('loyalty.configure') ? [{ href: '/loyalty', label: t('settings.tabs.loyalty') }] : []),
    { href: '/tokens', label: t('settings.tabs.tokens') },
    { href: '/sessions', label: t('settings.tabs.sessions') },
  ];
  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      <nav className="tabs" aria-label={t('settings.title')} style={{ flexWrap: 'wrap' }}>
        {tabs.map((tab) => (
          <Link key={tab.href} href={tab.href} className="tab" aria-current={loc === tab.href ? 'page' : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/">
          <Redirect to="/profile" replace />
        </Route>
        <Route path="/profile" component={ProfileSettings} />
        <Route path="/workspace" component={WorkspaceSettings} />
        <Route path="/members" component={MembersSettings} />
        <Route path="/teams" component={TeamsSettings} />
        <Route path="/roles" component={RolesSettings} />
        <Route path="/fields" component={FieldsSettings} />
        <Route path="/pipelines" component={PipelinesSettings} />
        <Route path="/care" component={CareSettingsPage} />
        <Route path="/mail" component={MailSettingsPage} />
        <Route path="/loyalty" component={LoyaltySettingsPage} />
        <Route path="/tokens" component={TokensSettings} />
        <Route path="/sessions" component={SessionsSettings} />
      </Switch>
    </div>
  );
}
