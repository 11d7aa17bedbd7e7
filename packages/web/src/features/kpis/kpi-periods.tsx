import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { kpiApi } from '@kith/domain/kpis/kpi.api.ts';
import { type PeriodKind, parsePeriod, periodOf, previousPeriod } from '@kith/domain/kpis/kpis.ts';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useMemberNames } from '../../lib/workspace-data.ts';
import { type ClosedPeriod, useClosedPeriods, usePeriodLabel } from './kpi-data.ts';

/**
 * Closing a period freezes every figure of every person and team (later edits to orders or tickets do not change
 * them) until someone recounts it. Everyone reads which periods are closed; kpi_periods.close closes and recounts.
 */
export function PeriodsTab({ period, onPeriod }: { period: string; onPeriod: (k: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = usePeriodLabel();
  const errorText = useErrorText();
  const can = useCan();
  const names = useMemberNames();
  const session = useRequiredSession();
  const q = useClosedPeriods();
  const [confirm, setConfirm] = useState<{ kind: 'close' | 'recount'; period: string } | null>(null);
  const [changed, setChanged] = useState<Map<string, number>>(new Map());
  const manage = can('kpi_periods.close');
  const closed = new Set((q.data ?? []).map((p) => p.period));
  // The finished periods of the picked kind not closed yet, latest first.
  const kind = parsePeriod(period)?.kind ?? 'month';
  const candidates = candidatesOf(kind, session.workspace.timezone, Date.now()).filter((k) => !closed.has(k));
  const [choice, setChoice] = useState<string>('');
  const pick = candidates.includes(choice) ? choice : (candidates[0] ?? '');
  if (q.error)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error)}
      </div>
    );
  if (!q.data) return <div className="progress" aria-busy="true" />;
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }} data-testid="periods">
      <p className="muted">{t('kpis.periods.help')}</p>
      {manage && (
        <section className="card" aria-labelledby="kpi-close-title">
          <div className="card-header">
            <h2 id="kpi-close-title">{t('kpis.periods.closeTitle')}</h2>
          </div>
          <div className="card-body stack">
            {candidates.length === 0 ? (
              <p className="muted">{t('kpis.periods.nothingToClose')}</p>
            ) : (
              <div className="toolbar">
                <div className="field field-inline">
                  <label htmlFor="kpi-close-period">{t('kpis.periods.which')}</label>
                  <select id="kpi-close-period" className="select" value={pick} onChange={(e) => setChoice(e.target.value)} data-testid="close-period">
                    {candidates.map((k) => (
                      <option key={k} value={k}>
                        {label(k)}
                      </option>
                    ))}
                  </select>
                </div>
                <Button variant="primary" onClick={() => setConfirm({ kind: 'close', period: pick })} data-testid="close-button">
                  <Icon name="lock" /> {t('kpis.periods.close')}
                </Button>
              </div>
            )}
            <p className="muted">{t('kpis.periods.onlyFinished')}</p>
          </div>
        </section>
      )}
      {q.data.length === 0 ? (
        <EmptyState icon={<Icon name="lock" size={36} />} title={t('kpis.periods.emptyTitle')}>
          {t(manage ? 'kpis.periods.emptyManager' : 'kpis.periods.empty')}
        </EmptyState>
      ) : (
        <div className="card kpi-table-card">
          <table className="table" data-testid="closed-periods">
            <caption className="visually-hidden">{t('kpis.periods.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kpis.periods.period')}</th>
                <th scope="col">{t('kpis.periods.closedAt')}</th>
                <th scope="col">{t('kpis.periods.recounted')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('kpis.periods.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((p: ClosedPeriod) => (
                <tr key={p.period} data-testid="closed-row">
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onPeriod(p.period)}>
                      {label(p.period)}
                    </button>
                  </th>
                  <td>
                    {fmt.dateTime(p.closedAt)}
                    {p.closedBy && <span className="muted"> · {names(p.closedBy)}</span>}
                  </td>
                  <td>
                    {p.recounts === 0 ? (
                      <span className="muted">{t('kpis.periods.never')}</span>
                    ) : (
                      <>
                        {t('kpis.periods.recounts', { count: p.recounts, formatted: fmt.number(p.recounts) })}
                        {p.recountedAt && <span className="muted"> · {fmt.dateTime(p.recountedAt)}</span>}
                      </>
                    )}
                    {changed.has(p.period) && (
                      <span className="badge badge-info kpi-changed" data-testid="recount-changed">
                        {t('kpis.periods.changed', { count: changed.get(p.period)!, formatted: fmt.number(changed.get(p.period)!) })}
                      </span>
                    )}
                  </td>
                  <td className="num">
                    {manage && (
                      <Button size="sm" onClick={() => setConfirm({ kind: 'recount', period: p.period })} data-testid="recount">
                        {t('kpis.periods.recount')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} onRecounted={(period, n) => setChanged((m) => new Map(m).set(period, n))} />
    </div>
  );
}

/** The last twelve finished periods of a kind (three years), latest first: those before the one holding today in the zone. */
function candidatesOf(kind: PeriodKind, timeZone: string, now: number): string[] {
  const out: string[] = [];
  let p = previousPeriod(periodOf(kind, new Date(now), timeZone));
  for (let i = 0; i < (kind === 'year' ? 3 : 12); i++, p = previousPeriod(p)) out.push(p.key);
  return out;
}

function ConfirmDialog({
  confirm,
  onClose,
  onRecounted,
}: {
  confirm: { kind: 'close' | 'recount'; period: string } | null;
  onClose: () => void;
  onRecounted: (period: string, changed: number) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = usePeriodLabel();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const m = useMutation({
    mutationFn: async (c: { kind: 'close' | 'recount'; period: string }) => {
      if (c.kind === 'close') {
        const r = (await call(kpiApi.close, { params: { period: c.period } })).data;
        return { ...c, figures: r.figures, changed: null };
      }
      const r = (await call(kpiApi.recount, { params: { period: c.period } })).data;
      return { ...c, figures: r.figures, changed: r.changed };
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['kpis'] });
      if (r.changed !== null) onRecounted(r.period, r.changed);
      notify(
        r.kind === 'close'
          ? t('kpis.periods.closedNotice', { period: label(r.period), figures: fmt.number(r.figures) })
          : t('kpis.periods.recountedNotice', { period: label(r.period), count: r.changed ?? 0, formatted: fmt.number(r.changed ?? 0) }),
      );
      m.reset();
      onClose();
    },
  });
  const c = confirm;
  return (
    <Dialog
      open={!!c}
      onClose={() => (m.reset(), onClose())}
      title={c ? t(c.kind === 'close' ? 'kpis.periods.closeConfirmTitle' : 'kpis.periods.recountConfirmTitle', { period: label(c.period) }) : ''}
      footer={
        <>
          <Button onClick={() => (m.reset(), onClose())}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={m.isPending} onClick={() => c && m.mutate(c)} data-testid="confirm-period">
            {c?.kind === 'recount' ? t('kpis.periods.recount') : t('kpis.periods.close')}
          </Button>
        </>
      }
    >
      {c && <p>{t(c.kind === 'close' ? 'kpis.periods.closeConfirm' : 'kpis.periods.recountConfirm', { period: label(c.period) })}</p>}
      {m.error && (
        <div className="alert alert-error" role="alert">
          {errorText(m.error)}
        </div>
      )}
    </Dialog>
  );
}
