import { loyaltyTimeline } from './loyalty-timeline.repository.ts';
import { loyaltyContactRefs } from './loyalty.refs.ts';
import { ordersChangedHook } from '../commerce/order-events.ts';
import { listen, type KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { loyaltyRoutes } from './loyalty.routes.ts';
import { expirePoints, LOYALTY_EXPIRE_JOB, LOYALTY_SYNC_JOB, loyaltyOnOrdersChanged, runLoyaltySync } from './loyalty.service.ts';

export const loyaltyModule: KithModule = {
  name: 'loyalty',
  routes: [loyaltyRoutes],
  jobs: {
    [LOYALTY_SYNC_JOB]: (core, job: ClaimedJob<{ workspaceId: string; contactIds: string[] }>) => runLoyaltySync(core, job.payload),
    [LOYALTY_EXPIRE_JOB]: (core, job: ClaimedJob<{ workspaceId: string; contactId: string }>) => expirePoints(core, job.payload),
  },
  // Points and tiers follow the customer's orders.
  listeners: [listen(ordersChangedHook, loyaltyOnOrdersChanged)],
  contactRefs: loyaltyContactRefs,
  timeline: [loyaltyTimeline],
};
