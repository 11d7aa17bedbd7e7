import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { authApi } from '@kith/domain/auth/auth.api.ts';
import { workspaceApi } from '@kith/domain/workspaces/workspace.api.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { SESSION_KEY } from '../../app/session.tsx';
import { AuthLayout } from './auth-layout.tsx';

/** First run: the same contract as POST /api/v1/setup, then signed in straight away. */
export function SetupPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [form, setForm] = useState({ workspace: '', name: '', email: '', password: '' });
  const m = useMutation({
    mutationFn: async () => {
      await call(workspaceApi.setup, { body: form });
      return (await call(authApi.login, { body: { email: form.email, password: form.password } })).data;
    },
    onSuccess: (s) => {
      qc.setQueryData(['setup'], { setUp: true });
      qc.setQueryData(SESSION_KEY, s);
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate();
  };
  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <form className="stack" onSubmit={submit} noValidate>
        <TextField
          label={t('setup.workspace')}
          placeholder={t('setup.workspacePlaceholder')}
          value={form.workspace}
          onChange={set('workspace')}
          error={fieldError(m.error, '/workspace')}
          required
          autoFocus
        />
        <TextField label={t('setup.name')} autoComplete="name" value={form.name} onChange={set('name')} error={fieldError(m.error, '/name')} required />
        <TextField
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={fieldError(m.error, '/email')}
          required
        />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          error={fieldError(m.error, '/password')}
          hint={t('auth.passwordRule')}
          required
        />
        {m.isError && (
          <div className="alert alert-error" role="alert">
            {errorText(m.error)}
          </div>
        )}
        <Button variant="primary" type="submit" busy={m.isPending}>
          {t('setup.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
