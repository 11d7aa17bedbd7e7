import type { KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import {
  recomputeSegments,
  SEGMENTS_RECOMPUTE_JOB,
  SEGMENTS_RECOMPUTE_SCHEDULE,
  SEGMENTS_RECOMPUTE_WORKSPACE_JOB,
  segmentRecomputeTrigger,
  type RecomputeWorkspacePayload,
} from './segment-members.service.ts';
import { segmentRoutes } from './segment.routes.ts';
import { segmentContactRefs } from './segments.refs.ts';

export const segmentsModule: KithModule = {
  name: 'segments',
  routes: [segmentRoutes],
  jobs: {
    // Every saved segment of every workspace, every 15 minutes: conditions on time and scores move by themselves.
    [SEGMENTS_RECOMPUTE_JOB]: (core, _job, signal) => recomputeSegments(core, null, signal),
    [SEGMENTS_RECOMPUTE_WORKSPACE_JOB]: (core, job: ClaimedJob<RecomputeWorkspacePayload>, signal) => recomputeSegments(core, job.payload.workspaceId, signal),
  },
  recurring: { [SEGMENTS_RECOMPUTE_JOB]: SEGMENTS_RECOMPUTE_SCHEDULE },
  contactRefs: segmentContactRefs,
  // A customer changed: their workspace's segments are recomputed within the minute (segment.entered / segment.left).
  events: [segmentRecomputeTrigger],
};
