import { invalid, notFound } from '@kith/domain/errors.ts';
import type { REAP_MEASURES } from '@kith/domain/kpis/kpi.api.ts';
import { elapsedFraction, type Observations, periodRange } from '@kith/domain/kpis/kpis.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { buyersOfPeriod, churn, interactionsLogged, orderRevenue, type Range, segmentOwned, ticketsOfPeriod } from './kpi-compute.repository.ts';
import { sharedSegments } from './kpi-refs.repository.ts';
import { deletePlanRow, findPlanRow, listPlanRows, upsertPlanRow } from './kpi.repository.ts';
import { checkPeriod, workspaceCtx, type WsCtx } from './kpi.service.ts';

/**
 * Plans per customer segment (QCI's REAP: acquisition, retention, penetration, efficiency), each against the
 * period's actual for the segment's customers, whoever owns them:
 * - acquisition: customers of the segment whose first purchase falls in the period;
 * - retention: of the segment's customers active when the period began (a purchase in the 180 days before), the
 *   share still active at its end (1 − churn);
 * - penetration: the share of the segment's customers who bought in the period;
 * - efficiency: revenue of the period per contact made with the segment (interactions logged and tickets resolved).
 */

type Measure = (typeof REAP_MEASURES)[number];
const total = (m: Map<string, Observations>) => {
  let sum = 0;
  let n = 0;
  for (const o of m.values()) {
    sum += o.sum;
    n += o.n;
  }
  return { sum, n };
};

async function actual(core: Core, ctx: WsCtx, segmentId: string, measure: Measure, r: Range): Promise<{ value: number | null; n: number }> {
  const f = { segmentId };
  switch (measure) {
    case 'acquisition': {
      const t = total(await buyersOfPeriod(core.db, ctx.id, r, 'new', f));
      return { value: t.sum, n: t.n };
    }
    case 'retention': {
      const t = total(await churn(core.db, ctx.id, r, f));
      return { value: t.n > 0 ? 1 - t.sum / t.n : null, n: t.n };
    }
    case 'penetration': {
      const size = total(await segmentOwned(core.db, ctx.id, segmentId, 'count')).sum;
      const bought = total(await buyersOfPeriod(core.db, ctx.id, r, 'new', f)).sum + total(await buyersOfPeriod(core.db, ctx.id, r, 'repeat', f)).sum;
      return { value: size > 0 ? bought / size : null, n: size };
    }
    case 'efficiency': {
      const revenue = total(await orderRevenue(core.db, ctx.id, r, ctx.currency, 'owner', f)).sum;
      const touches =
        total(await interactionsLogged(core.db, ctx.id, r, f)).sum +
        (await ticketsOfPeriod(core.db, ctx.id, r, f)).filter((t) => t.resolved_at && t.resolved_at >= r.from && t.resolved_at < r.to).length;
      return { value: touches > 0 ? revenue / touches : null, n: touches };
    }
  }
}

export async function listPlans(core: Core, actor: Actor, period: string) {
  authorize(actor, 'analytics.read');
  const p = checkPeriod(period);
  const ctx = await workspaceCtx(core.db, actor.workspaceId);
  const range = periodRange(p, ctx.timezone);
  const segments = new Map((await sharedSegments(core.db, ctx.id)).map((s) => [s.id, s.name]));
  const rows = (await listPlanRows(core.db, ctx.id, [p.key])).filter((r) => segments.has(r.segment_id));
  const data = [];
  for (const r of rows) {
    const a = await actual(core, ctx, r.segment_id, r.measure as Measure, range);
    const target = Number(r.target);
    data.push({
      id: r.id,
      segmentId: r.segment_id,
      segmentName: segments.get(r.segment_id) ?? '',
      measure: r.measure as Measure,
      target,
      actual: a.value,
      n: a.n,
      attainment: a.value === null ? null : target > 0 ? a.value / target : a.value >= 0 ? 1 : 0,
    });
  }
  return {
    period: {
      key: p.key,
      from: range.from,
      to: range.to,
      elapsed: elapsedFraction(range, core.now()),
      closed: false,
      closedAt: null,
      recounts: 0,
    },
    data,
  };
}

export async function putPlan(core: Core, actor: Actor, input: { segmentId: string; period: string; measure: Measure; target: number }) {
  authorize(actor, 'segment_plans.manage');
  const p = checkPeriod(input.period);
  const segments = new Map((await sharedSegments(core.db, actor.workspaceId)).map((s) => [s.id, s.name]));
  if (!segments.has(input.segmentId)) throw invalid([{ path: ['segmentId'], message: 'No such shared segment', code: 'not_found' }]);
  if ((input.measure === 'retention' || input.measure === 'penetration') && input.target > 1)
    throw invalid([{ path: ['target'], message: 'A share is between 0 and 1', code: 'invalid' }]);
  const ctx = await workspaceCtx(core.db, actor.workspaceId);
  const key = { segmentId: input.segmentId, period: p.key, measure: input.measure };
  const row = await core.db.transaction().execute(async (trx) => {
    const before = await findPlanRow(trx, ctx.id, key);
    const at = core.now().toISOString();
    await upsertPlanRow(trx, {
      id: uuidv7(),
      workspace_id: ctx.id,
      segment_id: input.segmentId,
      period: p.key,
      measure: input.measure,
      target: input.target,
      created_by: actor.userId,
      updated_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    const after = (await findPlanRow(trx, ctx.id, key))!;
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: before ? 'update' : 'create',
        entityType: 'segment_plan',
        entityId: after.id,
        before: before ? { target: Number(before.target) } : undefined,
        after: { ...key, target: input.target },
      },
      core.now(),
    );
    return after;
  });
  const a = await actual(core, ctx, input.segmentId, input.measure, periodRange(p, ctx.timezone));
  return {
    id: row.id,
    segmentId: row.segment_id,
    segmentName: segments.get(row.segment_id) ?? '',
    measure: input.measure,
    target: input.target,
    actual: a.value,
    n: a.n,
    attainment: a.value === null ? null : input.target > 0 ? a.value / input.target : 1,
  };
}

export async function removePlan(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'segment_plans.manage');
  await core.db.transaction().execute(async (trx) => {
    const row = await deletePlanRow(trx, actor.workspaceId, id);
    if (!row) throw notFound('Plan');
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'delete',
        entityType: 'segment_plan',
        entityId: id,
        before: { segmentId: row.segment_id, period: row.period, measure: row.measure, target: Number(row.target) },
      },
      core.now(),
    );
  });
}
