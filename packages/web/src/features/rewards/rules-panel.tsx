import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BUILTIN_KPI_KEYS } from '@kith/domain/kpis/kpis.ts';
import { formatMinorPlain, parseAmount } from '@kith/domain/money/money.ts';
import { rewardApi } from '@kith/domain/rewards/rewards.api.ts';
import {
  carriesMoney,
  comparatorSymbol,
  DEFAULT_MIN_N,
  REWARD_KINDS,
  RULE_COMPARATORS,
  RULE_PERIOD_KINDS,
  type RewardKind,
  type RuleComparator,
} from '@kith/domain/rewards/rewards.ts';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { enumLabel, enumOptions } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { carries, KIND_BADGE, kpiUnit, kpiValue, REWARDS_KEY, useKpiName, useRules, type RewardRule } from './rewards-data.ts';

/**
 * The rules that propose entries when a KPI period closes, published to everyone who reads the record (criteria
 * known in advance); owners and admins add, change, pause and delete them. What a rule proposes is still decided
 * by an owner or admin.
 */
export function RulesPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const kpiName = useKpiName();
  const errorText = useErrorText();
  const notify = useToast();
  const qc = useQueryClient();
  const rules = useRules();
  const [editing, setEditing] = useState<RewardRule | 'new' | null>(null);
  const configure = can('rewards.configure');
  const refresh = () => void qc.invalidateQueries({ queryKey: REWARDS_KEY });
  const toggle = useMutation({
    mutationFn: async (r: RewardRule) =>
      (await call(rewardApi.updateRule, { params: { id: r.id }, body: { active: !r.active }, ifMatch: `"${r.version}"` })).data,
    onSuccess: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const remove = useMutation({
    mutationFn: async (r: RewardRule) => (await call(rewardApi.deleteRule, { params: { id: r.id } })).data,
    onSuccess: () => {
      notify(t('rewards.rules.deleted'));
      refresh();
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const add = configure && (
    <Button variant="primary" onClick={() => setEditing('new')} data-testid="add-rule">
      <Icon name="plus" /> {t('rewards.rules.add')}
    </Button>
  );
  const list = rules.data ?? [];
  return (
    <div className="stack" data-testid="rules-panel">
      <div className="row">
        <p className="muted" style={{ margin: 0 }}>
          {t('rewards.rules.intro')}
        </p>
        <span className="spacer" />
        {list.length > 0 && (
          <a className="btn" href="/api/v1/reward-rules/export" download data-testid="rules-csv">
            <Icon name="download" /> {t('common.exportCsv')}
          </a>
        )}
        {list.length > 0 && add}
      </div>
      {rules.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(rules.error)}
        </div>
      ) : rules.isPending ? (
        <div className="progress" aria-busy="true" />
      ) : list.length === 0 ? (
        <EmptyState icon={<Icon name="filter" size={36} />} title={t('rewards.rules.emptyTitle')} actions={add || undefined}>
          {t(configure ? 'rewards.rules.emptyBody' : 'rewards.rules.emptyBodyMember')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <table className="table" aria-label={t('rewards.tabs.rules')} data-testid="rules-table">
            <thead>
              <tr>
                <th scope="col">{t('rewards.rules.name')}</th>
                <th scope="col">{t('rewards.rules.when')}</th>
                <th scope="col">{t('rewards.fields.kind')}</th>
                <th scope="col" className="num">
                  {t('rewards.fields.carries')}
                </th>
                <th scope="col">{t('rewards.rules.active')}</th>
                {configure && (
                  <th scope="col">
                    <span className="visually-hidden">{t('rewards.fields.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} data-testid="rule-row">
                  <td style={{ fontWeight: 550 }}>{r.name}</td>
                  <td>
                    {t('rewards.rules.condition', {
                      period: enumLabel('rulePeriodKind', r.periodKind),
                      kpi: kpiName(r.kpi),
                      comparator: comparatorSymbol(r.comparator),
                      threshold: kpiValue(fmt, r.kpi, r.threshold),
                      n: fmt.number(r.minN),
                    })}
                  </td>
                  <td>
                    <span className={`badge ${KIND_BADGE[r.kind]}`}>{enumLabel('rewardKind', r.kind)}</span>
                  </td>
                  <td className="num nowrap">{carries(fmt, { ...r, currency: null })}</td>
                  <td>{r.active ? t('rewards.rules.on') : t('rewards.rules.off')}</td>
                  {configure && (
                    <td className="nowrap">
                      <Button size="sm" onClick={() => setEditing(r)}>
                        {t('common.edit')}
                      </Button>{' '}
                      <Button size="sm" variant="ghost" busy={toggle.isPending && toggle.variables?.id === r.id} onClick={() => toggle.mutate(r)}>
                        {r.active ? t('rewards.rules.pause') : t('rewards.rules.resume')}
                      </Button>{' '}
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          if (confirm(t('rewards.rules.confirmDelete', { name: r.name }))) remove.mutate(r);
                        }}
                      >
                        {t('common.delete')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <RuleDialog rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

/** Add or change a rule: its KPI, the comparison (a share typed as a percentage), the minimum of observations, what it proposes. */
function RuleDialog({ rule, onClose }: { rule: RewardRule | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const currency = useRequiredSession().workspace.currency;
  const kpiName = useKpiName();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [name, setName] = useState(rule?.name ?? '');
  const [kpi, setKpi] = useState(rule?.kpi ?? 'sla_attainment');
  const [periodKind, setPeriodKind] = useState<(typeof RULE_PERIOD_KINDS)[number]>(rule?.periodKind ?? 'month');
  const [comparator, setComparator] = useState<RuleComparator>(rule?.comparator ?? 'lt');
  const share = (k: string) => kpiUnit(k) === 'share';
  const [threshold, setThreshold] = useState(rule ? String(share(rule.kpi) ? Math.round(rule.threshold * 1000) / 10 : rule.threshold) : '');
  const [minN, setMinN] = useState(String(rule?.minN ?? DEFAULT_MIN_N));
  const [kind, setKind] = useState<RewardKind>(rule?.kind ?? 'warning');
  const [amount, setAmount] = useState(rule?.amount ? formatMinorPlain(rule.amount, currency).replace('.', i18n.language.startsWith('vi') ? ',' : '.') : '');
  const [points, setPoints] = useState(rule?.points ? String(rule.points) : '');
  const [template, setTemplate] = useState(rule?.reasonTemplate ?? t('rewards.rules.defaultTemplate'));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async () => {
      const problems: Record<string, string> = {};
      const th = Number(threshold.replace(',', '.'));
      if (threshold.trim() === '' || !Number.isFinite(th)) problems.threshold = t('rewards.form.valueInvalid');
      const minor = carriesMoney(kind) && amount.trim() ? parseAmount(amount, currency, i18n.language.startsWith('vi') ? ',' : '.') : null;
      if (carriesMoney(kind) && amount.trim() && (minor === null || minor <= 0)) problems.amount = t('rewards.form.amountInvalid');
      const pts = points.trim() ? Number(points) : null;
      if (pts !== null && !(Number.isInteger(pts) && pts > 0)) problems.points = t('rewards.form.pointsInvalid');
      setLocal(problems);
      if (Object.keys(problems).length) throw new Error('local');
      const body = {
        name,
        kpi,
        periodKind,
        comparator,
        threshold: share(kpi) ? th / 100 : th,
        minN: Number(minN) || 0,
        kind,
        amount: minor,
        points: pts,
        reasonTemplate: template,
      };
      return rule
        ? (await call(rewardApi.updateRule, { params: { id: rule.id }, body, ifMatch: `"${rule.version}"` })).data
        : (await call(rewardApi.createRule, { body })).data;
    },
    onSuccess: () => {
      notify(t('rewards.rules.saved'));
      void qc.invalidateQueries({ queryKey: REWARDS_KEY });
      onClose();
    },
  });
  const isLocal = save.error instanceof Error && save.error.message === 'local';
  const err = (p: string) => (isLocal ? undefined : fieldError(save.error, p));
  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={t(rule ? 'rewards.rules.editTitle' : 'rewards.rules.addTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()} data-testid="save-rule">
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextField label={t('rewards.rules.name')} value={name} onChange={(e) => setName(e.target.value)} error={err('/name')} />
        <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <SelectField
            label={t('rewards.form.kpi')}
            value={kpi}
            onChange={(e) => setKpi(e.target.value)}
            options={BUILTIN_KPI_KEYS.map((k) => ({ value: k, label: kpiName(k) }))}
            error={err('/kpi')}
          />
          <SelectField
            label={t('rewards.rules.periodKind')}
            value={periodKind}
            onChange={(e) => setPeriodKind(e.target.value as typeof periodKind)}
            options={enumOptions('rulePeriodKind', RULE_PERIOD_KINDS)}
          />
          <SelectField
            label={t('rewards.rules.comparator')}
            value={comparator}
            onChange={(e) => setComparator(e.target.value as RuleComparator)}
            options={RULE_COMPARATORS.map((c) => ({ value: c, label: `${comparatorSymbol(c)} ${enumLabel('ruleComparator', c)}` }))}
          />
          <TextField
            label={share(kpi) ? t('rewards.rules.thresholdPercent') : t('rewards.rules.threshold')}
            inputMode="decimal"
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
            error={local.threshold ?? err('/threshold')}
            style={{ inlineSize: 140 }}
          />
          <TextField
            label={t('rewards.rules.minN')}
            inputMode="numeric"
            value={minN}
            onChange={(e) => setMinN(e.target.value)}
            hint={t('rewards.rules.minNHint')}
            error={err('/minN')}
            style={{ inlineSize: 160 }}
          />
        </div>
        <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <SelectField
            label={t('rewards.fields.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as RewardKind)}
            options={enumOptions('rewardKind', REWARD_KINDS)}
          />
          {carriesMoney(kind) && (
            <TextField
              label={t('rewards.form.amount', { currency })}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={local.amount ?? err('/amount')}
            />
          )}
          <TextField
            label={t('rewards.fields.points')}
            inputMode="numeric"
            value={points}
            onChange={(e) => setPoints(e.target.value)}
            error={local.points ?? err('/points')}
          />
        </div>
        <TextField
          label={t('rewards.rules.template')}
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
          hint={t('rewards.rules.templateHint')}
          error={err('/reasonTemplate')}
        />
        {save.isError &&
          !isLocal &&
          !['/name', '/kpi', '/threshold', '/minN', '/amount', '/points', '/reasonTemplate'].some((p) => fieldError(save.error, p)) && (
            <div className="alert alert-error" role="alert">
              {errorText(save.error)}
            </div>
          )}
      </form>
    </Dialog>
  );
}
