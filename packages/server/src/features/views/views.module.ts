import type { KithModule } from '../../kith-module.ts';
import { viewRoutes } from './view.routes.ts';

export const viewsModule: KithModule = {
  name: 'views',
  routes: [viewRoutes],
};
