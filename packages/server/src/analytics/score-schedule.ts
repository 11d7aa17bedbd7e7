import type { Core } from '../core.ts';
import { cliActor } from '../auth/actor.ts';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import { refreshScores, scoreLease } from './score.service.ts';
import { releaseLease, takeLease } from './leases.ts';

/**
 * The scores' schedule (issue 5: "refreshed on a schedule and on demand"): each server process looks every
 * hour for workspaces whose scores are older than a day (or were never computed, once they have orders) and
 * refreshes them. Processes sharing a PostgreSQL take turns through a lease (`job_leases`), so one of them
 * does the work; a holder that dies leaves a lease that runs out.
 */

const LEASE = 'score-refresh';
const LEASE_MS = 30 * 60_000;
export const STALE_AFTER_MS = 24 * 3_600_000;

/** One pass of the schedule: the workspaces refreshed (none when another process holds the lease). */
export async function runDueScoreRefreshes(core: Core, holder: string): Promise<{ refreshed: string[]; leased: boolean }> {
  const now = core.now();
  if (!(await takeLease(core, LEASE, holder, now, LEASE_MS))) return { refreshed: [], leased: false };
  const refreshed: string[] = [];
  try {
    const stale = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
    const workspaces = await core.db
      .selectFrom('workspaces as w')
      .leftJoin('score_runs as r', 'r.workspace_id', 'w.id')
      .select(['w.id', 'r.finished_at'])
      .where((eb) => eb.or([eb('r.finished_at', 'is', null), eb('r.finished_at', '<', stale)]))
      .execute();
    for (const w of workspaces) {
      const buys = await core.db.selectFrom('orders').select('id').where('workspace_id', '=', w.id).where('deleted_at', 'is', null).where('status', 'in', PURCHASE_STATUSES).limit(1).executeTakeFirst();
      if (!buys) continue;
      const owner = await core.db.selectFrom('memberships').select('user_id').where('workspace_id', '=', w.id).where('role', '=', 'owner').orderBy('created_at').executeTakeFirst();
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
  } finally {
    await releaseLease(core, LEASE, holder, core.now());
  }
  return { refreshed, leased: true };
}

/** Start the hourly check (the first a few minutes after start); returns a stop function. */
export function startScoreSchedule(core: Core, holder: string, o: { firstAfterMs?: number; everyMs?: number } = {}): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = () => {
    core.jobs.start('score schedule', async () => {
      if (!stopped) await runDueScoreRefreshes(core, holder);
    });
    if (!stopped) timer = setTimeout(tick, o.everyMs ?? 3_600_000).unref();
  };
  timer = setTimeout(tick, o.firstAfterMs ?? 5 * 60_000).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
