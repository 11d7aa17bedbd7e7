import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { REWARD_KINDS, REWARD_STATUSES } from '@kith/domain/rewards/rewards.ts';
import { rewardApi } from '@kith/domain/rewards/rewards.api.ts';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { enumLabel, enumOptions } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useMembers } from '../../lib/workspace-data.ts';
import { carries, KIND_BADGE, kpiValue, REWARDS_KEY, STATUS_BADGE, useKpiName, useRewardList, type Reward, type RewardFilters } from './rewards-data.ts';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** The entries the member may see, filtered; approve or reject with a note; withdraw one's own proposal; the same list as CSV. */
export function RewardList({ onPropose }: { onPropose?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const members = useMembers();
  const [f, setF] = useState<RewardFilters>({ personId: '', kind: '', status: '', period: '' });
  const [periodText, setPeriodText] = useState('');
  const list = useRewardList(f);
  const rows = list.data?.data ?? [];
  const filtered = Object.values(f).some(Boolean);
  const wide = can('rewards.propose') || can('rewards.approve');
  const csv = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]);
  return (
    <div className="stack">
      <form
        className="row card card-body"
        style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}
        onSubmit={(e) => e.preventDefault()}
        data-testid="reward-filters"
      >
        {wide && (
          <SelectField
            label={t('rewards.fields.person')}
            value={f.personId}
            onChange={(e) => setF({ ...f, personId: e.target.value })}
            placeholder={t('rewards.filters.anyone')}
            options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
          />
        )}
        <SelectField
          label={t('rewards.fields.kind')}
          value={f.kind}
          onChange={(e) => setF({ ...f, kind: e.target.value })}
          placeholder={t('rewards.filters.anyKind')}
          options={enumOptions('rewardKind', REWARD_KINDS)}
        />
        {wide && (
          <SelectField
            label={t('rewards.fields.status')}
            value={f.status}
            onChange={(e) => setF({ ...f, status: e.target.value })}
            placeholder={t('rewards.filters.anyStatus')}
            options={enumOptions('rewardStatus', REWARD_STATUSES)}
          />
        )}
        <TextField
          label={t('rewards.fields.period')}
          value={periodText}
          placeholder="2026-12, 2026-Q4, 2026"
          hint={t('rewards.filters.periodHint')}
          error={periodText && !PERIOD.test(periodText.trim()) ? t('rewards.filters.periodInvalid') : undefined}
          onChange={(e) => {
            setPeriodText(e.target.value);
            const v = e.target.value.trim();
            if (v === '' || PERIOD.test(v)) setF({ ...f, period: v });
          }}
          style={{ inlineSize: 150 }}
        />
        <span className="spacer" />
        <a className="btn" href={`/api/v1/rewards/export?${csv.toString()}`} download data-testid="rewards-csv">
          <Icon name="download" /> {t('common.exportCsv')}
        </a>
      </form>
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(list.error)}
        </div>
      ) : list.isPending ? (
        <div className="progress" aria-busy="true" />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Icon name="star" size={36} />}
          title={t(filtered ? 'rewards.empty.filteredTitle' : 'rewards.empty.title')}
          actions={
            !filtered && onPropose ? (
              <Button variant="primary" onClick={onPropose}>
                <Icon name="plus" /> {t('rewards.propose')}
              </Button>
            ) : undefined
          }
        >
          {t(filtered ? 'rewards.empty.filteredBody' : wide ? 'rewards.empty.bodyLead' : 'rewards.empty.bodyMember')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <RewardTable rows={rows} />
        </div>
      )}
    </div>
  );
}

/** What justifies an entry, in words: the KPI with its value and period, or the record as it was named. */
export function Justification({ r }: { r: Reward }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const kpiName = useKpiName();
  const j = r.justification;
  if (!j) return null;
  const text =
    j.type === 'kpi'
      ? t('rewards.justifiedByKpi', { kpi: kpiName(j.kpi), value: kpiValue(fmt, j.kpi, j.value), period: j.period ?? '' })
      : `${enumLabel('rewardJustification', j.type)}: ${j.label ?? ''}`;
  // Tickets and orders have pages of their own; the others are named only.
  const href = j.recordId && { ticket: '/tickets/', order: '/orders/', deal: null, survey_response: null, interaction: null, kpi: null }[j.type];
  return (
    <span className="muted" style={{ fontSize: 'var(--text-sm)' }} data-testid="justification">
      {href ? (
        <Link href={`${href}${j.recordId}`} style={{ textDecoration: 'underline' }}>
          {text}
        </Link>
      ) : (
        text
      )}
      {r.ruleId && ` · ${t('rewards.byRule')}`}
    </span>
  );
}

function RewardTable({ rows }: { rows: Reward[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const me = useRequiredSession().user.id;
  const [deciding, setDeciding] = useState<{ r: Reward; decision: 'approve' | 'reject' } | null>(null);
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const withdraw = useMutation({
    mutationFn: async (r: Reward) => (await call(rewardApi.withdraw, { params: { id: r.id }, ifMatch: `"${r.version}"` })).data,
    onSuccess: () => {
      notify(t('rewards.withdrawn'));
      void qc.invalidateQueries({ queryKey: REWARDS_KEY });
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  return (
    <>
      <table className="table" aria-label={t('rewards.tabs.entries')} data-testid="reward-table">
        <thead>
          <tr>
            <th scope="col">{t('rewards.fields.person')}</th>
            <th scope="col">{t('rewards.fields.kind')}</th>
            <th scope="col">{t('rewards.fields.reason')}</th>
            <th scope="col" className="num">
              {t('rewards.fields.carries')}
            </th>
            <th scope="col">{t('rewards.fields.month')}</th>
            <th scope="col">{t('rewards.fields.status')}</th>
            <th scope="col">{t('rewards.fields.proposedBy')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('rewards.fields.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="reward-row" data-status={r.status}>
              <td style={{ fontWeight: 550 }}>{r.personName}</td>
              <td>
                <span className={`badge ${KIND_BADGE[r.kind]}`}>{enumLabel('rewardKind', r.kind)}</span>
              </td>
              <td style={{ minInlineSize: 240 }}>
                <div className="stack" style={{ gap: 2 }}>
                  <span>{r.reason}</span>
                  <Justification r={r} />
                  {r.decisionNote && (
                    <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                      {t('rewards.noteBy', { name: r.decidedByName ?? '', note: r.decisionNote })}
                    </span>
                  )}
                </div>
              </td>
              <td className="num nowrap">{carries(fmt, r)}</td>
              <td className="nowrap">{r.period}</td>
              <td>
                <span className={`badge ${STATUS_BADGE[r.status]}`}>{enumLabel('rewardStatus', r.status)}</span>
              </td>
              <td className="muted nowrap">
                {r.proposedByName}
                <br />
                <time dateTime={r.proposedAt}>{fmt.date(r.proposedAt)}</time>
              </td>
              <td className="nowrap">
                {r.status === 'proposed' && can('rewards.approve') && (
                  <>
                    <Button size="sm" variant="primary" onClick={() => setDeciding({ r, decision: 'approve' })} data-testid="approve-reward">
                      {t('rewards.approve')}
                    </Button>{' '}
                    <Button size="sm" onClick={() => setDeciding({ r, decision: 'reject' })} data-testid="reject-reward">
                      {t('rewards.reject')}
                    </Button>{' '}
                  </>
                )}
                {r.status === 'proposed' && r.proposedBy === me && (
                  <Button size="sm" variant="ghost" busy={withdraw.isPending && withdraw.variables?.id === r.id} onClick={() => withdraw.mutate(r)}>
                    {t('rewards.withdraw')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deciding && <DecideDialog entry={deciding.r} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </>
  );
}

/** Approve (a note if one likes) or reject (saying why) a proposal; a stale or decided one is said so. */
function DecideDialog({ entry, decision, onClose }: { entry: Reward; decision: 'approve' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: async () =>
      decision === 'approve'
        ? (await call(rewardApi.approve, { params: { id: entry.id }, body: { note: note.trim() || null }, ifMatch: `"${entry.version}"` })).data
        : (await call(rewardApi.reject, { params: { id: entry.id }, body: { note }, ifMatch: `"${entry.version}"` })).data,
    onSuccess: () => {
      notify(t(decision === 'approve' ? 'rewards.approved' : 'rewards.rejected'));
      void qc.invalidateQueries({ queryKey: REWARDS_KEY });
      onClose();
    },
  });
  const noteError = fieldError(decide.error, '/note');
  return (
    <Dialog
      open
      onClose={onClose}
      title={t(decision === 'approve' ? 'rewards.approveTitle' : 'rewards.rejectTitle', { name: entry.personName ?? '' })}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={decide.isPending} onClick={() => decide.mutate()} data-testid="confirm-decision">
            {t(decision === 'approve' ? 'rewards.approve' : 'rewards.reject')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p style={{ margin: 0 }}>
          <span className={`badge ${KIND_BADGE[entry.kind]}`}>{enumLabel('rewardKind', entry.kind)}</span> <strong>{entry.reason}</strong>{' '}
          <span className="nowrap">{carries(fmt, entry)}</span>
        </p>
        <Justification r={entry} />
        <TextAreaField
          label={t(decision === 'approve' ? 'rewards.noteOptional' : 'rewards.noteRequired')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={noteError}
          rows={3}
          data-testid="decision-note"
        />
        {decide.isError && !noteError && (
          <div className="alert alert-error" role="alert">
            {errorText(decide.error)}
          </div>
        )}
      </div>
    </Dialog>
  );
}
