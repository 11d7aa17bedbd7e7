import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useFramework, useFrameworks, useIsAssessor, type Framework } from './assessment-data.ts';

/**
 * The frameworks an assessment can use: each with its areas and practices; a shipped one can be copied into the
 * workspace, and the copy edited (practice texts in both languages, practice and area weights, practices removed)
 * or deleted. Below, whether the workspace shares its anonymised scores with the installation's benchmark pool.
 */
export default function FrameworksPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const list = useFrameworks();
  const rows = list.data ?? [];
  return (
    <div className="page" data-testid="frameworks-page">
      <div className="page-header">
        <div className="stack" style={{ gap: 2 }}>
          <Link href="/assessments" className="muted" style={{ fontSize: 'var(--text-sm)' }}>
            ← {t('assessment.title')}
          </Link>
          <h1>{t('assessment.frameworks.title')}</h1>
        </div>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {t('assessment.frameworks.intro')}
      </p>
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(list.error)}
        </div>
      ) : list.isPending ? (
        <div className="progress" aria-busy="true" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Icon name="empty" size={36} />} title={t('assessment.frameworks.emptyTitle')}>
          {t('assessment.frameworks.emptyBody')}
        </EmptyState>
      ) : (
        rows.map((f) => <FrameworkCard key={f.key} framework={f} />)
      )}
      <BenchmarkSettings />
    </div>
  );
}

function FrameworkCard({ framework: f }: { framework: Framework }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const assessor = useIsAssessor();
  const [editing, setEditing] = useState(false);
  const count = f.areas.reduce((n, a) => n + a.practices.length, 0);
  const copy = useMutation({
    mutationFn: async () => (await call(assessmentApi.copyFramework, { params: { key: f.key }, body: {} })).data,
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['assessment'] });
      notify(t('assessment.frameworks.copied', { name: c.name }));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const remove = useMutation({
    mutationFn: async () => call(assessmentApi.deleteFramework, { params: { key: f.key } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['assessment'] });
      notify(t('assessment.frameworks.deleted', { name: f.name }));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  return (
    <section className="card" aria-labelledby={`fw-${f.key}`} data-testid="framework" data-framework={f.key}>
      <div className="card-header" style={{ flexWrap: 'wrap' }}>
        <h2 id={`fw-${f.key}`}>{f.name}</h2>
        {f.custom && <span className="badge badge-accent">{t('assessment.frameworks.custom')}</span>}
        <span className="muted">
          {t('assessment.frameworks.counts', { areas: fmt.number(f.areas.length), count, formatted: fmt.number(count) })} ·{' '}
          {t('assessment.frameworks.version', { v: f.version })}
        </span>
        <span className="spacer" />
        {assessor && !f.custom && (
          <Button size="sm" busy={copy.isPending} onClick={() => copy.mutate()} data-testid="copy-framework">
            {t('assessment.frameworks.copy')}
          </Button>
        )}
        {assessor && f.custom && !editing && (
          <Button size="sm" onClick={() => setEditing(true)} data-testid="edit-framework">
            {t('common.edit')}
          </Button>
        )}
        {assessor && f.custom && (
          <Button
            size="sm"
            variant="ghost"
            busy={remove.isPending}
            onClick={() => {
              if (window.confirm(t('assessment.frameworks.deleteConfirm', { name: f.name }))) remove.mutate();
            }}
          >
            {t('common.delete')}
          </Button>
        )}
      </div>
      <div className="card-body stack" style={{ gap: 'var(--s2)' }}>
        <p style={{ margin: 0 }}>{f.description}</p>
        <p className="muted" style={{ margin: 0, fontSize: 'var(--text-sm)' }}>
          {f.source}
        </p>
        {editing ? (
          <FrameworkEditor framework={f} onDone={() => setEditing(false)} />
        ) : (
          f.areas.map((a) => (
            <details key={a.key} className="framework-area">
              <summary>
                <strong>{a.name}</strong>{' '}
                <span className="muted">
                  · {t('assessment.frameworks.practices', { count: a.practices.length, formatted: fmt.number(a.practices.length) })}
                  {a.weight !== 1 && ` · ${t('assessment.frameworks.weightIs', { w: fmt.number(a.weight) })}`}
                </span>
              </summary>
              <p className="muted" style={{ marginBlock: 'var(--s1)' }}>
                {a.summary}
              </p>
              <ol className="framework-practices">
                {a.practices.map((p) => (
                  <li key={p.id}>
                    {p.text}
                    <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                      {' '}
                      · {a.subComponents.find((x) => x.key === p.subComponent)?.name ?? p.subComponent}
                      {p.weight !== 1 && ` · ${t('assessment.frameworks.weightIs', { w: fmt.number(p.weight) })}`}
                    </span>
                  </li>
                ))}
              </ol>
            </details>
          ))
        )}
      </div>
    </section>
  );
}

type PracticeEdit = { vi: string; en: string; weight: number; remove: boolean };

/** The workspace's own copy, edited: each practice's text in Vietnamese and English and its weight, or removed; each area's weight. */
function FrameworkEditor({ framework: f, onDone }: { framework: Framework; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const vi = useFramework(f.key, 'vi');
  const en = useFramework(f.key, 'en');
  const [areas, setAreas] = useState<Record<string, number>>(() => Object.fromEntries(f.areas.map((a) => [a.key, a.weight])));
  const [edits, setEdits] = useState<Record<string, Partial<PracticeEdit>>>({});
  const texts = useMemo(() => {
    if (!vi.data || !en.data) return null;
    const m = new Map<string, { vi: string; en: string }>();
    for (const a of vi.data.areas) for (const p of a.practices) m.set(p.id, { vi: p.text, en: '' });
    for (const a of en.data.areas) for (const p of a.practices) m.set(p.id, { vi: m.get(p.id)?.vi ?? '', en: p.text });
    return m;
  }, [vi.data, en.data]);
  const save = useMutation({
    mutationFn: async () => {
      const practices = Object.entries(edits).flatMap(([id, e]) => {
        const orig = texts?.get(id);
        const text = {
          ...(e.vi !== undefined && e.vi.trim() && e.vi !== orig?.vi ? { vi: e.vi.trim() } : {}),
          ...(e.en !== undefined && e.en.trim() && e.en !== orig?.en ? { en: e.en.trim() } : {}),
        };
        const entry = {
          id,
          ...(Object.keys(text).length ? { text } : {}),
          ...(e.weight !== undefined ? { weight: e.weight } : {}),
          ...(e.remove ? { remove: true as const } : {}),
        };
        return Object.keys(entry).length > 1 ? [entry] : [];
      });
      const changedAreas = f.areas.filter((a) => areas[a.key] !== a.weight).map((a) => ({ key: a.key, weight: areas[a.key] ?? a.weight }));
      return (
        await call(assessmentApi.editFramework, {
          params: { key: f.key },
          body: { ...(practices.length ? { practices } : {}), ...(changedAreas.length ? { areas: changedAreas } : {}) },
        })
      ).data;
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['assessment'] });
      notify(t('common.saved'));
      onDone();
    },
  });
  const set = (id: string, patch: Partial<PracticeEdit>) => setEdits((x) => ({ ...x, [id]: { ...x[id], ...patch } }));
  if (!texts) return <div className="progress" aria-busy="true" />;
  return (
    <div className="stack" style={{ gap: 'var(--s3)' }} data-testid="framework-editor">
      <p className="muted" style={{ margin: 0 }}>
        {t('assessment.frameworks.editHelp')}
      </p>
      {f.areas.map((a) => (
        <fieldset key={a.key} className="card card-body stack" style={{ gap: 'var(--s2)' }}>
          <legend className="section-title" style={{ paddingInline: 'var(--s1)' }}>
            {a.name}
          </legend>
          <label className="row" style={{ gap: 'var(--s2)' }}>
            <span>{t('assessment.frameworks.areaWeight')}</span>
            <input
              className="input"
              type="number"
              min={0.1}
              max={10}
              step={0.5}
              style={{ inlineSize: 90 }}
              value={areas[a.key] ?? a.weight}
              onChange={(e) => setAreas((x) => ({ ...x, [a.key]: Number(e.target.value) || a.weight }))}
            />
          </label>
          {a.practices.map((p) => {
            const e = edits[p.id] ?? {};
            const orig = texts.get(p.id) ?? { vi: p.text, en: '' };
            return (
              <div key={p.id} className={`stack practice-edit${e.remove ? ' muted' : ''}`} style={{ gap: 'var(--s1)' }} data-testid="practice-edit">
                <div className="bilingual">
                  {(['vi', 'en'] as const).map((lang) => (
                    <label key={lang} className="field">
                      <span>{t('assessment.frameworks.textIn', { lang: t(`languages.${lang}`) })}</span>
                      <textarea
                        className="input"
                        rows={3}
                        maxLength={600}
                        disabled={e.remove}
                        value={e[lang] ?? orig[lang]}
                        onChange={(ev) => set(p.id, { [lang]: ev.target.value })}
                      />
                    </label>
                  ))}
                </div>
                <div className="row" style={{ gap: 'var(--s3)', flexWrap: 'wrap' }}>
                  <label className="row" style={{ gap: 'var(--s1)' }}>
                    <span>{t('assessment.frameworks.practiceWeight')}</span>
                    <input
                      className="input"
                      type="number"
                      min={0.1}
                      max={10}
                      step={0.5}
                      style={{ inlineSize: 90 }}
                      disabled={e.remove}
                      value={e.weight ?? p.weight}
                      onChange={(ev) => set(p.id, { weight: Number(ev.target.value) || p.weight })}
                    />
                  </label>
                  <label className="row check-row">
                    <input type="checkbox" className="checkbox" checked={!!e.remove} onChange={(ev) => set(p.id, { remove: ev.target.checked })} />
                    <span>{t('assessment.frameworks.removePractice')}</span>
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}
      {save.error && (
        <div className="alert alert-error" role="alert">
          {errorText(save.error)}
        </div>
      )}
      <div className="row">
        <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()} data-testid="save-framework">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </div>
  );
}

/** Opt in or out of the installation's benchmark pool (anonymised area scores of the latest closed assessment). */
function BenchmarkSettings() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const mayShare = useCan()('assessments.benchmark');
  const q = useQuery({ queryKey: ['assessment', 'settings'], queryFn: async ({ signal }) => (await call(assessmentApi.settings, { signal })).data });
  const put = useMutation({
    mutationFn: async (shareBenchmark: boolean) => (await call(assessmentApi.updateSettings, { body: { shareBenchmark } })).data,
    onSuccess: (s) => qc.setQueryData(['assessment', 'settings'], s),
  });
  const s = put.data ?? q.data;
  return (
    <section className="card" aria-labelledby="benchmark-title" data-testid="benchmark-settings">
      <div className="card-header">
        <h2 id="benchmark-title">{t('assessment.frameworks.benchmarkTitle')}</h2>
      </div>
      <div className="card-body stack" style={{ gap: 'var(--s2)' }}>
        <p className="muted" style={{ margin: 0 }}>
          {t('assessment.frameworks.benchmarkHelp')}
        </p>
        {q.isError ? (
          <div className="alert alert-error" role="alert">
            {errorText(q.error)}
          </div>
        ) : !s ? (
          <div className="progress" />
        ) : (
          <>
            <label className="row check-row">
              <input
                type="checkbox"
                className="checkbox"
                checked={s.shareBenchmark}
                disabled={!mayShare || put.isPending}
                onChange={(e) => put.mutate(e.target.checked)}
                data-testid="share-benchmark"
              />
              <span>{t('assessment.frameworks.shareBenchmark')}</span>
            </label>
            <span data-testid="pooled">{t('assessment.frameworks.pooled', { count: s.pooledWorkspaces, formatted: fmt.number(s.pooledWorkspaces) })}</span>
            {put.error && (
              <div className="alert alert-error" role="alert">
                {errorText(put.error)}
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
