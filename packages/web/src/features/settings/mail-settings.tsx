import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useRequiredSession } from '../../app/session.tsx';
import { mailApi, type MailStatus, type OutboxMail } from '@kith/domain/mail/mail.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { enumLabel, enumOptions } from '../../lib/enum-label.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';

const TONE: Record<MailStatus, string> = {
  queued: 'badge-info',
  sending: 'badge-info',
  sent: 'badge-success',
  failed: 'badge-danger',
  suppressed: 'badge-neutral',
};

/** The workspace's own mail server, a test message, and the outbox (owners and admins). */
export function MailSettingsPage() {
  return (
    <div className="stack" style={{ gap: 'var(--s5)' }} data-testid="mail-settings">
      <SmtpSettings />
      <Outbox />
    </div>
  );
}

function SmtpSettings() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const q = useQuery({ queryKey: ['mail', 'settings'], queryFn: async () => (await call(mailApi.settings)).data });
  const [form, setForm] = useState({ host: '', port: '587', secure: false, user: '', password: '', from: '', fromName: '', replyTo: '' });
  const [testTo, setTestTo] = useState(s.user.email);
  useEffect(() => {
    const m = q.data;
    if (m)
      setForm({
        host: m.host ?? '',
        port: String(m.port ?? 587),
        secure: m.secure ?? false,
        user: m.user ?? '',
        password: '',
        from: m.from ?? '',
        fromName: m.fromName ?? '',
        replyTo: m.replyTo ?? '',
      });
  }, [q.data]);
  const save = useMutation({
    mutationFn: async () =>
      (
        await call(mailApi.saveSettings, {
          body: {
            host: form.host.trim(),
            port: Number(form.port),
            secure: form.secure,
            ...(form.user.trim() ? { user: form.user.trim() } : {}),
            // Write-only: sent only when typed; left blank, the saved password is kept.
            ...(form.password ? { password: form.password } : {}),
            from: form.from.trim(),
            ...(form.fromName.trim() ? { fromName: form.fromName.trim() } : {}),
            replyTo: form.replyTo.trim() || null,
          },
        })
      ).data,
    onSuccess: (m) => {
      qc.setQueryData(['mail', 'settings'], m);
      notify(t('mail.saved'));
    },
  });
  const remove = useMutation({
    mutationFn: () => call(mailApi.removeSettings),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['mail', 'settings'] });
      notify(t('mail.removed'));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const test = useMutation({
    mutationFn: async () => (await call(mailApi.test, { body: { to: testTo.trim() } })).data,
    onSuccess: (r) => notify(t(r.via === 'workspace' ? 'mail.testSentWorkspace' : 'mail.testSentInstance', { to: testTo.trim() })),
  });
  if (q.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error)}
      </div>
    );
  const m = q.data;
  if (!m) return <div className="progress" />;
  const err = (f: string) => fieldError(save.error, `/${f}`);
  const fields = ['host', 'port', 'secure', 'user', 'password', 'from', 'fromName', 'replyTo'];
  return (
    <section className="card" aria-labelledby="mail-title">
      <div className="card-header">
        <h2 id="mail-title">{t('mail.title')}</h2>
        <span className="spacer" />
        <span className={`badge ${m.configured ? 'badge-success' : m.instanceSmtp ? 'badge-info' : 'badge-warning'}`} data-testid="mail-state">
          {m.configured ? t('mail.stateOwn') : m.instanceSmtp ? t('mail.stateInstance') : t('mail.stateNone')}
        </span>
      </div>
      <form
        className="card-body stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <p className="muted">
          {m.configured ? t('mail.introOwn', { at: fmt.dateTime(m.updatedAt) }) : m.instanceSmtp ? t('mail.introInstance') : t('mail.introNone')}
        </p>
        <div className="form-row">
          <TextField
            label={t('mail.host')}
            value={form.host}
            onChange={(e) => setForm({ ...form, host: e.target.value })}
            error={err('host')}
            placeholder="smtp.example.vn"
            autoComplete="off"
          />
          <TextField
            label={t('mail.port')}
            type="number"
            min={1}
            max={65535}
            value={form.port}
            onChange={(e) => setForm({ ...form, port: e.target.value })}
            error={err('port')}
          />
          <SelectField
            label={t('mail.security')}
            value={form.secure ? 'tls' : 'starttls'}
            onChange={(e) =>
              setForm({
                ...form,
                secure: e.target.value === 'tls',
                port: e.target.value === 'tls' && form.port === '587' ? '465' : e.target.value !== 'tls' && form.port === '465' ? '587' : form.port,
              })
            }
            options={[
              { value: 'starttls', label: t('mail.starttls') },
              { value: 'tls', label: t('mail.tls') },
            ]}
          />
        </div>
        <div className="form-row">
          <TextField
            label={t('mail.user')}
            value={form.user}
            onChange={(e) => setForm({ ...form, user: e.target.value })}
            error={err('user')}
            autoComplete="off"
          />
          <TextField
            label={t('mail.password')}
            type="password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            error={err('password')}
            autoComplete="new-password"
            placeholder={m.hasPassword ? t('mail.passwordKept') : ''}
            hint={m.hasPassword ? t('mail.passwordHint') : t('mail.passwordNone')}
          />
        </div>
        <div className="form-row">
          <TextField
            label={t('mail.from')}
            type="email"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
            error={err('from')}
            placeholder="cskh@example.vn"
          />
          <TextField
            label={t('mail.fromName')}
            value={form.fromName}
            onChange={(e) => setForm({ ...form, fromName: e.target.value })}
            error={err('fromName')}
            placeholder={s.workspace.name}
          />
          <TextField
            label={t('mail.replyTo')}
            type="email"
            value={form.replyTo}
            onChange={(e) => setForm({ ...form, replyTo: e.target.value })}
            error={err('replyTo')}
          />
        </div>
        {save.isError && !fields.some((f) => err(f)) && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
        <div className="row">
          <Button type="submit" variant="primary" busy={save.isPending} disabled={!form.host.trim() || !form.from.trim()}>
            {t('common.save')}
          </Button>
          {m.configured && (
            <Button variant="ghost" busy={remove.isPending} onClick={() => window.confirm(t('mail.confirmRemove')) && remove.mutate()}>
              {t('mail.remove')}
            </Button>
          )}
        </div>
      </form>
      <div className="card-body stack" style={{ borderBlockStart: '1px solid var(--border)' }}>
        <h3 style={{ margin: 0 }}>{t('mail.testTitle')}</h3>
        <form
          className="row"
          style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}
          onSubmit={(e) => {
            e.preventDefault();
            test.mutate();
          }}
        >
          <TextField label={t('mail.testTo')} type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} error={fieldError(test.error, '/to')} />
          <Button type="submit" busy={test.isPending} disabled={!testTo.trim() || (!m.configured && !m.instanceSmtp)}>
            {t('mail.sendTest')}
          </Button>
        </form>
        {test.isError && !fieldError(test.error, '/to') && (
          <div className="alert alert-error" role="alert" data-testid="mail-test-error">
            {isApiError(test.error) && test.error.fieldErrors.some((f) => f.pointer === '/smtp')
              ? t('mail.testFailed', {
                  detail:
                    test.error.fieldErrors.find((f) => f.pointer === '/smtp')!.code === 'smtp_unreachable'
                      ? t('mail.testUnreachable')
                      : test.error.fieldErrors.find((f) => f.pointer === '/smtp')!.detail,
                })
              : isApiError(test.error) && test.error.status === 409
                ? t('mail.testNoServer')
                : errorText(test.error)}
          </div>
        )}
      </div>
    </section>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [status, setStatus] = useState<MailStatus | ''>('');
  const q = useQuery({
    queryKey: ['mail', 'outbox', status],
    queryFn: async ({ signal }) => (await call(mailApi.outbox, { query: { status: status || undefined, limit: 100 }, signal })).data,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const retry = useMutation({
    mutationFn: (m: OutboxMail) => call(mailApi.retry, { params: { id: m.id } }),
    onSuccess: (_r, m) => {
      void qc.invalidateQueries({ queryKey: ['mail', 'outbox'] });
      notify(t('mail.retried', { to: m.to }));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const rows = q.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="outbox-title" data-testid="outbox">
      <div className="card-header">
        <h2 id="outbox-title">{t('mail.outbox')}</h2>
        <span className="spacer" />
        <SelectField
          label={t('mail.statusFilter')}
          hideLabel
          style={{ inlineSize: 'auto' }}
          value={status}
          onChange={(e) => setStatus(e.target.value as MailStatus | '')}
          placeholder={t('mail.allStatuses')}
          options={enumOptions('mailStatus')}
        />
      </div>
      {q.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <p className="card-body muted">{status ? t('mail.noneWithStatus', { status: enumLabel('mailStatus', status) }) : t('mail.outboxEmpty')}</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="table" data-testid="outbox-table">
            <thead>
              <tr>
                <th scope="col">{t('mail.when')}</th>
                <th scope="col">{t('mail.to')}</th>
                <th scope="col">{t('mail.subject')}</th>
                <th scope="col">{t('mail.purpose')}</th>
                <th scope="col">{t('mail.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} data-testid="outbox-row">
                  <td className="nowrap muted">
                    <time dateTime={m.createdAt} title={fmt.dateTime(m.createdAt)}>
                      {fmt.relative(m.createdAt)}
                    </time>
                  </td>
                  <td>{m.contactId ? <Link href={`/contacts/${m.contactId}`}>{m.to}</Link> : m.to}</td>
                  <td className="outbox-subject">{m.subject}</td>
                  <td className="muted">{t(`mail.purposes.${m.purpose}`, { defaultValue: m.purpose })}</td>
                  <td>
                    <span className="stack" style={{ gap: 2 }}>
                      <span className={`badge ${TONE[m.status]}`}>{enumLabel('mailStatus', m.status)}</span>
                      {m.attempts > 1 && (
                        <span className="muted" style={{ fontSize: 'var(--text-xs)' }}>
                          {t('mail.attempts', { count: m.attempts })}
                        </span>
                      )}
                      {m.lastError && m.status !== 'sent' && (
                        <span className="field-error outbox-error" title={m.lastError}>
                          {m.lastError}
                        </span>
                      )}
                    </span>
                  </td>
                  <td className="num">
                    {m.status === 'failed' && (
                      <Button
                        size="sm"
                        onClick={() => retry.mutate(m)}
                        busy={retry.isPending && retry.variables?.id === m.id}
                        aria-label={t('mail.retryTo', { to: m.to })}
                      >
                        {t('mail.retry')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
