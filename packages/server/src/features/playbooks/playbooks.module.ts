import { playbookContactRefs } from './playbook.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { playbookStepJob } from './playbook-jobs.ts';
import { playbookRoutes } from './playbook.routes.ts';
import { PLAYBOOK_ENROLL_JOB, PLAYBOOK_STEP_JOB, type EnrollPayload } from './playbook.service.ts';
import { playbookEnrollTrigger, runAutoEnroll } from './playbook-enroll.service.ts';

export const playbooksModule: KithModule = {
  name: 'playbooks',
  routes: [playbookRoutes],
  jobs: {
    [PLAYBOOK_STEP_JOB]: playbookStepJob,
    [PLAYBOOK_ENROLL_JOB]: (core, job: ClaimedJob<EnrollPayload>, signal) => runAutoEnroll(core, job.payload, signal),
  },
  contactRefs: playbookContactRefs,
  // A customer changed: the auto-enrolment looks at the audiences within the minute (and every hour anyway).
  events: [playbookEnrollTrigger],
};
