import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { authApi } from '@kith/domain/auth/auth.api.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { AuthLayout } from './auth-layout.tsx';

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const m = useMutation({ mutationFn: () => call(authApi.confirmPasswordReset, { body: { token, password } }) });
  return (
    <AuthLayout title={t('auth.resetTitle')}>
      {m.isSuccess ? (
        <>
          <div className="alert alert-success" role="status">
            {t('auth.resetDone')}
          </div>
          <a className="btn btn-primary" href="/">
            {t('auth.signIn')}
          </a>
        </>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            m.mutate();
          }}
        >
          <TextField
            label={t('auth.newPassword')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError(m.error, '/password')}
            hint={t('auth.passwordRule')}
            required
            autoFocus
          />
          {m.isError && !fieldError(m.error, '/password') && (
            <div className="alert alert-error" role="alert">
              {fieldError(m.error, '/token') ?? errorText(m.error)}
            </div>
          )}
          <Button variant="primary" type="submit" busy={m.isPending}>
            {t('auth.setPassword')}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
