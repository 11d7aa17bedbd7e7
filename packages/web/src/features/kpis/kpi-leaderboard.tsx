import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { kpiName, rowOf, scoreOf, type Subject, useKpiReport, useKpis, useLang, usePeopleReach, useReachableTeams } from './kpi-data.ts';
import { compareBy, csvValue, downloadCsv, formatAttainment, formatValue, ranks } from './kpi-format.ts';

/**
 * People (or teams) of the period ranked by one KPI — best first by its direction — or by the weighted score, each
 * with a bar; the signed-in member's own row is marked. A name opens that scorecard.
 */
export function LeaderboardTab({ period, onOpen }: { period: string; onOpen: (s: Subject) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const errorText = useErrorText();
  const session = useRequiredSession();
  const reach = usePeopleReach();
  const teams = useReachableTeams();
  const [by, setBy] = useState<'user' | 'team'>('user');
  const [metric, setMetric] = useState<string>('score');
  const kpis = useKpis();
  const report = useKpiReport(period, by);
  const r = report.data;
  const error = report.error ?? kpis.error;
  if (error)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(error)}
      </div>
    );
  const defs = kpis.data ?? [];
  const kpi = metric === 'score' ? null : (defs.find((k) => k.key === metric) ?? null);
  const entries = (r?.subjects ?? []).map((s) => {
    const subject: Subject = { by, id: s.id };
    const row = kpi ? rowOf(r, subject, kpi.key) : undefined;
    return { s, row, value: kpi ? (row?.value ?? null) : scoreOf(r, s.id) };
  });
  entries.sort((a, b) => compareBy(kpi?.direction ?? 'higher')(a.value, b.value) || a.s.name.localeCompare(b.s.name, lang));
  const rank = ranks(entries.map((e) => e.value));
  const values = entries.map((e) => e.value).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...values);
  const hi = Math.max(lo + 1e-9, ...values, kpi ? 0 : 100);
  const show = (v: number | null) => (kpi ? formatValue(fmt, kpi.unit, v, r?.currency ?? 'VND') : v === null ? '—' : fmt.number(Math.round(v)));
  const metricName = kpi ? kpiName(kpi, lang) : t('kpis.score');
  const csv = () =>
    r &&
    downloadCsv(`kith-kpi-bxh-${period}-${metric}.csv`, [
      [t('kpis.col.rank'), t(by === 'user' ? 'kpis.col.person' : 'kpis.col.team'), metricName, t('kpis.csv.target'), t('kpis.csv.attainment')],
      ...entries.map((e, i) => [
        rank[i] ?? null,
        e.s.name,
        kpi ? csvValue(kpi.unit, e.value, r.currency) : e.value === null ? null : Math.round(e.value * 10) / 10,
        kpi ? csvValue(kpi.unit, e.row?.target, r.currency) : null,
        e.row?.attainment === null || e.row?.attainment === undefined ? null : Math.round(e.row.attainment * 1000) / 10,
      ]),
    ]);
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }} data-testid="leaderboard">
      <div className="toolbar">
        {reach.teams && (teams.data ?? []).length > 0 && (
          <div className="segmented" role="group" aria-label={t('kpis.rankWho')}>
            {(['user', 'team'] as const).map((x) => (
              <Button key={x} size="sm" variant={by === x ? 'primary' : 'default'} aria-pressed={by === x} onClick={() => setBy(x)}>
                {t(x === 'user' ? 'kpis.people' : 'kpis.teams')}
              </Button>
            ))}
          </div>
        )}
        <div className="field field-inline">
          <label htmlFor="kpi-metric">{t('kpis.rankBy')}</label>
          <select id="kpi-metric" className="select" value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="rank-by">
            <option value="score">{t('kpis.score')}</option>
            {defs.map((k) => (
              <option key={k.key} value={k.key}>
                {kpiName(k, lang)}
              </option>
            ))}
          </select>
        </div>
        <span className="spacer" />
        <Button onClick={csv} disabled={!r} data-testid="leaderboard-csv">
          <Icon name="download" /> {t('kpis.csv.download')}
        </Button>
      </div>
      {!r ? (
        <div className="progress" aria-busy="true" />
      ) : entries.length === 0 ? (
        <EmptyState icon={<Icon name="contacts" size={36} />} title={t('kpis.empty.nobodyTitle')}>
          {t(by === 'team' ? 'kpis.empty.noTeams' : 'kpis.empty.nobody')}
        </EmptyState>
      ) : (
        <div className="card kpi-table-card">
          {!kpi && values.length === 0 && <p className="muted kpi-note">{t('kpis.empty.noScores')}</p>}
          <table className="table kpi-table" data-testid="leaderboard-table">
            <caption className="visually-hidden">{t('kpis.leaderboardOf', { name: metricName })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('kpis.col.rank')}
                </th>
                <th scope="col">{t(by === 'user' ? 'kpis.col.person' : 'kpis.col.team')}</th>
                <th scope="col" className="kpi-col-bar">
                  {metricName}
                </th>
                {kpi && (
                  <th scope="col" className="num">
                    {t('kpis.col.target')}
                  </th>
                )}
                {kpi && (
                  <th scope="col" className="num">
                    {t('kpis.col.attainment')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => {
                const me = by === 'user' && e.s.id === session.user.id;
                const w = e.value === null ? 0 : (e.value - lo) / (hi - lo);
                return (
                  <tr key={e.s.id} className={me ? 'kpi-me' : undefined} data-testid="leader-row" data-me={me || undefined}>
                    <td className="num kpi-rank">{rank[i] ?? '—'}</td>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => onOpen({ by, id: e.s.id })}>
                        {e.s.name}
                      </button>
                      {me && <span className="badge badge-accent kpi-you">{t('kpis.you')}</span>}
                    </th>
                    <td className="kpi-col-bar">
                      <div className="kpi-rank-bar">
                        <div className="kpi-rank-track" aria-hidden="true">
                          <div className="kpi-rank-fill" style={{ inlineSize: `${Math.max(0, Math.min(1, w)) * 100}%` }} />
                        </div>
                        <span className="num kpi-rank-value" data-testid="leader-value">
                          {show(e.value)}
                        </span>
                      </div>
                    </td>
                    {kpi && <td className="num">{formatValue(fmt, kpi.unit, e.row?.target, r.currency)}</td>}
                    {kpi && <td className="num">{formatAttainment(fmt, e.row?.attainment)}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
