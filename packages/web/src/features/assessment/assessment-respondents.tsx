import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { can } from '@kith/domain/permissions/permissions.ts';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useMembers } from '../../lib/workspace-data.ts';
import type { Assessment, Respondent } from './assessment-data.ts';
import { Meter } from './assessments-page.tsx';

type Outside = { name: string; email: string; locale: 'vi' | 'en' };

/**
 * Who answers (assessors only): members invited from the workspace, outside people through a personal link that
 * expires (shown once, to copy), and how far each has got.
 */
export function RespondentsTab({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const id = assessment.id;
  const q = useQuery({
    queryKey: ['assessments', id, 'respondents'],
    queryFn: async ({ signal }) => (await call(assessmentApi.respondents, { params: { id }, signal })).data.data,
  });
  const [links, setLinks] = useState<Respondent[]>([]);
  const remove = useMutation({
    mutationFn: async (r: Respondent) => call(assessmentApi.removeRespondent, { params: { id, respondentId: r.id } }),
    onSuccess: (_, r) => {
      notify(t('assessment.respondents.removed', { name: r.name }));
      void qc.invalidateQueries({ queryKey: ['assessments'] });
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const rows = q.data ?? [];
  const copy = (url: string) =>
    void navigator.clipboard?.writeText(url).then(
      () => notify(t('common.copied')),
      () => undefined,
    );
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }} data-testid="respondents-tab">
      {links.length > 0 && (
        <div className="alert alert-success stack" role="status" data-testid="outside-links">
          <strong>{t('assessment.respondents.linksOnce')}</strong>
          {links.map((r) => (
            <div key={r.id} className="row" style={{ flexWrap: 'wrap' }}>
              <span style={{ minInlineSize: 160 }}>{r.name}</span>
              <input
                className="input mono"
                style={{ flex: 1, minInlineSize: 240 }}
                readOnly
                value={r.link ?? ''}
                aria-label={t('assessment.respondents.linkOf', { name: r.name })}
                onFocus={(e) => e.target.select()}
                data-testid="outside-link"
              />
              <Button size="sm" onClick={() => copy(r.link ?? '')}>
                {t('common.copy')}
              </Button>
              {r.expiresAt && <span className="muted">{t('assessment.respondents.expires', { date: fmt.date(r.expiresAt) })}</span>}
            </div>
          ))}
          <div>
            <Button size="sm" variant="ghost" onClick={() => setLinks([])}>
              {t('common.done')}
            </Button>
          </div>
        </div>
      )}
      <section className="card" aria-labelledby="respondents-title">
        <div className="card-header">
          <h2 id="respondents-title">{t('assessment.respondents.title')}</h2>
          <span className="spacer" />
          <span className="muted">
            {t('assessment.submittedOf', { submitted: fmt.number(rows.filter((r) => r.submittedAt).length), total: fmt.number(rows.length) })}
          </span>
        </div>
        {q.isError ? (
          <div className="card-body alert alert-error" role="alert">
            {errorText(q.error)}
          </div>
        ) : q.isPending ? (
          <div className="progress" />
        ) : rows.length === 0 ? (
          <EmptyState icon={<Icon name="contacts" size={32} />} title={t('assessment.respondents.emptyTitle')}>
            {t('assessment.respondents.emptyBody')}
          </EmptyState>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table className="table" data-testid="respondent-table">
              <thead>
                <tr>
                  <th scope="col">{t('assessment.respondents.name')}</th>
                  <th scope="col">{t('assessment.respondents.kind')}</th>
                  <th scope="col" style={{ minInlineSize: 200 }}>
                    {t('assessment.respondents.progress')}
                  </th>
                  <th scope="col">{t('assessment.respondents.submitted')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid="respondent-row">
                    <th scope="row" style={{ fontWeight: 550 }}>
                      {r.name}
                      {r.email && (
                        <div className="muted" style={{ fontWeight: 400, fontSize: 'var(--text-sm)' }}>
                          {r.email}
                        </div>
                      )}
                    </th>
                    <td>
                      <span className={`badge ${r.kind === 'member' ? 'badge-neutral' : 'badge-info'}`}>{enumLabel('respondentKind', r.kind)}</span>
                      {r.kind === 'outside' && r.expiresAt && (
                        <div className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                          {t('assessment.respondents.expires', { date: fmt.date(r.expiresAt) })}
                        </div>
                      )}
                    </td>
                    <td>
                      <div className="stack" style={{ gap: 4 }}>
                        <span style={{ fontSize: 'var(--text-sm)' }}>
                          {t('assessment.answer.answeredOf', { answered: fmt.number(r.answered), total: fmt.number(r.total) })}
                        </span>
                        <Meter value={r.answered} max={r.total} label={t('assessment.respondents.progressOf', { name: r.name })} />
                      </div>
                    </td>
                    <td>
                      {r.submittedAt ? (
                        <span className="badge badge-success">{fmt.date(r.submittedAt)}</span>
                      ) : (
                        <span className="muted">{t('assessment.respondents.notYet')}</span>
                      )}
                    </td>
                    <td className="num">
                      {assessment.status === 'open' && (
                        <Button
                          size="sm"
                          variant="ghost"
                          busy={remove.isPending && remove.variables?.id === r.id}
                          onClick={() => {
                            if (window.confirm(t('assessment.respondents.removeConfirm', { name: r.name }))) remove.mutate(r);
                          }}
                          aria-label={t('assessment.respondents.remove', { name: r.name })}
                        >
                          {t('assessment.respondents.withdraw')}
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
      {assessment.status === 'open' && <InviteForm id={id} invited={rows} onLinks={(ls) => setLinks((x) => [...x, ...ls])} />}
    </div>
  );
}

function InviteForm({ id, invited, onLinks }: { id: string; invited: Respondent[]; onLinks: (r: Respondent[]) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const members = useMembers();
  // Someone who joined the workspace a moment ago can be invited at once: the cached member list is asked again.
  useEffect(() => void qc.invalidateQueries({ queryKey: ['members'] }), [qc]);
  const taken = new Set(invited.flatMap((r) => (r.memberId ? [r.memberId] : [])));
  // Viewers read and never write, answers included (docs/permissions.md); disabled members cannot sign in to answer.
  const candidates = (members.data ?? []).filter((m) => !taken.has(m.userId) && !m.disabled && can(m.role, 'assessments.answer'));
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [outside, setOutside] = useState<Outside[]>([]);
  const [days, setDays] = useState(14);
  const [sendEmail, setSendEmail] = useState(true);
  const invite = useMutation({
    mutationFn: async () =>
      (
        await call(assessmentApi.invite, {
          params: { id },
          body: {
            ...(chosen.size ? { memberIds: [...chosen] } : {}),
            ...(outside.length
              ? {
                  outside: outside.map((o) => ({ name: o.name.trim(), ...(o.email.trim() ? { email: o.email.trim() } : {}), locale: o.locale })),
                  expiresDays: days,
                }
              : {}),
            sendEmail,
          },
        })
      ).data.data,
    onSuccess: (rs) => {
      const withLinks = rs.filter((r) => r.link);
      if (withLinks.length) onLinks(withLinks);
      notify(t('assessment.respondents.invited', { count: rs.length }));
      setChosen(new Set());
      setOutside([]);
      void qc.invalidateQueries({ queryKey: ['assessments'] });
    },
  });
  const setRow = (i: number, patch: Partial<Outside>) => setOutside((x) => x.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const ready = (chosen.size > 0 || outside.length > 0) && outside.every((o) => o.name.trim());
  const err = invite.error;
  return (
    <section className="card" aria-labelledby="invite-title" data-testid="invite-form">
      <div className="card-header">
        <h2 id="invite-title">{t('assessment.respondents.inviteTitle')}</h2>
      </div>
      <div className="card-body stack" style={{ gap: 'var(--s4)' }}>
        <fieldset className="plain-fieldset stack" style={{ gap: 'var(--s1)' }}>
          <legend className="field-label">{t('assessment.respondents.members')}</legend>
          {candidates.length === 0 ? (
            <span className="muted">{t('assessment.respondents.noMembers')}</span>
          ) : (
            <div className="member-choices">
              {candidates.map((m) => (
                <label key={m.userId} className="row check-row">
                  <input
                    type="checkbox"
                    className="checkbox"
                    checked={chosen.has(m.userId)}
                    onChange={(e) =>
                      setChosen((s) => {
                        const n = new Set(s);
                        if (e.target.checked) n.add(m.userId);
                        else n.delete(m.userId);
                        return n;
                      })
                    }
                  />
                  <span>
                    {m.name} <span className="muted">· {m.email}</span>
                  </span>
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset className="plain-fieldset stack" style={{ gap: 'var(--s2)' }}>
          <legend className="field-label">{t('assessment.respondents.outside')}</legend>
          <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
            {t('assessment.respondents.outsideHelp')}
          </span>
          {outside.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows without ids of their own, added at the end or removed
            <div key={i} className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
              <label className="field" style={{ flex: 1, minInlineSize: 180 }}>
                <span>{t('assessment.respondents.name')}</span>
                <input className="input" value={o.name} maxLength={200} onChange={(e) => setRow(i, { name: e.target.value })} />
              </label>
              <label className="field" style={{ flex: 1, minInlineSize: 200 }}>
                <span>{t('assessment.respondents.email')}</span>
                <input
                  className="input"
                  type="email"
                  value={o.email}
                  onChange={(e) => setRow(i, { email: e.target.value })}
                  aria-invalid={fieldError(err, `/outside/${i}/email`) ? true : undefined}
                />
              </label>
              <label className="field">
                <span>{t('assessment.respondents.language')}</span>
                <select className="select" value={o.locale} onChange={(e) => setRow(i, { locale: e.target.value as 'vi' | 'en' })}>
                  <option value="vi">{t('languages.vi')}</option>
                  <option value="en">{t('languages.en')}</option>
                </select>
              </label>
              <Button variant="ghost" onClick={() => setOutside((x) => x.filter((_, j) => j !== i))} aria-label={t('assessment.respondents.removeRow')}>
                <Icon name="close" />
              </Button>
            </div>
          ))}
          <div className="row" style={{ flexWrap: 'wrap' }}>
            <Button size="sm" onClick={() => setOutside((x) => [...x, { name: '', email: '', locale: 'vi' }])} data-testid="add-outside">
              + {t('assessment.respondents.addOutside')}
            </Button>
            <label className="row" style={{ gap: 'var(--s1)' }}>
              <input type="checkbox" checked={sendEmail} onChange={(e) => setSendEmail(e.target.checked)} />
              <span>{t('assessment.respondents.sendEmail')}</span>
            </label>
            {outside.length > 0 && (
              <label className="row" style={{ gap: 'var(--s1)' }}>
                <span>{t('assessment.respondents.expiresDays')}</span>
                <input
                  className="input"
                  type="number"
                  min={1}
                  max={90}
                  style={{ inlineSize: 80 }}
                  value={days}
                  onChange={(e) => setDays(Math.max(1, Math.min(90, Number(e.target.value) || 14)))}
                />
              </label>
            )}
          </div>
        </fieldset>
        {err && (
          <div className="alert alert-error" role="alert">
            {errorText(err)}
          </div>
        )}
        <div className="row">
          <Button variant="primary" disabled={!ready} busy={invite.isPending} onClick={() => invite.mutate()} data-testid="invite-submit">
            {t('assessment.respondents.inviteSubmit', { count: chosen.size + outside.length })}
          </Button>
        </div>
      </div>
    </section>
  );
}
