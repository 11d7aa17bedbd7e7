import type { KithModule } from '../../kith-module.ts';
import { customFieldRoutes } from './custom-field.routes.ts';

export const customFieldsModule: KithModule = {
  name: 'custom-fields',
  routes: [customFieldRoutes],
};
