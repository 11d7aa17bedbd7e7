import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { teamApi } from '@kith/domain/teams/team.api.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useMembers, useTeams } from '../../lib/workspace-data.ts';

export function TeamsSettings() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const teams = useTeams();
  const members = useMembers();
  const [name, setName] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['teams'] });
    void qc.invalidateQueries({ queryKey: ['members'] });
  };
  const create = useMutation({
    mutationFn: () => call(teamApi.create, { body: { name } }),
    onSuccess: () => {
      setName('');
      refresh();
    },
  });
  const del = useMutation({
    mutationFn: (id: string) => call(teamApi.remove, { params: { id } }),
    onSuccess: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const toggle = useMutation({
    mutationFn: (p: { teamId: string; userId: string; add: boolean }) =>
      call(p.add ? teamApi.addMember : teamApi.removeMember, { params: { id: p.teamId, userId: p.userId } }),
    onSuccess: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const manage = can('teams.manage');
  return (
    <div className="stack">
      {manage && (
        <form
          className="row"
          style={{ alignItems: 'flex-end' }}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextField
            label={t('settings.newTeam')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(create.error, '/name') ?? (create.isError ? errorText(create.error) : undefined)}
          />
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('common.create')}
          </Button>
        </form>
      )}
      {teams.data?.length === 0 && <p className="muted">{t('settings.noTeams')}</p>}
      {(teams.data ?? []).map((team) => (
        <section key={team.id} className="card">
          <div className="card-header">
            <h2>{team.name}</h2>
            <span className="muted">{t('settings.memberCount', { count: team.memberIds.length })}</span>
            <span className="spacer" />
            {manage && (
              <Button size="sm" variant="ghost" onClick={() => window.confirm(t('settings.confirmDeleteTeam', { name: team.name })) && del.mutate(team.id)}>
                {t('record.delete')}
              </Button>
            )}
          </div>
          <div className="card-body chips">
            {(members.data ?? []).map((m) => {
              const inTeam = team.memberIds.includes(m.userId);
              return manage ? (
                <label key={m.userId} className="filter-chip">
                  <input
                    type="checkbox"
                    className="checkbox"
                    checked={inTeam}
                    onChange={(e) => toggle.mutate({ teamId: team.id, userId: m.userId, add: e.target.checked })}
                  />
                  {m.name}
                </label>
              ) : inTeam ? (
                <span key={m.userId} className="badge">
                  {m.name}
                </span>
              ) : null;
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
