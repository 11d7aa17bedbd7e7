import type { KithModule } from '../../kith-module.ts';
import { rewardRoutes } from './rewards.routes.ts';

/**
 * The reward and penalty record (issue 20). The KPIs' period close calls `proposeFromRules`
 * (reward-rules.service.ts) in its transaction; nothing else plugs in.
 */
export const rewardsModule: KithModule = {
  name: 'rewards',
  routes: [rewardRoutes],
};
