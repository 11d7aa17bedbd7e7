import type { KithModule } from '../../kith-module.ts';
import { authRoutes } from './auth.routes.ts';

export const authModule: KithModule = {
  name: 'auth',
  routes: [authRoutes],
};
