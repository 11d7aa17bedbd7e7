import { duplicateContactRefs } from './duplicate.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { duplicateRoutes } from './duplicate.routes.ts';

export const duplicatesModule: KithModule = {
  name: 'duplicates',
  routes: [duplicateRoutes],
  contactRefs: duplicateContactRefs,
};
