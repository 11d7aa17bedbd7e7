import { dealTimeline } from './deal-timeline.repository.ts';
import { dealContactRefs } from './deal.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { dealRoutes } from './deal.routes.ts';

export const dealsModule: KithModule = {
  name: 'deals',
  routes: [dealRoutes],
  contactRefs: dealContactRefs,
  timeline: [dealTimeline],
};
