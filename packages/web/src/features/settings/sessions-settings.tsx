import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { resetSession } from '../../app/session.tsx';
import { authApi } from '@kith/domain/auth/auth.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';

function browserOf(ua: string | null): string {
  if (!ua) return '—';
  const m = /(Edg|Chrome|Firefox|Safari)\/[\d.]+/.exec(ua);
  const os = /Windows|Mac OS X|Android|iPhone|Linux/.exec(ua)?.[0];
  return [m?.[1] === 'Edg' ? 'Edge' : m?.[1], os].filter(Boolean).join(' · ') || ua.slice(0, 40);
}

export function SessionsSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fmt = useFormat();
  const notify = useToast();
  const errorText = useErrorText();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: async () => (await call(authApi.sessions)).data.data });
  const end = useMutation({
    mutationFn: (id: string) => call(authApi.endSession, { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sessions'] }),
    onError: (e) => notify(errorText(e), 'error'),
  });
  const [withTokens, setWithTokens] = useState(false);
  const all = useMutation({
    mutationFn: () => call(authApi.logoutAll, { body: { revokeTokens: withTokens } }),
    onSuccess: () => {
      resetSession(qc, null);
    },
  });
  return (
    <section className="card">
      <div className="card-header">
        <h2>{t('settings.sessions')}</h2>
        <span className="spacer" />
        <label className="row" style={{ gap: 6 }}>
          <input type="checkbox" className="checkbox" checked={withTokens} onChange={(e) => setWithTokens(e.target.checked)} />
          {t('settings.logoutAllTokens')}
        </label>
        <Button
          size="sm"
          variant="danger"
          busy={all.isPending}
          onClick={() => window.confirm(t(withTokens ? 'settings.confirmLogoutAllTokens' : 'settings.confirmLogoutAll')) && all.mutate()}
        >
          {t('settings.logoutAll')}
        </Button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('settings.device')}</th>
            <th>{t('settings.ip')}</th>
            <th>{t('settings.created')}</th>
            <th>{t('settings.lastSeen')}</th>
            <th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(sessions.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>
                {browserOf(s.userAgent)} {s.current && <span className="badge badge-accent">{t('settings.thisDevice')}</span>}
              </td>
              <td className="mono">{s.ip ?? '—'}</td>
              <td>{fmt.dateTime(s.createdAt)}</td>
              <td>{fmt.relative(s.lastSeenAt)}</td>
              <td>
                {!s.current && (
                  <Button size="sm" variant="ghost" onClick={() => end.mutate(s.id)}>
                    {t('settings.endSession')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
