import { homeApi, type Home } from '@kith/domain/home/home.api.ts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { EChart } from '../analytics/echart.tsx';
import { NextSlaCell, PriorityBadge } from '../tickets/ticket-cells.tsx';
import { MyKpis, TeamKpis } from '../kpis/kpi-widgets.tsx';
import { MyRecordSummary } from '../rewards/my-record-summary.tsx';
import { WorkloadSummary } from '../workload/workload-summary.tsx';
import './home.css';

/**
 * The first screen after signing in (GET /home): what this member should look at first. An agent: their queue with
 * its SLA clocks, tasks due, their pipeline and their load. A manager: their team's breaches, NPS trend, who needs
 * help and why, and the team's tasks. An owner or admin: revenue, new and returning customers, retention, NPS and
 * the latest assessment. Each card says what to do when it has nothing to show.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const home = useQuery({ queryKey: ['home'], queryFn: async () => (await call(homeApi.get)).data });
  const h = home.data;
  return (
    <div className="page stack home" data-testid="home">
      <div className="page-header">
        <div>
          <h1>{t('home.title')}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {t('home.hello', { name: session?.user.name ?? '' })}
            {h ? ` · ${enumLabel('homeView', h.view)} · ${h.period}` : ''}
          </p>
        </div>
      </div>
      {home.isError && (
        <div className="alert alert-error" role="alert">
          {t('home.failed')}
        </div>
      )}
      {h && (
        <>
          {h.business && <Business h={h} />}
          {h.team && (
            <>
              <TeamKpis />
              <Team h={h} />
            </>
          )}
          <div className="home-grid">
            {h.view === 'agent' && <MyKpis />}
            {h.queue && <Queue h={h} />}
            {h.tasks && <Tasks tasks={h.tasks} />}
            {h.pipeline && <Pipeline h={h} />}
            <WorkloadSummary />
            <MyRecordSummary />
          </div>
        </>
      )}
    </div>
  );
}

function Card({ title, link, linkText, children, testId }: { title: string; link?: string; linkText?: string; children: React.ReactNode; testId?: string }) {
  const id = `home-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="card card-body stack" aria-labelledby={id} data-testid={testId}>
      <div className="row">
        <h2 id={id} style={{ margin: 0 }}>
          {title}
        </h2>
        <span className="spacer" />
        {link && <Link href={link}>{linkText}</Link>}
      </div>
      {children}
    </section>
  );
}

function Figure({ label, value, note, tone }: { label: string; value: string; note?: string | undefined; tone?: 'up' | 'down' | undefined }) {
  return (
    <div className="home-figure">
      <span className="muted">{label}</span>
      <strong>{value}</strong>
      {note && <span className={tone === 'down' ? 'text-danger' : tone === 'up' ? 'text-success' : 'muted'}>{note}</span>}
    </div>
  );
}

function Business({ h }: { h: Home }) {
  const { t } = useTranslation();
  const f = useFormat();
  const b = h.business!;
  const change = b.revenuePrevious > 0 ? (b.revenue - b.revenuePrevious) / b.revenuePrevious : null;
  const pct = (v: number) => new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  return (
    <Card title={t('home.business.title')} link="/analytics" linkText={t('home.business.open')} testId="home-business">
      <div className="home-figures">
        <Figure
          label={t('home.business.revenue')}
          value={f.money(b.revenue, h.currency)}
          note={
            change === null
              ? t('home.business.noPrevious')
              : t('home.business.vsPrevious', { change: `${change >= 0 ? '+' : ''}${pct(change)}`, previous: f.money(b.revenuePrevious, h.currency) })
          }
          tone={change === null ? undefined : change >= 0 ? 'up' : 'down'}
        />
        <Figure label={t('home.business.newCustomers')} value={f.number(b.newCustomers)} />
        <Figure label={t('home.business.returning')} value={f.number(b.returningCustomers)} />
        <Figure label={t('home.business.retention')} value={b.retention === null ? '—' : pct(b.retention)} note={t('home.business.retentionNote')} />
        <Figure
          label="NPS"
          value={b.nps.value === null ? '—' : f.number(Math.round(b.nps.value))}
          note={b.nps.n ? t('home.answers', { count: b.nps.n }) : t('home.business.noNps')}
        />
        <Figure
          label={t('home.business.assessment')}
          value={b.assessment?.overall == null ? '—' : `${f.number(Math.round(b.assessment.overall))}%`}
          note={b.assessment ? b.assessment.name : t('home.business.noAssessment')}
        />
      </div>
      {b.assessment ? (
        <Link href={`/assessments/${b.assessment.id}`}>{t('home.business.openAssessment')}</Link>
      ) : (
        <Link href="/assessments">{t('home.business.startAssessment')}</Link>
      )}
    </Card>
  );
}

function Team({ h }: { h: Home }) {
  const { t } = useTranslation();
  const f = useFormat();
  const team = h.team!;
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: team.npsTrend.map((x) => x.month) },
      yAxis: { type: 'value', min: -100, max: 100 },
      tooltip: { trigger: 'axis' },
      series: [
        {
          type: 'line',
          name: 'NPS',
          data: team.npsTrend.map((x) => (x.nps === null ? null : Math.round(x.nps))),
          connectNulls: true,
          areaStyle: { opacity: 0.1 },
        },
      ],
    }),
    [team.npsTrend],
  );
  const answers = team.npsTrend.reduce((a, x) => a + x.n, 0);
  return (
    <div className="home-grid">
      <Card title={t('home.team.needsHelp')} link="/kpis" linkText={t('home.team.openKpis')} testId="home-needs-help">
        {team.needsHelp.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            {t('home.team.allWell')}
          </p>
        ) : (
          <ul className="home-list">
            {team.needsHelp.map((p) => (
              <li key={p.userId}>
                <strong>{p.name}</strong>
                <span className="row" style={{ gap: 4, flexWrap: 'wrap' }}>
                  {p.reasons.map((r) => (
                    <span key={r} className="badge badge-warning">
                      {t(`home.reasons.${r}`)}
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card
        title={t('home.team.breaches', { count: team.breaches })}
        link="/tickets?queue=breaching"
        linkText={t('home.team.openQueue')}
        testId="home-breaches"
      >
        {team.breached.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            {t('home.team.noBreaches')}
          </p>
        ) : (
          <ul className="home-list">
            {team.breached.map((x) => (
              <li key={x.id}>
                <Link href={`/tickets/${x.id}`}>
                  #{x.number} {x.subject}
                </Link>
                <NextSlaCell ticket={x} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('home.team.npsTrend')} link="/surveys/results" linkText={t('home.team.openSurveys')} testId="home-nps">
        {answers === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            {t('home.team.noNps')}
          </p>
        ) : (
          <EChart option={option} label={t('home.team.npsTrend')} height={200} testId="home-nps-chart" />
        )}
      </Card>
      <Card title={t('home.team.tasks')} link="/tasks" linkText={t('home.team.openTasks')} testId="home-team-tasks">
        <table className="table">
          <thead>
            <tr>
              <th>{t('home.team.person')}</th>
              <th className="num">{t('home.team.open')}</th>
              <th className="num">{t('home.team.overdue')}</th>
              <th className="num">{t('home.team.today')}</th>
            </tr>
          </thead>
          <tbody>
            {team.tasks.map((p) => (
              <tr key={p.userId}>
                <td>{p.name}</td>
                <td className="num">{f.number(p.open)}</td>
                <td className={`num${p.overdue > 0 ? ' text-danger' : ''}`}>{f.number(p.overdue)}</td>
                <td className="num">{f.number(p.today)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function Queue({ h }: { h: Home }) {
  const { t } = useTranslation();
  const q = h.queue!;
  return (
    <Card title={t('home.queue.title', { count: q.total })} link="/tickets?queue=mine" linkText={t('home.queue.open')} testId="home-queue">
      {q.tickets.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('home.queue.empty')}
        </p>
      ) : (
        <ul className="home-list">
          {q.tickets.map((x) => (
            <li key={x.id}>
              <span className="row" style={{ gap: 6, minInlineSize: 0 }}>
                <PriorityBadge priority={x.priority} />
                <Link href={`/tickets/${x.id}`}>
                  #{x.number} {x.subject}
                </Link>
              </span>
              <NextSlaCell ticket={x} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Tasks({ tasks }: { tasks: NonNullable<Home['tasks']> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card title={t('home.tasks.title')} link="/tasks" linkText={t('home.tasks.open')} testId="home-tasks">
      <div className="home-figures">
        <Figure
          label={t('home.tasks.overdue')}
          value={f.number(tasks.overdue)}
          tone={tasks.overdue > 0 ? 'down' : undefined}
          note={tasks.overdue > 0 ? t('home.tasks.overdueNote') : undefined}
        />
        <Figure label={t('home.tasks.today')} value={f.number(tasks.today)} />
        <Figure label={t('home.tasks.upcoming')} value={f.number(tasks.upcoming)} />
      </div>
      {tasks.overdue + tasks.today + tasks.upcoming + tasks.someday === 0 && (
        <p className="muted" style={{ margin: 0 }}>
          {t('home.tasks.empty')}
        </p>
      )}
    </Card>
  );
}

function Pipeline({ h }: { h: Home }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = h.pipeline!;
  const max = Math.max(1, ...p.stages.map((s) => s.value));
  return (
    <Card title={t('home.pipeline.title')} link="/deals" linkText={t('home.pipeline.open')} testId="home-pipeline">
      {p.open === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('home.pipeline.empty')}
        </p>
      ) : (
        <>
          <p style={{ margin: 0 }}>{t('home.pipeline.summary', { count: p.open, value: f.money(p.value, h.currency) })}</p>
          <ul className="home-bars">
            {p.stages.map((s) => (
              <li key={s.stageId}>
                <span>{s.name}</span>
                <span className="home-bar" aria-hidden="true">
                  <span style={{ inlineSize: `${(100 * s.value) / max}%` }} />
                </span>
                <span className="num">
                  {f.number(s.deals)} · {f.money(s.value, h.currency)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
