import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { kpiApi } from '@kith/domain/kpis/kpi.api.ts';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useMemberNames } from '../../lib/workspace-data.ts';
import { type Kpi, kpiName, type Target, useKpiReport, useKpis, useKpiTargets, useLang, usePeriodLabel, useReachableTeams } from './kpi-data.ts';
import { csvValue, decimalMark, downloadCsv, parseTarget, targetToInput, unitSymbol } from './kpi-format.ts';

type Cell = { kpi: string; by: 'user' | 'team'; id: string };
const keyOf = (c: Cell) => `${c.kpi}|${c.by}|${c.id}`;
const cellOf = (k: string): Cell => {
  const [kpi, by, id] = k.split('|') as [string, 'user' | 'team', string];
  return { kpi, by, id };
};

/**
 * A team's targets for the period: a row per KPI, a column for the team and one per member. Typed in the unit a
 * person thinks in (đồng, %, minutes); each changed cell is one request, and what the server refuses is said on
 * the cell (the problem document's pointer). A team's total splits among its members, equally or by last period.
 * A closed period's targets are frozen: the grid is read-only and says why.
 */
export function TargetsTab({ period }: { period: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const label = usePeriodLabel();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const can = useCan();
  const teams = useReachableTeams();
  const kpis = useKpis();
  const people = useKpiReport(period, 'user');
  const names = useMemberNames();
  const [teamId, setTeamId] = useState<string | undefined>();
  const team = (teams.data ?? []).find((x) => x.id === teamId) ?? teams.data?.[0];
  const targets = useKpiTargets(period, team?.id);
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  const [split, setSplit] = useState<Kpi | null>(null);
  const currency = people.data?.currency ?? 'VND';
  const closed = people.data?.period.closed ?? false;

  if (teams.error || kpis.error)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(teams.error ?? kpis.error)}
      </div>
    );
  if (!teams.data || !kpis.data) return <div className="progress" aria-busy="true" />;
  if (!team)
    return (
      <EmptyState
        icon={<Icon name="contacts" size={36} />}
        title={t('kpis.targets.noTeamTitle')}
        actions={
          can('teams.manage') ? (
            <Link href="/settings/teams" className="btn btn-primary">
              {t('kpis.targets.makeTeam')}
            </Link>
          ) : undefined
        }
      >
        {t(can('teams.manage') ? 'kpis.targets.noTeamAdmin' : 'kpis.targets.noTeamManager')}
      </EmptyState>
    );

  const nameOf = (id: string) => people.data?.subjects.find((s) => s.id === id)?.name ?? names(id);
  const members = team.memberIds.map((id) => ({ id, name: nameOf(id) })).sort((a, b) => a.name.localeCompare(b.name, lang));
  const existing = (c: Cell): Target | undefined =>
    targets.data?.find((x) => x.kpi === c.kpi && x.period === period && (c.by === 'team' ? x.teamId === c.id : x.userId === c.id));
  const shown = (k: Kpi, c: Cell) => drafts.get(keyOf(c)) ?? targetToInput(fmt, k.unit, existing(c)?.target, currency);
  const dirtyKeys = [...drafts.keys()].filter((k) => {
    const c = cellOf(k);
    const def = kpis.data.find((x) => x.key === c.kpi);
    return def && drafts.get(k)!.trim() !== targetToInput(fmt, def.unit, existing(c)?.target, currency);
  });

  const edit = (c: Cell, text: string) => {
    setDrafts((d) => new Map(d).set(keyOf(c), text));
    setErrors((e) => {
      if (!e.has(keyOf(c))) return e;
      const n = new Map(e);
      n.delete(keyOf(c));
      return n;
    });
  };

  /** One request per changed cell, one after the other; each cell keeps its own outcome. */
  const save = async () => {
    setSaving(true);
    const failed = new Map<string, string>();
    const done: string[] = [];
    for (const k of dirtyKeys) {
      const c = cellOf(k);
      const def = kpis.data.find((x) => x.key === c.kpi)!;
      const text = drafts.get(k)!.trim();
      const before = existing(c);
      try {
        if (text === '') {
          if (before) await call(kpiApi.removeTarget, { params: { id: before.id } });
        } else {
          const p = parseTarget(text, def.unit, currency, decimalMark(i18n.language));
          if (!p.ok) {
            failed.set(k, t(p.error === 'decimals' ? 'kpis.targets.tooManyDecimals' : 'kpis.targets.notANumber'));
            continue;
          }
          await call(kpiApi.putTarget, {
            body: { kpi: c.kpi, period, target: p.value, ...(c.by === 'team' ? { teamId: c.id } : { userId: c.id }) },
          });
        }
        done.push(k);
      } catch (e) {
        failed.set(
          k,
          (isApiError(e) && (e.fieldMessage('/target') ?? e.fieldMessage('/kpi') ?? e.fieldMessage('/userId') ?? e.fieldMessage('/teamId'))) || errorText(e),
        );
      }
    }
    setDrafts((d) => {
      const n = new Map(d);
      for (const k of done) n.delete(k);
      return n;
    });
    setErrors(failed);
    setSaving(false);
    await qc.invalidateQueries({ queryKey: ['kpis'] });
    if (done.length) notify(t('kpis.targets.saved', { count: done.length, formatted: fmt.number(done.length) }));
    if (failed.size) notify(t('kpis.targets.someFailed', { count: failed.size, formatted: fmt.number(failed.size) }), 'error');
  };

  const csv = () =>
    downloadCsv(`kith-kpi-chi-tieu-${period}-${team.name}.csv`, [
      [t('kpis.csv.kpiKey'), t('kpis.csv.kpi'), t('kpis.csv.unit'), t('kpis.targets.wholeTeam'), ...members.map((m) => m.name)],
      ...kpis.data.map((k) => [
        k.key,
        kpiName(k, lang),
        k.unit === 'money' ? currency : k.unit === 'share' ? '%' : k.unit,
        csvValue(k.unit, existing({ kpi: k.key, by: 'team', id: team.id })?.target, currency),
        ...members.map((m) => csvValue(k.unit, existing({ kpi: k.key, by: 'user', id: m.id })?.target, currency)),
      ]),
    ]);

  return (
    <div className="stack" style={{ gap: 'var(--s3)' }} data-testid="targets">
      <div className="toolbar">
        {teams.data.length > 1 && (
          <div className="field field-inline">
            <label htmlFor="kpi-team">{t('kpis.targets.team')}</label>
            <select
              id="kpi-team"
              className="select"
              value={team.id}
              onChange={(e) => {
                setTeamId(e.target.value);
                setDrafts(new Map());
                setErrors(new Map());
              }}
              data-testid="targets-team"
            >
              {teams.data.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {teams.data.length === 1 && <strong>{team.name}</strong>}
        <span className="spacer" />
        <Button onClick={csv} disabled={!targets.data} data-testid="targets-csv">
          <Icon name="download" /> {t('kpis.csv.download')}
        </Button>
        {!closed && (
          <>
            <Button onClick={() => (setDrafts(new Map()), setErrors(new Map()))} disabled={saving || drafts.size === 0}>
              {t('kpis.targets.undo')}
            </Button>
            <Button variant="primary" busy={saving} disabled={dirtyKeys.length === 0} onClick={() => void save()} data-testid="save-targets">
              {dirtyKeys.length ? t('kpis.targets.saveN', { count: dirtyKeys.length, formatted: fmt.number(dirtyKeys.length) }) : t('kpis.targets.save')}
            </Button>
          </>
        )}
      </div>
      {closed ? (
        <div className="alert alert-warning" role="status" data-testid="targets-closed">
          <Icon name="lock" /> {t('kpis.targets.closed', { period: label(period) })}
        </div>
      ) : (
        <p className="muted">{t('kpis.targets.help', { period: label(period) })}</p>
      )}
      {targets.error && (
        <div className="alert alert-error" role="alert">
          {errorText(targets.error)}
        </div>
      )}
      {members.length === 0 ? (
        <EmptyState icon={<Icon name="contacts" size={36} />} title={t('kpis.targets.noMembersTitle')}>
          {t('kpis.targets.noMembers')}
        </EmptyState>
      ) : (
        <div className="card kpi-grid-wrap">
          <table className="table kpi-targets-grid" data-testid="targets-grid">
            <caption className="visually-hidden">{t('kpis.targets.caption', { team: team.name, period: label(period) })}</caption>
            <thead>
              <tr>
                <th scope="col" className="kpi-sticky">
                  {t('kpis.col.kpi')}
                </th>
                <th scope="col" className="kpi-team-col">
                  {t('kpis.targets.wholeTeam')}
                </th>
                {members.map((m) => (
                  <th scope="col" key={m.id}>
                    {m.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {kpis.data.map((k) => {
                const sym = unitSymbol(fmt, k.unit, currency);
                const teamCell: Cell = { kpi: k.key, by: 'team', id: team.id };
                const teamTarget = existing(teamCell);
                const canSplit = k.cumulative && !!teamTarget && !closed && !drafts.has(keyOf(teamCell));
                return (
                  <tr key={k.key} data-kpi={k.key}>
                    <th scope="row" className="kpi-sticky">
                      <span className="kpi-name" title={k.description[lang]}>
                        {kpiName(k, lang)}
                      </span>
                      {sym && <span className="muted kpi-unit"> ({sym})</span>}
                    </th>
                    <td className="kpi-team-col">
                      <div className="row" style={{ gap: 4, flexWrap: 'nowrap' }}>
                        <TargetInput
                          label={`${kpiName(k, lang)} — ${t('kpis.targets.wholeTeam')}`}
                          value={shown(k, teamCell)}
                          dirty={dirtyKeys.includes(keyOf(teamCell))}
                          error={errors.get(keyOf(teamCell))}
                          readOnly={closed}
                          onChange={(v) => edit(teamCell, v)}
                        />
                        {canSplit && (
                          <Button size="sm" variant="ghost" onClick={() => setSplit(k)} data-testid="split" title={t('kpis.targets.split')}>
                            {t('kpis.targets.splitShort')}
                          </Button>
                        )}
                      </div>
                    </td>
                    {members.map((m) => {
                      const c: Cell = { kpi: k.key, by: 'user', id: m.id };
                      return (
                        <td key={m.id}>
                          <TargetInput
                            label={`${kpiName(k, lang)} — ${m.name}`}
                            value={shown(k, c)}
                            dirty={dirtyKeys.includes(keyOf(c))}
                            error={errors.get(keyOf(c))}
                            readOnly={closed}
                            fromSplit={!!existing(c)?.splitFrom}
                            onChange={(v) => edit(c, v)}
                          />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <SplitDialog kpi={split} period={period} teamId={team.id} teamName={team.name} onClose={() => setSplit(null)} />
    </div>
  );
}

function TargetInput({
  label,
  value,
  dirty,
  error,
  readOnly,
  fromSplit,
  onChange,
}: {
  label: string;
  value: string;
  dirty: boolean;
  error: string | undefined;
  readOnly: boolean;
  fromSplit?: boolean;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const id = `kt-${label.replace(/\W+/g, '-')}`;
  return (
    <div className={`kpi-cell${dirty ? ' kpi-cell-dirty' : ''}${error ? ' kpi-cell-error' : ''}`}>
      <input
        className="input kpi-target-input"
        inputMode="decimal"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        value={value}
        readOnly={readOnly}
        title={fromSplit ? t('kpis.targets.fromSplit') : undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid="target-input"
      />
      {error && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** Split the team's total among its members: equal shares, or in proportion to what each did the period before. */
function SplitDialog({ kpi, period, teamId, teamName, onClose }: { kpi: Kpi | null; period: string; teamId: string; teamName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [method, setMethod] = useState<'equal' | 'last_period'>('equal');
  const m = useMutation({
    mutationFn: async () => (await call(kpiApi.split, { body: { kpi: kpi!.key, period, teamId, method } })).data.data,
    onSuccess: (rows) => {
      void qc.invalidateQueries({ queryKey: ['kpis'] });
      notify(t('kpis.targets.splitDone', { count: rows.length, formatted: fmt.number(rows.length) }));
      onClose();
    },
  });
  return (
    <Dialog
      open={!!kpi}
      onClose={onClose}
      title={t('kpis.targets.splitTitle', { kpi: kpiName(kpi ?? undefined, lang), team: teamName })}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={m.isPending} onClick={() => m.mutate()} data-testid="split-confirm">
            {t('kpis.targets.split')}
          </Button>
        </>
      }
    >
      <fieldset className="plain-fieldset stack">
        <legend className="visually-hidden">{t('kpis.targets.splitHow')}</legend>
        {(['equal', 'last_period'] as const).map((x) => (
          <label key={x} className="row" style={{ alignItems: 'flex-start', gap: 'var(--s2)' }}>
            <input type="radio" name="split-method" value={x} checked={method === x} onChange={() => setMethod(x)} />
            <span className="stack" style={{ gap: 2 }}>
              <strong>{t(`kpis.targets.method.${x}`)}</strong>
              <span className="muted">{t(`kpis.targets.methodHelp.${x}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted">{t('kpis.targets.splitReplaces')}</p>
      {m.error && (
        <div className="alert alert-error" role="alert">
          {(isApiError(m.error) && (m.error.fieldMessage('/kpi') ?? m.error.fieldMessage('/teamId'))) || errorText(m.error)}
        </div>
      )}
    </Dialog>
  );
}
