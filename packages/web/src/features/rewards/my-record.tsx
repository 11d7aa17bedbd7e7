import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { enumLabel } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { ChartCard, savePng } from '../analytics/chart-card.tsx';
import { carries, KIND_BADGE, signedPoints, useProposable, useRecord, type RewardRecord } from './rewards-data.ts';
import { Justification } from './reward-list.tsx';

/**
 * A member's record: their approved entries of the last twelve months, the totals (points, bonus, penalties), and
 * points by month as a chart. Everyone sees their own; a manager may look at their team's members, owners and
 * admins at anyone's (the same people scope the server applies).
 */
export function MyRecord() {
  const { t } = useTranslation();
  const me = useRequiredSession().user.id;
  const can = useCan();
  const people = useProposable();
  const [who, setWho] = useState(me);
  const record = useRecord(who);
  const errorText = useErrorText();
  const others = can('rewards.propose') && people.length > 1;
  return (
    <div className="stack" data-testid="my-record">
      {others && (
        <div className="row">
          <SelectField
            label={t('rewards.recordOf')}
            value={who}
            onChange={(e) => setWho(e.target.value)}
            options={people.map((m) => ({ value: m.userId, label: m.userId === me ? t('rewards.me', { name: m.name }) : m.name }))}
          />
        </div>
      )}
      {record.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(record.error)}
        </div>
      ) : record.isPending ? (
        <div className="progress" aria-busy="true" />
      ) : (
        <RecordView record={record.data} mine={who === me} />
      )}
    </div>
  );
}

function RecordView({ record, mine }: { record: RewardRecord; mine: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tot = record.totals;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 36, bottom: 40 },
      toolbox: savePng(t('analytics.savePng'), 'kith-rewards-points'),
      xAxis: { type: 'category', data: record.months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('rewards.fields.points'),
          data: record.months.map((m) => ({ value: m.points, itemStyle: { color: m.points < 0 ? '#c2410c' : '#15803d' } })),
        },
      ],
    }),
    [record, t],
  );
  if (record.entries.length === 0)
    return (
      <EmptyState
        icon={<Icon name="star" size={36} />}
        title={t(mine ? 'rewards.record.emptyMine' : 'rewards.record.emptyOther', { name: record.person.name ?? '' })}
      >
        {t('rewards.record.emptyBody')}
      </EmptyState>
    );
  return (
    <>
      <div className="chart-grid" data-testid="record-totals">
        <Stat label={t('rewards.record.points')} value={signedPoints(fmt, tot.points)} testId="total-points" />
        <Stat label={t('rewards.record.bonus')} value={fmt.money(tot.bonus, record.currency)} testId="total-bonus" />
        <Stat label={t('rewards.record.penalty')} value={fmt.money(tot.penalty, record.currency)} testId="total-penalty" />
        <Stat
          small
          label={t('rewards.record.counts')}
          value={(['recognition', 'bonus', 'warning', 'penalty'] as const).map((k) => `${enumLabel('rewardKind', k)} ${fmt.number(tot.counts[k])}`).join(' · ')}
        />
      </div>
      <ChartCard
        id="points-by-month"
        title={t('rewards.record.chart', { from: record.from, to: record.to })}
        help={t('rewards.record.chartHelp')}
        option={option}
        height={260}
        csv={() => ({
          name: `kith-rewards-${record.person.id}.csv`,
          rows: [['month', 'points', 'bonus', 'penalty'], ...record.months.map((m) => [m.month, m.points, m.bonus, m.penalty])],
        })}
      />
      <section className="card" aria-labelledby="record-entries">
        <div className="card-header">
          <h2 id="record-entries">{t('rewards.record.entries')}</h2>
        </div>
        <ul className="compact-list" data-testid="record-entries">
          {record.entries.map((r) => (
            <li key={r.id} className="row" style={{ alignItems: 'flex-start' }} data-testid="record-entry">
              <span className={`badge ${KIND_BADGE[r.kind]}`}>{enumLabel('rewardKind', r.kind)}</span>
              <span className="stack" style={{ gap: 2 }}>
                <span style={{ fontWeight: 550 }}>{r.reason}</span>
                <Justification r={r} />
              </span>
              <span className="spacer" />
              <span className="nowrap">{carries(fmt, r)}</span>
              <span className="muted nowrap">{r.period}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Stat({ label, value, testId, small }: { label: string; value: string; testId?: string; small?: boolean }) {
  return (
    <div className="card card-body stack" style={{ gap: 4 }}>
      <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
        {label}
      </span>
      <strong style={{ fontSize: small ? 'var(--text-md, 1rem)' : 'var(--text-xl, 1.5rem)' }} data-testid={testId}>
        {value}
      </strong>
    </div>
  );
}
