import { useEffect, useState } from 'react';
import { Card } from '../../components/ui/card.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'wouter';
import { TICKET_PRIORITIES } from '@kith/domain/tickets/tickets.ts';
import { Button } from '../../components/ui/button.tsx';
import { ReorderButtons } from '../../components/ui/reorder-buttons.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { RecordStatus } from '../../components/ui/record-status.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { surveyApi } from '@kith/domain/surveys/survey.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { i18next } from '../../lib/i18n.ts';
import { InviteDialog } from './invite-dialog.tsx';
import {
  draftOf,
  emptyDraft,
  isChoice,
  moved,
  newQuestion,
  QUESTION_TYPES,
  retype,
  SCALE_RANGE,
  SURVEY_STATUSES,
  surveyBody,
  TRIGGER_KINDS,
  type DraftQuestion,
  type Survey,
  type SurveyDraft,
} from './survey-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/** A new survey starts as the usual pair: the NPS question and "why?", worded in both languages. */
function starter(): SurveyDraft {
  const vi = i18next.getFixedT('vi');
  const en = i18next.getFixedT('en');
  const d = emptyDraft([
    newQuestion('nps', { vi: vi('surveys.builder.starterNps'), en: en('surveys.builder.starterNps') }),
    newQuestion('text', { vi: vi('surveys.builder.starterWhy'), en: en('surveys.builder.starterWhy') }),
  ]);
  return d;
}

/** `/surveys/new` and `/surveys/{id}`: the survey builder, for managers, admins and owners (read-only for others). */
export default function SurveyBuilderPage() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['survey', id],
    queryFn: async ({ signal }) => (await call(surveyApi.get, { params: { id: id ?? '' }, signal })).data,
    enabled: !!id,
  });
  if (!id) return <SurveyBuilder survey={null} />;
  if (!q.isSuccess) return <RecordStatus pending={q.isPending} error={q.error} backHref="/surveys" backLabel={t('surveys.title')} />;
  return <SurveyBuilder key={q.data.id} survey={q.data} />;
}

function SurveyBuilder({ survey }: { survey: Survey | null }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<SurveyDraft>(() => (survey ? draftOf(survey) : starter()));
  const [inviting, setInviting] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft is reset only when another version arrives, so a refetch of the same version keeps the edits in progress
  useEffect(() => {
    if (survey) setDraft(draftOf(survey));
  }, [survey?.version]);
  const editable = can('surveys.manage');
  // Answers point at the questions: once a survey has them its questions stay as they are.
  const locked = !!survey && survey.stats.responded > 0;
  const save = useMutation({
    mutationFn: async () =>
      (survey
        ? await call(surveyApi.update, { params: { id: survey.id }, body: surveyBody(draft, !locked) })
        : await call(surveyApi.create, { body: surveyBody(draft) })
      ).data,
    onSuccess: (saved) => {
      qc.setQueryData(['survey', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['surveys'] });
      notify(t(survey ? 'surveys.builder.saved' : 'surveys.builder.created', { name: saved.name }));
      if (!survey) navigate(`/surveys/${saved.id}`, { replace: true });
    },
  });
  const err = (p: string) => fieldError(save.error, p);
  const set = (patch: Partial<SurveyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setQ = (key: number, patch: Partial<DraftQuestion>) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q) => (q.key === key ? { ...q, ...patch } : q)) }));
  const shownErrors = ['/name', '/title', '/intro', '/expiresDays', '/trigger', '/followUp', '/questions', '/status'];
  return (
    <div className="page" data-testid="survey-builder">
      <div className="page-header">
        <Link href="/surveys" className="btn btn-ghost btn-sm" aria-label={t('surveys.backToList')}>
          ←
        </Link>
        <h1>{survey ? survey.name : t('surveys.builder.newTitle')}</h1>
        <span className="spacer" />
        {survey && (
          <Link href={`/surveys/results?survey=${survey.id}`} className="btn">
            {t('surveys.seeResults')}
          </Link>
        )}
        {survey && can('surveys.send') && survey.status === 'active' && (
          <Button onClick={() => setInviting(true)}>
            <Icon name="mail" /> {t('surveys.invite.action')}
          </Button>
        )}
        {editable && (
          <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()} data-testid="save-survey">
            {survey ? t('common.save') : t('surveys.builder.create')}
          </Button>
        )}
      </div>
      {!editable && <p className="muted">{t('surveys.builder.readOnly')}</p>}
      {save.isError && (
        <div className="alert alert-error" role="alert">
          {isApiError(save.error) && save.error.status === 409 ? t('surveys.builder.lockedError') : errorText(save.error)}
        </div>
      )}
      <div className="survey-builder">
        <div className="stack" style={{ gap: 'var(--s4)', minInlineSize: 0 }}>
          <Card id="survey-about" title={t('surveys.builder.about')}>
            <div className="form-row">
              <TextField
                label={t('surveys.fields.name')}
                value={draft.name}
                disabled={!editable}
                onChange={(e) => set({ name: e.target.value })}
                error={err('/name')}
                maxLength={200}
                hint={t('surveys.builder.nameHint')}
                placeholder={t('surveys.builder.namePlaceholder')}
                autoFocus={!survey}
              />
              <SelectField
                label={t('surveys.fields.status')}
                value={draft.status}
                disabled={!editable}
                onChange={(e) => set({ status: e.target.value as SurveyDraft['status'] })}
                error={err('/status')}
                options={SURVEY_STATUSES.map((s) => ({ value: s, label: enumLabel('surveyStatus', s) }))}
                hint={t(`surveys.statusHints.${draft.status}`)}
              />
            </div>
            <Bilingual
              label={t('surveys.builder.surveyTitle')}
              value={draft.title}
              disabled={!editable}
              onChange={(title) => set({ title })}
              error={err('/title')}
              max={200}
            />
            <Bilingual
              label={t('surveys.builder.intro')}
              value={draft.intro}
              disabled={!editable}
              onChange={(intro) => set({ intro })}
              error={err('/intro')}
              max={2000}
              multiline
            />
          </Card>
          <Card id="survey-questions" title={t('surveys.builder.questions')} count={draft.questions.length}>
            {locked && <div className="alert alert-warning">{t('surveys.builder.locked', { count: survey.stats.responded })}</div>}
            {err('/questions') && !draft.questions.some((_, i) => err(`/questions/${i}`)) && (
              <span className="field-error" role="alert">
                {err('/questions')}
              </span>
            )}
            <ol className="question-list">
              {draft.questions.map((q, i) => (
                <QuestionEditor
                  key={q.key}
                  q={q}
                  n={i + 1}
                  count={draft.questions.length}
                  disabled={!editable || locked}
                  error={(p) => err(`/questions/${i}${p}`)}
                  onChange={(patch) => setQ(q.key, patch)}
                  onMove={(dir) => set({ questions: moved(draft.questions, i, dir) })}
                  onRemove={() => set({ questions: draft.questions.filter((x) => x.key !== q.key) })}
                />
              ))}
            </ol>
            {editable && !locked && draft.questions.length < 30 && (
              <AddQuestion onAdd={(type) => set({ questions: [...draft.questions, newQuestion(type)] })} />
            )}
          </Card>
        </div>
        <div className="stack" style={{ gap: 'var(--s4)', minInlineSize: 0 }}>
          <Card id="survey-trigger" title={t('surveys.builder.when')}>
            <fieldset className="stack plain-fieldset" disabled={!editable}>
              <legend className="visually-hidden">{t('surveys.builder.when')}</legend>
              {TRIGGER_KINDS.map((k) => (
                <label key={k} className="row trigger-option">
                  <input type="radio" name="trigger" checked={draft.trigger === k} onChange={() => set({ trigger: k })} />
                  <span className="stack" style={{ gap: 0 }}>
                    <span>{enumLabel('surveyTrigger', k)}</span>
                    <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                      {t(`surveys.triggerHints.${k}`)}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
            {draft.trigger === 'ticket_resolved' && (
              <TextField
                label={t('surveys.builder.delayMinutes')}
                type="number"
                min={0}
                max={43200}
                value={draft.delayMinutes}
                disabled={!editable}
                onChange={(e) => set({ delayMinutes: e.target.value })}
                error={err('/trigger/delayMinutes') ?? err('/trigger')}
              />
            )}
            {draft.trigger === 'order_delivered' && (
              <TextField
                label={t('surveys.builder.delayDays')}
                type="number"
                min={0}
                max={365}
                value={draft.delayDays}
                disabled={!editable}
                onChange={(e) => set({ delayDays: e.target.value })}
                error={err('/trigger/delayDays') ?? err('/trigger')}
              />
            )}
            <TextField
              label={t('surveys.builder.expiresDays')}
              type="number"
              min={1}
              max={365}
              value={draft.expiresDays}
              disabled={!editable}
              onChange={(e) => set({ expiresDays: e.target.value })}
              error={err('/expiresDays')}
              hint={t('surveys.builder.expiresHint')}
            />
          </Card>
          <FollowUpCard draft={draft} editable={editable} onChange={(followUp) => set({ followUp })} error={err('/followUp')} />
          {save.isError && !shownErrors.some((p) => err(p)) && isApiError(save.error) && save.error.fieldErrors.length > 0 && (
            <p className="field-error">{errorText(save.error)}</p>
          )}
        </div>
      </div>
      {inviting && survey && <InviteDialog survey={survey} onClose={() => setInviting(false)} />}
    </div>
  );
}

/** One text in Vietnamese and in English, side by side; either may be left blank (the other is used). */
function Bilingual({
  label,
  value,
  onChange,
  error,
  disabled,
  max,
  multiline,
  testId,
}: {
  label: string;
  value: { vi: string; en: string };
  onChange: (v: { vi: string; en: string }) => void;
  error?: string | undefined;
  disabled?: boolean;
  max: number;
  multiline?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const field = (lang: 'vi' | 'en') => {
    // A side left blank shows the other language's text, which customers of this language then see.
    const other = value[lang === 'vi' ? 'en' : 'vi'];
    const props = {
      label: `${label} (${t(`languages.${lang}`)})`,
      value: value[lang],
      placeholder: other,
      disabled,
      maxLength: max,
      onChange: (e: { target: { value: string } }) => onChange({ ...value, [lang]: e.target.value }),
      'data-testid': testId ? `${testId}-${lang}` : undefined,
      lang,
    };
    return multiline ? <TextAreaField key={lang} {...props} rows={2} /> : <TextField key={lang} {...props} />;
  };
  return (
    <div className="stack" style={{ gap: 'var(--s1)' }}>
      <div className="bilingual">
        {field('vi')}
        {field('en')}
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function QuestionEditor({
  q,
  n,
  count,
  disabled,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  q: DraftQuestion;
  n: number;
  count: number;
  disabled: boolean;
  error: (p: string) => string | undefined;
  onChange: (p: Partial<DraftQuestion>) => void;
  onMove: (dir: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const range = SCALE_RANGE[q.type];
  return (
    <li className="question" data-testid="question" data-type={q.type}>
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <span className="question-number" aria-hidden="true">
          {n}
        </span>
        <SelectField
          label={t('surveys.builder.questionType', { n })}
          value={q.type}
          disabled={disabled}
          onChange={(e) => onChange(retype(q, e.target.value as DraftQuestion['type']))}
          options={QUESTION_TYPES.map((x) => ({ value: x, label: enumLabel('surveyQuestionType', x) }))}
        />
        <span className="muted question-scale">
          {range ? t('surveys.builder.scale', { min: range.min, max: range.max }) : t(`surveys.typeHints.${q.type}`)}
        </span>
        <span className="spacer" />
        <label className="row">
          <input type="checkbox" className="checkbox" checked={q.required} disabled={disabled} onChange={(e) => onChange({ required: e.target.checked })} />
          {t('surveys.builder.required')}
        </label>
        {!disabled && (
          <ReorderButtons
            n={n}
            count={count}
            onMove={onMove}
            onRemove={onRemove}
            labels={{ up: t('surveys.builder.moveUp', { n }), down: t('surveys.builder.moveDown', { n }), remove: t('surveys.builder.removeQuestion', { n }) }}
          />
        )}
      </div>
      <Bilingual
        label={t('surveys.builder.questionText', { n })}
        value={{ vi: q.vi, en: q.en }}
        disabled={disabled}
        max={500}
        onChange={(w) => onChange(w)}
        error={error('/text')}
        testId={`question-${n}`}
        multiline
      />
      {isChoice(q.type) && (
        <div className="stack" style={{ gap: 'var(--s2)' }}>
          <span className="field-label">{t('surveys.builder.options')}</span>
          {q.options.map((o, k) => (
            <div key={k} className="row option-row" style={{ alignItems: 'flex-end' }}>
              <div className="bilingual" style={{ flex: 1 }}>
                <TextField
                  label={t('surveys.builder.optionOf', { k: k + 1, lang: t('languages.vi') })}
                  lang="vi"
                  value={o.vi}
                  disabled={disabled}
                  maxLength={200}
                  onChange={(e) => onChange({ options: q.options.map((x, j) => (j === k ? { ...x, vi: e.target.value } : x)) })}
                />
                <TextField
                  label={t('surveys.builder.optionOf', { k: k + 1, lang: t('languages.en') })}
                  lang="en"
                  value={o.en}
                  disabled={disabled}
                  maxLength={200}
                  onChange={(e) => onChange({ options: q.options.map((x, j) => (j === k ? { ...x, en: e.target.value } : x)) })}
                />
              </div>
              {!disabled && (
                <Button
                  size="sm"
                  variant="ghost"
                  icon
                  disabled={q.options.length <= 2}
                  onClick={() => onChange({ options: q.options.filter((_, j) => j !== k) })}
                  aria-label={t('surveys.builder.removeOption', { k: k + 1, n })}
                >
                  <Icon name="close" />
                </Button>
              )}
            </div>
          ))}
          {error('/options') && <span className="field-error">{error('/options')}</span>}
          {!disabled && q.options.length < 20 && (
            <div>
              <Button size="sm" onClick={() => onChange({ options: [...q.options, { vi: '', en: '' }] })}>
                <Icon name="plus" /> {t('surveys.builder.addOption')}
              </Button>
            </div>
          )}
        </div>
      )}
    </li>
  );
}

function AddQuestion({ onAdd }: { onAdd: (type: DraftQuestion['type']) => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<DraftQuestion['type']>('csat');
  return (
    <div className="row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
      <SelectField
        label={t('surveys.builder.newQuestionType')}
        value={type}
        onChange={(e) => setType(e.target.value as DraftQuestion['type'])}
        options={QUESTION_TYPES.map((x) => ({ value: x, label: enumLabel('surveyQuestionType', x) }))}
      />
      <Button onClick={() => onAdd(type)}>
        <Icon name="plus" /> {t('surveys.builder.addQuestion')}
      </Button>
    </div>
  );
}

/** Closing the loop: which answers open a follow-up ticket, and how urgent it is. */
function FollowUpCard({
  draft,
  editable,
  onChange,
  error,
}: {
  draft: SurveyDraft;
  editable: boolean;
  onChange: (f: SurveyDraft['followUp']) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const f = draft.followUp;
  const asks = (type: string) => draft.questions.some((q) => q.type === type);
  return (
    <Card id="survey-follow-up" title={t('surveys.builder.followUp')}>
      <p className="muted">{t('surveys.builder.followUpIntro')}</p>
      <label className="row">
        <input type="checkbox" className="checkbox" checked={f.enabled} disabled={!editable} onChange={(e) => onChange({ ...f, enabled: e.target.checked })} />
        {t('surveys.builder.followUpEnabled')}
      </label>
      {f.enabled && (
        <>
          <div className="form-row">
            <SelectField
              label={t('surveys.builder.npsMax')}
              value={String(f.npsMax)}
              disabled={!editable}
              onChange={(e) => onChange({ ...f, npsMax: Number(e.target.value) })}
              options={Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: t('surveys.builder.atMost', { n: i }) }))}
              hint={asks('nps') ? undefined : t('surveys.builder.notAsked')}
            />
            <SelectField
              label={t('surveys.builder.csatMax')}
              value={String(f.csatMax)}
              disabled={!editable}
              onChange={(e) => onChange({ ...f, csatMax: Number(e.target.value) })}
              options={[1, 2, 3, 4, 5].map((i) => ({ value: String(i), label: t('surveys.builder.atMost', { n: i }) }))}
              hint={asks('csat') ? undefined : t('surveys.builder.notAsked')}
            />
          </div>
          <SelectField
            label={t('surveys.builder.followUpPriority')}
            value={f.priority}
            disabled={!editable}
            onChange={(e) => onChange({ ...f, priority: e.target.value as SurveyDraft['followUp']['priority'] })}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: enumLabel('ticketPriority', p) }))}
          />
        </>
      )}
      {error && <span className="field-error">{error}</span>}
    </Card>
  );
}
