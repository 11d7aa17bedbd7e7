import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { analyticsApi } from '@kith/domain/analytics/analytics.api.ts';
import { DEFAULT_RFM_GRID, RFM_SEGMENTS, type RfmSegment } from '@kith/domain/analytics/rfm.ts';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { call } from '../../lib/api-call.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

type AnalyticsSettings = ResponseOf<typeof analyticsApi.settings>;
type Tiers = AnalyticsSettings['tiers'];

export function useAnalyticsSettings() {
  return useQuery({ queryKey: ['analytics', 'settings'], queryFn: async () => (await call(analyticsApi.settings)).data, staleTime: 60_000 });
}

/** The workspace's RFM grid (a segment per R×F cell) and its value-tier thresholds and costs; they apply from the next refresh. */
export function SettingsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const q = useAnalyticsSettings();
  const [draft, setDraft] = useState<AnalyticsSettings | null>(null);
  useEffect(() => {
    if (q.data && !draft) setDraft(q.data);
  }, [q.data, draft]);
  const save = useMutation({
    mutationFn: async (s: AnalyticsSettings) => (await call(analyticsApi.saveSettings, { body: s })).data,
    onSuccess: (s) => {
      setDraft(s);
      qc.setQueryData(['analytics', 'settings'], s);
      void qc.invalidateQueries({ queryKey: ['analytics', 'rfm'] });
      notify(t('analytics.settings.saved'));
    },
  });
  if (!draft) return <div className="progress" aria-busy="true" />;
  const editable = can('analytics.configure');
  const setCell = (r: number, f: number, seg: RfmSegment) =>
    setDraft({ ...draft, rfmGrid: draft.rfmGrid.map((row, i) => (i === r ? row.map((x, j) => (j === f ? seg : x)) : row)) });
  const setTier = (k: keyof Tiers, v: number | null) => setDraft({ ...draft, tiers: { ...draft.tiers, [k]: v } });
  const pct = (k: 'mvcShare' | 'mgcShare' | 'mgcMinPAlive') => (
    <TextField
      label={t(`analytics.settings.${k}`)}
      type="number"
      min={0}
      max={100}
      step={1}
      value={Math.round(draft.tiers[k] * 100)}
      disabled={!editable}
      onChange={(e) => setTier(k, Number(e.target.value) / 100)}
      hint={t(`analytics.settings.${k}Hint`)}
      data-testid={`setting-${k}`}
    />
  );
  const cost = (k: 'costPerOrder' | 'costPerCustomerYear') => (
    <TextField
      label={t(`analytics.settings.${k}`)}
      type="number"
      min={0}
      value={draft.tiers[k] ?? ''}
      placeholder={t('analytics.settings.unknown')}
      disabled={!editable}
      onChange={(e) => setTier(k, e.target.value === '' ? null : Number(e.target.value))}
      data-testid={`setting-${k}`}
    />
  );
  return (
    <div className="stack" style={{ gap: 'var(--s4)', maxInlineSize: 980 }}>
      <section className="card" aria-labelledby="grid-editor-title">
        <div className="card-header">
          <h2 id="grid-editor-title">{t('analytics.settings.gridTitle')}</h2>
          <span className="spacer" />
          {editable && (
            <Button size="sm" onClick={() => setDraft({ ...draft, rfmGrid: DEFAULT_RFM_GRID.map((r) => [...r]) })}>
              {t('analytics.settings.resetGrid')}
            </Button>
          )}
        </div>
        <div className="card-body">
          <p className="muted">{t('analytics.settings.gridHelp')}</p>
          <table className="table" style={{ inlineSize: 'auto' }} data-testid="grid-editor">
            <thead>
              <tr>
                <th scope="col">R \ F</th>
                {[1, 2, 3, 4, 5].map((f) => (
                  <th key={f} scope="col">
                    F{f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[4, 3, 2, 1, 0].map((r) => (
                <tr key={r}>
                  <th scope="row">R{r + 1}</th>
                  {[0, 1, 2, 3, 4].map((f) => (
                    <td key={f}>
                      <select
                        className="select"
                        aria-label={`R${r + 1} F${f + 1}`}
                        value={draft.rfmGrid[r]![f]}
                        disabled={!editable}
                        onChange={(e) => setCell(r, f, e.target.value as RfmSegment)}
                        data-testid={`cell-${r + 1}-${f + 1}`}
                      >
                        {RFM_SEGMENTS.map((s) => (
                          <option key={s} value={s}>
                            {enumLabel('rfmSegment', s)}
                          </option>
                        ))}
                      </select>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="tiers-editor-title">
        <div className="card-header">
          <h2 id="tiers-editor-title">{t('analytics.settings.tiersTitle')}</h2>
        </div>
        <div className="card-body stack">
          <p className="muted">{t('analytics.settings.tiersHelp')}</p>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 'var(--s3)' }}>
            {pct('mvcShare')}
            {pct('mgcShare')}
            {pct('mgcMinPAlive')}
            {cost('costPerOrder')}
            {cost('costPerCustomerYear')}
          </div>
        </div>
      </section>
      {save.isError && (
        <div className="alert alert-error" role="alert">
          {errorText(save.error)}
        </div>
      )}
      {editable && (
        <div>
          <Button variant="primary" busy={save.isPending} onClick={() => save.mutate(draft)} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </div>
      )}
    </div>
  );
}
