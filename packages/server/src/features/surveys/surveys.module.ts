import { surveyTimeline } from './survey-timeline.repository.ts';
import { surveyContactRefs } from './survey.refs.ts';
import { listen, type KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { workspaceZoneChangedHook } from '../workspaces/workspace.service.ts';
import { rebuildRollup, scheduleRollupRebuild, SURVEY_ROLLUP_JOB } from './survey-rollup.ts';
import { surveyPageRoutes, surveyRoutes } from './survey.routes.ts';
import { runSurveyInvite, SURVEY_INVITE_JOB, surveyTriggers, type SurveyInvitePayload } from './survey-invitation.service.ts';

export const surveysModule: KithModule = {
  name: 'surveys',
  routes: [surveyRoutes],
  pages: [surveyPageRoutes],
  jobs: {
    [SURVEY_INVITE_JOB]: (core, job: ClaimedJob<SurveyInvitePayload>) => runSurveyInvite(core, job.payload),
    [SURVEY_ROLLUP_JOB]: (core, job: ClaimedJob<{ workspaceId: string }>) => rebuildRollup(core, job.payload.workspaceId),
  },
  listeners: [
    // The dashboard's counts are kept by local day: a new zone recounts them.
    listen(workspaceZoneChangedHook, (trx, _core, e) => scheduleRollupRebuild(trx, e.workspaceId, e.now)),
  ],
  contactRefs: surveyContactRefs,
  // A survey's triggers, after the change committed: an order delivered, a ticket resolved.
  events: [surveyTriggers],
  timeline: [surveyTimeline],
};
