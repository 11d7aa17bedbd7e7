import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { invitationApi } from '@kith/domain/invitations/invitation.api.ts';
import { authApi, type Session } from '@kith/domain/auth/auth.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { resetSession, useSessionQuery } from '../../app/session.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

/**
 * An invitation link. Someone new makes their account here (name and password). Someone with an account
 * accepts by signing in to it — here, with the invited address fixed, or already signed in — never by a
 * password typed into the invitation itself (the server does not say whether the address has an account).
 */
export default function InvitationPage() {
  const { token = '' } = useParams<{ token: string }>();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  const session = useSessionQuery().data ?? null;
  const [mode, setMode] = useState<'new' | 'signin'>('new');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: async () => (await call(invitationApi.preview, { params: { token } })).data,
    retry: false,
  });
  const enter = (s: Session) => {
    resetSession(qc, s);
    navigate('/', { replace: true });
  };
  const create = useMutation({
    mutationFn: async () => {
      const { data: r } = await call(invitationApi.accept, { params: { token }, body: { name, password } });
      return (await call(authApi.login, { body: { email: preview.data!.email, password, workspace: r.workspaceId } })).data;
    },
    onSuccess: enter,
    onError: (e) => {
      if (isApiError(e) && e.reason === 'sign_in_to_accept') setMode('signin');
    },
  });
  const signIn = useMutation({
    mutationFn: async () => (await call(authApi.login, { body: { email: preview.data!.email, password, invitation: token } })).data,
    onSuccess: enter,
  });
  const join = useMutation({
    mutationFn: async () => {
      const { data: r } = await call(invitationApi.accept, { params: { token }, body: {} });
      return (await call(authApi.switchWorkspace, { body: { workspaceId: r.workspaceId } })).data;
    },
    onSuccess: enter,
  });
  const signOut = useMutation({ mutationFn: () => call(authApi.logout), onSuccess: () => resetSession(qc, null) });

  if (preview.isPending) return <AuthLayout title={t('common.loading')}>{null}</AuthLayout>;
  if (preview.isError)
    return (
      <AuthLayout title={t('invite.invalidTitle')}>
        <p className="muted">{t('invite.invalid')}</p>
        <a href="/">{t('auth.backToSignIn')}</a>
      </AuthLayout>
    );
  const p = preview.data;
  const title = t('invite.title', { workspace: p.workspaceName });
  const subtitle = t('invite.subtitle', { email: p.email, role: enumLabel('role', p.role) });

  if (session) {
    const mine = session.user.email.toLowerCase() === p.email.toLowerCase();
    return (
      <AuthLayout title={title} subtitle={subtitle}>
        <div className="stack">
          <p className={mine ? 'muted' : 'alert alert-warning'} role={mine ? undefined : 'alert'}>
            {mine ? t('invite.signedInAs', { email: session.user.email }) : t('invite.otherAccount', { email: session.user.email, invited: p.email })}
          </p>
          {join.isError && (
            <div className="alert alert-error" role="alert">
              {errorText(join.error)}
            </div>
          )}
          {mine ? (
            <Button variant="primary" busy={join.isPending} onClick={() => join.mutate()}>
              {t('invite.join', { workspace: p.workspaceName })}
            </Button>
          ) : (
            <Button variant="primary" busy={signOut.isPending} onClick={() => signOut.mutate()}>
              {t('invite.signOutFirst')}
            </Button>
          )}
        </div>
      </AuthLayout>
    );
  }

  const busy = mode === 'new' ? create : signIn;
  const wrong = mode === 'signin' && isApiError(signIn.error) && signIn.error.status === 401;
  return (
    <AuthLayout title={title} subtitle={subtitle}>
      <div className="segmented" role="group" aria-label={t('invite.how')}>
        {(['new', 'signin'] as const).map((m) => (
          <Button key={m} size="sm" variant={mode === m ? 'primary' : 'default'} aria-pressed={mode === m} onClick={() => setMode(m)}>
            {t(m === 'new' ? 'invite.newAccount' : 'invite.haveAccount')}
          </Button>
        ))}
      </div>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          busy.mutate();
        }}
      >
        {mode === 'signin' && isApiError(create.error) && create.error.reason === 'sign_in_to_accept' && (
          <div className="alert alert-warning" role="alert">
            {errorText(create.error)}
          </div>
        )}
        {mode === 'new' ? (
          <TextField
            label={t('setup.name')}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(create.error, '/name')}
            required
            autoFocus
          />
        ) : (
          <TextField label={t('auth.email')} type="email" autoComplete="username" value={p.email} readOnly />
        )}
        <TextField
          label={mode === 'new' ? t('auth.password') : t('invite.existingPassword')}
          type="password"
          autoComplete={mode === 'new' ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(busy.error, '/password')}
          hint={mode === 'new' ? t('auth.passwordRule') : undefined}
          required
        />
        {busy.isError && !fieldError(busy.error, '/password') && !fieldError(busy.error, '/name') && (
          <div className="alert alert-error" role="alert">
            {wrong ? t('auth.wrongCredentials') : errorText(busy.error)}
          </div>
        )}
        <Button variant="primary" type="submit" busy={busy.isPending}>
          {mode === 'new' ? t('invite.accept') : t('invite.signInToAccept')}
        </Button>
      </form>
    </AuthLayout>
  );
}
