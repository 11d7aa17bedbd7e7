import type { KithModule } from '../../kith-module.ts';
import { companyRoutes } from './company.routes.ts';

export const companiesModule: KithModule = {
  name: 'companies',
  routes: [companyRoutes],
};
