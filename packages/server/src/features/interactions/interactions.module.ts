import { interactionTimeline } from './interaction-timeline.repository.ts';
import { interactionContactRefs } from './interaction.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { interactionRoutes } from './interaction.routes.ts';

export const interactionsModule: KithModule = {
  name: 'interactions',
  routes: [interactionRoutes],
  contactRefs: interactionContactRefs,
  timeline: [interactionTimeline],
};
