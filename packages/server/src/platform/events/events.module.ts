import type { KithModule } from '../../kith-module.ts';
import { EVENTS_PRUNE_JOB, EVENTS_PRUNE_SCHEDULE, pruneEvents } from './prune.ts';

/** The domain-event outbox's upkeep: delivered events past their retention deleted daily (prune.ts). */
export const eventsModule: KithModule = {
  name: 'events',
  jobs: { [EVENTS_PRUNE_JOB]: (core, _job, signal) => pruneEvents(core, { signal }) },
  recurring: { [EVENTS_PRUNE_JOB]: EVENTS_PRUNE_SCHEDULE },
};
