import { orderTimeline } from './order-timeline.repository.ts';
import { orderContactRefs } from './order.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { commerceRoutes } from './commerce.routes.ts';

export const commerceModule: KithModule = {
  name: 'commerce',
  routes: [commerceRoutes],
  contactRefs: orderContactRefs,
  timeline: [orderTimeline],
};
