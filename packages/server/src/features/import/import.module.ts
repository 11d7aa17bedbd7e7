import type { KithModule } from '../../kith-module.ts';
import { importRoutes } from './import.routes.ts';

export const importModule: KithModule = {
  name: 'import',
  routes: [importRoutes],
};
