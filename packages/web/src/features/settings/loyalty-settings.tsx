import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { loyaltyApi } from '@kith/domain/loyalty/loyalty.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { settingsBody, type LoyaltySettings } from '../loyalty/loyalty-model.ts';
import { enumOptions } from '../../lib/enum-label.ts';

type TierRow = { rowKey: number; key: string; vi: string; en: string; threshold: string };
type Form = {
  enabled: boolean;
  amountPerPoint: string;
  earnOn: 'paid' | 'delivered';
  expiryMonths: string;
  tiers: TierRow[];
  referrerPoints: string;
  refereePoints: string;
};

let nextRow = 1;
const formOf = (s: LoyaltySettings): Form => ({
  enabled: s.enabled,
  amountPerPoint: String(s.amountPerPoint),
  earnOn: s.earnOn,
  expiryMonths: String(s.expiryMonths),
  tiers: s.tiers.map((t) => ({ rowKey: nextRow++, key: t.key, vi: t.name.vi, en: t.name.en, threshold: String(t.threshold) })),
  referrerPoints: String(s.referral.referrerPoints),
  refereePoints: String(s.referral.refereePoints),
});

/** A new tier's key from its English (else Vietnamese) name: "Platinum" → platinum. */
const keyFrom = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);

/**
 * The loyalty programme (owners and admins): how many points an order earns and when, when points expire,
 * the tiers with their names in both languages and the points (earned in 12 months) that reach them, and the
 * referral rewards. Saving recomputes every member's tier.
 */
export function LoyaltySettingsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const editable = can('loyalty.configure');
  const q = useQuery({ queryKey: ['loyalty', 'settings'], queryFn: async ({ signal }) => (await call(loyaltyApi.settings, { signal })).data });
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (q.data) setForm(formOf(q.data));
  }, [q.data]);
  const save = useMutation({
    mutationFn: async () => (await call(loyaltyApi.saveSettings, { body: settingsBody(form!) })).data,
    onSuccess: (s) => {
      qc.setQueryData(['loyalty', 'settings'], s);
      void qc.invalidateQueries({ queryKey: ['loyalty'] });
      notify(t('loyaltySettings.saved'));
    },
  });
  if (q.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error)}
      </div>
    );
  if (!form) return <div className="progress" />;
  const err = (p: string) => fieldError(save.error, p);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const setTier = (rowKey: number, patch: Partial<TierRow>) => set({ tiers: form.tiers.map((x) => (x.rowKey === rowKey ? { ...x, ...patch } : x)) });
  const amount = settingsBody(form).amountPerPoint;
  const rowErrors = form.tiers.some((_, i) => ['key', 'name', 'threshold'].some((f) => err(`/tiers/${i}/${f}`)));
  return (
    <section className="card" aria-labelledby="loyalty-settings-title" data-testid="loyalty-settings">
      <div className="card-header">
        <h2 id="loyalty-settings-title">{t('loyaltySettings.title')}</h2>
      </div>
      <div className="card-body stack">
        <p className="muted">{t('loyaltySettings.intro')}</p>
        {!editable && <p className="muted">{t('settings.readOnly')}</p>}
        <label className="row">
          <input type="checkbox" className="checkbox" checked={form.enabled} disabled={!editable} onChange={(e) => set({ enabled: e.target.checked })} />
          {t('loyaltySettings.enabled')}
        </label>
        <h3>{t('loyaltySettings.earning')}</h3>
        <div className="form-row" style={{ maxInlineSize: 960 }}>
          <TextField
            label={t('loyaltySettings.amountPerPoint')}
            inputMode="decimal"
            value={form.amountPerPoint}
            disabled={!editable}
            onChange={(e) => set({ amountPerPoint: e.target.value })}
            error={err('/amountPerPoint')}
            hint={Number.isFinite(amount) && amount > 0 ? t('loyaltySettings.amountHint', { amount: fmt.money(amount) }) : undefined}
          />
          <SelectField
            label={t('loyaltySettings.earnOn')}
            value={form.earnOn}
            disabled={!editable}
            onChange={(e) => set({ earnOn: e.target.value as Form['earnOn'] })}
            options={enumOptions('loyaltyEarnOn')}
          />
          <TextField
            label={t('loyaltySettings.expiryMonths')}
            type="number"
            min={0}
            max={120}
            value={form.expiryMonths}
            disabled={!editable}
            onChange={(e) => set({ expiryMonths: e.target.value })}
            error={err('/expiryMonths')}
            hint={t('loyaltySettings.expiryHint')}
          />
        </div>
        <h3>{t('loyaltySettings.tiers')}</h3>
        <p className="muted">{t('loyaltySettings.tiersIntro')}</p>
        <div style={{ overflowX: 'auto' }}>
          <table className="table" data-testid="tier-table">
            <thead>
              <tr>
                <th scope="col">{t('loyaltySettings.tierNameVi')}</th>
                <th scope="col">{t('loyaltySettings.tierNameEn')}</th>
                <th scope="col">{t('loyaltySettings.threshold')}</th>
                <th scope="col">{t('loyaltySettings.tierKey')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.tiers.map((r, i) => (
                <tr key={r.rowKey}>
                  <td>
                    <input
                      className="input"
                      lang="vi"
                      aria-label={t('loyaltySettings.tierNameViOf', { n: i + 1 })}
                      value={r.vi}
                      disabled={!editable}
                      maxLength={60}
                      onChange={(e) => setTier(r.rowKey, { vi: e.target.value })}
                    />
                    {err(`/tiers/${i}/name`) && <span className="field-error">{err(`/tiers/${i}/name`)}</span>}
                  </td>
                  <td>
                    <input
                      className="input"
                      lang="en"
                      aria-label={t('loyaltySettings.tierNameEnOf', { n: i + 1 })}
                      value={r.en}
                      disabled={!editable}
                      maxLength={60}
                      onChange={(e) =>
                        setTier(r.rowKey, { en: e.target.value, ...(q.data?.tiers.some((x) => x.key === r.key) ? {} : { key: keyFrom(e.target.value) }) })
                      }
                    />
                  </td>
                  <td>
                    <input
                      className="input"
                      inputMode="numeric"
                      aria-label={t('loyaltySettings.thresholdOf', { n: i + 1 })}
                      value={r.threshold}
                      disabled={!editable || i === 0}
                      onChange={(e) => setTier(r.rowKey, { threshold: e.target.value })}
                      aria-invalid={err(`/tiers/${i}/threshold`) ? true : undefined}
                    />
                    {err(`/tiers/${i}/threshold`) && (
                      <span className="field-error">{i > 0 ? t('loyaltySettings.thresholdRise') : err(`/tiers/${i}/threshold`)}</span>
                    )}
                  </td>
                  <td>
                    <input
                      className="input mono"
                      aria-label={t('loyaltySettings.tierKeyOf', { n: i + 1 })}
                      value={r.key}
                      disabled={!editable}
                      maxLength={30}
                      onChange={(e) => setTier(r.rowKey, { key: e.target.value })}
                    />
                    {err(`/tiers/${i}/key`) && <span className="field-error">{err(`/tiers/${i}/key`)}</span>}
                  </td>
                  <td className="num">
                    {editable && i > 0 && (
                      <Button
                        size="sm"
                        variant="ghost"
                        icon
                        aria-label={t('loyaltySettings.removeTier', { name: r.vi || r.en || i + 1 })}
                        onClick={() => set({ tiers: form.tiers.filter((x) => x.rowKey !== r.rowKey) })}
                      >
                        <Icon name="close" />
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {err('/tiers') && !rowErrors && <span className="field-error">{err('/tiers')}</span>}
        {editable && form.tiers.length < 10 && (
          <div>
            <Button size="sm" onClick={() => set({ tiers: [...form.tiers, { rowKey: nextRow++, key: '', vi: '', en: '', threshold: '' }] })}>
              <Icon name="plus" /> {t('loyaltySettings.addTier')}
            </Button>
          </div>
        )}
        <h3>{t('loyaltySettings.referrals')}</h3>
        <div className="form-row" style={{ maxInlineSize: 520 }}>
          <TextField
            label={t('loyaltySettings.referrerPoints')}
            type="number"
            min={0}
            value={form.referrerPoints}
            disabled={!editable}
            onChange={(e) => set({ referrerPoints: e.target.value })}
            error={err('/referral/referrerPoints')}
          />
          <TextField
            label={t('loyaltySettings.refereePoints')}
            type="number"
            min={0}
            value={form.refereePoints}
            disabled={!editable}
            onChange={(e) => set({ refereePoints: e.target.value })}
            error={err('/referral/refereePoints')}
          />
        </div>
        <p className="muted">{t('loyaltySettings.referralHint')}</p>
        {save.isError && !rowErrors && !['/amountPerPoint', '/expiryMonths', '/tiers', '/referral'].some((p) => err(p)) && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
        {editable && (
          <div className="row">
            <Button variant="primary" onClick={() => save.mutate()} busy={save.isPending}>
              {t('common.save')}
            </Button>
            <span className="muted">{t('loyaltySettings.saveHint')}</span>
          </div>
        )}
      </div>
    </section>
  );
}
