import { contactChangesTimeline } from './contact-timeline.repository.ts';
import { contactContactRefs } from './contact.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { contactRoutes } from './contact.routes.ts';

export const contactsModule: KithModule = {
  name: 'contacts',
  routes: [contactRoutes],
  contactRefs: contactContactRefs,
  timeline: [contactChangesTimeline],
};
