import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { SESSION_KEY, useCan, useRequiredSession } from '../../app/session.tsx';
import { workspaceApi } from '@kith/domain/workspaces/workspace.api.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { LANGUAGES, type Language } from '../../lib/i18n.ts';

const CURRENCIES = ['VND', 'USD', 'EUR', 'JPY', 'KRW', 'CNY', 'SGD', 'THB', 'IRR'];
const ZONES = [
  'Asia/Ho_Chi_Minh',
  'Asia/Bangkok',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Tehran',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];
const REGIONS = ['VN', 'US', 'GB', 'SG', 'TH', 'JP', 'KR', 'CN', 'IR', 'DE', 'FR', 'AU'];

export function WorkspaceSettings() {
  const { t } = useTranslation();
  const s = useRequiredSession();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const w = s.workspace;
  const [form, setForm] = useState({ name: w.name, currency: w.currency, timezone: w.timezone, phoneRegion: w.phoneRegion, locale: w.locale });
  const editable = can('workspace.update');
  const save = useMutation({
    // The language select offers only LANGUAGES; the session reports the stored one as text.
    mutationFn: () => call(workspaceApi.update, { body: { ...form, locale: form.locale as Language } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: SESSION_KEY });
      notify(t('common.saved'));
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const opts = (xs: string[], current: string) => [...new Set([current, ...xs])].map((x) => ({ value: x, label: x }));
  return (
    <section className="card" style={{ maxInlineSize: 560 }}>
      <div className="card-header">
        <h2>{t('settings.workspace')}</h2>
      </div>
      <form
        className="card-body stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {!editable && <p className="muted">{t('settings.readOnly')}</p>}
        <TextField label={t('settings.workspaceName')} value={form.name} onChange={set('name')} disabled={!editable} error={fieldError(save.error, '/name')} />
        <SelectField
          label={t('settings.currency')}
          value={form.currency}
          onChange={set('currency')}
          disabled={!editable}
          options={opts(CURRENCIES, w.currency)}
          error={fieldError(save.error, '/currency')}
        />
        <SelectField
          label={t('settings.timezone')}
          value={form.timezone}
          onChange={set('timezone')}
          disabled={!editable}
          options={opts(ZONES, w.timezone)}
          error={fieldError(save.error, '/timezone')}
        />
        <SelectField
          label={t('settings.phoneRegion')}
          value={form.phoneRegion}
          onChange={set('phoneRegion')}
          disabled={!editable}
          options={opts(REGIONS, w.phoneRegion)}
          error={fieldError(save.error, '/phoneRegion')}
        />
        <SelectField
          label={t('settings.workspaceLanguage')}
          value={form.locale}
          onChange={set('locale')}
          disabled={!editable}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
        {save.isError && !save.error.message.includes('/') && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
        {editable && (
          <div>
            <Button type="submit" variant="primary" busy={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        )}
      </form>
    </section>
  );
}
