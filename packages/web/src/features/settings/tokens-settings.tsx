import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { authApi } from '@kith/domain/auth/auth.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';

/** Personal API tokens: the secret is shown once, right after creation; revoking is immediate. */
export function TokensSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fmt = useFormat();
  const notify = useToast();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: async () => (await call(authApi.tokens)).data.data });
  const create = useMutation({
    mutationFn: async () => (await call(authApi.createToken, { body: { name, password, expiresInDays: Number(days) } })).data,
    onSuccess: (r) => {
      setSecret(r.token);
      setName('');
      setPassword('');
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(authApi.revokeToken, { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tokens'] }),
    onError: (e) => notify(errorText(e), 'error'),
  });
  return (
    <section className="card">
      <div className="card-header">
        <h2>{t('settings.tokens')}</h2>
      </div>
      <div className="card-body stack">
        <p className="muted" style={{ margin: 0 }}>
          {t('settings.tokensIntro')}
        </p>
        <form
          className="row"
          style={{ alignItems: 'flex-end' }}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextField
            label={t('settings.tokenName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('settings.tokenNamePlaceholder')}
            error={fieldError(create.error, '/name') ?? (create.isError && !fieldError(create.error, '/password') ? errorText(create.error) : undefined)}
          />
          <SelectField
            label={t('settings.tokenExpires')}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            options={['30', '90', '180', '365'].map((d) => ({ value: d, label: t('settings.tokenDays', { count: Number(d) }) }))}
          />
          <TextField
            label={t('settings.tokenPassword')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError(create.error, '/password')}
            required
          />
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('settings.createToken')}
          </Button>
        </form>
        {secret && (
          <div className="alert alert-success stack" role="status">
            <strong>{t('settings.tokenOnce')}</strong>
            <div className="row">
              <input
                className="input mono"
                readOnly
                value={secret}
                aria-label={t('settings.tokenValue')}
                onFocus={(e) => e.target.select()}
                data-testid="new-token"
              />
              <Button size="sm" onClick={() => void navigator.clipboard?.writeText(secret).then(() => notify(t('common.copied')))}>
                {t('common.copy')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>
                {t('common.done')}
              </Button>
            </div>
          </div>
        )}
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('settings.tokenName')}</th>
            <th>{t('settings.tokenPrefix')}</th>
            <th>{t('settings.created')}</th>
            <th>{t('settings.lastUsed')}</th>
            <th>{t('settings.tokenExpiresAt')}</th>
            <th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((tk) => (
            <tr key={tk.id}>
              <td>{tk.name}</td>
              <td className="mono">{tk.prefix}…</td>
              <td>{fmt.date(tk.createdAt)}</td>
              <td>{tk.lastUsedAt ? fmt.relative(tk.lastUsedAt) : t('settings.never')}</td>
              <td>{tk.expiresAt ? fmt.date(tk.expiresAt) : t('settings.noExpiry')}</td>
              <td>
                <Button size="sm" variant="ghost" onClick={() => window.confirm(t('settings.confirmRevoke', { name: tk.name })) && revoke.mutate(tk.id)}>
                  {t('settings.revoke')}
                </Button>
              </td>
            </tr>
          ))}
          {tokens.data?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('settings.noTokens')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
