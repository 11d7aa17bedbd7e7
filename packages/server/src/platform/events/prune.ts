import type { Core } from '../../core.ts';
import { pruneDeliveredEvents } from './event.repository.ts';

/**
 * The outbox does not grow for ever: once a day a recurring job (events.module.ts) deletes the events older than
 * the retention (KITH_EVENT_RETENTION_DAYS, 30 days) that every listener has had. An event some listener is still
 * waiting for is kept, however old, so pruning never loses a delivery.
 */
export const EVENTS_PRUNE_JOB = 'events.prune';
export const EVENTS_PRUNE_SCHEDULE = { everyMs: 24 * 3_600_000, firstAfterMs: 10 * 60_000 };
const PER_STATEMENT = 5_000;

export async function pruneEvents(core: Core, o: { signal?: AbortSignal } = {}): Promise<{ deleted: number; before: string }> {
  const before = new Date(core.now().getTime() - core.config.eventRetentionDays * 24 * 3_600_000).toISOString();
  let deleted = 0;
  // In slices, each its own statement: a long backlog does not hold one large transaction.
  for (;;) {
    if (o.signal?.aborted) break;
    const n = await pruneDeliveredEvents(core.db, before, PER_STATEMENT);
    deleted += n;
    if (n < PER_STATEMENT) break;
  }
  if (deleted) core.log.info({ deleted, before }, 'delivered events pruned');
  return { deleted, before };
}
