import type { KithModule } from '../../kith-module.ts';
import { segmentRoutes } from './segment.routes.ts';

export const segmentsModule: KithModule = {
  name: 'segments',
  routes: [segmentRoutes],
};
