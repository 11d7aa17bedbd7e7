import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type WorkloadSettings, workloadApi } from '@kith/domain/workload/workload.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { workloadKey } from './workload-data.ts';

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/** The workspace's workload settings (owners and admins): default capacities, on-duty assignment, the peak threshold. */
export function WorkloadSettingsDialog({ settings, onClose }: { settings: WorkloadSettings; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [maxTickets, setMaxTickets] = useState(settings.maxTickets?.toString() ?? '');
  const [maxDeals, setMaxDeals] = useState(settings.maxDeals?.toString() ?? '');
  const [maxTasks, setMaxTasks] = useState(settings.maxTasks?.toString() ?? '');
  const [onDutyOnly, setOnDutyOnly] = useState(settings.assignOnDutyOnly);
  const [threshold, setThreshold] = useState(String(settings.peakThreshold));
  const save = useMutation({
    mutationFn: () =>
      call(workloadApi.updateSettings, {
        body: { maxTickets: num(maxTickets), maxDeals: num(maxDeals), maxTasks: num(maxTasks), assignOnDutyOnly: onDutyOnly, peakThreshold: Number(threshold) },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: workloadKey });
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('workload.settings.title')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p className="muted" style={{ margin: 0 }}>
          {t('workload.settings.hint')}
        </p>
        <TextField
          label={t('workload.maxTickets')}
          type="number"
          min={1}
          value={maxTickets}
          onChange={(e) => setMaxTickets(e.target.value)}
          hint={t('workload.settings.emptyIsNone')}
          error={fieldError(save.error, '/maxTickets')}
        />
        <TextField
          label={t('workload.maxDeals')}
          type="number"
          min={1}
          value={maxDeals}
          onChange={(e) => setMaxDeals(e.target.value)}
          error={fieldError(save.error, '/maxDeals')}
        />
        <TextField
          label={t('workload.maxTasks')}
          type="number"
          min={1}
          value={maxTasks}
          onChange={(e) => setMaxTasks(e.target.value)}
          error={fieldError(save.error, '/maxTasks')}
        />
        <label className="row">
          <input type="checkbox" checked={onDutyOnly} onChange={(e) => setOnDutyOnly(e.target.checked)} /> {t('workload.settings.onDutyOnly')}
        </label>
        <TextField
          label={t('workload.settings.threshold')}
          type="number"
          min={0.1}
          step={0.1}
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          hint={t('workload.settings.thresholdHint')}
          error={fieldError(save.error, '/peakThreshold')}
        />
        {save.error && !fieldError(save.error, '/peakThreshold') && !fieldError(save.error, '/maxTickets') && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
      </div>
    </Dialog>
  );
}
