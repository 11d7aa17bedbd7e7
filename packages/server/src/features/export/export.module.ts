import type { KithModule } from '../../kith-module.ts';
import { listExportRoutes } from './list-export.routes.ts';

export const exportModule: KithModule = {
  name: 'export',
  routes: [listExportRoutes],
};
