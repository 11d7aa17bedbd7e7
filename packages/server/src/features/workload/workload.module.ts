import type { KithModule } from '../../kith-module.ts';
import { workloadRoutes } from './workload.routes.ts';

/**
 * Workload (issue 20): open work per person against capacities, shifts, the peak-time view. Automatic ticket
 * assignment reads the capacities and shifts it sets (tickets/ticket-capacity.repository.ts).
 */
export const workloadModule: KithModule = {
  name: 'workload',
  routes: [workloadRoutes],
};
