import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan } from '../../app/session.tsx';
import { loyaltyApi, type TierOut } from '@kith/domain/loyalty/loyalty.api.ts';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useMemberNames, useTeams } from '../../lib/workspace-data.ts';
import { ChartCard, savePng } from '../analytics/chart-card.tsx';
import { useCategoryLabel } from '../tickets/care-data.ts';
import { percent } from './survey-model.ts';
import { SurveyNav } from './survey-nav.tsx';

type SlaRow = ResponseOf<typeof ticketApi.slaReport>['data'][number];
type Counts = SlaRow['firstResponse'];

const SLA_BY = ['team', 'agent', 'category'] as const;
const DAYS = [30, 90, 365] as const;
const TIER_COLORS = ['#94a3b8', '#64748b', '#d4a017', '#0ea5e9', '#7c3aed', '#0f766e'];

/** Care reports: SLA attainment per team, agent or category, the loyalty tiers' members, and the best referrers. */
export default function CareReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <div className="page" data-testid="care-reports">
      <SurveyNav title={t('careReports.title')} />
      <div className="chart-grid">
        {can('surveys.read') && <SlaReport />}
        <TierReport />
      </div>
      <Leaderboard />
    </div>
  );
}

function SlaReport() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const teams = useTeams();
  const who = useMemberNames();
  const category = useCategoryLabel();
  const [by, setBy] = useState<(typeof SLA_BY)[number]>('team');
  const [days, setDays] = useState<number>(90);
  const [to] = useState(() => new Date(Date.now() + 60_000).toISOString());
  const from = useMemo(() => new Date(Date.parse(to) - days * 86_400_000).toISOString(), [to, days]);
  const q = useQuery({
    queryKey: ['care', 'sla-report', by, from, to],
    queryFn: async ({ signal }) => (await call(ticketApi.slaReport, { query: { by, from, to }, signal })).data,
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.data ?? [];
  const name = (key: string | null) =>
    key === null
      ? t(`careReports.sla.none.${by}`)
      : by === 'team'
        ? (teams.data?.find((x) => x.id === key)?.name ?? '…')
        : by === 'agent'
          ? who(key)
          : category(key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const option = useMemo(() => {
    if (rows.length === 0) return null;
    const pct = (c: Counts) => (c.met + c.missed ? percent(c.met / (c.met + c.missed)) : '-');
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (x: number | string) => (typeof x === 'number' ? `${fmt.number(x)}%` : '—'),
      },
      legend: { bottom: 0 },
      grid: { left: 150, right: 48, top: 36, bottom: 48 },
      toolbox: savePng(t('analytics.savePng'), `kith-sla-by-${by}`),
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => name(r.key)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        {
          name: t('careReports.sla.firstResponse'),
          type: 'bar',
          data: rows.map((r) => pct(r.firstResponse)),
          itemStyle: { color: '#38bdf8' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number | string }) => (typeof p.value === 'number' ? `${fmt.number(p.value)}%` : ''),
          },
        },
        {
          name: t('careReports.sla.resolution'),
          type: 'bar',
          data: rows.map((r) => pct(r.resolution)),
          itemStyle: { color: '#0f766e' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number | string }) => (typeof p.value === 'number' ? `${fmt.number(p.value)}%` : ''),
          },
        },
      ],
    };
  }, [rows, by, teams.data, t, fmt]);
  if (q.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error)}
      </div>
    );
  return (
    <ChartCard
      id="sla"
      title={t('careReports.sla.title')}
      help={
        <span className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap' }}>
          {t('careReports.sla.help')}
          <select
            className="select"
            style={{ inlineSize: 'auto' }}
            aria-label={t('careReports.sla.by')}
            value={by}
            onChange={(e) => setBy(e.target.value as typeof by)}
            data-testid="sla-by"
          >
            {SLA_BY.map((b) => (
              <option key={b} value={b}>
                {t(`careReports.sla.byOptions.${b}`)}
              </option>
            ))}
          </select>
          <select
            className="select"
            style={{ inlineSize: 'auto' }}
            aria-label={t('careReports.period')}
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          >
            {DAYS.map((d) => (
              <option key={d} value={d}>
                {t('careReports.lastDays', { count: d })}
              </option>
            ))}
          </select>
        </span>
      }
      option={option}
      height={Math.max(200, 90 + rows.length * 56)}
      empty={
        <>
          {t('careReports.sla.empty')}{' '}
          <Link href="/tickets" className="underline">
            {t('nav.tickets')}
          </Link>
        </>
      }
      csv={() => ({
        name: `kith-sla-by-${by}.csv`,
        rows: [
          [
            by,
            'tickets',
            'first response met',
            'first response missed',
            'first response running',
            'resolution met',
            'resolution missed',
            'resolution running',
            'attainment',
          ],
          ...rows.map((r) => [
            r.key === null ? '' : name(r.key),
            r.tickets,
            r.firstResponse.met,
            r.firstResponse.missed,
            r.firstResponse.running,
            r.resolution.met,
            r.resolution.missed,
            r.resolution.running,
            r.attainment,
          ]),
        ],
      })}
    >
      {rows.length > 0 && (
        <>
          <p className="muted" data-testid="sla-total">
            {t('careReports.sla.total', { count: rows.reduce((s, r) => s + r.tickets, 0), formatted: fmt.number(rows.reduce((s, r) => s + r.tickets, 0)) })}
          </p>
          <div style={{ overflowX: 'auto' }} role="region" tabIndex={0} aria-label={t('careReports.sla.title')}>
            <table className="table" data-testid="sla-table">
              <thead>
                <tr>
                  <th scope="col">{t(`careReports.sla.byOptions.${by}`)}</th>
                  <th scope="col" className="num">
                    {t('careReports.sla.tickets')}
                  </th>
                  <th scope="col" className="num">
                    {t('careReports.sla.firstResponse')}
                  </th>
                  <th scope="col" className="num">
                    {t('careReports.sla.resolution')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key ?? 'none'}>
                    <th scope="row" style={{ fontWeight: 550, color: r.key === null ? 'var(--fg-muted)' : 'var(--fg)' }}>
                      {name(r.key)}
                    </th>
                    <td className="num">{fmt.number(r.tickets)}</td>
                    <td style={{ textAlign: 'end' }}>
                      {t('careReports.sla.counts', {
                        met: fmt.number(r.firstResponse.met),
                        missed: fmt.number(r.firstResponse.missed),
                        running: fmt.number(r.firstResponse.running),
                      })}
                    </td>
                    <td style={{ textAlign: 'end' }}>
                      {t('careReports.sla.counts', {
                        met: fmt.number(r.resolution.met),
                        missed: fmt.number(r.resolution.missed),
                        running: fmt.number(r.resolution.running),
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted" style={{ fontSize: 'var(--text-sm)' }}>
            {t('careReports.sla.countsHelp')}
          </p>
        </>
      )}
    </ChartCard>
  );
}

function TierReport() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({ queryKey: ['loyalty', 'summary'], queryFn: async ({ signal }) => (await call(loyaltyApi.summary, { signal })).data });
  const s = q.data;
  const tierName = (n: TierOut['name']) => (i18n.language === 'en' ? n.en : n.vi);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when its data or the language changes; the formatting helpers it calls are new closures on every render and would rebuild it each time
  const option = useMemo(() => {
    if (!s || s.members === 0) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => fmt.number(x) },
      grid: { left: 48, right: 16, top: 36, bottom: 40 },
      toolbox: savePng(t('analytics.savePng'), 'kith-loyalty-tiers'),
      xAxis: { type: 'category', data: s.tiers.map((x) => tierName(x.name)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('careReports.tiers.members'),
          data: s.tiers.map((x, i) => ({ value: x.members, itemStyle: { color: TIER_COLORS[i % TIER_COLORS.length] } })),
          label: { show: true, position: 'top', formatter: (p: { value: number }) => fmt.number(p.value) },
        },
      ],
    };
  }, [s, t, fmt, i18n.language]);
  return (
    <ChartCard
      id="tiers"
      title={t('careReports.tiers.title')}
      help={s && s.members > 0 ? t('careReports.tiers.help', { members: fmt.number(s.members), points: fmt.number(s.outstanding) }) : undefined}
      option={option}
      height={280}
      empty={t('careReports.tiers.empty')}
      csv={() => ({
        name: 'kith-loyalty-tiers.csv',
        rows: [['tier', 'name', 'threshold', 'members'], ...(s?.tiers ?? []).map((x) => [x.key, tierName(x.name), x.threshold, x.members])],
      })}
    />
  );
}

function Leaderboard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['loyalty', 'leaderboard'],
    queryFn: async ({ signal }) => (await call(loyaltyApi.leaderboard, { query: { limit: 20 }, signal })).data,
  });
  const rows = q.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="leaderboard-title" data-testid="referral-leaderboard">
      <div className="card-header">
        <h2 id="leaderboard-title">{t('careReports.referrals.title')}</h2>
      </div>
      {q.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <p className="card-body muted">{t('careReports.referrals.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">{t('careReports.referrals.customer')}</th>
              <th scope="col" className="num">
                {t('careReports.referrals.referred')}
              </th>
              <th scope="col" className="num">
                {t('careReports.referrals.rewarded')}
              </th>
              <th scope="col" className="num">
                {t('careReports.referrals.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.contactId}>
                <td className="num muted">{fmt.number(i + 1)}</td>
                <td>
                  <Link href={`/contacts/${r.contactId}`}>{r.name ?? '—'}</Link>
                </td>
                <td className="num">{fmt.number(r.referred)}</td>
                <td className="num">{fmt.number(r.rewarded)}</td>
                <td className="num">{fmt.number(r.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
