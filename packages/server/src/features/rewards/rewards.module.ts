import { listen, type KithModule } from '../../kith-module.ts';
import { kpiPeriodClosedHook } from '../kpis/kpi.service.ts';
import { proposeFromRules } from './reward-rules.service.ts';
import { rewardRoutes } from './rewards.routes.ts';

/**
 * The reward and penalty record (issue 20). When a KPI period closes (or is recounted), its rules propose entries
 * from the frozen figures, in the close's transaction (`proposeFromRules`: one per rule, person and period, so a
 * recount proposes nothing twice).
 */
export const rewardsModule: KithModule = {
  name: 'rewards',
  routes: [rewardRoutes],
  listeners: [listen(kpiPeriodClosedHook, (trx, core, e) => proposeFromRules(trx, core, e).then(() => undefined))],
};
