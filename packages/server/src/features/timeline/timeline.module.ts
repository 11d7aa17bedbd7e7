import type { KithModule } from '../../kith-module.ts';
import { timelineRoutes } from './timeline.routes.ts';

/** The customer's timeline: the features' timeline sources (their modules' `timeline`), merged into one page. */
export const timelineModule: KithModule = {
  name: 'timeline',
  routes: [timelineRoutes],
};
