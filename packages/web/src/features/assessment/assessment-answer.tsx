import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentApi, EVIDENCE_KINDS } from '@kith/domain/assessment/assessment.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { LEVELS, useAssessmentFramework, type Assessment, type EvidenceLink, type Framework } from './assessment-data.ts';
import { Meter } from './assessments-page.tsx';

type Draft = { intention: number | null; reality: number | null; comment: string; evidence: EvidenceLink[] };
const EMPTY: Draft = { intention: null, reality: null, comment: '', evidence: [] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAVE_AFTER_MS = 800;

const complete = (d: Draft) => d.intention !== null && d.reality !== null;
/** An evidence link the API takes: a note with its text, or a record's kind with its id. */
const usable = (e: EvidenceLink) => (e.kind === 'note' ? !!e.note?.trim() : !!e.id && UUID.test(e.id));

/**
 * The caller's own questionnaire: area by area, each practice scored on Intention and Reality (0–4, the scale's
 * level texts beside them), a comment and evidence; saved as they go, handed in once every practice is scored,
 * read-only after that.
 */
export function AnswerTab({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const id = assessment.id;
  const fw = useAssessmentFramework(assessment.id);
  const mine = useQuery({
    queryKey: ['assessments', id, 'my-scores'],
    queryFn: async ({ signal }) => (await call(assessmentApi.myScores, { params: { id }, signal })).data,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [drafts, setDrafts] = useState<Map<string, Draft> | null>(null);
  const [areaKey, setAreaKey] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dirty = useRef(false);
  const [pendingSave, setPendingSave] = useState(0);
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  useEffect(() => {
    if (drafts || !mine.data) return;
    setDrafts(
      new Map(mine.data.scores.map((s) => [s.practiceId, { intention: s.intention, reality: s.reality, comment: s.comment ?? '', evidence: s.evidence }])),
    );
  }, [mine.data, drafts]);

  const framework = fw.data;
  const practices = useMemo(() => framework?.areas.flatMap((a) => a.practices.map((p) => ({ ...p, areaKey: a.key }))) ?? [], [framework]);
  const submitted = !!(mine.data?.submittedAt ?? assessment.me?.submittedAt);
  const readOnly = submitted || assessment.status === 'closed';
  const answered = drafts ? practices.filter((p) => complete(drafts.get(p.id) ?? EMPTY)).length : 0;
  const total = practices.length;

  const body = useCallback(
    (submit: boolean) => ({
      scores: [...(drafts ?? new Map<string, Draft>())]
        .filter(([, d]) => complete(d))
        .map(([practiceId, d]) => ({
          practiceId,
          intention: d.intention as number,
          reality: d.reality as number,
          comment: d.comment.trim() || null,
          evidence: d.evidence
            .filter(usable)
            .map((e) =>
              e.kind === 'note' ? { kind: e.kind, note: e.note?.trim() } : { kind: e.kind, id: e.id, ...(e.note?.trim() ? { note: e.note.trim() } : {}) },
            ),
        })),
      ...(submit ? { submit: true } : {}),
    }),
    [drafts],
  );
  const save = useMutation({
    mutationFn: async (submit: boolean) => (await call(assessmentApi.putMyScores, { params: { id }, body: body(submit) })).data,
    onSuccess: (r, submit) => {
      setSavedAt(new Date());
      qc.setQueryData(['assessments', id, 'my-scores'], r);
      if (submit) {
        setConfirming(false);
        notify(t('assessment.answer.submittedNotice'));
        void qc.invalidateQueries({ queryKey: ['assessments'] });
      }
    },
    onError: (e) => notify(errorText(e), 'error'),
  });

  // Autosave: a moment after the last change, every complete answer is saved again (the server keeps the latest);
  // while a save is on its way the next one waits for it, so they arrive in order.
  const saving = useRef(save);
  saving.current = save;
  useEffect(() => {
    if (!pendingSave || readOnly) return;
    const h = setTimeout(() => {
      if (!dirty.current) return;
      if (saving.current.isPending) {
        setPendingSave((n) => n + 1);
        return;
      }
      dirty.current = false;
      saving.current.mutate(false);
    }, SAVE_AFTER_MS);
    return () => clearTimeout(h);
  }, [pendingSave, readOnly]);
  // Leaving the questionnaire (another tab, another page) before the moment has passed: the last changes are sent.
  const latest = useRef(body);
  latest.current = body;
  useEffect(
    () => () => {
      if (!dirty.current) return;
      dirty.current = false;
      void call(assessmentApi.putMyScores, { params: { id }, body: latest.current(false) })
        .then((r) => qc.setQueryData(['assessments', id, 'my-scores'], r.data))
        .catch(() => undefined);
    },
    [id, qc],
  );

  const change = (practiceId: string, patch: Partial<Draft>) => {
    setDrafts((m) => {
      const next = new Map(m ?? []);
      next.set(practiceId, { ...(next.get(practiceId) ?? EMPTY), ...patch });
      return next;
    });
    dirty.current = true;
    setPendingSave((n) => n + 1);
  };

  if (fw.isError || mine.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(fw.error ?? mine.error)}
      </div>
    );
  if (!framework || !drafts) return <div className="progress" aria-busy="true" />;
  const area = framework.areas.find((x) => x.key === areaKey) ?? framework.areas[0];
  const areaIndex = area ? framework.areas.indexOf(area) : 0;
  const status = save.isPending ? t('assessment.answer.saving') : savedAt ? t('assessment.answer.savedAt', { time: fmt.dateTime(savedAt.toISOString()) }) : '';
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }} data-testid="answer-tab">
      <section className="card card-body stack answer-progress" aria-label={t('assessment.answer.progress')} style={{ gap: 'var(--s2)' }}>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <strong data-testid="answer-count">{t('assessment.answer.answeredOf', { answered: fmt.number(answered), total: fmt.number(total) })}</strong>
          <span className="muted" role="status" aria-live="polite" data-testid="save-status">
            {status}
          </span>
          <span className="spacer" />
          {submitted ? (
            <span className="badge badge-success" data-testid="submitted-badge">
              {t('assessment.answer.submittedOn', { date: fmt.dateTime(mine.data?.submittedAt ?? assessment.me?.submittedAt ?? null) })}
            </span>
          ) : (
            !readOnly && (
              <Button
                variant="primary"
                disabled={answered < total}
                onClick={() => setConfirming(true)}
                data-testid="submit-answers"
                title={answered < total ? t('assessment.answer.submitHint') : undefined}
              >
                {t('assessment.answer.submit')}
              </Button>
            )
          )}
        </div>
        <Meter value={answered} max={total} label={t('assessment.answer.progress')} />
        {readOnly && !submitted && (
          <p className="muted" style={{ margin: 0 }}>
            {t('assessment.answer.closed')}
          </p>
        )}
        {!readOnly && (
          <p className="muted" style={{ margin: 0 }}>
            {t('assessment.answer.help')}
          </p>
        )}
      </section>
      <div className="answer-layout">
        <nav className="answer-areas" aria-label={t('assessment.answer.areas')}>
          <ol className="plain-list">
            {framework.areas.map((x) => {
              const done = x.practices.filter((p) => complete(drafts.get(p.id) ?? EMPTY)).length;
              return (
                <li key={x.key}>
                  <button
                    type="button"
                    className="area-link"
                    aria-current={x.key === area?.key ? 'step' : undefined}
                    onClick={() => setAreaKey(x.key)}
                    data-testid={`area-${x.key}`}
                  >
                    <span>{x.name}</span>
                    <span className={`badge ${done === x.practices.length ? 'badge-success' : 'badge-neutral'}`}>
                      {fmt.number(done)}/{fmt.number(x.practices.length)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        {area && (
          <section className="stack" style={{ gap: 'var(--s3)', minInlineSize: 0 }} aria-labelledby={`area-title-${area.key}`}>
            <div>
              <h2 id={`area-title-${area.key}`} className="section-title" style={{ margin: 0 }}>
                {t('assessment.answer.areaOf', { n: areaIndex + 1, total: framework.areas.length })} · {area.name}
              </h2>
              <p className="muted" style={{ marginBlock: 'var(--s1) 0' }}>
                {area.summary}
              </p>
            </div>
            <ol className="practice-list">
              {area.practices.map((p, i) => (
                <PracticeCard
                  key={p.id}
                  n={i + 1}
                  practice={p}
                  subComponent={area.subComponents.find((x) => x.key === p.subComponent)?.name ?? ''}
                  scale={framework.scale}
                  draft={drafts.get(p.id) ?? EMPTY}
                  readOnly={readOnly}
                  onChange={(patch) => change(p.id, patch)}
                />
              ))}
            </ol>
            <div className="row">
              {areaIndex > 0 && <Button onClick={() => setAreaKey(framework.areas[areaIndex - 1]!.key)}>← {framework.areas[areaIndex - 1]!.name}</Button>}
              <span className="spacer" />
              {areaIndex < framework.areas.length - 1 && (
                <Button onClick={() => setAreaKey(framework.areas[areaIndex + 1]!.key)} data-testid="next-area">
                  {framework.areas[areaIndex + 1]!.name} →
                </Button>
              )}
            </div>
          </section>
        )}
      </div>
      {confirming && (
        <Dialog
          open
          onClose={() => setConfirming(false)}
          title={t('assessment.answer.confirmTitle')}
          footer={
            <>
              <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
              <Button variant="primary" busy={save.isPending} onClick={() => save.mutate(true)} data-testid="confirm-submit">
                {t('assessment.answer.submit')}
              </Button>
            </>
          }
        >
          <p style={{ margin: 0 }}>{t('assessment.answer.confirmBody', { total: fmt.number(total) })}</p>
        </Dialog>
      )}
    </div>
  );
}

type PracticeView = Framework['areas'][number]['practices'][number];

function PracticeCard({
  n,
  practice,
  subComponent,
  scale,
  draft,
  readOnly,
  onChange,
}: {
  n: number;
  practice: PracticeView;
  subComponent: string;
  scale: Framework['scale'];
  draft: Draft;
  readOnly: boolean;
  onChange: (patch: Partial<Draft>) => void;
}) {
  const { t } = useTranslation();
  const commentId = useId();
  const [showEvidence, setShowEvidence] = useState(draft.evidence.length > 0);
  return (
    <li className={`practice card${complete(draft) ? ' practice-done' : ''}`} data-testid="practice" data-practice={practice.id}>
      <div className="practice-head">
        <span className="question-number" aria-hidden="true">
          {n}
        </span>
        <div className="stack" style={{ gap: 4, minInlineSize: 0 }}>
          <strong className="practice-text">{practice.text}</strong>
          {subComponent && (
            <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
              {subComponent}
            </span>
          )}
        </div>
      </div>
      <div className="practice-scales">
        <div className="stack" style={{ gap: 'var(--s1)' }}>
          <LevelPicker
            label={t('assessment.intention')}
            name={`${practice.id}-i`}
            value={draft.intention}
            levels={scale.intention}
            disabled={readOnly}
            onChange={(v) => onChange({ intention: v })}
          />
          <p className="practice-four">
            <span className="muted">{t('assessment.answer.fourLooksLike')}</span> {practice.intention}
          </p>
        </div>
        <div className="stack" style={{ gap: 'var(--s1)' }}>
          <LevelPicker
            label={t('assessment.reality')}
            name={`${practice.id}-r`}
            value={draft.reality}
            levels={scale.reality}
            disabled={readOnly}
            onChange={(v) => onChange({ reality: v })}
          />
          <p className="practice-four">
            <span className="muted">{t('assessment.answer.fourLooksLike')}</span> {practice.reality}
          </p>
        </div>
      </div>
      <div className="field">
        <label htmlFor={commentId}>{t('assessment.answer.comment')}</label>
        <textarea
          id={commentId}
          className="input"
          rows={2}
          maxLength={2000}
          value={draft.comment}
          readOnly={readOnly}
          placeholder={readOnly ? '' : t('assessment.answer.commentPlaceholder')}
          onChange={(e) => onChange({ comment: e.target.value })}
        />
      </div>
      {showEvidence || draft.evidence.length > 0 ? (
        <EvidenceEditor value={draft.evidence} readOnly={readOnly} onChange={(evidence) => onChange({ evidence })} />
      ) : (
        !readOnly && (
          <div>
            <Button size="sm" variant="ghost" onClick={() => setShowEvidence(true)}>
              + {t('assessment.answer.addEvidence')}
            </Button>
          </div>
        )
      )}
    </li>
  );
}

/** A 0–4 scale as a radio group: each level's text is its tooltip and, once chosen, is written under it. */
export function LevelPicker({
  label,
  name,
  value,
  levels,
  disabled,
  onChange,
}: {
  label: string;
  name: string;
  value: number | null;
  levels: readonly string[];
  disabled?: boolean;
  onChange: (v: number) => void;
}) {
  const labelId = useId();
  return (
    <div className="stack" style={{ gap: 4 }}>
      <span id={labelId} className="field-label">
        {label}
      </span>
      <div className="level-picker" role="radiogroup" aria-labelledby={labelId}>
        {LEVELS.map((l) => (
          <label key={l} className={`level${value === l ? ' level-on' : ''}`} title={levels[l]}>
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              value={l}
              checked={value === l}
              disabled={disabled}
              onChange={() => onChange(l)}
              aria-label={`${l} — ${levels[l] ?? ''}`}
            />
            <span aria-hidden="true">{l}</span>
          </label>
        ))}
      </div>
      <span className="level-text" aria-hidden="true">
        {value === null ? '\u00a0' : levels[value]}
      </span>
    </div>
  );
}

/** The evidence of an answer: links to Kith records (their kind and id) or notes. */
function EvidenceEditor({ value, readOnly, onChange }: { value: EvidenceLink[]; readOnly: boolean; onChange: (v: EvidenceLink[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<EvidenceLink>) => onChange(value.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <fieldset className="plain-fieldset stack" style={{ gap: 'var(--s1)' }}>
      <legend className="field-label">{t('assessment.answer.evidence')}</legend>
      {value.length === 0 && <span className="muted">{t('assessment.answer.noEvidence')}</span>}
      {value.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows have no id of their own; they are only added at the end or removed
        <div key={i} className="row evidence-row" style={{ flexWrap: 'wrap' }}>
          <select
            className="select"
            style={{ inlineSize: 'auto' }}
            aria-label={t('assessment.answer.evidenceKind')}
            value={e.kind}
            disabled={readOnly}
            onChange={(ev) => set(i, { kind: ev.target.value as EvidenceLink['kind'] })}
          >
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {enumLabel('evidenceKind', k)}
              </option>
            ))}
          </select>
          {e.kind !== 'note' && (
            <input
              className="input mono"
              style={{ inlineSize: 300 }}
              aria-label={t('assessment.answer.evidenceId')}
              placeholder={t('assessment.answer.evidenceIdPlaceholder')}
              value={e.id ?? ''}
              readOnly={readOnly}
              aria-invalid={e.id && !UUID.test(e.id) ? true : undefined}
              onChange={(ev) => set(i, { id: ev.target.value.trim() })}
            />
          )}
          <input
            className="input"
            style={{ flex: 1, minInlineSize: 180 }}
            aria-label={t('assessment.answer.evidenceNote')}
            placeholder={t('assessment.answer.evidenceNotePlaceholder')}
            maxLength={500}
            value={e.note ?? ''}
            readOnly={readOnly}
            onChange={(ev) => set(i, { note: ev.target.value })}
          />
          {e.kind !== 'note' && e.id && UUID.test(e.id) && (
            <a className="underline" href={recordPath(e.kind, e.id)} target="_blank" rel="noreferrer">
              {t('assessment.answer.openRecord')}
            </a>
          )}
          {!readOnly && (
            <Button size="sm" variant="ghost" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('assessment.answer.removeEvidence')}>
              <Icon name="close" />
            </Button>
          )}
        </div>
      ))}
      {!readOnly && value.length < 10 && (
        <div>
          <Button size="sm" variant="ghost" onClick={() => onChange([...value, { kind: 'note', note: '' }])}>
            + {t('assessment.answer.addEvidence')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}

/** Where a linked record opens: its own page, or (deals have none) the board; a segment as the contacts it holds. */
const RECORD_PATHS: Record<EvidenceLink['kind'], (id: string) => string> = {
  contact: (id) => `/contacts/${id}`,
  company: (id) => `/companies/${id}`,
  deal: () => '/deals',
  ticket: (id) => `/tickets/${id}`,
  order: (id) => `/orders/${id}`,
  segment: (id) => `/contacts?segment=${encodeURIComponent(id)}`,
  playbook: (id) => `/playbooks/${id}`,
  survey: (id) => `/surveys/${id}`,
  note: () => '',
};
export const recordPath = (kind: EvidenceLink['kind'], id: string) => RECORD_PATHS[kind](id);
