import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trainingApi } from '@kith/domain/training/training.api.ts';
import { TRAINING_RESULTS, type TrainingResult } from '@kith/domain/training/training.schema.ts';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { enumLabel, enumOptions } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { fileHref, useCatalogue, useMatrix, usePersonRecords, useTrainingRefresh, type TrainingRecord } from './training-data.ts';

const BADGE: Record<TrainingRecord['state'], string> = {
  valid: 'badge-success',
  expiring: 'badge-warning',
  expired: 'badge-danger',
  failed: 'badge-neutral',
};

/** One person's training records (mine unless I pick someone in my scope), with evidence; a form to record a course for those who may. */
export function TrainingRecordsTab({ person, onPerson }: { person: string; onPerson: (userId: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const s = useRequiredSession();
  const notify = useToast();
  const errorText = useErrorText();
  const refresh = useTrainingRefresh();
  const people = useMatrix(30, '');
  const userId = person || s.user.id;
  const records = usePersonRecords(userId);
  const del = useMutation({
    mutationFn: (id: string) => call(trainingApi.deleteRecord, { params: { id } }),
    onSuccess: () => {
      refresh();
      notify(t('training.recordDeleted'));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const options = (people.data?.people ?? []).map((p) => ({ value: p.userId, label: p.name }));
  const mayRecord = can('training.record');
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }}>
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end', gap: 'var(--s3)' }}>
        {options.length > 1 && (
          <SelectField label={t('training.person')} value={userId} onChange={(e) => onPerson(e.target.value)} options={options} data-testid="training-person" />
        )}
        <span className="spacer" />
        <a className="btn" href={fileHref('records.csv', {})} download data-testid="training-records-csv">
          <Icon name="download" /> {t('training.downloadRecords')}
        </a>
      </div>
      {mayRecord && <RecordForm userId={userId} name={options.find((o) => o.value === userId)?.label ?? s.user.name} />}
      {records.isPending ? (
        <div className="progress" />
      ) : records.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(records.error)}
        </div>
      ) : records.data.length === 0 ? (
        <EmptyState icon={<Icon name="sparkles" size={36} />} title={t('training.recordsEmptyTitle')}>
          {t(mayRecord ? 'training.recordsEmptyManager' : 'training.recordsEmptyMember')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflowX: 'auto' }}>
          <table className="table" data-testid="training-records">
            <thead>
              <tr>
                <th>{t('training.course')}</th>
                <th>{t('training.completedOn')}</th>
                <th>{t('training.result')}</th>
                <th>{t('training.expiresOn')}</th>
                <th>{t('training.evidence')}</th>
                <th>{t('training.recordedBy')}</th>
                {mayRecord && <th aria-label={t('common.actions')} />}
              </tr>
            </thead>
            <tbody>
              {records.data.map((r) => (
                <tr key={r.id} data-testid="training-record">
                  <td style={{ fontWeight: 550 }}>{r.courseName}</td>
                  <td>{fmt.date(r.completedOn)}</td>
                  <td>
                    {enumLabel('trainingResult', r.result)}
                    {r.score !== null && <span className="muted"> · {t('training.scoreOf', { score: fmt.number(r.score) })}</span>}
                  </td>
                  <td>
                    <span className={`badge ${BADGE[r.state]}`}>{enumLabel('trainingRecordState', r.state)}</span>{' '}
                    {r.expiresOn ? fmt.date(r.expiresOn) : r.result === 'passed' ? t('training.neverExpires') : ''}
                    {r.expiryOverridden && <span className="muted"> ({t('training.overridden')})</span>}
                  </td>
                  <td style={{ maxInlineSize: 280 }}>
                    {r.evidenceNote && <div style={{ whiteSpace: 'pre-wrap' }}>{r.evidenceNote}</div>}
                    {r.evidenceUrl && (
                      <a href={r.evidenceUrl} target="_blank" rel="noopener noreferrer nofollow">
                        {t('training.openEvidence')}
                      </a>
                    )}
                  </td>
                  <td className="muted">{r.recordedByName ?? '—'}</td>
                  {mayRecord && (
                    <td>
                      <Button
                        size="sm"
                        variant="ghost"
                        busy={del.isPending && del.variables === r.id}
                        onClick={() => {
                          if (window.confirm(t('training.confirmDeleteRecord', { course: r.courseName }))) del.mutate(r.id);
                        }}
                      >
                        {t('common.delete')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Record a course a person completed: the result, a score, an expiry only to override the course's, and evidence. */
function RecordForm({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorText = useErrorText();
  const refresh = useTrainingRefresh();
  const catalogue = useCatalogue();
  const courses = (catalogue.data?.courses ?? []).filter((c) => !c.archived);
  const [courseId, setCourseId] = useState('');
  const [completedOn, setCompletedOn] = useState('');
  const [result, setResult] = useState<TrainingResult>('passed');
  const [score, setScore] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [note, setNote] = useState('');
  const [url, setUrl] = useState('');
  const add = useMutation({
    mutationFn: () =>
      call(trainingApi.createRecord, {
        params: { userId },
        body: {
          courseId,
          completedOn,
          result,
          ...(score.trim() ? { score: Number(score.replace(',', '.')) } : {}),
          ...(expiresOn ? { expiresOn } : {}),
          ...(note.trim() ? { evidenceNote: note } : {}),
          ...(url.trim() ? { evidenceUrl: url.trim() } : {}),
        },
      }),
    onSuccess: () => {
      setCourseId('');
      setCompletedOn('');
      setScore('');
      setExpiresOn('');
      setNote('');
      setUrl('');
      refresh();
      notify(t('training.recorded', { name }));
    },
  });
  if (catalogue.isSuccess && courses.length === 0)
    return (
      <div className="alert" role="status">
        {t('training.noCourses')}
      </div>
    );
  const known = ['/courseId', '/completedOn', '/result', '/score', '/expiresOn', '/evidenceNote', '/evidenceUrl'];
  return (
    <form
      className="card card-body stack"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
      data-testid="training-record-form"
    >
      <h2 style={{ fontSize: 'var(--text-lg)' }}>{t('training.recordFor', { name })}</h2>
      <div className="training-form">
        <SelectField
          label={t('training.course')}
          value={courseId}
          onChange={(e) => setCourseId(e.target.value)}
          placeholder={t('training.chooseCourse')}
          options={courses.map((c) => ({ value: c.id, label: c.name }))}
          error={fieldError(add.error, '/courseId')}
          required
        />
        <TextField
          label={t('training.completedOn')}
          type="date"
          value={completedOn}
          onChange={(e) => setCompletedOn(e.target.value)}
          error={fieldError(add.error, '/completedOn')}
          required
        />
        <SelectField
          label={t('training.result')}
          value={result}
          onChange={(e) => setResult(e.target.value as TrainingResult)}
          options={enumOptions('trainingResult', TRAINING_RESULTS)}
          error={fieldError(add.error, '/result')}
        />
        <TextField
          label={t('training.score')}
          inputMode="decimal"
          value={score}
          onChange={(e) => setScore(e.target.value)}
          error={fieldError(add.error, '/score')}
          style={{ inlineSize: 100 }}
        />
        <TextField
          label={t('training.expiresOverride')}
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          hint={t('training.expiresHint')}
          error={fieldError(add.error, '/expiresOn')}
        />
      </div>
      <div className="training-form">
        <div style={{ flex: '1 1 320px' }}>
          <TextAreaField
            label={t('training.evidenceNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            error={fieldError(add.error, '/evidenceNote')}
          />
        </div>
        <div style={{ flex: '1 1 320px' }}>
          <TextField
            label={t('training.evidenceUrl')}
            type="url"
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={fieldError(add.error, '/evidenceUrl')}
          />
        </div>
      </div>
      {add.isError && !known.some((p) => fieldError(add.error, p)) && (
        <div className="alert alert-error" role="alert">
          {errorText(add.error)}
        </div>
      )}
      <div className="row">
        <Button type="submit" variant="primary" busy={add.isPending}>
          <Icon name="plus" /> {t('training.record')}
        </Button>
      </div>
    </form>
  );
}
