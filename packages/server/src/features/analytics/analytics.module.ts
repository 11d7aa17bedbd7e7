import { analyticsContactRefs } from './analytics.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { SCORE_SCHEDULE, SCORE_SCHEDULE_JOB, scoreScheduleJob } from './score-schedule.ts';
import { runScoreRefreshJob, SCORE_REFRESH_JOB, type ScoreRefreshPayload } from './score.service.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { statsDirtyListener } from './customer-stats.ts';

export const analyticsModule: KithModule = {
  name: 'analytics',
  routes: [analyticsRoutes],
  // The customer scores, refreshed when over a day old (looked for every hour).
  // A refresh asked for on the web runs as a job too (score.service.ts).
  jobs: {
    [SCORE_SCHEDULE_JOB]: scoreScheduleJob,
    [SCORE_REFRESH_JOB]: (core, job: ClaimedJob<ScoreRefreshPayload>) => runScoreRefreshJob(core, job.payload),
  },
  recurring: { [SCORE_SCHEDULE_JOB]: SCORE_SCHEDULE },
  contactRefs: analyticsContactRefs,
  // The purchase statistics follow the customers' orders (marked dirty, recomputed when read).
  events: [statsDirtyListener],
};
