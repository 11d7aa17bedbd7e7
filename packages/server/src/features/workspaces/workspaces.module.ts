import type { KithModule } from '../../kith-module.ts';
import { workspaceRoutes } from './workspace.routes.ts';

export const workspacesModule: KithModule = {
  name: 'workspaces',
  routes: [workspaceRoutes],
};
