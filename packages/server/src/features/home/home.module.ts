import type { KithModule } from '../../kith-module.ts';
import { homeRoutes } from './home.routes.ts';

/** The first screen after signing in, per role (issue 20). */
export const homeModule: KithModule = {
  name: 'home',
  routes: [homeRoutes],
};
