import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BUILTIN_KPI_KEYS, type BuiltinKpiKey } from '@kith/domain/kpis/kpis.ts';
import { parseAmount } from '@kith/domain/money/money.ts';
import { rewardApi, type JustificationInput } from '@kith/domain/rewards/rewards.api.ts';
import { carriesMoney, REWARD_KINDS, REWARD_RECORD_TYPES, type RewardKind, type RewardRecordType } from '@kith/domain/rewards/rewards.ts';
import { useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { enumOptions } from '../../lib/enum-label.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { kpiUnit, REWARDS_KEY, useKpiName, useProposable } from './rewards-data.ts';

type Basis = 'none' | 'kpi' | 'record';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** This month, `YYYY-MM`, on the member's calendar. */
function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Propose an entry: the person (someone in my people scope), the kind, the reason, money for a bonus or a penalty
 * and/or points, the month it counts toward, and what justifies it — a KPI's value in a period, or a record
 * (its link or id pasted: a ticket, a deal, an order, a survey response, an interaction) that the server checks.
 */
export function ProposeDialog({ onClose, personId: forPerson }: { onClose: () => void; personId?: string }) {
  const { t, i18n } = useTranslation();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const kpiName = useKpiName();
  const people = useProposable();
  const [personId, setPersonId] = useState(forPerson ?? '');
  const [kind, setKind] = useState<RewardKind>('recognition');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [points, setPoints] = useState('');
  const [month, setMonth] = useState(thisMonth());
  const [basis, setBasis] = useState<Basis>('none');
  const [kpi, setKpi] = useState<BuiltinKpiKey>('csat');
  const [kpiPeriod, setKpiPeriod] = useState(thisMonth());
  const [kpiValueText, setKpiValueText] = useState('');
  const [recordType, setRecordType] = useState<RewardRecordType>('ticket');
  const [recordRef, setRecordRef] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const currency = s.workspace.currency;
  const share = kpiUnit(kpi) === 'share';
  const money = carriesMoney(kind);

  const propose = useMutation({
    mutationFn: async () => {
      const problems: Record<string, string> = {};
      const minor = money && amount.trim() ? parseAmount(amount, currency, i18n.language.startsWith('vi') ? ',' : '.') : null;
      if (money && amount.trim() && (minor === null || minor <= 0)) problems.amount = t('rewards.form.amountInvalid');
      const pts = points.trim() ? Number(points) : null;
      if (pts !== null && !(Number.isInteger(pts) && pts > 0)) problems.points = t('rewards.form.pointsInvalid');
      let justification: JustificationInput | null = null;
      if (basis === 'kpi') {
        const v = Number(kpiValueText.replace(',', '.'));
        if (kpiValueText.trim() === '' || !Number.isFinite(v)) problems.kpiValue = t('rewards.form.valueInvalid');
        justification = { type: 'kpi', kpi, period: kpiPeriod.trim(), value: share ? v / 100 : v };
      }
      if (basis === 'record') {
        const id = UUID.exec(recordRef)?.[0];
        if (!id) problems.record = t('rewards.form.recordInvalid');
        justification = { type: recordType, id: id ?? '' };
      }
      setLocal(problems);
      if (Object.keys(problems).length) throw new Error('local');
      return (
        await call(rewardApi.create, {
          body: { personId, kind, reason, amount: money ? minor : null, points: pts, period: month, ...(justification ? { justification } : {}) },
        })
      ).data;
    },
    onSuccess: (r) => {
      notify(t('rewards.proposed', { name: r.personName ?? '' }));
      void qc.invalidateQueries({ queryKey: REWARDS_KEY });
      onClose();
    },
  });
  const err = (p: string) => (propose.error instanceof Error && propose.error.message === 'local' ? undefined : fieldError(propose.error, p));
  const known = ['/personId', '/kind', '/reason', '/amount', '/points', '/period', '/justification'];
  const other = propose.isError && !(propose.error instanceof Error && propose.error.message === 'local') && !known.some((p) => fieldError(propose.error, p));
  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={t('rewards.proposeTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={propose.isPending} onClick={() => propose.mutate()} data-testid="submit-proposal">
            {t('rewards.submitProposal')}
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate();
        }}
        data-testid="propose-form"
      >
        <p className="muted" style={{ margin: 0 }}>
          {t('rewards.form.help')}
        </p>
        <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <SelectField
            label={t('rewards.fields.person')}
            value={personId}
            onChange={(e) => setPersonId(e.target.value)}
            placeholder={t('rewards.form.choosePerson')}
            options={people.map((m) => ({ value: m.userId, label: m.name }))}
            error={err('/personId')}
          />
          <SelectField
            label={t('rewards.fields.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as RewardKind)}
            options={enumOptions('rewardKind', REWARD_KINDS)}
            error={err('/kind')}
          />
          <TextField label={t('rewards.fields.month')} type="month" value={month} onChange={(e) => setMonth(e.target.value)} error={err('/period')} />
        </div>
        <TextAreaField label={t('rewards.fields.reason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} error={err('/reason')} />
        <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          {money && (
            <TextField
              label={t('rewards.form.amount', { currency })}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={local.amount ?? err('/amount')}
              hint={t('rewards.form.amountHint')}
            />
          )}
          <TextField
            label={t('rewards.fields.points')}
            inputMode="numeric"
            value={points}
            onChange={(e) => setPoints(e.target.value)}
            error={local.points ?? err('/points') ?? (!money ? err('/amount') : undefined)}
            hint={t(kind === 'warning' || kind === 'penalty' ? 'rewards.form.pointsMinus' : 'rewards.form.pointsPlus')}
          />
        </div>
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t('rewards.form.basis')}</legend>
          <div className="row" role="radiogroup">
            {(['none', 'kpi', 'record'] as const).map((b) => (
              <label key={b} className="row" style={{ gap: 'var(--s1)' }}>
                <input type="radio" name="basis" value={b} checked={basis === b} onChange={() => setBasis(b)} />
                {t(`rewards.form.basisOptions.${b}`)}
              </label>
            ))}
          </div>
          {basis === 'kpi' && (
            <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
              <SelectField
                label={t('rewards.form.kpi')}
                value={kpi}
                onChange={(e) => setKpi(e.target.value as BuiltinKpiKey)}
                options={BUILTIN_KPI_KEYS.map((k) => ({ value: k, label: kpiName(k) }))}
                error={err('/justification/kpi')}
              />
              <TextField
                label={t('rewards.form.kpiPeriod')}
                value={kpiPeriod}
                onChange={(e) => setKpiPeriod(e.target.value)}
                hint={t('rewards.filters.periodHint')}
                error={err('/justification/period')}
                style={{ inlineSize: 140 }}
              />
              <TextField
                label={share ? t('rewards.form.kpiValuePercent') : t('rewards.form.kpiValue')}
                inputMode="decimal"
                value={kpiValueText}
                onChange={(e) => setKpiValueText(e.target.value)}
                error={local.kpiValue ?? err('/justification/value')}
                style={{ inlineSize: 140 }}
              />
            </div>
          )}
          {basis === 'record' && (
            <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
              <SelectField
                label={t('rewards.form.recordType')}
                value={recordType}
                onChange={(e) => setRecordType(e.target.value as RewardRecordType)}
                options={enumOptions('rewardJustification', REWARD_RECORD_TYPES)}
              />
              <TextField
                label={t('rewards.form.record')}
                value={recordRef}
                onChange={(e) => setRecordRef(e.target.value)}
                hint={t('rewards.form.recordHint')}
                error={local.record ?? err('/justification/id') ?? err('/justification/type')}
                style={{ inlineSize: 360 }}
              />
            </div>
          )}
        </fieldset>
        {other && (
          <div className="alert alert-error" role="alert">
            {errorText(propose.error)}
          </div>
        )}
      </form>
    </Dialog>
  );
}
