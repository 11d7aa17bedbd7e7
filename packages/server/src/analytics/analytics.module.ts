import type { KithModule } from '../kith-module.ts';
import { analyticsRoutes } from './analytics.routes.ts';

export const analyticsModule: KithModule = {
  name: 'analytics',
  routes: [analyticsRoutes],
};
