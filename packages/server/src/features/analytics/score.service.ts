import { computeRfm, type RfmSegment } from '@kith/domain/analytics/rfm.ts';
import { analyseClv, NotEnoughData, type ClvResult } from '@kith/domain/analytics/clv.ts';
import { holdoutCheck, holdoutSplit, type HoldoutCheck } from '@kith/domain/analytics/holdout.ts';
import type { PurchaseDays } from '@kith/domain/analytics/transactions.ts';
import { notFound } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { findContactsByIds } from '../contacts/contact.repository.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import { dayIn, todayIn, workspacePurchases } from './rfm.service.ts';
import { assignTiers, type ValueTier } from '@kith/domain/analytics/tiers.ts';
import { analyticsSettings } from './settings.service.ts';
import { storeAffinities, workspaceAffinities } from './affinity.service.ts';
import { dropGeneration, type OnGenerationCommit } from './generations.ts';
import { currentScores, GENERATION_WRITE_ROWS, insertScoreRows, scoreGenerations } from './score.repository.ts';
import { freshStats } from './customer-stats.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { releaseLease, takeLease } from './leases.ts';
import { randomUUID } from 'node:crypto';
import { AppError } from '@kith/domain/errors.ts';
import { enqueue } from '../../platform/jobs/queue.ts';

/**
 * Stored customer scores (issue 5): a refresh computes every customer's RFM and lifetime value from the
 * workspace's orders as of a day — BG/NBD and Gamma-Gamma fitted on the purchases up to it, a 52-week
 * horizon, 10% a year discount — and replaces the workspace's scores by a new generation of them
 * (score.repository.ts: written in small transactions, made current in one), so a reader
 * sees the old scores or the new ones, never a mix. With too little data for the models (under 10
 * customers, or under 3 who bought again) the RFM is stored and the value figures are left empty, saying why.
 */

export const SCORE_HORIZON_WEEKS = 52;
export const SCORE_DISCOUNT_RATE = 0.1;

/** The calibration/holdout check of the last refresh, its days as dates. */
export type StoredHoldout = Omit<HoldoutCheck, 'calibrationEnd' | 'holdoutEnd' | 'tracking'> & {
  calibrationEnd: string;
  holdoutEnd: string;
  tracking: { date: string; actual: number; predicted: number }[];
};
export type ScoreRun = {
  asOf: string;
  customers: number;
  models: (Pick<ClvResult, 'bgnbd' | 'gammaGamma'> & { holdout?: StoredHoldout | null }) | null;
  note: string | null;
  startedAt: string;
  finishedAt: string;
  seconds: number;
};

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** The model checked on the workspace's own history: fitted up to a calibration end, compared with what followed. */
function storedHoldout(customers: PurchaseDays[], asOf: number): StoredHoldout | null {
  let first = Number.POSITIVE_INFINITY;
  for (const c of customers) if (c.days.length && c.days[0]! < first) first = c.days[0]!;
  const split = Number.isFinite(first) ? holdoutSplit(first, asOf) : null;
  const h = split ? holdoutCheck(customers, split.calibrationEnd, split.holdoutEnd, 'week') : null;
  if (!h) return null;
  return {
    ...h,
    calibrationEnd: isoDay(h.calibrationEnd),
    holdoutEnd: isoDay(h.holdoutEnd),
    tracking: h.tracking.map((p) => ({ date: isoDay(p.day), actual: p.actual, predicted: p.predicted })),
  };
}

export type RefreshPhase = 'reading' | 'fitting' | 'affinities' | 'storing';
export type RefreshProgress = { phase: RefreshPhase; done: number; total: number | null; startedAt: string };

export async function refreshScores(
  core: Core,
  actor: Actor,
  o: {
    asOf?: string;
    onProgress?: (p: Omit<RefreshProgress, 'startedAt'>) => void;
    /** Rows per write transaction (GENERATION_WRITE_ROWS). */
    writeRows?: number;
    /** Called after each of the refresh's write transactions committed (a test reads between them). */
    onCommit?: OnGenerationCommit;
  } = {},
): Promise<ScoreRun> {
  authorize(actor, 'analytics.refresh');
  const started = core.now();
  const t0 = performance.now();
  const asOf = o.asOf ?? (await todayIn(core, actor.workspaceId));
  const settings = await analyticsSettings(core, actor.workspaceId);
  o.onProgress?.({ phase: 'reading', done: 0, total: null });
  const p = await workspacePurchases(core, actor.workspaceId, asOf);
  o.onProgress?.({ phase: 'fitting', done: 0, total: p.customers.length });
  const rfm = computeRfm(p.customers, p.asOf, settings.rfmGrid);
  let clv: ClvResult | null = null;
  let note: string | null = null;
  try {
    clv = analyseClv(p.customers, p.asOf, { unit: 'week', horizon: SCORE_HORIZON_WEEKS, annualDiscountRate: SCORE_DISCOUNT_RATE });
  } catch (e) {
    if (!(e instanceof NotEnoughData)) throw e;
    note = e.message;
  }
  const value = new Map(clv?.customers.map((c) => [c.customerId, c]) ?? []);
  // Value tiers: the lifetime value set against the past year's spend (and the cost to serve, when known).
  const pastYear = new Map<string, number>();
  for (const c of p.customers) {
    let spend = 0;
    for (let i = 0; i < c.days.length; i++) if (c.days[i]! > p.asOf - 365 && c.days[i]! <= p.asOf) spend += c.amounts[i]!;
    pastYear.set(c.customerId, spend);
  }
  const tiers = assignTiers(
    (clv?.customers ?? []).map((c) => ({
      customerId: c.customerId,
      clv: c.clv,
      expectedPurchases: c.expectedPurchases,
      pAlive: c.pAlive,
      pastYearSpend: pastYear.get(c.customerId) ?? 0,
    })),
    settings.tiers,
    (SCORE_HORIZON_WEEKS * 7) / 365,
  );
  o.onProgress?.({ phase: 'affinities', done: 0, total: null });
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const { affinities } = await workspaceAffinities(core, actor.workspaceId, p.asOf, dayIn(ws?.timezone ?? 'UTC'));
  const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
  const rows = rfm.map((r) => {
    const v = value.get(r.customerId);
    return {
      contact_id: r.customerId,
      workspace_id: actor.workspaceId,
      recency: r.recency,
      frequency: r.frequency,
      monetary: r.monetary,
      r: r.r,
      f: r.f,
      m: r.m,
      segment: r.segment,
      p_alive: finite(v?.pAlive),
      expected_purchases: finite(v?.expectedPurchases),
      expected_spend: finite(v?.expectedSpend),
      clv: finite(v?.clv),
      tier: tiers.get(r.customerId)?.tier ?? null,
      net_value: finite(tiers.get(r.customerId)?.netValue),
      growth: finite(tiers.get(r.customerId)?.growth),
    };
  });
  const models = clv ? { bgnbd: clv.bgnbd, gammaGamma: clv.gammaGamma, holdout: storedHoldout(p.customers, p.asOf) } : null;
  const finished = core.now().toISOString();
  // A new generation beside the current one, in transactions of a bounded size (on SQLite each holds the write lock
  // every other writer waits for); readers go on reading the current one until the small transaction that switches.
  const writeRows = o.writeRows ?? GENERATION_WRITE_ROWS;
  const { current, next } = await scoreGenerations(core.db, actor.workspaceId);
  // Rows of a refresh that died before its switch.
  await dropGeneration(core, 'customer_scores', actor.workspaceId, current, writeRows, o.onCommit);
  for (let i = 0; i < rows.length; i += writeRows) {
    o.onProgress?.({ phase: 'storing', done: i, total: rows.length });
    const batch = rows.slice(i, i + writeRows).map((r) => ({ ...r, generation: next }));
    await core.db.transaction().execute((trx) => insertScoreRows(trx, batch));
    await o.onCommit?.({ step: 'write', rows: batch.length });
  }
  await core.db.transaction().execute(async (trx) => {
    await storeAffinities(trx, actor.workspaceId, affinities);
    const run = {
      as_of: asOf,
      customers: rows.length,
      models: models ? JSON.stringify(models) : null,
      note,
      started_at: started.toISOString(),
      finished_at: finished,
      run_by: actor.userId,
      generation: next,
    };
    await trx.deleteFrom('score_runs').where('workspace_id', '=', actor.workspaceId).execute();
    await trx
      .insertInto('score_runs')
      .values({ workspace_id: actor.workspaceId, ...run })
      .execute();
  });
  await o.onCommit?.({ step: 'switch', rows: 1 });
  await dropGeneration(core, 'customer_scores', actor.workspaceId, next, writeRows, o.onCommit);
  // The per-customer aggregates kept ready too (built after an upgrade or a big import), so the RFM pages
  // answer from them instead of scanning the orders.
  await freshStats(core, actor.workspaceId, { ...(o.writeRows ? { writeRows: o.writeRows } : {}), ...(o.onCommit ? { onCommit: o.onCommit } : {}) });
  return { asOf, customers: rows.length, models, note, startedAt: started.toISOString(), finishedAt: finished, seconds: (performance.now() - t0) / 1000 };
}

/**
 * A refresh started from the web runs in the background (a million customers take longer than a request may):
 * a job, `analytics.score-refresh`, that whichever process runs jobs takes — so it survives a restart and runs
 * once across processes. One at a time per workspace, held by a lease that any server process sees, taken when
 * it is asked for (so a second request is refused at once) and given back when the job ends; its progress is
 * kept by the process running it.
 */
const running = new Map<string, RefreshProgress>();
const HOLDER = `${process.pid}-${randomUUID()}`;
export const scoreLease = (workspaceId: string) => `score-refresh:${workspaceId}`;
const leaseOf = scoreLease;
export const SCORE_REFRESH_JOB = 'analytics.score-refresh';
/** The lease of a refresh asked for: long enough for the queue and the run; the job renews it as it starts. */
const REFRESH_LEASE_MS = 60 * 60_000;
export type ScoreRefreshPayload = { actor: Actor; asOf?: string; holder: string; startedAt: string };

export async function startScoreRefresh(core: Core, actor: Actor, o: { asOf?: string } = {}): Promise<RefreshProgress> {
  authorize(actor, 'analytics.refresh');
  const now = core.now();
  if (!(await takeLease(core, leaseOf(actor.workspaceId), HOLDER, now, REFRESH_LEASE_MS))) {
    throw new AppError('conflict', 'The scores are already being computed; wait for that to finish', { reason: 'record_busy' });
  }
  const payload: ScoreRefreshPayload = { actor, holder: HOLDER, startedAt: now.toISOString(), ...(o.asOf ? { asOf: o.asOf } : {}) };
  try {
    await enqueue(core.db, { kind: SCORE_REFRESH_JOB, workspaceId: actor.workspaceId, payload, maxAttempts: 2 }, now);
  } catch (e) {
    await releaseLease(core, leaseOf(actor.workspaceId), HOLDER, core.now());
    throw e;
  }
  return { phase: 'reading', done: 0, total: null, startedAt: now.toISOString() };
}

/** The job: the refresh asked for, under the lease its request took (held for it whichever process runs it). */
export async function runScoreRefreshJob(core: Core, p: ScoreRefreshPayload): Promise<{ customers: number; seconds: number }> {
  const ws = p.actor.workspaceId;
  const progress: RefreshProgress = { phase: 'reading', done: 0, total: null, startedAt: p.startedAt };
  running.set(ws, progress);
  try {
    const run = await refreshScores(core, p.actor, { ...(p.asOf ? { asOf: p.asOf } : {}), onProgress: (x) => Object.assign(progress, x) });
    return { customers: run.customers, seconds: run.seconds };
  } finally {
    running.delete(ws);
    await releaseLease(core, leaseOf(ws), p.holder, core.now());
  }
}

/** A refresh under way in this workspace: its progress when this process runs it, or just that one is asked for or running elsewhere. */
export async function refreshUnderWay(core: Core, workspaceId: string): Promise<RefreshProgress | null> {
  const mine = running.get(workspaceId);
  if (mine) return { ...mine };
  const lease = await core.db.selectFrom('job_leases').select(['until']).where('name', '=', leaseOf(workspaceId)).executeTakeFirst();
  return lease && lease.until > core.now().toISOString() ? { phase: 'reading', done: 0, total: null, startedAt: '' } : null;
}

export type ContactScores = {
  asOf: string;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
  pAlive: number | null;
  expectedPurchases: number | null;
  expectedSpend: number | null;
  clv: number | null;
  tier: ValueTier | null;
  netValue: number | null;
  growth: number | null;
  horizonWeeks: number;
};

/** One customer's scores of the last refresh: null when there has been none, or they had not bought by then. */
export async function contactScores(
  core: Core,
  actor: Actor,
  contactId: string,
): Promise<{ scores: ContactScores | null; refreshedAt: string | null; note: string | null }> {
  const [c] = await findContactsByIds(core.db, scopeFor(actor, 'contacts.read'), [contactId]);
  if (!c) throw notFound('Contact');
  const run = await core.db.selectFrom('score_runs').select(['as_of', 'finished_at', 'note']).where('workspace_id', '=', actor.workspaceId).executeTakeFirst();
  const s = await currentScores(core.db, actor.workspaceId).selectAll().where('contact_id', '=', contactId).executeTakeFirst();
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return {
    refreshedAt: run?.finished_at ?? null,
    note: run?.note ?? null,
    scores:
      run && s
        ? {
            asOf: run.as_of,
            recency: Number(s.recency),
            frequency: Number(s.frequency),
            monetary: Number(s.monetary),
            r: Number(s.r),
            f: Number(s.f),
            m: Number(s.m),
            segment: s.segment as RfmSegment,
            pAlive: num(s.p_alive),
            expectedPurchases: num(s.expected_purchases),
            expectedSpend: num(s.expected_spend),
            clv: num(s.clv),
            tier: (s.tier as ValueTier | null) ?? null,
            netValue: num(s.net_value),
            growth: num(s.growth),
            horizonWeeks: SCORE_HORIZON_WEEKS,
          }
        : null,
  };
}

/** The last refresh of the workspace, if any. */
export async function lastScoreRun(core: Core, actor: Actor): Promise<Omit<ScoreRun, 'seconds'> | null> {
  authorize(actor, 'analytics.read');
  const r = await core.db.selectFrom('score_runs').selectAll().where('workspace_id', '=', actor.workspaceId).executeTakeFirst();
  if (!r) return null;
  return { asOf: r.as_of, customers: Number(r.customers), models: readJson(r.models, null), note: r.note, startedAt: r.started_at, finishedAt: r.finished_at };
}
