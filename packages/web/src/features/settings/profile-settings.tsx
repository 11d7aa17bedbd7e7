import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useChangeLanguage } from '../../app/language-switch.tsx';
import { authApi, type Session } from '@kith/domain/auth/auth.api.ts';
import { SESSION_KEY, useRequiredSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { LANGUAGES, type Language } from '../../lib/i18n.ts';
import { currentTheme, setTheme, type Theme } from '../../lib/theme.ts';

export function ProfileSettings() {
  const { t, i18n } = useTranslation();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const changeLanguage = useChangeLanguage();
  const [name, setName] = useState(s.user.name);
  const [theme, setThemeState] = useState<Theme>(currentTheme());
  const [pw, setPw] = useState({ currentPassword: '', newPassword: '' });
  const saveName = useMutation({
    mutationFn: async () => (await call(authApi.updateMe, { body: { name } })).data,
    onSuccess: (u) => {
      qc.setQueryData<Session | null>(SESSION_KEY, (x) => (x ? { ...x, user: { ...x.user, name: u.name } } : x));
      notify(t('common.saved'));
    },
  });
  const changePw = useMutation({
    mutationFn: () => call(authApi.changePassword, { body: pw }),
    onSuccess: () => {
      setPw({ currentPassword: '', newPassword: '' });
      notify(t('settings.passwordChanged'));
    },
  });
  return (
    <div className="stack" style={{ maxInlineSize: 560 }}>
      <section className="card">
        <div className="card-header">
          <h2>{t('settings.profile')}</h2>
        </div>
        <form
          className="card-body stack"
          onSubmit={(e) => {
            e.preventDefault();
            saveName.mutate();
          }}
        >
          <TextField label={t('setup.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(saveName.error, '/name')} />
          <TextField label={t('auth.email')} value={s.user.email} readOnly />
          <div>
            <Button type="submit" variant="primary" busy={saveName.isPending}>
              {t('common.save')}
            </Button>
          </div>
          <SelectField
            label={t('settings.language')}
            value={i18n.language}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            onChange={(e) => void changeLanguage(e.target.value as Language)}
          />
          <SelectField
            label={t('settings.theme')}
            value={theme}
            options={(['system', 'light', 'dark'] as const).map((x) => ({ value: x, label: t(`settings.themes.${x}`) }))}
            onChange={(e) => {
              const v = e.target.value as Theme;
              setTheme(v);
              setThemeState(v);
            }}
          />
        </form>
      </section>
      <section className="card">
        <div className="card-header">
          <h2>{t('settings.password')}</h2>
        </div>
        <form
          className="card-body stack"
          onSubmit={(e) => {
            e.preventDefault();
            changePw.mutate();
          }}
        >
          <TextField
            label={t('settings.currentPassword')}
            type="password"
            autoComplete="current-password"
            value={pw.currentPassword}
            onChange={(e) => setPw((p) => ({ ...p, currentPassword: e.target.value }))}
            error={fieldError(changePw.error, '/currentPassword')}
          />
          <TextField
            label={t('auth.newPassword')}
            type="password"
            autoComplete="new-password"
            value={pw.newPassword}
            onChange={(e) => setPw((p) => ({ ...p, newPassword: e.target.value }))}
            error={fieldError(changePw.error, '/newPassword')}
            hint={t('auth.passwordRule')}
          />
          {changePw.isError && !fieldError(changePw.error, '/currentPassword') && !fieldError(changePw.error, '/newPassword') && (
            <div className="alert alert-error" role="alert">
              {errorText(changePw.error)}
            </div>
          )}
          <p className="field-hint" style={{ margin: 0 }}>
            {t('settings.passwordEffect')}
          </p>
          <div>
            <Button type="submit" busy={changePw.isPending}>
              {t('settings.changePassword')}
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
