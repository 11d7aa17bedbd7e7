import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonWorkload, Workload } from '@kith/domain/workload/workload.api.ts';
import { useCan, useSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { ExportLinks } from '../../components/ui/export-links.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { enumLabel } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { CapacityDialog } from './capacity-dialog.tsx';
import { LoadBar, Overloaded } from './workload-parts.tsx';
import { usePeak, useWorkload } from './workload-data.ts';
import { PeakHeatmap } from './workload-heatmap.tsx';
import { WorkloadSettingsDialog } from './workload-settings.tsx';

/**
 * Workload (issue 20): for each person in the viewer's people scope, open tickets, deals and tasks against their
 * capacities (a bar each; near capacity and overloaded in colour, with the reason), the teams' totals and queues,
 * and the heatmap of tickets per on-duty agent by hour of the week. Capacities and shifts are edited here by
 * whoever may; every table downloads as CSV or Excel.
 */
export default function WorkloadPage() {
  const { t } = useTranslation();
  const can = useCan();
  const session = useSession();
  const errorText = useErrorText();
  const [teamId, setTeamId] = useState('');
  const [weeks, setWeeks] = useState(8);
  const [editing, setEditing] = useState<PersonWorkload | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const all = useWorkload(undefined);
  const w = useWorkload(teamId || undefined, teamId !== '');
  const data = teamId ? w.data : all.data;
  const peak = usePeak(weeks, teamId || undefined);
  const canConfigure = can('workload.configure');
  const canSettings = session?.role === 'owner' || session?.role === 'admin';
  const teams = all.data?.teams ?? [];
  const error = teamId ? w.error : all.error;

  return (
    <div className="page stack" style={{ gap: 'var(--s4)' }}>
      <div className="page-header">
        <h1>{t('workload.title')}</h1>
        <span className="spacer" />
        {teams.length > 0 && (
          <SelectField
            label={t('workload.team')}
            hideLabel
            value={teamId}
            onChange={(e) => setTeamId(e.target.value)}
            placeholder={t('workload.allTeams')}
            options={teams.map((x) => ({ value: x.teamId, label: x.name }))}
            data-testid="workload-team"
          />
        )}
        <ExportLinks
          list="workload"
          params={{ teamId: teamId || undefined }}
          extra={[
            { key: 'teams', label: t('workload.exportTeams'), params: { table: 'teams' } },
            { key: 'peak', label: t('workload.exportPeak'), params: { table: 'peak', weeks: String(weeks) } },
          ]}
        />
        {canSettings && (
          <Button onClick={() => setSettingsOpen(true)} data-testid="workload-settings">
            <Icon name="settings" /> {t('workload.settings.open')}
          </Button>
        )}
      </div>
      <p className="muted" style={{ marginBlock: 0 }}>
        {t('workload.intro')}
      </p>
      {error ? (
        <div className="alert alert-error" role="alert">
          {errorText(error)}
        </div>
      ) : !data ? (
        <div className="progress" aria-busy="true" />
      ) : (
        <>
          <Totals data={data} />
          <Overloaded people={data.people} />
          <section className="stack" aria-labelledby="wl-people">
            <h2 id="wl-people">{t('workload.people')}</h2>
            {data.people.length === 0 ? (
              <EmptyState icon={<Icon name="contacts" size={28} />} title={t('workload.noPeople')}>
                {t('workload.noPeopleHint')}
              </EmptyState>
            ) : (
              <>
                {data.people.every((p) => p.tickets.capacity === null && p.deals.capacity === null && p.tasks.capacity === null) && (
                  <div className="alert" role="note">
                    {canConfigure ? t('workload.noCapacityHint') : t('workload.noCapacity')}
                  </div>
                )}
                <div className="workload-people" data-testid="workload-people">
                  {data.people.map((p) => (
                    <PersonRow key={p.userId} p={p} teams={data} onEdit={canConfigure ? () => setEditing(p) : undefined} />
                  ))}
                </div>
              </>
            )}
          </section>
          {data.teams.length > 0 && <TeamTable data={data} />}
        </>
      )}
      <section className="card card-body stack" aria-labelledby="wl-peak" data-testid="workload-peak">
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <h2 id="wl-peak" style={{ margin: 0 }}>
            {t('workload.peak.title')}
          </h2>
          <span className="spacer" />
          <SelectField
            label={t('workload.peak.weeks')}
            hideLabel
            value={String(weeks)}
            onChange={(e) => setWeeks(Number(e.target.value))}
            options={[4, 8, 12, 26].map((n) => ({ value: String(n), label: t('workload.peak.lastWeeks', { count: n }) }))}
          />
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {t('workload.peak.intro', { threshold: peak.data?.threshold ?? data?.settings.peakThreshold ?? 3 })}
        </p>
        {peak.error ? (
          <div className="alert alert-error" role="alert">
            {errorText(peak.error)}
          </div>
        ) : !peak.data ? (
          <div className="progress" aria-busy="true" />
        ) : peak.data.tickets === 0 ? (
          <EmptyState icon={<Icon name="clock" size={28} />} title={t('workload.peak.empty', { count: peak.data.weeks })}>
            {t('workload.peak.emptyHint')}
          </EmptyState>
        ) : (
          <PeakHeatmap peak={peak.data} />
        )}
      </section>
      {editing && <CapacityDialog person={editing} settings={data?.settings ?? null} onClose={() => setEditing(null)} />}
      {settingsOpen && data && <WorkloadSettingsDialog settings={data.settings} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}

function Totals({ data }: { data: Workload }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queue = data.teams.reduce((s, x) => s + x.queue, 0);
  const stats: [string, number, string?][] = [
    [t('workload.totals.people'), data.totals.people],
    [t('workload.totals.overloaded'), data.totals.overloaded, data.totals.overloaded > 0 ? 'danger' : undefined],
    [t('workload.totals.warnings'), data.totals.warnings, data.totals.warnings > 0 ? 'warning' : undefined],
    [t('workload.totals.tickets'), data.totals.tickets],
    [t('workload.totals.queue'), queue, queue > 0 ? 'warning' : undefined],
    [t('workload.totals.deals'), data.totals.deals],
    [t('workload.totals.tasks'), data.totals.tasks],
    [t('workload.totals.overdue'), data.totals.overdueTasks, data.totals.overdueTasks > 0 ? 'warning' : undefined],
  ];
  return (
    <div className="workload-totals" data-testid="workload-totals">
      {stats.map(([label, n, tone]) => (
        <div key={label} className="workload-stat">
          <span className="muted">{label}</span>
          <strong style={tone ? { color: `var(--${tone})` } : undefined}>{fmt.number(n)}</strong>
        </div>
      ))}
    </div>
  );
}

function PersonRow({ p, teams, onEdit }: { p: PersonWorkload; teams: Workload; onEdit?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const teamNames = p.teamIds.map((id) => teams.teams.find((x) => x.teamId === id)?.name).filter(Boolean);
  return (
    <div className="workload-person" data-level={p.level} data-testid="workload-person" data-user={p.userId}>
      <div className="stack" style={{ gap: 2, minInlineSize: 0 }}>
        <strong className="row" style={{ gap: 'var(--s2)' }}>
          <span className="duty-dot" data-on={p.onDutyNow} title={p.onDutyNow ? t('workload.onDuty') : t('workload.offDuty')} />
          <bdi>{p.name}</bdi>
        </strong>
        <span className="muted" style={{ fontSize: 'var(--text-xs)' }}>
          {enumLabel('role', p.role)}
          {teamNames.length > 0 ? ` · ${teamNames.join(', ')}` : ''}
          {' · '}
          {p.onDutyNow ? t('workload.onDuty') : t('workload.offDuty')}
        </span>
        {p.level !== 'ok' && (
          <span className={`badge ${p.level === 'over' ? 'badge-danger' : 'badge-warning'}`} style={{ alignSelf: 'flex-start' }}>
            {enumLabel('workloadLevel', p.level)}
          </span>
        )}
      </div>
      <LoadBar label={enumLabel('workloadKind', 'tickets')} load={p.tickets} />
      <LoadBar label={enumLabel('workloadKind', 'deals')} load={p.deals} />
      <LoadBar
        label={enumLabel('workloadKind', 'tasks')}
        load={p.tasks}
        extra={p.tasks.overdue > 0 ? t('workload.overdue', { count: p.tasks.overdue }) : undefined}
      />
      <div>
        {onEdit && (
          <Button size="sm" onClick={onEdit} aria-label={t('workload.editFor', { name: p.name })}>
            {t('workload.edit')}
          </Button>
        )}
      </div>
    </div>
  );
}

function TeamTable({ data }: { data: Workload }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const of = (open: number, cap: number | null) => (cap === null ? fmt.number(open) : `${fmt.number(open)} / ${fmt.number(cap)}`);
  return (
    <section className="stack" aria-labelledby="wl-teams">
      <h2 id="wl-teams">{t('workload.teams')}</h2>
      <div style={{ overflowX: 'auto' }}>
        <table className="table" data-testid="workload-teams">
          <thead>
            <tr>
              <th>{t('workload.team')}</th>
              <th className="num">{t('workload.members')}</th>
              <th className="num">{t('workload.onDutyNow')}</th>
              <th className="num">{enumLabel('workloadKind', 'tickets')}</th>
              <th className="num">{t('workload.queue')}</th>
              <th className="num">{enumLabel('workloadKind', 'deals')}</th>
              <th className="num">{enumLabel('workloadKind', 'tasks')}</th>
              <th className="num">{t('workload.totals.overloaded')}</th>
            </tr>
          </thead>
          <tbody>
            {data.teams.map((x) => (
              <tr key={x.teamId}>
                <td>
                  <bdi>{x.name}</bdi>
                </td>
                <td className="num">{fmt.number(x.members)}</td>
                <td className="num">{fmt.number(x.onDutyNow)}</td>
                <td className="num">{of(x.tickets.open, x.tickets.capacity)}</td>
                <td className="num">{fmt.number(x.queue)}</td>
                <td className="num">{of(x.deals.open, x.deals.capacity)}</td>
                <td className="num">{of(x.tasks.open, x.tasks.capacity)}</td>
                <td className="num">{x.overloaded > 0 ? <span className="badge badge-danger">{fmt.number(x.overloaded)}</span> : '0'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
