import type { KithModule } from '../../kith-module.ts';
import { teamRoutes } from './team.routes.ts';

export const teamsModule: KithModule = {
  name: 'teams',
  routes: [teamRoutes],
};
