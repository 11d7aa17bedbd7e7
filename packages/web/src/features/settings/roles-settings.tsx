import { useTranslation } from 'react-i18next';
import { ACTIONS, ROLES } from '@kith/domain/permissions/permissions.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/** The permission matrix the server enforces (docs/permissions.md), read-only. */
export function RolesSettings() {
  const { t } = useTranslation();
  return (
    <section className="card" style={{ overflow: 'auto' }}>
      <div className="card-header">
        <h2>{t('settings.rolesTitle')}</h2>
      </div>
      <div className="card-body muted">{t('settings.rolesIntro')}</div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('settings.action')}</th>
            {ROLES.map((r) => (
              <th key={r}>{enumLabel('role', r)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(ACTIONS).map(([action, grants]) => (
            <tr key={action}>
              <td>{enumLabel('permission', action)}</td>
              {ROLES.map((r) => {
                const g = grants[r];
                return (
                  <td key={r}>
                    {g === true ? (
                      <span aria-label={t('settings.grant.yes')}>✓</span>
                    ) : g === 'scoped' ? (
                      <span className="badge">{t('settings.grant.scoped')}</span>
                    ) : (
                      <span className="muted" aria-label={t('settings.grant.no')}>
                        —
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
