import type { KithModule } from '../../kith-module.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditModule: KithModule = {
  name: 'audit',
  routes: [auditRoutes],
};
