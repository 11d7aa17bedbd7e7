import type { KithModule } from '../../kith-module.ts';
import { memberRoutes } from './member.routes.ts';

export const membersModule: KithModule = {
  name: 'members',
  routes: [memberRoutes],
};
