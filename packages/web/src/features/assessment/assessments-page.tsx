import { useMemo, useState } from 'react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { useTeams } from '../../lib/workspace-data.ts';
import { ChartCard, savePng } from '../analytics/chart-card.tsx';
import { COLORS, useAssessments, useFrameworks, useIsAssessor, type Assessment } from './assessment-data.ts';
import { delta, pct } from './assessment-format.ts';

/**
 * The assessments (issue 19): each with its framework, scope, period, status, how many respondents have handed
 * their answers in and the overall score; start a new one; the overall score over time per framework.
 */
export default function AssessmentsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const assessor = useIsAssessor();
  const list = useAssessments();
  const [starting, setStarting] = useState(false);
  const rows = list.data ?? [];
  const startButton = assessor && (
    <Button variant="primary" onClick={() => setStarting(true)} data-testid="start-assessment">
      <Icon name="plus" /> {t('assessment.start')}
    </Button>
  );
  return (
    <div className="page" data-testid="assessments-page">
      <div className="page-header">
        <h1>{t('assessment.title')}</h1>
        <span className="spacer" />
        <Link href="/assessments/frameworks" className="btn btn-ghost">
          {t('assessment.frameworks.link')}
        </Link>
        {startButton}
      </div>
      <p className="muted" style={{ marginBlock: 0 }}>
        {t('assessment.intro')}
      </p>
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(list.error)}
        </div>
      ) : list.isPending ? (
        <div className="progress" aria-busy="true" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Icon name="chart" size={36} />} title={t('assessment.empty.title')} actions={startButton}>
          {t(assessor ? 'assessment.empty.body' : 'assessment.empty.bodyInvited')}
        </EmptyState>
      ) : (
        <>
          <div className="card" style={{ overflow: 'auto' }}>
            <AssessmentTable rows={rows} />
          </div>
          <HistoryCharts rows={rows} />
        </>
      )}
      {starting && <StartDialog onClose={() => setStarting(false)} />}
    </div>
  );
}

export function StatusBadge({ status }: { status: Assessment['status'] }) {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  return <span className={`badge ${status === 'open' ? 'badge-success' : 'badge-neutral'}`}>{enumLabel('assessmentStatus', status)}</span>;
}

/** "Whole business" or the team's name. */
export function useScopeName(): (teamId: string | null) => string {
  const { t } = useTranslation();
  const teams = useTeams();
  return (teamId) => (teamId ? (teams.data?.find((x) => x.id === teamId)?.name ?? '…') : t('assessment.wholeBusiness'));
}

function AssessmentTable({ rows }: { rows: Assessment[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const scope = useScopeName();
  return (
    <table className="table" aria-label={t('assessment.title')} data-testid="assessment-table">
      <thead>
        <tr>
          <th scope="col">{t('assessment.fields.name')}</th>
          <th scope="col">{t('assessment.fields.framework')}</th>
          <th scope="col">{t('assessment.fields.scope')}</th>
          <th scope="col">{t('assessment.fields.period')}</th>
          <th scope="col">{t('assessment.fields.status')}</th>
          <th scope="col">{t('assessment.fields.progress')}</th>
          <th scope="col" className="num">
            {t('assessment.fields.overall')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id} data-testid="assessment-row">
            <td>
              <Link href={`/assessments/${a.id}`} style={{ fontWeight: 550 }}>
                {a.name}
              </Link>
              {a.me && !a.me.submittedAt && a.status === 'open' && (
                <span className="badge badge-warning" style={{ marginInlineStart: 'var(--s2)' }}>
                  {t('assessment.yourTurn')}
                </span>
              )}
            </td>
            <td className="muted">{a.frameworkName}</td>
            <td className="muted">{scope(a.teamId)}</td>
            <td className="muted nowrap">{t('assessment.periodRange', { from: fmt.date(a.periodFrom), to: fmt.date(a.periodTo) })}</td>
            <td>
              <StatusBadge status={a.status} />
            </td>
            <td style={{ minInlineSize: 140 }}>
              <div className="stack" style={{ gap: 4 }}>
                <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                  {t('assessment.submittedOf', { submitted: fmt.number(a.submitted), total: fmt.number(a.respondents) })}
                </span>
                <Meter value={a.submitted} max={a.respondents} label={t('assessment.fields.progress')} />
              </div>
            </td>
            <td className="num" style={{ fontWeight: 650 }}>
              {pct(fmt, a.overall)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A progress bar with its value for screen readers. */
export function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className="meter" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <div className="meter-fill" style={{ inlineSize: `${share * 100}%` }} />
    </div>
  );
}

/** The overall score over time, one chart per framework with two or more assessments. */
function HistoryCharts({ rows }: { rows: Assessment[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const keys = useMemo(() => {
    const count = new Map<string, { n: number; name: string }>();
    for (const a of rows) count.set(a.framework, { n: (count.get(a.framework)?.n ?? 0) + 1, name: a.frameworkName });
    return [...count].filter(([, v]) => v.n >= 2).map(([k, v]) => ({ key: k, name: v.name }));
  }, [rows]);
  const histories = useQueries({
    queries: keys.map((k) => ({
      queryKey: ['assessments', 'history', k.key],
      queryFn: async () => (await call(assessmentApi.history, { query: { framework: k.key } })).data.data,
    })),
  });
  if (keys.length === 0) return null;
  return (
    <div className="chart-grid">
      {keys.map((k, i) => {
        const h = (histories[i]?.data ?? []).filter((x) => x.overall !== null);
        const option =
          h.length >= 2
            ? {
                tooltip: {
                  trigger: 'axis',
                  formatter: (ps: { dataIndex: number }[]) => {
                    const x = h[ps[0]?.dataIndex ?? 0]!;
                    return `${x.name}<br/>${fmt.date(x.at)}: ${pct(fmt, x.overall)}${x.delta !== null ? ` (${delta(fmt, x.delta)})` : ''}`;
                  },
                },
                grid: { left: 48, right: 24, top: 36, bottom: 40 },
                toolbox: savePng(t('analytics.savePng'), `kith-assessment-history-${k.key}`),
                xAxis: { type: 'category', data: h.map((x) => fmt.date(x.at)) },
                yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                series: [
                  {
                    type: 'line',
                    name: t('assessment.fields.overall'),
                    data: h.map((x) => Math.round((x.overall ?? 0) * 10) / 10),
                    itemStyle: { color: COLORS.current },
                    lineStyle: { width: 3 },
                    symbolSize: 8,
                    label: { show: true, position: 'top', formatter: (p: { value: number }) => pct(fmt, p.value) },
                  },
                ],
              }
            : null;
        return (
          <ChartCard
            key={k.key}
            id={`history-${k.key}`}
            title={t('assessment.history.title', { name: k.name })}
            help={t('assessment.history.help')}
            option={option}
            height={260}
            empty={t('assessment.history.empty')}
            csv={() => ({
              name: `kith-assessment-history-${k.key}.csv`,
              rows: [['assessment', 'at', 'overall', 'delta'], ...h.map((x) => [x.name, x.at, x.overall, x.delta])],
            })}
          />
        );
      })}
    </div>
  );
}

/** A date N months before today, as YYYY-MM-DD (local calendar). */
function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Start an assessment: the framework (with what it is and how many practices it has), a name, the team or the whole business, the period. */
function StartDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const frameworks = useFrameworks();
  const teams = useTeams();
  const list = frameworks.data ?? [];
  const [key, setKey] = useState('');
  const chosen = list.find((f) => f.key === (key || list[0]?.key));
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1)));
  const [to, setTo] = useState(isoDay(today));
  const [teamId, setTeamId] = useState('');
  const [name, setName] = useState('');
  const practices = (f: (typeof list)[number]) => f.areas.reduce((n, a) => n + a.practices.length, 0);
  const defaultName = chosen ? t('assessment.defaultName', { framework: chosen.name, date: fmt.date(isoDay(today)) }) : '';
  const create = useMutation({
    mutationFn: async () =>
      (
        await call(assessmentApi.create, {
          body: { framework: chosen?.key ?? '', name: name.trim() || defaultName, teamId: teamId || null, periodFrom: from, periodTo: to },
        })
      ).data,
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['assessments'] });
      notify(t('assessment.started', { name: a.name }));
      navigate(`/assessments/${a.id}?tab=respondents`);
    },
  });
  const err = create.error;
  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={t('assessment.startTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={create.isPending} disabled={!chosen} onClick={() => create.mutate()} data-testid="start-submit">
            {t('assessment.startSubmit')}
          </Button>
        </>
      }
    >
      <div className="stack" data-testid="start-dialog">
        {frameworks.isPending ? (
          <div className="progress" />
        ) : (
          <fieldset className="plain-fieldset stack" style={{ gap: 'var(--s2)' }}>
            <legend className="field-label" style={{ marginBlockEnd: 'var(--s1)' }}>
              {t('assessment.fields.framework')}
            </legend>
            <div className="framework-choices">
              {list.map((f) => (
                <label key={f.key} className={`framework-choice${chosen?.key === f.key ? ' framework-choice-on' : ''}`}>
                  <input type="radio" name="framework" value={f.key} checked={chosen?.key === f.key} onChange={() => setKey(f.key)} />
                  <span className="stack" style={{ gap: 2 }}>
                    <strong>
                      {f.name}
                      {f.custom && (
                        <span className="badge badge-accent" style={{ marginInlineStart: 6 }}>
                          {t('assessment.frameworks.custom')}
                        </span>
                      )}
                    </strong>
                    <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                      {f.description}
                    </span>
                    <span style={{ fontSize: 'var(--text-sm)' }}>
                      {t('assessment.frameworks.counts', {
                        areas: fmt.number(f.areas.length),
                        count: practices(f),
                        formatted: fmt.number(practices(f)),
                      })}
                    </span>
                  </span>
                </label>
              ))}
            </div>
            {fieldError(err, '/framework') && <span className="field-error">{fieldError(err, '/framework')}</span>}
          </fieldset>
        )}
        <TextField
          label={t('assessment.fields.name')}
          value={name}
          placeholder={defaultName}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(err, '/name')}
        />
        <SelectField
          label={t('assessment.fields.scope')}
          value={teamId}
          onChange={(e) => setTeamId(e.target.value)}
          placeholder={t('assessment.wholeBusiness')}
          options={(teams.data ?? []).map((x) => ({ value: x.id, label: t('assessment.teamScope', { name: x.name }) }))}
          hint={t('assessment.scopeHint')}
          error={fieldError(err, '/teamId')}
        />
        <div className="form-row row" style={{ gap: 'var(--s3)', flexWrap: 'wrap' }}>
          <TextField
            label={t('assessment.fields.periodFrom')}
            type="date"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
            error={fieldError(err, '/periodFrom')}
          />
          <TextField
            label={t('assessment.fields.periodTo')}
            type="date"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
            error={fieldError(err, '/periodTo')}
          />
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {t('assessment.periodHint')}
        </p>
        {err && !fieldError(err, '/name') && (
          <div className="alert alert-error" role="alert">
            {errorText(err)}
          </div>
        )}
      </div>
    </Dialog>
  );
}
