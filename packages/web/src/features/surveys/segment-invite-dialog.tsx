import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { useRequiredSession } from '../../app/session.tsx';
import { segmentApi } from '@kith/domain/segments/segment.api.ts';
import { surveyApi } from '@kith/domain/surveys/survey.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useSurveyTitle } from './survey-data.ts';
import type { BulkInvitation, Survey } from './survey-model.ts';

/**
 * Send a survey to a saved segment (up to 5,000 customers) at once: by email, or as links to copy. Customers
 * with an open invitation to this survey are skipped, so nobody is asked twice.
 */
export function SegmentInviteDialog({ survey, onClose }: { survey: Survey; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const title = useSurveyTitle();
  const segments = useQuery({ queryKey: ['segments'], queryFn: async () => (await call(segmentApi.list)).data.data });
  const [segmentId, setSegmentId] = useState('');
  const [channel, setChannel] = useState<'email' | 'link'>('email');
  const [locale, setLocale] = useState<'vi' | 'en'>(s.workspace.locale === 'en' ? 'en' : 'vi');
  const chosen = segmentId || segments.data?.[0]?.id || '';
  const send = useMutation({
    mutationFn: async () => (await call(surveyApi.inviteMany, { params: { id: survey.id }, body: { segmentId: chosen, channel, locale } })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['surveys'] }),
  });
  const done = send.data;
  const err = fieldError(send.error, '/segmentId') ?? fieldError(send.error, '/contactIds');
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('surveys.segmentInvite.title', { name: title(survey) })}
      footer={
        done ? (
          <Button variant="primary" onClick={onClose}>
            {t('common.done')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button variant="primary" busy={send.isPending} disabled={!chosen} onClick={() => send.mutate()}>
              {t(channel === 'email' ? 'surveys.segmentInvite.sendEmail' : 'surveys.segmentInvite.makeLinks')}
            </Button>
          </>
        )
      }
    >
      <div className="stack" data-testid="segment-invite">
        {segments.isSuccess && segments.data.length === 0 ? (
          <p className="muted">
            {t('surveys.segmentInvite.noSegments')}{' '}
            <Link href="/segments" className="underline">
              {t('nav.segments')}
            </Link>
          </p>
        ) : done ? (
          <>
            <div className="alert alert-success" role="status" data-testid="segment-invite-result">
              {t('surveys.segmentInvite.done', { invited: fmt.number(done.invited), skipped: fmt.number(done.skipped) })}
            </div>
            {channel === 'link' && done.invited > 0 && (
              <div>
                <Button onClick={() => downloadLinks(done, survey.name)}>{t('surveys.segmentInvite.downloadLinks')}</Button>
              </div>
            )}
          </>
        ) : (
          <>
            <p className="muted">{t('surveys.segmentInvite.intro')}</p>
            <SelectField
              label={t('surveys.segmentInvite.segment')}
              value={chosen}
              onChange={(e) => setSegmentId(e.target.value)}
              options={(segments.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              error={err}
            />
            <SelectField
              label={t('surveys.invite.language')}
              value={locale}
              onChange={(e) => setLocale(e.target.value as 'vi' | 'en')}
              options={(['vi', 'en'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            />
            <fieldset className="stack plain-fieldset">
              <legend className="section-title">{t('surveys.invite.how')}</legend>
              <label className="row">
                <input type="radio" name="segment-channel" checked={channel === 'email'} onChange={() => setChannel('email')} />
                {t('surveys.segmentInvite.byEmail')}
              </label>
              <label className="row">
                <input type="radio" name="segment-channel" checked={channel === 'link'} onChange={() => setChannel('link')} />
                {t('surveys.segmentInvite.byLink')}
              </label>
            </fieldset>
            {send.isError && !err && (
              <div className="alert alert-error" role="alert">
                {isApiError(send.error) && send.error.status === 409 ? t('surveys.invite.notActive') : errorText(send.error)}
              </div>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}

/** The links made for a segment, as a CSV to paste into a Zalo or SMS tool (UTF-8 with a BOM, for Excel). */
function downloadLinks(done: BulkInvitation, name: string) {
  const rows = [['contactId', 'url'], ...done.invitations.filter((i) => i.url).map((i) => [i.contactId, i.url!])];
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([`\ufeff${rows.map((r) => r.join(',')).join('\n')}\n`], { type: 'text/csv;charset=utf-8' }));
  a.download = `kith-survey-links-${name.replace(/[^\p{L}\p{N}]+/gu, '-')}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
