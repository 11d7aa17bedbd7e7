import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useRequiredSession } from '../../app/session.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { type Kpi, kpiName, rowOf, scoreOf, useCurrentPeriod, useKpiReport, useKpis, useLang, usePeriodLabel } from './kpi-data.ts';
import { formatValue } from './kpi-format.ts';
import { PaceBadge, ProgressBar } from './kpi-parts.tsx';

/**
 * The KPI cards for the role home pages: `MyKpis` (the signed-in member's KPIs of this month against their targets)
 * and `TeamKpis` (a manager's team members × a few KPIs, who is behind pace marked). Both read the same report as
 * the KPI page (one request, cached), in the workspace's currency and the user's language.
 */

/** The signed-in member's KPIs with a target this month: figure, target, progress with the pace marker, on or behind pace. */
export function MyKpis() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const errorText = useErrorText();
  const session = useRequiredSession();
  const period = useCurrentPeriod('month');
  const label = usePeriodLabel();
  const kpis = useKpis();
  const report = useKpiReport(period, 'user');
  const r = report.data;
  const me = { by: 'user' as const, id: session.user.id };
  const rows = (kpis.data ?? []).map((k) => ({ k, row: rowOf(r, me, k.key) })).filter((x) => x.row && x.row.target !== null);
  const score = scoreOf(r, session.user.id);
  return (
    <section className="card kpi-widget" aria-labelledby="my-kpis-title" data-testid="my-kpis">
      <div className="card-header">
        <h2 id="my-kpis-title">{t('kpis.widgets.mine', { period: label(period) })}</h2>
        <span className="spacer" />
        {score !== null && (
          <span className="badge badge-accent" title={t('kpis.scoreHelp')}>
            {t('kpis.widgets.score', { score: fmt.number(Math.round(score)) })}
          </span>
        )}
      </div>
      <div className="card-body stack" style={{ gap: 'var(--s3)' }}>
        {report.error || kpis.error ? (
          <p className="muted">{errorText(report.error ?? kpis.error)}</p>
        ) : !r || !kpis.data ? (
          <div className="progress" aria-busy="true" />
        ) : rows.length === 0 ? (
          <p className="muted">{t('kpis.widgets.noTargets')}</p>
        ) : (
          <ul className="plain-list stack kpi-widget-list" style={{ gap: 'var(--s3)' }}>
            {rows.map(({ k, row }) => (
              <li key={k.key} className="stack" style={{ gap: 4 }} data-kpi={k.key}>
                <div className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap' }}>
                  <strong className="kpi-widget-name">{kpiName(k, lang)}</strong>
                  <span className="spacer" />
                  <span className="num">
                    {formatValue(fmt, k.unit, row!.value, r.currency)} / {formatValue(fmt, k.unit, row!.target, r.currency)}
                  </span>
                  <PaceBadge row={row!} elapsed={r.period.elapsed} />
                </div>
                <ProgressBar kpi={k} row={row!} elapsed={r.period.elapsed} currency={r.currency} compact />
              </li>
            ))}
          </ul>
        )}
        <Link href="/kpis" className="underline">
          {t('kpis.widgets.open')}
        </Link>
      </div>
    </section>
  );
}

/** The KPIs most targeted among these people (or the first totals), at most `max`. */
function pickKpis(defs: readonly Kpi[], count: (k: string) => number, max: number): Kpi[] {
  const targeted = defs.filter((k) => count(k.key) > 0).sort((a, b) => count(b.key) - count(a.key));
  return (targeted.length ? targeted : defs.filter((k) => k.cumulative)).slice(0, max);
}

/**
 * A manager's team: each member's figures of a few KPIs this month against their targets; a figure behind pace is
 * marked, and so is the member. `teamId` narrows to one team (default: everyone the manager sees, but themselves);
 * `kpis` chooses the columns (default: the ones with the most targets).
 */
export function TeamKpis({ teamId, kpis: wanted, max = 3 }: { teamId?: string; kpis?: string[]; max?: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const errorText = useErrorText();
  const session = useRequiredSession();
  const period = useCurrentPeriod('month');
  const label = usePeriodLabel();
  const defs = useKpis();
  const report = useKpiReport(period, 'user', { teamId });
  const r = report.data;
  const people = (r?.subjects ?? []).filter((s) => s.id !== session.user.id || (r?.subjects.length ?? 0) === 1);
  const count = (k: string) => people.filter((p) => rowOf(r, { by: 'user', id: p.id }, k)?.target != null).length;
  const columns = wanted ? (defs.data ?? []).filter((k) => wanted.includes(k.key)) : pickKpis(defs.data ?? [], count, max);
  return (
    <section className="card kpi-widget" aria-labelledby="team-kpis-title" data-testid="team-kpis">
      <div className="card-header">
        <h2 id="team-kpis-title">{t('kpis.widgets.team', { period: label(period) })}</h2>
      </div>
      <div className="card-body stack" style={{ gap: 'var(--s3)' }}>
        {report.error || defs.error ? (
          <p className="muted">{errorText(report.error ?? defs.error)}</p>
        ) : !r || !defs.data ? (
          <div className="progress" aria-busy="true" />
        ) : people.length === 0 ? (
          <p className="muted">{t('kpis.widgets.noTeam')}</p>
        ) : (
          <div className="kpi-grid-wrap">
            <table className="table kpi-table kpi-team-table">
              <caption className="visually-hidden">{t('kpis.widgets.team', { period: label(period) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kpis.col.person')}</th>
                  {columns.map((k) => (
                    <th scope="col" key={k.key} className="num">
                      {kpiName(k, lang)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('kpis.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => {
                  const cells = columns.map((k) => ({ k, row: rowOf(r, { by: 'user', id: p.id }, k.key) }));
                  const behind = cells.some((c) => c.row?.onPace === false);
                  const score = scoreOf(r, p.id);
                  return (
                    <tr key={p.id} className={behind ? 'kpi-behind-row' : undefined} data-testid="team-kpi-row" data-behind={behind || undefined}>
                      <th scope="row">
                        <Link href={`/kpis?who=user:${p.id}`}>{p.name}</Link>
                        {behind && (
                          <span className="badge badge-danger kpi-you">
                            <Icon name="alert" size={12} /> {t('kpis.behindPace')}
                          </span>
                        )}
                      </th>
                      {cells.map(({ k, row }) => (
                        <td key={k.key} className={`num${row?.onPace === false ? ' kpi-behind' : ''}`}>
                          <span>{formatValue(fmt, k.unit, row?.value, r.currency)}</span>
                          {row?.target != null && (
                            <span className="muted kpi-detail">
                              {t('kpis.widgets.ofTarget', { target: formatValue(fmt, k.unit, row.target, r.currency) })}
                              {row.onPace === false && <span className="visually-hidden"> · {t('kpis.behindPace')}</span>}
                            </span>
                          )}
                        </td>
                      ))}
                      <td className="num">{score === null ? '—' : fmt.number(Math.round(score))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Link href="/kpis?tab=leaderboard" className="underline">
          {t('kpis.widgets.openLeaderboard')}
        </Link>
      </div>
    </section>
  );
}
