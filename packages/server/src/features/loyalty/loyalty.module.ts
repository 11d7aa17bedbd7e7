import { loyaltyTimeline } from './loyalty-timeline.repository.ts';
import { loyaltyContactRefs } from './loyalty.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { loyaltyRoutes } from './loyalty.routes.ts';
import { expirePoints } from './loyalty-expiry.service.ts';
import { LOYALTY_EXPIRE_JOB, LOYALTY_SYNC_JOB, loyaltyPointsListener, runLoyaltySync } from './loyalty-points.service.ts';

export const loyaltyModule: KithModule = {
  name: 'loyalty',
  routes: [loyaltyRoutes],
  jobs: {
    // A sync of many customers (jobs queued before orders' changes were events still run).
    [LOYALTY_SYNC_JOB]: (core, job: ClaimedJob<{ workspaceId: string; contactIds: string[] }>) => runLoyaltySync(core, job.payload),
    [LOYALTY_EXPIRE_JOB]: (core, job: ClaimedJob<{ workspaceId: string; contactId: string }>) => expirePoints(core, job.payload),
  },
  // Points and tiers follow the customer's orders, after the change committed (loyalty-points.service.ts says why that is safe).
  events: [loyaltyPointsListener],
  contactRefs: loyaltyContactRefs,
  timeline: [loyaltyTimeline],
};
