import { useEffect, useState } from 'react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { TICKET_PRIORITIES, type Priority } from '@kith/domain/tickets/tickets.ts';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { ASSIGNMENT_MODES, type AssignmentMode } from '@kith/domain/tickets/care-settings.ts';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useTeams } from '../../lib/workspace-data.ts';
import { useCareSettings, useCategoryLabel, useSlaPolicies } from '../tickets/care-data.ts';
import { splitDuration, toMinutes, workdayMinutes, type DurationUnit } from '../tickets/ticket-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

type Target = { value: string; unit: DurationUnit };
type Row = { key: number; name: string; priority: Priority | ''; category: string; first: Target; resolution: Target };

let nextKey = 1;
const UNITS: DurationUnit[] = ['minutes', 'hours', 'days'];

function targetOf(minutes: number | null, day: number): Target {
  if (minutes === null) return { value: '', unit: 'hours' };
  const d = splitDuration(minutes, day);
  return { value: String(d.value), unit: d.unit };
}

/**
 * The SLA table: per priority and/or category, how long the first reply and the resolution may take, in
 * working time (minutes, hours or working days of the calendar); the most specific row applies.
 */
export function SlaPoliciesSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const policies = useSlaPolicies();
  const settings = useCareSettings();
  const categoryLabel = useCategoryLabel();
  const day = workdayMinutes(settings.data?.calendar.week ?? []);
  const [rows, setRows] = useState<Row[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the rows are made once when the policies and the calendar have both arrived; later edits are the user’s
  useEffect(() => {
    if (policies.data && settings.data)
      setRows(
        policies.data.map((p) => ({
          key: nextKey++,
          name: p.name,
          priority: p.priority ?? '',
          category: p.category ?? '',
          first: targetOf(p.firstResponseMinutes, day),
          resolution: targetOf(p.resolutionMinutes, day),
        })),
      );
    // The rows are made once the policies and the calendar (for the day's length) are both here.
  }, [policies.data, settings.data]);
  const save = useMutation({
    mutationFn: () =>
      call(ticketApi.replaceSlaPolicies, {
        body: {
          policies: rows!.map((r) => ({
            name: r.name,
            priority: r.priority || null,
            category: r.category || null,
            firstResponseMinutes: toMinutes(r.first.value, r.first.unit, day),
            resolutionMinutes: toMinutes(r.resolution.value, r.resolution.unit, day),
          })),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['care', 'sla-policies'] });
      notify(t('care.policiesSaved'));
    },
  });
  if (!rows) return <div className="progress" />;
  const set = (key: number, patch: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const err = (i: number, f: string) => fieldError(save.error, `/policies/${i}/${f}`);
  const anyRowError = rows.some((_, i) => ['name', 'priority', 'category', 'firstResponseMinutes', 'resolutionMinutes'].some((f) => err(i, f)));
  const categories = settings.data?.categories ?? [];
  const targetInput = (r: Row, which: 'first' | 'resolution', n: number, error: string | undefined) => {
    const label = t(which === 'first' ? 'care.policyFirst' : 'care.policyResolution');
    return (
      <div className="stack" style={{ gap: 2 }}>
        <div className="row duration-input">
          <input
            className="input"
            inputMode="decimal"
            aria-label={t('care.policyTargetOf', { target: label, n })}
            value={r[which].value}
            disabled={!editable}
            placeholder="—"
            aria-invalid={error ? true : undefined}
            onChange={(e) => set(r.key, { [which]: { ...r[which], value: e.target.value } })}
          />
          <select
            className="select"
            aria-label={t('care.policyUnitOf', { target: label, n })}
            value={r[which].unit}
            disabled={!editable}
            onChange={(e) => set(r.key, { [which]: { ...r[which], unit: e.target.value as DurationUnit } })}
          >
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`care.units.${u}`)}
              </option>
            ))}
          </select>
        </div>
        {error && <span className="field-error">{error}</span>}
      </div>
    );
  };
  return (
    <section className="card" aria-labelledby="care-sla-title">
      <div className="card-header">
        <h2 id="care-sla-title">{t('care.policiesTitle')}</h2>
      </div>
      <div className="card-body stack">
        <p className="muted">{t('care.policiesIntro', { hours: fmt.number(day / 60) })}</p>
        <div style={{ overflowX: 'auto' }}>
          <table className="table sla-table" data-testid="sla-policies">
            <thead>
              <tr>
                <th scope="col">{t('care.policyName')}</th>
                <th scope="col">{t('tickets.fields.priority')}</th>
                <th scope="col">{t('tickets.fields.category')}</th>
                <th scope="col">{t('care.policyFirst')}</th>
                <th scope="col">{t('care.policyResolution')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <td>
                    <input
                      className="input"
                      aria-label={t('care.policyNameOf', { n: i + 1 })}
                      value={r.name}
                      disabled={!editable}
                      maxLength={120}
                      aria-invalid={err(i, 'name') ? true : undefined}
                      onChange={(e) => set(r.key, { name: e.target.value })}
                    />
                    {err(i, 'name') && <span className="field-error">{err(i, 'name')}</span>}
                  </td>
                  <td>
                    <select
                      className="select"
                      aria-label={t('care.policyPriorityOf', { n: i + 1 })}
                      value={r.priority}
                      disabled={!editable}
                      onChange={(e) => set(r.key, { priority: e.target.value as Priority | '' })}
                    >
                      <option value="">{t('care.anyPriority')}</option>
                      {TICKET_PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {enumLabel('ticketPriority', p)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      className="select"
                      aria-label={t('care.policyCategoryOf', { n: i + 1 })}
                      value={r.category}
                      disabled={!editable}
                      aria-invalid={err(i, 'category') ? true : undefined}
                      onChange={(e) => set(r.key, { category: e.target.value })}
                    >
                      <option value="">{t('care.anyCategory')}</option>
                      {[...new Set([...categories, ...(r.category ? [r.category] : [])])].map((c) => (
                        <option key={c} value={c}>
                          {categoryLabel(c)}
                        </option>
                      ))}
                    </select>
                    {err(i, 'category') && <span className="field-error">{err(i, 'category')}</span>}
                  </td>
                  <td>{targetInput(r, 'first', i + 1, err(i, 'firstResponseMinutes'))}</td>
                  <td>{targetInput(r, 'resolution', i + 1, err(i, 'resolutionMinutes'))}</td>
                  <td className="num">
                    {editable && (
                      <Button
                        size="sm"
                        variant="ghost"
                        icon
                        aria-label={t('care.removePolicy', { name: r.name || i + 1 })}
                        onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
                      >
                        <Icon name="close" />
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 && <p className="muted">{t('care.noPolicies')}</p>}
        {save.isError && !anyRowError && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
        {editable && (
          <div className="row">
            <Button
              onClick={() =>
                setRows([
                  ...rows,
                  { key: nextKey++, name: '', priority: '', category: '', first: { value: '', unit: 'hours' }, resolution: { value: '', unit: 'days' } },
                ])
              }
            >
              <Icon name="plus" /> {t('care.addPolicy')}
            </Button>
            <span className="spacer" />
            <Button variant="primary" onClick={() => save.mutate()} busy={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}

/** How each team's new tickets find an agent: by hand, in turn, or to whoever has the fewest open. */
export function TeamAssignmentSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const teams = useTeams();
  const modes = useQueries({
    queries: (teams.data ?? []).map((team) => ({
      queryKey: ['care', 'assignment', team.id],
      queryFn: async ({ signal }: { signal: AbortSignal }) => (await call(ticketApi.teamAssignment, { params: { id: team.id }, signal })).data,
      staleTime: 60_000,
    })),
  });
  const setMode = useMutation({
    mutationFn: async (v: { teamId: string; name: string; mode: AssignmentMode }) =>
      (await call(ticketApi.setTeamAssignment, { params: { id: v.teamId }, body: { mode: v.mode } })).data,
    onSuccess: (r, v) => {
      qc.setQueryData(['care', 'assignment', v.teamId], r);
      notify(t('care.assignmentSaved', { team: v.name, mode: enumLabel('assignmentMode', r.mode) }));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  return (
    <section className="card" aria-labelledby="care-assign-title">
      <div className="card-header">
        <h2 id="care-assign-title">{t('care.assignmentTitle')}</h2>
      </div>
      <div className="card-body stack">
        <p className="muted">{t('care.assignmentIntro')}</p>
        {teams.data?.length === 0 ? (
          <p className="muted">
            {t('care.assignmentNoTeams')}{' '}
            <Link href="/teams" className="underline">
              {t('care.createTeams')}
            </Link>
          </p>
        ) : (
          <table className="table" data-testid="team-assignment">
            <thead>
              <tr>
                <th scope="col">{t('tickets.fields.team')}</th>
                <th scope="col">{t('care.assignmentMode')}</th>
              </tr>
            </thead>
            <tbody>
              {(teams.data ?? []).map((team, i) => (
                <tr key={team.id}>
                  <th scope="row" style={{ fontWeight: 550, color: 'var(--fg)' }}>
                    {team.name}
                  </th>
                  <td>
                    <select
                      className="select"
                      style={{ maxInlineSize: 280 }}
                      aria-label={t('care.modeOf', { team: team.name })}
                      value={modes[i]?.data?.mode ?? 'manual'}
                      disabled={!editable || !modes[i]?.data || setMode.isPending}
                      onChange={(e) => setMode.mutate({ teamId: team.id, name: team.name, mode: e.target.value as AssignmentMode })}
                    >
                      {ASSIGNMENT_MODES.map((m) => (
                        <option key={m} value={m}>
                          {enumLabel('assignmentMode', m)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
