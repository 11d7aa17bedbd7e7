import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { kpiApi, REAP_MEASURES } from '@kith/domain/kpis/kpi.api.ts';
import type { KpiUnit } from '@kith/domain/kpis/kpis.ts';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { type PlanRow, usePeriodLabel, useSegmentPlans } from './kpi-data.ts';
import { decimalMark, formatAttainment, formatValue, parseTarget, targetToInput } from './kpi-format.ts';
import { useSharedSegments } from './kpi-settings.tsx';

type Measure = (typeof REAP_MEASURES)[number];
const UNIT: Record<Measure, KpiUnit> = { acquisition: 'count', retention: 'share', penetration: 'share', efficiency: 'money' };

/**
 * Plans per shared customer segment (QCI's REAP): acquisition, retention, penetration and efficiency — each
 * measure's target against the period's actual for the segment's customers, with its attainment. analytics.read
 * reads them; segment_plans.manage sets and removes targets.
 */
export function PlansTab({ period }: { period: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const label = usePeriodLabel();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const session = useRequiredSession();
  const currency = session.workspace.currency;
  const manage = can('segment_plans.manage');
  const q = useSegmentPlans(period);
  const segments = useSharedSegments();
  const [added, setAdded] = useState<string[]>([]);
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  if (q.error)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(q.error)}
      </div>
    );
  if (!q.data) return <div className="progress" aria-busy="true" />;
  const rows = q.data.data;
  const nameOf = (id: string) => rows.find((r) => r.segmentId === id)?.segmentName ?? segments.data?.find((s) => s.id === id)?.name ?? '';
  const groups = [...new Set([...rows.map((r) => r.segmentId), ...added])];
  const planOf = (seg: string, m: Measure): PlanRow | undefined => rows.find((r) => r.segmentId === seg && r.measure === m);
  const keyOf = (seg: string, m: Measure) => `${seg}|${m}`;
  const shown = (seg: string, m: Measure) => drafts.get(keyOf(seg, m)) ?? targetToInput(fmt, UNIT[m], planOf(seg, m)?.target, currency);
  const dirty = [...drafts.keys()].filter((k) => {
    const [seg, m] = k.split('|') as [string, Measure];
    return drafts.get(k)!.trim() !== targetToInput(fmt, UNIT[m], planOf(seg, m)?.target, currency);
  });
  const addable = (segments.data ?? []).filter((s) => !groups.includes(s.id));

  const save = async () => {
    setSaving(true);
    const failed = new Map<string, string>();
    const done: string[] = [];
    for (const k of dirty) {
      const [segmentId, measure] = k.split('|') as [string, Measure];
      const text = drafts.get(k)!.trim();
      const before = planOf(segmentId, measure);
      try {
        if (text === '') {
          if (before?.id) await call(kpiApi.removePlan, { params: { id: before.id } });
        } else {
          const p = parseTarget(text, UNIT[measure], currency, decimalMark(i18n.language));
          if (!p.ok) {
            failed.set(k, t(p.error === 'decimals' ? 'kpis.targets.tooManyDecimals' : 'kpis.targets.notANumber'));
            continue;
          }
          await call(kpiApi.putPlan, { body: { segmentId, period, measure, target: p.value } });
        }
        done.push(k);
      } catch (e) {
        failed.set(k, (isApiError(e) && (e.fieldMessage('/target') ?? e.fieldMessage('/segmentId'))) || errorText(e));
      }
    }
    setDrafts((d) => {
      const n = new Map(d);
      for (const k of done) n.delete(k);
      return n;
    });
    setErrors(failed);
    setSaving(false);
    await qc.invalidateQueries({ queryKey: ['kpis', 'plans'] });
    if (done.length) notify(t('kpis.plans.saved', { count: done.length, formatted: fmt.number(done.length) }));
  };

  return (
    <div className="stack" style={{ gap: 'var(--s3)' }} data-testid="plans">
      <p className="muted">{t('kpis.plans.help', { period: label(period) })}</p>
      {manage && (
        <div className="toolbar">
          {addable.length > 0 && (
            <div className="field field-inline">
              <label htmlFor="plan-add">{t('kpis.plans.addSegment')}</label>
              <select
                id="plan-add"
                className="select"
                value=""
                onChange={(e) => e.target.value && setAdded((a) => [...a, e.target.value])}
                data-testid="plan-add-segment"
              >
                <option value="">{t('kpis.settings.chooseSegment')}</option>
                {addable.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <span className="spacer" />
          <Button variant="primary" busy={saving} disabled={dirty.length === 0} onClick={() => void save()} data-testid="save-plans">
            {t('kpis.targets.save')}
          </Button>
        </div>
      )}
      {groups.length === 0 ? (
        <EmptyState
          icon={<Icon name="filter" size={36} />}
          title={t('kpis.plans.emptyTitle')}
          actions={
            (segments.data ?? []).length === 0 ? (
              <Link href="/segments" className="btn">
                {t('kpis.plans.toSegments')}
              </Link>
            ) : undefined
          }
        >
          {t((segments.data ?? []).length === 0 ? 'kpis.plans.noShared' : manage ? 'kpis.plans.emptyManager' : 'kpis.plans.empty')}
        </EmptyState>
      ) : (
        groups.map((seg) => (
          <section key={seg} className="card" aria-labelledby={`plan-${seg}`} data-testid="plan-segment">
            <div className="card-header">
              <h2 id={`plan-${seg}`}>{nameOf(seg)}</h2>
            </div>
            <table className="table kpi-table">
              <thead>
                <tr>
                  <th scope="col">{t('kpis.plans.measure')}</th>
                  <th scope="col" className="num">
                    {t('kpis.col.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpis.plans.actual')}
                  </th>
                  <th scope="col" className="kpi-col-progress">
                    {t('kpis.col.attainment')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {REAP_MEASURES.map((m) => {
                  const p = planOf(seg, m);
                  const k = keyOf(seg, m);
                  const err = errors.get(k);
                  const a = p?.attainment ?? null;
                  return (
                    <tr key={m} data-measure={m}>
                      <th scope="row">
                        <span>{enumLabel('reapMeasure', m)}</span>
                        <span className="muted kpi-detail">{t(`kpis.plans.measureHelp.${m}`)}</span>
                      </th>
                      <td className="num">
                        {manage ? (
                          <div className={`kpi-cell${err ? ' kpi-cell-error' : ''}`}>
                            <input
                              className="input kpi-target-input"
                              inputMode="decimal"
                              aria-label={`${nameOf(seg)} — ${enumLabel('reapMeasure', m)}`}
                              aria-invalid={err ? true : undefined}
                              value={shown(seg, m)}
                              onChange={(e) => setDrafts((d) => new Map(d).set(k, e.target.value))}
                            />
                            {err && (
                              <span className="field-error" role="alert">
                                {err}
                              </span>
                            )}
                          </div>
                        ) : (
                          formatValue(fmt, UNIT[m], p?.target, currency)
                        )}
                      </td>
                      <td className="num">
                        {formatValue(fmt, UNIT[m], p?.actual, currency)}
                        {p && p.n > 0 && <span className="muted kpi-detail">{t('kpis.n', { n: fmt.number(p.n) })}</span>}
                      </td>
                      <td className="kpi-col-progress">
                        {p && a !== null ? (
                          <div className="kpi-progress">
                            <div className="kpi-bar" data-state={a >= 1 ? 'done' : 'on'} aria-hidden="true">
                              <div className="kpi-bar-fill" style={{ inlineSize: `${Math.min(1, Math.max(0, a)) * 100}%` }} />
                            </div>
                            <span className="kpi-bar-label num">{formatAttainment(fmt, a)}</span>
                          </div>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ))
      )}
    </div>
  );
}
