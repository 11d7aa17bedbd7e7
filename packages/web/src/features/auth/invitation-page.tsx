import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { api } from '../../lib/api-client.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { SESSION_KEY, type Session } from '../../app/session.tsx';
import { AuthLayout } from './auth-layout.tsx';

type Preview = { workspaceName: string; email: string; role: string; accountExists: boolean };

export default function InvitationPage() {
  const { token = '' } = useParams<{ token: string }>();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const preview = useQuery({ queryKey: ['invitation', token], queryFn: () => api.get<Preview>(`/invitations/by-token/${encodeURIComponent(token)}`) });
  const accept = useMutation({
    mutationFn: async () => {
      const p = preview.data!;
      const r = await api.post<{ workspaceId: string }>(`/invitations/by-token/${encodeURIComponent(token)}/accept`, p.accountExists ? { password } : { name, password });
      return api.post<Session>('/auth/login', { email: p.email, password, workspace: r.workspaceId });
    },
    onSuccess: (s) => {
      qc.setQueryData(SESSION_KEY, s);
      navigate('/', { replace: true });
    },
  });
  if (preview.isPending) return <AuthLayout title={t('common.loading')}>{null}</AuthLayout>;
  if (preview.isError)
    return (
      <AuthLayout title={t('invite.invalidTitle')}>
        <p className="muted">{t('invite.invalid')}</p>
        <a href="/">{t('auth.backToSignIn')}</a>
      </AuthLayout>
    );
  const p = preview.data;
  return (
    <AuthLayout title={t('invite.title', { workspace: p.workspaceName })} subtitle={t('invite.subtitle', { email: p.email, role: t(`roles.${p.role}`) })}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          accept.mutate();
        }}
      >
        {!p.accountExists && <TextField label={t('setup.name')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(accept.error, '/name')} required autoFocus />}
        <TextField
          label={p.accountExists ? t('invite.existingPassword') : t('auth.password')}
          type="password"
          autoComplete={p.accountExists ? 'current-password' : 'new-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(accept.error, '/password')}
          hint={p.accountExists ? undefined : t('auth.passwordRule')}
          required
        />
        {accept.isError && (
          <div className="alert alert-error" role="alert">
            {errorText(accept.error)}
          </div>
        )}
        <Button variant="primary" type="submit" busy={accept.isPending}>
          {t('invite.accept')}
        </Button>
      </form>
    </AuthLayout>
  );
}
