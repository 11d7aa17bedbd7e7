import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat, type Formatters } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { LevelPicker } from './assessment-answer.tsx';
import { useAssessmentFramework, type Assessment, type Consolidation, type Framework } from './assessment-data.ts';
import { level, pct } from './assessment-format.ts';

type Row = Consolidation['practices'][number];
type Spread = Row['intention'];

const spreadText = (fmt: Formatters, s: Spread) => (s ? `${level(fmt, s.mean)} (${fmt.number(s.min)}–${fmt.number(s.max)})` : '—');

/**
 * Everyone's answers, practice by practice: the mean and spread of Intention and Reality, disagreements flagged
 * (two respondents two or more levels apart), and the assessor's final score with its reason.
 */
export function ConsolidationTab({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const can = useCan();
  const id = assessment.id;
  const fw = useAssessmentFramework(assessment.id);
  const q = useQuery({
    queryKey: ['assessments', id, 'consolidation'],
    queryFn: async ({ signal }) => (await call(assessmentApi.consolidation, { params: { id }, signal })).data,
  });
  const [onlyDisagreements, setOnlyDisagreements] = useState(false);
  if (q.isError || fw.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error ?? fw.error)}
      </div>
    );
  if (!q.data || !fw.data) return <div className="progress" aria-busy="true" />;
  const c = q.data;
  const submitted = c.respondents.filter((r) => r.submittedAt).length;
  const disagreements = c.practices.filter((p) => p.disagreement).length;
  if (c.practices.every((p) => p.n === 0))
    return (
      <EmptyState icon={<Icon name="contacts" size={32} />} title={t('assessment.consolidation.emptyTitle')}>
        {t('assessment.consolidation.emptyBody')}
      </EmptyState>
    );
  const byArea = new Map<string, Row[]>();
  for (const p of c.practices) if (!onlyDisagreements || p.disagreement) byArea.set(p.areaKey, [...(byArea.get(p.areaKey) ?? []), p]);
  const texts = new Map(fw.data.areas.flatMap((a) => a.practices.map((p) => [p.id, p.text] as const)));
  const editable = can('assessments.consolidate') && assessment.status === 'open';
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }} data-testid="consolidation-tab">
      <div className="toolbar" style={{ flexWrap: 'wrap' }}>
        <span>{t('assessment.consolidation.summary', { submitted: fmt.number(submitted), total: fmt.number(c.respondents.length) })}</span>
        <span className={`badge ${disagreements ? 'badge-warning' : 'badge-neutral'}`} data-testid="disagreement-count">
          {t('assessment.consolidation.disagreements', { count: disagreements, formatted: fmt.number(disagreements) })}
        </span>
        <span className="spacer" />
        <label className="row check-row">
          <input type="checkbox" className="checkbox" checked={onlyDisagreements} onChange={(e) => setOnlyDisagreements(e.target.checked)} />
          <span>{t('assessment.consolidation.onlyDisagreements')}</span>
        </label>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {t('assessment.consolidation.help')}
      </p>
      {fw.data.areas
        .filter((a) => byArea.has(a.key))
        .map((a) => (
          <section key={a.key} className="card" aria-labelledby={`cons-${a.key}`}>
            <div className="card-header">
              <h2 id={`cons-${a.key}`}>{a.name}</h2>
            </div>
            <div style={{ overflowX: 'auto' }}>
              <table className="table consolidation-table">
                <thead>
                  <tr>
                    <th scope="col">{t('assessment.practice')}</th>
                    <th scope="col" className="num">
                      {t('assessment.consolidation.n')}
                    </th>
                    <th scope="col" className="num">
                      {t('assessment.intention')}
                    </th>
                    <th scope="col" className="num">
                      {t('assessment.reality')}
                    </th>
                    <th scope="col" className="num">
                      {t('assessment.consolidation.score')}
                    </th>
                    <th scope="col">{t('assessment.consolidation.final')}</th>
                  </tr>
                </thead>
                <tbody>
                  {byArea.get(a.key)!.map((p) => (
                    <PracticeRow key={p.practiceId} id={id} row={p} text={texts.get(p.practiceId) ?? p.practiceId} scale={fw.data.scale} editable={editable} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </div>
  );
}

function PracticeRow({ id, row, text, scale, editable }: { id: string; row: Row; text: string; scale: Framework['scale']; editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  return (
    <>
      <tr data-testid="consolidation-row" data-practice={row.practiceId} className={row.disagreement ? 'row-disagreement' : undefined}>
        <th scope="row" style={{ fontWeight: 500, maxInlineSize: 480, color: 'var(--fg)' }}>
          <div>{text}</div>
          {row.disagreement && (
            <span className="badge badge-warning" data-testid="disagreement">
              <Icon name="alert" size={12} /> {t('assessment.consolidation.disagreement')}
            </span>
          )}
          {row.answers.length > 0 && (
            <details className="answers-details">
              <summary>{t('assessment.consolidation.answers', { count: row.answers.length })}</summary>
              <ul className="plain-list">
                {row.answers.map((x) => (
                  <li key={x.respondentId}>
                    <strong>{x.respondent}</strong>: {t('assessment.consolidation.ir', { i: x.intention, r: x.reality })}
                    {x.comment && <span className="muted"> — “{x.comment}”</span>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </th>
        <td className="num">{fmt.number(row.n)}</td>
        <td className="num nowrap">
          {spreadText(fmt, row.intention)}
          {row.intention && <div className="muted">σ {level(fmt, row.intention.sd)}</div>}
        </td>
        <td className="num nowrap">
          {spreadText(fmt, row.reality)}
          {row.reality && <div className="muted">σ {level(fmt, row.reality.sd)}</div>}
        </td>
        <td className="num" style={{ fontWeight: 600 }}>
          {pct(fmt, row.score)}
        </td>
        <td style={{ minInlineSize: 160 }}>
          {row.final ? (
            <div className="stack" style={{ gap: 2 }}>
              <span className="badge badge-accent">{t('assessment.consolidation.ir', { i: row.final.intention, r: row.final.reality })}</span>
              {row.final.reason && (
                <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                  {row.final.reason}
                </span>
              )}
            </div>
          ) : (
            <span className="muted">{t('assessment.consolidation.usesMean')}</span>
          )}
          {editable && !editing && (
            <div>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setEditing(true)}
                aria-label={`${t(row.final ? 'assessment.consolidation.change' : 'assessment.consolidation.decide')}: ${text}`}
              >
                {t(row.final ? 'assessment.consolidation.change' : 'assessment.consolidation.decide')}
              </Button>
            </div>
          )}
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={6}>
            <FinalEditor id={id} row={row} scale={scale} onDone={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

function FinalEditor({ id, row, scale, onDone }: { id: string; row: Row; scale: Framework['scale']; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const reasonId = useId();
  const round = (s: Spread) => (s ? Math.round(s.mean) : null);
  const [i, setI] = useState<number | null>(row.final?.intention ?? round(row.intention));
  const [r, setR] = useState<number | null>(row.final?.reality ?? round(row.reality));
  const [reason, setReason] = useState(row.final?.reason ?? '');
  const put = useMutation({
    mutationFn: async (clear: boolean) =>
      (
        await call(assessmentApi.putFinal, {
          params: { id },
          body: {
            scores: [{ practiceId: row.practiceId, intention: clear ? null : i, reality: clear ? null : r, reason: clear ? null : reason.trim() || null }],
          },
        })
      ).data,
    onSuccess: (data) => {
      qc.setQueryData(['assessments', id, 'consolidation'], data);
      void qc.invalidateQueries({ queryKey: ['assessments', id, 'report'] });
      notify(t('common.saved'));
      onDone();
    },
  });
  return (
    <div className="stack final-editor" style={{ gap: 'var(--s2)' }} data-testid="final-editor">
      <div className="row" style={{ gap: 'var(--s5)', flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <LevelPicker label={t('assessment.intention')} name={`final-${row.practiceId}-i`} value={i} levels={scale.intention} onChange={setI} />
        <LevelPicker label={t('assessment.reality')} name={`final-${row.practiceId}-r`} value={r} levels={scale.reality} onChange={setR} />
      </div>
      <div className="field">
        <label htmlFor={reasonId}>{t('assessment.consolidation.reason')}</label>
        <textarea id={reasonId} className="input" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {put.error && (
        <div className="alert alert-error" role="alert">
          {errorText(put.error)}
        </div>
      )}
      <div className="row">
        <Button variant="primary" size="sm" disabled={i === null || r === null} busy={put.isPending} onClick={() => put.mutate(false)} data-testid="final-save">
          {t('common.save')}
        </Button>
        {row.final && (
          <Button size="sm" onClick={() => put.mutate(true)}>
            {t('assessment.consolidation.clearFinal')}
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}
