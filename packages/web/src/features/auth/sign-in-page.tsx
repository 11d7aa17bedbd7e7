import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { authApi } from '@kith/domain/auth/auth.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { SESSION_KEY } from '../../app/session.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [mode, setMode] = useState<'signin' | 'forgot' | 'sent'>('signin');
  const login = useMutation({
    mutationFn: async () => (await call(authApi.login, { body: { email, password } })).data,
    onSuccess: (s) => qc.setQueryData(SESSION_KEY, s),
  });
  const forgot = useMutation({ mutationFn: () => call(authApi.requestPasswordReset, { body: { email } }), onSuccess: () => setMode('sent') });

  if (mode !== 'signin') {
    return (
      <AuthLayout title={t('auth.forgotTitle')} subtitle={mode === 'sent' ? undefined : t('auth.forgotSubtitle')}>
        {mode === 'sent' ? (
          <div className="alert alert-success" role="status">
            {t('auth.resetSent', { email })}
          </div>
        ) : (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              forgot.mutate();
            }}
          >
            <TextField label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
            {forgot.isError && (
              <div className="alert alert-error" role="alert">
                {errorText(forgot.error)}
              </div>
            )}
            <Button variant="primary" type="submit" busy={forgot.isPending}>
              {t('auth.sendResetLink')}
            </Button>
          </form>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => setMode('signin')}>
          {t('auth.backToSignIn')}
        </button>
      </AuthLayout>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const wrong = isApiError(login.error) && login.error.status === 401;
  return (
    <AuthLayout title={t('auth.signInTitle')}>
      <form className="stack" onSubmit={submit}>
        <TextField label={t('auth.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {login.isError && (
          <div className="alert alert-error" role="alert">
            {wrong ? t('auth.wrongCredentials') : errorText(login.error)}
          </div>
        )}
        <Button variant="primary" type="submit" busy={login.isPending}>
          {t('auth.signIn')}
        </Button>
        <button type="button" className="btn btn-ghost" onClick={() => setMode('forgot')}>
          {t('auth.forgot')}
        </button>
      </form>
    </AuthLayout>
  );
}
