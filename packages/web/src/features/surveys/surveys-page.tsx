import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan } from '../../app/session.tsx';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { InviteDialog } from './invite-dialog.tsx';
import { SegmentInviteDialog } from './segment-invite-dialog.tsx';
import { useSurveys } from './survey-data.ts';
import { percent, responseRate, type Survey } from './survey-model.ts';
import { SurveyNav } from './survey-nav.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

/** The surveys: what each asks, when it is sent, how many were invited and answered; new, edit, invite. */
export default function SurveysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const surveys = useSurveys();
  const [inviting, setInviting] = useState<Survey | null>(null);
  const [toSegment, setToSegment] = useState<Survey | null>(null);
  const newButton = can('surveys.manage') && (
    <Link href="/surveys/new" className="btn btn-primary">
      <Icon name="plus" /> {t('surveys.new')}
    </Link>
  );
  if (!can('surveys.read'))
    return (
      <div className="page">
        <EmptyState icon={<Icon name="lock" size={36} />} title={t('surveys.noAccessTitle')}>
          {t('surveys.noAccessBody')}
        </EmptyState>
      </div>
    );
  const rows = surveys.data ?? [];
  return (
    <div className="page">
      <SurveyNav title={t('surveys.title')} actions={newButton} />
      {surveys.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(surveys.error)}
        </div>
      ) : surveys.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Icon name="star" size={36} />} title={t('surveys.empty.title')} actions={newButton}>
          {t(can('surveys.manage') ? 'surveys.empty.body' : 'surveys.empty.bodyReadOnly')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <SurveyTable rows={rows} onInvite={can('surveys.send') ? setInviting : undefined} onInviteSegment={can('surveys.send') ? setToSegment : undefined} />
        </div>
      )}
      {inviting && <InviteDialog survey={inviting} onClose={() => setInviting(null)} />}
      {toSegment && <SegmentInviteDialog survey={toSegment} onClose={() => setToSegment(null)} />}
    </div>
  );
}

function SurveyTable({
  rows,
  onInvite,
  onInviteSegment,
}: {
  rows: Survey[];
  onInvite: ((s: Survey) => void) | undefined;
  onInviteSegment: ((s: Survey) => void) | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const triggerText = (s: Survey) =>
    s.trigger.kind === 'ticket_resolved'
      ? t('surveys.triggerShort.ticket_resolved', { count: s.trigger.delayMinutes ?? 0, formatted: fmt.number(s.trigger.delayMinutes ?? 0) })
      : s.trigger.kind === 'order_delivered'
        ? t('surveys.triggerShort.order_delivered', { count: s.trigger.delayDays ?? 0, formatted: fmt.number(s.trigger.delayDays ?? 0) })
        : t('surveys.triggerShort.manual');
  return (
    <table className="table" aria-label={t('surveys.title')} data-testid="survey-table">
      <thead>
        <tr>
          <th scope="col">{t('surveys.fields.name')}</th>
          <th scope="col">{t('surveys.fields.status')}</th>
          <th scope="col">{t('surveys.fields.questions')}</th>
          <th scope="col">{t('surveys.fields.trigger')}</th>
          <th scope="col" className="num">
            {t('surveys.fields.invited')}
          </th>
          <th scope="col" className="num">
            {t('surveys.fields.responded')}
          </th>
          <th scope="col" className="num">
            {t('surveys.fields.rate')}
          </th>
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => {
          const rate = responseRate(s.stats.responded, s.stats.invited);
          return (
            <tr key={s.id} data-testid="survey-row">
              <td>
                <Link href={`/surveys/${s.id}`} style={{ fontWeight: 550 }}>
                  {s.name}
                </Link>
              </td>
              <td>
                <SurveyStatusBadge status={s.status} />
              </td>
              <td className="muted">{[...new Set(s.questions.map((q) => enumLabel('surveyQuestionType', q.type)))].join(', ')}</td>
              <td className="muted">{triggerText(s)}</td>
              <td className="num">{fmt.number(s.stats.invited)}</td>
              <td className="num">{fmt.number(s.stats.responded)}</td>
              <td className="num">{rate === null ? '—' : `${fmt.number(percent(rate))}%`}</td>
              <td className="num nowrap">
                <Link href={`/surveys/results?survey=${s.id}`} className="btn btn-sm btn-ghost">
                  {t('surveys.seeResults')}
                </Link>
                {onInvite && s.status === 'active' && (
                  <Button size="sm" onClick={() => onInvite(s)} aria-label={t('surveys.inviteTo', { name: s.name })}>
                    {t('surveys.invite.action')}
                  </Button>
                )}{' '}
                {onInviteSegment && s.status === 'active' && (
                  <Button size="sm" variant="ghost" onClick={() => onInviteSegment(s)} aria-label={t('surveys.inviteSegmentTo', { name: s.name })}>
                    {t('surveys.segmentInvite.action')}
                  </Button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function SurveyStatusBadge({ status }: { status: Survey['status'] }) {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  return (
    <span className={`badge ${status === 'active' ? 'badge-success' : status === 'paused' ? 'badge-warning' : 'badge-neutral'}`}>
      {enumLabel('surveyStatus', status)}
    </span>
  );
}
