import type { Core } from '../../core.ts';
import { cliActor } from '../../platform/auth/actor.ts';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import { refreshScores, scoreLease } from './score.service.ts';
import { releaseLease, takeLease } from './leases.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';

/**
 * The scores' schedule (issue 5: "refreshed on a schedule and on demand"): every hour, a recurring job looks for
 * workspaces whose scores are older than a day (or were never computed, once they have orders) and refreshes
 * them. The job runner runs it in whichever process claims the hour's job (jobs/runner.ts, recurring kinds), so
 * processes sharing a database do it once; a refresh someone started by hand keeps its workspace (its lease).
 */

export const SCORE_SCHEDULE_JOB = 'analytics.score-schedule';
/** Hourly, the first a few minutes after a server starts. */
export const SCORE_SCHEDULE = { everyMs: 3_600_000, firstAfterMs: 5 * 60_000 };
const LEASE_MS = 30 * 60_000;
export const STALE_AFTER_MS = 24 * 3_600_000;

/** One pass of the schedule: the workspaces refreshed. `holder` holds each workspace's refresh lease meanwhile. */
export async function runDueScoreRefreshes(core: Core, holder: string): Promise<{ refreshed: string[] }> {
  const now = core.now();
  const refreshed: string[] = [];
  const stale = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const workspaces = await core.db
    .selectFrom('workspaces as w')
    .leftJoin('score_runs as r', 'r.workspace_id', 'w.id')
    .select(['w.id', 'r.finished_at'])
    .where((eb) => eb.or([eb('r.finished_at', 'is', null), eb('r.finished_at', '<', stale)]))
    .execute();
  for (const w of workspaces) {
    const buys = await core.db
      .selectFrom('orders')
      .select('id')
      .where('workspace_id', '=', w.id)
      .where('deleted_at', 'is', null)
      .where('status', 'in', PURCHASE_STATUSES)
      .limit(1)
      .executeTakeFirst();
    if (!buys) continue;
    const owner = await core.db
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', w.id)
      .where('role', '=', 'owner')
      .orderBy('created_at')
      .executeTakeFirst();
    if (!owner) continue;
    // A refresh someone started by hand is under way: leave the workspace to it.
    if (!(await takeLease(core, scoreLease(w.id), holder, core.now(), LEASE_MS))) continue;
    try {
      const run = await refreshScores(core, cliActor({ userId: owner.user_id, workspaceId: w.id, role: 'owner', teamIds: [] }));
      core.log.info({ workspaceId: w.id, customers: run.customers, seconds: run.seconds }, 'customer scores refreshed on schedule');
      refreshed.push(w.id);
    } catch (err) {
      core.log.error({ err, workspaceId: w.id }, 'scheduled score refresh failed');
    } finally {
      await releaseLease(core, scoreLease(w.id), holder, core.now());
    }
  }
  return { refreshed };
}

/** The recurring job: one pass, by the process that claimed it. */
export function scoreScheduleJob(core: Core, job: ClaimedJob): Promise<{ refreshed: string[] }> {
  return runDueScoreRefreshes(core, job.lockedBy);
}
