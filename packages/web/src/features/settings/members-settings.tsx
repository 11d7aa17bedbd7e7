import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { canManageRole, ROLES, type Role } from '@kith/domain/permissions/permissions.ts';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { invitationApi } from '@kith/domain/invitations/invitation.api.ts';
import { memberApi } from '@kith/domain/members/member.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useMembers, useTeams } from '../../lib/workspace-data.ts';
import { enumLabel } from '../../lib/enum-label.ts';

export function MembersSettings() {
  const { t } = useTranslation();
  const s = useRequiredSession();
  const can = useCan();
  const qc = useQueryClient();
  const fmt = useFormat();
  const notify = useToast();
  const errorText = useErrorText();
  const members = useMembers();
  const teams = useTeams();
  const invitations = useQuery({ queryKey: ['invitations'], enabled: can('members.invite'), queryFn: async () => (await call(invitationApi.list)).data.data });
  const [invite, setInvite] = useState({ email: '', role: 'agent' as Role, teamId: '' });
  const [link, setLink] = useState<{ url: string; emailed: boolean } | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['members'] });
    void qc.invalidateQueries({ queryKey: ['invitations'] });
  };
  const sendInvite = useMutation({
    mutationFn: async () => (await call(invitationApi.create, { body: { email: invite.email, role: invite.role, teamId: invite.teamId || null } })).data,
    onSuccess: (r) => {
      setLink(r);
      setInvite((i) => ({ ...i, email: '' }));
      refresh();
    },
  });
  const changeRole = useMutation({
    mutationFn: (p: { userId: string; role: Role }) => call(memberApi.changeRole, { params: { userId: p.userId }, body: { role: p.role } }),
    onSuccess: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => call(memberApi.remove, { params: { userId } }),
    onSuccess: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(invitationApi.revoke, { params: { id } }),
    onSuccess: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const teamName = (id: string) => teams.data?.find((x) => x.id === id)?.name ?? '';
  const assignable = ROLES.filter((r) => canManageRole(s.role, r));

  return (
    <div className="stack">
      <section className="card">
        <div className="card-header">
          <h2>{t('settings.members')}</h2>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>{t('setup.name')}</th>
              <th>{t('auth.email')}</th>
              <th>{t('settings.role')}</th>
              <th>{t('settings.tabs.teams')}</th>
              <th>{t('settings.joined')}</th>
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(members.data ?? []).map((m) => {
              const manageable = can('members.update') && m.userId !== s.user.id && canManageRole(s.role, m.role as Role);
              return (
                <tr key={m.userId}>
                  <td>{m.name}</td>
                  <td>{m.email}</td>
                  <td>
                    {manageable ? (
                      <select
                        className="select"
                        style={{ inlineSize: 'auto' }}
                        aria-label={t('settings.roleOf', { name: m.name })}
                        value={m.role}
                        onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                      >
                        {assignable.map((r) => (
                          <option key={r} value={r}>
                            {enumLabel('role', r)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      enumLabel('role', m.role)
                    )}
                  </td>
                  <td>{m.teamIds.map(teamName).join(', ')}</td>
                  <td>{fmt.date(m.joinedAt)}</td>
                  <td>
                    {can('members.remove') && m.userId !== s.user.id && canManageRole(s.role, m.role as Role) && (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => window.confirm(t('settings.confirmRemove', { name: m.name })) && remove.mutate(m.userId)}
                      >
                        {t('settings.remove')}
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {can('members.invite') && (
        <section className="card">
          <div className="card-header">
            <h2>{t('settings.invitations')}</h2>
          </div>
          <div className="card-body stack">
            <form
              className="row"
              style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}
              onSubmit={(e) => {
                e.preventDefault();
                sendInvite.mutate();
              }}
            >
              <TextField
                label={t('auth.email')}
                type="email"
                value={invite.email}
                onChange={(e) => setInvite((i) => ({ ...i, email: e.target.value }))}
                error={fieldError(sendInvite.error, '/email')}
              />
              <SelectField
                label={t('settings.role')}
                value={invite.role}
                onChange={(e) => setInvite((i) => ({ ...i, role: e.target.value as Role }))}
                options={assignable.map((r) => ({ value: r, label: enumLabel('role', r) }))}
              />
              <SelectField
                label={t('settings.team')}
                value={invite.teamId}
                onChange={(e) => setInvite((i) => ({ ...i, teamId: e.target.value }))}
                options={[{ value: '', label: '—' }, ...(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))]}
              />
              <Button type="submit" variant="primary" busy={sendInvite.isPending}>
                {t('settings.invite')}
              </Button>
            </form>
            {sendInvite.isError && !fieldError(sendInvite.error, '/email') && (
              <div className="alert alert-error" role="alert">
                {errorText(sendInvite.error)}
              </div>
            )}
            {link && (
              <div className="alert alert-success stack" role="status">
                <span>{link.emailed ? t('settings.inviteEmailed') : t('settings.inviteLink')}</span>
                <div className="row">
                  <input className="input mono" readOnly value={link.url} aria-label={t('settings.inviteLinkLabel')} onFocus={(e) => e.target.select()} />
                  <Button size="sm" onClick={() => void navigator.clipboard?.writeText(link.url).then(() => notify(t('common.copied')))}>
                    {t('common.copy')}
                  </Button>
                </div>
              </div>
            )}
            <table className="table">
              <thead>
                <tr>
                  <th>{t('auth.email')}</th>
                  <th>{t('settings.role')}</th>
                  <th>{t('settings.status')}</th>
                  <th>{t('settings.expires')}</th>
                  <th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(invitations.data ?? []).map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{enumLabel('role', i.role)}</td>
                    <td>{enumLabel('invitationStatus', i.status)}</td>
                    <td>{fmt.date(i.expiresAt)}</td>
                    <td>
                      {i.status === 'pending' && (
                        <Button size="sm" variant="ghost" onClick={() => revoke.mutate(i.id)}>
                          {t('settings.revoke')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
                {invitations.data?.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t('settings.noInvitations')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
