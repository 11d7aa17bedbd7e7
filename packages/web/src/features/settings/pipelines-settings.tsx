import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StageKind } from '@kith/domain/deals/deal.schema.ts';
import { dealApi } from '@kith/domain/deals/deal.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { enumLabel } from '../../lib/enum-label.ts';

type Row = { id?: string; name: string; probability: string; kind: StageKind };

/** The sales pipeline's stages: names, win probabilities (the weighted forecast) and which close a deal. */
export function PipelinesSettings() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const pipes = useQuery({ queryKey: ['pipelines'], queryFn: async () => (await call(dealApi.pipelines)).data });
  const pipeline = pipes.data?.data[0];
  const [name, setName] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (!pipeline) return;
    setName(pipeline.name);
    setRows(pipeline.stages.map((s) => ({ id: s.id, name: s.name, probability: String(s.probability), kind: s.kind })));
  }, [pipeline]);
  const save = useMutation({
    mutationFn: () =>
      call(dealApi.savePipeline, {
        params: { id: pipeline!.id },
        body: { name, stages: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name, probability: Number(r.probability), kind: r.kind })) },
      }),
    onSuccess: () => {
      notify(t('settings.pipelineSaved'));
      void qc.invalidateQueries({ queryKey: ['pipelines'] });
      void qc.invalidateQueries({ queryKey: ['deals'] });
    },
  });
  const manage = can('pipelines.manage');
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  if (!pipeline) return <div className="progress" />;
  return (
    <section className="card">
      <div className="card-body stack">
        <p className="muted">{t('settings.pipelineIntro')}</p>
        <TextField
          label={t('settings.pipelineName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={!manage}
          error={fieldError(save.error, '/name')}
        />
        <table className="table" data-testid="stages-table">
          <thead>
            <tr>
              <th>{t('settings.stage')}</th>
              <th className="num">{t('settings.probability')}</th>
              <th>{t('settings.stageKind')}</th>
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id ?? `new-${i}`}>
                <td>
                  <input
                    className="input"
                    aria-label={t('settings.stageName', { n: i + 1 })}
                    value={r.name}
                    disabled={!manage}
                    onChange={(e) => set(i, { name: e.target.value })}
                  />
                </td>
                <td className="num">
                  <input
                    className="input"
                    style={{ inlineSize: 80 }}
                    type="number"
                    min={0}
                    max={100}
                    aria-label={t('settings.stageProbability', { n: i + 1 })}
                    value={r.probability}
                    disabled={!manage}
                    onChange={(e) => set(i, { probability: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    className="select"
                    aria-label={t('settings.stageKindOf', { n: i + 1 })}
                    value={r.kind}
                    disabled={!manage}
                    onChange={(e) => set(i, { kind: e.target.value as StageKind })}
                  >
                    {(['open', 'won', 'lost'] as const).map((k) => (
                      <option key={k} value={k}>
                        {enumLabel('stageKind', k)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {manage && (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                      aria-label={t('settings.removeStage', { name: r.name })}
                    >
                      ✕
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {save.isError && !fieldError(save.error, '/name') && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
        {manage && (
          <div className="row">
            <Button onClick={() => setRows((rs) => [...rs.slice(0, -2), { name: '', probability: '50', kind: 'open' }, ...rs.slice(-2)])}>
              {t('settings.addStage')}
            </Button>
            <span className="spacer" />
            <Button variant="primary" onClick={() => save.mutate()} busy={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
