import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useRequiredSession } from '../../app/session.tsx';
import { surveyApi } from '@kith/domain/surveys/survey.api.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { CustomerPicker } from '../orders/order-dialog.tsx';
import { useSendableSurveys, useSurveyTitle } from './survey-data.ts';
import type { Survey } from './survey-model.ts';

type Channel = 'link' | 'email';

/**
 * Invite one customer to answer a survey: a personal link that expires and is answered once. "Link" only
 * makes it, to copy into Zalo or an SMS; "email" also emails it to the customer's first address. Opened from a
 * survey (the customer is picked) or from a customer's page (the survey is picked).
 */
export function InviteDialog({
  survey,
  customer,
  onClose,
}: {
  survey?: Survey;
  customer?: { id: string; name: string; hasEmail: boolean };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const surveys = useSendableSurveys();
  const title = useSurveyTitle();
  const active = surveys.data ?? [];
  const [surveyId, setSurveyId] = useState(survey?.id ?? '');
  const chosenSurvey = survey?.id ?? (surveyId || active[0]?.id || '');
  const [contact, setContact] = useState<{ id: string; name: string } | null>(customer ?? null);
  const [locale, setLocale] = useState<'vi' | 'en'>(s.workspace.locale === 'en' ? 'en' : 'vi');
  const [channel, setChannel] = useState<Channel>('link');
  const invite = useMutation({
    mutationFn: async () => (await call(surveyApi.invite, { params: { id: chosenSurvey }, body: { contactId: contact?.id ?? '', locale, channel } })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['surveys'] }),
  });
  const done = invite.data;
  const contactError = fieldError(invite.error, '/contactId');
  const noSurvey = !survey && surveys.isSuccess && active.length === 0;
  const copy = (url: string) =>
    void navigator.clipboard?.writeText(url).then(
      () => notify(t('common.copied')),
      () => undefined,
    );
  return (
    <Dialog
      open
      onClose={onClose}
      title={survey ? t('surveys.invite.titleOf', { name: title(survey) }) : t('surveys.invite.title')}
      footer={
        done ? (
          <Button variant="primary" onClick={onClose}>
            {t('common.done')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button variant="primary" busy={invite.isPending} disabled={!contact || !chosenSurvey} onClick={() => invite.mutate()}>
              {channel === 'email' ? t('surveys.invite.sendEmail') : t('surveys.invite.makeLink')}
            </Button>
          </>
        )
      }
    >
      <div className="stack" data-testid="invite-dialog">
        {noSurvey ? (
          <p className="muted">
            {t('surveys.invite.noActive')}{' '}
            <Link href="/surveys/new" className="underline">
              {t('surveys.new')}
            </Link>
          </p>
        ) : done ? (
          <div className="alert alert-success stack" role="status" data-testid="invite-result">
            <span>
              {channel === 'email'
                ? done.mailId
                  ? t('surveys.invite.emailed', { name: contact?.name ?? '' })
                  : t('surveys.invite.noEmail', { name: contact?.name ?? '' })
                : t('surveys.invite.linkReady', { name: contact?.name ?? '' })}
            </span>
            <div className="row">
              <input
                className="input mono"
                readOnly
                value={done.url}
                aria-label={t('surveys.invite.linkLabel')}
                onFocus={(e) => e.target.select()}
                data-testid="invite-url"
              />
              <Button size="sm" onClick={() => copy(done.url)}>
                {t('common.copy')}
              </Button>
            </div>
            <span className="muted">{t('surveys.invite.expires', { date: fmt.date(done.expiresAt) })}</span>
          </div>
        ) : (
          <>
            {survey ? null : (
              <SelectField
                label={t('surveys.invite.survey')}
                value={chosenSurvey}
                onChange={(e) => setSurveyId(e.target.value)}
                options={active.map((x) => ({ value: x.id, label: x.name }))}
              />
            )}
            {customer ? (
              <p>
                {t('surveys.invite.customer')}: <strong>{customer.name}</strong>
              </p>
            ) : (
              <CustomerPicker value={contact} onChange={setContact} error={contactError} />
            )}
            <SelectField
              label={t('surveys.invite.language')}
              value={locale}
              onChange={(e) => setLocale(e.target.value as 'vi' | 'en')}
              hint={t('surveys.invite.languageHint')}
              options={(['vi', 'en'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            />
            <fieldset className="stack plain-fieldset">
              <legend className="section-title">{t('surveys.invite.how')}</legend>
              <label className="row">
                <input type="radio" name="invite-channel" checked={channel === 'link'} onChange={() => setChannel('link')} />
                {t('surveys.invite.byLink')}
              </label>
              <label className="row">
                <input
                  type="radio"
                  name="invite-channel"
                  checked={channel === 'email'}
                  onChange={() => setChannel('email')}
                  disabled={customer && !customer.hasEmail}
                />
                {customer && !customer.hasEmail ? t('surveys.invite.byEmailNone') : t('surveys.invite.byEmail')}
              </label>
            </fieldset>
            {invite.isError && !contactError && (
              <div className="alert alert-error" role="alert">
                {invite.error && 'status' in invite.error && invite.error.status === 409 ? t('surveys.invite.notActive') : errorText(invite.error)}
              </div>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
