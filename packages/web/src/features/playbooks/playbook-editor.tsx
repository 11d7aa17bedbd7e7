import { useEffect, useState } from 'react';
import { Card } from '../../components/ui/card.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { ReorderButtons } from '../../components/ui/reorder-buttons.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { RecordStatus } from '../../components/ui/record-status.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { playbookApi } from '@kith/domain/playbooks/playbook.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { LIFECYCLE_STAGES } from '../contacts/contact-model.ts';
import { useSendableSurveys } from '../surveys/survey-data.ts';
import { moved } from '../surveys/survey-model.ts';
import { useSegments } from './playbook-data.ts';
import {
  draftOf,
  emptyDraft,
  MAX_DELAY_DAYS,
  MAX_STEPS,
  newStep,
  PLAYBOOK_ACTIONS,
  PLAYBOOK_STATUSES,
  playbookBody,
  reaction,
  TEMPLATE_VARIABLES,
  type DraftStep,
  type Playbook,
  type PlaybookDraft,
} from './playbook-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/** `/playbooks/new` and `/playbooks/{id}`: the playbook editor, for managers, admins and owners (read-only for others). */
export default function PlaybookEditorPage() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['playbook', id],
    queryFn: async ({ signal }) => (await call(playbookApi.get, { params: { id: id ?? '' }, signal })).data,
    enabled: !!id,
  });
  if (!id) return <PlaybookEditor playbook={null} />;
  if (!q.isSuccess) return <RecordStatus pending={q.isPending} error={q.error} backHref="/playbooks" backLabel={t('playbooks.title')} />;
  return <PlaybookEditor key={q.data.id} playbook={q.data} reload={() => void q.refetch()} />;
}

function PlaybookEditor({ playbook, reload }: { playbook: Playbook | null; reload?: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<PlaybookDraft>(() => (playbook ? draftOf(playbook) : emptyDraft()));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft is reset only when another version arrives, so a refetch of the same version keeps the edits in progress
  useEffect(() => {
    if (playbook) setDraft(draftOf(playbook));
  }, [playbook?.version]);
  const editable = can('playbooks.manage');
  const segments = useSegments(editable || draft.audienceKind === 'segment');
  const save = useMutation({
    mutationFn: async () => {
      if (!playbook) return (await call(playbookApi.create, { body: playbookBody(draft) })).data;
      // If-Match: a colleague's save in between is never overwritten (412).
      return (await call(playbookApi.update, { params: { id: playbook.id }, body: playbookBody(draft), ifMatch: `"${playbook.version}"` })).data;
    },
    onSuccess: (saved) => {
      qc.setQueryData(['playbook', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['playbooks'] });
      notify(t(playbook ? 'playbooks.editor.saved' : 'playbooks.editor.created', { name: saved.name }));
      if (!playbook) navigate(`/playbooks/${saved.id}`, { replace: true });
    },
  });
  const del = useMutation({
    mutationFn: () => call(playbookApi.remove, { params: { id: playbook?.id ?? '' } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['playbooks'] });
      notify(t('playbooks.editor.deleted', { name: playbook!.name }));
      navigate('/playbooks');
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const err = (p: string) => fieldError(save.error, p);
  const set = (patch: Partial<PlaybookDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setStep = (key: number, patch: Partial<DraftStep>) => setDraft((d) => ({ ...d, steps: d.steps.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
  const conflict = isApiError(save.error) && save.error.status === 412;
  const lastDay = Math.max(0, ...draft.steps.map((s) => Number(s.delayDays) || 0));
  return (
    <div className="page" data-testid="playbook-editor">
      <div className="page-header">
        <Link href="/playbooks" className="btn btn-ghost btn-sm" aria-label={t('playbooks.backToList')}>
          ←
        </Link>
        <h1>{playbook ? playbook.name : t('playbooks.editor.newTitle')}</h1>
        <span className="spacer" />
        {playbook && editable && (
          <Button
            variant="danger"
            busy={del.isPending}
            onClick={() => window.confirm(t('playbooks.editor.confirmDelete', { name: playbook.name })) && del.mutate()}
          >
            {t('common.delete')}
          </Button>
        )}
        {editable && (
          <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()} data-testid="save-playbook">
            {playbook ? t('common.save') : t('playbooks.editor.create')}
          </Button>
        )}
      </div>
      {!editable && <p className="muted">{t('playbooks.editor.readOnly')}</p>}
      {save.isError && (
        <div className="alert alert-error row" role="alert">
          <span>{conflict ? t('playbooks.editor.conflict') : errorText(save.error)}</span>
          {conflict && reload && (
            <>
              <span className="spacer" />
              <Button
                size="sm"
                onClick={() => {
                  save.reset();
                  reload();
                }}
              >
                {t('playbooks.editor.reload')}
              </Button>
            </>
          )}
        </div>
      )}
      <div className="survey-builder">
        <div className="stack" style={{ gap: 'var(--s4)', minInlineSize: 0 }}>
          <Card id="playbook-about" title={t('playbooks.editor.about')}>
            <div className="form-row">
              <TextField
                label={t('playbooks.fields.name')}
                value={draft.name}
                disabled={!editable}
                onChange={(e) => set({ name: e.target.value })}
                error={err('/name')}
                maxLength={200}
                placeholder={t('playbooks.editor.namePlaceholder')}
                autoFocus={!playbook}
              />
              <SelectField
                label={t('playbooks.fields.status')}
                value={draft.status}
                disabled={!editable}
                onChange={(e) => set({ status: e.target.value as PlaybookDraft['status'] })}
                error={err('/status')}
                options={PLAYBOOK_STATUSES.map((s) => ({ value: s, label: enumLabel('playbookStatus', s) }))}
                hint={t(`playbooks.statusHints.${draft.status}`)}
              />
            </div>
            <TextAreaField
              label={t('playbooks.fields.description')}
              value={draft.description}
              disabled={!editable}
              onChange={(e) => set({ description: e.target.value })}
              error={err('/description')}
              maxLength={2000}
              rows={2}
            />
          </Card>
          <Card id="playbook-steps" title={t('playbooks.editor.steps')} count={draft.steps.length}>
            <p className="muted" style={{ margin: 0 }}>
              {t('playbooks.editor.stepsIntro')}
            </p>
            {err('/steps') && !draft.steps.some((_, i) => err(`/steps/${i}`)) && (
              <span className="field-error" role="alert">
                {err('/steps')}
              </span>
            )}
            <ol className="question-list playbook-steps" aria-label={t('playbooks.editor.steps')}>
              {draft.steps.map((s, i) => (
                <StepEditor
                  key={s.key}
                  s={s}
                  n={i + 1}
                  count={draft.steps.length}
                  disabled={!editable}
                  error={(p) => err(`/steps/${i}${p}`)}
                  onChange={(patch) => setStep(s.key, patch)}
                  onMove={(dir) => set({ steps: moved(draft.steps, i, dir) })}
                  onRemove={() => set({ steps: draft.steps.filter((x) => x.key !== s.key) })}
                />
              ))}
            </ol>
            {editable && draft.steps.length < MAX_STEPS && (
              <div>
                <Button onClick={() => set({ steps: [...draft.steps, newStep('task', lastDay + 1)] })} data-testid="add-step">
                  <Icon name="plus" /> {t('playbooks.editor.addStep')}
                </Button>
              </div>
            )}
          </Card>
        </div>
        <div className="stack" style={{ gap: 'var(--s4)', minInlineSize: 0 }}>
          <Card id="playbook-audience" title={t('playbooks.editor.audience')}>
            <fieldset className="stack plain-fieldset" disabled={!editable}>
              <legend className="visually-hidden">{t('playbooks.editor.audienceKind')}</legend>
              {(['lifecycle', 'segment'] as const).map((k) => (
                <label key={k} className="row trigger-option">
                  <input type="radio" name="audience" checked={draft.audienceKind === k} onChange={() => set({ audienceKind: k })} />
                  <span>{t(`playbooks.audienceKinds.${k}`)}</span>
                </label>
              ))}
            </fieldset>
            {draft.audienceKind === 'lifecycle' ? (
              <fieldset className="plain-fieldset stage-options" disabled={!editable}>
                <legend className="field-label">{t('playbooks.editor.stages')}</legend>
                {LIFECYCLE_STAGES.map((st) => (
                  <label key={st} className="row">
                    <input
                      type="checkbox"
                      className="checkbox"
                      checked={draft.stages.includes(st)}
                      onChange={(e) => set({ stages: e.target.checked ? [...draft.stages, st] : draft.stages.filter((x) => x !== st) })}
                    />
                    {enumLabel('lifecycleStage', st)}
                  </label>
                ))}
                {err('/audience') && <span className="field-error">{err('/audience')}</span>}
              </fieldset>
            ) : (
              <SelectField
                label={t('playbooks.editor.segment')}
                value={draft.segmentId}
                disabled={!editable}
                onChange={(e) => set({ segmentId: e.target.value })}
                placeholder={t('playbooks.editor.chooseSegment')}
                options={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                error={err('/audience')}
                hint={segments.data && segments.data.length === 0 ? t('playbooks.editor.noSegments') : undefined}
              />
            )}
            <label className="row trigger-option">
              <input
                type="checkbox"
                className="checkbox"
                checked={draft.autoEnroll}
                disabled={!editable}
                onChange={(e) => set({ autoEnroll: e.target.checked })}
              />
              <span className="stack" style={{ gap: 0 }}>
                <span>{t('playbooks.fields.autoEnroll')}</span>
                <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                  {t('playbooks.editor.autoEnrollHint')}
                </span>
              </span>
            </label>
          </Card>
          <Card id="playbook-variables" title={t('playbooks.editor.variables')}>
            <p className="muted" style={{ margin: 0 }}>
              {t('playbooks.editor.variablesIntro')}
            </p>
            <dl className="variable-list">
              {TEMPLATE_VARIABLES.map((v) => (
                <div key={v}>
                  <dt>
                    <code>{`{{${v}}}`}</code>
                  </dt>
                  <dd className="muted">{t(`playbooks.variables.${v.replace('.', '_')}`)}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
      </div>
    </div>
  );
}

function StepEditor({
  s,
  n,
  count,
  disabled,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  s: DraftStep;
  n: number;
  count: number;
  disabled: boolean;
  error: (p: string) => string | undefined;
  onChange: (p: Partial<DraftStep>) => void;
  onMove: (dir: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const surveys = useSendableSurveys();
  const surveyOptions = (surveys.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  if (s.surveyId && !surveyOptions.some((o) => o.value === s.surveyId)) surveyOptions.push({ value: s.surveyId, label: t('playbooks.editor.unlistedSurvey') });
  return (
    <li className="question playbook-step" data-testid="playbook-step" data-action={s.action}>
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <span className="question-number" aria-hidden="true">
          {n}
        </span>
        <TextField
          className="day-field"
          label={t('playbooks.editor.day', { n })}
          type="number"
          min={0}
          max={MAX_DELAY_DAYS}
          value={s.delayDays}
          disabled={disabled}
          onChange={(e) => onChange({ delayDays: e.target.value })}
          error={error('/delayDays')}
        />
        <SelectField
          label={t('playbooks.editor.action', { n })}
          value={s.action}
          disabled={disabled}
          onChange={(e) => onChange(reaction(s, e.target.value as DraftStep['action']))}
          options={PLAYBOOK_ACTIONS.map((a) => ({ value: a, label: enumLabel('playbookAction', a) }))}
        />
        {s.action === 'task' && (
          <TextField
            className="day-field"
            label={t('playbooks.editor.dueInDays')}
            type="number"
            min={0}
            max={365}
            value={s.dueInDays}
            disabled={disabled}
            onChange={(e) => onChange({ dueInDays: e.target.value })}
            error={error('/dueInDays')}
          />
        )}
        <span className="spacer" />
        {!disabled && (
          <ReorderButtons
            n={n}
            count={count}
            onMove={onMove}
            onRemove={onRemove}
            labels={{ up: t('playbooks.editor.moveUp', { n }), down: t('playbooks.editor.moveDown', { n }), remove: t('playbooks.editor.removeStep', { n }) }}
          />
        )}
      </div>
      <p className="muted" style={{ margin: 0, fontSize: 'var(--text-sm)' }}>
        {t(`playbooks.actionHints.${s.action}`)}
      </p>
      <TextField
        label={t(`playbooks.titleLabels.${s.action}`, { n })}
        value={s.title}
        disabled={disabled}
        maxLength={200}
        onChange={(e) => onChange({ title: e.target.value })}
        error={error('/title')}
        data-testid={`step-${n}-title`}
      />
      {s.action === 'survey' ? (
        <SelectField
          label={t('playbooks.editor.survey', { n })}
          value={s.surveyId}
          disabled={disabled}
          onChange={(e) => onChange({ surveyId: e.target.value })}
          placeholder={t('playbooks.editor.chooseSurvey')}
          options={surveyOptions}
          error={error('/surveyId')}
          hint={surveys.data && surveys.data.length === 0 ? t('playbooks.editor.noSurveys') : undefined}
        />
      ) : (
        <TextAreaField
          label={t(`playbooks.bodyLabels.${s.action}`, { n })}
          value={s.body}
          disabled={disabled}
          maxLength={10_000}
          rows={s.action === 'email' ? 6 : 3}
          onChange={(e) => onChange({ body: e.target.value })}
          error={error('/body')}
          data-testid={`step-${n}-body`}
        />
      )}
    </li>
  );
}
