import type { KithModule } from '../../kith-module.ts';
import { invitationRoutes } from './invitation.routes.ts';

export const invitationsModule: KithModule = {
  name: 'invitations',
  routes: [invitationRoutes],
};
