import type { KithModule } from '../../kith-module.ts';
import { kpiRoutes } from './kpi.routes.ts';

/** People and measurement (issue 20): KPIs per person, team and period, targets, scorecards, period close, plans per segment. */
export const kpisModule: KithModule = {
  name: 'kpis',
  routes: [kpiRoutes],
};
