import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type PersonWorkload, type WorkloadSettings, workloadApi } from '@kith/domain/workload/workload.api.ts';
import type { Shift } from '@kith/domain/workload/workload.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { workloadKey } from './workload-data.ts';

/** Monday first. */
const DAYS = [1, 2, 3, 4, 5, 6, 0];
const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));
/** A shift being edited, with a key of its own (rows come and go). */
type Row = Shift & { k: number };
let nextKey = 0;
const row = (s: Shift): Row => ({ ...s, k: ++nextKey });

/**
 * A person's capacities (empty: the workspace's default) and their weekly shifts: the care hours, or their own — per
 * weekday, spans of time (a night shift is two: up to 24:00, then from 00:00 the next day).
 */
export function CapacityDialog({ person, settings, onClose }: { person: PersonWorkload; settings: WorkloadSettings | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [maxTickets, setMaxTickets] = useState(person.own.maxTickets?.toString() ?? '');
  const [maxDeals, setMaxDeals] = useState(person.own.maxDeals?.toString() ?? '');
  const [maxTasks, setMaxTasks] = useState(person.own.maxTasks?.toString() ?? '');
  const [own, setOwn] = useState(person.ownShifts);
  const [shifts, setShifts] = useState<Row[]>(person.shifts.map(row));
  const save = useMutation({
    mutationFn: () =>
      call(workloadApi.setCapacity, {
        params: { userId: person.userId },
        body: { maxTickets: num(maxTickets), maxDeals: num(maxDeals), maxTasks: num(maxTasks), shifts: own ? shifts.map(({ k: _, ...s }) => s) : null },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: workloadKey });
      notify(t('workload.saved', { name: person.name }));
      onClose();
    },
  });
  const def = (v: number | null | undefined) => (v === null || v === undefined ? t('workload.noDefault') : t('workload.default', { n: v }));
  const update = (i: number, patch: Partial<Shift>) => setShifts(shifts.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const shiftError = (i: number) =>
    fieldError(save.error, `/shifts/${i}/from`) ?? fieldError(save.error, `/shifts/${i}/to`) ?? fieldError(save.error, `/shifts/${i}`);
  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={t('workload.editTitle', { name: person.name })}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()} data-testid="capacity-save">
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        data-testid="capacity-form"
      >
        <p className="muted" style={{ margin: 0 }}>
          {t('workload.capacityHint')}
        </p>
        <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField
            label={t('workload.maxTickets')}
            type="number"
            min={1}
            inputMode="numeric"
            value={maxTickets}
            onChange={(e) => setMaxTickets(e.target.value)}
            placeholder={def(settings?.maxTickets)}
            hint={def(settings?.maxTickets)}
            error={fieldError(save.error, '/maxTickets')}
          />
          <TextField
            label={t('workload.maxDeals')}
            type="number"
            min={1}
            inputMode="numeric"
            value={maxDeals}
            onChange={(e) => setMaxDeals(e.target.value)}
            hint={def(settings?.maxDeals)}
            error={fieldError(save.error, '/maxDeals')}
          />
          <TextField
            label={t('workload.maxTasks')}
            type="number"
            min={1}
            inputMode="numeric"
            value={maxTasks}
            onChange={(e) => setMaxTasks(e.target.value)}
            hint={def(settings?.maxTasks)}
            error={fieldError(save.error, '/maxTasks')}
          />
        </div>
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t('workload.shifts')}</legend>
          <label className="row">
            <input type="radio" name="shift-mode" checked={!own} onChange={() => setOwn(false)} /> {t('workload.careHours')}
          </label>
          <label className="row">
            <input type="radio" name="shift-mode" checked={own} onChange={() => setOwn(true)} data-testid="own-shifts" /> {t('workload.ownShifts')}
          </label>
          {own && (
            <div className="shift-grid" data-testid="shift-editor">
              {DAYS.map((d) => (
                <div key={d} style={{ display: 'contents' }}>
                  <span style={{ paddingBlockStart: 6 }}>{t(`workload.weekday.${d}`)}</span>
                  <div className="row" style={{ flexWrap: 'wrap', gap: 'var(--s2)' }}>
                    {shifts.map((s, i) =>
                      s.weekday !== d ? null : (
                        <span key={s.k} className="row" style={{ gap: 'var(--s1)' }}>
                          <input
                            className="input"
                            type="time"
                            aria-label={t('workload.from', { day: t(`workload.weekday.${d}`) })}
                            value={s.from}
                            onChange={(e) => update(i, { from: e.target.value })}
                          />
                          –
                          <input
                            className="input"
                            type="time"
                            aria-label={t('workload.to', { day: t(`workload.weekday.${d}`) })}
                            value={s.to === '24:00' ? '23:59' : s.to}
                            onChange={(e) => update(i, { to: e.target.value === '23:59' ? '24:00' : e.target.value })}
                          />
                          <Button size="sm" variant="ghost" onClick={() => setShifts(shifts.filter((_, k) => k !== i))} aria-label={t('common.delete')}>
                            ×
                          </Button>
                          {shiftError(i) && (
                            <span className="field-error" role="alert">
                              {shiftError(i)}
                            </span>
                          )}
                        </span>
                      ),
                    )}
                    <Button size="sm" onClick={() => setShifts([...shifts, row({ weekday: d, from: '08:00', to: '17:00' })])}>
                      {t('workload.addShift')}
                    </Button>
                  </div>
                </div>
              ))}
            </div>
          )}
          {own && shifts.length === 0 && <p className="muted">{t('workload.noShifts')}</p>}
        </fieldset>
        {save.error && !fieldError(save.error, '/maxTickets') && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
      </form>
    </Dialog>
  );
}
