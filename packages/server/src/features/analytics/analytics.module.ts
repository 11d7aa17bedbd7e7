import { analyticsContactRefs } from './analytics.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { SCORE_SCHEDULE, SCORE_SCHEDULE_JOB, scoreScheduleJob } from './score-schedule.ts';

export const analyticsModule: KithModule = {
  name: 'analytics',
  routes: [analyticsRoutes],
  // The customer scores, refreshed when over a day old (looked for every hour).
  jobs: { [SCORE_SCHEDULE_JOB]: scoreScheduleJob },
  recurring: { [SCORE_SCHEDULE_JOB]: SCORE_SCHEDULE },
  contactRefs: analyticsContactRefs,
};
